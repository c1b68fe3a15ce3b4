/* MRI parameters of the sputter-etch techniques, so that a user names a technique and gets the
 * resolution function its physics implies (S. Hofmann, Rep. Prog. Phys. 61 (1998) 827, typical
 * values; the same as the advisor's):
 *   XPS (Ar+ 1-3 keV, Al Kα): w 2 nm; λ = TPP-2M IMFP of 1.39 keV photoelectrons (Si 2p)
 *   AES (Ar+ 1-3 keV):        w 2 nm; λ = TPP-2M IMFP at 500 eV
 *   ToF-SIMS (0.5-1 keV Cs+/O2+): w 1 nm; λ 0.3 nm (secondary ions leave the top monolayer)
 *   GD-OES (Ar plasma, ~50 eV ions): w 3 nm; λ 0.3 nm
 * With a stack, λ is the mean IMFP over its layers (compounds with a 5 eV gap, elements none,
 * as the advisor); without one, a typical value for oxides and phosphates: 3 nm (XPS), 1.3 nm
 * (AES) (TPP-2M for Li3PO4 at those energies). Roughness is the user's: 0 by default. */
#include <string.h>
#include <strings.h>

#include "interlayer/sputter.h"
#include "interlayer/xray_depth.h"

static const struct {
    const char *word;
    il_sputter_technique t;
    double w_nm, lambda_nm, electron_eV;
} rows[] = {
    {"xps", IL_SPUTTER_XPS, 2.0, 3.0, 1486.6 - 99.0},
    {"aes", IL_SPUTTER_AES, 2.0, 1.3, 500.0},
    {"tof-sims", IL_SPUTTER_TOF_SIMS, 1.0, 0.3, 0},
    {"gd-oes", IL_SPUTTER_GD_OES, 3.0, 0.3, 0},
};
#define NROWS (sizeof rows / sizeof rows[0])

il_status il_sputter_technique_parse(const char *word, il_sputter_technique *t, il_error *err)
{
    for (size_t i = 0; word && i < NROWS; i++)
        if (!strcasecmp(word, rows[i].word)) {
            *t = rows[i].t;
            return IL_OK;
        }
    return il_error_set(err, IL_ERR_INVALID,
                        "technique '%s' unknown (expected xps, aes, tof-sims or gd-oes)",
                        word ? word : "");
}

const char *il_sputter_technique_name(il_sputter_technique t)
{
    return (unsigned)t < NROWS ? rows[t].word : "?";
}

il_status il_sputter_mri_defaults(const il_stack *s, il_sputter_technique t, il_mri_params *p,
                                  il_error *err)
{
    if (!p || (unsigned)t >= NROWS)
        return il_error_set(err, IL_ERR_INVALID, "il_sputter_mri_defaults: bad argument");
    p->w_nm = rows[t].w_nm;
    p->sigma_nm = 0;
    p->lambda_nm = rows[t].lambda_nm;
    if (!s || rows[t].electron_eV <= 0 || il_stack_count(s) == 0)
        return IL_OK;
    double sum = 0;
    size_t n = il_stack_count(s);
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(s, i);
        il_composition c;
        double L = 0;
        il_status st = il_layer_composition(l, &c, err);
        if (!st)
            st = il_electron_imfp_tpp2m_nm(&c, l->density_g_cm3, c.n <= 1 ? 0.0 : 5.0,
                                           rows[t].electron_eV, &L, err);
        if (st)
            return st;
        sum += L;
    }
    p->lambda_nm = sum / (double)n;
    return IL_OK;
}
