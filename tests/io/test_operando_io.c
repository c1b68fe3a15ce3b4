/* Operando files: the index reader, the folder reader, and the result writers, whose JSON is
 * parsed back with jansson and checked for the fields operando_io.h documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interlayer/interlayer.h"

static char tmpdir[256];

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/il_operando_io_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmp(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void free_index(char **paths, double *t, double *live, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(t);
    free(live);
}

static void index_columns_in_any_order(void **state)
{
    (void)state;
    const char *text = "# made by hand\n"
                       "time_s,live_time_s,file\r\n"
                       "\n"
                       "0,600,a.spe\n"
                       "700,,/abs/b.spe\n";
    char **paths;
    double *t, *live;
    size_t n;
    il_error err;
    /* An empty live time is not a number: an error with its place. */
    assert_int_equal(il_operando_index_parse(text, strlen(text), "idx.csv", "dir", &paths, &t,
                                             &live, &n, &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.line, 5);
    assert_int_equal(err.column, 5);
    const char *ok = "time_s,file\n0,a.spe\n700,/abs/b.spe\n";
    assert_int_equal(il_operando_index_parse(ok, strlen(ok), "idx.csv", "dir", &paths, &t, &live,
                                             &n, &err),
                     IL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(paths[0], "dir/a.spe"); /* relative to the folder */
    assert_string_equal(paths[1], "/abs/b.spe");
    assert_true(t[0] == 0 && t[1] == 700);
    assert_true(isnan(live[0]) && isnan(live[1])); /* not given: from the files later */
    free_index(paths, t, live, n);
}

static void index_errors_have_places(void **state)
{
    (void)state;
    char **paths;
    double *t, *live;
    size_t n;
    il_error err;
    const char *nohdr = "file,when\na.spe,0\n";
    assert_int_equal(il_operando_index_parse(nohdr, strlen(nohdr), "idx.csv", ".", &paths, &t,
                                             &live, &n, &err),
                     IL_ERR_PARSE);
    assert_string_equal(err.file, "idx.csv");
    assert_int_equal(err.line, 1);
    const char *bad = "file,time_s\na.spe,0\nb.spe,soon\n";
    assert_int_equal(il_operando_index_parse(bad, strlen(bad), "idx.csv", ".", &paths, &t,
                                             &live, &n, &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 7);
    const char *shortrow = "file,time_s\na.spe\n";
    assert_int_equal(il_operando_index_parse(shortrow, strlen(shortrow), "idx.csv", ".", &paths,
                                             &t, &live, &n, &err),
                     IL_ERR_PARSE);
    assert_int_equal(il_operando_index_load("/nonexistent/idx.csv", ".", &paths, &t, &live, &n,
                                            &err),
                     IL_ERR_IO);
}

static void save_spectrum(const char *name, const char *start_iso, double live_s, size_t nch)
{
    il_spectrum *sp;
    assert_int_equal(il_spectrum_new(nch, &sp, NULL), IL_OK);
    double *c = il_spectrum_counts_mut(sp);
    for (size_t i = 0; i < nch; i++)
        c[i] = (double)(i % 7);
    assert_int_equal(il_spectrum_set_times_s(sp, live_s, live_s, NULL), IL_OK);
    if (start_iso)
        assert_int_equal(il_spectrum_set_start_iso(sp, start_iso, NULL), IL_OK);
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    assert_int_equal(il_spectrum_save(sp, path, IL_SPECTRUM_AUTO, NULL), IL_OK);
    il_spectrum_free(sp);
}

static void folder_with_file_times(void **state)
{
    (void)state;
    char dir[300], ref[400], notes[400];
    snprintf(dir, sizeof dir, "%s/series", tmpdir);
    assert_int_equal(mkdir(dir, 0777), 0);
    save_spectrum("series/late.spe", "2024-01-01T01:00:00", 600, 64);
    save_spectrum("series/early.spe", "2024-01-01T00:10:00", 300, 64);
    save_spectrum("series/ref.spe", "2024-01-01T00:00:00", 600, 64);
    save_spectrum("series/.hidden.spe", "2024-01-01T00:00:00", 600, 64);
    snprintf(notes, sizeof notes, "%s/notes.txt", dir);
    FILE *f = fopen(notes, "w");
    fputs("not a spectrum\n", f);
    fclose(f);
    snprintf(ref, sizeof ref, "%s/ref.spe", dir);
    il_operando_files *fs;
    il_error err;
    assert_int_equal(il_operando_files_load(dir, NULL, ref, &fs, &err), IL_OK);
    /* the reference, the hidden file and the notes are not part of the series */
    assert_int_equal(fs->n, 2);
    assert_int_equal(fs->clock, IL_OPERANDO_CLOCK_FILES);
    assert_non_null(fs->reference.counts);
    /* 2024-01-01T00:00:00 UTC is 1704067200 s after the epoch */
    assert_true(fs->reference.time_s == 1704067200.0);
    for (size_t i = 0; i < fs->n; i++) {
        const il_operando_frame *fr = &fs->frames[i];
        assert_int_equal(fr->n_channels, 64);
        assert_int_equal(fr->source, i);
        assert_true(fr->counts[8] == 1);
        if (strstr(fr->file, "early.spe"))
            assert_true(fr->time_s == 1704067200.0 + 600 && fr->live_s == 300);
        else
            assert_true(strstr(fr->file, "late.spe") && fr->time_s == 1704067200.0 + 3600);
    }
    /* on one clock: early at 600 s after the reference's start, late at 3600 s */
    assert_int_equal(il_operando_align(fs->frames, fs->n, &fs->reference, fs->clock, &err),
                     IL_OK);
    assert_true(fs->frames[0].time_s == 600 && fs->frames[1].time_s == 3600);
    il_operando_files_free(fs);

    /* A spectrum without a start time cannot be placed without an index. */
    save_spectrum("series/nostart.spe", NULL, 600, 64);
    assert_int_equal(il_operando_files_load(dir, NULL, ref, &fs, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.file, "nostart.spe"));
    /* An empty folder says so. */
    snprintf(dir, sizeof dir, "%s/empty", tmpdir);
    assert_int_equal(mkdir(dir, 0777), 0);
    assert_int_equal(il_operando_files_load(dir, NULL, NULL, &fs, &err), IL_ERR_NOT_FOUND);
}

static size_t count_lines(const char *path, char *first, size_t size)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1 << 16];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        if (n == 0 && first) {
            size_t k = strlen(line) < size - 1 ? strlen(line) : size - 1;
            memcpy(first, line, k);
            first[k] = '\0';
        }
        n++;
    }
    fclose(f);
    return n;
}

