/* The twin's reflectometry counting statistics (il_cell_twin_refl_sample) against Poisson's:
 *  - at R = 1e-3 on 4000 points at Q = q_ref (1e6 counts at R = 1: 1000 expected counts), the
 *    normalised residuals (R_meas - R) / dR have mean 0 within 4 / sqrt(4000) (4 standard
 *    errors) and variance 1 within 4 sqrt(2 / 4000) (Gaussian limit of the Poisson counts; dR
 *    from the counts themselves biases the variance by ~1/N = 1e-3, far inside);
 *  - the beam scales as (Q / q_ref)^2: at Q = q_ref / 10 the monitor is 1e4 counts at R = 1, so
 *    at R = 0.5 dR = sqrt(0.5 x 1e4) / 1e4 = 7.07e-3 (within 10 %, the draw's own spread);
 *  - no beam: an error, not a noiseless curve passed off as counted;
 *  - the written .ort series reads back as real data with dR > 0 on every point. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell.h"
#include "interlayer/cell_io.h"
#include "interlayer/cell_twin.h"
#include "interlayer/refl_data.h"

#define N 4000

static void residuals_are_poisson(void **state)
{
    (void)state;
    il_cell_twin_refl_options o;
    il_cell_twin_refl_options_default(&o);
    o.background_R = 0;
    static double q[N], R[N], Rm[N], dR[N];
    for (size_t i = 0; i < N; i++)
        q[i] = o.q_ref_invA, R[i] = 1e-3;
    il_error err;
    if (il_cell_twin_refl_sample(q, R, N, &o, 11, Rm, dR, &err))
        fail_msg("%s", err.message);
    double m = 0, v = 0;
    for (size_t i = 0; i < N; i++)
        m += (Rm[i] - R[i]) / dR[i];
    m /= N;
    for (size_t i = 0; i < N; i++) {
        double z = (Rm[i] - R[i]) / dR[i] - m;
        v += z * z;
    }
    v /= N - 1;
    print_message("normalised residuals: mean %.4f, variance %.4f over %d points\n", m, v, N);
    assert_true(fabs(m) < 4 / sqrt(N));
    assert_true(fabs(v - 1) < 4 * sqrt(2.0 / N));
}

static void beam_scales_as_q_squared(void **state)
{
    (void)state;
    il_cell_twin_refl_options o;
    il_cell_twin_refl_options_default(&o);
    o.background_R = 0;
    double q = o.q_ref_invA / 10, R = 0.5, Rm, dR;
    il_error err;
    if (il_cell_twin_refl_sample(&q, &R, 1, &o, 3, &Rm, &dR, &err))
        fail_msg("%s", err.message);
    double want = sqrt(0.5 * 1e4) / 1e4;
    print_message("dR at Q = q_ref / 10: %.4e (Poisson %.4e)\n", dR, want);
    assert_true(fabs(dR / want - 1) < 0.1);
    o.incident_cps = 0;
    assert_int_equal(il_cell_twin_refl_sample(&q, &R, 1, &o, 3, &Rm, &dR, &err), IL_ERR_INVALID);
}

static void series_reads_as_real_data(void **state)
{
    (void)state;
    il_cell_params p;
    il_stack *s = NULL;
    il_error err;
    if (il_cell_params_load(IL_SOURCE_DIR "/examples/cell/si-li3po4-licoo2.yaml", &p, &s, &err))
        fail_msg("%s", err.message);
    il_cell *c = NULL;
    il_cell_protocol *pr = NULL;
    if (il_cell_new(&p, s, &c, &err) ||
        il_cell_protocol_parse("Charge at 10 uA/cm2 for 20 min", "t", &pr, &err))
        fail_msg("%s", err.message);
    il_cell_options co;
    il_cell_options_default(&co);
    co.save_every_s = 600;
    il_cell_result *r = NULL;
    if (il_cell_run(c, pr, &co, &r, &err))
        fail_msg("%s", err.message);
    il_cell_twin_refl_options o;
    il_cell_twin_refl_options_default(&o);
    o.n_q = 60;
    char dir[] = "/tmp/il_twin_refl_XXXXXX";
    assert_non_null(mkdtemp(dir));
    if (il_cell_twin_write_refl(dir, r, &o, &err))
        fail_msg("%s", err.message);
    char path[96];
    snprintf(path, sizeof path, "%s/refl/state_002.ort", dir);
    il_refl_data *d = NULL;
    if (il_refl_data_load(path, NULL, &d, &err))
        fail_msg("%s", err.message);
    const il_refl_dataset *ds = il_refl_data_get(d, 0);
    assert_int_equal(ds->n, 60);
    assert_non_null(ds->dr);
    for (size_t i = 0; i < ds->n; i++)
        assert_true(ds->dr[i] > 0);
    il_refl_data_free(d);
    il_cell_result_free(r);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(residuals_are_poisson),
        cmocka_unit_test(beam_scales_as_q_squared),
        cmocka_unit_test(series_reads_as_real_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
