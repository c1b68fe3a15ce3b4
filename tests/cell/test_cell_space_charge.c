/* Space charge (Poisson-Boltzmann with site saturation, cell.h) against analytic limits:
 *  - small step (phi0 = 0.1 mV << kT/e = 25.9 mV): phi = phi0 exp(-x / l), l = lambda_D /
 *    sqrt(1 - c_b/N) (linearised equation); at x = l and 3 l to 1 % (the neglected
 *    nonlinearity is ~ u0 / 3 = 0.13 %, the bisection 1e-15);
 *  - no saturation (N = infinity), any step: the Gouy-Chapman-type closed form of the first
 *    integral, E(0) = sqrt(2 kT c_b (e^-u0 - 1 + u0) / eps) (from eps phi'' = -e c_b (e^-u - 1), multiplied
 *    by phi' and integrated from the bulk), to 1e-9;
 *  - Gauss's law: the excess charge equals eps E(0) / e (1e-6: two independent routes, a
 *    quadrature and the first integral);
 *  - site saturation: accumulation never puts more than N on the sites at the interface,
 *    while without saturation the same step does (c(0) = c_b e^{-u0} > N);
 *  - depletion adds resistance, accumulation removes it (signs). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell.h"
#include "interlayer/constants.h"

static il_space_charge_params base(double phi0, double N)
{
    il_space_charge_params p = {.eps_r = 20, .carriers_cm3 = 1e19, .sites_cm3 = N, .T_K = 300,
                                .potential_step_V = phi0, .conductivity_S_cm = 1e-6};
    return p;
}

static void small_step(void **state)
{
    (void)state;
    il_space_charge_params p = base(1e-4, 4e19);
    il_space_charge_result r;
    il_error err;
    assert_int_equal(il_space_charge_solve(&p, NULL, 0, NULL, NULL, &r, &err), IL_OK);
    double l = r.screening_length_nm;
    assert_true(fabs(l - r.debye_length_nm / sqrt(1 - 0.25)) < 1e-12 * l);
    double x[2] = {l, 3 * l}, phi[2], c[2];
    assert_int_equal(il_space_charge_solve(&p, x, 2, phi, c, &r, &err), IL_OK);
    assert_true(fabs(phi[0] / (1e-4 * exp(-1)) - 1) < 0.01);
    assert_true(fabs(phi[1] / (1e-4 * exp(-3)) - 1) < 0.01);
}

static void gouy_chapman_and_gauss(void **state)
{
    (void)state;
    double kT = IL_BOLTZMANN_J_PER_K * 300, e = IL_ELEMENTARY_CHARGE_C;
    double eps = 20 * IL_VACUUM_PERMITTIVITY_F_PER_M;
    for (int k = 0; k < 2; k++) {
        double phi0 = k ? -0.2 : 0.2, u0 = e * phi0 / kT;
        il_space_charge_params p = base(phi0, INFINITY);
        il_space_charge_result r;
        il_error err;
        assert_int_equal(il_space_charge_solve(&p, NULL, 0, NULL, NULL, &r, &err), IL_OK);
        double E0 = sqrt(2 * kT * 1e25 * (expm1(-u0) + u0) / eps) * 1e-2; /* V/cm */
        assert_true(fabs(fabs(r.field_V_cm) - E0) < 1e-9 * E0);
        double gauss = eps * fabs(r.field_V_cm) * 1e2 / e * 1e-4; /* per cm2 */
        assert_true(fabs(fabs(r.excess_atoms_cm2) - gauss) < 1e-6 * gauss);
        assert_true(phi0 > 0 ? r.excess_atoms_cm2 < 0 : r.excess_atoms_cm2 > 0);
        assert_true(phi0 > 0 ? r.resistance_ohm_cm2 > 0 : r.resistance_ohm_cm2 < 0);
    }
}

static void saturation(void **state)
{
    (void)state;
    double x0 = 0, phi, c;
    il_space_charge_params p = base(-0.2, 2e19);
    il_space_charge_result r;
    il_error err;
    assert_int_equal(il_space_charge_solve(&p, &x0, 1, &phi, &c, &r, &err), IL_OK);
    assert_true(c <= 2e19 && c > 1.9e19);
    p.sites_cm3 = INFINITY;
    assert_int_equal(il_space_charge_solve(&p, &x0, 1, &phi, &c, &r, &err), IL_OK);
    assert_true(c > 2e19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_step),
        cmocka_unit_test(gouy_chapman_and_gauss),
        cmocka_unit_test(saturation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