static int exists(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, R_OK) == 0;
}

static void check_summary(const char *dir, const il_operando_result *r)
{
    char p[512];
    snprintf(p, sizeof p, "%s/summary.json", dir);
    json_error_t je;
    json_t *d = json_load_file(p, 0, &je);
    assert_non_null(d);
    assert_string_equal(json_string_value(json_object_get(d, "stack")), il_stack_name(r->stack));
    assert_int_equal(json_integer_value(json_object_get(d, "n_spectra")), 2);
    assert_true(json_is_real(json_object_get(d, "lambda")));
    assert_string_equal(json_string_value(json_object_get(d, "cathode_layer")),
                        il_ndp_model_layer_name(r->model, r->cathode_layer));
    assert_true(json_real_value(json_object_get(d, "area_cm2")) == 1.0);
    size_t nl = il_ndp_model_n_layers(r->model);
    json_t *layers = json_object_get(d, "layers");
    assert_int_equal(json_array_size(layers), nl);
    const char *lkeys[] = {"name", "reference_li_atoms_per_cm2", "final_li_atoms_per_cm2",
                           "final_li_atoms_per_cm2_sigma"};
    for (size_t k = 0; k < 4; k++)
        assert_non_null(json_object_get(json_array_get(layers, 0), lkeys[k]));
    json_t *sp = json_object_get(d, "spectra");
    assert_int_equal(json_array_size(sp), 2);
    json_t *s0 = json_array_get(sp, 0);
    assert_string_equal(json_string_value(json_object_get(s0, "file")), "first.spe");
    assert_int_equal(json_array_size(json_object_get(s0, "li_atoms_per_cm2")), nl);
    /* without a cycler record the charge side does not exist: null, not NaN */
    assert_true(json_is_null(json_object_get(s0, "voltage_V")));
    assert_true(json_is_null(json_object_get(s0, "charge_C")));
    assert_true(json_is_null(json_object_get(s0, "li_from_charge_atoms_per_cm2")));
    assert_true(json_is_null(json_object_get(s0, "faraday_ratio")));
    assert_true(json_is_real(json_object_get(s0, "li_left_cathode_atoms_per_cm2")));
    assert_true(json_is_real(json_object_get(s0, "li_left_cathode_sigma")));
    json_t *ifs = json_object_get(d, "interfaces");
    assert_int_equal(json_array_size(ifs), nl - 1);
    json_t *i0 = json_array_get(ifs, 0);
    char name[200];
    snprintf(name, sizeof name, "%s / %s", il_ndp_model_layer_name(r->model, 0),
             il_ndp_model_layer_name(r->model, 1));
    assert_string_equal(json_string_value(json_object_get(i0, "interface")), name);
    assert_true(json_is_boolean(json_object_get(i0, "growing_interlayer")));
    assert_int_equal(json_array_size(json_object_get(i0, "excess_li_atoms_per_cm2")), 2);
    assert_int_equal(json_array_size(json_object_get(i0, "excess_li_atoms_per_cm2_sigma")), 2);
    const char *ikeys[] = {"depth_nm", "first_spectrum", "first_time_s", "found_depth_nm"};
    for (size_t k = 0; k < 4; k++)
        assert_non_null(json_object_get(i0, ikeys[k]));
    json_decref(d);
}

