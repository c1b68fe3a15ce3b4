/* Spectrum -> depth profile of one element through the forward model's response.
 *
 * The response R (channels x slices, per 1e22 atoms/cm3 of the element in each slice, alpha and
 * triton together, so both parts of the spectrum are fitted jointly) and the known part b
 * (background model + every other element of the stack) come from the model. The profile is
 * then found by Tikhonov-regularised least squares (layer interfaces are segment breaks, the
 * strength from GCV, the discrepancy principle or the L-curve) or by Poisson MLEM. Counting
 * uncertainties: exact linear propagation (Tikhonov) or Poisson resampling (MLEM); layer
 * inventories with all correlations. Systematic: fluence x solid angle calibration and cross
 * section (relative, on the amounts), and stopping/density (by inverting again with every
 * layer's stopping scaled by 1 +/- their combined uncertainty). */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/options_or_default.h"
#include "fit/ndp/ndp_invert_priv.h"
#include "fit/ndp/ndp_window.h"
#include "interlayer/ndp_fit.h"
#include "probes/ndp/ndp_model_priv.h"
#include "core/grow.h"
#include "core/poisson.h"

#define UNIT 1e22 /* atoms/cm3 per unit of x: keeps R and x near 1 */
#define SIGMA_XS_REL 0.0043 /* 6Li 940(4) b (Sears 1992) */

void il_ndp_invert_options_default(il_ndp_invert_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = IL_NDP_METHOD_TIKHONOV;
    o->lambda_rule = IL_LINV_LAMBDA_GCV;
    o->Z = 3;
    o->resample = 50;
    o->seed = 1;
    o->calibration_rel_sigma = 0.03;
    o->stopping_rel_sigma = 0.04;
    o->density_rel_sigma = 0.03;
    o->geometry_rel_sigma = 0.01;
    o->self_consistent = IL_NDP_SELF_CONSISTENT_AUTO;
    o->spill = 1;
    o->systematic = 1;
    o->nonneg = 1;
    o->mlem_layers = 1;
}

void il_ndp_profile_free(il_ndp_profile *p)
{
    if (!p)
        return;
    free(p->depth_nm);
    free(p->width_nm);
    free(p->conc);
    free(p->conc_sigma);
    free(p->bin_layer);
    free(p->li_atoms_cm2);
    free(p->li_atoms_cm2_sigma);
    free(p->li_atoms_cm2_reg);
    free(p->li_atoms_cm2_sys);
    free(p->li_atoms_cm2_spill);
    free(p->li_atoms_cm2_stop);
    free(p->li_atoms_cm2_dens);
    free(p->li_atoms_cm2_geom);
    free(p->li_atoms_cm2_cal);
    free(p->li_atoms_cm2_total);
    free(p->li_atoms_cm2_nonsys);
    free(p->fitted);
    free(p->func);
    free(p->func_sigma);
    free(p->func_bias);
    free(p);
}

