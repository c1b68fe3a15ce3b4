/* The IDF / .xnra reader and writer (iba_io.h).
 * - A file written by SIMNRA 7.03 (data/iba/simnra_rbs_rough.xnra, from the JaBS test suite)
 *   reads with the values SIMNRA wrote (compared with the file's text: 1e-12 relative, i.e.
 *   exact up to the decimal conversion) and simulates: each element's part is there.
 * - Write -> read -> simulate gives the same spectrum (1e-12 of the peak: the writer prints 17
 *   significant digits, so everything reads back exactly; any lost setting, unit slip or layer
 *   mix-up changes counts by far more).
 * - Bad files: one error naming file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"

#ifndef IL_SOURCE_DIR
#define IL_SOURCE_DIR "."
#endif

static void near(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.17g, want %.17g (rel %g)", got, want, rel);
}

static void simnra_file(void **state)
{
    (void)state;
    il_error err;
    il_iba_idf *d;
    if (il_iba_idf_load(IL_SOURCE_DIR "/data/iba/simnra_rbs_rough.xnra", &d, &err))
        fail_msg("%s", err.message);
    assert_int_equal(il_stack_count(d->stack), 2);
    const il_layer *a = il_stack_layer(d->stack, 0), *c = il_stack_layer(d->stack, 1);
    near(a->areal_tfu, 1000.0, 1e-12);
    near(c->areal_tfu, 10000.0, 1e-12);
    assert_false(c->is_substrate); /* SIMNRA's layers are all finite */
    /* O 0.6, Al 0.4 */
    il_layer_element el[8];
    size_t n = il_layer_elements(a, el, 8);
    assert_int_equal(n, 2);
    for (size_t k = 0; k < n; k++)
        near(el[k].atom_fraction, el[k].Z == 8 ? 0.6 : 0.4, 1e-12);
    /* roughness: FWHM 99.999999999993 tfu -> rms FWHM / (2 sqrt(2 ln 2)), in nm at the layer's
     * atoms/cm3 */
    near(il_nm_to_tfu(a->roughness_nm, a->atoms_cm3), 99.999999999993 / 2.3548200450309493,
         1e-12);
    const il_iba_options *o = &d->options;
    assert_int_equal(o->technique, IL_IBA_RBS);
    assert_int_equal(o->beam_Z, 2);
    assert_int_equal(o->beam_A, 4);
    assert_int_equal(o->geometry, IL_IBA_IBM);
    near(o->energy_keV, 1500.0, 1e-12);
    near(o->alpha_deg, 25.0, 1e-12);
    near(o->theta_deg, 120.0, 1e-12);
    near(o->fluence, 1.27323954473516e14, 1e-12);
    near(o->solid_angle_msr, 7.85398163397448, 1e-12);
    near(o->resolution_keV, 15.0, 1e-12);
    near(o->cal_gain_keV, 1.0, 1e-12);
    assert_null(d->data); /* SIMNRA's "0 1 / 0 0": no measured data */
    double beta;
    assert_int_equal(il_iba_exit_angle(o, &beta, &err), IL_OK);
    near(beta, 35.0, 1e-12); /* IBM: 180 - 120 - 25, as the file's exitangle says */
    il_iba_spectrum *sp;
    if (il_iba_simulate(d->stack, o, &sp, &err))
        fail_msg("%s", err.message);
    double part[1024];
    for (int Z = 6; Z <= 13; Z++) {
        if (Z != 6 && Z != 8 && Z != 13)
            continue;
        il_iba_spectrum_element(sp, Z, part);
        double sum = 0;
        for (int i = 0; i < 1024; i++)
            sum += part[i];
        assert_true(sum > 1e4);
    }
    il_iba_spectrum_free(sp);
    il_iba_idf_free(d);
}

