/* Deconvolution of a simulated sputter profile returns the input within the stated resolution.
 * Truth: atomic fraction 0.1, a 10 nm interlayer at 0.6 from 40 to 50 nm, 0.3 below 80 nm;
 * MRI w = 2, σ = 2.5, λ = 1.5 nm (Δz = 6.5 nm), on a 0.5 nm grid, plus Gaussian noise of 0.005
 * (a fixed-seed generator, so the test is reproducible). Claims checked:
 *   - the interlayer's amount (35..55 nm) within 3 % (noise 0.005·sqrt(40 pts)·0.5 nm ≈ 0.016
 *     on 6 fraction·nm, plus the regularisation bias);
 *   - its centroid within 0.5 nm;
 *   - its half-height edges within Δz/2 of 40 and 50 nm, while the measured profile's peak is
 *     lower than 0.6·0.9 (the blur the deconvolution undoes), and the deconvolved peak is
 *     higher than the measured one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "interlayer/sputter_fit.h"

#define N 240
#define DZ 0.5

static double gauss(uint64_t *s)
{
    /* xorshift64 + Box-Muller: a fixed sequence, no library state */
    double u[2];
    for (int k = 0; k < 2; k++) {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        u[k] = ((*s >> 11) + 0.5) / 9007199254740992.0;
    }
    return sqrt(-2 * log(u[0])) * cos(2 * 3.141592653589793 * u[1]);
}

static void test_deconvolve_interlayer(void **state)
{
    (void)state;
    double truth[N], meas[N], sig[N], c[N];
    for (int i = 0; i < N; i++) {
        double z = (i + 0.5) * DZ;
        truth[i] = z >= 40 && z < 50 ? 0.6 : z >= 80 ? 0.3 : 0.1;
    }
    il_mri_params p = {2.0, 2.5, 1.5};
    assert_int_equal(il_mri_convolve(&p, DZ, truth, N, meas, NULL), IL_OK);
    double mpeak = 0;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < N; i++) {
        mpeak = fmax(mpeak, meas[i]);
        meas[i] += 0.005 * gauss(&seed);
        sig[i] = 0.005;
    }
    assert_true(mpeak < 0.6 * 0.9);
    double lam = 0;
    assert_int_equal(il_sputter_deconvolve(&p, DZ, meas, sig, N, NULL, c, NULL, &lam, NULL), IL_OK);
    double a_t = 0, a_c = 0, m1 = 0, peak = 0;
    for (int i = 0; i < N; i++) {
        double z = (i + 0.5) * DZ;
        if (z >= 35 && z < 55) {
            a_t += truth[i] * DZ;
            a_c += c[i] * DZ;
            m1 += c[i] * DZ * z;
            peak = fmax(peak, c[i]);
        }
    }
    assert_true(fabs(a_c / a_t - 1) < 0.03);
    assert_true(fabs(m1 / a_c - 45.0) < 0.5);
    assert_true(peak > mpeak);
    /* half height between 0.1 and the recovered peak */
    double half = 0.1 + (peak - 0.1) / 2, up = NAN, down = NAN;
    for (int i = 60; i < 120; i++) {
        double z = (i + 0.5) * DZ;
        if (isnan(up) && c[i] >= half)
            up = z;
        if (!isnan(up) && isnan(down) && c[i] < half)
            down = z;
    }
    double res = il_mri_depth_resolution_nm(&p);
    assert_true(fabs(up - 40) < res / 2);
    assert_true(fabs(down - 50) < res / 2);
    il_error e = {0};
    assert_int_equal(il_sputter_deconvolve(&p, DZ, meas, sig, 1, NULL, c, NULL, NULL, &e),
                     IL_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_deconvolve_interlayer)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
