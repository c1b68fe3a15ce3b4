/* Photon energies given as text: the X-ray lines of laboratory sources by name, or a value with
 * an energy or wavelength unit (see il_xray_energy_parse). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/scattering.h"
#include "core/decimal.h"

/* Lower-case copy without spaces, '-', '_' and with "α" spelled "a". */
static void squash(const char *in, char *out, size_t size)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && k + 1 < size; p++) {
        if (p[0] == 0xCE && p[1] == 0xB1) { /* UTF-8 α */
            out[k++] = 'a';
            p++;
        } else if (*p == 0xC3 && p[1] == 0x85) { /* UTF-8 Å */
            out[k++] = 'a';
            p++;
        } else if (!isspace(*p) && *p != '-' && *p != '_') {
            out[k++] = (char)tolower(*p);
        }
    }
    out[k] = '\0';
}

il_status il_xray_energy_parse(const char *text, double *energy_keV, il_error *err)
{
    if (!text)
        return il_error_set(err, IL_ERR_INVALID, "no X-ray energy given");
    char s[64];
    squash(text, s, sizeof s);
    static const struct {
        const char *name;
        double keV;
    } lines[] = {{"cuka", IL_XRAY_CU_KA_keV}, {"cuka1", IL_XRAY_CU_KA_keV},
                 {"moka", IL_XRAY_MO_KA_keV}, {"moka1", IL_XRAY_MO_KA_keV}};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (strcmp(s, lines[i].name) == 0) {
            *energy_keV = lines[i].keV;
            return IL_OK;
        }
    char *end;
    double v = il_decimal_strtod(s, &end);
    if (end != s && v > 0.0 && isfinite(v)) {
        if (strcmp(end, "kev") == 0) {
            *energy_keV = v;
            return IL_OK;
        }
        if (strcmp(end, "ev") == 0) {
            *energy_keV = v * 1e-3;
            return IL_OK;
        }
        if (strcmp(end, "a") == 0) {
            *energy_keV = IL_HC_keV_A / v;
            return IL_OK;
        }
        if (strcmp(end, "nm") == 0) {
            *energy_keV = IL_HC_keV_A / (10.0 * v);
            return IL_OK;
        }
    }
    return il_error_set(err, IL_ERR_PARSE,
                        "X-ray energy '%s': expected CuKa, MoKa, or a value with keV, eV, Å or nm",
                        text);
}
