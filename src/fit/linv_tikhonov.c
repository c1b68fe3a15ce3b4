/* Tikhonov-regularised weighted least squares through one SVD (GSL).
 *
 * With W = diag(1/var) and the penalty matrix L (lower bidiagonal: first differences inside a
 * segment, eps * value on the first bin of each segment, so L is invertible and steps at layer
 * interfaces are not penalised), the substitution z = L x turns the problem into standard form
 * min ||W^1/2 (y - b) - W^1/2 R L^-1 z||^2 + lambda^2 ||z||^2. With A = W^1/2 R L^-1 = U S V^T:
 *   x(lambda) = L^-1 V diag(f_i / s_i) U^T y_w,  f_i = s_i^2 / (s_i^2 + lambda^2)
 *   chi2(lambda) = sum ((1 - f_i) beta_i)^2 + ||y_w||^2 - ||beta||^2,  beta = U^T y_w
 *   GCV(lambda) = chi2 / (m - sum f_i)^2,  ||L x|| = ||diag(f/s) beta||
 * (Hansen, "Rank-deficient and discrete ill-posed problems", SIAM 1998, ch. 4 and 7).
 * Everything after the SVD is O(n) per lambda, or O(m n) per spectrum for beta. */
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/linv.h"
#include "fit/linv_nnls.h"
#include "core/grow.h"

#define SEGMENT_EPS 1e-3 /* weight of the value penalty on a segment's first bin */
#define N_LAMBDA 120     /* grid for the L-curve and GCV scans */

struct il_linv_tikhonov {
    size_t m, n;       /* active channels, bins */
    size_t *chan;      /* active channel -> spectrum channel */
    double *sqrtw;     /* per active channel */
    double *bkg;       /* per active channel */
    gsl_matrix *U;     /* m x n */
    gsl_vector *S;     /* n */
    gsl_matrix *M;     /* L^-1 V, n x n */
    size_t nf;         /* registered functionals */
    double *aM;        /* [k * n + i] = (a_k^T M)_i */
    double *a;         /* [k * n + j] = a_k (for the non-negative solution) */
    char *start;       /* n: bin j starts a segment (L's structure) */
    double *B;         /* n x n, L^T V (non-negative solution, see below) */
    double *AtA;       /* n x n, A^T A = B S^2 B^T */
};

void il_linv_tikhonov_free(il_linv_tikhonov *t)
{
    if (!t)
        return;
    free(t->chan);
    free(t->sqrtw);
    free(t->bkg);
    if (t->U)
        gsl_matrix_free(t->U);
    if (t->S)
        gsl_vector_free(t->S);
    if (t->M)
        gsl_matrix_free(t->M);
    free(t->aM);
    free(t->a);
    free(t->start);
    free(t->B);
    free(t->AtA);
    free(t);
}