static void writers_write_the_documented_files(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_default_cell(&s, &err), IL_OK);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_ndp_model *m;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    il_ndp_sim *sim;
    assert_int_equal(il_ndp_simulate(m, 0, NULL, &sim, &err), IL_OK);
    size_t nch = sim->n_channels;
    il_operando_frame f[2] = {{"first.spe", sim->counts, nch, 0, NAN, 0},
                              {"second.spe", sim->counts, nch, 1000, NAN, 1}};
    il_operando_result *r;
    assert_int_equal(il_operando_run(m, s, f, 2, NULL, NULL, NULL, &r, &err), IL_OK);
    char dir[300];
    snprintf(dir, sizeof dir, "%s/results", tmpdir); /* created by the writer */
    assert_int_equal(il_operando_write(dir, r, &err), IL_OK);
    check_summary(dir, r);

    char p[512], head[16384];
    size_t nl = il_ndp_model_n_layers(m);
    snprintf(p, sizeof p, "%s/inventories.csv", dir);
    assert_int_equal(count_lines(p, head, sizeof head), 3);
    assert_int_equal(strncmp(head, "spectrum,file,time_s,voltage_V,", 31), 0);
    size_t commas = 0;
    for (const char *c = head; *c; c++)
        commas += *c == ',';
    /* per layer: value, sigma, 9 sigma parts, moved with its two sigmas */
    assert_int_equal(commas, 3 + 14 * nl);
    snprintf(p, sizeof p, "%s/faraday.csv", dir);
    assert_int_equal(count_lines(p, head, sizeof head), 3);
    assert_string_equal(head, "spectrum,time_s,charge_C,li_expected_atoms_per_cm2,"
                              "li_expected_uAh_per_cm2,li_left_cathode_atoms_per_cm2,sigma,"
                              "ratio\n");
    snprintf(p, sizeof p, "%s/profiles.csv", dir);
    assert_int_equal(count_lines(p, NULL, 0), 1 + 2 * r->series->n_bins);
    snprintf(p, sizeof p, "%s/delta_spectra.csv", dir);
    assert_int_equal(count_lines(p, head, sizeof head), 1 + nch);
    assert_string_equal(head, "channel,energy_keV,spectrum_1,spectrum_2\n");
    assert_true(exists(dir, "inventories.svg"));
    assert_true(exists(dir, "delta_li_map.svg"));
    assert_true(exists(dir, "spectra.svg"));
    assert_false(exists(dir, "voltage.svg")); /* no cycler record */

    il_operando_result_free(r);
    il_ndp_sim_free(sim);
    il_ndp_model_free(m);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(index_columns_in_any_order),
        cmocka_unit_test(index_errors_have_places),
        cmocka_unit_test(folder_with_file_times),
        cmocka_unit_test(writers_write_the_documented_files),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
