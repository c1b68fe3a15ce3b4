/* Non-negative least squares in normal-equation form:
 *   minimise 1/2 x^T G x - h^T x  subject to x >= 0,   G symmetric positive definite (n x n).
 * Lawson & Hanson, "Solving Least Squares Problems" (1974), ch. 23, algorithm NNLS, written on
 * the Gram matrix as in Bro & de Jong, J. Chemometrics 11 (1997) 393 ("fast NNLS"): the passive
 * (free) set P is solved through a Cholesky factor of G_PP, the gradient w = h - G x picks the
 * variable to free, and an interpolation step keeps x feasible when a passive variable would
 * turn negative. The factor is updated, not recomputed, when a variable enters (one new row,
 * O(p^2)) or leaves (row deleted, Givens rotations restore the triangle, O(p^2)), so each step
 * costs O(p^2) instead of O(p^3).
 * A warm start (a guess of P, e.g. where the unconstrained solution is positive) is optional:
 * the guessed set is solved and its non-positive variables dropped until all are positive
 * (Bro & de Jong's projection start); that point is feasible and optimal on its free set, from
 * which Lawson-Hanson's loops proceed as from x = 0, so the KKT conditions (x >= 0, w <= 0 on
 * the bound set, w = 0 on P) hold at the end either way. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/linv.h"
#include "fit/linv_nnls.h"

/* Factor Lf (leading dimension n) of G[ord[0..p-1], same]. */
typedef struct {
    size_t n, p;
    const double *G;
    double *L;
    size_t *ord;
} chol;

/* Appends variable j; returns nonzero if G restricted to the new set is not positive definite. */
static int chol_add(chol *c, size_t j)
{
    size_t n = c->n, p = c->p;
    double *row = c->L + p * n, d = c->G[j * n + j];
    for (size_t a = 0; a < p; a++) {
        double v = c->G[c->ord[a] * n + j];
        const double *la = c->L + a * n;
        for (size_t b = 0; b < a; b++)
            v -= la[b] * row[b];
        row[a] = v / la[a];
        d -= row[a] * row[a];
    }
    if (!(d > 1e-13 * c->G[j * n + j]))
        return 1;
    row[p] = sqrt(d);
    c->ord[p] = j;
    c->p++;
    return 0;
}

/* Removes the variable at position q: rows below q lose their column q through Givens rotations
 * of neighbouring columns (L Q keeps L L^T), then move up one row. */
static void chol_remove(chol *c, size_t q)
{
    size_t n = c->n, p = c->p;
    double *L = c->L;
    for (size_t k = q; k + 1 < p; k++) {
        /* Row k+1 has entries up to column k+1; zero its column k+1 into column k. */
        double a = L[(k + 1) * n + k], b = L[(k + 1) * n + k + 1];
        double r = hypot(a, b), cs = a / r, sn = b / r;
        for (size_t i = k + 1; i < p; i++) {
            double x = L[i * n + k], y = L[i * n + k + 1];
            L[i * n + k] = cs * x + sn * y;
            L[i * n + k + 1] = -sn * x + cs * y;
        }
    }
    for (size_t i = q; i + 1 < p; i++) {
        memcpy(L + i * n, L + (i + 1) * n, (i + 1) * sizeof *L);
        c->ord[i] = c->ord[i + 1];
    }
    c->p--;
}

void il_linv_chol_solve(const double *L, size_t n, size_t p, double *b)
{
    for (size_t a = 0; a < p; a++) {
        double v = b[a];
        for (size_t k = 0; k < a; k++)
            v -= L[a * n + k] * b[k];
        b[a] = v / L[a * n + a];
    }
    for (size_t a = p; a-- > 0;) {
        double v = b[a];
        for (size_t k = a + 1; k < p; k++)
            v -= L[k * n + a] * b[k];
        b[a] = v / L[a * n + a];
    }
}

/* z = solution on the current free set (0 elsewhere). */
static void solve_free(const chol *c, const double *h, double *tmp, double *z)
{
    for (size_t j = 0; j < c->n; j++)
        z[j] = 0;
    for (size_t a = 0; a < c->p; a++)
        tmp[a] = h[c->ord[a]];
    il_linv_chol_solve(c->L, c->n, c->p, tmp);
    for (size_t a = 0; a < c->p; a++)
        z[c->ord[a]] = tmp[a];
}

static size_t position(const chol *c, size_t j)
{
    for (size_t a = 0; a < c->p; a++)
        if (c->ord[a] == j)
            return a;
    return c->p;
}

