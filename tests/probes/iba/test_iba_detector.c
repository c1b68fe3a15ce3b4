/* The detector and counting chain of the IBA spectrum against independent references:
 *  - dead time: every channel scales by live/real exactly (1e-12: only rounding);
 *  - pile-up: the pile-up integral equals p M with p = 1 - exp(-r tau), r = Y / t_real, and to
 *    first order M^2 tau / t_live (the "probability x counts squared" formula; agreement to
 *    r tau relative, the neglected order); the singles keep M (1 - 2p); the pile-up of a thin
 *    peak lies at twice its channel (the mean of a self-convolution is twice the mean), 1e-6;
 *  - per-particle resolution: a thin peak's variance with a 4He entry of 20 keV equals that
 *    with the global resolution 20 keV (1e-6) and the Gaussian's FWHM^2/(8 ln 2) plus the
 *    channel's 1/12 (1e-3: the 1 tfu layer's own width); an entry for 1H changes nothing;
 *  - kinematic broadening: the variance a thin Al peak gains equals (E0 dK/dtheta sd_theta)^2
 *    with dK/dtheta from the closed-form derivative of the kinematic factor (Chu, Mayer,
 *    Nicolet 1978 eq. 2.5 differentiated by hand), to 1e-3 (the peak's finite width and the
 *    energy loss in the 1 tfu layer, ~1e-4);
 *  - pulse-height defect: off leaves the spectrum unchanged (exact); on, a thin Au peak moves
 *    down by integral_0^E Sn/(Se+Sn) dE' computed here by Simpson's rule on 20000 steps
 *    in ln E (independent quadrature of the model), to 2e-3 of the defect; the Si dead
 *    layer moves it by S(E) t to 1 % (first order in t). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interlayer/interlayer.h"

#define M_HE4 4.002603254
#define M_AL27 26.98153841

static il_stack *stack(const char *text)
{
    il_stack *s;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err) != IL_OK)
        fail_msg("%s: %s", text, err.message);
    return s;
}

static il_iba_spectrum *sim(const char *text, const il_iba_options *o)
{
    il_stack *s = stack(text);
    il_iba_spectrum *sp;
    il_error err;
    if (il_iba_simulate(s, o, &sp, &err) != IL_OK)
        fail_msg("%s", err.message);
    il_stack_free(s);
    return sp;
}

/* Sum, mean channel and variance (channels^2) of element Z's counts (Z = 0: the total). */
static void moments(const il_iba_spectrum *sp, int Z, double *sum, double *mean, double *var)
{
    size_t n = il_iba_spectrum_channels(sp);
    double *y = malloc(n * sizeof *y);
    if (Z)
        il_iba_spectrum_element(sp, Z, y);
    else
        memcpy(y, il_iba_spectrum_total(sp), n * sizeof *y);
    double s0 = 0, s1 = 0, s2 = 0;
    for (size_t k = 0; k < n; k++) {
        s0 += y[k];
        s1 += y[k] * (double)k;
    }
    double m = s1 / s0;
    for (size_t k = 0; k < n; k++)
        s2 += y[k] * ((double)k - m) * ((double)k - m);
    *sum = s0;
    *mean = m;
    *var = s2 / s0;
    free(y);
}

static void dead_time(void **state)
{
    (void)state;
    il_iba_options o;
    il_iba_options_default(&o);
    il_iba_spectrum *a = sim("Au 50nm | Si", &o);
    o.real_time_s = 100.0;
    o.live_time_s = 83.0;
    il_iba_spectrum *b = sim("Au 50nm | Si", &o);
    const double *ya = il_iba_spectrum_total(a), *yb = il_iba_spectrum_total(b);
    double worst = 0.0;
    for (size_t k = 0; k < o.channels; k++)
        if (ya[k] > 0.0)
            worst = fmax(worst, fabs(yb[k] / (0.83 * ya[k]) - 1.0));
    printf("dead time: worst channel |y/(0.83 y0) - 1| = %.2e\n", worst);
    assert_true(worst < 1e-12);
    assert_null(il_iba_spectrum_pileup(b));
    il_iba_spectrum_free(a);
    il_iba_spectrum_free(b);
    /* refused before any work: live > real, pile-up without the times */
    il_stack *s = stack("Au 50nm | Si");
    il_iba_spectrum *c;
    il_error err;
    o.live_time_s = 120.0;
    assert_int_equal(il_iba_simulate(s, &o, &c, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "live <= real"));
    o.live_time_s = o.real_time_s = 0.0;
    o.pileup_time_us = 1.0;
    assert_int_equal(il_iba_simulate(s, &o, &c, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "pile-up"));
    il_stack_free(s);
}

