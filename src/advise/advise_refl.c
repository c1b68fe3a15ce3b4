/* Neutron and X-ray reflectometry for the advisor: SLD contrast of the interlayer against its
 * neighbours (physics/scattering), the Q range needed for the wanted resolution and whether the
 * interlayer's reflectivity there stands above the background after the roughness above it and
 * the absorption on the way, and how far the interface lies from the side the beam comes from.
 * The interlayer is taken as the average of its two neighbours (a mixed zone), so its contrast
 * is half theirs; its Li adds N_Li b_Li, which 6Li (b = +2.0 fm) turns round against 7Li
 * (-2.22 fm). */
#include <math.h>
#include <stdio.h>

#include "advise/advise_priv.h"
#include "interlayer/scattering.h"

typedef struct {
    double re, im; /* 1e-6 Å⁻² */
} sld;

static il_status layer_sld(const il__adv_ctx *c, size_t i, int neutrons, double li6_fraction,
                           sld *out, il_error *err)
{
    il_composition comp;
    il_status st = il__adv_comp(c->s, i, &comp, err);
    if (!st && li6_fraction >= 0 && il_composition_count(&comp, 3, 0) > 0)
        st = il_composition_set_li6_fraction(&comp, li6_fraction, err);
    if (st)
        return st;
    double rho = il_stack_layer(c->s, i)->density_g_cm3;
    return neutrons ? il_sld_neutron(&comp, rho, IL_NEUTRON_THERMAL_WAVELENGTH_A, 0, &out->re,
                                     &out->im, err)
                    : il_sld_xray(&comp, rho, IL_XRAY_CU_KA_keV, &out->re, &out->im, err);
}

il_status il__adv_refl(const il__adv_ctx *c, il_advice *a, int neutrons, il_error *err)
{
    const il_advise_options *o = c->o;
    const double lambda_A = neutrons ? IL_NEUTRON_THERMAL_WAVELENGTH_A
                                     : IL_HC_keV_A / IL_XRAY_CU_KA_keV;
    const double background = neutrons ? 1e-7 : 1e-9; /* typical instrument floors */
    sld up, lo;
    il_status st = layer_sld(c, c->upper, neutrons, -1, &up, err);
    if (!st)
        st = layer_sld(c, c->upper + 1, neutrons, -1, &lo, err);
    if (st)
        return st;
    /* contrast of a mixed interlayer against its neighbours; for Li questions, the Li's own
     * share of the interlayer SLD */
    double contrast = fabs(up.re - lo.re) / 2;
    const double b_li_nat = -1.90, b_li6 = 2.0, b_li7 = -2.22; /* fm, Sears 1992 */
    double li_sld = c->li_atoms_cm3 * (neutrons ? b_li_nat : 0) * 1e-13 * 1e-16 * 1e6;
    if (!neutrons)
        li_sld = c->li_atoms_cm3 * 3 * IL_CLASSICAL_ELECTRON_RADIUS_A * 1e-24 * 1e6;
    if (o->wants & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE))
        contrast = fabs(li_sld);

    /* the side the beam comes from: the top, or for neutrons through the substrate */
    double from_top = c->depth_nm, from_sub = c->below_nm;
    int through_sub = neutrons && il_stack_substrate(c->s) && from_sub < from_top;
    double dist = through_sub ? from_sub : from_top;
    double sig2 = 0, tau_per_sin = 0; /* roughness above, absorption path (1/sin θ factor out) */
    size_t n = il_stack_count(c->s);
    /* roughness: layer i's roughness_nm is the interface below it; the beam crosses the
     * interfaces 0..upper from the top, upper..n-2 from the substrate */
    for (size_t i = 0; i + 1 < n; i++)
        if (through_sub ? i >= c->upper : i <= c->upper)
            sig2 += pow(il_stack_layer(c->s, i)->roughness_nm, 2);
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(c->s, i);
        int above = through_sub ? i > c->upper : i <= c->upper;
        if (above && !l->is_substrate) {
            sld s;
            if ((st = layer_sld(c, i, neutrons, -1, &s, err)))
                return st;
            /* μ = 2 λ Im ρ; in and out */
            tau_per_sin += 2 * (2 * lambda_A * s.im * 1e-6) * l->thickness_nm * 10;
        }
    }
    double sigma_A = sqrt(sig2) * 10;
    double qmax = IL_PI / (o->resolution_nm * 10);            /* Å⁻¹ */
    if (o->wants & IL_WANT_THICKNESS && !(o->wants & IL_WANT_LI_PROFILE))
        qmax = IL_PI / (o->interlayer_nm * 10);
    double sin_t = qmax * lambda_A / (4 * IL_PI);
    double R = 16 * IL_PI * IL_PI * pow(contrast * 1e-6, 2) / pow(qmax, 4) *
               exp(-qmax * qmax * sigma_A * sigma_A) * exp(-tau_per_sin / sin_t);
    a->depth_resolution_nm = IL_PI / (qmax * 10);
    a->reach = R;

    il_verdict vd = il__adv_scale(dist, 500.0);
    il__adv_judge(a, vd,
                  "interface %.0f nm from the %s (review Table 3: films of 1-500 nm give "
                  "resolvable fringes)",
                  dist, through_sub ? "substrate side" : "surface");
    if (vd != IL_VERDICT_WORKS)
        il__adv_change(a, "a model sample with the interface within 500 nm of a surface%s",
                       neutrons ? " or of the substrate" : "");
    il_verdict vr = R >= 10 * background ? IL_VERDICT_WORKS
                    : R >= background    ? IL_VERDICT_MARGINAL
                                         : IL_VERDICT_CANNOT;
    il__adv_judge(a, vr,
                  "%s contrast %.2g e-6/A2; reflectivity at Q = %.3f 1/A (for %.0f nm) %.1e vs "
                  "background %.0e",
                  (o->wants & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)) ? "Li" : "SLD",
                  contrast, qmax, IL_PI / (qmax * 10), R, background);
    if (vr != IL_VERDICT_WORKS && neutrons && c->li_atoms_cm3 > 0) {
        double swing = c->li_atoms_cm3 * (b_li6 - b_li7) * 1e-13 * 1e-16 * 1e6;
        il__adv_change(a, "6Li/7Li contrast (6Li against 7Li changes the interlayer SLD by %.2f "
                          "e-6/A2)",
                       swing);
    }
    if (sigma_A > 10) {
        il__adv_judge(a, sigma_A > 30 ? IL_VERDICT_CANNOT : IL_VERDICT_MARGINAL,
                      "roughness above the interface %.1f nm (review: < 1 nm)", sigma_A / 10);
        il__adv_change(a, "smoother films");
    }
    if (!neutrons && (o->wants & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)))
        il__adv_change(a, "neutrons (NR): Li scatters neutrons, not X-rays");
    return IL_OK;
}
