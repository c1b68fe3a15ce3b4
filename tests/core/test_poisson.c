/* Poisson counts for any mean (core/poisson.h): the sample mean and variance equal the mean
 * (the Poisson law's own moments, the reference here) below and above the switch to the normal
 * approximation, and a mean of 1e14 counts takes as long as one of 10 (GSL's sampler spun for
 * minutes there). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include <gsl/gsl_rng.h>

#include "core/poisson.h"

#define DRAWS 4000

/* Mean and variance of DRAWS counts of mean mu agree with mu. Tolerances: the sample mean's
 * standard error is sqrt(mu / DRAWS), allowed 5 of them; the sample variance's relative
 * standard error is sqrt(2 / DRAWS) = 2.2 %, allowed 12 % (5.4 of them). */
static void check_moments(double mu)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double s = 0, s2 = 0;
    for (int i = 0; i < DRAWS; i++) {
        double k = il_poisson_draw(r, mu);
        assert_true(k >= 0 && k == floor(k));
        s += k;
        s2 += k * k;
    }
    gsl_rng_free(r);
    double mean = s / DRAWS, var = (s2 - s * s / DRAWS) / (DRAWS - 1);
    assert_true(fabs(mean - mu) < 5 * sqrt(mu / DRAWS));
    assert_true(fabs(var / mu - 1) < 0.12);
}

static void test_small_mean_is_poisson(void **state)
{
    (void)state;
    check_moments(3.5);
}

static void test_just_below_and_above_the_switch(void **state)
{
    (void)state;
    check_moments(0.999 * IL_POISSON_NORMAL_MEAN);
    check_moments(1.001 * IL_POISSON_NORMAL_MEAN);
}

/* 1e14 counts: moments right, and DRAWS draws in well under a second (a bound 100 times the
 * time they take on a loaded machine; the old sampler did not finish one in 20 s). */
static void test_huge_mean_is_fast_and_right(void **state)
{
    (void)state;
    clock_t t0 = clock();
    check_moments(1e14);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
}

static void test_no_mean_no_counts(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    assert_true(il_poisson_draw(r, 0) == 0);
    assert_true(il_poisson_draw(r, -4) == 0);
    assert_true(il_poisson_draw(r, NAN) == 0);
    assert_true(il_poisson_draw(r, INFINITY) == 0);
    double k = il_poisson_draw(r, 1e300);
    assert_true(isfinite(k) && fabs(k / 1e300 - 1) < 1e-12); /* sqrt(1e300) / 1e300 = 1e-150 */
    gsl_rng_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_mean_is_poisson),
        cmocka_unit_test(test_just_below_and_above_the_switch),
        cmocka_unit_test(test_huge_mean_is_fast_and_right),
        cmocka_unit_test(test_no_mean_no_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
