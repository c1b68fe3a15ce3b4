/* NDP result writers: the calibration, inversion and instrument JSON are parsed back with
 * jansson and every field ndp_io.h documents holds the value it was given (to the ten
 * significant digits the writer promises: 1e-9 relative); derived fields against their
 * definitions (mol = atoms / 6.02214076e23 exactly, SI 2019; uAh = atoms x 1.602176634e-19 C /
 * 3.6e-3 C); a NaN becomes null; the CSV has the documented header and one row per bin; the
 * simulation JSON's per-layer alpha + triton equal counts_total for LiF (6Li the only reaction)
 * and its spectra have one value per channel; its CSV has one row per channel and the columns
 * channel, energy, counts, sampled, one per particle, background; the
 * file written equals the text returned; a path in a missing folder fails with IL_ERR_IO and
 * leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interlayer/ndp_io.h"
#include "interlayer/stack.h"

static void near(json_t *doc, const char *key, double want)
{
    json_t *v = json_object_get(doc, key);
    if (!json_is_number(v))
        fail_msg("no number %s", key);
    assert_true(fabs(json_number_value(v) / want - 1) < 1e-9);
}

static void calibration_json(void **state)
{
    (void)state;
    const il_ndp_reference_calibration c = {
        {697.6081234, 928.3712345}, {2056.001, 2732.07}, 12.1953, 2.929724, 1.25, 0.00091,
        1.25e9};
    char *text;
    il_error err;
    if (il_ndp_calibration_json(&c, &text, &err))
        fail_msg("%s", err.message);
    assert_true(text[strlen(text) - 1] == '\n');
    json_error_t je;
    json_t *doc = json_loads(text, 0, &je);
    assert_non_null(doc);
    near(doc, "offset_keV", 12.1953);
    near(doc, "gain_keV_per_channel", 2.929724);
    near(doc, "alpha_edge_channel", 697.6081234);
    near(doc, "alpha_edge_keV", 2056.001);
    near(doc, "triton_edge_channel", 928.3712345);
    near(doc, "triton_edge_keV", 2732.07);
    near(doc, "fluence_solid_angle_factor", 1.25);
    near(doc, "fluence_solid_angle_factor_sigma", 0.00091);
    near(doc, "calibrated_fluence_rate_n_per_cm2_s", 1.25e9);
    assert_int_equal(json_object_size(doc), 9);
    json_decref(doc);

    char path[] = "/tmp/il_ndp_cal_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    if (il_ndp_calibration_write_json(path, &c, &err))
        fail_msg("%s", err.message);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, text);
    unlink(path);
    free(text);
    assert_int_equal(il_ndp_calibration_write_json("/nonexistent-dir/x.json", &c, &err),
                     IL_ERR_IO);
    assert_int_equal(access("/nonexistent-dir/x.json", F_OK), -1);
}

static void inversion_files(void **state)
{
    (void)state;
    il_stack *s = NULL;
    il_ndp_model *m = NULL;
    il_error err;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.geometry = IL_NDP_GEOMETRY_SOLID_ANGLE, ins.solid_angle_sr = 0.01, ins.gas[0] = '\0';
    if (il_stack_parse("LiF 200nm | Si", NULL, &s, &err) || il_ndp_model_new(s, &ins, &m, &err))
        fail_msg("%s", err.message);
    double depth[2] = {50, 150}, width[2] = {100, 100}, conc[2] = {6e22, 1e21};
    double csig[2] = {1e20, NAN}, inv[2] = {1.2e18, 0}, isig[2] = {1e16, 1e15};
    double reg[2] = {0, 0}, sys[2] = {2e16, 0}, fitted[3] = {1, 2, 3};
    size_t bl[2] = {0, 0};
    il_ndp_profile p = {.n_bins = 2, .n_layers = 2, .depth_nm = depth, .width_nm = width,
                        .conc = conc, .conc_sigma = csig, .bin_layer = bl, .li_atoms_cm2 = inv,
                        .li_atoms_cm2_sigma = isig, .li_atoms_cm2_reg = reg,
                        .li_atoms_cm2_sys = sys, .fitted = fitted, .n_channels = 3,
                        .lambda = 0.5, .chi2 = 3.25};
    char *text;
    if (il_ndp_inversion_json("tikhonov", m, &p, NULL, &ins, &text, &err))
        fail_msg("%s", err.message);
    json_t *doc = json_loads(text, 0, NULL);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "method")), "tikhonov");
    near(doc, "lambda", 0.5);
    near(doc, "chi2", 3.25);
    assert_true(json_is_null(json_array_get(json_object_get(doc, "li_atoms_per_cm3_sigma"), 1)));
    assert_int_equal(json_array_size(json_object_get(doc, "fitted_counts")), 3);
    json_t *l0 = json_array_get(json_object_get(doc, "layers"), 0);
    assert_string_equal(json_string_value(json_object_get(l0, "name")), il_stack_layer(s, 0)->name);
    near(l0, "li_mol_per_cm2", 1.2e18 / 6.02214076e23);
    near(l0, "li_uAh_per_cm2", 1.2e18 * 1.602176634e-19 / 3.6e-3);
    assert_null(json_object_get(doc, "interlayer_fit"));
    json_t *in = json_object_get(doc, "instrument");
    assert_string_equal(json_string_value(json_object_get(in, "geometry")), "solid_angle");
    near(in, "solid_angle_fraction", 0.01 / (4 * 3.14159265358979323846));
    assert_non_null(json_object_get(in, "exit_angle_deg"));
    assert_null(json_object_get(in, "detector_distance_mm"));
    assert_true(json_is_null(json_object_get(in, "gas")));
    json_decref(doc);
    free(text);

    if (il_ndp_inversion_csv(m, &p, &text, &err))
        fail_msg("%s", err.message);
    const char *head = "depth_nm,bin_width_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma\n";
    assert_memory_equal(text, head, strlen(head));
    size_t lines = 0;
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 3);
    double z, w, c0;
    assert_int_equal(sscanf(text + strlen(head), "%lf,%lf,\"%*[^\"]\",%lf", &z, &w, &c0), 3);
    assert_true(z == 50 && w == 100 && fabs(c0 / 6e22 - 1) < 1e-6);
    free(text);
    il_ndp_model_free(m);
    il_stack_free(s);
}

static void simulation_files(void **state)
{
    (void)state;
    il_stack *s = NULL;
    il_ndp_model *m = NULL;
    il_ndp_sim *sim = NULL;
    il_error err;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    if (il_stack_parse("LiF 200nm | Si", NULL, &s, &err) || il_ndp_model_new(s, &ins, &m, &err) ||
        il_ndp_simulate(m, 0, NULL, &sim, &err))
        fail_msg("%s", err.message);
    double *sampled = calloc(sim->n_channels, sizeof *sampled);
    assert_non_null(sampled);
    il_ndp_simulation_record rec = {s, m, &ins, sim, sampled, 42};
    char *text;
    if (il_ndp_simulation_json(&rec, &text, &err))
        fail_msg("%s", err.message);
    json_t *doc = json_loads(text, 0, NULL);
    assert_non_null(doc);
    assert_int_equal(json_integer_value(json_object_get(doc, "seed")), 42);
    assert_int_equal(json_array_size(json_object_get(doc, "counts")), sim->n_channels);
    assert_int_equal(json_array_size(json_object_get(doc, "counts_sampled")), sim->n_channels);
    json_t *l0 = json_array_get(json_object_get(doc, "layers"), 0);
    double a = json_number_value(json_object_get(l0, "counts_alpha"));
    double t = json_number_value(json_object_get(l0, "counts_triton"));
    near(l0, "counts_total", a + t);
    assert_true(a > 0);
    json_t *l1 = json_array_get(json_object_get(doc, "layers"), 1);
    assert_true(json_is_null(json_object_get(l1, "li_atoms_per_cm2")));
    json_t *res = json_object_get(json_object_get(doc, "depth_resolution"), "alpha");
    assert_int_equal(json_array_size(json_object_get(res, "depth_nm")), 200);
    json_decref(doc);
    free(text);

    if (il_ndp_simulation_csv(&rec, &text, &err))
        fail_msg("%s", err.message);
    size_t lines = 0, commas = 0;
    for (const char *c = text; *c && *c != '\n'; c++)
        commas += *c == ',';
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, sim->n_channels + 1);
    assert_int_equal(commas, 4 + sim->n_particles);
    assert_memory_equal(text, "channel,energy_keV,counts,counts_sampled,", 41);
    free(text);
    rec.stack = NULL;
    assert_int_equal(il_ndp_simulation_csv(&rec, &text, &err), IL_ERR_INVALID);
    free(sampled);
    il_ndp_sim_free(sim);
    il_ndp_model_free(m);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(calibration_json),
                                       cmocka_unit_test(inversion_files),
                                       cmocka_unit_test(simulation_files)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