static void pileup(void **state)
{
    (void)state;
    il_iba_options o;
    il_iba_options_default(&o);
    o.cal_gain_keV = 4.0; /* sums of two pulses stay below the last channel */
    o.fluence = 1e13;
    il_iba_spectrum *a = sim("Au 50nm | Si", &o);
    double Y, m0, v0;
    moments(a, 0, &Y, &m0, &v0);
    o.real_time_s = 100.0;
    o.live_time_s = 90.0;
    o.pileup_time_us = 2.0;
    il_iba_spectrum *b = sim("Au 50nm | Si", &o);
    const double *pu = il_iba_spectrum_pileup(b);
    assert_non_null(pu);
    double P = 0.0, T = 0.0;
    for (size_t k = 0; k < o.channels; k++) {
        P += pu[k];
        T += il_iba_spectrum_total(b)[k];
    }
    double M = 0.9 * Y, rt = Y / 100.0 * 2e-6, p = -expm1(-rt);
    double first = M * M * 2e-6 / 90.0;
    printf("pile-up: r tau %.3g, integral %.6g, p M %.6g (rel %.1e), M^2 tau/t_live %.6g "
           "(rel %.1e)\n", rt, P, p * M, P / (p * M) - 1, first, P / first - 1);
    assert_true(rt > 1e-3 && rt < 0.05);
    assert_true(fabs(P / (p * M) - 1.0) < 1e-9);
    assert_true(fabs(P / first - 1.0) < rt);
    assert_true(fabs(T / (M * (1.0 - p)) - 1.0) < 1e-9);
    il_iba_spectrum_free(a);
    il_iba_spectrum_free(b);

    /* a thin peak piles up at twice its channel */
    o.cal_offset_keV = 0.0;
    il_iba_spectrum *c = sim("Au 2tfu | C", &o);
    double s, m, v;
    moments(c, 79, &s, &m, &v);
    const double *q = il_iba_spectrum_pileup(c);
    double q0 = 0, q1 = 0;
    for (size_t k = 0; k < o.channels; k++) {
        q0 += q[k];
        q1 += q[k] * (double)k;
    }
    /* the C substrate piles up too (with itself and with Au): compare the Au x Au region */
    q0 = q1 = 0.0;
    for (size_t k = (size_t)(2 * m - 20); k < (size_t)(2 * m + 20); k++) {
        q0 += q[k];
        q1 += q[k] * (double)k;
    }
    printf("thin Au peak at channel %.4f, its pile-up at %.4f (2x: %.4f)\n", m, q1 / q0, 2 * m);
    assert_true(fabs(q1 / q0 / (2.0 * m) - 1.0) < 1e-4);
    il_iba_spectrum_free(c);
}

static void particle_resolution(void **state)
{
    (void)state;
    il_iba_options o;
    il_iba_options_default(&o);
    o.cal_gain_keV = 1.0;
    o.channels = 2048;
    o.resolution_keV = 12.0;
    il_iba_particle_resolution r[2] = {{1, 0, 30.0}, {2, 4, 20.0}};
    o.particle_resolution = r;
    o.n_particle_resolution = 2;
    il_iba_spectrum *a = sim("Au 1tfu | C", &o);
    o.n_particle_resolution = 1; /* the 1H entry only: 4He keeps the global 12 keV */
    il_iba_spectrum *c = sim("Au 1tfu | C", &o);
    o.particle_resolution = NULL;
    o.n_particle_resolution = 0;
    il_iba_spectrum *d = sim("Au 1tfu | C", &o);
    o.resolution_keV = 20.0;
    il_iba_spectrum *b = sim("Au 1tfu | C", &o);
    double s, ma, va, mb, vb, mc, vc, md, vd;
    moments(a, 79, &s, &ma, &va);
    moments(b, 79, &s, &mb, &vb);
    moments(c, 79, &s, &mc, &vc);
    moments(d, 79, &s, &md, &vd);
    /* the peak's variance: resolution^2 / (8 ln 2) + the 1 keV channel's 1/12 + ~0 */
    double want = 400.0 / (8.0 * log(2.0)) + 1.0 / 12.0;
    printf("thin Au peak variance: 4He entry 20 keV %.5f, global 20 keV %.5f, formula %.5f; "
           "1H entry only %.5f, none %.5f\n", va, vb, want, vc, vd);
    assert_true(fabs(va / vb - 1.0) < 1e-6);
    assert_true(fabs(va / want - 1.0) < 1e-3);
    assert_true(fabs(vc / vd - 1.0) < 1e-6);
    il_iba_spectrum_free(a);
    il_iba_spectrum_free(b);
    il_iba_spectrum_free(c);
    il_iba_spectrum_free(d);
}

