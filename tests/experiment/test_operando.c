/* The operando experiment as a library: frames put on one clock, the cathode chosen from the
 * stack, and a run whose Faraday balance and scaling are checked against numbers worked out by
 * hand (charge = current x time, Li = charge / e / area), not against earlier output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"

static il_operando_frame frame(const char *file, double t, double live)
{
    il_operando_frame f = {file, NULL, 0, t, live, 0};
    return f;
}

static void align_file_clock_uses_reference_start(void **state)
{
    (void)state;
    /* Absolute start times (epoch seconds), found out of order. */
    il_operando_frame f[3] = {frame("c.spe", 1000003600, 600), frame("a.spe", 1000001200, 600),
                              frame("b.spe", 1000002400, 600)};
    il_operando_frame ref = frame("ref.spe", 1000000000, 600);
    assert_int_equal(il_operando_align(f, 3, &ref, IL_OPERANDO_CLOCK_FILES, NULL), IL_OK);
    /* t = 0 at the reference's start; frames in time order */
    assert_string_equal(f[0].file, "a.spe");
    assert_string_equal(f[1].file, "b.spe");
    assert_string_equal(f[2].file, "c.spe");
    assert_true(f[0].time_s == 1200 && f[1].time_s == 2400 && f[2].time_s == 3600);
    assert_true(ref.time_s == 0);
}

static void align_file_clock_without_reference_start(void **state)
{
    (void)state;
    il_operando_frame f[2] = {frame("b.spe", 5000, 10), frame("a.spe", 4000, 10)};
    il_operando_frame ref = frame("ref.spe", NAN, 10); /* the reference file has no start */
    assert_int_equal(il_operando_align(f, 2, &ref, IL_OPERANDO_CLOCK_FILES, NULL), IL_OK);
    /* the earliest spectrum starts the clock */
    assert_true(f[0].time_s == 0 && f[1].time_s == 1000);
    assert_true(ref.time_s == 0);
    /* no reference at all: the same */
    il_operando_frame g[2] = {frame("b.spe", 5000, 10), frame("a.spe", 4000, 10)};
    assert_int_equal(il_operando_align(g, 2, NULL, IL_OPERANDO_CLOCK_FILES, NULL), IL_OK);
    assert_true(g[0].time_s == 0 && g[1].time_s == 1000);
}

static void align_file_clock_needs_every_time(void **state)
{
    (void)state;
    il_operando_frame f[2] = {frame("a.spe", 10, 1), frame("nostart.spe", NAN, 1)};
    il_error err;
    assert_int_equal(il_operando_align(f, 2, NULL, IL_OPERANDO_CLOCK_FILES, &err),
                     IL_ERR_INVALID);
    assert_string_equal(err.file, "nostart.spe");
}

static void align_index_clock_keeps_times(void **state)
{
    (void)state;
    /* Equal times: the file name orders them. */
    il_operando_frame f[3] = {frame("z.csv", 600, 600), frame("y.csv", 0, 600),
                              frame("x.csv", 600, 600)};
    il_operando_frame ref = frame("ref.spe", 123, 600);
    assert_int_equal(il_operando_align(f, 3, &ref, IL_OPERANDO_CLOCK_INDEX, NULL), IL_OK);
    assert_string_equal(f[0].file, "y.csv");
    assert_string_equal(f[1].file, "x.csv");
    assert_string_equal(f[2].file, "z.csv");
    assert_true(f[0].time_s == 0 && f[1].time_s == 600 && f[2].time_s == 600);
    /* the reference ends at t = 0 on the cycler's clock: no start time */
    assert_true(isnan(ref.time_s));
}

static void channel_check_names_the_odd_one(void **state)
{
    (void)state;
    il_operando_frame f[2] = {frame("a.spe", 0, 1), frame("b.spe", 1, 1)};
    f[0].n_channels = 1024;
    f[1].n_channels = 512;
    il_error err;
    assert_int_equal(il_operando_check_channels(f, 2, 1024, &err), IL_ERR_INVALID);
    assert_string_equal(err.file, "b.spe");
    assert_int_equal(il_operando_check_channels(f, 1, 1024, NULL), IL_OK);
}

static size_t cathode_of(const char *inline_stack)
{
    il_stack *s;
    assert_int_equal(il_stack_parse(inline_stack, NULL, &s, NULL), IL_OK);
    size_t c = il_operando_cathode(s);
    il_stack_free(s);
    return c;
}

static void cathode_choice(void **state)
{
    (void)state;
    /* Co without Li is no cathode; Li3PO4 holds more Li (1 um x 3 Li) than the 500 nm of
     * LiCoO2, but the Li transition-metal oxide is the cathode. */
    assert_int_equal(cathode_of("Pt 50nm | Co 100nm | Li3PO4 1um | LiCoO2 500nm | Si"), 3);
    /* Any of Mn, Fe, Co, Ni. */
    assert_int_equal(cathode_of("Pt 50nm | LiMn2O4 1um density=4.3 | Si"), 1);
    assert_int_equal(cathode_of("Pt 50nm | LiNiO2 1um density=4.8 | Si"), 1);
    /* No such layer: the finite layer with the most Li (the thicker of two equal ones). */
    assert_int_equal(cathode_of("Si 100nm | Li3PO4 50nm | Li3PO4 2um | Si"), 2);
}

