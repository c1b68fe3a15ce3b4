/* Reflectivity data files: ORSO .ort and plain columns, on real instrument files (see
 * tests/probes/refl/data/measured/README.md) and on broken input. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "interlayer/refl_data.h"

static const char *measured(const char *name)
{
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s/tests/probes/refl/data/measured/%s", IL_SOURCE_DIR, name);
    return buf;
}

static void orso_example(void **state)
{
    (void)state;
    il_refl_data *d;
    il_error err;
    assert_int_equal(il_refl_data_load(measured("ORSO_data.ort"), NULL, &d, &err), IL_OK);
    assert_int_equal(il_refl_data_count(d), 1);
    const il_refl_dataset *s = il_refl_data_get(d, 0);
    assert_string_equal(s->name, "spin_up");
    assert_string_equal(s->probe, "neutron");
    assert_int_equal(s->n, 2);
    assert_true(s->q_invA[0] == 1.03563296e-02 && s->r[1] == 1.16430511e+01);
    assert_non_null(s->dr);
    assert_non_null(s->dq);
    assert_true(s->dq[0] == 5.17816478e-05 && s->dq_kind == IL_REFL_DQ_SIGMA);
    il_refl_data_free(d);
}

static void platypus_columns(void **state)
{
    (void)state;
    il_refl_data *d;
    il_error err;
    il_refl_read_opts o = {IL_REFL_DQ_FWHM}; /* Platypus gives dQ as FWHM (README) */
    assert_int_equal(il_refl_data_load(measured("c_PLP0011859_q.txt"), &o, &d, &err), IL_OK);
    const il_refl_dataset *s = il_refl_data_get(d, 0);
    assert_int_equal(s->n, 408);
    assert_true(s->q_invA[0] == 0.00806022 && s->dq[0] == 0.000331422);
    assert_true(s->dq_kind == IL_REFL_DQ_FWHM);
    il_refl_data_free(d);
    assert_int_equal(il_refl_data_load(measured("e361r.txt"), NULL, &d, &err), IL_OK);
    s = il_refl_data_get(d, 0);
    assert_int_equal(s->n, 99);
    assert_non_null(s->dr);
    assert_null(s->dq);
    il_refl_data_free(d);
}

/* Two datasets written and read back: every value exactly (17 significant digits), names,
 * FWHM converted to sigma on writing. */
static void round_trip(void **state)
{
    (void)state;
    double q[3] = {0.01, 0.02, 0.1234567890123456}, r[3] = {0.9, 1e-3, 1.2345678901234567e-7};
    double dr[3] = {0.01, 1e-4, 1e-8}, dq[3] = {1e-4, 2e-4, 1e-3};
    il_refl_dataset sets[2] = {{.name = "6Li contrast", .n = 3, .q_invA = q, .r = r, .dr = dr,
                                .dq = dq, .dq_kind = IL_REFL_DQ_SIGMA},
                               {.name = "7Li", .n = 2, .q_invA = q, .r = r, .dq = dq,
                                .dq_kind = IL_REFL_DQ_FWHM}};
    char path[] = "refl_roundtrip_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    il_error err;
    assert_int_equal(il_refl_data_write_ort(path, sets, 2, "simulated\nby a test", &err), IL_OK);
    il_refl_data *d;
    assert_int_equal(il_refl_data_load(path, NULL, &d, &err), IL_OK);
    assert_int_equal(il_refl_data_count(d), 2);
    const il_refl_dataset *a = il_refl_data_get(d, 0), *b = il_refl_data_get(d, 1);
    assert_string_equal(a->name, "6Li_contrast");
    assert_string_equal(b->name, "7Li");
    assert_int_equal(a->n, 3);
    assert_int_equal(b->n, 2);
    for (int i = 0; i < 3; i++)
        assert_true(a->q_invA[i] == q[i] && a->r[i] == r[i] && a->dr[i] == dr[i] &&
                    a->dq[i] == dq[i]);
    for (int i = 0; i < 2; i++)
        assert_true(fabs(b->dq[i] - dq[i] / IL_FWHM_PER_SIGMA) <= 1e-16 * dq[i]);
    il_refl_data_free(d);
    remove(path);
}

