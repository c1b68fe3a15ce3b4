/* Reflectivity kernels against analytic limits and conservation laws (independent of the
 * ORSO suite in test_refl_orso.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/refl.h"
#include "probes/refl/refl_kernel.h"

#define PI 3.14159265358979323846

/* Below the critical edge of a non-absorbing backing medium the wave is totally reflected:
 * R = 1 exactly, whatever the layers above (flux conservation). 1e-13: rounding only. */
static void total_reflection(void **state)
{
    (void)state;
    il_refl_slab s[] = {{0, 0, 0, 0}, {150, 3.0, 0, 4}, {80, -0.5, 0, 2}, {0, 6.36, 0, 3}};
    double qc = 4.0 * sqrt(PI * 6.36e-6), q[50], r[50];
    for (int i = 0; i < 50; i++)
        q[i] = qc * (0.01 + 0.98 * i / 49.0);
    assert_int_equal(il_refl_reflectivity(s, 4, q, 50, 1.0, 0.0, r, NULL), IL_OK);
    for (int i = 0; i < 50; i++)
        assert_true(fabs(r[i] - 1.0) < 1e-13);
}

/* Reciprocity: for lossless media with the same fronting and backing, reflectance from either
 * side is equal (R = 1 - T and T is symmetric). The Nevot-Croce factors are symmetric too. */
static void reversal_symmetry(void **state)
{
    (void)state;
    il_refl_slab a[] = {{0, 2.07, 0, 0}, {120, 4.2, 0, 3}, {45, -1.9, 0, 5}, {300, 3.5, 0, 2},
                        {0, 2.07, 0, 4}};
    il_refl_slab b[5];
    for (int j = 0; j < 5; j++) {
        b[j] = a[4 - j];
        /* roughness belongs to the interface above the medium: shift by one on reversal */
        b[j].roughness_A = j == 0 ? 0 : a[5 - j].roughness_A;
    }
    double q[200], ra[200], rb[200];
    for (int i = 0; i < 200; i++)
        q[i] = 0.005 + 0.3 * i / 199.0;
    il_refl_reflectivity(a, 5, q, 200, 1.0, 0.0, ra, NULL);
    il_refl_reflectivity(b, 5, q, 200, 1.0, 0.0, rb, NULL);
    for (int i = 0; i < 200; i++)
        assert_true(fabs(ra[i] - rb[i]) <= 1e-11 * ra[i] + 1e-300);
}

/* Absorption: 0 <= R <= 1 and absorbing a layer lowers R on the plateau (no gain). */
static void absorption_bounds(void **state)
{
    (void)state;
    il_refl_slab s[] = {{0, 0, 0, 0}, {500, 5.045, 0.0498, 5}, {0, 2.07, 0, 3}};
    il_refl_slab t[] = {{0, 0, 0, 0}, {500, 5.045, 0.0, 5}, {0, 2.07, 0, 3}};
    double q[300], ra[300], rb[300];
    for (int i = 0; i < 300; i++)
        q[i] = 0.001 + 0.2 * i / 299.0;
    il_refl_reflectivity(s, 3, q, 300, 1.0, 0.0, ra, NULL);
    il_refl_reflectivity(t, 3, q, 300, 1.0, 0.0, rb, NULL);
    for (int i = 0; i < 300; i++) {
        assert_true(ra[i] >= 0.0 && ra[i] <= 1.0);
        if (q[i] < 0.01)
            assert_true(ra[i] < rb[i]);
    }
}

/* Thousands of thick evanescent layers: the Abeles vector is rescaled, so nothing overflows,
 * and Parratt (bounded ratio) agrees; 1e-9 allows for the 4000-step rounding walk. */
static void many_layers(void **state)
{
    (void)state;
    size_t n = 4002;
    il_refl_slab *s = calloc(n, sizeof *s);
    s[0].sld_re_1e6 = 0;
    for (size_t j = 1; j + 1 < n; j++)
        s[j] = (il_refl_slab){50.0, j % 2 ? 6.0 : 1.0, 1e-4, 2.0};
    s[n - 1] = (il_refl_slab){0, 2.07, 0, 3};
    double q[40], ra[40], rp[40];
    for (int i = 0; i < 40; i++)
        q[i] = 0.002 + 0.1 * i / 39.0;
    il_refl_reflectivity(s, n, q, 40, 1.0, 0.0, ra, NULL);
    il_refl_parratt(s, n, q, 40, 1.0, 0.0, rp, NULL);
    for (int i = 0; i < 40; i++) {
        assert_true(isfinite(ra[i]));
        assert_true(fabs(ra[i] - rp[i]) <= 1e-9 * rp[i]);
    }
    free(s);
}

/* Scale and background enter as scale*R + background. */
static void scale_background(void **state)
{
    (void)state;
    il_refl_slab s[] = {{0, 0, 0, 0}, {100, 3.47, 0, 3}, {0, 2.07, 0, 2}};
    double q[20], r1[20], r2[20];
    for (int i = 0; i < 20; i++)
        q[i] = 0.01 + 0.01 * i;
    il_refl_reflectivity(s, 3, q, 20, 1.0, 0.0, r1, NULL);
    il_refl_reflectivity(s, 3, q, 20, 0.9, 2e-6, r2, NULL);
    for (int i = 0; i < 20; i++)
        assert_true(fabs(r2[i] - (0.9 * r1[i] + 2e-6)) <= 1e-15);
}

