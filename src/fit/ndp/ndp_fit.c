/* Parametric NDP fit: Li as one constant concentration per layer plus an interlayer, a layer of
 * its own at the top of the layer below an interface (thickness and Li amount free), fitted to
 * the counts by the fit layer's bounded Levenberg-Marquardt (il_fit_lm, MINUIT sine transform).
 * The spectrum for a set of parameters is known + R c, with R the response on the model's fine
 * slices (the box covers slices fractionally, so the model is continuous in the thickness).
 * Weights 1/max(counts, 1) (Neyman chi-square). Start and bounds come from the depth resolution
 * at the interface and from a weighted linear fit of the same model at the start thickness
 * (the model is linear in everything but the thickness). */
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/constants.h"
#include "interlayer/fit.h"
#include "fit/ndp/ndp_window.h"
#include "interlayer/ndp_fit.h"
#include "probes/ndp/ndp_model_priv.h"

#define UNIT 1e22   /* atoms/cm3 per unit of a layer parameter */
#define AUNIT 1e16  /* atoms/cm2 per unit of the interlayer amount */
#define T_MIN 1.0   /* nm: the thinnest interlayer tried */

void il_ndp_fit_free(il_ndp_fit *f)
{
    if (!f)
        return;
    free(f->layer_conc);
    free(f->layer_conc_sigma);
    free(f->layer_fixed);
    free(f);
}

il_status il_ndp_fit_new(const il_ndp_model *m, il_ndp_fit **out, il_error *err)
{
    il_ndp_fit *f = calloc(1, sizeof *f);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    f->n_layers = m->nl;
    f->layer_conc = calloc(m->nl, sizeof(double));
    f->layer_conc_sigma = calloc(m->nl, sizeof(double));
    f->layer_fixed = calloc(m->nl, sizeof(int));
    double *c = malloc(m->ns * sizeof *c);
    if (!f->layer_conc || !f->layer_conc_sigma || !f->layer_fixed || !c) {
        free(c);
        il_ndp_fit_free(f);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_ndp_model_concentration(m, 3, c);
    for (size_t s = 0; s < m->ns; s++)
        f->layer_conc[m->slice_layer[s]] = c[s];
    free(c);
    /* Layers without slices (a substrate not modelled) cannot be fitted. */
    for (size_t l = 0; l < m->nl; l++) {
        int any = 0;
        for (size_t s = 0; s < m->ns; s++)
            any |= m->slice_layer[s] == l;
        f->layer_fixed[l] = !any;
    }
    *out = f;
    return IL_OK;
}

typedef struct {
    const il_ndp_model *m;
    const double *R, *known, *y;
    const il_ndp_fit *f;
    size_t *free_layer; /* parameter index -> layer */
    size_t nfree;
    double zi;          /* interface depth: the interlayer is [zi, zi + t] */
} fit_ctx;

/* Fraction of the box [zi, zi + t] that falls in slice s. */
static double box_share(const il_ndp_model *m, size_t s, double zi, double t)
{
    double a = fmax(m->edge[s], zi), b = fmin(m->edge[s + 1], zi + t);
    return b > a ? (b - a) / t : 0;
}

/* Concentration per slice (units of UNIT) for parameters x: [free layer conc ..., t, amount]. */
static void unpack(const fit_ctx *c, const double *x, double *conc)
{
    const il_ndp_model *m = c->m;
    for (size_t s = 0; s < m->ns; s++)
        conc[s] = c->f->layer_conc[m->slice_layer[s]] / UNIT;
    for (size_t i = 0; i < c->nfree; i++)
        for (size_t s = 0; s < m->ns; s++)
            if (m->slice_layer[s] == c->free_layer[i])
                conc[s] = x[i];
    if (c->f->interlayer) {
        double t = x[c->nfree], amt = x[c->nfree + 1] * AUNIT;
        for (size_t s = 0; s < m->ns; s++) {
            double sh = box_share(m, s, c->zi, t);
            if (sh > 0)
                conc[s] += amt * sh / ((m->edge[s + 1] - m->edge[s]) * 1e-7) / UNIT;
        }
    }
}

static il_status work_new(void *ctx, void **work, il_error *err)
{
    const fit_ctx *c = ctx;
    *work = malloc(c->m->ns * sizeof(double));
    return *work ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
}

static void work_free(void *ctx, void *work)
{
    (void)ctx;
    free(work);
}

static il_status resid(void *ctx, void *work, const double *x, double *r, il_error *err)
{
    (void)err;
    const fit_ctx *c = ctx;
    const il_ndp_model *m = c->m;
    double *conc = work;
    unpack(c, x, conc);
    for (size_t ch = 0; ch < m->nch; ch++) {
        double mu = c->known[ch];
        const double *row = c->R + ch * m->ns;
        for (size_t s = 0; s < m->ns; s++)
            mu += row[s] * conc[s];
        double w = c->y[ch] > 1 ? c->y[ch] : 1;
        r[ch] = (c->y[ch] - mu) / sqrt(w);
    }
    return IL_OK;
}

/* The interface nearest depth z (the top of layer l >= 1 that has slices). */
static size_t nearest_interface(const il_ndp_model *m, double z)
{
    size_t best = 1;
    for (size_t l = 1; l < m->nl; l++)
        if (fabs(m->layer_top[l] - z) < fabs(m->layer_top[best] - z))
            best = l;
    return best;
}

/* Weighted linear least squares of the same model at thickness t (every parameter but t enters
 * linearly): the start values. cols: n_lin = nfree (+1) columns. */
static il_status linear_start(const fit_ctx *c, double t, double *x, il_error *err)
{
    const il_ndp_model *m = c->m;
    size_t nlin = c->nfree + (c->f->interlayer ? 1 : 0);
    gsl_matrix *X = gsl_matrix_calloc(m->nch, nlin);
    gsl_vector *yv = gsl_vector_alloc(m->nch), *w = gsl_vector_alloc(m->nch);
    gsl_vector *b = gsl_vector_alloc(nlin);
    gsl_matrix *cov = gsl_matrix_alloc(nlin, nlin);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(m->nch, nlin);
    il_status st = IL_OK;
    if (!X || !yv || !w || !b || !cov || !ws)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t ch = 0; ch < m->nch && !st; ch++) {
        const double *row = c->R + ch * m->ns;
        double fixed = c->known[ch];
        for (size_t s = 0; s < m->ns; s++) {
            size_t l = m->slice_layer[s];
            size_t i;
            for (i = 0; i < c->nfree && c->free_layer[i] != l; i++)
                ;
            if (i < c->nfree)
                *gsl_matrix_ptr(X, ch, i) += row[s];
            else
                fixed += row[s] * c->f->layer_conc[l] / UNIT;
            if (c->f->interlayer) {
                double sh = box_share(m, s, c->zi, t);
                if (sh > 0)
                    *gsl_matrix_ptr(X, ch, c->nfree) +=
                        row[s] * AUNIT * sh / ((m->edge[s + 1] - m->edge[s]) * 1e-7) / UNIT;
            }
        }
        gsl_vector_set(yv, ch, c->y[ch] - fixed);
        gsl_vector_set(w, ch, 1 / (c->y[ch] > 1 ? c->y[ch] : 1));
    }
    double chisq;
    if (!st && gsl_multifit_wlinear(X, w, yv, b, cov, &chisq, ws))
        st = il_error_set(err, IL_ERR_NUMERIC, "the linear start of the NDP fit failed");
    for (size_t i = 0; i < nlin && !st; i++)
        x[i < c->nfree ? i : c->nfree + 1] = gsl_vector_get(b, i);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(X), gsl_matrix_free(cov);
    gsl_vector_free(yv), gsl_vector_free(w), gsl_vector_free(b);
    return st;
}

