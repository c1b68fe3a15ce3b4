/* The `interlayer ndp` verbs end to end: the JSON field names issue 3 lists, the -o spectrum
 * read back by the spectrum reader, an operando series, and one clear line with a place for
 * bad input (never a crash, non-zero exit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interlayer/spectrum.h"

static char tmpdir[256];

/* Runs the CLI with args; captures stdout into *out (malloc'd) and returns the exit code. */
static int run(const char *args, char **out)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s %s 2>%s/stderr.txt", IL_CLI_PATH, args, tmpdir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += r;
        if (cap - n < 1024)
            buf = realloc(buf, cap *= 2);
    }
    buf[n] = '\0';
    int st = pclose(p);
    if (out)
        *out = buf;
    else
        free(buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *err_text(void)
{
    static char b[4096];
    char path[300];
    snprintf(path, sizeof path, "%s/stderr.txt", tmpdir);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(b, 1, sizeof b - 1, f) : 0;
    b[n] = '\0';
    if (f)
        fclose(f);
    return b;
}

static void simulate_json(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(run("ndp simulate default --json", &out), 0);
    json_error_t je;
    json_t *d = json_loads(out, 0, &je);
    assert_non_null(d);
    assert_true(json_is_array(json_object_get(d, "energy_keV")));
    assert_int_equal(json_array_size(json_object_get(d, "counts")), 1024);
    json_t *parts = json_object_get(d, "particles");
    assert_true(json_is_array(json_object_get(parts, "alpha")));
    assert_true(json_is_array(json_object_get(parts, "triton")));
    json_t *layers = json_object_get(d, "layers");
    json_t *cath = json_array_get(layers, 2);
    assert_string_equal(json_string_value(json_object_get(cath, "name")), "cathode");
    assert_true(json_real_value(json_object_get(cath, "li6_atoms_per_cm2")) > 1e17);
    assert_true(json_real_value(json_object_get(cath, "counts_alpha")) > 1e5);
    assert_true(json_is_number(json_object_get(cath, "counts_triton")));
    json_t *ins = json_object_get(d, "instrument");
    assert_true(json_real_value(json_object_get(ins, "fluence_rate_n_per_cm2_s")) == 1e9);
    assert_true(json_real_value(json_object_get(ins, "live_time_s")) == 3600);
    double f = json_real_value(json_object_get(ins, "solid_angle_fraction"));
    /* 50 mm2 at 50 mm: (1 - 50/sqrt(2500 + 50/pi)) / 2 */
    assert_true(fabs(f - 0.5 * (1 - 50 / sqrt(2500 + 50 / 3.14159265358979323846))) < 1e-9);
    json_decref(d);
    free(out);
}

static void simulate_write_invert(void **state)
{
    (void)state;
    char args[1024], *out;
    snprintf(args, sizeof args, "ndp simulate default --time 600 --seed 7 -o %s/s.spe", tmpdir);
    assert_int_equal(run(args, NULL), 0);
    char path[300];
    snprintf(path, sizeof path, "%s/s.spe", tmpdir);
    il_spectrum *sp;
    assert_int_equal(il_spectrum_load(path, IL_SPECTRUM_AUTO, &sp, NULL), IL_OK);
    assert_int_equal(il_spectrum_n_channels(sp), 1024);
    assert_true(il_spectrum_is_integer(sp));
    assert_true(il_spectrum_live_time_s(sp) == 600);
    il_spectrum_free(sp);
    snprintf(args, sizeof args, "ndp invert %s/s.spe --stack default --no-systematic --json",
             tmpdir);
    assert_int_equal(run(args, &out), 0);
    json_t *d = json_loads(out, 0, NULL);
    assert_non_null(d);
    assert_true(json_array_size(json_object_get(d, "depth_nm")) > 100);
    assert_true(json_is_array(json_object_get(d, "li_atoms_per_cm3")));
    assert_true(json_is_array(json_object_get(d, "li_atoms_per_cm3_sigma")));
    json_t *cath = json_array_get(json_object_get(d, "layers"), 2);
    double li = json_real_value(json_object_get(cath, "li_atoms_per_cm2"));
    double sg = json_real_value(json_object_get(cath, "li_atoms_per_cm2_sigma"));
    /* the default cell's cathode: 700 nm LiCoO2 at 5.05 g/cm3 = 2.175e18 Li/cm2; 1 % covers
     * counting and the regularisation of one noisy spectrum */
    assert_true(fabs(li / 2.1751e18 - 1) < 0.01);
    assert_true(sg > 0);
    json_decref(d);
    free(out);
}

static void operando_small(void **state)
{
    (void)state;
    char args[2048], *out;
    snprintf(args, sizeof args, "ndp simulate default --time 600 --seed 1 -o %s/ref.spe", tmpdir);
    assert_int_equal(run(args, NULL), 0);
    snprintf(args, sizeof args, "mkdir -p %s/ser", tmpdir);
    assert_int_equal(system(args), 0);
    snprintf(args, sizeof args, "%s/ser/index.csv", tmpdir);
    FILE *f = fopen(args, "w");
    fprintf(f, "file,time_s,live_time_s\n");
    for (int k = 1; k <= 3; k++) {
        fprintf(f, "s%d.csv,%d,600\n", k, 600 * (k - 1));
        snprintf(args, sizeof args,
                 "ndp simulate default --time 600 --seed %d -o %s/ser/s%d.csv", 10 + k, tmpdir, k);
        assert_int_equal(run(args, NULL), 0);
    }
    fclose(f);
    snprintf(args, sizeof args,
             "ndp operando %s/ser --index %s/ser/index.csv --stack default --reference "
             "%s/ref.spe -o %s/res",
             tmpdir, tmpdir, tmpdir, tmpdir);
    assert_int_equal(run(args, &out), 0);
    assert_non_null(strstr(out, "3 spectra inverted"));
    /* nothing moved: no growing interlayer anywhere */
    assert_non_null(strstr(out, "no interface accumulated Li"));
    free(out);
    const char *files[] = {"summary.json", "inventories.csv", "profiles.csv", "faraday.csv",
                           "delta_spectra.csv", "inventories.svg", "delta_li_map.svg",
                           "spectra.svg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(args, sizeof args, "%s/res/%s", tmpdir, files[i]);
        assert_int_equal(access(args, R_OK), 0);
    }
}

static void bad_input(void **state)
{
    (void)state;
    char args[1024];
    assert_int_equal(run("ndp simulate default --chanels 12", NULL), 2);
    assert_non_null(strstr(err_text(), "--chanels"));
    assert_int_equal(run("ndp simulate \"LiCoO3 1um\"", NULL), 1);
    assert_non_null(strstr(err_text(), "LiCoO2"));
    snprintf(args, sizeof args, "%s/bad.yaml", tmpdir);
    FILE *f = fopen(args, "w");
    fprintf(f, "detector:\n  gain_keV: 3\n  fwhm: twenty\n");
    fclose(f);
    snprintf(args, sizeof args, "ndp simulate default --instrument %s/bad.yaml", tmpdir);
    assert_int_equal(run(args, NULL), 1);
    assert_non_null(strstr(err_text(), "bad.yaml:3:9"));
    assert_int_equal(run("ndp simulate default --seed -3", NULL), 2);
    assert_int_equal(run("ndp invert /nonexistent.spe --stack default", NULL), 1);
    assert_non_null(strstr(err_text(), "/nonexistent.spe"));
    assert_int_equal(run("ndp frobnicate", NULL), 2);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/il_ndp_cli_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(simulate_json),
        cmocka_unit_test(simulate_write_invert),
        cmocka_unit_test(operando_small),
        cmocka_unit_test(bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