static il_ndp_profile *profile_alloc(const il_ndp_model *m)
{
    il_ndp_profile *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    size_t ns = m->ns, nl = m->nl;
    p->n_bins = ns;
    p->n_layers = nl;
    p->n_channels = m->nch;
    p->depth_nm = malloc(ns * sizeof(double));
    p->width_nm = malloc(ns * sizeof(double));
    p->conc = calloc(ns, sizeof(double));
    p->conc_sigma = calloc(ns, sizeof(double));
    p->bin_layer = malloc(ns * sizeof(size_t));
    p->li_atoms_cm2 = calloc(nl, sizeof(double));
    p->li_atoms_cm2_sigma = calloc(nl, sizeof(double));
    p->li_atoms_cm2_reg = calloc(nl, sizeof(double));
    p->li_atoms_cm2_sys = calloc(nl, sizeof(double));
    p->li_atoms_cm2_spill = calloc(nl, sizeof(double));
    p->li_atoms_cm2_stop = calloc(nl, sizeof(double));
    p->li_atoms_cm2_dens = calloc(nl, sizeof(double));
    p->li_atoms_cm2_geom = calloc(nl, sizeof(double));
    p->li_atoms_cm2_cal = calloc(nl, sizeof(double));
    p->li_atoms_cm2_total = calloc(nl, sizeof(double));
    p->li_atoms_cm2_nonsys = calloc(nl, sizeof(double));
    p->fitted = calloc(m->nch, sizeof(double));
    if (!p->depth_nm || !p->width_nm || !p->conc || !p->conc_sigma || !p->bin_layer ||
        !p->li_atoms_cm2 || !p->li_atoms_cm2_sigma || !p->li_atoms_cm2_reg ||
        !p->li_atoms_cm2_sys || !p->li_atoms_cm2_spill || !p->li_atoms_cm2_stop ||
        !p->li_atoms_cm2_dens || !p->li_atoms_cm2_geom || !p->li_atoms_cm2_cal ||
        !p->li_atoms_cm2_total || !p->li_atoms_cm2_nonsys || !p->fitted) {
        il_ndp_profile_free(p);
        return NULL;
    }
    for (size_t s = 0; s < ns; s++) {
        p->depth_nm[s] = 0.5 * (m->edge[s] + m->edge[s + 1]);
        p->width_nm[s] = m->edge[s + 1] - m->edge[s];
        p->bin_layer[s] = m->slice_layer[s];
    }
    return p;
}

/* The inverter: response, known part, and (Tikhonov) the decomposition. */
struct il_ndp_inverter {
    const il_ndp_model *m;
    il_ndp_invert_options opt;
    double fixed_lambda; /* >= 0: use it (IL_LINV_LAMBDA_FIXED) */
    size_t n_func;       /* functionals registered (Tikhonov: layers first, on t) */
    double *fa;          /* MLEM: their weights, n_func x n_slices, per atom/cm3 */
    double *R;
    double *known;
    il_linv_tikhonov *t;
};

void il_ndp_inverter_free(il_ndp_inverter *v)
{
    if (!v)
        return;
    free(v->R);
    free(v->known);
    free(v->fa);
    il_linv_tikhonov_free(v->t);
    free(v);
}

/* Response and known part of model m for element Z. */
static il_status response_and_known(const il_ndp_model *m, int Z, double **R, double **known,
                                    il_error *err)
{
    *R = malloc(m->nch * m->ns * sizeof **R);
    *known = malloc(m->nch * sizeof **known);
    double *zero = calloc(m->ns, sizeof *zero);
    if (!*R || !*known || !zero) {
        free(zero);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_status st = il_ndp_response(m, Z, UNIT, *R, err);
    il_ndp_sim *sim = NULL;
    if (!st)
        st = il_ndp_simulate(m, Z, zero, &sim, err);
    if (!st)
        memcpy(*known, sim->counts, m->nch * sizeof **known);
    il_ndp_sim_free(sim);
    free(zero);
    return st;
}

static size_t layer_breaks(const il_ndp_model *m, size_t *br)
{
    size_t n = 0;
    for (size_t s = 1; s < m->ns; s++)
        if (m->slice_layer[s] != m->slice_layer[s - 1])
            br[n++] = s;
    return n;
}

static il_status make_tikhonov(const il_ndp_model *m, const double *R, const double *known,
                               const double *var, il_linv_tikhonov **t, il_error *err)
{
    size_t *br = malloc((m->ns + 1) * sizeof *br);
    if (!br)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    size_t nb = layer_breaks(m, br);
    il_linv_problem pr = {m->nch, m->ns, R, known};
    il_status st = il_linv_tikhonov_new(&pr, var, br, nb, t, err);
    free(br);
    /* Functionals 0..nl-1: the layer inventories (atoms/cm2 per unit of x). */
    double *a = st ? NULL : malloc(m->ns * sizeof *a);
    if (!st && !a)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t l = 0; l < m->nl && !st; l++) {
        for (size_t j = 0; j < m->ns; j++)
            a[j] = m->slice_layer[j] == l ? (m->edge[j + 1] - m->edge[j]) * 1e-7 * UNIT : 0;
        st = il_linv_tikhonov_add_functional(*t, a, NULL, err);
    }
    free(a);
    if (st) {
        il_linv_tikhonov_free(*t);
        *t = NULL;
    }
    return st;
}