/* -1 / +1 when v sits within 0.1 % of the range of its lower / upper bound, else 0. */
static int at_bound(double v, double lo, double hi)
{
    double tol = 1e-3 * (hi - lo);
    return v <= lo + tol ? -1 : v >= hi - tol ? 1 : 0;
}

static il_status fit_core(fit_ctx *c, il_ndp_fit *f, il_error *err)
{
    const il_ndp_model *m = c->m;
    size_t nil = f->interlayer ? 2 : 0, np = c->nfree + nil;
    if (np == 0 || np >= m->nch)
        return il_error_set(err, IL_ERR_INVALID, "nothing to fit (%zu parameters)", np);
    double *x0 = calloc(np, sizeof *x0), *lo = malloc(np * sizeof *lo),
           *hi = malloc(np * sizeof *hi), *sig = malloc(np * sizeof *sig),
           *corr = malloc(np * np * sizeof *corr);
    if (!x0 || !lo || !hi || !sig || !corr) {
        free(x0), free(lo), free(hi), free(sig), free(corr);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_status st = IL_OK;
    if (f->interlayer) {
        size_t host = nearest_interface(m, f->il_depth_nm);
        c->zi = m->layer_top[host];
        double w = il__ndp_resolution_at(m, c->zi);
        if (!isfinite(w))
            w = 10 * m->ins.slice_nm;
        double tmax = fmin(2 * w, m->layer_top[host + 1] - c->zi);
        f->il_host = host;
        f->il_depth_nm = c->zi;
        f->il_resolution_nm = w;
        f->il_thickness_lo_nm = T_MIN;
        f->il_thickness_hi_nm = fmax(tmax, 2 * T_MIN);
        double t0 = f->il_thickness_nm > T_MIN && f->il_thickness_nm < f->il_thickness_hi_nm
                        ? f->il_thickness_nm
                        : fmax(fmin(w / 4, 0.5 * f->il_thickness_hi_nm), 1.5 * T_MIN);
        x0[c->nfree] = t0;
        lo[c->nfree] = f->il_thickness_lo_nm;
        hi[c->nfree] = f->il_thickness_hi_nm;
        /* the Li a resolution window of the neighbouring levels holds: the scale of an amount */
        double cu = f->layer_conc[host - 1], cd = f->layer_conc[host];
        double window = (fabs(cu) + fabs(cd)) * w * 1e-7;
        st = linear_start(c, t0, x0, err);
        if (!st) {
            double a0 = x0[c->nfree + 1] * AUNIT;
            if (f->il_atoms_cm2 > 0)
                a0 = f->il_atoms_cm2;
            f->il_atoms_lo = 0;
            f->il_atoms_hi = 3 * (fabs(a0) + window) + 1e15;
            x0[c->nfree + 1] = fmin(fmax(a0, 0.02 * f->il_atoms_hi), 0.98 * f->il_atoms_hi) / AUNIT;
            lo[c->nfree + 1] = 0;
            hi[c->nfree + 1] = f->il_atoms_hi / AUNIT;
        }
    } else {
        st = linear_start(c, 0, x0, err);
    }
    /* Layer levels: wide bounds that a physical level never reaches (Li metal is 4.6e22) but
     * that keep a layer the spectrum barely sees from running off; slightly negative allowed so
     * an empty layer is not pinned at a bound by its noise. */
    for (size_t i = 0; i < c->nfree; i++) {
        lo[i] = -0.5;
        hi[i] = 20;
        x0[i] = fmin(fmax(x0[i], -0.4), 19);
    }
    il_fit_problem pb = {np, m->nch, lo, hi, resid, work_new, work_free, c};
    il_fit_result r = {0};
    if (!st) {
        il_fit_lm_options o;
        il_fit_lm_options_default(&o);
        o.max_iter = 300;
        o.xtol = 1e-9;
        o.gtol = 1e-9;
        o.ftol = 1e-11;
        st = il_fit_lm(&pb, x0, &o, &r, err);
    }
    if (!st && r.stop == IL_FIT_STOP_NO_PROGRESS && !(isfinite(r.chi2)))
        st = il_error_set(err, IL_ERR_NUMERIC, "the fit did not converge (GSL status %d)",
                          r.engine_status);
    if (!st)
        st = il_fit_covariance(&pb, r.value, sig, corr, err);
    if (!st) {
        const double *x = r.value;
        for (size_t i = 0; i < c->nfree; i++) {
            f->layer_conc[c->free_layer[i]] = x[i] * UNIT;
            f->layer_conc_sigma[c->free_layer[i]] = sig[i] * UNIT;
        }
        if (f->interlayer) {
            size_t k = c->nfree;
            f->il_thickness_nm = x[k];
            f->il_thickness_at_bound = at_bound(x[k], lo[k], hi[k]);
            /* sigma 0: the counts do not depend on it, it is not measured (not exact) */
            f->il_thickness_sigma = f->il_thickness_at_bound || !(sig[k] > 0) ? NAN : sig[k];
            f->il_atoms_cm2 = x[k + 1] * AUNIT;
            f->il_atoms_at_bound = at_bound(x[k + 1], lo[k + 1], hi[k + 1]);
            f->il_atoms_cm2_sigma =
                f->il_atoms_at_bound || !(sig[k + 1] > 0) ? NAN : sig[k + 1] * AUNIT;
        }
        f->iterations = r.iterations;
        f->chi2 = r.chi2;
        f->n_params = np;
        f->n_points = m->nch;
        f->chi2_per_dof = r.chi2 / (double)(m->nch - np);
        f->bic = r.chi2 + (double)np * log((double)m->nch);
    }
    il_fit_result_free(&r);
    free(x0), free(lo), free(hi), free(sig), free(corr);
    return st;
}

il_status il_ndp_fit_run(const il_ndp_model *m, const double *counts, il_ndp_fit *f,
                         il_error *err)
{
    fit_ctx c = {m, NULL, NULL, counts, f, NULL, 0, 0};
    double *R = malloc(m->nch * m->ns * sizeof *R), *known = malloc(m->nch * sizeof *known),
           *zero = calloc(m->ns, sizeof *zero);
    c.free_layer = malloc(m->nl * sizeof *c.free_layer);
    il_status st = IL_OK;
    if (!R || !known || !zero || !c.free_layer)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st && f->interlayer && m->nl < 2)
        st = il_error_set(err, IL_ERR_INVALID, "an interlayer needs an interface (2 layers)");
    il_ndp_sim *sim = NULL;
    if (!st)
        st = il_ndp_response(m, 3, UNIT, R, err);
    if (!st)
        st = il_ndp_simulate(m, 3, zero, &sim, err);
    if (!st)
        memcpy(known, sim->counts, m->nch * sizeof *known);
    il_ndp_sim_free(sim);
    c.R = R;
    c.known = known;
    for (size_t l = 0; l < m->nl && !st; l++)
        if (!f->layer_fixed[l])
            c.free_layer[c.nfree++] = l;
    if (!st)
        st = fit_core(&c, f, err);
    free(R), free(known), free(zero), free(c.free_layer);
    return st;
}
