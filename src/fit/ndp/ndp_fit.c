/* Parametric NDP fit: Li as one constant concentration per layer plus a Gaussian interlayer
 * (centre, FWHM, areal amount), fitted to the counts by the fit layer's Levenberg-Marquardt
 * (il_fit_lm: GSL trust region, finite-difference Jacobian). The spectrum for a set of
 * parameters is known + R c, with R the response on the model's fine slices, so every
 * evaluation is a matrix-vector product. Weights 1/max(counts, 1) (Neyman chi-square). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/constants.h"
#include "interlayer/fit.h"
#include "interlayer/ndp_fit.h"
#include "probes/ndp/ndp_model_priv.h"

#define UNIT 1e22

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
    f->il_fwhm_nm = 20;
    *out = f;
    return IL_OK;
}

typedef struct {
    const il_ndp_model *m;
    const double *R, *known, *y;
    const il_ndp_fit *f;
    size_t *free_layer; /* parameter index -> layer */
    size_t nfree;
    double z_start;     /* start depth of the interlayer */
} fit_ctx;

/* Parameters: [free layer conc / UNIT ..., v, u, il amount / 1e16] with the interlayer depth
 * z0 + DZ tanh(v) (within DZ of the start z0) and FWHM FMIN + (FMAX - FMIN) (1 + tanh u) / 2:
 * bounded, so the trust region cannot run off to a layer-wide "interlayer". */
#define DZ 300.0
#define FMIN 2.0
#define FMAX 300.0
/* Concentration per slice (units of UNIT) into conc for parameters x. */
static void unpack(const fit_ctx *c, const double *x, double *conc)
{
    const il_ndp_model *m = c->m;
    double *lc = malloc(m->nl * sizeof *lc);
    if (!lc)
        return;
    for (size_t l = 0; l < m->nl; l++)
        lc[l] = c->f->layer_conc[l] / UNIT;
    for (size_t i = 0; i < c->nfree; i++)
        lc[c->free_layer[i]] = x[i];
    for (size_t s = 0; s < m->ns; s++)
        conc[s] = lc[m->slice_layer[s]];
    free(lc);
    if (c->f->interlayer) {
        double z0 = c->z_start + DZ * tanh(x[c->nfree]);
        double w = FMIN + (FMAX - FMIN) * 0.5 * (1 + tanh(x[c->nfree + 1]));
        double amt = x[c->nfree + 2] * 1e16;
        double sg = fmax(w, 0.5) / IL_FWHM_PER_SIGMA;
        for (size_t s = 0; s < m->ns; s++) {
            double a = m->edge[s], b = m->edge[s + 1];
            double frac = 0.5 * (erfc((a - z0) / (sg * 1.4142135623730951)) -
                                 erfc((b - z0) / (sg * 1.4142135623730951)));
            conc[s] += amt * frac / ((b - a) * 1e-7) / UNIT;
        }
    }
}

/* The workspace of one evaluating thread: the slice concentrations. */
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

/* Results (values and counting uncertainties) back into f from the engine's point and
 * covariance. Counting uncertainties: the covariance of the weighted fit, not rescaled. */
static void store(const fit_ctx *c, const il_fit_result *r, il_ndp_fit *f)
{
    size_t np = r->n_params;
    const double *x = r->value, *cov = r->covar;
    for (size_t i = 0; i < c->nfree; i++) {
        size_t l = c->free_layer[i];
        f->layer_conc[l] = x[i] * UNIT;
        f->layer_conc_sigma[l] = sqrt(cov[i * np + i]) * UNIT;
    }
    if (f->interlayer) {
        size_t k = c->nfree;
        double tv = tanh(x[k]), tu = tanh(x[k + 1]);
        f->il_depth_nm = c->z_start + DZ * tv;
        f->il_depth_sigma = DZ * (1 - tv * tv) * sqrt(cov[k * np + k]);
        f->il_fwhm_nm = FMIN + (FMAX - FMIN) * 0.5 * (1 + tu);
        f->il_fwhm_sigma = (FMAX - FMIN) * 0.5 * (1 - tu * tu) * sqrt(cov[(k + 1) * np + k + 1]);
        f->il_atoms_cm2 = x[k + 2] * 1e16;
        f->il_atoms_cm2_sigma = sqrt(cov[(k + 2) * np + k + 2]) * 1e16;
    }
}

il_status il_ndp_fit_run(const il_ndp_model *m, const double *counts, il_ndp_fit *f,
                         il_error *err)
{
    fit_ctx c = {m, NULL, NULL, counts, f, NULL, 0, f->il_depth_nm};
    double *R = malloc(m->nch * m->ns * sizeof *R), *known = malloc(m->nch * sizeof *known),
           *zero = calloc(m->ns, sizeof *zero);
    c.free_layer = malloc(m->nl * sizeof *c.free_layer);
    il_status st = IL_OK;
    if (!R || !known || !zero || !c.free_layer)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
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
    size_t np = c.nfree + (f->interlayer ? 3 : 0);
    if (!st && (np == 0 || np >= m->nch))
        st = il_error_set(err, IL_ERR_INVALID, "nothing to fit (%zu parameters)", np);
    double *x0 = st ? NULL : malloc(np * sizeof *x0);
    if (!st && !x0)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_fit_result r = {0};
    if (!st) {
        for (size_t i = 0; i < c.nfree; i++)
            x0[i] = f->layer_conc[c.free_layer[i]] / UNIT;
        if (f->interlayer) {
            double w0 = f->il_fwhm_nm > FMIN && f->il_fwhm_nm < FMAX ? f->il_fwhm_nm : 20;
            x0[c.nfree] = 0;
            x0[c.nfree + 1] = atanh(2 * (w0 - FMIN) / (FMAX - FMIN) - 1);
            x0[c.nfree + 2] = f->il_atoms_cm2 / 1e16;
        }
        /* unbounded: the tanh maps above keep the interlayer in range */
        il_fit_problem pb = {np, m->nch, NULL, NULL, resid, work_new, work_free, &c};
        il_fit_lm_options lo;
        il_fit_lm_options_default(&lo);
        lo.max_iter = 200;
        lo.xtol = 1e-8;
        lo.gtol = 1e-8;
        lo.ftol = 1e-10;
        lo.covariance = 1;
        st = il_fit_lm(&pb, x0, &lo, &r, err);
    }
    /* running out of iterations still gives a usable point; stalling does not */
    if (!st && r.stop == IL_FIT_STOP_NO_PROGRESS)
        st = il_error_set(err, IL_ERR_NUMERIC, "the fit did not converge (GSL status %d)",
                          r.engine_status);
    if (!st) {
        f->iterations = r.iterations;
        f->chi2_per_dof = r.chi2 / (double)(m->nch - np);
        store(&c, &r, f);
    }
    il_fit_result_free(&r);
    free(x0);
    free(R), free(known), free(zero), free(c.free_layer);
    return st;
}