il_status il_ndp_inverter_new(const il_ndp_model *m, const double *ref,
                              const il_ndp_invert_options *opt, il_ndp_inverter **out,
                              il_error *err)
{
    *out = NULL;
    il_ndp_inverter *v = calloc(1, sizeof *v);
    if (!v)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    v->m = m;
    v->fixed_lambda = -1;
    IL_OPTIONS_OR_DEFAULT(&v->opt, opt, il_ndp_invert_options_default);
    il_status st = response_and_known(m, v->opt.Z, &v->R, &v->known, err);
    if (!st && v->opt.method == IL_NDP_METHOD_TIKHONOV) {
        double *var = malloc(m->nch * sizeof *var);
        if (!var)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        for (size_t c = 0; var && c < m->nch; c++)
            var[c] = ref[c] > 1 ? ref[c] : 1;
        if (!st)
            st = make_tikhonov(m, v->R, v->known, var, &v->t, err);
        v->n_func = m->nl;
        free(var);
    }
    IL_RETURN_BUILT(st, v, il_ndp_inverter_free, out);
}

/* x (units of UNIT) -> profile fields, inventories and fitted spectrum. */
static void fill_profile(const il_ndp_model *m, const double *R, const double *known,
                         const double *x, const double *sx, il_ndp_profile *p)
{
    size_t ns = m->ns;
    for (size_t s = 0; s < ns; s++) {
        p->conc[s] = x[s] * UNIT;
        p->conc_sigma[s] = sx ? sx[s] * UNIT : 0;
        p->li_atoms_cm2[m->slice_layer[s]] += x[s] * UNIT * p->width_nm[s] * 1e-7;
    }
    for (size_t c = 0; c < m->nch; c++) {
        double t = known[c];
        for (size_t s = 0; s < ns; s++)
            t += R[c * ns + s] * x[s];
        p->fitted[c] = t;
    }
}

