/* The integrated autocorrelation time estimator (il_fit_autocorr_time) against the analytic value
 * of an AR(1) process x_t = φ x_{t-1} + ε_t: ρ(t) = φ^t, so τ_int = 1 + 2 Σ φ^t = (1 + φ)/(1 - φ)
 * (Sokal 1997, eq. 2.20 ff.): 19 for φ = 0.9, 3 for φ = 0.5, 1 for independent draws.
 * Chains: 32 walkers × 20000 steps, started from the stationary distribution.
 * Tolerance 10 %: the estimator's relative standard deviation is sqrt(2 (2M + 1) / N) with the
 * window M ≈ 5τ and N = 640000 samples (Sokal 1997, eq. 3.19): 2.4 % for φ = 0.9; the biases (the
 * window's cut-off tail 2 φ^(M+1)/(1 - φ) ≈ 1e-3 of τ, the 1/N-normalised autocovariance
 * ≈ M/N = 0.5 %) are smaller. 10 % is four standard deviations, and a wrong estimator (e.g. one
 * that forgets the factor 2, or sums without a window) misses by far more. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "fit/fit_mcmc_stats.h"

static void ar1(double phi)
{
    const size_t steps = 20000, nw = 32, m = 2;
    double *chain = malloc(steps * nw * m * sizeof *chain);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    double sd = 1.0 / sqrt(1.0 - phi * phi); /* stationary standard deviation for unit noise */
    for (size_t w = 0; w < nw; w++) {
        double x = sd * gsl_ran_gaussian(rng, 1.0);
        for (size_t t = 0; t < steps; t++) {
            x = phi * x + gsl_ran_gaussian(rng, 1.0);
            chain[(t * nw + w) * m + 0] = x;
            chain[(t * nw + w) * m + 1] = gsl_ran_gaussian(rng, 1.0); /* independent: τ = 1 */
        }
    }
    double tau = il_fit_autocorr_time(chain, steps, nw, m, 0);
    double tau_iid = il_fit_autocorr_time(chain, steps, nw, m, 1);
    double want = (1.0 + phi) / (1.0 - phi);
    print_message("AR(1) φ = %.2f: τ = %.3f (analytic %.3f, %+.1f %%); white noise τ = %.3f "
                  "(analytic 1)\n",
                  phi, tau, want, 100.0 * (tau / want - 1.0), tau_iid);
    assert_true(fabs(tau / want - 1.0) <= 0.10);
    assert_true(fabs(tau_iid - 1.0) <= 0.10);
    free(chain);
    gsl_rng_free(rng);
}

static void ar1_09(void **s) { (void)s; ar1(0.9); }
static void ar1_05(void **s) { (void)s; ar1(0.5); }

static void degenerate(void **s)
{
    (void)s;
    double c[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    assert_true(isnan(il_fit_autocorr_time(c, 8, 1, 1, 0))); /* constant chain */
    assert_true(isnan(il_fit_autocorr_time(c, 3, 1, 1, 0))); /* too short */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ar1_09),
        cmocka_unit_test(ar1_05),
        cmocka_unit_test(degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
