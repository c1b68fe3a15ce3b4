/* il_refl_fit_sld_band against order statistics computed here: air | film 1000 Å | Si with the
 * film's SLD the only parameter, 200 "posterior samples" 2.99, 2.98, ... 1.00 (descending, so
 * the function must sort). In the middle of the film (500 Å from interfaces of 3 Å roughness:
 * erf tails below 1e-100) every profile equals its sample's SLD, so p16 and p84 are the sorted
 * values of rank floor(0.16 · 199) = 31 and floor(0.84 · 199) = 167: 1.31 and 2.67 (to 1e-12,
 * rounding of the erf sum). In the air above, every profile is 0, and so is the band. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interlayer/refl_fit.h"

static void band_is_the_order_statistics(void **state)
{
    (void)state;
    il_refl_layer_model L[3];
    memset(L, 0, sizeof L);
    snprintf(L[0].name, sizeof L[0].name, "air");
    snprintf(L[1].name, sizeof L[1].name, "film");
    L[1].thickness_A = 1000, L[1].sld_re_1e6 = 2.0, L[1].roughness_A = 3;
    snprintf(L[2].name, sizeof L[2].name, "Si");
    L[2].sld_re_1e6 = 2.07, L[2].roughness_A = 3;
    for (int j = 0; j < 3; j++)
        L[j].li6_fraction = -1;
    double q[4] = {0.01, 0.02, 0.05, 0.1}, r[4] = {1, 0.1, 1e-3, 1e-5};
    double dr[4] = {.01, .01, .01, .01};
    il_refl_dataset d = {.n = 4, .q_invA = q, .r = r, .dr = dr};
    il_refl_fit *f;
    il_error err;
    int p;
    assert_int_equal(il_refl_fit_new(&f, &err), IL_OK);
    if (il_refl_fit_add_dataset(f, &d, L, 3, NULL, 1.0, 0.0, NULL, NULL, &err) ||
        il_refl_fit_add_param(f, "film.sld", 2.0, 0, 5, &p, &err) ||
        il_refl_fit_bind(f, p, -1, 1, IL_REFL_P_SLD_RE, &err))
        fail_msg("%s", err.message);
    double samples[200];
    for (int k = 0; k < 200; k++)
        samples[k] = 2.99 - 0.01 * k;
    il_refl_fit_result res = {.npar = 1, .nsamples = 200, .samples = samples};
    double z[2] = {-100, 500}, lo[2], hi[2];
    if (il_refl_fit_sld_band(f, 0, &res, 200, z, 2, lo, hi, &err))
        fail_msg("%s", err.message);
    assert_true(fabs(lo[0]) < 1e-12 && fabs(hi[0]) < 1e-12);
    assert_true(fabs(lo[1] - 1.31) < 1e-12);
    assert_true(fabs(hi[1] - 2.67) < 1e-12);
    il_refl_fit_result none = {.npar = 1};
    assert_int_equal(il_refl_fit_sld_band(f, 0, &none, 200, z, 2, lo, hi, &err), IL_ERR_INVALID);
    il_refl_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(band_is_the_order_statistics)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
