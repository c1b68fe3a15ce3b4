/* Non-negative least squares and the non-negative Tikhonov solution.
 * References: hand-solved small problems (KKT conditions by hand); the KKT conditions themselves
 * on random problems; the same constrained Tikhonov problem written out explicitly as a stacked
 * least-squares system [W^1/2 R; lambda L] x ~ [W^1/2 y; 0] and solved by plain NNLS (no SVD);
 * a synthetic blur problem with a known, partly zero, answer; Poisson statistics (variance of a
 * count = its mean) for the propagated sigma. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/linv.h"

static void analytic_small(void **state)
{
    (void)state;
    /* A = [1 0; 0 1; 1 1]. y = (2, -1, 1): unconstrained x = (2, -1); with x >= 0, x2 = 0 and
     * x1 minimises (x1-2)^2 + 1 + (x1-1)^2 -> x1 = 1.5 (gradient on x2: 0 - 1.5 < 0, KKT). */
    double A[6] = {1, 0, 0, 1, 1, 1}, x[2];
    double y1[3] = {2, -1, 1};
    assert_int_equal(il_linv_nnls(3, 2, A, y1, x, NULL), IL_OK);
    assert_true(fabs(x[0] - 1.5) < 1e-12 && x[1] == 0);
    /* y = (1, 1, 2): the unconstrained answer (1, 1) is feasible. */
    double y2[3] = {1, 1, 2};
    assert_int_equal(il_linv_nnls(3, 2, A, y2, x, NULL), IL_OK);
    assert_true(fabs(x[0] - 1) < 1e-12 && fabs(x[1] - 1) < 1e-12);
    /* y <= 0 everywhere: x = 0. */
    double y3[3] = {-1, -2, -0.5};
    assert_int_equal(il_linv_nnls(3, 2, A, y3, x, NULL), IL_OK);
    assert_true(x[0] == 0 && x[1] == 0);
    /* 3 unknowns, G = diag(1, 1, 1) + 0.5 (ones - I) (SPD), h = (1, -1, 1): with x2 = 0 the
     * free pair solves [1 .5; .5 1] (x1, x3) = (1, 1) -> x1 = x3 = 2/3; gradient on x2:
     * -1 - 0.5 (2/3 + 2/3) = -5/3 < 0, so this is the optimum. */
    double G[9] = {1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1}, h[3] = {1, -1, 1}, x3[3];
    char P[3];
    assert_int_equal(il_linv_nnls_gram(3, G, h, NULL, x3, P, NULL, NULL), IL_OK);
    assert_true(fabs(x3[0] - 2.0 / 3) < 1e-12 && x3[1] == 0 && fabs(x3[2] - 2.0 / 3) < 1e-12);
    assert_true(P[0] && !P[1] && P[2]);
    /* A wrong warm start (all free) reaches the same optimum. */
    char warm[3] = {1, 1, 1};
    assert_int_equal(il_linv_nnls_gram(3, G, h, warm, x3, NULL, NULL, NULL), IL_OK);
    assert_true(fabs(x3[0] - 2.0 / 3) < 1e-12 && x3[1] == 0 && fabs(x3[2] - 2.0 / 3) < 1e-12);
}

static void kkt_random(void **state)
{
    (void)state;
    /* Random 40 x 12 problems: at the optimum x >= 0, the gradient w = A^T (y - A x) is <= 0
     * where x = 0 and = 0 where x > 0 (Lawson & Hanson 1974, thm 23.4). Tolerance 1e-9 of
     * ||A^T y|| (round-off of a 12 x 12 Cholesky on well-conditioned Gaussian matrices). */
    enum { m = 40, n = 12 };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 3);
    for (int rep = 0; rep < 50; rep++) {
        double A[m * n], y[m], x[n];
        for (size_t i = 0; i < m * n; i++)
            A[i] = gsl_ran_gaussian(rng, 1);
        for (size_t i = 0; i < m; i++)
            y[i] = gsl_ran_gaussian(rng, 1);
        assert_int_equal(il_linv_nnls(m, n, A, y, x, NULL), IL_OK);
        double scale = 0, w[n];
        for (size_t j = 0; j < n; j++) {
            double aty = 0, g = 0;
            for (size_t i = 0; i < m; i++) {
                double r = y[i];
                for (size_t k = 0; k < n; k++)
                    r -= A[i * n + k] * x[k];
                g += A[i * n + j] * r;
                aty += A[i * n + j] * y[i];
            }
            w[j] = g;
            scale += aty * aty;
        }
        double tol = 1e-9 * sqrt(scale);
        for (size_t j = 0; j < n; j++) {
            assert_true(x[j] >= 0);
            if (x[j] > 0)
                assert_true(fabs(w[j]) < tol);
            else
                assert_true(w[j] < tol);
        }
    }
    gsl_rng_free(rng);
}