/* d K / d theta (per rad), K = ((sqrt(M2^2 - M1^2 s^2) + M1 c) / (M1 + M2))^2 */
static double dK_dtheta(double M1, double M2, double th)
{
    double s = sin(th), c = cos(th), r = sqrt(M2 * M2 - M1 * M1 * s * s);
    double q = (r + M1 * c) / (M1 + M2);
    double dq = (-M1 * M1 * s * c / r - M1 * s) / (M1 + M2);
    return 2.0 * q * dq;
}

static void kinematic_broadening(void **state)
{
    (void)state;
    il_iba_options o;
    il_iba_options_default(&o);
    o.theta_deg = 120.0; /* IBM, alpha 0: beta 60 */
    o.cal_gain_keV = 1.0;
    o.channels = 2048;
    o.resolution_keV = 10.0;
    il_iba_spectrum *a = sim("Al 1tfu | C", &o);
    o.aperture_mm = 10.0;
    o.beam_spot_mm = 2.0;
    o.detector_distance_mm = 50.0;
    il_iba_spectrum *b = sim("Al 1tfu | C", &o);
    double s, m0, v0, m1, v1;
    moments(a, 13, &s, &m0, &v0);
    moments(b, 13, &s, &m1, &v1);
    double sd_th = sqrt(pow(10.0 / sqrt(12.0), 2) +
                        pow(2.0 / 2.3548200450309493 * cos(60.0 * IL_PI / 180.0), 2)) / 50.0;
    double want = pow(2000.0 * dK_dtheta(M_HE4, M_AL27, 120.0 * IL_PI / 180.0) * sd_th, 2);
    printf("kinematic broadening: added variance %.5g keV^2, (E0 dK/dtheta sd)^2 %.5g (rel "
           "%.1e)\n", v1 - v0, want, (v1 - v0) / want - 1);
    assert_true(fabs((v1 - v0) / want - 1.0) < 1e-3);
    assert_true(fabs(m1 - m0) < 1e-6 * m0); /* a symmetric spread: the peak stays */
    il_iba_spectrum_free(a);
    il_iba_spectrum_free(b);
}

static double ratio(double E)
{
    double Se;
    if (il_ion_stopping_electronic(2, M_HE4 - 2 * IL_ELECTRON_MASS_U, 14, E, &Se, NULL))
        return 1.0;
    double Sn = il_stopping_nuclear_zbl(2, M_HE4 - 2 * IL_ELECTRON_MASS_U, 14, 28.0855, E);
    return Se / (Se + Sn);
}

static void pulse_height_defect(void **state)
{
    (void)state;
    il_iba_options o;
    il_iba_options_default(&o);
    o.cal_gain_keV = 1.0;
    o.channels = 2048;
    o.resolution_keV = 5.0;
    il_iba_spectrum *a = sim("Au 1tfu | C", &o);
    il_iba_options off = o;
    off.pulse_height_defect = 0;
    off.detector_window_tfu = 0.0;
    il_iba_spectrum *a2 = sim("Au 1tfu | C", &off);
    assert_memory_equal(il_iba_spectrum_total(a), il_iba_spectrum_total(a2),
                        o.channels * sizeof(double));
    o.pulse_height_defect = 1;
    il_iba_spectrum *b = sim("Au 1tfu | C", &o);
    double s, m0, v, m1;
    moments(a, 79, &s, &m0, &v);
    moments(b, 79, &s, &m1, &v);
    double E = m0; /* gain 1, offset 0: channel = keV */
    /* defect = integral_0^E Sn/(Se+Sn) dE: Simpson in ln E from 1e-4 keV (below: < 1e-4) */
    size_t n = 20000;
    double l0 = log(1e-4), h = (log(E) - l0) / n, acc = 0.0;
    for (size_t i = 0; i <= n; i++) {
        double e = exp(l0 + h * i), w = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
        acc += w * (1.0 - ratio(e)) * e;
    }
    double defect = acc * h / 3.0;
    printf("pulse-height defect of %.1f keV 4He in Si: %.3f keV, quadrature %.3f keV\n", E,
           m0 - m1, defect);
    assert_true(fabs((m0 - m1) / defect - 1.0) < 2e-3);

    o.pulse_height_defect = 0;
    o.detector_window_tfu = 100.0; /* ~20 nm of Si */
    il_iba_spectrum *c = sim("Au 1tfu | C", &o);
    double m2;
    moments(c, 79, &s, &m2, &v);
    il_ion_stopping *st;
    static const int si[1] = {14};
    static const double one[1] = {1.0};
    il_stopping_target t = {.Z = si, .atoms = one, .n = 1};
    assert_int_equal(il_ion_stopping_new(2, M_HE4 - 2 * IL_ELECTRON_MASS_U, &t, 1e4, &st, NULL),
                     IL_OK);
    double loss = il_ion_stopping_eval(st, E) * 1e-3 * 100.0;
    printf("Si dead layer 100 tfu: shift %.3f keV, S t %.3f keV\n", m0 - m2, loss);
    assert_true(fabs((m0 - m2) / loss - 1.0) < 0.01);
    il_ion_stopping_free(st);
    il_iba_spectrum_free(a);
    il_iba_spectrum_free(a2);
    il_iba_spectrum_free(b);
    il_iba_spectrum_free(c);
}

