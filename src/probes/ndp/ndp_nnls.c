/* Non-negative least squares in normal-equation form:
 *   minimise 1/2 x^T G x - h^T x  subject to x >= 0,   G symmetric positive definite (n x n).
 * Lawson & Hanson, "Solving Least Squares Problems" (1974), ch. 23, algorithm NNLS, written on
 * the Gram matrix as in Bro & de Jong, J. Chemometrics 11 (1997) 393 ("fast NNLS"): the passive
 * (free) set P is solved by Cholesky of G_PP, the gradient w = h - G x picks the variable to free,
 * and an interpolation step keeps x feasible when a passive variable would turn negative.
 * A warm start (a guess of P, e.g. where the unconstrained solution is positive) is optional;
 * the algorithm starts from x = 0 on it, which is feasible, so termination and optimality (the
 * KKT conditions x >= 0, w <= 0 on the bound set, w = 0 on P) hold as for the cold start. */
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/gsl_errors.h"
#include "interlayer/ndp_inverse.h"

/* z_P = G_PP^-1 h_P, z = 0 elsewhere. Returns nonzero if G_PP is not positive definite. */
static int solve_passive(size_t n, const double *G, const double *h, const char *P, size_t *idx,
                         gsl_matrix *A, gsl_vector *b, double *z)
{
    size_t p = 0;
    for (size_t j = 0; j < n; j++)
        if (P[j])
            idx[p++] = j;
    for (size_t j = 0; j < n; j++)
        z[j] = 0;
    if (!p)
        return 0;
    gsl_matrix_view Av = gsl_matrix_submatrix(A, 0, 0, p, p);
    gsl_vector_view bv = gsl_vector_subvector(b, 0, p);
    for (size_t a = 0; a < p; a++) {
        for (size_t c = 0; c < p; c++)
            gsl_matrix_set(&Av.matrix, a, c, G[idx[a] * n + idx[c]]);
        gsl_vector_set(&bv.vector, a, h[idx[a]]);
    }
    if (gsl_linalg_cholesky_decomp1(&Av.matrix) || gsl_linalg_cholesky_svx(&Av.matrix, &bv.vector))
        return 1;
    for (size_t a = 0; a < p; a++)
        z[idx[a]] = gsl_vector_get(&bv.vector, a);
    return 0;
}

il_status il_ndp_nnls_gram(size_t n, const double *G, const double *h, const char *warm,
                           double *x, char *passive, int *iterations, il_error *err)
{
    il_gsl_errors_off();
    if (!n || !G || !h || !x)
        return il_error_set(err, IL_ERR_INVALID, "empty NNLS problem");
    char *P = calloc(n, 1), *locked = calloc(n, 1);
    size_t *idx = malloc(n * sizeof *idx);
    double *z = malloc(n * sizeof *z), *w = malloc(n * sizeof *w);
    gsl_matrix *A = gsl_matrix_alloc(n, n);
    gsl_vector *b = gsl_vector_alloc(n);
    il_status st = IL_OK;
    if (!P || !locked || !idx || !z || !w || !A || !b) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < n; j++) {
        x[j] = 0;
        P[j] = warm ? (warm[j] != 0) : 0;
    }
    double hmax = 0;
    for (size_t j = 0; j < n; j++)
        hmax = fmax(hmax, fabs(h[j]));
    /* Gradient tolerance: relative to the size of the problem's numbers (round-off level). */
    double tol = 1e-12 * (hmax > 0 ? hmax : 1) * (double)n;
    int it = 0, max_it = 30 * (int)n + 100;
    int first = warm != NULL;
    size_t added = n; /* the variable the outer loop just freed */
    for (;;) {
        if (!first) {
            /* Outer loop: free the bound variable with the largest positive gradient. */
            for (size_t j = 0; j < n; j++) {
                double g = h[j];
                for (size_t k = 0; k < n; k++)
                    g -= G[j * n + k] * x[k];
                w[j] = g;
            }
            size_t jmax = n;
            double best = tol;
            for (size_t j = 0; j < n; j++)
                if (!P[j] && !locked[j] && w[j] > best) {
                    best = w[j];
                    jmax = j;
                }
            if (jmax == n)
                break; /* KKT satisfied */
            P[jmax] = 1;
            added = jmax;
        }
        first = 0;
        /* Inner loop: solve on P; step back towards feasibility while some z_P <= 0. */
        for (;;) {
            if (++it > max_it) {
                st = il_error_set(err, IL_ERR_NUMERIC, "NNLS did not converge in %d steps",
                                  max_it);
                goto done;
            }
            if (solve_passive(n, G, h, P, idx, A, b, z)) {
                st = il_error_set(err, IL_ERR_NUMERIC,
                                  "NNLS: the free part of the normal matrix is singular");
                goto done;
            }
            size_t jstop = n; /* the variable that limits the step: it leaves P */
            double alpha = 1;
            for (size_t j = 0; j < n; j++)
                if (P[j] && z[j] <= 0) {
                    double d = x[j] - z[j];
                    double a = d > 0 ? x[j] / d : 0;
                    if (jstop == n || a < alpha) {
                        alpha = a;
                        jstop = j;
                    }
                }
            if (jstop == n) {
                memcpy(x, z, n * sizeof *x);
                break;
            }
            if (added < n && z[added] <= 0) {
                /* Round-off: the freed variable cannot move (Lawson-Hanson prove z > 0 in
                 * exact arithmetic). Keep it bound for good instead of cycling. */
                P[added] = 0;
                locked[added] = 1;
                added = n;
                continue;
            }
            added = n;
            for (size_t j = 0; j < n; j++) {
                if (!P[j])
                    continue;
                x[j] += alpha * (z[j] - x[j]);
                if (j == jstop || x[j] <= 0) {
                    P[j] = 0;
                    x[j] = 0;
                }
            }
        }
    }
    if (passive)
        memcpy(passive, P, n);
    if (iterations)
        *iterations = it;
done:
    free(P), free(locked), free(idx), free(z), free(w);
    if (A)
        gsl_matrix_free(A);
    if (b)
        gsl_vector_free(b);
    return st;
}

il_status il_ndp_nnls(size_t m, size_t n, const double *A, const double *y, double *x,
                      il_error *err)
{
    if (!m || !n || !A || !y)
        return il_error_set(err, IL_ERR_INVALID, "empty NNLS problem");
    double *G = calloc(n * n, sizeof *G), *h = calloc(n, sizeof *h);
    if (!G || !h) {
        free(G), free(h);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < m; i++) {
        const double *row = A + i * n;
        for (size_t j = 0; j < n; j++) {
            h[j] += row[j] * y[i];
            for (size_t k = 0; k < n; k++)
                G[j * n + k] += row[j] * row[k];
        }
    }
    il_status st = il_ndp_nnls_gram(n, G, h, NULL, x, NULL, NULL, err);
    free(G), free(h);
    return st;
}