/* Blur: 40 bins -> 200 channels, three segments, the middle one empty (as Li in a Pt or Cu
 * layer): the unconstrained estimate goes negative there. */
enum { M = 200, N = 40 };
static double R[M * N], xtrue[N], ytrue[M];
static const size_t breaks[] = {15, 30};

static void setup_problem(void)
{
    for (size_t j = 0; j < N; j++) {
        xtrue[j] = j < 15 ? 50 : (j < 30 ? 0 : 25);
        for (size_t i = 0; i < M; i++) {
            double d = ((double)i - (5.0 * j + 2)) / 4.0;
            R[i * N + j] = 8.0 * exp(-0.5 * d * d);
        }
    }
    for (size_t i = 0; i < M; i++) {
        ytrue[i] = 0;
        for (size_t j = 0; j < N; j++)
            ytrue[i] += R[i * N + j] * xtrue[j];
    }
}

static void tikhonov_nonneg_vs_stacked(void **state)
{
    (void)state;
    /* The documented functional, min ||W^1/2 (y - R x)||^2 + lambda^2 ||L x||^2 with L the first
     * differences inside a segment and 1e-3 x the value of a segment's first bin, built here
     * explicitly as (M + N) x N and solved by NNLS: same x to 1e-6 of max x (two different
     * factorisations of a problem with condition number ~1e4). */
    il_linv_problem p = {M, N, R, NULL};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    double y[M], var[M];
    for (size_t i = 0; i < M; i++) {
        y[i] = (double)gsl_ran_poisson(rng, ytrue[i]);
        var[i] = ytrue[i] > 1 ? ytrue[i] : 1;
    }
    il_linv_tikhonov *t;
    assert_int_equal(il_linv_tikhonov_new(&p, var, breaks, 2, &t, NULL), IL_OK);
    double lam = 0.5, x[N], xu[N];
    size_t nb = 0;
    assert_int_equal(il_linv_tikhonov_solve(t, y, IL_LINV_LAMBDA_FIXED, &lam, xu, NULL, NULL,
                                           NULL),
                     IL_OK);
    int neg = 0;
    for (size_t j = 0; j < N; j++)
        neg += xu[j] < 0;
    assert_true(neg > 0); /* the constraint has work to do */
    assert_int_equal(il_linv_tikhonov_solve_nonneg(t, y, IL_LINV_LAMBDA_FIXED, &lam, x, NULL,
                                                  NULL, NULL, NULL, NULL, &nb, NULL),
                     IL_OK);
    assert_true(nb > 0);
    double *A = calloc((M + N) * N, sizeof *A), *b = calloc(M + N, sizeof *b), xs[N];
    for (size_t i = 0; i < M; i++) {
        for (size_t j = 0; j < N; j++)
            A[i * N + j] = R[i * N + j] / sqrt(var[i]);
        b[i] = y[i] / sqrt(var[i]);
    }
    for (size_t j = 0; j < N; j++) {
        int start = j == 0 || j == 15 || j == 30;
        A[(M + j) * N + j] = lam * (start ? 1e-3 : 1);
        if (!start)
            A[(M + j) * N + j - 1] = -lam;
    }
    assert_int_equal(il_linv_nnls(M + N, N, A, b, xs, NULL), IL_OK);
    for (size_t j = 0; j < N; j++) {
        assert_true(x[j] >= 0);
        assert_true(fabs(x[j] - xs[j]) < 1e-6 * 50);
    }
    free(A), free(b);
    il_linv_tikhonov_free(t);
    gsl_rng_free(rng);
}

