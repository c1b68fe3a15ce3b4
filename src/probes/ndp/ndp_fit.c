/* Parametric NDP fit: Li as one constant concentration per layer plus a Gaussian interlayer
 * (centre, FWHM, areal amount), fitted to the counts with GSL's nonlinear least squares (trust
 * region with Levenberg-Marquardt steps, finite-difference Jacobian). The spectrum for a set of
 * parameters is known + R c, with R the response on the model's fine slices, so every
 * evaluation is a matrix-vector product. Weights 1/max(counts, 1) (Neyman chi-square). */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/gsl_errors.h"
#include "probes/ndp/ndp_model_priv.h"

#define UNIT 1e22
#define FWHM_PER_SIGMA 2.3548200450309493

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
    double *conc;       /* scratch, per slice (units of UNIT) */
    double z_start;     /* start depth of the interlayer */
} fit_ctx;

/* Parameters: [free layer conc / UNIT ..., v, u, il amount / 1e16] with the interlayer depth
 * z0 + DZ tanh(v) (within DZ of the start z0) and FWHM FMIN + (FMAX - FMIN) (1 + tanh u) / 2:
 * bounded, so the trust region cannot run off to a layer-wide "interlayer". */
#define DZ 300.0
#define FMIN 2.0
#define FMAX 300.0
static void unpack(const fit_ctx *c, const gsl_vector *x)
{
    const il_ndp_model *m = c->m;
    double *lc = malloc(m->nl * sizeof *lc);
    if (!lc)
        return;
    for (size_t l = 0; l < m->nl; l++)
        lc[l] = c->f->layer_conc[l] / UNIT;
    for (size_t i = 0; i < c->nfree; i++)
        lc[c->free_layer[i]] = gsl_vector_get(x, i);
    for (size_t s = 0; s < m->ns; s++)
        c->conc[s] = lc[m->slice_layer[s]];
    free(lc);
    if (c->f->interlayer) {
        double z0 = c->z_start + DZ * tanh(gsl_vector_get(x, c->nfree));
        double w = FMIN + (FMAX - FMIN) * 0.5 * (1 + tanh(gsl_vector_get(x, c->nfree + 1)));
        double amt = gsl_vector_get(x, c->nfree + 2) * 1e16;
        double sg = fmax(w, 0.5) / FWHM_PER_SIGMA;
        for (size_t s = 0; s < m->ns; s++) {
            double a = m->edge[s], b = m->edge[s + 1];
            double frac = 0.5 * (erfc((a - z0) / (sg * 1.4142135623730951)) -
                                 erfc((b - z0) / (sg * 1.4142135623730951)));
            c->conc[s] += amt * frac / ((b - a) * 1e-7) / UNIT;
        }
    }
}

static int resid(const gsl_vector *x, void *data, gsl_vector *f)
{
    const fit_ctx *c = data;
    const il_ndp_model *m = c->m;
    unpack(c, x);
    for (size_t ch = 0; ch < m->nch; ch++) {
        double mu = c->known[ch];
        const double *row = c->R + ch * m->ns;
        for (size_t s = 0; s < m->ns; s++)
            mu += row[s] * c->conc[s];
        double w = c->y[ch] > 1 ? c->y[ch] : 1;
        gsl_vector_set(f, ch, (c->y[ch] - mu) / sqrt(w));
    }
    return GSL_SUCCESS;
}

