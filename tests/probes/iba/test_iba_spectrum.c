/* The slab algorithm against independent references:
 *  - thin layer: the integrated peak equals fluence x solid angle x sigma x N t / cos(alpha)
 *    (Chu, Mayer, Nicolet 1978, eq. 3.13), sigma at the layer's mean energy, to 0.5 %;
 *  - thick target: the height of the surface edge equals the surface-yield formula
 *    H = Q Omega sigma(E0) dE / ([eps0] cos(alpha)), [eps0] = K eps(E0)/cos(alpha)
 *    + eps(K E0)/cos(beta) (Chu et al. eq. 3.29) to 1 %;
 *  - the box cross section of the JaBS tests (non_rutherford_accuracy.r33, 100 mb/sr from 2950
 *    to 3050 keV): the integrated 16O yield of a thick SiO2 target equals
 *    Q Omega f_O integral sigma(E) / eps(E) dE (Simpson, 4000 intervals) to 2e-4 in the
 *    accurate mode, straggling on; the fast mode (exact box means, no straggling convolution
 *    of sigma) to 1e-3.
 * The stopping (eps) is the physics input both sides share; what is tested is the algorithm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "interlayer/r33.h"

#ifndef IL_SOURCE_DIR
#define IL_SOURCE_DIR "."
#endif

static il_stack *stack(const char *text)
{
    il_stack *s;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err) != IL_OK)
        fail_msg("%s: %s", text, err.message);
    return s;
}

static il_ion_stopping *stopping_of(const char *formula, int Z1, double M1)
{
    il_formula f;
    il_composition c;
    il_stopping_target t;
    il_ion_stopping *s;
    assert_int_equal(il_formula_parse(formula, &f, NULL), IL_OK);
    assert_int_equal(il_composition_from_formula(&f, NULL, 0, &c, NULL), IL_OK);
    il_composition_stopping_target(&c, 1.0, &t);
    assert_int_equal(il_ion_stopping_new(Z1, M1, &t, 1e5, &s, NULL), IL_OK);
    return s;
}

static double part_sum(const il_iba_spectrum *sp, int Z, int A)
{
    double sum = 0.0;
    for (size_t i = 0; i < il_iba_spectrum_n_parts(sp); i++) {
        const il_iba_part *p = il_iba_spectrum_part(sp, i);
        if (p->Z == Z && (A == 0 || p->A == A))
            for (size_t k = 0; k < il_iba_spectrum_channels(sp); k++)
                sum += p->counts[k];
    }
    return sum;
}

#define M_HE4 4.002603254
#define M_AU 196.96656879

static void thin_layer(void **state)
{
    (void)state;
    il_stack *s = stack("Au 10tfu | Si");
    il_iba_options o;
    il_iba_options_default(&o);
    o.alpha_deg = 20.0; /* IBM: beta = 180 - 165 - 20 -> 5 deg */
    il_iba_spectrum *sp;
    il_error err;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_OK);
    double ca = cos(20.0 * IL_PI / 180.0);
    il_ion_stopping *st = stopping_of("Au", 2, 4.001506179);
    double Em = 2000.0 - 0.5 * il_ion_stopping_eval(st, 2000.0) * 1e-3 * 10.0 / ca;
    double sig = il_iba_rutherford_mb(2, M_HE4, 79, M_AU, Em, 165.0, 0, IL_SCREEN_ANDERSEN);
    double want = 1e12 * 1e-3 * sig * 1e-27 * 10e15 / ca;
    double got = part_sum(sp, 79, 0);
    printf("thin Au peak: %.6g counts, formula %.6g (rel %.2e)\n", got, want, got / want - 1);
    assert_true(fabs(got / want - 1.0) < 5e-3);
    il_ion_stopping_free(st);
    il_iba_spectrum_free(sp);
    il_stack_free(s);
}

