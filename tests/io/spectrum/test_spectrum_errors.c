/* Broken, truncated and hostile files (tests/io/spectrum/data/broken/): each gives an error code,
 * the file name, the line for text formats, and a message that names the defect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "interlayer/interlayer.h"

#define BROKEN IL_SOURCE_DIR "/tests/io/spectrum/data/broken/"

typedef struct {
    const char *file;
    il_status code;
    int line;         /* expected line, 0 = no line (binary or whole-file problem) */
    const char *text; /* a phrase the message must contain */
} bad_case;

static void check(const bad_case *c)
{
    char path[512], buf[1200];
    snprintf(path, sizeof path, BROKEN "%s", c->file);
    il_spectrum *s = (il_spectrum *)&s; /* must be set to NULL on failure */
    il_error err;
    il_status st = il_spectrum_load(path, IL_SPECTRUM_AUTO, &s, &err);
    print_message("%-28s -> %s\n", c->file, il_error_format(&err, buf, sizeof buf));
    assert_int_equal(st, c->code);
    assert_null(s);
    assert_int_equal(err.code, c->code);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, c->line);
    if (!strstr(err.message, c->text))
        fail_msg("%s: message '%s' lacks '%s'", c->file, err.message, c->text);
}

static void spe(void **state)
{
    (void)state;
    const bad_case cases[] = {
        {"spe_no_data.Spe", IL_ERR_PARSE, 0, "no $DATA section"},
        {"spe_range_short.Spe", IL_ERR_PARSE, 14,
         "$DATA (line 5) announces channels 0..9, 10 counts, but only 7 follow"},
        {"spe_range_long.Spe", IL_ERR_PARSE, 9, "more counts than $DATA (line 3)"},
        {"spe_negative.Spe", IL_ERR_RANGE, 7, "'-5' in channel 2 is negative"},
        {"spe_nan.Spe", IL_ERR_PARSE, 6, "'nan' is not a number"},
        {"spe_text_count.Spe", IL_ERR_PARSE, 7, "'12a' is not a number"},
        {"spe_huge_range.Spe", IL_ERR_RANGE, 4, "$DATA range 0 99999999"},
        {"spe_huge_count.Spe", IL_ERR_RANGE, 6, "above 2^53"},
        {"spe_bad_meas_tim.Spe", IL_ERR_PARSE, 4, "expected 2 numbers, found 1"},
        {"spe_live_gt_real.Spe", IL_ERR_RANGE, 4, "live <= real"},
        {"spe_bad_date.Spe", IL_ERR_PARSE, 4, "'13/45/2013 10:30:10'"},
        {"spe_reversed_range.Spe", IL_ERR_RANGE, 2, "first <= last"},
        {"spe_junk_before.Spe", IL_ERR_PARSE, 1, "expected a $SECTION"},
        {"spe_data_no_range.Spe", IL_ERR_PARSE, 3, "no 'first last' channel range"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i]);
}

static void chn(void **state)
{
    (void)state;
    const bad_case cases[] = {
        {"chn_truncated_header.Chn", IL_ERR_PARSE, 0, "20 bytes, shorter than the 32-byte"},
        {"chn_truncated_data.Chn", IL_ERR_PARSE, 0,
         "announces 8192 channels (32800 bytes with the header) but the file has 4000"},
        {"chn_bad_type.Chn", IL_ERR_PARSE, 0, "first word is 1, expected -1"},
        {"chn_bad_trailer.Chn", IL_ERR_PARSE, 0, "unknown .Chn trailer tag -7 at byte 32800"},
        {"chn_live_gt_real.Chn", IL_ERR_INVALID, 0, "exceeds real time"},
        {"chn_nan_calibration.Chn", IL_ERR_PARSE, 0, "is not finite"},
        {"chn_truncated_trailer.Chn", IL_ERR_PARSE, 0, "calibration needs 16"},
        {"chn_zero_channels.Chn", IL_ERR_PARSE, 0, "0 channels"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i]);
}