static il_status run_tikhonov(const il_ndp_model *m, const il_linv_tikhonov *t, const double *R,
                              const double *known, const double *counts,
                              il_linv_lambda_rule rule, double *lambda, il_ndp_profile *p,
                              size_t n_func, int nonneg, il_error *err)
{
    size_t ns = m->ns;
    double *x = malloc(ns * sizeof *x), *sx = malloc(ns * sizeof *sx);
    p->n_func = n_func;
    p->func = calloc(n_func + 1, sizeof(double));
    p->func_sigma = calloc(n_func + 1, sizeof(double));
    p->func_bias = calloc(n_func + 1, sizeof(double));
    if (!x || !sx || !p->func || !p->func_sigma || !p->func_bias) {
        free(x), free(sx);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_status st =
        nonneg ? il_linv_tikhonov_solve_nonneg(t, counts, rule, lambda, x, sx, &p->chi2, p->func,
                                              p->func_sigma, p->func_bias, NULL, err)
               : il_linv_tikhonov_solve_ex(t, counts, rule, lambda, x, sx, &p->chi2, p->func,
                                          p->func_sigma, p->func_bias, err);
    if (!st) {
        p->lambda = *lambda;
        fill_profile(m, R, known, x, sx, p);
        for (size_t l = 0; l < m->nl && l < n_func; l++) {
            p->li_atoms_cm2_sigma[l] = p->func_sigma[l];
            p->li_atoms_cm2_reg[l] = fabs(p->func_bias[l]);
        }
        for (size_t k = 0; k < n_func; k++) {
            /* x is in units of UNIT, the layer weights already include it; the others are
             * given per atom/cm3 by the caller, so scale them here. */
            if (k >= m->nl) {
                p->func[k] *= UNIT;
                p->func_sigma[k] *= UNIT;
                p->func_bias[k] *= UNIT;
            }
        }
    }
    free(x), free(sx);
    return st;
}

static il_status run_mlem(const il_ndp_model *m, const double *R, const double *known,
                          const double *counts, const il_ndp_invert_options *o,
                          il_ndp_profile *p, const double *fa, size_t nfa, il_error *err)
{
    /* fa: nfa extra functionals (weights per atom/cm3 over the slices), evaluated on the
     * estimate and on every replica: value and resampled sigma (bias is not estimated). */
    p->n_func = nfa;
    p->func = calloc(nfa + 1, sizeof(double));
    p->func_sigma = calloc(nfa + 1, sizeof(double));
    p->func_bias = calloc(nfa + 1, sizeof(double));
    double *g1 = calloc(nfa + 1, sizeof(double)), *g2 = calloc(nfa + 1, sizeof(double));
    if (!p->func || !p->func_sigma || !p->func_bias || !g1 || !g2) {
        free(g1), free(g2);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    size_t ns = m->ns, nl = m->nl;
    il_linv_problem pr = {m->nch, ns, R, known};
    il_linv_mlem_options mo;
    il_linv_mlem_options_default(&mo);
    /* Layer interfaces as segment breaks: start from the per-layer ML amounts (see
     * il_linv_mlem_options), so early stopping does not smooth across interfaces. */
    size_t *br = malloc((ns + 1) * sizeof *br);
    if (!br)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (o->mlem_layers) {
        mo.n_breaks = layer_breaks(m, br);
        mo.breaks = br;
    }
    double *x = calloc(ns, sizeof *x), *xr = malloc(ns * sizeof *xr),
           *y = malloc(m->nch * sizeof *y), *s1 = calloc(ns + nl, sizeof *s1),
           *s2 = calloc(ns + nl, sizeof *s2);
    if (!x || !xr || !y || !s1 || !s2) {
        free(x), free(xr), free(y), free(s1), free(s2), free(br);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_linv_mlem_info info;
    il_status st = il_linv_mlem_run(&pr, counts, &mo, x, &info, err);
    if (!st) {
        p->chi2 = info.deviance;
        p->iterations = info.iterations;
        p->mlem_stop = (int)info.stop;
        fill_profile(m, R, known, x, NULL, p);
    }
    /* Fast counting sigma. Stopped at the layer-wise start: the estimate is the per-layer ML
     * amount, whose covariance is the inverse Fisher information (no replicas at all).
     * Otherwise the replicas below run exactly the estimate's number of iterations from their
     * own layer-wise start: the estimator "MLEM at iteration k" (Barrett, Wilson & Tsui, Phys.
     * Med. Biol. 39 (1994) 833 study the same quantity by linearisation). Solving each replica
     * with the stopping rule instead makes most of them run to the stall or the cap, for a
     * sigma that mostly measures where the rule happened to stop. */
    p->mlem_sigma = IL_NDP_MLEM_SIGMA_RESAMPLE;
    if (!st && o->mlem_uncertainty != IL_NDP_MLEM_SIGMA_RESAMPLE) {
        if (info.iterations == 0 && mo.n_breaks > 0) {
            p->mlem_sigma = IL_NDP_MLEM_SIGMA_FISHER;
            st = il__ndp_mlem_fisher(m, R, x, p->fitted, UNIT, fa, nfa, p, err);
            for (size_t k = 0; k < nfa && !st; k++) {
                double g = 0;
                for (size_t j = 0; j < ns; j++)
                    g += fa[k * ns + j] * p->conc[j];
                p->func[k] = g;
            }
            free(g1), free(g2);
            free(x), free(xr), free(y), free(s1), free(s2), free(br);
            return st;
        }
        p->mlem_sigma = IL_NDP_MLEM_SIGMA_FIXED;
        mo.stop = IL_LINV_STOP_CONVERGED;
        mo.tol = 0; /* never met: exactly max_iter iterations */
        mo.max_iter = info.iterations;
    }
    /* Resample from the fitted spectrum; amounts per slice and per layer. The replicas are
     * drawn in order from one seeded generator, solved in parallel (each MLEM run owns its
     * buffers) and summed in order afterwards, so the result does not depend on the threads. */
    int nrep = o->resample >= 2 ? o->resample : 2;
    double *Y = st ? NULL : malloc((size_t)nrep * m->nch * sizeof *Y);
    double *XR = st ? NULL : calloc((size_t)nrep * ns, sizeof *XR);
    gsl_rng *rng = st ? NULL : gsl_rng_alloc(gsl_rng_mt19937);
    if (!st && (!Y || !XR || !rng))
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st) {
        gsl_rng_set(rng, (unsigned long)o->seed);
        for (int r = 0; r < nrep; r++)
            for (size_t c = 0; c < m->nch; c++)
                Y[(size_t)r * m->nch + c] = il_poisson_draw(rng, p->fitted[c]);
    }
    il_status rst = IL_OK;
    il_error rerr;
    il_error_clear(&rerr);
#pragma omp parallel for schedule(dynamic)
    for (int r = 0; r < (st ? 0 : nrep); r++) {
        il_error e;
        il_error_clear(&e);
        il_status q = il_linv_mlem(&pr, Y + (size_t)r * m->nch, &mo, XR + (size_t)r * ns, NULL,
                                   NULL, &e);
        if (q) {
#pragma omp critical(il_ndp_mlem_resample)
            if (!rst) {
                rst = q;
                rerr = e;
            }
        }
    }
    if (!st && rst) {
        st = rst;
        if (err)
            *err = rerr;
    }
    for (int r = 0; r < nrep && !st; r++) {
        memcpy(xr, XR + (size_t)r * ns, ns * sizeof *xr);
        double inv[1024] = {0};
        for (size_t s = 0; s < ns; s++) {
            s1[s] += xr[s];
            s2[s] += xr[s] * xr[s];
            if (m->slice_layer[s] < 1024)
                inv[m->slice_layer[s]] += xr[s] * p->width_nm[s] * 1e-7 * UNIT;
        }
        for (size_t l = 0; l < nl && l < 1024; l++) {
            s1[ns + l] += inv[l];
            s2[ns + l] += inv[l] * inv[l];
        }
        for (size_t k = 0; k < nfa; k++) {
            double g = 0;
            for (size_t j = 0; j < ns; j++)
                g += fa[k * ns + j] * xr[j] * UNIT;
            g1[k] += g;
            g2[k] += g * g;
        }
    }
    free(Y), free(XR);
    for (size_t k = 0; k < nfa && !st; k++) {
        double g = 0;
        for (size_t j = 0; j < ns; j++)
            g += fa[k * ns + j] * p->conc[j];
        p->func[k] = g;
        double mean = g1[k] / nrep, var = (g2[k] - nrep * mean * mean) / (nrep - 1);
        p->func_sigma[k] = var > 0 ? sqrt(var) : 0;
    }
    free(g1), free(g2);
    if (rng)
        gsl_rng_free(rng);
    for (size_t i = 0; i < ns + nl && !st; i++) {
        double mean = s1[i] / nrep, var = (s2[i] - nrep * mean * mean) / (nrep - 1);
        double sd = var > 0 ? sqrt(var) : 0;
        if (i < ns)
            p->conc_sigma[i] = sd * UNIT;
        else
            p->li_atoms_cm2_sigma[i - ns] = sd;
    }
    free(x), free(xr), free(y), free(s1), free(s2), free(br);
    return st;
}

il_status il_ndp_inverter_run(const il_ndp_inverter *v, const double *counts,
                              il_ndp_profile **out, il_error *err)
{
    *out = NULL;
    const il_ndp_model *m = v->m;
    for (size_t c = 0; c < m->nch; c++)
        if (!(counts[c] >= 0) || !isfinite(counts[c]))
            return il_error_set(err, IL_ERR_INVALID, "channel %zu: counts %g must be >= 0", c,
                                counts[c]);
    il_ndp_profile *p = profile_alloc(m);
    if (!p)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st;
    if (v->opt.method == IL_NDP_METHOD_MLEM) {
        st = run_mlem(m, v->R, v->known, counts, &v->opt, p, v->fa, v->n_func, err);
    } else {
        double lam = v->fixed_lambda;
        st = run_tikhonov(m, v->t, v->R, v->known, counts,
                          lam >= 0 ? IL_LINV_LAMBDA_FIXED : v->opt.lambda_rule, &lam, p, v->n_func,
                          v->opt.nonneg, err);
    }
    for (size_t l = 0; l < m->nl && !st; l++) {
        double rel = hypot(v->opt.calibration_rel_sigma, SIGMA_XS_REL);
        p->li_atoms_cm2_cal[l] = p->li_atoms_cm2_sys[l] = fabs(p->li_atoms_cm2[l]) * rel;
    }
    if (!st)
        il__ndp_profile_totals(p);
    IL_RETURN_BUILT(st, p, il_ndp_profile_free, out);
}

/* Inventories after inverting with every layer's stopping scaled by `scale`. */
static il_status inventories_scaled(const il_stack *stack, const il_ndp_model *m,
                                    const double *counts, const il_ndp_invert_options *o,
                                    double scale, double lambda, double *inv, il_error *err)
{
    il_stack *s;
    il_status st = il_stack_clone(stack, &s, err);
    if (st)
        return st;
    for (size_t l = 0; l < il_stack_count(s) && !st; l++) {
        const il_layer *L = il_stack_layer(s, l);
        double f = L->stopping_factor > 0 ? L->stopping_factor : 1;
        st = il_stack_set_stopping_factor(s, l, f * scale, err);
    }
    il_ndp_model *ms = NULL;
    if (!st)
        st = il_ndp_model_new(s, &m->ins, &ms, err);
    il_stack_free(s);
    if (st)
        return st;
    if (ms->ns != m->ns || ms->nl != m->nl) {
        il_ndp_model_free(ms);
        return il_error_set(err, IL_ERR_NUMERIC, "scaled model has another slicing");
    }
    double *R = NULL, *known = NULL;
    st = response_and_known(ms, o->Z, &R, &known, err);
    il_ndp_profile *p = st ? NULL : profile_alloc(ms);
    if (!st && !p)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st && o->method == IL_NDP_METHOD_MLEM) {
        il_ndp_invert_options oo = *o;
        oo.resample = 2;
        st = run_mlem(ms, R, known, counts, &oo, p, NULL, 0, err);
    } else if (!st) {
        double *var = malloc(ms->nch * sizeof *var);
        il_linv_tikhonov *t = NULL;
        if (!var)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        for (size_t c = 0; var && c < ms->nch; c++)
            var[c] = counts[c] > 1 ? counts[c] : 1;
        if (!st)
            st = make_tikhonov(ms, R, known, var, &t, err);
        double lam = lambda;
        if (!st)
            st = run_tikhonov(ms, t, R, known, counts, IL_LINV_LAMBDA_FIXED, &lam, p, ms->nl,
                              o->nonneg, err);
        il_linv_tikhonov_free(t);
        free(var);
    }
    for (size_t l = 0; l < m->nl && !st; l++)
        inv[l] = p->li_atoms_cm2[l];
    il_ndp_profile_free(p);
    free(R), free(known);
    il_ndp_model_free(ms);
    return st;
}

void il__ndp_profile_totals(il_ndp_profile *p)
{
    for (size_t l = 0; l < p->n_layers; l++) {
        double ns = hypot(hypot(p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_reg[l]),
                          p->li_atoms_cm2_spill[l]);
        p->li_atoms_cm2_sys[l] = hypot(hypot(p->li_atoms_cm2_stop[l], p->li_atoms_cm2_dens[l]),
                                       hypot(p->li_atoms_cm2_geom[l], p->li_atoms_cm2_cal[l]));
        p->li_atoms_cm2_nonsys[l] = ns;
        p->li_atoms_cm2_total[l] = hypot(ns, p->li_atoms_cm2_sys[l]);
    }
}

/* The systematic parts that need the stack (stopping, density, geometry: one re-inversion of
 * the fitted spectrum, not the noisy counts, so that the difference is the systematic shift
 * alone) and the resolution spill; then the totals. */
il_status il__ndp_stopping_slope(const il_ndp_model *m, const il_stack *stack,
                                  const il_ndp_profile *p, const il_ndp_invert_options *o,
                                  double *slope, il_error *err)
{
    const double r = 0.05; /* the scaling probed; the response is linear at this size */
    double *lo = malloc(m->nl * sizeof *lo), *hi = malloc(m->nl * sizeof *hi);
    il_status st = lo && hi ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = inventories_scaled(stack, m, p->fitted, o, 1 - r, p->lambda, lo, err);
    if (!st)
        st = inventories_scaled(stack, m, p->fitted, o, 1 + r, p->lambda, hi, err);
    for (size_t l = 0; l < m->nl && !st; l++)
        slope[l] = 0.5 * (fabs(hi[l] - p->li_atoms_cm2[l]) + fabs(lo[l] - p->li_atoms_cm2[l])) / r;
    free(lo), free(hi);
    return st;
}

il_status il__ndp_finish_uncertainties(const il_ndp_model *m, const il_stack *stack,
                                       const il_ndp_invert_options *o, il_ndp_profile *p,
                                       il_error *err)
{
    il_status st = IL_OK;
    if (o->spill)
        il__ndp_spill(m, p->conc, p->li_atoms_cm2_spill);
    if (o->systematic && stack) {
        double *slope = malloc(m->nl * sizeof *slope);
        if (!slope)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        if (!st)
            st = il__ndp_stopping_slope(m, stack, p, o, slope, err);
        for (size_t l = 0; l < m->nl && !st; l++) {
            p->li_atoms_cm2_stop[l] = slope[l] * o->stopping_rel_sigma;
            p->li_atoms_cm2_dens[l] = slope[l] * o->density_rel_sigma;
            p->li_atoms_cm2_geom[l] = slope[l] * o->geometry_rel_sigma;
        }
        free(slope);
    }
    if (!st)
        il__ndp_profile_totals(p);
    return st;
}

static il_status invert_once(const il_ndp_model *m, const il_stack *stack, const double *counts,
                             const il_ndp_invert_options *opt, il_ndp_profile **out,
                             il_error *err)
{
    *out = NULL;
    il_ndp_invert_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_ndp_invert_options_default);
    if (o.method == IL_NDP_METHOD_CLASSIC)
        return il_error_set(err, IL_ERR_INVALID,
                            "the classic conversion gives one profile per particle: use "
                            "il_ndp_classic_profile");
    /* First pass with variances from the counts, second with those of the fitted model (the
     * counts themselves bias weighted least squares low where they are small). */
    il_ndp_inverter *v = NULL;
    il_status st = il_ndp_inverter_new(m, counts, &o, &v, err);
    il_ndp_profile *p = NULL;
    if (!st)
        st = il_ndp_inverter_run(v, counts, &p, err);
    if (!st && o.method == IL_NDP_METHOD_TIKHONOV) {
        il_ndp_inverter *v2 = NULL;
        il_ndp_profile *p2 = NULL;
        st = il_ndp_inverter_new(m, p->fitted, &o, &v2, err);
        if (!st)
            st = il_ndp_inverter_run(v2, counts, &p2, err);
        il_ndp_inverter_free(v2);
        if (!st) {
            il_ndp_profile_free(p);
            p = p2;
        }
    }
    il_ndp_inverter_free(v);
    IL_RETURN_BUILT(st, p, il_ndp_profile_free, out);
}

