/* Simulated-data helpers of refl.h, against independent expectations:
 * - il_refl_add_noise on 20000 points of R = 1 with dR = 0.1 R + 0.02 = 0.12: the deviations'
 *   sample mean is 0 within 4 standard errors (4 x 0.12 / sqrt(20000) = 0.0034) and their
 *   sample variance / 0.12^2 is 1 within 4 x sqrt(2 / 20000) = 0.04 (the relative standard
 *   error of a Gaussian sample variance); the same seed gives the same curve, another seed
 *   another; without noise R is untouched and dR = rel R + floor exactly;
 * - il_refl_resolution_sigma_invA: an FWHM over 2 sqrt(2 ln 2) (computed here), a sigma as is;
 * - il_refl_q_grid: both ends exact on a linear grid, constant ratio on a log grid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/refl.h"

#define N 20000

static void noise_statistics(void **state)
{
    (void)state;
    double *r = malloc(N * sizeof *r), *dr = malloc(N * sizeof *dr), *r2 = malloc(N * sizeof *r2);
    assert_true(r && dr && r2);
    for (size_t i = 0; i < N; i++)
        r[i] = r2[i] = 1;
    assert_int_equal(il_refl_add_noise(r, dr, N, 0.1, 0.02, 7, NULL), IL_OK);
    double mean = 0, var = 0;
    for (size_t i = 0; i < N; i++) {
        assert_true(fabs(dr[i] - 0.12) < 1e-15);
        mean += r[i] - 1;
    }
    mean /= N;
    for (size_t i = 0; i < N; i++)
        var += (r[i] - 1 - mean) * (r[i] - 1 - mean);
    var /= N - 1;
    assert_true(fabs(mean) < 4 * 0.12 / sqrt(N));
    assert_true(fabs(var / (0.12 * 0.12) - 1) < 4 * sqrt(2.0 / N));
    /* same seed, same curve; another seed, another */
    assert_int_equal(il_refl_add_noise(r2, dr, N, 0.1, 0.02, 7, NULL), IL_OK);
    assert_memory_equal(r, r2, N * sizeof *r);
    for (size_t i = 0; i < N; i++)
        r2[i] = 1;
    assert_int_equal(il_refl_add_noise(r2, dr, N, 0.1, 0.02, 8, NULL), IL_OK);
    assert_true(memcmp(r, r2, N * sizeof *r) != 0);
    free(r);
    free(dr);
    free(r2);
}

static void no_noise(void **state)
{
    (void)state;
    double r[3] = {1, 0.5, 1e-6}, dr[3];
    assert_int_equal(il_refl_add_noise(r, dr, 3, 0, 0, 1, NULL), IL_OK);
    assert_true(r[0] == 1 && r[1] == 0.5 && r[2] == 1e-6);
    assert_true(dr[0] == 0 && dr[1] == 0 && dr[2] == 0);
    il_error err;
    assert_int_equal(il_refl_add_noise(r, dr, 3, -0.1, 0, 1, &err), IL_ERR_INVALID);
}

static void resolution_sigma(void **state)
{
    (void)state;
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.dq_over_q = 0.05;
    assert_true(fabs(il_refl_resolution_sigma_invA(&res, 0.1) - 0.005) < 1e-15);
    res.kind = IL_REFL_DQ_FWHM;
    double fwhm_per_sigma = 2 * sqrt(2 * log(2.0));
    assert_true(fabs(il_refl_resolution_sigma_invA(&res, 0.1) - 0.005 / fwhm_per_sigma) < 1e-12);
}

static void q_grids(void **state)
{
    (void)state;
    double q[5];
    assert_int_equal(il_refl_q_grid(0.01, 0.3, 5, 0, q, NULL), IL_OK);
    assert_true(q[0] == 0.01 && q[4] == 0.3 && fabs(q[2] - 0.155) < 1e-15);
    assert_int_equal(il_refl_q_grid(0.001, 0.1, 5, 1, q, NULL), IL_OK);
    for (int i = 1; i < 5; i++)
        assert_true(fabs(q[i] / q[i - 1] - sqrt(10.0)) < 1e-12);
    assert_int_equal(il_refl_q_grid(0, 0.1, 5, 1, q, NULL), IL_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(noise_statistics),
        cmocka_unit_test(no_noise),
        cmocka_unit_test(resolution_sigma),
        cmocka_unit_test(q_grids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
