/* The NDP reduction file reader (il_ndp_reduction_plan_parse without a base directory: the text
 * alone is judged, no spectrum is opened). Each mistake is refused at the line and column of
 * the node that holds it; a good file fills the runs and the reference options as written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/ndp_reduce_io.h"

static const char good[] = "sample:\n"
                           "  spectrum: s.csv\n"
                           "  monitor: 4.0e6\n"
                           "  live_time_s: 3600\n"
                           "  li_window_ch: [700, 950]\n"
                           "background:\n"
                           "  spectrum: b.csv\n"
                           "  monitor_spectrum: m.csv\n"
                           "  monitor_window: [10, 20]\n"
                           "reference:\n"
                           "  spectrum: r.csv\n"
                           "  monitor: 5e6\n"
                           "  monitor_sigma: 100\n"
                           "  areal_density_atoms_cm2: 1.018e15\n"
                           "  areal_density_sigma_atoms_cm2: 1.75e13\n"
                           "  window_ch: [430, 640]\n"
                           "  particles_per_capture: 2\n";

static void reads_a_good_file(void **state)
{
    (void)state;
    il_ndp_reduction_plan *p = NULL;
    il_error err;
    if (il_ndp_reduction_plan_parse(good, strlen(good), "g.yaml", NULL, &p, &err))
        fail_msg("%s", err.message);
    assert_int_equal(p->have_background, 1);
    assert_true(p->run[0].monitor_counts == 4.0e6 && p->run[0].live_time_s == 3600);
    assert_true(isnan(p->run[0].real_time_s) && isnan(p->run[0].monitor_sigma));
    assert_true(p->run[2].monitor_sigma == 100);
    assert_true(p->options.ref_areal_density_atoms_cm2 == 1.018e15);
    assert_true(p->options.ref_areal_density_sigma_atoms_cm2 == 1.75e13);
    assert_true(p->options.ref_window_lo_ch == 430 && p->options.ref_window_hi_ch == 640);
    assert_true(p->options.li_window_lo_ch == 700 && p->options.li_window_hi_ch == 950);
    assert_true(p->options.ref_particles_per_capture == 2);
    assert_true(p->monitor_window[1][0] == 10 && p->monitor_window[1][1] == 20);
    il_ndp_reduction_plan_free(p);
}

/* text with `from` replaced by `to` must fail at line:col with `msg` in the message */
static void refused(const char *from, const char *to, int line, int col, const char *msg)
{
    char text[2048];
    const char *at = strstr(good, from);
    assert_non_null(at);
    size_t head = (size_t)(at - good);
    snprintf(text, sizeof text, "%.*s%s%s", (int)head, good, to, at + strlen(from));
    il_ndp_reduction_plan *p = NULL;
    il_error err;
    if (il_ndp_reduction_plan_parse(text, strlen(text), "b.yaml", NULL, &p, &err) == IL_OK)
        fail_msg("'%s' -> '%s' accepted", from, to);
    assert_null(p);
    if (err.line != line || err.column != col || !strstr(err.message, msg))
        fail_msg("'%s' -> '%s': got %d:%d %s", from, to, err.line, err.column, err.message);
}

static void refuses_mistakes_at_their_place(void **state)
{
    (void)state;
    refused("monitor: 4.0e6", "monitor: -5", 3, 12, "expected a number > 0");
    refused("monitor: 4.0e6", "monitor: many", 3, 12, "is not a number");
    refused("live_time_s: 3600", "live_time_s: 0", 4, 16, "expected a number > 0");
    refused("li_window_ch: [700, 950]", "li_window_ch: [700.5, 950]", 5, 18, "whole numbers");
    refused("li_window_ch: [700, 950]", "li_window_ch: 700", 5, 17, "pair");
    refused("window_ch: [430, 640]", "window_ch: [640, 430]", 16, 20, "low < high");
    refused("  particles_per_capture: 2", "  particle_per_capture: 2", 17, 3, "unknown key");
    refused("background:\n", "blank:\n", 6, 1, "unknown section 'blank'");
    /* what is missing is reported at its section's name */
    refused("  monitor_window: [10, 20]\n", "", 6, 1, "go together");
    refused("  monitor: 5e6\n", "", 10, 1, "needs its monitor");
    refused("  window_ch: [430, 640]\n", "", 1, 1, "10B window");
    refused("  spectrum: r.csv\n", "", 10, 1, "names no spectrum");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_a_good_file),
        cmocka_unit_test(refuses_mistakes_at_their_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
