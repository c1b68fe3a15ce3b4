/* The cycler record of an operando series is checked before it is used (issue 12 sec 7): a
 * record that does not cover the spectra (the charge outside it is unknown; one that missed
 * them all read as "no cycler record") and a current beyond 1 A/cm2 (1000 mA/cm2, a hundred
 * times the fastest solid-state cycling; -1e30 A gave -1.7e34 uAh/cm2) are refused with the
 * numbers. Two spectra of 600 s starting at 0 and 700 s: their middles are 300 and 1000 s. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/ndp_series.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

typedef struct {
    il_stack *s;
    il_ndp_model *m;
    double *y;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    il_error err;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_ndp_sim *r = NULL;
    if (!f || il_stack_parse("LiCoO2 500nm | Si", NULL, &f->s, &err) ||
        il_ndp_model_new(f->s, &ins, &f->m, &err) || il_ndp_simulate(f->m, 0, NULL, &r, &err))
        return -1;
    f->y = malloc(r->n_channels * sizeof *f->y);
    memcpy(f->y, r->counts, r->n_channels * sizeof *f->y);
    il_ndp_sim_free(r);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    free(f->y);
    il_ndp_model_free(f->m);
    il_stack_free(f->s);
    free(f);
    return 0;
}

/* The series on the fixture with a two-point record t0..t1 at constant current I. */
static il_status run(const fixture *f, double t0, double t1, double I, il_error *err)
{
    const double *counts[2] = {f->y, f->y};
    double times[2] = {0, 700}, t[2] = {t0, t1}, v[2] = {3.9, 4.0}, cur[2] = {I, I};
    il_ndp_cycler cy = {2, t, v, cur};
    il_ndp_series_input in;
    il_ndp_series_input_default(&in);
    in.n = 2;
    in.counts = counts;
    in.time_s = times;
    in.cycler = &cy;
    in.area_cm2 = 1;
    in.cathode_layer = 0;
    il_ndp_series *out = NULL;
    il_status st = il_ndp_series_run(f->m, &in, &out, err);
    il_ndp_series_free(out);
    return st;
}

static void covering_record_accepted(void **state)
{
    il_error err;
    il_status st = run(*state, 0, 1e4, 1e-5, &err);
    if (st)
        fail_msg("%s", err.message);
    /* 0.9 A/cm2: below the limit */
    assert_int_equal(run(*state, 0, 1e4, 0.9, &err), IL_OK);
}

static void record_missing_the_spectra_refused(void **state)
{
    il_error err;
    assert_int_equal(run(*state, 2000, 3000, 1e-5, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "starts at t = 2000 s, after the middle of spectrum 1 "
                                        "(t = 300 s)"));
    assert_int_equal(run(*state, 0, 500, 1e-5, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "ends at t = 500 s, before the middle of spectrum 2 "
                                        "(t = 1000 s)"));
}

static void unphysical_current_refused(void **state)
{
    il_error err;
    assert_int_equal(run(*state, 0, 1e4, -1e30, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "current -1e+30 A at t = 0 s is -1e+30 A/cm2"));
    assert_int_equal(run(*state, 0, 1e4, 1.1, &err), IL_ERR_RANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(covering_record_accepted),
        cmocka_unit_test(record_missing_the_spectra_refused),
        cmocka_unit_test(unphysical_current_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
