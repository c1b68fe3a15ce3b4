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
        cmocka_unit_test(bad_requests_leave_nothing),
        cmocka_unit_test(outfile_commit_and_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