static void n42(void **state)
{
    (void)state;
    const bad_case cases[] = {
        {"n42_truncated.n42", IL_ERR_PARSE, 42, "not well-formed XML: Premature end of data"},
        {"n42_not_n42.xml", IL_ERR_PARSE, 2, "not an N42 file: root element <html>"},
        {"n42_doctype.n42", IL_ERR_PARSE, 2, "DOCTYPE is not allowed"},
        {"n42_bad_duration.n42", IL_ERR_PARSE, 11, "<LiveTimeDuration> '10 seconds'"},
        {"n42_bad_counts.n42", IL_ERR_PARSE, 12, "value 3 'x' is not a number"},
        {"n42_negative.n42", IL_ERR_PARSE, 12, "value 3 '-4' is negative"},
        {"n42_nan.n42", IL_ERR_PARSE, 12, "'NaN' is not a number"},
        {"n42_zero_run_huge.n42", IL_ERR_PARSE, 12, "zero-run length '99999999999'"},
        {"n42_zero_run_end.n42", IL_ERR_PARSE, 12, "end with a 0 but no run length"},
        {"n42_bad_compression.n42", IL_ERR_PARSE, 12, "compression 'zip'"},
        {"n42_cubic.n42", IL_ERR_RANGE, 4, "order 3"},
        {"n42_live_gt_real.n42", IL_ERR_INVALID, 10, "exceeds real time"},
        {"n42_bad_ref.n42", IL_ERR_PARSE, 10, "'EC9' names no <EnergyCalibration>"},
        {"n42_years.n42", IL_ERR_PARSE, 9, "'P1Y'"},
        {"n42_empty_data.n42", IL_ERR_PARSE, 12, "no channels"},
        {"n42_no_spectrum.n42", IL_ERR_PARSE, 2, "no <Spectrum> with <ChannelData>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i]);
}

static void csv(void **state)
{
    (void)state;
    const bad_case cases[] = {
        {"csv_text.csv", IL_ERR_PARSE, 1, "'abc' is not a number"},
        {"csv_ragged.csv", IL_ERR_PARSE, 3, "3 field(s) where the file has 2 columns"},
        {"csv_negative.csv", IL_ERR_RANGE, 3, "'-2' is negative"},
        {"csv_nan.tsv", IL_ERR_PARSE, 2, "'NaN' is not a number"},
        {"csv_nonpoly_energy.csv", IL_ERR_PARSE, 2, "not a polynomial of degree <= 2"},
        {"csv_four_cols.csv", IL_ERR_PARSE, 1, "a spectrum has 1 to 3"},
        {"csv_channels_decrease.csv", IL_ERR_PARSE, 4, "channels must increase"},
        {"csv_header_only.csv", IL_ERR_PARSE, 0, "a header but no data rows"},
        {"csv_channel_too_big.csv", IL_ERR_RANGE, 3, "channel '1048576'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check(&cases[i]);
}

static void memory_and_args(void **state)
{
    (void)state;
    il_spectrum *s;
    il_error err;
    assert_int_equal(il_spectrum_parse("", 0, "empty.Spe", IL_SPECTRUM_AUTO, &s, &err),
                     IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "empty file"));
    assert_string_equal(err.file, "empty.Spe");
    assert_int_equal(il_spectrum_load(IL_SOURCE_DIR "/tests/io/spectrum/data/nonexistent.Spe",
                                      IL_SPECTRUM_AUTO, &s, &err),
                     IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "cannot open"));
    /* A NUL byte inside a count is not a number, not the end of the string. */
    const char nul[] = "$DATA:\n0 1\n1\n2\0003\n";
    assert_int_equal(il_spectrum_parse(nul, sizeof nul - 1, "nul.Spe", IL_SPECTRUM_SPE, &s,
                                          &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.line, 4);
    /* Errors with err == NULL must not crash. */
    assert_int_equal(il_spectrum_parse("x", 1, NULL, IL_SPECTRUM_N42, &s, NULL), IL_ERR_PARSE);
    assert_int_equal(il_spectrum_parse("\xff\xff", 2, NULL, IL_SPECTRUM_AUTO, &s, NULL),
                     IL_ERR_PARSE);
    /* Setters refuse nonsense. */
    assert_int_equal(il_spectrum_new(0, &s, &err), IL_ERR_RANGE);
    assert_int_equal(il_spectrum_new(IL_SPECTRUM_MAX_CHANNELS + 1, &s, &err), IL_ERR_RANGE);
    assert_int_equal(il_spectrum_new(4, &s, &err), IL_OK);
    assert_int_equal(il_spectrum_set_times_s(s, 10, 5, &err), IL_ERR_INVALID);
    assert_int_equal(il_spectrum_set_times_s(s, -1, 5, &err), IL_ERR_INVALID);
    assert_int_equal(il_spectrum_set_calibration(s, 1, 0, 0, &err), IL_ERR_INVALID);
    assert_int_equal(il_spectrum_set_start_iso(s, "2020-02-30T00:00:00", &err), IL_ERR_PARSE);
    assert_int_equal(il_spectrum_set_start_iso(s, "yesterday", &err), IL_ERR_PARSE);
    time_t t;
    assert_int_equal(il_spectrum_start_time(s, &t, &err), IL_ERR_NOT_FOUND);
    assert_int_equal(il_spectrum_save(s, "/nonexistent-dir/x.csv", IL_SPECTRUM_AUTO, &err),
                     IL_ERR_IO);
    assert_int_equal(il_spectrum_save(s, "x.unknown", IL_SPECTRUM_AUTO, &err), IL_ERR_INVALID);
    assert_int_equal(il_spectrum_save(s, "x.chn", IL_SPECTRUM_AUTO, &err), IL_ERR_INVALID);
    il_spectrum_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spe), cmocka_unit_test(chn), cmocka_unit_test(n42),
        cmocka_unit_test(csv), cmocka_unit_test(memory_and_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
