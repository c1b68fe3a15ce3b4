/* The refl verbs of the command-line program, run as a user would (exit codes, output). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

/* Runs a command line, captures stdout into buf; returns the exit status. */
static int run(const char *args, char *buf, size_t size)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>/dev/null", IL_CLI_PATH, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t n = fread(buf, 1, size - 1, p);
    buf[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void validate(void **state)
{
    (void)state;
    static char out[1 << 16];
    assert_int_equal(run("refl validate", out, sizeof out), 0);
    assert_non_null(strstr(out, "pass"));
    assert_null(strstr(out, "FAIL"));
    assert_int_equal(run("refl validate --json", out, sizeof out), 0);
    assert_non_null(strstr(out, "\"worst_relative_error\""));
}

/* sld --json: per layer name, sld_real, sld_imag (1e-6 Å⁻²); Si = 2.0737 (hand value in
 * test_scattering.c) printed to 10 digits. A stack works as well as an ORSO model. */
static void sld_json(void **state)
{
    (void)state;
    static char out[1 << 16];
    assert_int_equal(run("refl sld 'air | LiNbO3 200 5 density=4.65 li6=1 | Si 0 3' --json", out,
                         sizeof out),
                     0);
    assert_non_null(strstr(out, "\"name\": \"LiNbO3\""));
    assert_non_null(strstr(out, "\"sld_real\": 5.045"));
    assert_non_null(strstr(out, "\"sld_imag\": 0.0498"));
    assert_non_null(strstr(out, "\"sld_real\": 2.0737"));
    assert_int_equal(run("refl sld 'LiNbO3 20nm density=4.65 li6=1 | Si' --json", out, sizeof out),
                     0);
    assert_non_null(strstr(out, "\"sld_real\": 5.045"));
    assert_int_equal(run("refl sld 'air | Si' --energy CuKa --json", out, sizeof out), 0);
    assert_non_null(strstr(out, "\"sld_real\": 20.0"));
    /* bad input: exit 1 and a message with the column */
    assert_int_equal(run("refl sld 'air | LiCoO3 20 | Si'", out, sizeof out), 1);
}

/* simulate --json gives q and r; R ~ 1 below the critical edge of Si (total reflection, less
 * the weak absorption of Si, σ_abs = 0.171 b: 1 - R ~ 1e-5 here). */
static void simulate_json(void **state)
{
    (void)state;
    static char out[1 << 18];
    assert_int_equal(run("refl simulate 'air | Si' --q-min 0.001 --q-max 0.005 --points 3 --json",
                         out, sizeof out),
                     0);
    assert_non_null(strstr(out, "\"q\": ["));
    assert_non_null(strstr(out, "\"r\": ["));
    assert_non_null(strstr(out, "0.99999"));
    assert_int_equal(run("refl simulate 'air | Si' --q-max 0.001", out, sizeof out), 2);
}

/* fit on real data (Platypus, film on Si against D2O; examples/refl/platypus_d2o.yaml):
 * converges to the known film (~259 Å, SLD ~2.42) with χ²_red ~2.4 as refnx finds for this file. */
static void fit_real_data(void **state)
{
    (void)state;
    static char out[1 << 18];
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "refl fit --model '%s/examples/refl/platypus_d2o.yaml' --dq-fwhm "
                              "--json",
             IL_SOURCE_DIR);
    assert_int_equal(run(cmd, out, sizeof out), 0);
    assert_non_null(strstr(out, "\"name\": \"film.thickness\""));
    assert_non_null(strstr(out, "\"correlation\""));
    assert_non_null(strstr(out, "\"r_fit\""));
    const char *p = strstr(out, "\"chi2_reduced\": ");
    assert_non_null(p);
    double chi2r = atof(p + 16);
    assert_true(chi2r > 1.0 && chi2r < 3.0);
    p = strstr(out, "\"name\": \"film.thickness\"");
    p = strstr(p, "\"value\": ");
    double d = atof(p + 9);
    assert_true(d > 255 && d < 263);
}

/* DE says it converged and why; the exact resolution is there on request and gives the same
 * minimum (χ² to 1e-4 relative: the fitting resolution is accurate to 1.6e-5 per point). */
static void fit_de_and_exact(void **state)
{
    (void)state;
    static char out[1 << 16];
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "refl fit --model '%s/examples/refl/platypus_d2o.yaml' --dq-fwhm "
                              "--engine de",
             IL_SOURCE_DIR);
    assert_int_equal(run(cmd, out, sizeof out), 0);
    assert_null(strstr(out, "not converged"));
    assert_non_null(strstr(out, "stopped: converged: population χ² spread below tolerance"));
    assert_non_null(strstr(out, "resolution: shared grid of"));
    const char *p = strstr(out, "χ² = ");
    assert_non_null(p);
    double de = atof(p + strlen("χ² = "));
    snprintf(cmd, sizeof cmd, "refl fit --model '%s/examples/refl/platypus_d2o.yaml' --dq-fwhm "
                              "--exact-resolution",
             IL_SOURCE_DIR);
    assert_int_equal(run(cmd, out, sizeof out), 0);
    assert_null(strstr(out, "resolution: shared grid of"));
    p = strstr(out, "χ² = ");
    assert_non_null(p);
    double ex = atof(p + strlen("χ² = "));
    assert_true(fabs(de / ex - 1.0) < 1e-4);
}

static void usage_errors(void **state)
{
    (void)state;
    static char out[4096];
    assert_int_equal(run("refl", out, sizeof out), 2);
    assert_int_equal(run("refl frobnicate", out, sizeof out), 2);
    assert_int_equal(run("refl validate --bogus", out, sizeof out), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(validate),      cmocka_unit_test(sld_json),
        cmocka_unit_test(simulate_json), cmocka_unit_test(fit_real_data),
        cmocka_unit_test(fit_de_and_exact), cmocka_unit_test(usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
