/* Readers on real files written by acquisition software (tests/io/spectrum/data/README.md).
 * References: the values the files state in their own headers, and the README's rule that the
 * three Mendocino files (.Spe, .Chn, .n42) and its CSV export hold the same counts channel by
 * channel and the same times. Counts and times are integers or exact multiples of 20 ms, so they
 * are compared exactly; tolerances are given only for calibration coefficients stored as
 * float32 or printed with 6 digits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"

#define DATA IL_SOURCE_DIR "/tests/io/spectrum/data/"
#define MENDO DATA "Mendocino_07-10-13_Acq-10-10-13"

static il_spectrum *load(const char *path, il_spectrum_format f)
{
    il_spectrum *s = NULL;
    il_error err;
    il_status st = il_spectrum_load(path, f, &s, &err);
    if (st) {
        char buf[1200];
        print_error("%s\n", il_error_format(&err, buf, sizeof buf));
    }
    assert_int_equal(st, IL_OK);
    assert_non_null(s);
    return s;
}

/* Facts read from the .Spe text independently of the reader (README). */
static void check_mendocino_counts(const il_spectrum *s)
{
    assert_int_equal(il_spectrum_n_channels(s), 8192);
    assert_true(il_spectrum_count(s, 40) == 0);
    assert_true(il_spectrum_count(s, 41) == 1);
    assert_true(il_spectrum_count(s, 42) == 268);
    assert_true(il_spectrum_count(s, 43) == 199);
    assert_true(il_spectrum_count(s, 1000) == 496);
    assert_true(il_spectrum_count(s, 3860) == 33492);
    assert_true(il_spectrum_count(s, 8191) == 0);
    assert_true(il_spectrum_total(s) == 2279915);
    assert_true(il_spectrum_is_integer(s));
}

static void mendocino_spe(void **state)
{
    (void)state;
    il_spectrum *s = load(MENDO ".Spe", IL_SPECTRUM_AUTO);
    check_mendocino_counts(s);
    /* $MEAS_TIM: 595642 595798 (live real). */
    assert_true(il_spectrum_live_time_s(s) == 595642);
    assert_true(il_spectrum_real_time_s(s) == 595798);
    assert_string_equal(il_spectrum_start_iso(s), "2013-10-11T10:30:10");
    time_t t;
    assert_int_equal(il_spectrum_start_time(s, &t, NULL), IL_OK);
    assert_true(t == (time_t)1381487410); /* date -u -d 2013-10-11T10:30:10 +%s */
    double c[3];
    assert_int_equal(il_spectrum_calibration(s, c), 1);
    /* $MCA_CAL: 0 3.78444E-001 0: parsed decimal, exact to the double nearest. */
    assert_true(c[0] == 0 && c[1] == 0.378444 && c[2] == 0);
    assert_true(il_spectrum_energy_keV(s, 1000) == 0.378444 * 1000);
    assert_string_equal(il_spectrum_title(s), "No sample description was entered.");
    assert_string_equal(il_spectrum_source(s), MENDO ".Spe");
    il_spectrum_free(s);
}

static void mendocino_all_formats_agree(void **state)
{
    (void)state;
    il_spectrum *spe = load(MENDO ".Spe", IL_SPECTRUM_AUTO);
    il_spectrum *chn = load(MENDO ".CHN", IL_SPECTRUM_AUTO);
    il_spectrum *n42 = load(MENDO ".n42", IL_SPECTRUM_AUTO);
    il_spectrum *csv = load(MENDO ".csv", IL_SPECTRUM_AUTO);
    il_spectrum *all[3] = {chn, n42, csv};
    for (int k = 0; k < 3; k++) {
        check_mendocino_counts(all[k]);
        assert_memory_equal(il_spectrum_counts(spe), il_spectrum_counts(all[k]),
                            8192 * sizeof(double));
        double c[3];
        assert_int_equal(il_spectrum_calibration(all[k], c), 1);
        /* .Chn stores float32 (7 digits, rounded back to them); N42 prints 6 digits; the CSV
         * axis is fitted to energies printed with 6 decimals: 1e-6 keV/channel on the gain is
         * 0.008 keV at channel 8191, well below a channel (0.38 keV). */
        assert_true(fabs(c[0]) < 1e-5);
        assert_true(fabs(c[1] - 0.378444) < 1e-6);
        assert_true(fabs(c[2]) < 1e-12);
    }
    /* Times: .Chn in 20 ms ticks, N42 as PT595798.000S; the CSV export has none. */
    assert_true(il_spectrum_live_time_s(chn) == 595642 && il_spectrum_real_time_s(chn) == 595798);
    assert_true(il_spectrum_live_time_s(n42) == 595642 && il_spectrum_real_time_s(n42) == 595798);
    assert_true(isnan(il_spectrum_live_time_s(csv)));
    assert_string_equal(il_spectrum_start_iso(chn), "2013-10-11T10:30:10");
    assert_string_equal(il_spectrum_start_iso(n42), "2013-10-11T10:30:10");
    assert_string_equal(il_spectrum_title(chn), "No sample description was entered.");
    assert_string_equal(il_spectrum_title(n42), ""); /* only an instrument Remark */
    il_spectrum_free(spe);
    il_spectrum_free(chn);
    il_spectrum_free(n42);
    il_spectrum_free(csv);
}