/* Resolution: far above the edge the Fresnel curve is R = (u/4)² (1 + u + 7u²/8 + O(u³)),
 * u = Qc²/Q² (series of r = u/(1 + sqrt(1-u))²). Gaussian moments of Q^-n about q, with s = σ/q:
 * <Q^-4> = q^-4 (1 + 10 s² + 105 s⁴ + 1260 s⁶), <Q^-6> = q^-6 (1 + 21 s² + 378 s⁴),
 * <Q^-8> = q^-8 (1 + 36 s²) to the orders needed. With s = 0.01 and u ≈ 1e-3 the neglected terms
 * (u³, s⁸, u² s⁴) are below 1e-11; the tolerance 1e-10 also covers the quadrature (tol 1e-12).
 * Also: FWHM and σ inputs, per-point dq and constant dQ/Q, agree. */
static void resolution_moments(void **state)
{
    (void)state;
    il_refl_slab s[] = {{0, 0, 0, 0}, {0, 2.07, 0, 0}};
    double q[3] = {0.3, 0.5, 0.8}, dq[3], r0[3], r1[3], r2[3], r3[3], qerr;
    for (int i = 0; i < 3; i++)
        dq[i] = 0.01 * q[i];
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.tol = 1e-12;
    il_refl_reflectivity(s, 2, q, 3, 1.0, 0.0, r0, NULL);
    assert_int_equal(il_refl_smeared(s, 2, q, dq, 3, &res, 1.0, 0.0, r1, &qerr, NULL), IL_OK);
    for (int i = 0; i < 3; i++) {
        double u = 16.0 * PI * 2.07e-6 / (q[i] * q[i]), s2 = 1e-4;
        double num = (1 + 10 * s2 + 105 * s2 * s2 + 1260 * s2 * s2 * s2) +
                     u * (1 + 21 * s2 + 378 * s2 * s2) + 0.875 * u * u * (1 + 36 * s2);
        double expect = num / (1 + u + 0.875 * u * u);
        assert_true(fabs(r1[i] / r0[i] / expect - 1.0) < 1e-10);
    }
    res.dq_over_q = 0.01;
    assert_int_equal(il_refl_smeared(s, 2, q, NULL, 3, &res, 1.0, 0.0, r2, NULL, NULL), IL_OK);
    res.kind = IL_REFL_DQ_FWHM;
    res.dq_over_q = 0.01 * IL_FWHM_PER_SIGMA;
    assert_int_equal(il_refl_smeared(s, 2, q, NULL, 3, &res, 1.0, 0.0, r3, NULL, NULL), IL_OK);
    for (int i = 0; i < 3; i++) {
        assert_true(r1[i] == r2[i]);
        assert_true(fabs(r3[i] / r1[i] - 1.0) < 1e-14);
    }
}

/* The vectorised kernels (AVX2, AVX-512 with SLEEF exp/sincos at 1 and 3.5 ULP) against the
 * portable one on random absorbing rough stacks, Q from 0 through the critical edges to 0.5:
 * 1e-11 relative (a few ULP per interface, 40 interfaces, plus cancellation near R minima,
 * which the ORSO tests bound at ~1e-12). Kernels the CPU lacks are skipped (and said so). */
static void simd_kernels_agree(void **state)
{
    (void)state;
    unsigned long long x = 12345;
    for (int which = 1; which <= 2; which++) {
        il_refl_block_fn k = il_refl_block_kernel_named(which);
        if (!k) {
            print_message("kernel %d not available on this CPU/build: skipped\n", which);
            continue;
        }
        double worst = 0.0;
        for (int trial = 0; trial < 20; trial++) {
            il_refl_slab s[41];
            for (int j = 0; j < 41; j++) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                double u1 = (double)(x >> 11) / 9007199254740992.0;
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                double u2 = (double)(x >> 11) / 9007199254740992.0;
                s[j] = (il_refl_slab){5 + 200 * u1, -2 + 10 * u2, j ? 0.1 * u1 * u2 : 0,
                                      8 * u2};
            }
            double q[8], r0[8], r1[8];
            for (int b0 = 0; b0 < 64; b0 += 8) {
                for (int b = 0; b < 8; b++)
                    q[b] = 0.5 * (b0 + b) / 63.0;
                il_refl_abeles_block(s, 41, q, 8, r0);
                k(s, 41, q, 8, r1);
                for (int b = 0; b < 8; b++)
                    worst = fmax(worst, fabs(r1[b] - r0[b]) / r0[b]);
            }
        }
        print_message("kernel %d vs portable: worst relative difference %.3g\n", which, worst);
        assert_true(worst < 1e-11);
    }
}

static void bad_arguments(void **state)
{
    (void)state;
    il_refl_slab s[] = {{0, 0, 0, 0}, {-5, 1, 0, 0}, {0, 2, 0, 0}};
    double q = 0.1, r;
    il_error err;
    assert_int_equal(il_refl_reflectivity(s, 1, &q, 1, 1, 0, &r, &err), IL_ERR_INVALID);
    assert_int_equal(il_refl_reflectivity(s, 3, &q, 1, 1, 0, &r, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "negative thickness"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(total_reflection), cmocka_unit_test(reversal_symmetry),
        cmocka_unit_test(absorption_bounds), cmocka_unit_test(many_layers),
        cmocka_unit_test(scale_background), cmocka_unit_test(resolution_moments),
        cmocka_unit_test(simd_kernels_agree), cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