static void nm_units(void **state)
{
    (void)state;
    const char *t = "# # ORSO reflectivity data file | 1.0 standard | YAML encoding\n"
                    "# columns:\n# - {name: Qz, unit: 1/nm}\n# - {name: R}\n# - {error_of: R}\n"
                    "# - {error_of: Qz, value_is: FWHM}\n"
                    "0.1 0.5 0.01 0.002\n0.2 0.25 0.01 0.004\n";
    il_refl_data *d;
    assert_int_equal(il_refl_data_parse(t, strlen(t), "x.ort", NULL, &d, NULL), IL_OK);
    const il_refl_dataset *s = il_refl_data_get(d, 0);
    assert_true(fabs(s->q_invA[1] - 0.02) < 1e-17 && fabs(s->dq[1] - 0.0004) < 1e-18);
    assert_true(s->dq_kind == IL_REFL_DQ_FWHM);
    il_refl_data_free(d);
}

static void expect_error(const char *text, int line, int col, const char *fragment)
{
    il_refl_data *d = NULL;
    il_error err;
    il_status st = il_refl_data_parse(text, strlen(text), "bad.ort", NULL, &d, &err);
    char buf[1200];
    print_message("  %s\n", il_error_format(&err, buf, sizeof buf));
    assert_int_not_equal(st, IL_OK);
    assert_null(d);
    assert_string_equal(err.file, "bad.ort");
    assert_int_equal(err.line, line);
    if (col >= 0)
        assert_int_equal(err.column, col);
    assert_non_null(strstr(err.message, fragment));
}

static void broken_files(void **state)
{
    (void)state;
    expect_error("0.01 1.0 0.1\n0.02 x 0.1\n", 2, 6, "expected a number, found 'x'");
    expect_error("0.01 1.0 0.1\n0.02 0.5\n", 2, 1, "2 columns, but line 1 has 3");
    expect_error("# only comments\n", 1, 0, "no data rows");
    expect_error("0.01 1 2 3 4\n", 1, 12, "more than 4 columns");
    expect_error("0.01 nan 0.1\n", 1, 6, "expected a number, found 'nan'");
    /* hexadecimal is no number; a negative Q is a sign or column error, not data */
    expect_error("0.01 0x10 0.1\n", 1, 6, "expected a number, found '0x10'");
    expect_error("0.01 1 0.1\n-0.02 0.5 0.1\n", 2, 1, "negative Q = -0.02");
    const char *h = "# # ORSO reflectivity data file | 1.0 standard | YAML encoding\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s# columns: [\n# - {name: Qz}\n0.1 1 0.1\n", h);
    expect_error(buf, 3, -1, "malformed YAML header");
    snprintf(buf, sizeof buf, "%s# columns:\n# - {name: Qz, unit: 1/furlong}\n# - {name: R}\n"
                              "# - {error_of: R}\n0.1 1 0.1\n", h);
    expect_error(buf, 3, -1, "1/furlong");
    snprintf(buf, sizeof buf, "%s# columns:\n# - {name: Qz}\n# - {name: R}\n# - {error_of: R}\n"
                              "0.1 1 0.1\n0.2 1 0.1 0.3\n", h);
    expect_error(buf, 7, 1, "4 columns where the dataset's first row has 3");
    snprintf(buf, sizeof buf, "%s0.1 1 0.1\n# data_set: two\n", h);
    expect_error(buf, 3, 0, "last data_set has no data rows");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orso_example), cmocka_unit_test(platypus_columns),
        cmocka_unit_test(round_trip), cmocka_unit_test(nm_units), cmocka_unit_test(broken_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
