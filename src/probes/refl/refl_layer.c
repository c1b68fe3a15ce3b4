/* SLD of a reflectometry model layer (include/interlayer/refl_layer.h). */
#include "interlayer/refl_layer.h"
#include "interlayer/scattering.h"

il_status il_refl_layer_sld(const il_refl_layer_model *l, const il_refl_probe *p, double *re,
                            double *im, il_error *err)
{
    if (l->ncomp == 0) {
        *re = l->sld_re_1e6;
        *im = l->sld_im_1e6;
        return IL_OK;
    }
    if (l->ncomp > IL_REFL_COMP_MAX)
        return il_error_set(err, IL_ERR_INVALID, "layer '%s': more than %d components", l->name,
                            IL_REFL_COMP_MAX);
    /* natural Li split into 6Li / 7Li when a fraction is set */
    int Z[2 * IL_REFL_COMP_MAX], A[2 * IL_REFL_COMP_MAX];
    double n[2 * IL_REFL_COMP_MAX];
    size_t k = 0;
    for (size_t i = 0; i < l->ncomp; i++) {
        if (l->li6_fraction >= 0.0 && l->Z[i] == 3 && l->A[i] == 0) {
            double x = l->li6_fraction > 1.0 ? 1.0 : l->li6_fraction;
            Z[k] = 3, A[k] = 6, n[k++] = l->atoms[i] * x;
            Z[k] = 3, A[k] = 7, n[k++] = l->atoms[i] * (1.0 - x);
        } else {
            Z[k] = l->Z[i], A[k] = l->A[i], n[k++] = l->atoms[i];
        }
    }
    il_status st;
    if (p->probe == IL_REFL_XRAY)
        st = il_sld_xray(Z, A, n, k, l->density_g_cm3, 0.0,
                         p->energy_keV > 0 ? p->energy_keV : IL_XRAY_CU_KA_keV, re, im, err);
    else
        st = il_sld_neutron(Z, A, n, k, l->density_g_cm3, 0.0,
                            p->wavelength_A > 0 ? p->wavelength_A
                                                : IL_NEUTRON_THERMAL_WAVELENGTH_A,
                            0, re, im, err);
    if (st)
        il_error_prefix(err, "layer '%s': ", l->name);
    return st;
}
