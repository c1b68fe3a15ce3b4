/* Structure-aware NDP analysis (see ndp_fit.h): model choice for an interlayer by BIC, the
 * interlayer inserted as a layer of its own, inventories on that structure. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/options_or_default.h"
#include "fit/ndp/ndp_invert_priv.h"
#include "interlayer/formula.h"
#include "interlayer/ndp_fit.h"
#include "probes/ndp/ndp_model_priv.h"

void il_ndp_structure_options_default(il_ndp_structure_options *o)
{
    memset(o, 0, sizeof *o);
    o->bic_margin = 10;
    il_ndp_invert_options_default(&o->invert);
}

void il_ndp_structure_free(il_ndp_structure *a)
{
    if (!a)
        return;
    il_ndp_profile_free(a->profile);
    il_stack_free(a->stack);
    il_ndp_model_free(a->model);
    il_ndp_fit_free(a->fit);
    free(a->cand_depth_nm);
    free(a->cand_bic);
    free(a->cand_li_atoms_cm2);
    free(a);
}

il_status il_ndp_truth_inventories(const il_stack *truth, const il_ndp_model *m, double *li,
                                   il_error *err)
{
    (void)err;
    for (size_t l = 0; l < m->nl; l++) {
        double z0 = m->layer_top[l], z1 = m->layer_top[l + 1], sum = 0, top = 0;
        for (size_t k = 0; k < il_stack_count(truth); k++) {
            const il_layer *L = il_stack_layer(truth, k);
            double bot = L->is_substrate ? INFINITY : top + L->thickness_nm;
            double a = fmax(z0, top), b = fmin(z1, bot);
            if (b > a) {
                double apf = il_formula_atoms(&L->formula);
                double n = il_layer_count_at(L, 3, 0, a - top, b - top) * L->atoms_cm3 / apf;
                sum += n * (b - a) * 1e-7;
            }
            top = bot;
        }
        li[l] = sum;
    }
    return IL_OK;
}

/* The parametric fits: none, then an interlayer at each candidate interface (on model m). */
static il_status choose(const il_ndp_model *m, const double *counts,
                        const il_ndp_structure_options *o, il_ndp_structure *a, il_ndp_fit **best,
                        il_error *err)
{
    *best = NULL;
    il_ndp_fit *f0 = NULL;
    il_status st = il_ndp_fit_new(m, &f0, err);
    if (!st)
        st = il_ndp_fit_run(m, counts, f0, err);
    if (!st)
        a->bic_none = f0->bic;
    il_ndp_fit_free(f0);
    a->cand_depth_nm = calloc(m->nl, sizeof(double));
    a->cand_bic = calloc(m->nl, sizeof(double));
    a->cand_li_atoms_cm2 = calloc(m->nl, sizeof(double));
    if (!st && (!a->cand_depth_nm || !a->cand_bic || !a->cand_li_atoms_cm2))
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    size_t nearest = 1;
    for (size_t l = 1; l < m->nl; l++)
        if (fabs(m->layer_top[l] - o->depth_nm) < fabs(m->layer_top[nearest] - o->depth_nm))
            nearest = l;
    for (size_t l = 1; l + 1 <= m->nl && !st; l++) {
        if (o->depth_nm > 0 && l != nearest)
            continue;
        int up = 0, dn = 0; /* both sides must be seen (have slices) */
        for (size_t s = 0; s < m->ns; s++)
            up |= m->slice_layer[s] == l - 1, dn |= m->slice_layer[s] == l;
        if (!up || !dn || m->layer_top[l + 1] - m->layer_top[l] < 2)
            continue;
        il_ndp_fit *f = NULL;
        st = il_ndp_fit_new(m, &f, err);
        if (!st) {
            f->interlayer = 1;
            f->il_depth_nm = m->layer_top[l];
            st = il_ndp_fit_run(m, counts, f, err);
        }
        if (!st) {
            size_t k = a->n_candidates++;
            a->cand_depth_nm[k] = f->il_depth_nm;
            a->cand_bic[k] = f->bic;
            a->cand_li_atoms_cm2[k] = f->il_atoms_cm2;
            if (!*best || f->bic < (*best)->bic) {
                il_ndp_fit_free(*best);
                *best = f;
                f = NULL;
            }
        }
        il_ndp_fit_free(f);
    }
    if (st) {
        il_ndp_fit_free(*best);
        *best = NULL;
    }
    return st;
}

/* The structure with the interlayer of thickness t at the top of `host`, its Li and that of
 * every layer put in (li0: inventories on the original structure, fit: the interlayer's
 * amount), its model, and the inversion on it. */
static il_status invert_with_interlayer(const il_stack *stack, const il_ndp_instrument *ins,
                                        const double *counts, const il_ndp_invert_options *io,
                                        size_t host, double t, const double *li0,
                                        const il_ndp_fit *fit, il_stack **s_out,
                                        il_ndp_model **m_out, il_ndp_profile **p_out,
                                        il_error *err)
{
    size_t n = il_stack_count(stack);
    il_stack *s2 = NULL, *s2li = NULL;
    il_ndp_model *m2 = NULL;
    il_status st = il_ndp_stack_with_interlayer(stack, host, t, "interlayer", &s2, err);
    double *li = malloc((n + 1) * sizeof *li);
    if (!st && !li)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st) {
        const il_layer *H = il_stack_layer(stack, host);
        double host_level = fit->layer_conc[host] * t * 1e-7;
        double in_il = fmax(0, fit->il_atoms_cm2 + host_level);
        for (size_t l = 0, k = 0; l < n; l++, k++) {
            if (l == host) {
                li[k++] = in_il;
                li[k] = fmax(0, li0[l] - in_il) * 1; /* the rest stays in the host */
                (void)H;
            } else {
                li[k] = li0[l];
            }
        }
        st = il_ndp_stack_with_li(s2, li, &s2li, err);
    }
    free(li);
    if (!st)
        st = il_ndp_model_new(s2li, ins, &m2, err);
    if (!st)
        st = il_ndp_invert(m2, s2li, counts, io, p_out, err);
    il_stack_free(s2li);
    if (st || !s_out)
        il_stack_free(s2);
    else
        *s_out = s2;
    if (st || !m_out)
        il_ndp_model_free(m2);
    else
        *m_out = m2;
    return st;
}