il_status il_linv_tikhonov_new(const il_linv_problem *p, const double *var, const size_t *breaks,
                              size_t n_breaks, il_linv_tikhonov **out, il_error *err)
{
    *out = NULL;
    if (!p || !p->R || !p->n_bins || !p->n_channels)
        return il_error_set(err, IL_ERR_INVALID, "empty response matrix");
    size_t M0 = p->n_channels, n = p->n_bins;
    il_linv_tikhonov *t = calloc(1, sizeof *t);
    if (!t)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    t->n = n;
    t->chan = malloc(M0 * sizeof *t->chan);
    t->sqrtw = malloc(M0 * sizeof *t->sqrtw);
    t->bkg = malloc(M0 * sizeof *t->bkg);
    if (!t->chan || !t->sqrtw || !t->bkg) {
        il_linv_tikhonov_free(t);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    /* Only channels the response reaches carry information on x. */
    for (size_t i = 0; i < M0; i++) {
        if (!(var[i] > 0) || !isfinite(var[i])) {
            il_linv_tikhonov_free(t);
            return il_error_set(err, IL_ERR_INVALID, "variance of channel %zu = %g; must be > 0",
                                i, var[i]);
        }
        int any = 0;
        for (size_t j = 0; j < n && !any; j++)
            any = p->R[i * n + j] != 0;
        if (!any)
            continue;
        t->chan[t->m] = i;
        t->sqrtw[t->m] = 1 / sqrt(var[i]);
        t->bkg[t->m] = p->background ? p->background[i] : 0;
        t->m++;
    }
    if (t->m < n) {
        size_t m = t->m;
        il_linv_tikhonov_free(t);
        return il_error_set(err, IL_ERR_INVALID,
                            "only %zu channels see the %zu depth bins; use fewer, wider bins", m,
                            n);
    }
    char *start = calloc(n, 1);
    if (!start) {
        il_linv_tikhonov_free(t);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    start[0] = 1;
    for (size_t b = 0; b < n_breaks; b++)
        if (breaks[b] < n)
            start[breaks[b]] = 1;
    size_t m = t->m;
    t->U = gsl_matrix_alloc(m, n);
    t->S = gsl_vector_alloc(n);
    t->M = gsl_matrix_alloc(n, n);
    gsl_matrix *V = gsl_matrix_alloc(n, n);
    gsl_vector *work = gsl_vector_alloc(n);
    if (!t->U || !t->S || !t->M || !V || !work) {
        free(start);
        if (V)
            gsl_matrix_free(V);
        if (work)
            gsl_vector_free(work);
        il_linv_tikhonov_free(t);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    /* A = W^1/2 R L^-1: column k of L^-1 is (1/eps if k starts a segment else 1) on rows
     * k..end of k's segment, so A's column k is a suffix sum of W^1/2 R over the segment. */
    for (size_t r = 0; r < m; r++) {
        const double *row = p->R + t->chan[r] * n;
        double acc = 0;
        size_t k = n;
        while (k-- > 0) {
            acc += row[k] * t->sqrtw[r];
            gsl_matrix_set(t->U, r, k, start[k] ? acc / SEGMENT_EPS : acc);
            if (start[k])
                acc = 0;
        }
    }
    int gs = gsl_linalg_SV_decomp(t->U, V, t->S, work);
    gsl_vector_free(work);
    if (gs) {
        free(start);
        gsl_matrix_free(V);
        il_linv_tikhonov_free(t);
        return il_error_set(err, IL_ERR_NUMERIC, "SVD of the response failed (GSL error %d)", gs);
    }
    /* M = L^-1 V: row j of L^-1 V is the (scaled) prefix sum of V's rows within the segment. */
    for (size_t i = 0; i < n; i++) {
        double acc = 0;
        for (size_t j = 0; j < n; j++) {
            if (start[j])
                acc = gsl_matrix_get(V, j, i) / SEGMENT_EPS;
            else
                acc += gsl_matrix_get(V, j, i);
            gsl_matrix_set(t->M, j, i, acc);
        }
    }
    t->start = start;
    t->B = malloc(n * n * sizeof *t->B);
    t->AtA = malloc(n * n * sizeof *t->AtA);
    if (!t->B || !t->AtA) {
        gsl_matrix_free(V);
        il_linv_tikhonov_free(t);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    /* B = L^T V: (L^T v)_k = L_kk v_k + L_(k+1)k v_(k+1), L_kk = eps (segment start) or 1,
     * L_(k+1)k = -1 inside a segment. Then A^T A = B S^2 B^T, once (O(n^3)). */
    for (size_t k = 0; k < n; k++) {
        const double *vk = V->data + k * V->tda;
        const double *vn = k + 1 < n ? vk + V->tda : NULL;
        double lkk = start[k] ? SEGMENT_EPS : 1;
        int sub = k + 1 < n && !start[k + 1];
        for (size_t i = 0; i < n; i++)
            t->B[k * n + i] = lkk * vk[i] - (sub ? vn[i] : 0);
    }
    gsl_matrix_free(V);
    for (size_t j = 0; j < n; j++) {
        const double *bj = t->B + j * n;
        for (size_t k = j; k < n; k++) {
            const double *bk = t->B + k * n;
            double g = 0;
            for (size_t i = 0; i < n; i++) {
                double si = t->S->data[i * t->S->stride];
                g += bj[i] * si * si * bk[i];
            }
            t->AtA[j * n + k] = t->AtA[k * n + j] = g;
        }
    }
    *out = t;
    return IL_OK;
}

static double chi2_at(const double *s, const double *beta, size_t n, double perp2, double lam)
{
    double c = perp2, l2 = lam * lam;
    for (size_t i = 0; i < n; i++) {
        double g = l2 / (s[i] * s[i] + l2) * beta[i];
        c += g * g;
    }
    return c;
}

il_status il_linv_tikhonov_solve(const il_linv_tikhonov *t, const double *counts,
                                il_linv_lambda_rule rule, double *lambda, double *x,
                                double *sigma_x, double *chi2, il_error *err)
{
    return il_linv_tikhonov_solve_ex(t, counts, rule, lambda, x, sigma_x, chi2, NULL, NULL, NULL,
                                    err);
}

il_status il_linv_tikhonov_solve_ex(const il_linv_tikhonov *t, const double *counts,
                                   il_linv_lambda_rule rule, double *lambda, double *x,
                                   double *sigma_x, double *chi2, double *fval, double *fsigma,
                                   double *fbias, il_error *err)
{
    size_t m = t->m, n = t->n;
    double *yw = malloc(m * sizeof *yw), *beta = malloc(n * sizeof *beta),
           *s = malloc(n * sizeof *s), *coef = malloc(n * sizeof *coef);
    if (!yw || !beta || !s || !coef) {
        free(yw), free(beta), free(s), free(coef);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    double y2 = 0, b2 = 0;
    for (size_t r = 0; r < m; r++) {
        yw[r] = (counts[t->chan[r]] - t->bkg[r]) * t->sqrtw[r];
        y2 += yw[r] * yw[r];
    }
    /* beta = U^T y_w, row by row of U (contiguous) */
    const double *U = t->U->data;
    size_t tda = t->U->tda;
    for (size_t i = 0; i < n; i++) {
        s[i] = t->S->data[i * t->S->stride];
        beta[i] = 0;
    }
    for (size_t r = 0; r < m; r++) {
        const double *row = U + r * tda;
        double w = yw[r];
        for (size_t i = 0; i < n; i++)
            beta[i] += row[i] * w;
    }
    for (size_t i = 0; i < n; i++)
        b2 += beta[i] * beta[i];
    double perp2 = y2 > b2 ? y2 - b2 : 0;
    double smax = s[0] > 0 ? s[0] : 1, smin = smax * 1e-10;
    for (size_t i = n; i-- > 0;)
        if (s[i] > smax * 1e-12) {
            smin = s[i];
            break;
        }
    double lam = lambda ? *lambda : 0;
    il_status st = IL_OK;
    if (rule == IL_LINV_LAMBDA_FIXED) {
        if (!lambda || !(lam >= 0) || !isfinite(lam))
            st = il_error_set(err, IL_ERR_INVALID, "a fixed lambda must be finite and >= 0");
    } else if (rule == IL_LINV_LAMBDA_DISCREPANCY) {
        /* chi2 rises monotonically with lambda: bisect log(lambda) for chi2 = m. */
        double target = (double)m, lo = log(smin * 1e-3), hi = log(smax * 1e3);
        if (chi2_at(s, beta, n, perp2, exp(lo)) >= target)
            lam = exp(lo); /* cannot fit to the noise level even unregularised */
        else if (chi2_at(s, beta, n, perp2, exp(hi)) <= target)
            lam = exp(hi);
        else {
            for (int k = 0; k < 100 && hi - lo > 1e-6; k++) {
                double mid = 0.5 * (lo + hi);
                if (chi2_at(s, beta, n, perp2, exp(mid)) < target)
                    lo = mid;
                else
                    hi = mid;
            }
            lam = exp(0.5 * (lo + hi));
        }
    } else if (rule == IL_LINV_LAMBDA_GCV || rule == IL_LINV_LAMBDA_LCURVE) {
        /* Scan lambda over the singular values. GCV: minimum of chi2 / (m - sum f)^2.
         * L-curve: maximum of the curvature of (log rho, log eta), from the closed form of
         * Hansen (Discrete Inverse Problems, SIAM 2010, section 5.3):
         * kappa = 2 eta rho / eta' (l^2 eta' rho + 2 l eta rho + l^4 eta eta') /
         *         (l^2 eta^2 + rho^2)^1.5, eta = ||z||^2, rho = chi2,
         * eta' = -4/l sum (1 - f) f^2 beta^2 / s^2. */
        double best = INFINITY, bestk = -INFINITY, lmin = log(smin), lmax = log(smax);
        for (int k = 0; k < N_LAMBDA; k++) {
            double l = exp(lmax - (lmax - lmin) * k / (N_LAMBDA - 1));
            double c = chi2_at(s, beta, n, perp2, l), fs = 0, e2 = 0, de = 0;
            for (size_t i = 0; i < n; i++) {
                if (!(s[i] > 0))
                    continue;
                double f = s[i] * s[i] / (s[i] * s[i] + l * l), zb = beta[i] / s[i];
                fs += f;
                e2 += f * f * zb * zb;
                de += (1 - f) * f * f * zb * zb;
            }
            de *= -4 / l;
            if (rule == IL_LINV_LAMBDA_GCV) {
                double g = c / ((m - fs) * (m - fs));
                if (g < best) {
                    best = g;
                    lam = l;
                }
            } else if (de < 0 && e2 > 0 && c > 0) {
                double l2 = l * l;
                double kap = 2 * e2 * c / de * (l2 * de * c + 2 * l * e2 * c + l2 * l2 * e2 * de) /
                             pow(l2 * e2 * e2 + c * c, 1.5);
                if (kap > bestk) {
                    bestk = kap;
                    lam = l;
                }
            }
        }
        if (rule == IL_LINV_LAMBDA_LCURVE && !(bestk > -INFINITY))
            st = il_error_set(err, IL_ERR_NUMERIC, "no L-curve corner found");
    } else {
        st = il_error_set(err, IL_ERR_INVALID, "unknown lambda rule %d", (int)rule);
    }
    if (!st) {
        for (size_t i = 0; i < n; i++) {
            double f = s[i] > 0 ? s[i] * s[i] / (s[i] * s[i] + lam * lam) : 0;
            coef[i] = s[i] > 0 ? f / s[i] : 0;
        }
        const double *M = t->M->data;
        size_t mt = t->M->tda;
        for (size_t j = 0; j < n; j++) {
            const double *row = M + j * mt;
            double acc = 0, v = 0;
            for (size_t i = 0; i < n; i++) {
                double mji = row[i] * coef[i];
                acc += mji * beta[i];
                v += mji * mji;
            }
            x[j] = acc;
            if (sigma_x)
                sigma_x[j] = sqrt(v);
        }
        /* Registered functionals a^T x: value, propagated sigma, smoothing bias estimate. */
        for (size_t k = 0; k < t->nf; k++) {
            const double *am = t->aM + k * n;
            double val = 0, var = 0, bias = 0;
            for (size_t i = 0; i < n; i++) {
                if (!(s[i] > 0))
                    continue;
                double f = s[i] * s[i] / (s[i] * s[i] + lam * lam);
                double c = am[i] * coef[i];
                val += c * beta[i];
                var += c * c;
                bias += am[i] * (f - 1) * f * beta[i] / s[i];
            }
            if (fval)
                fval[k] = val;
            if (fsigma)
                fsigma[k] = sqrt(var);
            if (fbias)
                fbias[k] = bias;
        }
        if (lambda)
            *lambda = lam;
        if (chi2)
            *chi2 = chi2_at(s, beta, n, perp2, lam);
    }
    free(yw), free(beta), free(s), free(coef);
    return st;
}

il_status il_linv_tikhonov_functional_sigma(const il_linv_tikhonov *t, double lambda,
                                           const double *a, double *sigma, il_error *err)
{
    /* a^T x = sum_i (a^T M)_i f_i / s_i beta_i with Cov(beta) = I. */
    if (!(lambda >= 0))
        return il_error_set(err, IL_ERR_INVALID, "lambda must be >= 0");
    double v = 0;
    for (size_t i = 0; i < t->n; i++) {
        double s = gsl_vector_get(t->S, i);
        if (!(s > 0))
            continue;
        double am = 0;
        for (size_t j = 0; j < t->n; j++)
            am += a[j] * gsl_matrix_get(t->M, j, i);
        double c = am * s / (s * s + lambda * lambda);
        v += c * c;
    }
    *sigma = sqrt(v);
    return IL_OK;
}

il_status il_linv_tikhonov_functional_bias(const il_linv_tikhonov *t, const double *counts,
                                          double lambda, const double *a, double *bias,
                                          il_error *err)
{
    /* Resolution matrix H = L^-1 V diag(f) V^T L; bias of a^T x is a^T (H - I) x, estimated
     * with x = x_lambda, whose V^T L x is diag(f / s) beta:
     *   bias = sum_i (a^T M)_i (f_i - 1) f_i beta_i / s_i. */
    if (!(lambda >= 0))
        return il_error_set(err, IL_ERR_INVALID, "lambda must be >= 0");
    size_t m = t->m, n = t->n;
    double *yw = malloc(m * sizeof *yw);
    if (!yw)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t r = 0; r < m; r++)
        yw[r] = (counts[t->chan[r]] - t->bkg[r]) * t->sqrtw[r];
    double b = 0;
    for (size_t i = 0; i < n; i++) {
        double s = gsl_vector_get(t->S, i);
        if (!(s > 0))
            continue;
        double beta = 0, am = 0;
        for (size_t r = 0; r < m; r++)
            beta += gsl_matrix_get(t->U, r, i) * yw[r];
        for (size_t j = 0; j < n; j++)
            am += a[j] * gsl_matrix_get(t->M, j, i);
        double f = s * s / (s * s + lambda * lambda);
        b += am * (f - 1) * f * beta / s;
    }
    free(yw);
    *bias = b;
    return IL_OK;
}

il_status il_linv_tikhonov_add_functional(il_linv_tikhonov *t, const double *a, size_t *index,
                                         il_error *err)
{
    size_t n = t->n;
    const il_grow_slot rows[] = {IL_GROW_SLOT(t->aM), IL_GROW_SLOT(t->a)};
    il_status gs = il_grow_arrays(rows, 2, (t->nf + 1) * n, err);
    if (gs)
        return gs;
    double *nm = t->aM, *na = t->a;
    memcpy(na + t->nf * n, a, n * sizeof *a);
    double *am = nm + t->nf * n;
    const double *M = t->M->data;
    size_t mt = t->M->tda;
    for (size_t i = 0; i < n; i++)
        am[i] = 0;
    for (size_t j = 0; j < n; j++) {
        if (a[j] == 0)
            continue;
        const double *row = M + j * mt;
        for (size_t i = 0; i < n; i++)
            am[i] += a[j] * row[i];
    }
    if (index)
        *index = t->nf;
    t->nf++;
    return IL_OK;
}

/* ---- the non-negative solution -------------------------------------------------------------
 * With A = W^1/2 R = U S V^T L (from the SVD of A L^-1) and B = L^T V:
 *   A^T A = B S^2 B^T (kept),  G = A^T A + lambda^2 L^T L (L^T L tridiagonal),
 *   h = A^T y_w = B S beta,  chi2(x) = ||y_w||^2 - 2 h^T x + x^T A^T A x.
 * The constrained minimiser of the same Tikhonov functional is found by NNLS on (G, h)
 * (linv_nnls.c), warm-started on the bins where the unconstrained solution is positive.
 * Uncertainties of a functional a^T x are those of the linear estimator on the final free set P
 * (the active set taken as fixed): x_P = G_PP^-1 h_P, so var = w^T (A^T A)_PP w with
 * w = G_PP^-1 a_P, and the smoothing bias is a_P^T (G_PP^-1 (A^T A)_PP - I) x_P
 * = -lambda^2 w^T (L^T L x)_P. The part of a on the bound bins adds in quadrature the sigma the
 * unconstrained estimator has there (so an empty layer reads 0 +- what the data could hide, not
 * 0 +- 0). Per-bin sigma_x is that of the unconstrained estimator (an upper bound of the
 * free-set one, which fixing neighbours at zero can only shrink; kept to stay O(n^2)). */
static void ltl_times(const char *start, size_t n, const double *x, double *out)
{
    /* out = L^T L x with L x: eps x_j at a segment start, x_j - x_(j-1) inside. */
    for (size_t j = 0; j < n; j++)
        out[j] = start[j] ? SEGMENT_EPS * x[j] : x[j] - x[j - 1];
    double next = 0;
    for (size_t k = n; k-- > 0;) {
        double lx = out[k];
        out[k] = (start[k] ? SEGMENT_EPS : 1) * lx - next;
        next = k > 0 && !start[k] ? lx : 0;
    }
}

il_status il_linv_tikhonov_solve_nonneg(const il_linv_tikhonov *t, const double *counts,
                                       il_linv_lambda_rule rule, double *lambda, double *x,
                                       double *sigma_x, double *chi2, double *fval,
                                       double *fsigma, double *fbias, size_t *n_bound,
                                       il_error *err)
{
    size_t m = t->m, n = t->n;
    double lam = lambda ? *lambda : 0;
    if (n_bound)
        *n_bound = 0;
    il_status st = il_linv_tikhonov_solve_ex(t, counts, rule, &lam, x, sigma_x, chi2, fval,
                                            fsigma, fbias, err);
    if (st)
        return st;
    if (lambda)
        *lambda = lam;
    int anyneg = 0;
    for (size_t j = 0; j < n; j++)
        anyneg |= x[j] < 0;
    if (!anyneg)
        return IL_OK; /* G is positive definite: the unconstrained minimiser is the answer */
    double *yw = malloc(m * sizeof *yw), *beta = calloc(n, sizeof *beta),
           *G = malloc(n * n * sizeof *G), *h = calloc(n, sizeof *h),
           *e = malloc(n * sizeof *e), *LLx = malloc(n * sizeof *LLx);
    char *warm = malloc(n), *P = malloc(n);
    size_t *idx = malloc(n * sizeof *idx);
    double *Lf = malloc(n * n * sizeof *Lf), *wv = malloc(n * sizeof *wv);
    if (!yw || !beta || !G || !h || !e || !LLx || !warm || !P || !idx || !Lf || !wv) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    const double *s = t->S->data;
    size_t ss = t->S->stride;
    double y2 = 0;
    for (size_t r = 0; r < m; r++) {
        const double *row = t->U->data + r * t->U->tda;
        yw[r] = (counts[t->chan[r]] - t->bkg[r]) * t->sqrtw[r];
        y2 += yw[r] * yw[r];
        for (size_t i = 0; i < n; i++)
            beta[i] += row[i] * yw[r];
    }
    for (size_t j = 0; j < n; j++) {
        const double *bj = t->B + j * n;
        for (size_t i = 0; i < n; i++)
            h[j] += bj[i] * s[i * ss] * beta[i];
        memcpy(G + j * n, t->AtA + j * n, n * sizeof *G);
        warm[j] = x[j] > 0;
    }
    /* + lambda^2 L^T L: column by column through ltl_times of unit vectors is O(n^2); the
     * tridiagonal entries directly: */
    for (size_t j = 0; j < n; j++) {
        double ljj = t->start[j] ? SEGMENT_EPS : 1;
        double d = ljj * ljj + (j + 1 < n && !t->start[j + 1] ? 1 : 0);
        G[j * n + j] += lam * lam * d;
        if (j + 1 < n && !t->start[j + 1]) {
            /* (L^T L)_(j, j+1) = L_(j+1) j L_(j+1)(j+1) = -1 */
            G[j * n + j + 1] -= lam * lam;
            G[(j + 1) * n + j] -= lam * lam;
        }
    }
    size_t p = 0;
    st = il_linv_nnls_gram_factor(n, G, h, warm, x, P, NULL, Lf, idx, &p, err);
    if (st)
        goto done;
    if (n_bound)
        *n_bound = n - p;
    if (chi2) {
        /* ||y_w - A x||^2 = ||y_w||^2 - 2 h^T x + x^T A^T A x */
        double c = y2;
        for (size_t a = 0; a < p; a++) {
            size_t j = idx[a];
            double q = 0;
            for (size_t b = 0; b < p; b++)
                q += t->AtA[j * n + idx[b]] * x[idx[b]];
            c += x[j] * (q - 2 * h[j]);
        }
        *chi2 = c > 0 ? c : 0;
    }
    ltl_times(t->start, n, x, LLx);
    for (size_t k = 0; k < t->nf; k++) {
        const double *a = t->a + k * n;
        double v = 0;
        for (size_t j = 0; j < n; j++)
            v += a[j] * x[j];
        if (fval)
            fval[k] = v;
        double var = 0, bias = 0;
        for (size_t c = 0; c < p; c++)
            wv[c] = a[idx[c]];
        il_linv_chol_solve(Lf, n, p, wv);
        for (size_t c = 0; c < p; c++) {
            double q = 0, wc = wv[c];
            if (wc == 0)
                continue;
            const double *arow = t->AtA + idx[c] * n;
            for (size_t b = 0; b < p; b++)
                q += arow[idx[b]] * wv[b];
            var += wc * q;
            bias -= lam * lam * wc * LLx[idx[c]];
        }
        /* The bound part: unconstrained sigma of a_B^T x, a_B^T M diag(s/(s^2+l^2)). */
        for (size_t j = 0; j < n; j++)
            e[j] = 0;
        int anyb = 0;
        for (size_t j = 0; j < n; j++)
            if (!P[j] && a[j] != 0) {
                anyb = 1;
                const double *row = t->M->data + j * t->M->tda;
                for (size_t i = 0; i < n; i++)
                    e[i] += a[j] * row[i];
            }
        for (size_t i = 0; anyb && i < n; i++) {
            double si = s[i * ss];
            if (si > 0) {
                double c = e[i] * si / (si * si + lam * lam);
                var += c * c;
            }
        }
        if (fsigma)
            fsigma[k] = sqrt(var > 0 ? var : 0);
        if (fbias)
            fbias[k] = bias;
    }
done:
    free(yw), free(beta), free(G), free(h), free(e), free(LLx), free(warm), free(P), free(idx);
    free(Lf), free(wv);
    return st;
}