il_status il_linv_nnls_gram_factor(size_t n, const double *G, const double *h, const char *warm,
                                  double *x, char *passive, int *iterations, double *Lf,
                                  size_t *ordout, size_t *np, il_error *err)
{
    if (!n || !G || !h || !x)
        return il_error_set(err, IL_ERR_INVALID, "empty NNLS problem");
    char *P = calloc(n, 1), *locked = calloc(n, 1);
    size_t *ord = malloc(n * sizeof *ord);
    double *z = malloc(n * sizeof *z), *w = malloc(n * sizeof *w), *tmp = malloc(n * sizeof *tmp);
    double *L = Lf ? Lf : malloc(n * n * sizeof *L);
    il_status st = IL_OK;
    chol c = {n, 0, G, L, ord};
    if (!P || !locked || !ord || !z || !w || !tmp || !L) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < n; j++)
        x[j] = 0;
    double hmax = 0;
    for (size_t j = 0; j < n; j++)
        hmax = fmax(hmax, fabs(h[j]));
    /* Gradient tolerance: round-off level of the problem's numbers. */
    double tol = 1e-12 * (hmax > 0 ? hmax : 1) * (double)n;
    int it = 0, max_it = 30 * (int)n + 100;
    if (warm) {
        for (size_t j = 0; j < n; j++)
            if (warm[j] && !chol_add(&c, j))
                P[j] = 1;
        for (;;) {
            if (++it > max_it)
                goto noconv;
            solve_free(&c, h, tmp, z);
            int drop = 0;
            for (size_t a = c.p; a-- > 0;)
                if (z[ord[a]] <= 0) {
                    P[ord[a]] = 0;
                    chol_remove(&c, a);
                    drop = 1;
                }
            if (!drop)
                break;
        }
        memcpy(x, z, n * sizeof *x);
    }
    size_t added = n; /* the variable the outer loop just freed */
    for (;;) {
        /* Outer loop: free the bound variable with the largest positive gradient. */
        for (size_t j = 0; j < n; j++) {
            double g = h[j];
            const double *gj = G + j * n;
            for (size_t a = 0; a < c.p; a++)
                g -= gj[ord[a]] * x[ord[a]];
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
        if (chol_add(&c, jmax)) {
            locked[jmax] = 1; /* dependent on the free set: cannot move */
            continue;
        }
        P[jmax] = 1;
        added = jmax;
        /* Inner loop: solve on P; step back towards feasibility while some z_P <= 0. */
        for (;;) {
            if (++it > max_it)
                goto noconv;
            solve_free(&c, h, tmp, z);
            size_t jstop = n; /* the variable that limits the step: it leaves P */
            double alpha = 1;
            for (size_t a = 0; a < c.p; a++) {
                size_t j = ord[a];
                if (z[j] <= 0) {
                    double d = x[j] - z[j];
                    double al = d > 0 ? x[j] / d : 0;
                    if (jstop == n || al < alpha) {
                        alpha = al;
                        jstop = j;
                    }
                }
            }
            if (jstop == n) {
                memcpy(x, z, n * sizeof *x);
                break;
            }
            if (added < n && z[added] <= 0) {
                /* Round-off: the freed variable cannot move (Lawson & Hanson prove z > 0 in
                 * exact arithmetic). Keep it bound for good instead of cycling. */
                P[added] = 0;
                locked[added] = 1;
                chol_remove(&c, position(&c, added));
                added = n;
                continue;
            }
            added = n;
            for (size_t j = 0; j < n; j++)
                if (P[j])
                    x[j] += alpha * (z[j] - x[j]);
            for (size_t a = c.p; a-- > 0;) {
                size_t j = ord[a];
                if (j == jstop || x[j] <= 0) {
                    P[j] = 0;
                    x[j] = 0;
                    chol_remove(&c, a);
                }
            }
        }
    }
    if (passive)
        memcpy(passive, P, n);
    if (iterations)
        *iterations = it;
    if (ordout)
        memcpy(ordout, ord, c.p * sizeof *ord);
    if (np)
        *np = c.p;
    goto done;
noconv:
    st = il_error_set(err, IL_ERR_NUMERIC, "NNLS did not converge in %d steps", max_it);
done:
    free(P), free(locked), free(ord), free(z), free(w), free(tmp);
    if (!Lf)
        free(L);
    return st;
}

il_status il_linv_nnls_gram(size_t n, const double *G, const double *h, const char *warm,
                           double *x, char *passive, int *iterations, il_error *err)
{
    return il_linv_nnls_gram_factor(n, G, h, warm, x, passive, iterations, NULL, NULL, NULL, err);
}

il_status il_linv_nnls(size_t m, size_t n, const double *A, const double *y, double *x,
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
    il_status st = il_linv_nnls_gram(n, G, h, NULL, x, NULL, NULL, err);
    free(G), free(h);
    return st;
}
