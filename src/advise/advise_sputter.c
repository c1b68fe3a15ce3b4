/* Sputter- and laser-etch depth profiling for the advisor. Sputtering reaches any depth (it
 * removes what is above), so depth resolution at the interface decides: the MRI function of
 * probes/sputter with the technique's mixing length and information depth, and a sputter front
 * that roughens with depth, σ² = σ_interface² + (k z)² with k the sputter_roughening option.
 *   XPS (Ar+ 1-3 keV): w 2 nm, λ = TPP-2M IMFP of 1.39 keV photoelectrons (Al Kα, Si 2p)
 *   AES: w 2 nm, λ = IMFP at 500 eV;  ToF-SIMS (0.5-1 keV Cs+/O2+): w 1 nm, λ 0.3 nm
 *   GD-OES: w 3 nm, λ 0.3 nm (the crater bottom is not flat: roughening counted twice)
 * (typical values, Hofmann Rep. Prog. Phys. 61 (1998) 827). Laser ablation (LA-ICP-MS, LIBS)
 * removes a fixed depth per pulse: the review's step is its resolution. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advise/advise_priv.h"
#include "interlayer/sputter.h"
#include "interlayer/xray_depth.h"

static il_status imfp_at_interface(const il__adv_ctx *c, double E_eV, double *lam, double *top_lam,
                                   double *tau, il_error *err)
{
    /* the IMFP in the two materials meeting at the interface (their mean), and the optical depth
     * of the unsputtered stack above for the same electrons */
    double sum = 0;
    *tau = 0;
    for (size_t i = 0; i <= c->upper + 1; i++) {
        il_composition comp;
        il_status st = il__adv_comp(c->s, i, &comp, err);
        double L = 0;
        if (!st)
            st = il_electron_imfp_tpp2m_nm(&comp, il_stack_layer(c->s, i)->density_g_cm3,
                                           comp.n <= 1 ? 0.0 : 5.0, E_eV, &L, err);
        if (st)
            return st;
        if (i == 0)
            *top_lam = L;
        if (i <= c->upper)
            *tau += il_stack_layer(c->s, i)->thickness_nm / L;
        if (i >= c->upper)
            sum += L / 2;
    }
    *lam = sum;
    return IL_OK;
}

il_status il__adv_sputter(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    const il_advise_options *o = c->o;
    const char *id = a->technique->id;
    unsigned w = o->wants;
    if (!strcmp(a->technique->family, "ablation")) {
        double step = a->technique->depth_res_min_nm;
        a->depth_resolution_nm = step;
        if (w & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) {
            il_verdict v = il__adv_scale(step, w & IL_WANT_LI_PROFILE ? o->resolution_nm
                                                                    : o->interlayer_nm);
            il__adv_judge(a, v, "depth step %.0f nm per ablation (review Sec. %s)", step,
                          a->technique->section);
        }
        if (w & IL_WANT_LI_AMOUNT && step > o->interlayer_nm)
            il__adv_judge(a, IL_VERDICT_MARGINAL,
                          "its %.0f nm ablation step mixes the %.0f nm interlayer with its "
                          "neighbours",
                          step, o->interlayer_nm);
        il__adv_judge(a, IL_VERDICT_WORKS, "ablates down to %.0f nm in steps of %.0f nm",
                      c->depth_nm, step);
        return IL_OK;
    }
    il_mri_params p = {2.0, 0, 0.3};
    double top_lam = NAN, tau = 0, lam = 0;
    il_status st = IL_OK;
    if (!strcmp(id, "xps")) {
        if ((st = imfp_at_interface(c, 1486.6 - 99.0, &lam, &top_lam, &tau, err)))
            return st;
        p.lambda_nm = lam;
    } else if (!strcmp(id, "aes")) {
        if ((st = imfp_at_interface(c, 500.0, &lam, &top_lam, &tau, err)))
            return st;
        p.lambda_nm = lam;
    } else if (!strcmp(id, "tof-sims")) {
        p.w_nm = 1.0;
    } else { /* gd-oes */
        p.w_nm = 3.0;
    }
    double k = o->sputter_roughening * (!strcmp(id, "gd-oes") ? 2.0 : 1.0);
    double s0 = il_stack_layer(c->s, c->upper)->roughness_nm;
    p.sigma_nm = sqrt(s0 * s0 + pow(k * c->depth_nm, 2));
    double dz = il_mri_depth_resolution_nm(&p);
    a->depth_resolution_nm = dz;
    char pre[160] = "";
    if (!isnan(top_lam))
        snprintf(pre, sizeof pre,
                 "without sputtering it sees %.0f nm (3 IMFP), the interface is %.0f nm deep; ",
                 3 * top_lam, c->depth_nm);
    double wanted = (w & IL_WANT_LI_PROFILE) ? o->resolution_nm : o->interlayer_nm;
    il_verdict v = il__adv_scale(dz, wanted);
    if (!(w & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) && v == IL_VERDICT_CANNOT)
        v = IL_VERDICT_MARGINAL; /* amounts and chemistry survive some blur */
    il__adv_judge(a, v,
                  "%ssputtered to it: depth resolution %.0f nm (MRI: w %.1f, sigma %.0f, lambda "
                  "%.1f nm) %s %.0f nm wanted",
                  pre, dz, p.w_nm, p.sigma_nm, p.lambda_nm, dz <= wanted ? "<=" : ">", wanted);
    if (v != IL_VERDICT_WORKS)
        il__adv_change(a, "remove most of the %.2f um above first (wedge/bevel, cross-section, "
                          "or a thinner top stack) and sputter the last part with sample "
                          "rotation",
                       c->depth_nm / 1000);
    if (w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE))
        snprintf(a->caveat, sizeof a->caveat,
                 "%s; Li is sputtered preferentially and migrates under the ion beam: Li "
                 "fractions read low and profiles broaden",
                 a->technique->limitation);
    (void)tau;
    return IL_OK;
}
