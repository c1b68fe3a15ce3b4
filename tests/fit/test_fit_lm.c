/* Levenberg–Marquardt (il_fit_lm) and the least-squares covariance (il_fit_covariance) against
 * certified values of the NIST Statistical Reference Datasets, nonlinear regression problem
 * Misra1a (Misra, NIST 1978; lower difficulty): y = b1 (1 - exp(-b2 x)), 14 observations.
 * Data and certified values: https://www.itl.nist.gov/div898/strd/nls/data/misra1a.shtml
 *   b1 = 2.3894212918E+02 (sd 2.7070075241E+00), b2 = 5.5015643181E-04 (sd 7.2668688436E-06),
 *   residual sum of squares 1.2455138894E-01, 12 degrees of freedom.
 * The certified standard deviations are sqrt(diag((JᵀJ)⁻¹) · RSS/dof).
 * Tolerances: parameters 1e-6 relative (NIST asks for agreement to at least 4-6 digits; the
 * driver's step test at 1e-10 leaves the point within ~1e-8, the rest is margin for the
 * finite-difference Jacobian near the optimum); RSS 1e-9 relative (its error is quadratic in the
 * parameter error); standard deviations 1e-5 relative (they come from a finite-difference
 * Jacobian; observed ~1e-7). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/fit.h"

#define N 14
static const double X[N] = {77.6,  114.9, 141.1, 190.8, 239.9, 289.0, 332.8,
                            378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0};
static const double Y[N] = {10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02,
                            44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78};
static const double B1 = 2.3894212918E+02, B2 = 5.5015643181E-04;
static const double SD1 = 2.7070075241E+00, SD2 = 7.2668688436E-06;
static const double RSS = 1.2455138894E-01;

static il_status misra1a(void *ctx, void *work, const double *b, double *r, il_error *err)
{
    (void)ctx, (void)work, (void)err;
    for (int i = 0; i < N; i++)
        r[i] = Y[i] - b[0] * (1.0 - exp(-b[1] * X[i]));
    return IL_OK;
}

static void assert_rel(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.12g, want %.12g (relative tolerance %g)", got, want, rel);
}

static void check_certified(const il_fit_problem *pb, const double *start)
{
    il_fit_lm_options o;
    il_fit_lm_options_default(&o);
    o.covariance = 1;
    il_fit_result r;
    il_error err = {0};
    assert_int_equal(il_fit_lm(pb, start, &o, &r, &err), IL_OK);
    assert_int_equal(r.stop, IL_FIT_STOP_CONVERGED);
    assert_true(r.converged);
    assert_rel(r.value[0], B1, 1e-6);
    assert_rel(r.value[1], B2, 1e-6);
    assert_rel(r.chi2, RSS, 1e-9);
    double s2 = RSS / (N - 2);
    if (!pb->lower) { /* the covariance is in the engine's (here: the external) coordinates */
        assert_rel(sqrt(r.covar[0] * s2), SD1, 1e-5);
        assert_rel(sqrt(r.covar[3] * s2), SD2, 1e-5);
    }
    double sigma[2], corr[4];
    assert_int_equal(il_fit_covariance(pb, r.value, sigma, corr, &err), IL_OK);
    assert_rel(sigma[0] * sqrt(s2), SD1, 1e-5);
    assert_rel(sigma[1] * sqrt(s2), SD2, 1e-5);
    assert_rel(corr[0], 1.0, 1e-12);
    assert_rel(corr[1], corr[2], 1e-12);
    il_fit_result_free(&r);
}

/* Both NIST starting points, no bounds. */
static void misra1a_unbounded(void **state)
{
    (void)state;
    il_fit_problem pb = {2, N, NULL, NULL, misra1a, NULL, NULL, NULL};
    check_certified(&pb, (const double[]){500, 1e-4});
    check_certified(&pb, (const double[]){250, 5e-4});
}

/* Bounds that hold the solution well inside: the sine transformation must not move it. */
static void misra1a_bounded(void **state)
{
    (void)state;
    const double lo[2] = {100, 1e-5}, hi[2] = {400, 1e-3};
    il_fit_problem pb = {2, N, lo, hi, misra1a, NULL, NULL, NULL};
    check_certified(&pb, (const double[]){150, 2e-4});
}

/* A bound below the unconstrained optimum: every trial point stays inside it, and the answer
 * sits at the bound. */
static void misra1a_active_bound(void **state)
{
    (void)state;
    const double lo[2] = {100, 1e-5}, hi[2] = {200, 1e-3};
    il_fit_problem pb = {2, N, lo, hi, misra1a, NULL, NULL, NULL};
    il_fit_result r;
    assert_int_equal(il_fit_lm(&pb, (const double[]){150, 2e-4}, NULL, &r, NULL), IL_OK);
    assert_true(r.value[0] <= 200.0 && r.value[0] > 199.9);
    il_fit_result_free(&r);
}

/* A joint objective is a callback that concatenates the residuals of several terms, each with
 * its own context (as techniques will). Misra1a split into two "datasets" sharing both
 * parameters is the same least-squares problem, so it must give the certified values too. */
typedef struct {
    int first, count; /* observations of this term */
} term;

static il_status term_resid(const term *t, const double *b, double *r)
{
    for (int i = 0; i < t->count; i++) {
        int j = t->first + i;
        r[i] = Y[j] - b[0] * (1.0 - exp(-b[1] * X[j]));
    }
    return IL_OK;
}

static il_status joint(void *ctx, void *work, const double *b, double *r, il_error *err)
{
    (void)work, (void)err;
    const term *terms = ctx;
    size_t k = 0;
    for (int t = 0; t < 2; t++) {
        il_status st = term_resid(&terms[t], b, r + k);
        if (st)
            return st;
        k += (size_t)terms[t].count;
    }
    return IL_OK;
}

static void misra1a_as_two_terms(void **state)
{
    (void)state;
    term terms[2] = {{0, 6}, {6, N - 6}};
    il_fit_problem pb = {2, N, NULL, NULL, joint, NULL, NULL, terms};
    check_certified(&pb, (const double[]){250, 5e-4});
}

static il_status failing(void *ctx, void *work, const double *b, double *r, il_error *err)
{
    (void)ctx, (void)work, (void)b, (void)r;
    return il_error_set(err, IL_ERR_NUMERIC, "model exploded");
}

/* The callback's error reaches the caller unchanged; too few residuals are refused. */
static void errors(void **state)
{
    (void)state;
    il_error err = {0};
    il_fit_result r;
    il_fit_problem pb = {2, N, NULL, NULL, failing, NULL, NULL, NULL};
    assert_int_equal(il_fit_lm(&pb, (const double[]){1, 1}, NULL, &r, &err), IL_ERR_NUMERIC);
    assert_non_null(strstr(err.message, "model exploded"));
    assert_null(r.value);
    il_fit_problem few = {2, 1, NULL, NULL, misra1a, NULL, NULL, NULL};
    assert_int_equal(il_fit_lm(&few, (const double[]){1, 1}, NULL, &r, &err), IL_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(misra1a_unbounded),
        cmocka_unit_test(misra1a_bounded),
        cmocka_unit_test(misra1a_active_bound),
        cmocka_unit_test(misra1a_as_two_terms),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