static void alcatraz_chn_n42(void **state)
{
    (void)state;
    il_spectrum *chn = load(DATA "Alcatraz14.CHN", IL_SPECTRUM_AUTO);
    il_spectrum *n42 = load(DATA "Alcatraz14.n42", IL_SPECTRUM_AUTO);
    il_spectrum *both[2] = {chn, n42};
    for (int k = 0; k < 2; k++) {
        const il_spectrum *s = both[k];
        assert_int_equal(il_spectrum_n_channels(s), 8192);
        /* N42: "0 35 1 0 3 7 118": 35 zeros, 1, three zeros, 7, 118. */
        assert_true(il_spectrum_count(s, 34) == 0);
        assert_true(il_spectrum_count(s, 35) == 1);
        assert_true(il_spectrum_count(s, 38) == 0);
        assert_true(il_spectrum_count(s, 39) == 7);
        assert_true(il_spectrum_count(s, 40) == 118);
        assert_true(il_spectrum_count(s, 43) == 296);
        assert_true(il_spectrum_total(s) == 132978);
        /* PT900.000S / PT905.420S; .Chn: 45000 and 45271 ticks of 20 ms. */
        assert_true(il_spectrum_live_time_s(s) == 900);
        assert_true(fabs(il_spectrum_real_time_s(s) - 905.42) < 1e-9);
        double c[3];
        assert_int_equal(il_spectrum_calibration(s, c), 1);
        /* 5.78332e-001 3.74436e-001 2.98586e-007 as printed (6 digits) */
        assert_true(fabs(c[0] - 0.578332) < 1e-6);
        assert_true(fabs(c[1] - 0.374436) < 1e-7);
        assert_true(fabs(c[2] - 2.98586e-7) < 1e-12);
    }
    assert_memory_equal(il_spectrum_counts(chn), il_spectrum_counts(n42), 8192 * sizeof(double));
    /* N42 says 13:41:07.0; .Chn the same in its DDMmmYY HHMM SS fields. */
    assert_string_equal(il_spectrum_start_iso(n42), "2012-09-17T13:41:07");
    assert_string_equal(il_spectrum_start_iso(chn), "2012-09-17T13:41:07");
    assert_string_equal(il_spectrum_title(chn), "Description: Alcatraz14");
    il_spectrum_free(chn);
    il_spectrum_free(n42);
}

static void spe_variants(void **state)
{
    (void)state;
    struct {
        const char *file;
        size_t n;
        double live, real, total, max;
        size_t at;
    } v[] = {
        {"digibase_5min_30_1.spe", 1024, 296, 300, 892301, 21957, 17},
        {"nai_detector.spe", 1001, 3600, 3600, 398163, 3017, 54},
        {"SGM102432.spe", 4094, 300, 300, 166239, 707, 111},
    };
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        char path[512];
        snprintf(path, sizeof path, DATA "%s", v[k].file);
        il_spectrum *s = load(path, IL_SPECTRUM_AUTO);
        assert_int_equal(il_spectrum_n_channels(s), v[k].n);
        assert_true(il_spectrum_live_time_s(s) == v[k].live);
        assert_true(il_spectrum_real_time_s(s) == v[k].real);
        assert_true(il_spectrum_total(s) == v[k].total);
        assert_true(il_spectrum_count(s, v[k].at) == v[k].max);
        il_spectrum_free(s);
    }
    /* digibase: $ENER_FIT and $MCA_CAL all zero: not calibrated. */
    il_spectrum *s = load(DATA "digibase_5min_30_1.spe", IL_SPECTRUM_AUTO);
    assert_int_equal(il_spectrum_calibration(s, NULL), 0);
    assert_true(isnan(il_spectrum_energy_keV(s, 10)));
    assert_string_equal(il_spectrum_start_iso(s), "2018-02-09T10:03:36");
    il_spectrum_free(s);
    s = load(DATA "nai_detector.spe", IL_SPECTRUM_AUTO);
    assert_string_equal(il_spectrum_title(s), "Spectrum from an unknown NaI detector.");
    il_spectrum_free(s);
}

