/* The MRI sputter-profile model against its analytic forms (Hofmann 1994).
 * A sharp step from 0 to 1 at depth z_s is measured as F(z - z_s), the distribution function
 * of u = X_w + X_λ + X_σ with X_w = -w + Exp(w), X_λ = -Exp(λ), X_σ ~ N(0, σ²). Exp(w) - Exp(λ)
 * is two-sided exponential (mass w/(w+λ) on the right), so with x = u + w
 *   F = w/(w+λ) [Φ(x/σ) - e^{-x/w + σ²/2w²} Φ(x/σ - σ/w)]
 *     + λ/(w+λ) [Φ(x/σ) + e^{ x/λ + σ²/2λ²} Φ(-x/σ - σ/λ)]
 * (exponentially modified Gaussians), and the one-parameter limits are
 *   σ only: Φ(u/σ);  w only: 1 - exp(-(u + w)/w) for u >= -w;  λ only: exp(u/λ) for u <= 0.
 * The model bins and convolves numerically; on a 0.02 nm grid with parameters >= 1 nm the
 * discretisation changes F by less than 1e-3 (the bins smear by dz/2 = 0.01 nm, a slope of
 * at most 1/(2.5 σ) per nm), so the tolerance is 2e-3 absolute. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "interlayer/sputter.h"

static double Phi(double x) { return 0.5 * erfc(-x / sqrt(2.0)); }

static double F_mri(double u, double w, double l, double s)
{
    double x = u + w;
    double a = Phi(x / s) - exp(-x / w + s * s / (2 * w * w)) * Phi(x / s - s / w);
    double b = Phi(x / s) + exp(x / l + s * s / (2 * l * l)) * Phi(-x / s - s / l);
    return w / (w + l) * a + l / (w + l) * b;
}

/* measured step profile on a grid of n points spacing dz, interface at z_s (a bin edge) */
static double *step(const il_mri_params *p, double dz, size_t n, size_t i_s)
{
    double *c = malloc(n * sizeof *c), *m = malloc(n * sizeof *m);
    for (size_t i = 0; i < n; i++)
        c[i] = i >= i_s ? 1.0 : 0.0;
    assert_int_equal(il_mri_convolve(p, dz, c, n, m, NULL), IL_OK);
    free(c);
    return m;
}

static void check(const il_mri_params *p, double (*F)(double, const il_mri_params *))
{
    const double dz = 0.02;
    const size_t n = 3000, i_s = 1500;
    double *m = step(p, dz, n, i_s);
    double worst = 0;
    for (size_t i = 500; i < 2500; i++) {
        double u = (i + 0.5) * dz - i_s * dz;
        worst = fmax(worst, fabs(m[i] - F(u, p)));
    }
    free(m);
    assert_true(worst < 2e-3);
}

static double F_all(double u, const il_mri_params *p)
{
    return F_mri(u, p->w_nm, p->lambda_nm, p->sigma_nm);
}
static double F_sigma(double u, const il_mri_params *p) { return Phi(u / p->sigma_nm); }
static double F_w(double u, const il_mri_params *p)
{
    return u <= -p->w_nm ? 0.0 : 1.0 - exp(-(u + p->w_nm) / p->w_nm);
}
static double F_l(double u, const il_mri_params *p)
{
    return u >= 0 ? 1.0 : exp(u / p->lambda_nm);
}

static void test_sharp_interface_analytic(void **state)
{
    (void)state;
    il_mri_params all = {1.5, 2.0, 1.0};
    check(&all, F_all);
    il_mri_params s = {0, 2.0, 0};
    check(&s, F_sigma);
    il_mri_params w = {2.0, 0, 0};
    check(&w, F_w);
    il_mri_params l = {0, 0, 1.2};
    check(&l, F_l);
}

static void test_resolution_width(void **state)
{
    (void)state;
    /* Hofmann's Δz formula is an approximation; for σ dominating it is exact (2σ), and with
     * all three terms he quotes agreement to a few %: measure the 16..84 % width, 5 %. */
    il_mri_params p = {1.0, 3.0, 0.8};
    const double dz = 0.02;
    const size_t n = 4000, i_s = 2000;
    double *m = step(&p, dz, n, i_s);
    double z16 = NAN, z84 = NAN;
    for (size_t i = 1; i < n; i++) {
        if (isnan(z16) && m[i] >= 0.16)
            z16 = i * dz;
        if (isnan(z84) && m[i] >= 0.84)
            z84 = i * dz;
    }
    free(m);
    double dzr = il_mri_depth_resolution_nm(&p);
    assert_true(fabs((z84 - z16) / dzr - 1) < 0.05);
    il_mri_params g = {0, 2.5, 0};
    assert_true(fabs(il_mri_depth_resolution_nm(&g) - 5.0) < 1e-12);
}

static void test_stack_profile_and_errors(void **state)
{
    (void)state;
    il_stack *s;
    assert_int_equal(il_stack_parse("Si 20nm | Li3PO4 30nm | Cu", NULL, &s, NULL), IL_OK);
    double f[100];
    assert_int_equal(il_sputter_true_profile(s, 3, 0, 1.0, 100, f, NULL), IL_OK);
    assert_true(f[5] == 0.0);                     /* Si */
    assert_true(fabs(f[30] - 3.0 / 8.0) < 1e-12); /* Li3PO4: 3 of 8 atoms */
    assert_true(f[70] == 0.0);                    /* Cu substrate */
    il_mri_params p = {1, 2, 1};
    double m[100];
    assert_int_equal(il_sputter_profile(s, 3, 0, &p, 1.0, 100, m, NULL), IL_OK);
    double a = 0, b = 0;
    for (int i = 0; i < 100; i++) {
        a += f[i];
        b += m[i];
    }
    assert_true(fabs(a - b) < 1e-6 * a); /* the convolution keeps the amount */
    il_error e = {0};
    il_mri_params bad = {-1, 0, 0};
    assert_int_equal(il_mri_convolve(&bad, 1.0, f, 100, m, &e), IL_ERR_INVALID);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sharp_interface_analytic),
        cmocka_unit_test(test_resolution_width),
        cmocka_unit_test(test_stack_profile_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
