/* The R33 reader on the three published files of data/iba (values read back against the files'
 * own rows), on the column orders and units, and on bad input (file:line:column, the value, what
 * was expected); and the exact slab average of a tabulated sigma against integrals worked out
 * by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "interlayer/r33.h"

#ifndef IL_SOURCE_DIR
#define IL_SOURCE_DIR "."
#endif

static il_r33 *load(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/iba/%s", IL_SOURCE_DIR, file);
    il_r33 *r = NULL;
    il_error err;
    if (il_r33_load(path, &r, &err) != IL_OK)
        fail_msg("%s: %s", path, err.message);
    return r;
}

static void files(void **state)
{
    (void)state;
    il_r33 *r = load("li7pa0n.r33");
    assert_int_equal(il_r33_count(r), 1);
    const il_sigma_table *t = il_r33_table(r, 0);
    const il_sigma_info *in = il_sigma_table_info(t);
    assert_int_equal(in->unit, IL_SIGMA_MB_SR);
    assert_int_equal(in->Z[0], 1);
    assert_int_equal(in->Z[1], 3);
    assert_int_equal(in->Z[2], 2);
    assert_true(fabs(in->Q_keV - 17346.82) < 1e-9);
    assert_true(fabs(in->theta_deg - 160.0) < 1e-12);
    /* rows "1498.000, 3.000, 2.210, 0.090" and "1598.000, 3.000, 2.490" */
    assert_true(fabs(il_sigma_table_eval(t, 1498.0) - 2.21) < 1e-12);
    assert_true(fabs(il_sigma_table_eval(t, 1548.0) - 2.35) < 1e-12);
    il_r33_free(r);

    r = load("sigmacalc_16O_alpha_alpha_16O_160deg.r33");
    t = il_r33_table(r, 0);
    assert_int_equal(il_sigma_table_info(t)->unit, IL_SIGMA_RATIO);
    assert_true(fabs(il_sigma_table_eval(t, 1769.0) - 1.006) < 1e-12);
    /* outside a ratio table: Rutherford */
    assert_true(il_sigma_table_eval(t, 1000.0) == 1.0);
    il_r33_free(r);

    r = load("non_rutherford_accuracy.r33");
    t = il_r33_table(r, 0);
    assert_true(il_sigma_table_eval(t, 2949.0) == 0.0);
    assert_true(il_sigma_table_eval(t, 3000.0) == 100.0);
    il_r33_free(r);
}

static const char two_blocks[] =
    "Comment: two blocks, second in another column order\n"
    " continued comment\n"
    "Reaction: 12C(p,p0)12C\nZeds: 1, 6, 1, 6\nMasses: 1, 12, 1, 12\nTheta: 170\nUnits: mb\n"
    "Data:\n1000 0 10 1\n2000 0 20 1\nEndData:\n"
    "Units: rr\nColumns: E sigma dE dsigma\nEnfactors: 1000, 0, 0, 0\n"
    "Data:\n1.0, 1.5, 0, 0\n2.0 2.5 0 0\nEndData:\n";

static void blocks_and_columns(void **state)
{
    (void)state;
    il_r33 *r;
    il_error err;
    assert_int_equal(il_r33_parse(two_blocks, strlen(two_blocks), "t.r33", &r, &err), IL_OK);
    assert_int_equal(il_r33_count(r), 2);
    assert_true(fabs(il_sigma_table_eval(il_r33_table(r, 0), 1500.0) - 15.0) < 1e-12);
    const il_sigma_table *t = il_r33_table(r, 1);
    assert_int_equal(il_sigma_table_info(t)->unit, IL_SIGMA_RATIO);
    assert_int_equal(il_sigma_table_info(t)->Z[1], 6); /* carried over */
    assert_true(fabs(il_sigma_table_eval(t, 1500.0) - 2.0) < 1e-12);
    il_r33_free(r);
}

static void expect_error(const char *text, int line, int col, const char *what)
{
    il_r33 *r = NULL;
    il_error err;
    assert_int_not_equal(il_r33_parse(text, strlen(text), "bad.r33", &r, &err), IL_OK);
    assert_null(r);
    assert_string_equal(err.file, "bad.r33");
    if (err.line != line || (col && err.column != col) || !strstr(err.message, what))
        fail_msg("got %d:%d %s; want %d:%d ...%s...", err.line, err.column, err.message, line,
                 col, what);
}

static void bad_input(void **state)
{
    (void)state;
    expect_error("Units: mbarn\nData:\n1 0 1 0\n2 0 1 0\nEndData:\n", 1, 8, "expected mb");
    expect_error("Units: mb\nData:\n1 0 1 0\n2 0 x 0\nEndData:\n", 4, 5, "expected numbers");
    expect_error("Units: mb\nData:\n2 0 1 0\n1 0 1 0\nEndData:\n", 4, 1, "ascending");
    expect_error("Units: mb\nData:\n1 0 1 0\n2 0 1 0\n", 2, 1, "not closed");
    expect_error("Units: mb\n", 1, 1, "no Data");
    expect_error("just words\n", 1, 1, "Key: value");
    expect_error("Theta: 200\nData:\n1 0 1 0\n2 0 1 0\nEndData:\n", 1, 8, "0..180");
    expect_error("Units: mb\nData:\n1 0 -1 0\n2 0 1 0\nEndData:\n", 3, 1, ">= 0");
}

/* A ramp sigma = E - 1000 on [1000, 2000] (mb, 0 outside):
 * mean over [1200, 1400] = 300 (linear), by hand; with a Gaussian of s = 20 keV (10 s from the
 * ends) the mean of a linear function is unchanged (300). Near the step at 2000 (down to 0):
 * mean over [1900, 2100], s = 0: (1/200) * integral_1900^2000 (E - 1000) dE = 950 * 100 / 200
 * = 475. The smeared point value at the 2000 keV step with s: E[sigma] = integral of
 * (E - 1000) over the lower half of the Gaussian = 1000 * 0.5 - s / sqrt(2 pi). */
static void slab_means(void **state)
{
    (void)state;
    il_sigma_info in = {.unit = IL_SIGMA_MB_SR};
    double E[] = {1000.0, 2000.0}, S[] = {0.0, 1000.0};
    il_sigma_table *t;
    assert_int_equal(il_sigma_table_new(&in, E, S, 2, &t, NULL), IL_OK);
    assert_true(fabs(il_sigma_table_mean(t, 1200.0, 1400.0, 0.0) - 300.0) < 1e-9);
    assert_true(fabs(il_sigma_table_mean(t, 1400.0, 1200.0, 20.0) - 300.0) < 1e-9);
    assert_true(fabs(il_sigma_table_mean(t, 1900.0, 2100.0, 0.0) - 475.0) < 1e-6);
    double s = 10.0;
    double want = 1000.0 * 0.5 - s / sqrt(2.0 * 3.14159265358979323846);
    assert_true(fabs(il_sigma_table_mean(t, 2000.0, 2000.0, s) - want) < 1e-3);
    il_sigma_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(files),
        cmocka_unit_test(blocks_and_columns),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(slab_means),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
