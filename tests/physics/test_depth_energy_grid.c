/* il_depth_energy_grid and il_depth_energy_sweep, against independent expectations:
 * - a particle born at depth 0 leaves with its birth energy and no straggling (no path);
 * - the exit energy never rises with the depth of birth (energy loss is positive), and every
 *   point but the last kept one leaves with energy > 0;
 * - the grid is sorted, starts at 0, holds each interface depth (sum of the thicknesses above
 *   it) and the next double toward the surface;
 * - with a substrate, the default deepest point is the stack's thickness plus the CSDA range in
 *   the substrate from il_stopping_range_tfu (a separate integral of 1/S, converted with the
 *   layer's density): to 1 %, the difference between that integral and the path stepping;
 * - without a substrate the deepest point is the stack's bottom, and an alpha of 2 MeV leaves
 *   from it (0.4 um of LiF is far less than its ~6 um range), so the last energy is > 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "interlayer/interlayer.h"

static il_stack_stopping *slabs_of(const char *text, il_stack **stack)
{
    il_error err;
    il_stack_stopping *ss = NULL;
    if (il_stack_parse(text, NULL, stack, &err) ||
        il_stack_stopping_new(*stack, IL_ION_ALPHA, IL_STRAG_YANG, &ss, &err))
        fail_msg("%s", err.message);
    return ss;
}

static int holds(const double *d, size_t n, double x)
{
    for (size_t i = 0; i < n; i++)
        if (d[i] == x)
            return 1;
    return 0;
}

static void sweep_with_substrate(void **state)
{
    (void)state;
    il_stack *stack = NULL;
    il_stack_stopping *ss = slabs_of("Pt 50nm | LiCoO2 1um | Si", &stack);
    const il_slab *L = il_stack_stopping_layers(ss);
    size_t nl = il_stack_stopping_count(ss);
    il_error err;
    il_depth_energy_table t;
    if (il_depth_energy_sweep(L, nl, 2055.8, 0, 200, 0, &t, &err))
        fail_msg("%s", err.message);
    assert_true(t.n > 2);
    assert_true(t.depth_nm[0] == 0);
    assert_true(t.exit[0].E_keV == 2055.8 && t.exit[0].sigma_keV == 0);
    for (size_t k = 1; k < t.n; k++) {
        assert_true(t.depth_nm[k] >= t.depth_nm[k - 1]);
        assert_true(t.exit[k].E_keV <= t.exit[k - 1].E_keV);
        if (k + 1 < t.n)
            assert_true(t.exit[k].E_keV > 0);
    }
    il_depth_energy_table_clear(&t);

    /* The full grid: interfaces at 50 nm and 1050 nm, and the range in Si below. */
    double *d = NULL;
    size_t m = 0;
    if (il_depth_energy_grid(L, nl, 2055.8, 200, 0, &d, &m, &err))
        fail_msg("%s", err.message);
    assert_int_equal(m, 204);
    for (size_t k = 1; k < m; k++)
        assert_true(d[k] >= d[k - 1]);
    assert_true(holds(d, m, 50) && holds(d, m, nextafter(50, 0)));
    assert_true(holds(d, m, 1050) && holds(d, m, nextafter(1050, 0)));
    double r_tfu;
    assert_int_equal(il_stopping_range_tfu(L[2].stopping, 2055.8, &r_tfu, NULL), IL_OK);
    double deepest = 1050 + il_tfu_to_nm(r_tfu, L[2].atoms_cm3);
    assert_true(fabs(d[m - 1] / deepest - 1) < 0.01);
    free(d);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
}

static void sweep_without_substrate(void **state)
{
    (void)state;
    il_stack *stack = NULL;
    il_stack_stopping *ss = slabs_of("LiF 400nm", &stack);
    il_error err;
    il_depth_energy_table t;
    if (il_depth_energy_sweep(il_stack_stopping_layers(ss), il_stack_stopping_count(ss), 2000,
                              30, 11, 0, &t, &err))
        fail_msg("%s", err.message);
    assert_int_equal(t.n, 11);
    assert_true(t.depth_nm[10] == 400);
    assert_true(t.exit[10].E_keV > 0 && t.exit[10].E_keV < 2000);
    il_depth_energy_table_clear(&t);
    double *d = NULL;
    size_t m = 0;
    const il_slab *L = il_stack_stopping_layers(ss);
    assert_int_equal(il_depth_energy_grid(L, 1, 2000, 1, 0, &d, &m, &err), IL_ERR_INVALID);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sweep_with_substrate),
        cmocka_unit_test(sweep_without_substrate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
