/* NDP for the advisor, with the project's own physics: do the alpha and the triton of
 * 6Li(n,a)3H born at the interface leave the stack (stopping, stack_stopping.h), how sharp is
 * the depth scale there (probes/ndp il_ndp_depth_resolution: straggling, detector, exit angles
 * of the default station), and how long a measurement takes for the wanted precision. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advise/advise_priv.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/nuclear.h"
#include "interlayer/stack_stopping.h"

#define NDP_MIN_EXIT_keV 100.0 /* below this the peak sinks into the low-energy background */

typedef struct {
    const char *name;
    il_ion ion;
    double E0_keV;
    double exit_keV;  /* mean energy leaving the surface (0: stopped) */
    double range_nm;  /* along the normal from the interface (INFINITY: leaves) */
    double fwhm_nm;   /* depth resolution at the interface */
} particle;

static il_status follow(const il__adv_ctx *c, particle *p, il_error *err)
{
    il_stack_stopping *ss = NULL;
    il_status st = il_stack_stopping_new(c->s, p->ion, IL_STRAG_YANG, &ss, err);
    if (st)
        return st;
    const il_slab *sl = il_stack_stopping_layers(ss);
    il_beam exit = {0};
    st = il_depth_energy(sl, il_stack_stopping_count(ss), c->depth_nm, p->E0_keV, 0.0, &exit, err);
    p->exit_keV = st ? 0 : exit.E_keV;
    /* the path back up: layers upper..0 */
    il_path_segment seg[64];
    size_t n = 0;
    for (size_t i = c->upper + 1; i-- > 0 && n < 64;)
        seg[n++] = (il_path_segment){sl[i].stopping, sl[i].atoms_cm3, sl[i].thickness_nm};
    if (!st)
        st = il_path_range_nm(seg, n, p->E0_keV, &p->range_nm, err);
    il_stack_stopping_free(ss);
    return st;
}

/* FWHM depth resolution (nm) of particle `key` from depth z for instrument ins; NaN when the
 * stack has no Li, the particle is not followed or does not leave */
static il_status resolution_for(const il__adv_ctx *c, const il_ndp_instrument *ins,
                                const char *key, double *fwhm, il_error *err)
{
    *fwhm = NAN;
    il_ndp_model *m = NULL;
    il_status st = il_ndp_model_new(c->s, ins, &m, err);
    for (size_t p = 0; !st && p < il_ndp_model_n_particles(m); p++)
        if (!strcmp(il_ndp_model_particle(m, p)->key, key)) {
            double z = c->depth_nm;
            st = il_ndp_depth_resolution(m, p, &z, 1, fwhm, NULL, err);
        }
    il_ndp_model_free(m);
    return st;
}