/* One run on the default cell: a reference, then two spectra equal to it taken at half its
 * live time, and a cycler passing a constant current from t = 0. */
static void run_faraday_and_scaling(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_default_cell(&s, &err), IL_OK);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_ndp_model *m;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    il_ndp_sim *sim;
    assert_int_equal(il_ndp_simulate(m, 0, NULL, &sim, &err), IL_OK);
    size_t nch = sim->n_channels;
    double *half = malloc(nch * sizeof *half);
    for (size_t c = 0; c < nch; c++)
        half[c] = 0.5 * sim->counts[c]; /* the same cell measured for 300 s */

    const double I = 1e-4, area = 2.0; /* A, cm2 */
    il_ndp_cycler *cy;
    const char *rec = "Test Time / s,Voltage / V,Current / A\n"
                      "0,3.9,1e-4\n3600,4.2,1e-4\n";
    assert_int_equal(il_ndp_cycler_parse(rec, strlen(rec), "rec.csv", &cy, &err), IL_OK);

    il_operando_frame f[2] = {{"s1.csv", half, nch, 0, 300, 0},
                              {"s2.csv", half, nch, 1800, 300, 1}};
    il_operando_frame ref = {"ref.spe", sim->counts, nch, NAN, 600, 0};
    assert_int_equal(il_operando_align(f, 2, &ref, IL_OPERANDO_CLOCK_INDEX, &err), IL_OK);
    il_operando_options opt;
    il_operando_options_default(&opt);
    opt.area_cm2 = area;
    il_operando_result *r;
    assert_int_equal(il_operando_run(m, s, f, 2, &ref, cy, &opt, &r, &err), IL_OK);

    /* The default cell's cathode is its LiCoO2 (layer 3). */
    assert_int_equal(r->cathode_layer, 2);
    assert_string_equal(il_stack_layer(s, r->cathode_layer)->material, "LiCoO2");
    /* Middles of the acquisitions: 150 s and 1950 s. The reference (600 s) ends at t = 0, so
     * its middle is at -300 s; the cycler counts no current before t = 0. */
    assert_true(fabs(r->series->mid_time_s[0] - 150) < 1e-9);
    assert_true(fabs(r->series->mid_time_s[1] - 1950) < 1e-9);
    const double e = 1.602176634e-19;
    for (size_t i = 0; i < 2; i++) {
        double q = I * r->series->mid_time_s[i];
        const il_ndp_faraday *fd = &r->series->faraday[i];
        assert_true(fabs(fd->charge_C - q) < 1e-12 * q + 1e-15);
        assert_true(fabs(fd->li_expected_atoms_cm2 / (q / e / area) - 1) < 1e-12);
        assert_true(fabs(fd->li_expected_uAh_cm2 / (q / 3.6e-3 / area) - 1) < 1e-12);
    }
    /* Voltage on the record's line: 3.9 V + 0.3 V x t / 3600 s. */
    assert_true(fabs(r->series->voltage_V[1] - (3.9 + 0.3 * 1950 / 3600)) < 1e-9);
    /* Nothing changed in the cell: no Li left the cathode beyond a few sigma. */
    const il_ndp_faraday *last = &r->series->faraday[1];
    assert_true(fabs(last->li_measured_atoms_cm2) < 5 * last->li_measured_sigma_atoms_cm2 + 1e15);
    /* The last spectrum, scaled to the instrument's 600 s, is the full-time expectation. */
    assert_non_null(r->last_model);
    assert_non_null(r->last_counts);
    for (size_t c = 0; c < nch; c++)
        assert_true(fabs(r->last_counts[c] - sim->counts[c]) <= 1e-9 * (1 + sim->counts[c]));

    il_operando_result_free(r);
    il_ndp_cycler_free(cy);
    il_ndp_sim_free(sim);
    free(half);
    il_ndp_model_free(m);
    il_stack_free(s);
}

static void run_rejects_bad_cathode(void **state)
{
    (void)state;
    il_stack *s;
    assert_int_equal(il_stack_default_cell(&s, NULL), IL_OK);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_ndp_model *m;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, NULL), IL_OK);
    double counts[4] = {0};
    il_operando_frame f = {"a", counts, 4, 0, 1, 0};
    il_operando_options opt;
    il_operando_options_default(&opt);
    opt.cathode_layer = il_stack_count(s);
    il_operando_result *r = NULL;
    il_error err;
    assert_int_equal(il_operando_run(m, s, &f, 1, NULL, NULL, &opt, &r, &err), IL_ERR_INVALID);
    assert_null(r);
    assert_int_equal(il_operando_run(m, s, &f, 0, NULL, NULL, &opt, &r, &err), IL_ERR_INVALID);
    il_ndp_model_free(m);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(align_file_clock_uses_reference_start),
        cmocka_unit_test(align_file_clock_without_reference_start),
        cmocka_unit_test(align_file_clock_needs_every_time),
        cmocka_unit_test(align_index_clock_keeps_times),
        cmocka_unit_test(channel_check_names_the_odd_one),
        cmocka_unit_test(cathode_choice),
        cmocka_unit_test(run_faraday_and_scaling),
        cmocka_unit_test(run_rejects_bad_cathode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
