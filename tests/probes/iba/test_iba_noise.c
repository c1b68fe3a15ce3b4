/* Counting noise on an IBA spectrum (il_iba_spectrum_sample) against the Poisson law itself:
 * for independent Poisson counts n_k of means mu_k, z_k = (n_k - mu_k)/sqrt(mu_k) has mean 0
 * and variance 1, and z_k^2 has variance 2 + 1/mu_k (the Poisson's fourth central moment
 * mu(1 + 3 mu)). Over the N channels of a spectrum with counts, mean(z) must lie within 5 of its
 * standard errors 1/sqrt(N) of 0, mean(z^2) within 5 x sqrt(sum(2 + 1/mu))/N of 1, and the sum
 * of counts within 5 sqrt(sum mu) of sum mu. Five standard errors: a correct sampler fails one
 * in 1.7 million seeds; a sampler that returns the means (var 0), rounds them, or doubles the
 * variance (sd 1.41) is off by tens of standard errors with these channel counts. Run at two
 * fluences: means up to ~1500 (normal-like) and up to ~15 (skewed, where rounding or a
 * Gaussian would fail). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "interlayer/interlayer.h"

static il_iba_spectrum *sim(double fluence)
{
    il_stack *s;
    il_error err;
    if (il_stack_parse("Au 50nm | LiCoO2 300nm | Si", NULL, &s, &err) != IL_OK)
        fail_msg("%s", err.message);
    il_iba_options o;
    il_iba_options_default(&o);
    o.fluence = fluence;
    il_iba_spectrum *sp;
    if (il_iba_simulate(s, &o, &sp, &err) != IL_OK)
        fail_msg("%s", err.message);
    il_stack_free(s);
    return sp;
}

static void check_poisson(double fluence, double min_mean, double max_mean)
{
    il_iba_spectrum *sp = sim(fluence);
    size_t n = il_iba_spectrum_channels(sp);
    const double *mu = il_iba_spectrum_total(sp);
    double *c = malloc(n * sizeof *c), *c2 = malloc(n * sizeof *c2);
    il_error err;
    assert_int_equal(il_iba_spectrum_sample(sp, 7, c, &err), IL_OK);
    double N = 0, sz = 0, sz2 = 0, v4 = 0, sum_n = 0, sum_mu = 0, top = 0;
    for (size_t k = 0; k < n; k++) {
        assert_true(c[k] >= 0 && c[k] == floor(c[k])); /* whole counts */
        sum_n += c[k];
        sum_mu += mu[k];
        top = fmax(top, mu[k]);
        if (mu[k] < 1.0) /* z is defined for any mu > 0; below 1 count it is mostly 0s */
            continue;
        double z = (c[k] - mu[k]) / sqrt(mu[k]);
        N += 1;
        sz += z;
        sz2 += z * z;
        v4 += 2.0 + 1.0 / mu[k];
    }
    print_message("fluence %g: %g channels, max mean %.4g, mean z %.4f (se %.4f), "
                  "mean z^2 %.4f (se %.4f), sum %.0f vs %.1f\n",
                  fluence, N, top, sz / N, 1 / sqrt(N), sz2 / N, sqrt(v4) / N, sum_n, sum_mu);
    assert_true(N > 300); /* enough channels for the moments to mean something */
    assert_true(top > min_mean && top < max_mean);
    assert_true(fabs(sz / N) < 5.0 / sqrt(N));
    assert_true(fabs(sz2 / N - 1.0) < 5.0 * sqrt(v4) / N);
    assert_true(fabs(sum_n - sum_mu) < 5.0 * sqrt(sum_mu));
    /* the seed alone fixes the counts; another seed gives others */
    assert_int_equal(il_iba_spectrum_sample(sp, 7, c2, &err), IL_OK);
    size_t same = 0;
    for (size_t k = 0; k < n; k++)
        assert_true(c2[k] == c[k]);
    assert_int_equal(il_iba_spectrum_sample(sp, 8, c2, &err), IL_OK);
    for (size_t k = 0; k < n; k++)
        same += c2[k] == c[k] && mu[k] > 100;
    assert_true(same < n / 4);
    free(c);
    free(c2);
    il_iba_spectrum_free(sp);
}

static void high_counts(void **state)
{
    (void)state;
    check_poisson(2e13, 1000, 1e6);
}

static void low_counts(void **state)
{
    (void)state;
    check_poisson(2e11, 3, 30);
}

static void refused(void **state)
{
    (void)state;
    double c[1];
    il_error err;
    assert_int_equal(il_iba_spectrum_sample(NULL, 1, c, &err), IL_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(high_counts),
        cmocka_unit_test(low_counts),
        cmocka_unit_test(refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