static void surface_edge(void **state)
{
    (void)state;
    il_stack *s = stack("Au");
    il_iba_options o;
    il_iba_options_default(&o);
    o.resolution_keV = 0.0;
    o.straggling = IL_STRAG_NONE;
    o.cal_gain_keV = 1.0;
    o.channels = 2048;
    o.alpha_deg = 10.0; /* beta = 5 */
    il_iba_spectrum *sp;
    il_error err;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_OK);
    double K[2];
    il_iba_kfactor(M_HE4, M_AU, 165.0, K);
    double E0 = 2000.0, d = IL_PI / 180.0;
    il_ion_stopping *st = stopping_of("Au", 2, 4.001506179);
    double eps = K[0] * il_ion_stopping_eval(st, E0) / cos(10 * d) +
                 il_ion_stopping_eval(st, K[0] * E0) / cos(5 * d); /* eV/tfu */
    double sig = il_iba_rutherford_mb(2, M_HE4, 79, M_AU, E0, 165.0, 0, IL_SCREEN_ANDERSEN);
    /* counts per keV: Q Omega sigma [cm2] / ([eps] keV cm2 per atom) / cos(alpha) */
    double H = 1e12 * 1e-3 * sig * 1e-27 / (eps * 1e-3 * 1e-15) / cos(10 * d);
    /* the last full channel below the edge: channel k spans k - 0.5 .. k + 0.5 keV */
    double edge = K[0] * E0;
    size_t k = (size_t)floor(edge - 0.5) - 1;
    const double *y = il_iba_spectrum_total(sp);
    printf("surface edge at %.2f keV: channel %zu holds %.6g, formula %.6g (rel %.2e)\n", edge,
           k, y[k], H, y[k] / H - 1);
    assert_true(fabs(y[k] / H - 1.0) < 0.01);
    il_ion_stopping_free(st);
    il_iba_spectrum_free(sp);
    il_stack_free(s);
}

static double box_reference(double f_O)
{
    il_ion_stopping *st = stopping_of("SiO2", 2, 4.001506179);
    double a = 2950.001, b = 3050.001;
    size_t n = 4000;
    double h = (b - a) / n, sum = 0.0;
    for (size_t i = 0; i <= n; i++) {
        double w = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        sum += w / il_ion_stopping_eval(st, a + h * i); /* tfu per eV */
    }
    il_ion_stopping_free(st);
    double tfu = sum * h / 3.0 * 1e3; /* eV per keV */
    return 1e12 * 1e-3 * 100.0 * 1e-27 * tfu * 1e15 * f_O;
}

static void box_cross_section(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/data/iba/non_rutherford_accuracy.r33", IL_SOURCE_DIR);
    il_r33 *r;
    il_error err;
    assert_int_equal(il_r33_load(path, &r, &err), IL_OK);
    const il_sigma_table *tab = il_r33_table(r, 0);
    il_stack *s = stack("SiO2");
    il_iba_options o;
    il_iba_options_default(&o);
    o.energy_keV = 3200.0;
    o.theta_deg = 160.0;
    o.sigma = &tab;
    o.n_sigma = 1;
    o.energy_spread_keV = 10.0;
    /* 16O atoms per atom of SiO2: natural O has 99.757 % 16O (the isotope table) */
    double f_O = 2.0 / 3.0 * il_isotope_abundance(8, 16);
    double want = box_reference(f_O);
    il_iba_spectrum *sp;
    o.accurate = 1;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_OK);
    double acc = part_sum(sp, 8, 16);
    il_iba_spectrum_free(sp);
    o.accurate = 0;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_OK);
    double fast = part_sum(sp, 8, 16);
    il_iba_spectrum_free(sp);
    printf("box: reference %.7g, accurate %.7g (rel %.2e), fast %.7g (rel %.2e)\n", want, acc,
           acc / want - 1, fast, fast / want - 1);
    assert_true(fabs(acc / want - 1.0) < 2e-4);
    assert_true(fabs(fast / want - 1.0) < 1e-3);
    il_stack_free(s);
    il_r33_free(r);
}

/* Coincidence-ERDA case: a 7Li beam on a thin 7Li layer. Scattered and recoiled 7Li share the
 * energy cos^2(30 deg) E and are counted together with Mott's cross section (spin 3/2):
 * integral = Q Omega sigma_Mott(E_mid) N t / cos(alpha), to 0.5 %. */
