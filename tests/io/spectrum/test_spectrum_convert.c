/* Converting between every format read and written (.Spe, .Chn, N42.42, CSV): for every pair
 * A -> B, a spectrum saved as A, read, saved as B and read again keeps its counts, live time and
 * real time exactly (==, not within a tolerance: these are measured numbers a dead-time or
 * rate correction divides by). Sources: the example files of every format in data/ and a
 * synthetic spectrum with the largest count .Chn holds. The .Chn writer is also checked byte
 * for byte against an Ortec-written file, and refuses what .Chn cannot hold. */
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

#define DATA IL_SOURCE_DIR "/tests/io/spectrum/data/"

static const char *const exts[] = {".Spe", ".Chn", ".n42", ".csv"};
#define NEXT (sizeof exts / sizeof exts[0])

static il_spectrum *load(const char *path)
{
    il_error err;
    char buf[1200];
    il_spectrum *s = NULL;
    if (il_spectrum_load(path, IL_SPECTRUM_AUTO, &s, &err))
        fail_msg("%s", il_error_format(&err, buf, sizeof buf));
    return s;
}

/* Saves s with extension ext and reads it back. */
static il_spectrum *through(const il_spectrum *s, const char *ext)
{
    char path[256];
    snprintf(path, sizeof path, "spectrum_convert_%ld%s", (long)getpid(), ext);
    il_error err;
    char buf[1200];
    if (il_spectrum_save(s, path, IL_SPECTRUM_AUTO, &err))
        fail_msg("save %s: %s", ext, il_error_format(&err, buf, sizeof buf));
    il_spectrum *back = load(path);
    assert_int_equal(il_spectrum_read_format(back), il_spectrum_format_from_path(path));
    remove(path);
    return back;
}

static void assert_kept(const il_spectrum *a, const il_spectrum *b, const char *what)
{
    size_t n = il_spectrum_n_channels(a);
    if (il_spectrum_n_channels(b) != n)
        fail_msg("%s: %zu channels became %zu", what, n, il_spectrum_n_channels(b));
    for (size_t i = 0; i < n; i++)
        if (il_spectrum_counts(a)[i] != il_spectrum_counts(b)[i])
            fail_msg("%s: channel %zu: %.17g became %.17g", what, i, il_spectrum_counts(a)[i],
                     il_spectrum_counts(b)[i]);
    double la = il_spectrum_live_time_s(a), lb = il_spectrum_live_time_s(b);
    double ra = il_spectrum_real_time_s(a), rb = il_spectrum_real_time_s(b);
    /* Unknown (NaN) stays unknown. */
    if (!(la == lb || (isnan(la) && isnan(lb))) || !(ra == rb || (isnan(ra) && isnan(rb))))
        fail_msg("%s: times %.17g/%.17g became %.17g/%.17g", what, il_spectrum_live_time_s(a),
                 il_spectrum_real_time_s(a), il_spectrum_live_time_s(b),
                 il_spectrum_real_time_s(b));
}

/* Every ordered pair of formats, starting from s. A spectrum without times cannot become a
 * .Chn (the format has no "unknown"; chn_refuses_what_it_cannot_hold checks the refusal). */
static void all_pairs(const il_spectrum *s, const char *name)
{
    int timed = !isnan(il_spectrum_live_time_s(s)) && !isnan(il_spectrum_real_time_s(s));
    assert_true(timed || isnan(il_spectrum_real_time_s(s)) == isnan(il_spectrum_live_time_s(s)));
    for (size_t i = 0; i < NEXT; i++) {
        if (!timed && !strcmp(exts[i], ".Chn"))
            continue;
        il_spectrum *a = through(s, exts[i]);
        char what[256];
        snprintf(what, sizeof what, "%s -> %s", name, exts[i]);
        assert_kept(s, a, what);
        for (size_t j = 0; j < NEXT; j++) {
            if (!timed && !strcmp(exts[j], ".Chn"))
                continue;
            il_spectrum *b = through(a, exts[j]);
            snprintf(what, sizeof what, "%s -> %s -> %s", name, exts[i], exts[j]);
            assert_kept(s, b, what);
            il_spectrum_free(b);
        }
        il_spectrum_free(a);
    }
}

static void example_files(void **state)
{
    (void)state;
    static const char *const files[] = {
        "Mendocino_07-10-13_Acq-10-10-13.Spe", "Mendocino_07-10-13_Acq-10-10-13.CHN",
        "Mendocino_07-10-13_Acq-10-10-13.n42", "Mendocino_07-10-13_Acq-10-10-13.csv",
        "Alcatraz14.CHN", "Alcatraz14.n42", "digibase_5min_30_1.spe"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        char path[512];
        snprintf(path, sizeof path, DATA "%s", files[k]);
        il_spectrum *s = load(path);
        all_pairs(s, files[k]);
        il_spectrum_free(s);
    }
}