il_status il_ndp_structure_analyse(const il_stack *stack, const il_ndp_instrument *ins,
                                   const double *counts, const il_ndp_structure_options *opt,
                                   il_ndp_structure **out, il_error *err)
{
    *out = NULL;
    il_ndp_structure_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_ndp_structure_options_default);
    /* A depth outside the layers names no interface: it used to fall back silently on the
     * deepest one, or on none ("no interlayer" for 1e9 nm). */
    double depth = il_stack_thickness_nm(stack);
    if (o.depth_nm > 0 && !(o.depth_nm <= depth))
        return il_error_set(err, IL_ERR_RANGE,
                            "interlayer depth %g nm is outside the stack: its layers end at %g "
                            "nm (the substrate's top); give a depth within 0..%g nm, or 'auto'",
                            o.depth_nm, depth, depth);
    il_ndp_structure *a = calloc(1, sizeof *a);
    if (!a)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    a->interlayer = (size_t)-1;
    a->host = (size_t)-1;
    il_ndp_model *m0 = NULL, *m1 = NULL;
    il_stack *s1 = NULL;
    il_ndp_profile *p0 = NULL;
    il_ndp_fit *best = NULL;
    il_status st = il_ndp_model_new(stack, ins, &m0, err);
    /* the first inversion only gives the stopping and the start; its systematic part is not
     * needed unless it is the answer (then it is added below) */
    il_ndp_invert_options first = o.invert;
    first.systematic = 0;
    if (!st)
        st = il_ndp_invert(m0, stack, counts, &first, &p0, err);
    /* the stopping the first inversion converged to, for the parametric fits */
    if (!st)
        st = il_ndp_stack_with_li(stack, p0->li_atoms_cm2, &s1, err);
    if (!st)
        st = il_ndp_model_new(s1, ins, &m1, err);
    if (!st)
        st = choose(m1, counts, &o, a, &best, err);
    /* the interface asked for could not be fitted: say so rather than "no interlayer" */
    if (!st && o.depth_nm > 0 && a->n_candidates == 0)
        st = il_error_set(err, IL_ERR_INVALID,
                          "no interlayer can be fitted near %g nm: the interface nearest it "
                          "has no slices of the spectrum on one side (a layer the particles do "
                          "not leave, or the substrate) or a layer below it under 2 nm",
                          o.depth_nm);
    int keep = !st && best && (o.force || a->bic_none - best->bic > o.bic_margin);
    if (keep) {
        size_t host = best->il_host;
        double hostt = il_stack_layer(stack, host)->thickness_nm;
        double t = fmin(best->il_thickness_nm, hostt - 1);
        st = invert_with_interlayer(stack, ins, counts, &o.invert, host, t, p0->li_atoms_cm2,
                                    best, &a->stack, &a->model, &a->profile, err);
        /* the thickness the data do not resolve: its effect on the inventories */
        double dt = isfinite(best->il_thickness_sigma) && best->il_thickness_sigma < t / 2
                        ? best->il_thickness_sigma
                        : t / 2;
        il_ndp_invert_options quick = o.invert;
        quick.systematic = 0;
        quick.self_consistent = 1; /* the Li is in the stopping already */
        double ts[2] = {fmax(0.5, t - dt), fmin(hostt - 1, t + dt)};
        for (int k = 0; k < 2 && !st; k++) {
            il_ndp_profile *pk = NULL;
            st = invert_with_interlayer(stack, ins, counts, &quick, host, ts[k],
                                        p0->li_atoms_cm2, best, NULL, NULL, &pk, err);
            for (size_t l = 0; !st && l < a->profile->n_layers; l++) {
                double d = 0.5 * fabs(pk->li_atoms_cm2[l] - a->profile->li_atoms_cm2[l]);
                a->profile->li_atoms_cm2_spill[l] = hypot(a->profile->li_atoms_cm2_spill[l], d);
            }
            il_ndp_profile_free(pk);
        }
        if (!st) {
            il__ndp_profile_totals(a->profile);
            a->interlayer = host;
            a->host = host + 1;
            a->fit = best;
            best = NULL;
        }
    } else if (!st) {
        /* no interlayer: the first inversion is the answer, with its systematic part */
        st = il__ndp_finish_uncertainties(m1, s1, &o.invert, p0, err);
        a->profile = p0;
        p0 = NULL;
        st = il_stack_clone(stack, &a->stack, err);
        a->model = m0;
        m0 = NULL;
    }
    il_ndp_fit_free(best);
    il_ndp_profile_free(p0);
    il_ndp_model_free(m0);
    il_ndp_model_free(m1);
    il_stack_free(s1);
    IL_RETURN_BUILT(st, a, il_ndp_structure_free, out);
}