il_status il_ndp_inverter_functional_sigma(const il_ndp_inverter *v, const il_ndp_profile *p,
                                           const double *a, double *sigma, il_error *err)
{
    if (!v->t)
        return il_error_set(err, IL_ERR_INVALID,
                            "propagated uncertainties need the Tikhonov method");
    /* conc = x * UNIT, so a^T conc has UNIT times the sigma of a^T x. */
    il_status st = il_linv_tikhonov_functional_sigma(v->t, p->lambda, a, sigma, err);
    if (!st)
        *sigma *= UNIT;
    return st;
}

void il_ndp_inverter_fix_lambda(il_ndp_inverter *v, double lambda) { v->fixed_lambda = lambda; }

void il_ndp_inverter_set_nonneg(il_ndp_inverter *v, int on) { v->opt.nonneg = on; }

il_status il_ndp_inverter_functional_bias(const il_ndp_inverter *v, const il_ndp_profile *p,
                                          const double *counts, const double *a, double *bias,
                                          il_error *err)
{
    if (!v->t)
        return il_error_set(err, IL_ERR_INVALID, "bias estimates need the Tikhonov method");
    il_status st = il_linv_tikhonov_functional_bias(v->t, counts, p->lambda, a, bias, err);
    if (!st)
        *bias *= UNIT;
    return st;
}