/* A 20 nm Co-rich band 900 nm deep in 1 um of Si (a steps profile), straggling off: the centroid
 * of the Co counts lies at the energy detected from the band's middle (the beam's energy there
 * x K, carried out at beta = 15 deg), to 0.3 keV (the 1/E^2 weight across the band moves it by
 * ~0.05 keV), and the peak's variance is that of a box of the band's detected width convolved
 * with the 15 keV resolution (w^2/12 + FWHM^2/(8 ln 2) + 1/12), to 1 % (the box is not quite
 * uniform: 1/E^2 and the stopping change across it). Equal sublayers (5 keV of energy loss,
 * ~17 nm each) spread the band over the sublayers it straddles and fail this. */
static void profile_sublayers(void **state)
{
    (void)state;
    char path[] = "/tmp/il_iba_partXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("layers:\n"
          "  - material: Si\n"
          "    thickness: 1um\n"
          "    profile: {element: Co, kind: steps, points: [[0nm, 0], [900nm, 0.05], "
          "[920nm, 0]]}\n"
          "substrate: {material: C}\n", f);
    fclose(f);
    il_stack *s;
    il_error err;
    if (il_stack_load(path, NULL, &s, &err) != IL_OK)
        fail_msg("%s", err.message);
    remove(path);
    il_iba_options o;
    il_iba_options_default(&o);
    o.cal_gain_keV = 1.0;
    o.channels = 2048;
    o.straggling = IL_STRAG_NONE; /* the band's shape is then a box (x) the resolution */
    il_iba_spectrum *sp;
    assert_int_equal(il_iba_simulate(s, &o, &sp, &err), IL_OK);
    double sum, m, v;
    moments(sp, 27, &sum, &m, &v);
    /* the reference: Si stopping for 4He down to 910 nm and back out at beta = 15 deg */
    static const int si[1] = {14};
    static const double one[1] = {1.0};
    il_stopping_target t = {.Z = si, .atoms = one, .n = 1};
    il_ion_stopping *st;
    assert_int_equal(il_ion_stopping_new(2, M_HE4 - 2 * IL_ELECTRON_MASS_U, &t, 1e4, &st, NULL),
                     IL_OK);
    double K[2], det[3];
    il_iba_kfactor(M_HE4, 58.93319429, 165.0, K);
    for (int i = 0; i < 3; i++) {
        double z = il_nm_to_tfu(900.0 + 10.0 * i, il_stack_layer(s, 0)->atoms_cm3);
        double E = il_ion_stopping_advance(st, 2000.0, z, NULL);
        det[i] = il_ion_stopping_advance(st, K[0] * E, z / cos(15.0 * IL_PI / 180.0), NULL);
    }
    double w = det[0] - det[2];
    double want = w * w / 12.0 + 225.0 / (8.0 * log(2.0)) + 1.0 / 12.0;
    printf("Co band 900-920 nm: centroid %.3f keV, detected from 910 nm %.3f keV; variance "
           "%.3f keV^2, box (%.2f keV) x resolution %.3f keV^2\n", m, det[1], v, w, want);
    assert_true(fabs(m - det[1]) < 0.3);
    assert_true(fabs(v / want - 1.0) < 0.01);
    il_ion_stopping_free(st);
    il_iba_spectrum_free(sp);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dead_time),
        cmocka_unit_test(pileup),
        cmocka_unit_test(particle_resolution),
        cmocka_unit_test(kinematic_broadening),
        cmocka_unit_test(pulse_height_defect),
        cmocka_unit_test(profile_sublayers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
