/* libFuzzer target for the formula parser and what follows a successful parse: masses,
 * isotope expansion, and the format -> parse round trip. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    il_formula f;
    il_error err;
    if (il_formula_parse(text, &f, &err) == IL_OK) {
        double M;
        il_composition c;
        if (il_composition_from_formula(&f, NULL, 0, &c, &err) != IL_OK ||
            il_composition_molar_mass(&c, &M, &err) != IL_OK || !(M > 0))
            abort();
        il_formula_isotope iso[IL_FORMULA_ISOTOPES_MAX];
        size_t n;
        if (il_formula_isotopes(&f, NULL, 0, iso, IL_FORMULA_ISOTOPES_MAX, &n, &err) != IL_OK)
            abort();
        /* 95 % of the lightest natural Li, when there is Li, must always be valid */
        il_enrichment e = {3, 6, 0.95};
        if (il_composition_from_formula(&f, &e, 1, &c, &err) != IL_OK ||
            il_composition_molar_mass(&c, &M, &err) != IL_OK)
            abort();
        int small = 0;
        for (size_t i = 0; i < f.n; i++)
            small |= f.count[i] < 1e-12;
        char buf[IL_FORMULA_MAX * 96];
        il_formula g;
        il_formula_format(&f, buf, sizeof buf);
        if (!small && strlen(buf) <= IL_FORMULA_TEXT_MAX && il_formula_parse(buf, &g, &err) != IL_OK)
            abort();
    }
    /* the same text as a material, and as an enrichment key holder */
    il_material_resolved r;
    il_material_resolve(NULL, text, 0, &r, &err);
    free(text);
    return 0;
}
