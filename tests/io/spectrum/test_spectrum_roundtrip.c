/* Writers: write -> read gives back the same spectrum, for CSV, TSV, .Spe and N42. Writers print
 * the shortest decimal that reads back to the same double, so everything compares exactly,
 * including non-integer expected counts of a simulated spectrum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "interlayer/interlayer.h"

#define MENDO IL_SOURCE_DIR "/tests/io/spectrum/data/Mendocino_07-10-13_Acq-10-10-13.Spe"

static void assert_same(const il_spectrum *a, const il_spectrum *b)
{
    assert_int_equal(il_spectrum_n_channels(a), il_spectrum_n_channels(b));
    assert_memory_equal(il_spectrum_counts(a), il_spectrum_counts(b),
                        il_spectrum_n_channels(a) * sizeof(double));
    double la = il_spectrum_live_time_s(a), lb = il_spectrum_live_time_s(b);
    assert_true(la == lb || (isnan(la) && isnan(lb)));
    double ra = il_spectrum_real_time_s(a), rb = il_spectrum_real_time_s(b);
    assert_true(ra == rb || (isnan(ra) && isnan(rb)));
    double ca[3], cb[3];
    assert_int_equal(il_spectrum_calibration(a, ca), il_spectrum_calibration(b, cb));
    if (il_spectrum_calibration(a, NULL))
        assert_memory_equal(ca, cb, sizeof ca);
    const char *sa = il_spectrum_start_iso(a), *sb = il_spectrum_start_iso(b);
    assert_true((sa == NULL) == (sb == NULL));
    if (sa)
        assert_string_equal(sa, sb);
    assert_string_equal(il_spectrum_title(a), il_spectrum_title(b));
}

static il_spectrum *roundtrip(const il_spectrum *s, const char *ext)
{
    char path[256];
    snprintf(path, sizeof path, "spectrum_roundtrip_%ld%s", (long)getpid(), ext);
    il_error err;
    char buf[1200];
    il_status st = il_spectrum_save(s, path, IL_SPECTRUM_AUTO, &err);
    if (st)
        print_error("%s\n", il_error_format(&err, buf, sizeof buf));
    assert_int_equal(st, IL_OK);
    il_spectrum *back = NULL;
    st = il_spectrum_load(path, IL_SPECTRUM_AUTO, &back, &err);
    if (st)
        print_error("%s\n", il_error_format(&err, buf, sizeof buf));
    assert_int_equal(st, IL_OK);
    remove(path);
    return back;
}

static const char *const exts[] = {".csv", ".tsv", ".Spe", ".n42"};

static void simulated(void **state)
{
    (void)state;
    /* An expected-value spectrum: fractional counts, runs of zeros, a quadratic calibration,
     * fractional times, a start with a time zone, a title with XML-special characters. */
    il_spectrum *s;
    assert_int_equal(il_spectrum_new(1024, &s, NULL), IL_OK);
    double *c = il_spectrum_counts_mut(s);
    for (size_t i = 0; i < 1024; i++)
        c[i] = (i % 7 == 0 || i > 1000) ? 0 : 1e3 * exp(-(double)i / 300.0) / 3.0;
    c[5] = 1e-300; /* tiny but positive must not collapse to zero */
    assert_int_equal(il_spectrum_set_times_s(s, 3599.98, 3600.5, NULL), IL_OK);
    assert_int_equal(il_spectrum_set_calibration(s, -12.5, 2.718281828459045, 1.5e-6, NULL),
                     IL_OK);
    assert_int_equal(il_spectrum_set_start_iso(s, "2024-02-29T23:59:58.25+05:30", NULL), IL_OK);
    assert_string_equal(il_spectrum_start_iso(s), "2024-02-29T23:59:58.25+05:30");
    assert_int_equal(il_spectrum_set_title(s, "Li <6> & \"Si\" interlayer", NULL), IL_OK);
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
        il_spectrum *b = roundtrip(s, exts[k]);
        if (!strcmp(exts[k], ".Spe")) {
            /* .Spe dates carry neither fractions of a second nor a zone: compare the rest. */
            assert_string_equal(il_spectrum_start_iso(b), "2024-02-29T23:59:58");
            assert_int_equal(il_spectrum_set_start_iso(b, il_spectrum_start_iso(s), NULL),
                             IL_OK);
        }
        assert_same(s, b);
        il_spectrum_free(b);
    }
    il_spectrum_free(s);
}

static void minimal(void **state)
{
    (void)state;
    /* Nothing but counts: no times, no calibration, no start, no title. */
    il_spectrum *s;
    assert_int_equal(il_spectrum_new(3, &s, NULL), IL_OK);
    il_spectrum_counts_mut(s)[1] = 7;
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
        il_spectrum *b = roundtrip(s, exts[k]);
        if (!strcmp(exts[k], ".Spe"))
            assert_int_equal(il_spectrum_set_title(b, NULL, NULL), IL_OK); /* default text */
        assert_same(s, b);
        il_spectrum_free(b);
    }
    il_spectrum_free(s);
}

static void real_file(void **state)
{
    (void)state;
    il_spectrum *s;
    assert_int_equal(il_spectrum_load(MENDO, IL_SPECTRUM_AUTO, &s, NULL), IL_OK);
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
        il_spectrum *b = roundtrip(s, exts[k]);
        assert_same(s, b);
        il_spectrum_free(b);
    }
    il_spectrum *copy;
    assert_int_equal(il_spectrum_copy(s, &copy, NULL), IL_OK);
    assert_same(s, copy);
    il_spectrum_free(copy);
    il_spectrum_free(s);
}

static void time_t_of_start(void **state)
{
    (void)state;
    il_spectrum *s;
    time_t t;
    assert_int_equal(il_spectrum_new(1, &s, NULL), IL_OK);
    /* Reference values: `date -u -d ... +%s`. */
    assert_int_equal(il_spectrum_set_start_iso(s, "1970-01-01T00:00:00Z", NULL), IL_OK);
    assert_int_equal(il_spectrum_start_time(s, &t, NULL), IL_OK);
    assert_true(t == 0);
    assert_int_equal(il_spectrum_set_start_iso(s, "2024-02-29T23:59:58+05:30", NULL), IL_OK);
    assert_int_equal(il_spectrum_start_time(s, &t, NULL), IL_OK);
    assert_true(t == (time_t)1709231398); /* 2024-02-29T18:29:58Z */
    il_spectrum_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simulated),
        cmocka_unit_test(minimal),
        cmocka_unit_test(real_file),
        cmocka_unit_test(time_t_of_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
