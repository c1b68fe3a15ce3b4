/* Small-angle multiple scattering of the IBA spectrum (iba_multiple.c, --multiple-scattering).
 *
 *  - Angular spread of a foil against Highland's formula (V.L. Highland, NIM 129 (1975) 497,
 *    with the PDG coefficients: theta0 = 13.6 MeV / (beta c p) z sqrt(x/X0) (1 + 0.038
 *    ln(x/X0)), the sd of one projected angle, stated good to 11 % for 1e-3 < x/X0 < 100; X0
 *    from the PDG tables: Au 0.3344 cm, Al 8.897 cm): an independent theory (Moliere's, fitted)
 *    against Sigmund-Winterbon's reduced widths (Amsel et al.'s table). Tolerance 15 %: the
 *    11 % of Highland plus the difference of a Gaussian of equal half width from the true
 *    shape. Measured: 0.91, 0.91, 1.05, 0.98 of Highland.
 *  - Reduced-variable scaling (exact in Sigmund-Winterbon): at a fixed path the angle goes as
 *    1/E, so the variance at E is 4 times that at 2E (1e-12, rounding only).
 *  - The spectrum: off changes nothing (exact); on, the surface edge of a Si film keeps its
 *    width (no path, no spread at the surface; the edge as measured here spans ~60 keV of
 *    depth, so it may gain up to 2 % of what the back edge gains: measured 0.5 %) and the
 *    back edge of 500 nm Si on C
 *    (2 MeV 4He, 165 deg, tilt 60 deg, exit 45 deg) gains the variance expected from the
 *    first-order path-length spread of the way in, K S_in P_in tan(alpha) sd_in, and of the
 *    way out, S_out P_out tan(beta) sd_out, added in quadrature (worked out here from the
 *    stopping and the foil spread above, at the mid energies of each path; the scattering
 *    angle's own spread adds a few %): measured/expected in 0.7 .. 1.4, the neglected
 *    scaling of the energy loss between the depth and the surface (~15 %) and the
 *    second-order terms. Measured: 29.65 keV^2 added (sd 12.4 -> 13.6 keV), expected 29.93
 *    (in 9.6, out 20.4): ratio 0.99. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "probes/iba/iba_multiple.h"

static double highland(double z, double betacp_MeV, double x_X0)
{
    return 13.6 / betacp_MeV * z * sqrt(x_X0) * (1.0 + 0.038 * log(x_X0));
}

static void foil_vs_highland(void **state)
{
    (void)state;
    il_composition au = {1, {79}, {0}, {1.0}}, al = {1, {13}, {0}, {1.0}};
    /* (z, E keV, foil, path tfu, beta c p = 2 E (non-relativistic), x/X0) */
    struct {
        int z;
        double E, tfu, betacp, x_X0;
        const il_composition *c;
        const char *what;
    } t[] = {
        {1, 10000.0, 5.90e4, 20.0, 1e-3 / 0.3344, &au, "10 MeV p, 10 um Au"},
        {2, 20000.0, 5.90e4, 40.0, 1e-3 / 0.3344, &au, "20 MeV 4He, 10 um Au"},
        {1, 20000.0, 6.03e5, 40.0, 1e-2 / 8.897, &al, "20 MeV p, 100 um Al"},
        {1, 50000.0, 5.90e5, 100.0, 1e-2 / 0.3344, &au, "50 MeV p, 100 um Au"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        double sd = sqrt(il__iba_ms_var(t[i].z, t[i].c, t[i].tfu, t[i].E));
        double h = highland(t[i].z, t[i].betacp, t[i].x_X0);
        printf("%s: %.4g rad, Highland %.4g (ratio %.3f)\n", t[i].what, sd, h, sd / h);
        assert_true(fabs(sd / h - 1.0) < 0.15);
    }
    /* 1/E scaling at a fixed reduced thickness */
    double v1 = il__iba_ms_var(2, &au, 1000.0, 2000.0), v2 = il__iba_ms_var(2, &au, 1000.0, 4000.0);
    assert_true(fabs(v1 / v2 - 4.0) < 4e-12);
    assert_true(il__iba_ms_var(2, &au, 0.0, 2000.0) == 0.0);
}

static il_iba_spectrum *sim(const char *text, const il_iba_options *o)
{
    il_stack *s;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err) != IL_OK)
        fail_msg("%s: %s", text, err.message);
    il_iba_spectrum *sp;
    if (il_iba_simulate(s, o, &sp, &err) != IL_OK)
        fail_msg("%s", err.message);
    il_stack_free(s);
    return sp;
}

