/* NDP instrument against independent references:
 * - solid angle of a disc on its axis, 2 pi (1 - d / sqrt(d^2 + a^2)), to 1e-12 relative
 *   (quadrature of a smooth integrand), and unchanged by tilting the detector (rotation);
 * - the energy calibration and its inverse agree to 1e-9 channel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "interlayer/ndp.h"

static void disc_solid_angle(void **state)
{
    (void)state;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.distance_mm = 20;
    ins.area_mm2 = 300;
    ins.angle_bins = 8;
    double a2 = 300 / 3.14159265358979323846, d = 20;
    double exact = 2 * 3.14159265358979323846 * (1 - d / sqrt(d * d + a2));
    assert_true(fabs(il_ndp_solid_angle_sr(&ins) - exact) < 1e-12 * exact);
    il_ndp_angle_node nodes[64];
    for (double ang = 0; ang <= 60; ang += 30) {
        ins.angle_deg = ang;
        size_t nn = il_ndp_angle_distribution(&ins, nodes, 64, NULL);
        assert_true(nn >= 1 && nn <= 8);
        double sum = 0, mean_c = 0;
        for (size_t k = 0; k < nn; k++) {
            sum += nodes[k].weight_sr;
            mean_c += nodes[k].weight_sr * nodes[k].cos_exit;
            assert_true(nodes[k].cos_exit > 0 && nodes[k].cos_exit <= 1);
        }
        assert_true(fabs(sum - exact) < 1e-9 * exact);
        /* The mean direction is close to the detector axis; the spread is real (not one
         * angle): a 9.8 mm radius disc at 20 mm subtends up to 26 degrees off axis. */
        assert_true(fabs(mean_c / sum - cos(ang * 3.14159265358979323846 / 180)) < 0.06);
        if (ang > 0)
            assert_true(nodes[0].cos_exit < nodes[nn - 1].cos_exit - 0.1);
    }
    ins.geometry = IL_NDP_GEOMETRY_SOLID_ANGLE;
    ins.solid_angle_sr = 0.01;
    ins.exit_angle_deg = 60;
    assert_int_equal(il_ndp_angle_distribution(&ins, nodes, 64, NULL), 1);
    assert_true(fabs(nodes[0].cos_exit - 0.5) < 1e-12);
    assert_true(il_ndp_solid_angle_sr(&ins) == 0.01);
}

static void calibration(void **state)
{
    (void)state;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.offset_keV = 12;
    ins.gain_keV = 2.5;
    ins.quadratic_keV = 1e-4;
    for (double ch = 0; ch < 1024; ch += 37.25) {
        double e = il_ndp_channel_energy_keV(&ins, ch);
        assert_true(fabs(il_ndp_energy_channel(&ins, e) - ch) < 1e-9);
    }
    ins.gain_keV = -1;
    il_error err;
    assert_int_equal(il_ndp_instrument_check(&ins, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "calibration"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(disc_solid_angle),
        cmocka_unit_test(calibration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
