/* Small quantities NDP reports give, against independent expectations:
 * - il_ndp_solid_angle_fraction: a plain solid angle of 0.01 sr is 0.01 / (4 pi); a disc of
 *   radius r at distance d on the axis subtends the cap fraction (1 - d / sqrt(d^2 + r^2)) / 2
 *   (50 mm2 at 50 mm), both to 1e-12 relative;
 * - il_ndp_sim_layer_counts: the layer's counts of all particles equal the sum over channels of
 *   its spectrum plus what fell outside the channels, so total >= sum of by_layer; alpha and
 *   triton add up to the total when 6Li is the only reaction (LiF on Si: 19F and Si give none
 *   in the table), to 1e-12 relative; the substrate without Li gives 0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

static void solid_angle_fraction(void **state)
{
    (void)state;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.geometry = IL_NDP_GEOMETRY_DETECTOR, ins.area_mm2 = 50, ins.distance_mm = 50;
    double r2 = 50 / IL_PI, cap = (1 - 50 / sqrt(50 * 50 + r2)) / 2;
    assert_true(fabs(il_ndp_solid_angle_fraction(&ins) / cap - 1) < 1e-12);
    ins.geometry = IL_NDP_GEOMETRY_SOLID_ANGLE, ins.solid_angle_sr = 0.01;
    assert_true(fabs(il_ndp_solid_angle_fraction(&ins) / (0.01 / (4 * IL_PI)) - 1) < 1e-12);
}

static void layer_counts(void **state)
{
    (void)state;
    il_stack *s = NULL;
    il_error err;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_ndp_model *m = NULL;
    il_ndp_sim *sim = NULL;
    if (il_stack_parse("LiF 200nm | Si", NULL, &s, &err) || il_ndp_model_new(s, &ins, &m, &err) ||
        il_ndp_simulate(m, 0, NULL, &sim, &err))
        fail_msg("%s", err.message);
    double a, t, tot, spec = 0;
    il_ndp_sim_layer_counts(sim, m, 0, &a, &t, &tot);
    for (size_t c = 0; c < sim->n_channels; c++)
        spec += sim->by_layer[c];
    assert_true(a > 0 && t > 0);
    assert_true(fabs((a + t) / tot - 1) < 1e-12);
    assert_true(tot >= spec * (1 - 1e-12));
    il_ndp_sim_layer_counts(sim, m, sim->n_layers - 1, &a, &t, &tot);
    assert_true(a == 0 && t == 0 && tot == 0);
    il_ndp_sim_layer_counts(sim, m, 0, NULL, NULL, NULL);
    il_ndp_sim_free(sim);
    il_ndp_model_free(m);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(solid_angle_fraction),
                                       cmocka_unit_test(layer_counts)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