/* Mean and variance (keV, keV^2) of -dY/dE of element Z's counts over energies [lo, hi]: an
 * edge's position and width (for an erf edge the derivative is its Gaussian). */
static void edge(const il_iba_spectrum *sp, int Z, double lo, double hi, double *mean,
                 double *var)
{
    size_t n = il_iba_spectrum_channels(sp);
    double *y = malloc(n * sizeof *y);
    il_iba_spectrum_element(sp, Z, y);
    double s0 = 0, s1 = 0, s2 = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        double E = il_iba_spectrum_energy_keV(sp, (double)i + 1.0);
        if (E < lo || E > hi)
            continue;
        double w = fabs(y[i] - y[i + 1]);
        s0 += w, s1 += w * E, s2 += w * E * E;
    }
    free(y);
    *mean = s1 / s0;
    *var = s2 / s0 - *mean * *mean;
}

static void back_edge(void **state)
{
    (void)state;
    il_iba_options o;
    il_iba_options_default(&o);
    o.alpha_deg = 60.0;
    o.channels = 2800;
    o.cal_gain_keV = 0.5;
    const char *film = "Si 500nm | C";
    il_iba_spectrum *off = sim(film, &o);
    il_iba_options d = o;
    d.multiple_scattering = 0;
    il_iba_spectrum *same = sim(film, &d);
    for (size_t i = 0; i < o.channels; i++)
        assert_true(il_iba_spectrum_total(off)[i] == il_iba_spectrum_total(same)[i]);
    il_iba_spectrum_free(same);
    o.multiple_scattering = 1;
    il_iba_spectrum *on = sim(film, &o);
    /* surface edge of Si: K E0 = 1129.6 keV */
    double m0, v0, m1, v1;
    edge(off, 14, 1070.0, 1190.0, &m0, &v0);
    edge(on, 14, 1070.0, 1190.0, &m1, &v1);
    printf("surface edge: %.2f keV, variance %.3f -> %.3f keV^2\n", m0, v0, v1);
    double surf_added = v1 - v0;
    /* back edge: find it, then its width with and without */
    edge(off, 14, 700.0, 880.0, &m0, &v0);
    double lo = m0 - 60.0, hi = m0 + 60.0;
    edge(off, 14, lo, hi, &m0, &v0);
    edge(on, 14, lo, hi, &m1, &v1);
    /* expected: first-order path spreads in and out (see the head of this file) */
    il_composition si = {1, {14}, {0}, {1.0}};
    const il_element *el = il_element_by_z(14);
    double areal = 2.329 / el->atomic_weight_u * IL_AVOGADRO * 500e-7 / 1e15; /* tfu */
    double alpha = 60.0 * IL_PI / 180.0, beta = 45.0 * IL_PI / 180.0, K = 0.56478;
    double P_in = areal / cos(alpha), P_out = areal / cos(beta);
    double S_in, S_out;
    il_error err;
    /* 4He near 1.8 MeV on the way in, near 0.9 MeV on the way out (mid-path energies) */
    assert_int_equal(il_ion_stopping_electronic(2, 4.0026, 14, 1800.0, &S_in, &err), IL_OK);
    assert_int_equal(il_ion_stopping_electronic(2, 4.0026, 14, 900.0, &S_out, &err), IL_OK);
    double th_in = il__iba_ms_var(2, &si, P_in, 1900.0);
    double th_out = il__iba_ms_var(2, &si, P_out, 900.0);
    double a = K * S_in * 1e-3 * P_in * tan(alpha), b = S_out * 1e-3 * P_out * tan(beta);
    double expect = a * a * th_in + b * b * th_out;
    printf("back edge at %.1f keV: variance %.2f -> %.2f keV^2, added %.2f, expected %.2f "
           "(ratio %.3f; in %.2f, out %.2f)\n",
           m0, v0, v1, v1 - v0, expect, (v1 - v0) / expect, a * a * th_in, b * b * th_out);
    assert_true((v1 - v0) / expect > 0.7 && (v1 - v0) / expect < 1.4);
    assert_true(surf_added >= 0.0 && surf_added < 0.02 * (v1 - v0));
    il_iba_spectrum_free(on);
    il_iba_spectrum_free(off);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(foil_vs_highland),
                                       cmocka_unit_test(back_edge)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