static void synthetic(void **state)
{
    (void)state;
    il_error err;
    il_spectrum *s;
    assert_int_equal(il_spectrum_new(4096, &s, &err), IL_OK);
    double *c = il_spectrum_counts_mut(s);
    for (size_t i = 0; i < 4096; i++)
        c[i] = (double)((i * 2654435761u) % 100000u);
    c[7] = 4294967295.0; /* the largest count a .Chn channel holds */
    c[8] = 0;
    /* 1234.56 s is 61728 ticks of 20 ms; 0.02 s is one tick. */
    assert_int_equal(il_spectrum_set_times_s(s, 1234.56, 1300.02, &err), IL_OK);
    assert_int_equal(il_spectrum_set_start_iso(s, "2026-03-01T08:15:42", &err), IL_OK);
    assert_int_equal(il_spectrum_set_calibration(s, -1.5, 2.75, 1e-6, &err), IL_OK);
    assert_int_equal(il_spectrum_set_title(s, "synthetic NDP run", &err), IL_OK);
    all_pairs(s, "synthetic");
    /* What .Chn keeps besides counts and times: start to the second, title, calibration to
     * float32 (relative 6e-8). */
    il_spectrum *b = through(s, ".Chn");
    assert_string_equal(il_spectrum_start_iso(b), "2026-03-01T08:15:42");
    assert_string_equal(il_spectrum_title(b), "synthetic NDP run");
    double cal[3];
    assert_true(il_spectrum_calibration(b, cal));
    assert_true(fabs(cal[0] + 1.5) < 1e-6 && fabs(cal[1] - 2.75) < 1e-6 &&
                fabs(cal[2] - 1e-6) < 1e-12);
    il_spectrum_free(b);
    il_spectrum_free(s);
}

/* The writer reproduces an Ortec-written file: times, start, channel count and counts (header
 * bytes 6..31, then every count) byte for byte. */
static void chn_bytes_match_ortec(void **state)
{
    (void)state;
    const char *orig = DATA "Mendocino_07-10-13_Acq-10-10-13.CHN";
    il_spectrum *s = load(orig);
    char path[256];
    snprintf(path, sizeof path, "spectrum_convert_bytes_%ld.Chn", (long)getpid());
    il_error err;
    assert_int_equal(il_spectrum_save(s, path, IL_SPECTRUM_AUTO, &err), IL_OK);
    FILE *fa = fopen(orig, "rb"), *fb = fopen(path, "rb");
    assert_non_null(fa);
    assert_non_null(fb);
    size_t n = 32 + 4 * il_spectrum_n_channels(s);
    unsigned char *a = malloc(n), *b = malloc(n);
    assert_int_equal(fread(a, 1, n, fa), n);
    assert_int_equal(fread(b, 1, n, fb), n);
    assert_memory_equal(a, b, 2);              /* file type -1 */
    assert_memory_equal(a + 6, b + 6, n - 6);  /* times, date, channels, counts */
    fclose(fa);
    fclose(fb);
    free(a);
    free(b);
    remove(path);
    il_spectrum_free(s);
}

static void expect_refused(const il_spectrum *s, il_status code, const char *words)
{
    il_error err;
    char path[256];
    snprintf(path, sizeof path, "spectrum_convert_refused_%ld.Chn", (long)getpid());
    assert_int_equal(il_spectrum_save(s, path, IL_SPECTRUM_AUTO, &err), code);
    if (!strstr(err.message, words))
        fail_msg("message '%s' lacks '%s'", err.message, words);
    assert_int_equal(access(path, F_OK), -1); /* nothing half-written */
}

/* .Spe's $MEAS_TIM line holds both times: with one unknown the writer refuses instead of
 * copying the known one into it (that invented a dead time of 0 before). */
static void spe_refuses_one_time_alone(void **state)
{
    (void)state;
    il_error err;
    il_spectrum *s;
    assert_int_equal(il_spectrum_new(8, &s, &err), IL_OK);
    assert_int_equal(il_spectrum_set_times_s(s, 1.5, NAN, &err), IL_OK);
    char path[256];
    snprintf(path, sizeof path, "spectrum_convert_refused_%ld.Spe", (long)getpid());
    assert_int_equal(il_spectrum_save(s, path, IL_SPECTRUM_AUTO, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "only the live time"));
    assert_int_equal(access(path, F_OK), -1);
    il_spectrum_free(s);
}

static void chn_refuses_what_it_cannot_hold(void **state)
{
    (void)state;
    il_error err;
    il_spectrum *s;
    assert_int_equal(il_spectrum_new(16, &s, &err), IL_OK);
    expect_refused(s, IL_ERR_INVALID, "live time");
    assert_int_equal(il_spectrum_set_times_s(s, 10.001, 11, &err), IL_OK);
    expect_refused(s, IL_ERR_RANGE, "20 ms ticks");
    assert_int_equal(il_spectrum_set_times_s(s, 10, 11, &err), IL_OK);
    il_spectrum_counts_mut(s)[3] = 2.5;
    expect_refused(s, IL_ERR_RANGE, "channel 3");
    il_spectrum_counts_mut(s)[3] = 4294967296.0;
    expect_refused(s, IL_ERR_RANGE, "channel 3");
    il_spectrum_free(s);
    assert_int_equal(il_spectrum_new(65536, &s, &err), IL_OK);
    assert_int_equal(il_spectrum_set_times_s(s, 10, 11, &err), IL_OK);
    expect_refused(s, IL_ERR_RANGE, "65535 channels");
    il_spectrum_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(example_files),
        cmocka_unit_test(synthetic),
        cmocka_unit_test(chn_bytes_match_ortec),
        cmocka_unit_test(chn_refuses_what_it_cannot_hold),
        cmocka_unit_test(spe_refuses_one_time_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
