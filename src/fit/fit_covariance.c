/* Covariance of a least-squares optimum: (JᵀJ)⁻¹ with J the Jacobian of the residuals by
 * central differences. Residuals are in units of their standard deviations, so no rescaling by
 * χ²/dof: the uncertainties are those the data's error bars imply. */
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/fit.h"

/* Central-difference Jacobian J[i][k] (n × m, row-major) at p. */
static il_status jacobian(const il_fit_problem *pb, void *work, const double *p, double *J,
                          il_error *err)
{
    size_t n = pb->n_residuals, m = pb->n_params;
    double *r1 = malloc(n * sizeof *r1), *r2 = malloc(n * sizeof *r2);
    double *pp = malloc(m * sizeof *pp);
    il_status st = IL_OK;
    if (!r1 || !r2 || !pp)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        memcpy(pp, p, m * sizeof *pp);
    for (size_t k = 0; k < m && !st; k++) {
        /* step small against both the value and the allowed range */
        double range = pb->lower && pb->upper ? 1e-3 * (pb->upper[k] - pb->lower[k]) : 1e-8;
        double h = 1e-5 * fmax(fabs(p[k]), range);
        pp[k] = p[k] + h;
        st = pb->residual(pb->ctx, work, pp, r1, err);
        pp[k] = p[k] - h;
        if (!st)
            st = pb->residual(pb->ctx, work, pp, r2, err);
        pp[k] = p[k];
        for (size_t i = 0; i < n && !st; i++)
            J[i * m + k] = (r1[i] - r2[i]) / (2.0 * h);
    }
    free(r1);
    free(r2);
    free(pp);
    return st;
}

/* cov = (JᵀJ)⁻¹ by SVD of the equilibrated matrix D A D, A = JᵀJ, D = diag(1/sqrt(A_kk)):
 * parameters may differ by many orders of magnitude (a background of 1e-7 next to a thickness
 * of 1e2), and without the scaling the cut-off would drop well-determined directions.
 * Directions the data do not constrain (relative singular value < 1e-12) are dropped. */
static il_status inverse_normal(const double *J, size_t n, size_t m, double *cov, il_error *err)
{
    gsl_matrix *A = gsl_matrix_alloc(m, m), *V = gsl_matrix_alloc(m, m);
    gsl_vector *S = gsl_vector_alloc(m), *work = gsl_vector_alloc(m);
    double *dsc = malloc(m * sizeof *dsc);
    il_status st = IL_OK;
    if (!A || !V || !S || !work || !dsc) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double s = 0.0;
            for (size_t i = 0; i < n; i++)
                s += J[i * m + a] * J[i * m + b];
            gsl_matrix_set(A, a, b, s);
        }
    for (size_t a = 0; a < m; a++) {
        double d = gsl_matrix_get(A, a, a);
        dsc[a] = d > 0.0 ? 1.0 / sqrt(d) : 1.0;
    }
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            gsl_matrix_set(A, a, b, gsl_matrix_get(A, a, b) * dsc[a] * dsc[b]);
    gsl_linalg_SV_decomp(A, V, S, work);
    double smax = gsl_vector_get(S, 0);
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double c = 0.0;
            for (size_t k = 0; k < m; k++) {
                double sk = gsl_vector_get(S, k);
                if (sk > 1e-12 * smax)
                    c += gsl_matrix_get(V, a, k) * gsl_matrix_get(A, b, k) / sk;
            }
            cov[a * m + b] = c * dsc[a] * dsc[b];
        }
done:
    free(dsc);
    if (A)
        gsl_matrix_free(A);
    if (V)
        gsl_matrix_free(V);
    if (S)
        gsl_vector_free(S);
    if (work)
        gsl_vector_free(work);
    return st;
}

il_status il_fit_covariance(const il_fit_problem *pb, const double *p, double *sigma,
                            double *corr, il_error *err)
{
    size_t n = pb->n_residuals, m = pb->n_params;
    if (m == 0)
        return IL_OK;
    void *work = NULL;
    double *J = malloc((n ? n : 1) * m * sizeof *J);
    il_status st = J ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st && pb->work_new)
        st = pb->work_new(pb->ctx, &work, err);
    if (!st)
        st = jacobian(pb, work, p, J, err);
    if (!st)
        st = inverse_normal(J, n, m, corr, err); /* covariance for now */
    if (!st) {
        for (size_t a = 0; a < m; a++)
            sigma[a] = sqrt(fmax(corr[a * m + a], 0.0));
        for (size_t a = 0; a < m; a++)
            for (size_t b = 0; b < m; b++) {
                double d = sigma[a] * sigma[b];
                corr[a * m + b] = d > 0.0 ? corr[a * m + b] / d : (a == b ? 1.0 : 0.0);
            }
    }
    if (work && pb->work_free)
        pb->work_free(pb->ctx, work);
    free(J);
    return st;
}
