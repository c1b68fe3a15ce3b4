/* The library leaves process-wide state alone (docs/architecture.md): in particular GSL's error
 * handler, which the host program owns. A handler installed here must still be the one in force
 * after library calls that use GSL (the linear solvers, the resolution quadrature, the
 * calibration fit), and it must not have been called on good input. */
#include <gsl/gsl_errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/interlayer.h"

static int handler_calls;

static void counting_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    handler_calls++;
}

static void test_library_keeps_the_hosts_gsl_handler(void **state)
{
    (void)state;
    gsl_error_handler_t *before = gsl_set_error_handler(counting_handler);

    /* Tikhonov on a 3x2 problem (SVD inside) */
    const double R[6] = {1, 0, 0.5, 0.5, 0, 1};
    const double var[3] = {1, 1, 1};
    il_linv_problem p = {3, 2, R, NULL};
    il_linv_tikhonov *t = NULL;
    assert_int_equal(il_linv_tikhonov_new(&p, var, NULL, 0, &t, NULL), IL_OK);
    il_linv_tikhonov_free(t);

    /* a smeared reflectivity (GSL quadrature inside): Si under vacuum */
    il_refl_slab slabs[2];
    memset(slabs, 0, sizeof slabs);
    slabs[1].sld_re_1e6 = 2.07;
    const double q[2] = {0.02, 0.05}, dq[2] = {0.001, 0.002};
    double r[2];
    il_refl_resolution res = {0};
    res.kind = IL_REFL_DQ_SIGMA;
    assert_int_equal(il_refl_smeared(slabs, 2, q, dq, 2, &res, 1, 0, r, NULL, NULL), IL_OK);

    /* the least-squares energy calibration (gsl_multifit_linear inside) */
    const double ch[2] = {100, 700}, E[2] = {300, 2100};
    double off, gain, quad;
    assert_int_equal(il_ndp_calibrate_energy(ch, E, 2, 0, &off, &gain, &quad, NULL), IL_OK);
    assert_float_equal(gain, 3.0, 1e-12);

    assert_ptr_equal(gsl_set_error_handler(before), counting_handler);
    assert_int_equal(handler_calls, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_library_keeps_the_hosts_gsl_handler)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
