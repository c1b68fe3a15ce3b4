/* il_refl_profile_grid and il_refl_times_q4 against their definitions:
 * - air | 100 Å | 200 Å | Si with roughnesses 2, 5, 3 Å: total 300 Å, margin = 4 · 5 + 0.05 ·
 *   300 + 10 = 45 Å, so the grid runs from -45 to 345 Å in equal steps (ends to 1e-12);
 * - at both ends the graded profile (il_refl_profile) equals the bulk SLD of the fronting and
 *   backing media to 1e-6 (erf at 4σ and beyond leaves < 6e-8 of a step of size ≤ 4);
 * - R·Q⁴ of R = 1/Q⁴ is 1 at every Q (to rounding, 1e-15), in place as well. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>

#include "interlayer/refl.h"

static void grid_spans_the_interfaces(void **state)
{
    (void)state;
    const il_refl_slab s[4] = {{0, 0, 0, 0}, {100, 4.0, 0, 2}, {200, 1.0, 0, 5}, {0, 2.07, 0, 3}};
    double z[7], re[7];
    assert_int_equal(il_refl_profile_grid(s, 4, 7, z, NULL), IL_OK);
    assert_true(fabs(z[0] + 45) < 1e-12 && fabs(z[6] - 345) < 1e-12);
    for (int k = 1; k < 7; k++)
        assert_true(fabs((z[k] - z[k - 1]) - 65) < 1e-12);
    assert_int_equal(il_refl_profile(s, 4, z, 7, re, NULL, NULL), IL_OK);
    assert_true(fabs(re[0]) < 1e-6 && fabs(re[6] - 2.07) < 1e-6);
    il_error err;
    assert_int_equal(il_refl_profile_grid(s, 4, 1, z, &err), IL_ERR_INVALID);
}

static void r_times_q4(void **state)
{
    (void)state;
    double q[3] = {0.01, 0.05, 0.2}, r[3], out[3];
    for (int i = 0; i < 3; i++)
        r[i] = 1 / (q[i] * q[i] * q[i] * q[i]);
    il_refl_times_q4(q, r, 3, out);
    il_refl_times_q4(q, r, 3, r);
    for (int i = 0; i < 3; i++)
        assert_true(fabs(out[i] - 1) < 1e-15 && out[i] == r[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(grid_spans_the_interfaces),
                                       cmocka_unit_test(r_times_q4)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