static void write_read_simulate(void **state)
{
    (void)state;
    il_error err;
    il_stack *s;
    if (il_stack_parse("Au 20nm rough=3nm name=top | LiCoO2 300nm name=cathode | "
                       "Li[6]3PO4 100nm density=2.4 | Si",
                       NULL, &s, &err))
        fail_msg("%s", err.message);
    il_iba_options o;
    il_iba_options_default(&o);
    o.energy_keV = 2300.0;
    o.energy_spread_keV = 4.0;
    o.alpha_deg = 10.0;
    o.theta_deg = 160.0;
    o.fluence = 5e12;
    o.solid_angle_msr = 3.3;
    o.resolution_keV = 13.0;
    o.channels = 700;
    o.cal_offset_keV = 21.0;
    o.cal_gain_keV = 3.1;
    o.cal_quad_keV = 1e-5;
    il_iba_spectrum *a;
    if (il_iba_simulate(s, &o, &a, &err))
        fail_msg("%s", err.message);
    char *text;
    const double *y = il_iba_spectrum_total(a);
    if (il_iba_idf_text(s, &o, y, 700, a, &text, &err))
        fail_msg("%s", err.message);
    il_iba_idf *d;
    if (il_iba_idf_parse(text, strlen(text), "rt.xnra", &d, &err))
        fail_msg("%s", err.message);
    free(text);
    assert_int_equal(il_stack_count(d->stack), 4);
    assert_string_equal(il_stack_layer(d->stack, 0)->name, "top");
    assert_true(il_stack_layer(d->stack, 3)->is_substrate);
    assert_int_equal(d->n_data, 700);
    assert_int_equal(d->n_simulated, 700);
    il_iba_spectrum *b;
    if (il_iba_simulate(d->stack, &d->options, &b, &err))
        fail_msg("%s", err.message);
    assert_int_equal(il_iba_spectrum_channels(b), 700);
    const double *z = il_iba_spectrum_total(b);
    double peak = 0, worst = 0;
    for (int i = 0; i < 700; i++)
        peak = fmax(peak, y[i]);
    for (int i = 0; i < 700; i++) {
        worst = fmax(worst, fabs(z[i] - y[i]));
        near(d->data[i], y[i], 1e-15);
    }
    printf("IDF round trip: largest difference %.3g of a %.4g-count peak\n", worst, peak);
    assert_true(worst <= 1e-12 * peak);
    il_iba_spectrum_free(b);
    il_iba_spectrum_free(a);
    il_iba_idf_free(d);
    il_stack_free(s);
}

/* Two spectra of one sample in one file (the usual RBS + second angle, or RBS + ERDA): each
 * written by il_iba_idf_text alone, the second's <spectrum> element spliced after the first's.
 * Both must read back (in file order, none inheriting the other's settings) and simulate to the
 * spectrum that was written, to 1e-12 of the peak as the one-spectrum round trip (the numbers
 * pass through "%.17g" text). */
static char *idf_of(const il_stack *s, const il_iba_options *o, il_iba_spectrum **sim)
{
    il_error err;
    char *text;
    if (il_iba_simulate(s, o, sim, &err))
        fail_msg("%s", err.message);
    if (il_iba_idf_text(s, o, il_iba_spectrum_total(*sim), o->channels, *sim, &text, &err))
        fail_msg("%s", err.message);
    return text;
}

static void same_spectrum(const il_stack *s, const il_iba_options *o, const il_iba_spectrum *want)
{
    il_error err;
    il_iba_spectrum *got;
    if (il_iba_simulate(s, o, &got, &err))
        fail_msg("%s", err.message);
    size_t n = il_iba_spectrum_channels(want);
    assert_int_equal(il_iba_spectrum_channels(got), n);
    const double *y = il_iba_spectrum_total(want), *z = il_iba_spectrum_total(got);
    double peak = 0, worst = 0;
    for (size_t i = 0; i < n; i++) {
        peak = fmax(peak, y[i]);
        worst = fmax(worst, fabs(z[i] - y[i]));
    }
    assert_true(peak > 0);
    assert_true(worst <= 1e-12 * peak);
    il_iba_spectrum_free(got);
}