il_status il_ndp_fit_run(const il_ndp_model *m, const double *counts, il_ndp_fit *f,
                         il_error *err)
{
    il_gsl_errors_off();
    fit_ctx c = {m, NULL, NULL, counts, f, NULL, 0, NULL, f->il_depth_nm};
    double *R = malloc(m->nch * m->ns * sizeof *R), *known = malloc(m->nch * sizeof *known),
           *zero = calloc(m->ns, sizeof *zero);
    c.free_layer = malloc(m->nl * sizeof *c.free_layer);
    c.conc = malloc(m->ns * sizeof *c.conc);
    il_status st = IL_OK;
    if (!R || !known || !zero || !c.free_layer || !c.conc)
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
    gsl_multifit_nlinear_workspace *w = NULL;
    gsl_vector *x0 = NULL;
    if (!st) {
        x0 = gsl_vector_alloc(np);
        for (size_t i = 0; i < c.nfree; i++)
            gsl_vector_set(x0, i, f->layer_conc[c.free_layer[i]] / UNIT);
        if (f->interlayer) {
            double w0 = f->il_fwhm_nm > FMIN && f->il_fwhm_nm < FMAX ? f->il_fwhm_nm : 20;
            gsl_vector_set(x0, c.nfree, 0);
            gsl_vector_set(x0, c.nfree + 1, atanh(2 * (w0 - FMIN) / (FMAX - FMIN) - 1));
            gsl_vector_set(x0, c.nfree + 2, f->il_atoms_cm2 / 1e16);
        }
        gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
        w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, m->nch, np);
        if (!w || !x0)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    if (!st) {
        gsl_multifit_nlinear_fdf fdf;
        memset(&fdf, 0, sizeof fdf);
        fdf.f = resid;
        fdf.df = NULL; /* finite differences */
        fdf.n = m->nch;
        fdf.p = np;
        fdf.params = &c;
        gsl_multifit_nlinear_init(x0, &fdf, w);
        int info;
        int gs = gsl_multifit_nlinear_driver(200, 1e-8, 1e-8, 1e-10, NULL, NULL, &info, w);
        if (gs && gs != GSL_EMAXITER)
            st = il_error_set(err, IL_ERR_NUMERIC, "the fit did not converge (GSL status %d)",
                              gs);
        f->iterations = (int)gsl_multifit_nlinear_niter(w);
    }
    if (!st) {
        gsl_vector *x = gsl_multifit_nlinear_position(w);
        gsl_matrix *J = gsl_multifit_nlinear_jac(w);
        gsl_matrix *cov = gsl_matrix_alloc(np, np);
        gsl_vector *res = gsl_multifit_nlinear_residual(w);
        double chi2;
        gsl_blas_ddot(res, res, &chi2);
        f->chi2_per_dof = chi2 / (double)(m->nch - np);
        if (!cov)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        else
            gsl_multifit_nlinear_covar(J, 0.0, cov);
        /* Counting uncertainties: the covariance of the weighted fit, not rescaled. */
        for (size_t i = 0; i < c.nfree && !st; i++) {
            size_t l = c.free_layer[i];
            f->layer_conc[l] = gsl_vector_get(x, i) * UNIT;
            f->layer_conc_sigma[l] = sqrt(gsl_matrix_get(cov, i, i)) * UNIT;
        }
        if (f->interlayer && !st) {
            size_t k = c.nfree;
            double tv = tanh(gsl_vector_get(x, k)), tu = tanh(gsl_vector_get(x, k + 1));
            f->il_depth_nm = c.z_start + DZ * tv;
            f->il_depth_sigma = DZ * (1 - tv * tv) * sqrt(gsl_matrix_get(cov, k, k));
            f->il_fwhm_nm = FMIN + (FMAX - FMIN) * 0.5 * (1 + tu);
            f->il_fwhm_sigma = (FMAX - FMIN) * 0.5 * (1 - tu * tu) *
                               sqrt(gsl_matrix_get(cov, k + 1, k + 1));
            f->il_atoms_cm2 = gsl_vector_get(x, k + 2) * 1e16;
            f->il_atoms_cm2_sigma = sqrt(gsl_matrix_get(cov, k + 2, k + 2)) * 1e16;
        }
        if (cov)
            gsl_matrix_free(cov);
    }
    if (w)
        gsl_multifit_nlinear_free(w);
    if (x0)
        gsl_vector_free(x0);
    free(R), free(known), free(zero), free(c.free_layer), free(c.conc);
    return st;
}