/* 1 when no inventory moved by more than 0.1 of its counting sigma (1e12 atoms/cm2 floor). */
static int passes_converged(const il_ndp_profile *a, const il_ndp_profile *b)
{
    for (size_t l = 0; l < a->n_layers; l++)
        if (fabs(a->li_atoms_cm2[l] - b->li_atoms_cm2[l]) >
            0.1 * fmax(b->li_atoms_cm2_sigma[l], 1e12))
            return 0;
    return 1;
}

il_status il_ndp_invert(const il_ndp_model *m, const il_stack *stack, const double *counts,
                        const il_ndp_invert_options *opt, il_ndp_profile **out, il_error *err)
{
    il_ndp_invert_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_ndp_invert_options_default);
    int autop = o.self_consistent < 0;
    int passes = !stack ? 0 : autop ? 10 : o.self_consistent;
    il_status st = invert_once(m, stack, counts, &o, out, err);
    const il_stack *cur = stack;
    const il_ndp_model *curm = m;
    il_stack *owned = NULL;
    il_ndp_model *ownedm = NULL;
    int done = 0, converged = 0;
    /* Each pass puts the Li found into the layers (their stopping changes with it) and inverts
     * again on the same slices; the systematic part is evaluated on the last one. */
    for (int k = 0; k < passes && !st && !converged; k++) {
        double *li = malloc(m->nl * sizeof *li);
        if (!li) {
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
            break;
        }
        for (size_t l = 0; l < m->nl; l++)
            li[l] = (*out)->li_atoms_cm2[l];
        il_stack *next = NULL;
        il_ndp_model *mk = NULL;
        st = il_ndp_stack_with_li(cur, li, &next, err);
        free(li);
        if (!st)
            st = il_ndp_model_new(next, &m->ins, &mk, err);
        if (!st && (mk->ns != m->ns || mk->nl != m->nl))
            st = il_error_set(err, IL_ERR_NUMERIC, "the updated stack slices differently");
        il_ndp_profile *p2 = NULL;
        if (!st)
            st = invert_once(mk, next, counts, &o, &p2, err);
        il_stack_free(owned);
        il_ndp_model_free(ownedm);
        owned = next, ownedm = mk;
        cur = next, curm = mk;
        if (!st) {
            done = k + 1;
            converged = passes_converged(*out, p2);
            il_ndp_profile_free(*out);
            *out = p2;
        }
    }
    if (!st) {
        (*out)->passes = done;
        (*out)->passes_converged = passes == 0 || converged;
        st = il__ndp_finish_uncertainties(curm, cur, &o, *out, err);
    }
    il_stack_free(owned);
    il_ndp_model_free(ownedm);
    if (st) {
        il_ndp_profile_free(*out);
        *out = NULL;
    }
    return st;
}

il_status il_ndp_inverter_add_functional(il_ndp_inverter *v, const double *a, size_t *index,
                                         il_error *err)
{
    if (!v->t) {
        /* MLEM: keep the weights; the runs evaluate them on every replica. */
        size_t ns = v->m->ns;
        il_status gs = IL_GROW_ARRAY(v->fa, (v->n_func + 1) * ns, err);
        if (gs)
            return gs;
        memcpy(v->fa + v->n_func * ns, a, ns * sizeof *a);
        if (index)
            *index = v->n_func;
        v->n_func++;
        return IL_OK;
    }
    size_t k;
    il_status st = il_linv_tikhonov_add_functional(v->t, a, &k, err);
    if (!st) {
        v->n_func = k + 1;
        if (index)
            *index = k;
    }
    return st;
}
