/* Levenberg–Marquardt through GSL's gsl_multifit_nlinear (trust region, LM step, finite-
 * difference Jacobian). Bounds by the MINUIT transformation p = lo + (hi-lo)(1 + sin u)/2, so
 * every trial point is inside the bounds and the problem stays unconstrained in u. */
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probes/refl/refl_fit_priv.h"

typedef struct {
    il_refl_fit *f;
    double *p; /* scratch: external values */
    double *r; /* scratch: residuals (GSL may hand us a strided column of the Jacobian) */
    il_error *err;
    il_status st;
} lm_ctx;

static void to_external(const il_refl_fit *f, const gsl_vector *u, double *p)
{
    for (size_t k = 0; k < f->npar; k++)
        p[k] = f->lo[k] + (f->hi[k] - f->lo[k]) * 0.5 * (1.0 + sin(gsl_vector_get(u, k)));
}

static int resid_f(const gsl_vector *u, void *params, gsl_vector *fvec)
{
    lm_ctx *c = params;
    to_external(c->f, u, c->p);
    il_status st = il_refl_fit_residuals(c->f, c->p, &c->f->main_work, c->r, NULL, c->err);
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

il_status il_refl_fit_lm(il_refl_fit *f, const il_refl_fit_opts *o, double *p, int *iters,
                         int *converged, il_error *err)
{
    size_t n = f->ndata, m = f->npar;
    if (n < m)
        return il_error_set(err, IL_ERR_INVALID, "%zu data points cannot fix %zu parameters", n,
                            m);
    lm_ctx c = {f, malloc(m * sizeof(double)), malloc(n * sizeof(double)), err, IL_OK};
    gsl_vector *u = gsl_vector_alloc(m);
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    fp.trs = gsl_multifit_nlinear_trs_lm;
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, m);
    if (!c.p || !c.r || !u || !w) {
        free(c.p);
        free(c.r);
        if (u)
            gsl_vector_free(u);
        if (w)
            gsl_multifit_nlinear_free(w);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; k < m; k++) {
        double t = 2.0 * (p[k] - f->lo[k]) / (f->hi[k] - f->lo[k]) - 1.0;
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
    int maxit = o->max_iter > 0 ? o->max_iter : 200;
    int status = gsl_multifit_nlinear_init(u, &fdf, w);
    if (status == GSL_SUCCESS)
        status = gsl_multifit_nlinear_driver((size_t)maxit, 1e-10, 1e-10, 1e-12, NULL, NULL,
                                             &info, w);
    il_status st = c.st;
    if (!st && status != GSL_SUCCESS && status != GSL_EMAXITER && status != GSL_ENOPROG)
        st = il_error_set(err, IL_ERR_NUMERIC, "Levenberg-Marquardt failed: %s",
                          gsl_strerror(status));
    if (!st) {
        to_external(f, gsl_multifit_nlinear_position(w), p);
        *iters = (int)gsl_multifit_nlinear_niter(w);
        *converged = status == GSL_SUCCESS;
    }
    gsl_multifit_nlinear_free(w);
    gsl_vector_free(u);
    free(c.p);
    free(c.r);
    return st;
}