static void mott_erda(void **state)
{
    (void)state;
    il_stack *s = stack("Li 20tfu li7=1 | C");
    il_iba_options o;
    il_iba_options_default(&o);
    o.technique = IL_IBA_ERDA;
    o.beam_Z = 3;
    o.beam_A = 7;
    o.energy_keV = 8000.0;
    o.theta_deg = 30.0;
    o.alpha_deg = 75.0;
    o.channels = 4096;
    il_iba_spectrum *sp;
    il_error err;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_OK);
    double ca = cos(75.0 * IL_PI / 180.0);
    il_ion_stopping *st = stopping_of("Li", 3, 7.0160034366 - 3 * IL_ELECTRON_MASS_U);
    double Em = 8000.0 - 0.5 * il_ion_stopping_eval(st, 8000.0) * 1e-3 * 20.0 / ca;
    double sig = il_iba_mott_mb(3, 7.0160034366, 3, Em, 30.0);
    double want = 1e12 * 1e-3 * sig * 1e-27 * 20e15 / ca;
    double got = part_sum(sp, 3, 7);
    printf("7Li on 7Li (Mott): %.6g counts, formula %.6g (rel %.2e)\n", got, want,
           got / want - 1);
    assert_true(fabs(got / want - 1.0) < 5e-3);
    il_ion_stopping_free(st);
    il_iba_spectrum_free(sp);
    il_stack_free(s);
}

/* Layer roughness (gamma-distributed thickness, sigma = roughness_nm): the amount of Au is kept
 * (peak integral within 0.3 % of the smooth layer's: sigma ~ 1/E^2 makes the thicker parts
 * count a little more), and only the peak's low-energy side widens: its variance in energy
 * grows by about (depth scale x sigma)^2 / 2 ~ 90 keV^2 (1.34 keV/nm, 10 nm; half, since the
 * front edge stays), checked between 30 and 300 keV^2. */
static double peak_moments(const il_iba_spectrum *sp, double *var)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0;
    for (size_t i = 0; i < il_iba_spectrum_n_parts(sp); i++) {
        const il_iba_part *p = il_iba_spectrum_part(sp, i);
        if (p->Z != 79)
            continue;
        for (size_t k = 0; k < il_iba_spectrum_channels(sp); k++) {
            double E = il_iba_spectrum_energy_keV(sp, (double)k);
            s0 += p->counts[k];
            s1 += p->counts[k] * E;
            s2 += p->counts[k] * E * E;
        }
    }
    *var = s2 / s0 - (s1 / s0) * (s1 / s0);
    return s0;
}

static void roughness(void **state)
{
    (void)state;
    il_stack *flat = stack("Au 50nm | Si"), *rough = stack("Au 50nm rough=10nm | Si");
    il_iba_options o;
    il_iba_options_default(&o);
    il_iba_spectrum *a, *b;
    il_error err;
    assert_int_equal(il_iba_simulate(flat, &o, &a, &err), IL_OK);
    assert_int_equal(il_iba_simulate(rough, &o, &b, &err), IL_OK);
    double va, vb;
    double na = peak_moments(a, &va), nb = peak_moments(b, &vb);
    printf("rough Au: integral %.6g vs %.6g (rel %.2e), variance %.1f vs %.1f keV^2\n", nb, na,
           nb / na - 1, vb, va);
    assert_true(fabs(nb / na - 1.0) < 3e-3);
    assert_true(vb - va > 30.0 && vb - va < 300.0);
    il_iba_spectrum_free(a);
    il_iba_spectrum_free(b);
    il_stack_free(flat);
    il_stack_free(rough);
}

static void bad_geometry(void **state)
{
    (void)state;
    il_stack *s = stack("Au 10nm | Si");
    il_iba_options o;
    il_iba_options_default(&o);
    o.theta_deg = 60.0; /* IBM, alpha 0: beta = 120: the detector looks at the back */
    il_iba_spectrum *sp;
    il_error err;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "cannot be realised"));
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thin_layer),
        cmocka_unit_test(surface_edge),
        cmocka_unit_test(box_cross_section),
        cmocka_unit_test(mott_erda),
        cmocka_unit_test(roughness),
        cmocka_unit_test(bad_geometry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
