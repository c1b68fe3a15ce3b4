/* Plots and whole-or-nothing output files: a plot is a real SVG/PNG file, a bad request leaves
 * nothing behind, and a committed outfile holds exactly what was written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <unistd.h>

#include "interlayer/outfile.h"
#include "interlayer/plot.h"

static size_t read_head(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(buf, 1, n - 1, f);
    buf[got] = '\0';
    fclose(f);
    return got;
}

/* Occurrences of `needle` in a file (whole file read). */
static size_t count_in_file(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    static char buf[1 << 22];
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[got] = '\0';
    size_t n = 0;
    for (const char *p = buf; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* With more series than colours the palette starts again, and the 8th curve would be the 1st's
 * twin: it must be dashed. The 1st and 8th share the first series colour (0, 114, 178); drawn
 * solid, both lines and both legend keys are 4 strokes of it; dashed, the 8th alone is dozens of
 * dash strokes. A plot of 7 series keeps 2 strokes of it (no dashes where colours suffice). */
static void eighth_series_is_dashed(void **state)
{
    (void)state;
    double x[2] = {0, 100}, y[8][2];
    il_plot_series s[8];
    char lab[8][8];
    for (int k = 0; k < 8; k++) {
        y[k][0] = y[k][1] = k + 1;
        snprintf(lab[k], sizeof lab[k], "s%d", k + 1);
        s[k] = (il_plot_series){x, y[k], NULL, 2, lab[k], IL_PLOT_LINE};
    }
    il_plot_axes a = {"palette", "depth (nm)", "value", 0, 0};
    const char *first = "stroke:rgb(0%,44.705882%,69.803922%)";
    assert_int_equal(il_plot_xy("plot_dash7.svg", &a, s, 7, NULL), IL_OK);
    assert_int_equal(count_in_file("plot_dash7.svg", first), 2);
    assert_int_equal(il_plot_xy("plot_dash8.svg", &a, s, 8, NULL), IL_OK);
    assert_true(count_in_file("plot_dash8.svg", first) > 12);
    remove("plot_dash7.svg");
    remove("plot_dash8.svg");
}

static void svg_and_png(void **state)
{
    (void)state;
    double x[50], y[50];
    for (int i = 0; i < 50; i++) {
        x[i] = i * 10.0;
        y[i] = 2000.0 - i * i;
    }
    il_plot_series s = {x, y, NULL, 50, "alpha", IL_PLOT_LINE};
    il_plot_axes a = {"test", "depth (nm)", "energy (keV)", 0, 0};
    char head[64];
    remove("plot_test.svg");
    assert_int_equal(il_plot_xy("plot_test.svg", &a, &s, 1, NULL), IL_OK);
    assert_true(read_head("plot_test.svg", head, sizeof head) > 10);
    assert_non_null(strstr(head, "<?xml"));
    assert_int_equal(il_plot_xy("plot_test.png", &a, &s, 1, NULL), IL_OK);
    assert_true(read_head("plot_test.png", head, sizeof head) > 8);
    assert_memory_equal(head + 1, "PNG", 3);
    double z[4] = {-1, 0, 1, 2}, t[2] = {0, 60};
    assert_int_equal(il_plot_map("map_test.png", &a, x, 2, t, 2, z, "dLi", NULL), IL_OK);
    assert_true(read_head("map_test.png", head, sizeof head) > 8);
}

static void bad_requests_leave_nothing(void **state)
{
    (void)state;
    double x[2] = {1, 2}, y[2] = {NAN, NAN};
    il_plot_series s = {x, y, NULL, 2, NULL, IL_PLOT_LINE};
    il_plot_axes a = {0};
    il_error err;
    remove("plot_bad.svg");
    assert_int_equal(il_plot_xy("plot_bad.svg", &a, &s, 1, &err), IL_ERR_INVALID);
    assert_int_equal(access("plot_bad.svg", F_OK), -1);
    y[0] = 1;
    assert_int_equal(il_plot_xy("plot_bad.jpg2", &a, &s, 1, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "extension"));
}

static void outfile_commit_and_abort(void **state)
{
    (void)state;
    il_outfile *f;
    char buf[64];
    remove("out_test.txt");
    assert_int_equal(il_outfile_open("out_test.txt", &f, NULL), IL_OK);
    fputs("hello\n", il_outfile_stream(f));
    assert_int_equal(access("out_test.txt", F_OK), -1); /* not there until committed */
    assert_int_equal(il_outfile_commit(f, NULL), IL_OK);
    read_head("out_test.txt", buf, sizeof buf);
    assert_string_equal(buf, "hello\n");
    assert_int_equal(il_outfile_open("out_test.txt", &f, NULL), IL_OK);
    fputs("half", il_outfile_stream(f));
    il_outfile_abort(f);
    read_head("out_test.txt", buf, sizeof buf);
    assert_string_equal(buf, "hello\n"); /* the old result survives an aborted rewrite */
    il_error err;
    assert_int_equal(il_outfile_open("/nonexistent-dir/x.txt", &f, &err), IL_ERR_IO);
    assert_string_equal(err.file, "/nonexistent-dir/x.txt");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(svg_and_png),
        cmocka_unit_test(eighth_series_is_dashed),
        cmocka_unit_test(bad_requests_leave_nothing),
        cmocka_unit_test(outfile_commit_and_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
