/* SLD of a reflectometry model layer (include/interlayer/refl_layer.h). */
#include "interlayer/refl_layer.h"
#include "interlayer/scattering.h"

il_status il_refl_layer_sld(const il_refl_layer_model *l, const il_refl_probe *p, double *re,
                            double *im, il_error *err)
{
    if (l->comp.n == 0) {
        *re = l->sld_re_1e6;
        *im = l->sld_im_1e6;
        return IL_OK;
    }
    /* natural Li split into 6Li / 7Li when a fraction is set */
    il_composition c = l->comp;
    il_status st = l->li6_fraction >= 0.0 ? il_composition_set_li6_fraction(&c, l->li6_fraction, err)
                                          : IL_OK;
    if (!st && p->probe == IL_REFL_XRAY)
        st = il_sld_xray(&c, l->density_g_cm3,
                         p->energy_keV > 0 ? p->energy_keV : IL_XRAY_CU_KA_keV, re, im, err);
    else if (!st)
        st = il_sld_neutron(&c, l->density_g_cm3,
                            p->wavelength_A > 0 ? p->wavelength_A
                                                : IL_NEUTRON_THERMAL_WAVELENGTH_A,
                            0, re, im, err);
    if (st)
        il_error_prefix(err, "layer '%s': ", l->name);
    return st;
}
