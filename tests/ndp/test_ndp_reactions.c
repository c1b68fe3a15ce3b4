/* NDP reaction table and instrument geometry against independent references:
 * - Q values recomputed from AME2020 masses (the elements module's table) to 0.1 keV (the
 *   table's rounding); the two particle energies add up to Q (energy conservation, 0.15 keV:
 *   two roundings of 0.05 keV plus the neglected thermal neutron energy);
 * - the 6Li energies quoted in DESIGN.md (alpha 2055.8, triton 2727.7 keV);
 * - 1/v scaling: sigma(4 * 25.3 meV) = sigma_th / 2 exactly;
 * - solid angle of a disc on its axis, 2 pi (1 - d / sqrt(d^2 + a^2)), to 1e-12 relative
 *   (quadrature of a smooth integrand), and unchanged by tilting the detector (rotation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "interlayer/ndp.h"

static void six_li(void **state)
{
    (void)state;
    il_ndp_reaction r;
    assert_int_equal(il_ndp_reaction_find("6Li_na_3H", &r, NULL), IL_OK);
    assert_int_equal(r.target_Z, 3);
    assert_int_equal(r.target_A, 6);
    assert_true(fabs(r.particle_keV[0] - 2055.8) < 1e-9);
    assert_true(fabs(r.particle_keV[1] - 2727.7) < 1e-9);
    assert_int_equal(r.particle_Z[0], 2);
    assert_int_equal(r.particle_A[1], 3);
    assert_true(fabs(il_ndp_sigma_b(&r, 0) - 940) < 1e-9);
    assert_true(fabs(il_ndp_sigma_b(&r, 4 * IL_NDP_THERMAL_meV) - 470) < 1e-9);
    il_error err;
    assert_int_equal(il_ndp_reaction_find("6Li_na_3h", &r, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "did you mean '6Li_na_3H'"));
}

static void boron_branches(void **state)
{
    (void)state;
    il_ndp_reaction r[4];
    size_t n = il_ndp_reactions_of(5, 10, r, 4);
    assert_int_equal(n, 2);
    double branch = r[0].branch_fraction + r[1].branch_fraction;
    assert_true(fabs(branch - 1.0) < 1e-12);
    /* Both branches share the total (n,a) cross section: the parts add up to it. */
    assert_true(fabs(il_ndp_sigma_b(&r[0], 0) + il_ndp_sigma_b(&r[1], 0) - 3837) < 1e-9);
}

static void q_values_from_masses(void **state)
{
    (void)state;
    const double u_keV = 931494.10242; /* CODATA 2018 atomic mass unit in keV */
    double mn;
    assert_int_equal(il_nuclide_mass_u(0, 1, &mn, NULL), IL_OK);
    size_t n = il_ndp_reaction_count();
    assert_true(n >= 13);
    for (size_t i = 0; i < n; i++) {
        il_ndp_reaction r;
        assert_int_equal(il_ndp_reaction_at(i, &r), 0);
        double mt, m1, m2;
        assert_int_equal(il_nuclide_mass_u(r.target_Z, r.target_A, &mt, NULL), IL_OK);
        assert_int_equal(il_nuclide_mass_u(r.particle_Z[0], r.particle_A[0], &m1, NULL), IL_OK);
        assert_int_equal(il_nuclide_mass_u(r.particle_Z[1], r.particle_A[1], &m2, NULL), IL_OK);
        double q = (mt + mn - m1 - m2) * u_keV - r.excitation_keV;
        assert_true(fabs(q - r.Q_keV) < 0.1);
        assert_true(fabs(r.particle_keV[0] + r.particle_keV[1] - r.Q_keV) < 0.15);
        /* Momentum balance: the lighter particle takes the larger share. */
        assert_true(r.particle_keV[0] * m1 / (r.particle_keV[1] * m2) > 0.99);
    }
    il_ndp_reaction r;
    assert_int_equal(il_ndp_reaction_at(n, &r), -1);
}

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
        cmocka_unit_test(six_li),          cmocka_unit_test(boron_branches),
        cmocka_unit_test(q_values_from_masses), cmocka_unit_test(disc_solid_angle),
        cmocka_unit_test(calibration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