static void hand_made_good(void **state)
{
    (void)state;
    /* 2006 layout: "0 3 5 7 0 2 9.5 1" = 0 0 0 5 7 0 0 9.5 1; PT1M30.5S = 90.5 s;
     * coefficients in MeV -> keV x1000; start with Z. */
    il_spectrum *s = load(DATA "good/n42_2006.n42", IL_SPECTRUM_AUTO);
    const double want[] = {0, 0, 0, 5, 7, 0, 0, 9.5, 1};
    assert_int_equal(il_spectrum_n_channels(s), 9);
    assert_memory_equal(il_spectrum_counts(s), want, sizeof want);
    assert_false(il_spectrum_is_integer(s));
    assert_true(il_spectrum_live_time_s(s) == 90.5);
    assert_true(il_spectrum_real_time_s(s) == 100);
    assert_string_equal(il_spectrum_start_iso(s), "2006-05-04T03:02:01Z");
    double c[3];
    assert_int_equal(il_spectrum_calibration(s, c), 1);
    assert_true(fabs(c[0] - 1) < 1e-12 && fabs(c[1] - 2) < 1e-12 && fabs(c[2] - 1e-3) < 1e-15);
    assert_string_equal(il_spectrum_title(s), "2006 test spectrum");
    il_spectrum_free(s);

    s = load(DATA "good/csv_one_column.csv", IL_SPECTRUM_AUTO);
    assert_int_equal(il_spectrum_n_channels(s), 3);
    assert_true(il_spectrum_count(s, 0) == 10 && il_spectrum_count(s, 2) == 30);
    assert_int_equal(il_spectrum_calibration(s, NULL), 0);
    il_spectrum_free(s);

    /* Channels 5..7: channels 0..4 are zero so the index stays the channel number. */
    s = load(DATA "good/tsv_channels_from_5.tsv", IL_SPECTRUM_AUTO);
    assert_int_equal(il_spectrum_n_channels(s), 8);
    assert_true(il_spectrum_count(s, 4) == 0 && il_spectrum_count(s, 5) == 1 &&
                il_spectrum_count(s, 7) == 3);
    il_spectrum_free(s);

    /* E = 0.1 + 0.002 ch + 1e-5 ch^2 MeV, four exact rows: the quadratic fit reproduces them
     * to rounding (1e-9 keV). */
    s = load(DATA "good/csv_quadratic_mev.csv", IL_SPECTRUM_AUTO);
    assert_int_equal(il_spectrum_calibration(s, c), 1);
    assert_true(fabs(c[0] - 100) < 1e-9 && fabs(c[1] - 2) < 1e-9 && fabs(c[2] - 0.01) < 1e-9);
    il_spectrum_free(s);
}

static void detection(void **state)
{
    (void)state;
    assert_int_equal(il_spectrum_format_from_path("a/b.SPE"), IL_SPECTRUM_SPE);
    assert_int_equal(il_spectrum_format_from_path("x.Chn"), IL_SPECTRUM_CHN);
    assert_int_equal(il_spectrum_format_from_path("x.xml"), IL_SPECTRUM_N42);
    assert_int_equal(il_spectrum_format_from_path("x.tsv"), IL_SPECTRUM_CSV);
    assert_int_equal(il_spectrum_format_from_path("dir.d/x"), IL_SPECTRUM_AUTO);
    /* Content wins over a wrong extension. */
    const char spe[] = "$DATA:\n0 1\n4\n5\n";
    il_spectrum *s;
    assert_int_equal(il_spectrum_parse(spe, strlen(spe), "x.csv", IL_SPECTRUM_AUTO, &s, NULL),
                     IL_OK);
    assert_true(il_spectrum_count(s, 1) == 5);
    il_spectrum_free(s);
    /* A two-term $MCA_CAL with its unit, in MeV; $ENER_FIT loses to it. */
    const char spe2[] = "$DATA:\n0 1\n4\n5\n$ENER_FIT:\n9 9\n$MCA_CAL:\n2\n0.0015 0.00025 MeV\n";
    double c[3];
    assert_int_equal(il_spectrum_parse(spe2, strlen(spe2), "x.spe", IL_SPECTRUM_AUTO, &s,
                                          NULL),
                     IL_OK);
    assert_int_equal(il_spectrum_calibration(s, c), 1);
    /* MeV -> keV is a multiplication by 1000 of 6-digit decimals: equal to 1e-12 keV. */
    assert_true(fabs(c[0] - 1.5) < 1e-12 && fabs(c[1] - 0.25) < 1e-12 && c[2] == 0);
    il_spectrum_free(s);
    const char csv[] = "4\n5\n";
    assert_int_equal(il_spectrum_parse(csv, strlen(csv), NULL, IL_SPECTRUM_AUTO, &s, NULL),
                     IL_OK);
    assert_true(il_spectrum_count(s, 1) == 5);
    assert_string_equal(il_spectrum_source(s), "<memory>");
    il_spectrum_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mendocino_spe),  cmocka_unit_test(mendocino_all_formats_agree),
        cmocka_unit_test(alcatraz_chn_n42), cmocka_unit_test(spe_variants),
        cmocka_unit_test(hand_made_good), cmocka_unit_test(detection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
