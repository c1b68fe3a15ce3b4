/* Ensemble MCMC (il_fit_mcmc) and il_fit_covariance on a linear-Gaussian problem, whose
 * posterior is known in closed form: a straight line y = a0 + a1 t through 20 points with
 * unequal error bars, flat priors on bounds hundreds of σ wide. The posterior is then normal
 * with mean the weighted least-squares solution and covariance (JᵀJ)⁻¹, which the test computes
 * itself from the 2 × 2 normal equations (S = Σw, St = Σwt, Stt = Σwt², w = 1/σ²:
 * var a0 = Stt/Δ, var a1 = S/Δ, cov = -St/Δ, Δ = S Stt - St²).
 * Tolerances for the sampler: 5 standard errors of each estimator for N_eff = samples / τ
 * effectively independent draws (τ the sampler's integrated autocorrelation time):
 *   mean σ/√N_eff; median √(π/2) σ/√N_eff; variance (relative) √(2/N_eff);
 *   half the 16–84 % interval (relative) 1.51/√N_eff (sample quantile: √(q(1-q))/φ(z_q));
 *   correlation (1-ρ²)/√N_eff.
 * The seed is fixed, so the test is deterministic; 5 standard errors leave room for the τ
 * estimate itself being uncertain by some 10-20 %. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/fit.h"

#define N 20

/* |got - want| <= tol, with the numbers in the message when not */
#define near(got, want, tol) near_at((got), (want), (tol), #got, __LINE__)
static void near_at(double got, double want, double tol, const char *what, int line)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("line %d: %s = %.10g, want %.10g +- %.3g", line, what, got, want, tol);
}
static double T[N], Y[N], S[N];

static void setup_data(void)
{
    for (int i = 0; i < N; i++) {
        T[i] = i;
        S[i] = 0.5 + 0.05 * i;
        Y[i] = 1.0 + 0.3 * T[i] + 0.4 * sin(1.7 * i); /* a fixed, noise-like scatter */
    }
}

static il_status line(void *ctx, void *work, const double *a, double *r, il_error *err)
{
    (void)ctx, (void)work, (void)err;
    for (int i = 0; i < N; i++)
        r[i] = (a[0] + a[1] * T[i] - Y[i]) / S[i];
    return IL_OK;
}

/* The exact posterior: mean[2], cov[4]. */
static void exact(double *mean, double *cov)
{
    double s = 0, st = 0, stt = 0, sy = 0, sty = 0;
    for (int i = 0; i < N; i++) {
        double w = 1.0 / (S[i] * S[i]);
        s += w, st += w * T[i], stt += w * T[i] * T[i], sy += w * Y[i], sty += w * T[i] * Y[i];
    }
    double d = s * stt - st * st;
    mean[0] = (stt * sy - st * sty) / d;
    mean[1] = (s * sty - st * sy) / d;
    cov[0] = stt / d, cov[1] = cov[2] = -st / d, cov[3] = s / d;
}

static const double LO[2] = {-200, -20}, HI[2] = {200, 20};

static void covariance_is_exact(void **state)
{
    (void)state;
    double mean[2], cov[4], sigma[2], corr[4];
    exact(mean, cov);
    il_fit_problem pb = {2, N, LO, HI, line, NULL, NULL, NULL};
    assert_int_equal(il_fit_covariance(&pb, mean, sigma, corr, NULL), IL_OK);
    /* central differences are exact on a linear model up to rounding */
    near(sigma[0], sqrt(cov[0]), 1e-8 * sqrt(cov[0]));
    near(sigma[1], sqrt(cov[3]), 1e-8 * sqrt(cov[3]));
    near(corr[1], cov[1] / sqrt(cov[0] * cov[3]), 1e-8);
    /* and LM lands on the least-squares solution */
    il_fit_result r;
    assert_int_equal(il_fit_lm(&pb, (const double[]){0, 0}, NULL, &r, NULL), IL_OK);
    near(r.value[0], mean[0], 1e-7 * sqrt(cov[0]));
    near(r.value[1], mean[1], 1e-7 * sqrt(cov[3]));
    il_fit_result_free(&r);
}

