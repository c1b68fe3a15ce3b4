/* Levenberg–Marquardt through GSL's gsl_multifit_nlinear (trust region, LM step, finite-
 * difference Jacobian). Bounds by the MINUIT transformation p = lo + (hi-lo)(1 + sin u)/2, so
 * every trial point is inside the bounds and the problem stays unconstrained in u. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/options_or_default.h"
#include "fit/fit_pool.h"

typedef struct {
    const il_fit_problem *pb;
    void *work;
    double *p; /* scratch: external values */
    double *r; /* scratch: residuals (GSL may hand us a strided column of the Jacobian) */
    il_error *err;
    il_status st;
    size_t evals; /* callbacks made, the finite-difference Jacobian's included */
} lm_ctx;

void il_fit_lm_options_default(il_fit_lm_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_iter = 200;
    o->xtol = 1e-10;
    o->gtol = 1e-10;
    o->ftol = 1e-12;
}

static int bounded(const il_fit_problem *pb) { return pb->lower && pb->upper; }

static void to_external(const il_fit_problem *pb, const gsl_vector *u, double *p)
{
    for (size_t k = 0; k < pb->n_params; k++)
        p[k] = bounded(pb) ? pb->lower[k] + (pb->upper[k] - pb->lower[k]) * 0.5 *
                                                (1.0 + sin(gsl_vector_get(u, k)))
                           : gsl_vector_get(u, k);
}

static int resid_f(const gsl_vector *u, void *params, gsl_vector *fvec)
{
    lm_ctx *c = params;
    to_external(c->pb, u, c->p);
    c->evals++;
    il_status st = c->pb->residual(c->pb->ctx, c->work, c->p, c->r, c->err);
    if (st) {
        c->st = st;
        return GSL_EBADFUNC;
    }
    for (size_t i = 0; i < fvec->size; i++) {
        if (!isfinite(c->r[i]))
            return GSL_EBADFUNC;
        gsl_vector_set(fvec, i, c->r[i]);
    }
    return GSL_SUCCESS;
}

/* The result's covariance from GSL's Jacobian at the final point (no rank cut-off: the caller
 * asked for the plain (JᵀJ)⁻¹). */
static il_status lm_covar(gsl_multifit_nlinear_workspace *w, il_fit_result *res, il_error *err)
{
    size_t m = res->n_params;
    gsl_matrix *cov = gsl_matrix_alloc(m, m);
    res->covar = malloc(m * m * sizeof *res->covar);
    if (!cov || !res->covar) {
        if (cov)
            gsl_matrix_free(cov);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, cov);
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            res->covar[a * m + b] = gsl_matrix_get(cov, a, b);
    gsl_matrix_free(cov);
    return IL_OK;
}

il_status il_fit_lm(const il_fit_problem *pb, const double *start, const il_fit_lm_options *opt,
                    il_fit_result *res, il_error *err)
{
    il_fit_lm_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_fit_lm_options_default);
    size_t n = pb->n_residuals, m = pb->n_params;
    il_status st = il_fit_result_init(res, m, err);
    if (st)
        return st;
    if (m == 0 || n < m) {
        il_fit_result_free(res);
        return il_error_set(err, IL_ERR_INVALID, "%zu data points cannot fix %zu parameters", n,
                            m);
    }
    lm_ctx c = {pb, NULL, malloc(m * sizeof(double)), malloc(n * sizeof(double)), err, IL_OK, 0};
    gsl_vector *u = gsl_vector_alloc(m);
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    fp.trs = gsl_multifit_nlinear_trs_lm;
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, m);
    if (!c.p || !c.r || !u || !w)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st && pb->work_new)
        st = pb->work_new(pb->ctx, &c.work, err);
    if (st)
        goto done;
    for (size_t k = 0; k < m; k++) {
        if (!bounded(pb)) {
            gsl_vector_set(u, k, start[k]);
            continue;
        }
        double t = 2.0 * (start[k] - pb->lower[k]) / (pb->upper[k] - pb->lower[k]) - 1.0;
        /* keep off the exact bound, where d p / d u = 0 would freeze the parameter */
        t = fmax(-0.999999, fmin(0.999999, t));
        gsl_vector_set(u, k, asin(t));
    }
    gsl_multifit_nlinear_fdf fdf = {0};
    fdf.f = resid_f;
    fdf.n = n;
    fdf.p = m;
    fdf.params = &c;
    int info = 0;
    int status = gsl_multifit_nlinear_init(u, &fdf, w);
    if (status == GSL_SUCCESS)
        status = gsl_multifit_nlinear_driver((size_t)(o.max_iter > 0 ? o.max_iter : 200), o.xtol,
                                             o.gtol, o.ftol, NULL, NULL, &info, w);
    st = c.st;
    if (!st && status != GSL_SUCCESS && status != GSL_EMAXITER && status != GSL_ENOPROG)
        st = il_error_set(err, IL_ERR_NUMERIC, "Levenberg-Marquardt failed: %s",
                          gsl_strerror(status));
    if (st)
        goto done;
    to_external(pb, gsl_multifit_nlinear_position(w), res->value);
    res->iterations = (int)gsl_multifit_nlinear_niter(w);
    res->converged = status == GSL_SUCCESS;
    res->stop = status == GSL_SUCCESS   ? IL_FIT_STOP_CONVERGED
                : status == GSL_EMAXITER ? IL_FIT_STOP_MAX_ITER
                                         : IL_FIT_STOP_NO_PROGRESS;
    res->engine_status = status;
    res->evaluations = c.evals;
    gsl_blas_ddot(gsl_multifit_nlinear_residual(w), gsl_multifit_nlinear_residual(w),
                  &res->chi2);
    if (o.covariance) /* in u, the engine's coordinates: the caller's own when unbounded */
        st = lm_covar(w, res, err);
done:
    if (c.work && pb->work_free)
        pb->work_free(pb->ctx, c.work);
    if (w)
        gsl_multifit_nlinear_free(w);
    if (u)
        gsl_vector_free(u);
    free(c.p);
    free(c.r);
    if (st)
        il_fit_result_free(res);
    return st;
}