il_status il__adv_ndp(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    const il_advise_options *o = c->o;
    il_reaction r;
    il_status st = il_reaction_find("6Li_na_3H", &r, err);
    if (st)
        return st;
    particle pa[2] = {{"alpha", IL_ION_ALPHA, r.particle_keV[0], 0, 0, NAN},
                      {"triton", IL_ION_T, r.particle_keV[1], 0, 0, NAN}};
    for (int k = 0; k < 2 && !st; k++)
        st = follow(c, &pa[k], err);
    if (st)
        return st;

    /* depth resolution from the NDP forward model of this stack on the default station */
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.fluence_rate_n_cm2_s = o->ndp_fluence_rate_n_cm2_s;
    il_ndp_model *m = NULL;
    if (c->li_atoms_cm3 > 0 && (st = il_ndp_model_new(c->s, &ins, &m, err)))
        return st;
    for (size_t p = 0; m && p < il_ndp_model_n_particles(m); p++) {
        const il_ndp_particle *q = il_ndp_model_particle(m, p);
        for (int k = 0; k < 2; k++)
            if (!strcmp(q->key, pa[k].name) && pa[k].exit_keV >= NDP_MIN_EXIT_keV) {
                double z = c->depth_nm, f = NAN, e = NAN;
                if ((st = il_ndp_depth_resolution(m, p, &z, 1, &f, &e, err))) {
                    il_ndp_model_free(m);
                    return st;
                }
                pa[k].fwhm_nm = f;
            }
    }
    double omega = il_ndp_solid_angle_fraction(&ins);
    il_ndp_model_free(m);

    /* the best particle that leaves: the sharper depth scale */
    int best = -1;
    for (int k = 0; k < 2; k++)
        if (pa[k].exit_keV >= NDP_MIN_EXIT_keV &&
            (best < 0 || !(pa[best].fwhm_nm <= pa[k].fwhm_nm)))
            best = k;
    if (best < 0) {
        il__adv_judge(a, IL_VERDICT_CANNOT,
                      "neither alpha nor triton leaves from %.0f nm: alpha range %.2f um, "
                      "triton %.2f um above the interface",
                      c->depth_nm, pa[0].range_nm / 1000, pa[1].range_nm / 1000);
        il__adv_change(a, "measure from the other side (%.2f um of matter below the interface)",
                       c->below_nm / 1000);
        il__adv_change(a, "thinner layers above the interface");
        return IL_OK;
    }
    particle *b = &pa[best];
    a->depth_resolution_nm = b->fwhm_nm;
    a->reach = b->exit_keV;
    char who[160];
    if (pa[0].exit_keV < NDP_MIN_EXIT_keV)
        snprintf(who, sizeof who, "alpha cannot reach the surface (range %.2f um < %.2f um); "
                 "triton leaves at %.0f keV",
                 pa[0].range_nm / 1000, c->depth_nm / 1000, pa[1].exit_keV);
    else
        snprintf(who, sizeof who, "%s leaves at %.0f keV", b->name, b->exit_keV);

    /* counting: the interlayer's 6Li, both particles when both leave */
    double li6 = 0;
    int li6_enriched = 0;
    if (c->li_side >= 0) {
        const il_layer *l = il_stack_layer(c->s, c->upper + (size_t)c->li_side);
        li6 = l->li6_atoms_cm3;
        li6_enriched = l->li6_atoms_cm3 > 0.2 * l->li_atoms_cm3;
    }
    if (!(li6 > 0)) {
        il__adv_judge(a, IL_VERDICT_MARGINAL,
                      "%s; no Li next to this interface in the stack model to count", who);
        return IL_OK;
    }
    double n6_cm2 = li6 * o->interlayer_nm * 1e-7;
    double sigma_cm2 = il_reaction_sigma_b(&r, ins.neutron_meV) * 1e-24;
    int n_part = (pa[0].exit_keV >= NDP_MIN_EXIT_keV) + (pa[1].exit_keV >= NDP_MIN_EXIT_keV);
    double rate = o->ndp_fluence_rate_n_cm2_s * sigma_cm2 * n6_cm2 * omega * n_part;
    double t = 1.0 / (o->precision * o->precision * rate);
    unsigned w = o->wants;
    if (w & IL_WANT_LI_PROFILE) {
        il_verdict v = il__adv_scale(b->fwhm_nm, o->resolution_nm);
        il__adv_judge(a, v, "%s; depth resolution at the interface %.0f nm %s %.0f nm wanted",
                      who, b->fwhm_nm, v == IL_VERDICT_WORKS ? "<=" : ">", o->resolution_nm);
        if (v != IL_VERDICT_WORKS) {
            /* the same station with the detector at 60 degrees: paths twice as long per depth */
            il_ndp_instrument g = ins;
            g.geometry = IL_NDP_GEOMETRY_SOLID_ANGLE;
            g.solid_angle_sr = il_ndp_solid_angle_sr(&ins);
            g.exit_angle_deg = 60;
            double f60 = NAN;
            if ((st = resolution_for(c, &g, b->name, &f60, err)))
                return st;
            if (f60 < b->fwhm_nm)
                il__adv_change(a, "a 60 deg exit angle gives %.0f nm for the %s", f60, b->name);
        }
        if (v != IL_VERDICT_WORKS && c->depth_nm > 500)
            il__adv_change(a, "less matter above the interface (%.2f um now) or a grazing exit "
                              "angle",
                           c->depth_nm / 1000);
        else if (v != IL_VERDICT_WORKS) /* near the surface the detector sets the scale */
            il__adv_change(a, "a sharper detector (%.0f keV FWHM assumed) or a grazing exit "
                              "angle",
                           ins.fwhm_keV);
    }
    if (w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE) || o->operando) {
        il_verdict v = il__adv_time(c, t);
        il__adv_judge(a, v,
                      "%s; %.0f %% precision on a %.0f nm interlayer takes %.3g s at %.2g n/cm2/s "
                      "(limit %.0f s)",
                      who, 100 * o->precision, o->interlayer_nm, t, o->ndp_fluence_rate_n_cm2_s,
                      c->max_time_s);
        if (v != IL_VERDICT_WORKS && !li6_enriched)
            il__adv_change(a, "6Li enrichment (95 %% 6Li counts 12.5x faster: %.3g s, review "
                              "Sec. 4.5.2)",
                           t * 0.0759 / 0.95);
        if (v != IL_VERDICT_WORKS)
            il__adv_change(a, "a higher fluence rate or longer counting");
    }
    if (w & IL_WANT_THICKNESS) {
        il_verdict v = il__adv_scale(b->fwhm_nm, o->interlayer_nm);
        il__adv_judge(a, v, "%s; depth resolution %.0f nm against a %.0f nm interlayer", who,
                      b->fwhm_nm, o->interlayer_nm);
    }
    if (c->depth_nm + c->below_nm > (best == 0 ? 5000.0 : 25000.0))
        snprintf(a->caveat, sizeof a->caveat,
                 "%s; review: keep the sample below 4-5 um (alpha) / 20-25 um (triton), the "
                 "background grows with thickness",
                 a->technique->limitation);
    return IL_OK;
}