static void posterior_moments(void **state)
{
    (void)state;
    double mean[2], cov[4];
    exact(mean, cov);
    double sd[2] = {sqrt(cov[0]), sqrt(cov[3])};
    double rho = cov[1] / (sd[0] * sd[1]);
    il_fit_problem pb = {2, N, LO, HI, line, NULL, NULL, NULL};
    il_fit_mcmc_options o;
    il_fit_mcmc_options_default(&o);
    o.walkers = 32;
    o.steps = 2000;
    o.burn = 500;
    o.seed = 7;
    o.nthreads = 1; /* a cheap model: threads would only add overhead */
    il_fit_result r;
    il_error err = {0};
    /* start off the mode, so burn-in has to do some work */
    const double start[2] = {mean[0] + 3 * sd[0], mean[1] - 3 * sd[1]};
    assert_int_equal(il_fit_mcmc(&pb, start, sd, &o, &r, &err), IL_OK);
    assert_int_equal(r.n_samples, 32u * 2000u);
    assert_true(r.acceptance > 0.2 && r.acceptance < 0.9);
    double m[2] = {0, 0}, c[3] = {0, 0, 0};
    size_t ns = r.n_samples;
    for (size_t s = 0; s < ns; s++)
        for (int k = 0; k < 2; k++)
            m[k] += r.samples[2 * s + k] / (double)ns;
    for (size_t s = 0; s < ns; s++) {
        double d0 = r.samples[2 * s] - m[0], d1 = r.samples[2 * s + 1] - m[1];
        c[0] += d0 * d0 / (double)(ns - 1);
        c[1] += d0 * d1 / (double)(ns - 1);
        c[2] += d1 * d1 / (double)(ns - 1);
    }
    double var[2] = {c[0], c[2]};
    double taumax = 0;
    for (int k = 0; k < 2; k++) {
        assert_true(r.tau[k] >= 1.0 && r.tau[k] < 300.0);
        taumax = fmax(taumax, r.tau[k]);
        double neff = (double)ns / r.tau[k];
        double rt = 1.0 / sqrt(neff);
        near(m[k], mean[k], 5 * sd[k] * rt);
        near(r.value[k], mean[k], 5 * 1.2533 * sd[k] * rt);
        near(var[k] / cov[3 * k], 1.0, 5 * sqrt(2.0) * rt);
        near(r.sigma[k] / sd[k], 1.0, 5 * 1.51 * rt);
    }
    double neff = (double)ns / taumax;
    double rho_hat = c[1] / sqrt(c[0] * c[2]);
    near(rho_hat, rho, 5 * (1 - rho * rho) / sqrt(neff));
    near(r.corr[1], rho, 5 * (1 - rho * rho) / sqrt(neff));
    assert_true(r.converged == (2000 > 50 * taumax));
    il_fit_result_free(&r);
}

/* Same seed, same chain, whatever the number of threads. */
static void threads_do_not_change_the_chain(void **state)
{
    (void)state;
    il_fit_problem pb = {2, N, LO, HI, line, NULL, NULL, NULL};
    il_fit_mcmc_options o;
    il_fit_mcmc_options_default(&o);
    o.steps = 100;
    il_fit_result a, b;
    const double start[2] = {1, 0.3}, scale[2] = {0.1, 0.01};
    o.nthreads = 1;
    assert_int_equal(il_fit_mcmc(&pb, start, scale, &o, &a, NULL), IL_OK);
    o.nthreads = 2;
    assert_int_equal(il_fit_mcmc(&pb, start, scale, &o, &b, NULL), IL_OK);
    assert_int_equal(a.n_samples, b.n_samples);
    assert_memory_equal(a.samples, b.samples, a.n_samples * 2 * sizeof(double));
    il_fit_result_free(&a);
    il_fit_result_free(&b);
}

int main(void)
{
    setup_data();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(covariance_is_exact),
        cmocka_unit_test(posterior_moments),
        cmocka_unit_test(threads_do_not_change_the_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