static void several_spectra(void **state)
{
    (void)state;
    il_error err;
    il_stack *s;
    if (il_stack_parse("Au 20nm | LiCoO2 300nm | Si", NULL, &s, &err))
        fail_msg("%s", err.message);
    il_iba_options o1, o2;
    il_iba_options_default(&o1);
    il_iba_options_default(&o2);
    o2.energy_keV = 3000.0;
    o2.theta_deg = 140.0;
    o2.channels = 600;
    o2.cal_gain_keV = 4.0;
    o2.technique = IL_IBA_ERDA;
    o2.theta_deg = 30.0;
    o2.alpha_deg = 75.0;
    il_iba_spectrum *a1, *a2;
    char *t1 = idf_of(s, &o1, &a1), *t2 = idf_of(s, &o2, &a2);
    const char *open2 = strstr(t2, "<spectrum>"), *close2 = strstr(t2, "</spectrum>");
    char *close1 = strstr(t1, "</spectrum>");
    assert_non_null(open2);
    assert_non_null(close2);
    assert_non_null(close1);
    close1 += strlen("</spectrum>");
    size_t n1 = (size_t)(close1 - t1), n2 = (size_t)(close2 + strlen("</spectrum>") - open2);
    char *both = malloc(strlen(t1) + n2 + 1);
    memcpy(both, t1, n1);
    memcpy(both + n1, open2, n2);
    strcpy(both + n1 + n2, close1);
    il_iba_idf *d;
    if (il_iba_idf_parse(both, strlen(both), "two.xnra", &d, &err))
        fail_msg("%s", err.message);
    assert_non_null(d->next);
    assert_null(d->next->next);
    assert_null(d->next->stack);
    assert_int_equal(d->options.technique, IL_IBA_RBS);
    assert_int_equal(d->next->options.technique, IL_IBA_ERDA);
    assert_int_equal(d->options.channels, o1.channels);
    assert_int_equal(d->next->n_data, 600);
    same_spectrum(d->stack, &d->options, a1);
    same_spectrum(d->stack, &d->next->options, a2);
    il_iba_idf_free(d);
    /* the one-spectrum file has no next */
    if (il_iba_idf_parse(t1, strlen(t1), "one.xnra", &d, &err))
        fail_msg("%s", err.message);
    assert_null(d->next);
    il_iba_idf_free(d);
    free(both);
    free(t1);
    free(t2);
    il_iba_spectrum_free(a1);
    il_iba_spectrum_free(a2);
    il_stack_free(s);
}

static void expect_error(const char *text, int line, const char *what)
{
    il_iba_idf *d = NULL;
    il_error err;
    il_status st = il_iba_idf_parse(text, strlen(text), "bad.xnra", &d, &err);
    if (st == IL_OK || err.line != line || !strstr(err.message, what) ||
        strcmp(err.file, "bad.xnra"))
        fail_msg("status %d, %s:%d: \"%s\"; want line %d with \"%s\"", st, err.file, err.line,
                 err.message, line, what);
    assert_null(d);
}

static void errors(void **state)
{
    (void)state;
    expect_error("<idf>\n<sample>\n</idf>", 3, "not well-formed");
    expect_error("<?xml version=\"1.0\"?>\n<!DOCTYPE idf [<!ENTITY a \"b\">]>\n<idf/>", 2,
                 "DOCTYPE");
    expect_error("<spectrum/>", 1, "<idf>");
    expect_error("<idf>\n</idf>", 1, "no <sample>");
    static const char bad_thickness[] =
        "<idf><sample><structure><layeredstructure><layers>\n"
        "<layer><layerthickness units=\"1e15at/cm2\">12x</layerthickness>\n"
        "<layerelements><layerelement><name>Si</name><concentration>1</concentration>"
        "</layerelement></layerelements></layer></layers></layeredstructure></structure></sample></idf>";
    expect_error(bad_thickness, 2, "'12x' is not a number");
    static const char bad_unit[] =
        "<idf><sample><structure><layeredstructure><layers>\n"
        "<layer>\n<layerthickness units=\"furlong\">12</layerthickness>\n"
        "<layerelements><layerelement><name>Si</name><concentration>1</concentration>"
        "</layerelement></layerelements></layer></layers></layeredstructure></structure>"
        "</sample></idf>";
    expect_error(bad_unit, 3, "unit 'furlong'");
    static const char bad_element[] =
        "<idf><sample><structure><layeredstructure><layers><layer>\n"
        "<layerthickness>12</layerthickness><layerelements><layerelement>\n"
        "<name>Xq</name><concentration>1</concentration></layerelement></layerelements>"
        "</layer></layers></layeredstructure></structure></sample></idf>";
    expect_error(bad_element, 3, "'Xq'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(simnra_file),
                                       cmocka_unit_test(write_read_simulate),
                                       cmocka_unit_test(several_spectra),
                                       cmocka_unit_test(errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