static void tikhonov_nonneg_known_answer(void **state)
{
    (void)state;
    /* 100 Poisson replicas at a fixed lambda (chosen by GCV on the exact data): the constrained
     * estimate is never negative; the totals of the two filled segments are within 3 propagated
     * sigma + 5 % (regularisation bias, as for the unconstrained solver) in >= 95 % of cases; the
     * empty segment's total is closer to 0 (rms over replicas) than the unconstrained one; and
     * the propagated sigma of the filled segments' totals matches the spread over replicas
     * within 15 % (100 replicas estimate an sd to ~7 %; the active set lies in the empty
     * segment, far from the filled ones, so their estimator is close to linear). */
    il_linv_problem p = {M, N, R, NULL};
    double var[M];
    for (size_t i = 0; i < M; i++)
        var[i] = ytrue[i] > 1 ? ytrue[i] : 1;
    il_linv_tikhonov *t;
    assert_int_equal(il_linv_tikhonov_new(&p, var, breaks, 2, &t, NULL), IL_OK);
    for (int sgi = 0; sgi < 3; sgi++) {
        double w[N] = {0};
        for (size_t j = sgi == 0 ? 0 : (sgi == 1 ? 15 : 30); j < (sgi == 0 ? 15u : (sgi == 1 ? 30u : 40u)); j++)
            w[j] = 1;
        assert_int_equal(il_linv_tikhonov_add_functional(t, w, NULL, NULL), IL_OK);
    }
    double lam = 0, x[N];
    assert_int_equal(il_linv_tikhonov_solve(t, ytrue, IL_LINV_LAMBDA_GCV, &lam, x, NULL, NULL,
                                           NULL),
                     IL_OK);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 5);
    const int nrep = 100;
    double y[M], tot[3] = {750, 0, 250};
    double s1[3] = {0}, s2[3] = {0}, sig[3] = {0}, rms_u = 0, rms_c = 0;
    int fails = 0;
    for (int r = 0; r < nrep; r++) {
        for (size_t i = 0; i < M; i++)
            y[i] = (double)gsl_ran_poisson(rng, ytrue[i]);
        double l = lam, fv[3], fs[3], fb[3], fu[3];
        assert_int_equal(il_linv_tikhonov_solve_ex(t, y, IL_LINV_LAMBDA_FIXED, &l, x, NULL, NULL,
                                                  fu, NULL, NULL, NULL),
                         IL_OK);
        assert_int_equal(il_linv_tikhonov_solve_nonneg(t, y, IL_LINV_LAMBDA_FIXED, &l, x, NULL,
                                                      NULL, fv, fs, fb, NULL, NULL),
                         IL_OK);
        for (size_t j = 0; j < N; j++)
            assert_true(x[j] >= 0);
        rms_u += fu[1] * fu[1];
        rms_c += fv[1] * fv[1];
        for (int k = 0; k < 3; k += 2) {
            if (fabs(fv[k] - tot[k]) > 3 * fs[k] + 0.05 * tot[k])
                fails++;
            s1[k] += fv[k];
            s2[k] += fv[k] * fv[k];
            sig[k] += fs[k] / nrep;
        }
    }
    print_message("empty segment total: rms %.3f unconstrained, %.3f non-negative; "
                  "filled segments outside 3 sigma + 5 %%: %d/%d\n",
                  sqrt(rms_u / nrep), sqrt(rms_c / nrep), fails, 2 * nrep);
    assert_true(rms_c < rms_u);
    assert_true(fails <= 2 * nrep / 20);
    for (int k = 0; k < 3; k += 2) {
        double mean = s1[k] / nrep, sd = sqrt((s2[k] - nrep * mean * mean) / (nrep - 1));
        print_message("segment %d: propagated sigma %.3f, replica sd %.3f\n", k, sig[k], sd);
        assert_true(fabs(sd / sig[k] - 1) < 0.15);
    }
    gsl_rng_free(rng);
    il_linv_tikhonov_free(t);
}

int main(void)
{
    setup_problem();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(analytic_small),
        cmocka_unit_test(kkt_random),
        cmocka_unit_test(tikhonov_nonneg_vs_stacked),
        cmocka_unit_test(tikhonov_nonneg_known_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
