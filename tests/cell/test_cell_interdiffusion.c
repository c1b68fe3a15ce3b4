/* Interdiffusion (cell.h) against Fick's analytic solution, and the Debye length against its
 * formula evaluated by hand.
 *  - Two 1 um LiNbO3 layers, 95 % 6Li on natural Li (7.59 %), D = 1e-14 cm2/s (D0 with no
 *    activation energy), annealed 1000 s and 4000 s: while the front stays far from the outer
 *    faces (2 sqrt(D t) = 126 nm << 1 um) the 6Li fraction is
 *      f(x) = f_mid - (df/2) erf(x / (2 sqrt(D t))),
 *    x from the interface. With 120 volumes per layer (8.3 nm) the finite-volume error at the
 *    front is ~ (dx/w)^2 / 12 of df ~ 0.4 %: tolerance 1 % of df at every volume centre;
 *  - the front's width grows as sqrt(t): the depth where f crosses f_mid + df/4 moves 2x from
 *    1000 s to 4000 s (1 %, the volume size over the 48 nm distance);
 *  - an Arrhenius activation slows it by exp(-Ea/kT) exactly: a run at Ea = 0.5 eV, 600 K with
 *    D0 scaled by exp(+Ea/kT) gives the same profile (1e-6);
 *  - Li per cm3 stays each layer's own (isotope exchange): 6Li + 7Li at every depth equals the
 *    layer's Li (1e-9);
 *  - Debye length of 1e18 carriers/cm3 at eps_r = 10, 300 K: sqrt(10 x 8.8541878128e-12 x
 *    1.380649e-23 x 300 / ((1.602176634e-19)^2 x 1e24)) m = 3.7798 nm (hand value; 1e-4). */
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

static il_stack *bilayer(void)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse("LiNbO3 1um li6=0.95 | LiNbO3 1um | Si", NULL, &s, &err))
        fail_msg("%s", err.message);
    return s;
}

static il_stack *anneal(double t, double D0, double Ea, double T)
{
    il_stack *s = bilayer(), *out = NULL;
    il_diffusivity d[2] = {{D0, Ea}, {D0, Ea}};
    il_anneal_step p = {T, t};
    il_error err;
    if (il_interdiffusion_run(s, 3, 6, d, &p, 1, 120, &out, &err))
        fail_msg("%s", err.message);
    il_stack_free(s);
    return out;
}

/* the 6Li fraction at depth z below the stack's top, and total Li per formula unit */
static double frac6(const il_stack *s, double z, double *li)
{
    size_t i = z < 1000 ? 0 : 1;
    const il_layer *l = il_stack_layer(s, i);
    double zz = z - (i ? 1000 : 0);
    double c6 = il_layer_count_at(l, 3, 6, zz, zz), c7 = il_layer_count_at(l, 3, 7, zz, zz);
    *li = c6 + c7;
    return c6 / (c6 + c7);
}

static void erfc_front(void **state)
{
    (void)state;
    const double D = 1e-14, f1 = 0.95, f2 = 0.0759;
    double z25[2];
    const double times[2] = {1000, 4000};
    for (int k = 0; k < 2; k++) {
        il_stack *s = anneal(times[k], D, 0, 300);
        double w = 2 * sqrt(D * times[k]) * 1e7; /* nm */
        for (int j = 0; j < 240; j++) {
            double z = (j % 120 + 0.5) * 1000.0 / 120 + (j >= 120 ? 1000 : 0), li;
            double want = 0.5 * (f1 + f2) - 0.5 * (f1 - f2) * erf((z - 1000) / w);
            double got = frac6(s, z, &li);
            if (fabs(got - want) > 0.01 * (f1 - f2))
                fail_msg("t %g s, z %g nm: 6Li fraction %.5f, Fick %.5f", times[k], z, got, want);
            assert_true(fabs(li - 1.0) < 1e-9);
        }
        /* where the fraction falls through f_mid + df/4: x = w erfinv(-1/2)... found by scan */
        double target = 0.5 * (f1 + f2) + 0.25 * (f1 - f2), prev_z = 0, prev_f = f1;
        z25[k] = NAN;
        for (double z = 800; z < 1000; z += 0.25) {
            double li, f = frac6(s, z, &li);
            if (prev_f >= target && f < target) {
                z25[k] = prev_z + (z - prev_z) * (prev_f - target) / (prev_f - f);
                break;
            }
            prev_z = z, prev_f = f;
        }
        il_stack_free(s);
    }
    double ratio = (1000 - z25[1]) / (1000 - z25[0]);
    print_message("front at f_mid + df/4: %.2f nm, %.2f nm above the interface; ratio %.4f\n",
                  1000 - z25[0], 1000 - z25[1], ratio);
    assert_true(fabs(ratio - 2.0) < 0.02);
}

static void arrhenius(void **state)
{
    (void)state;
    double Ea = 0.5, T = 600, kT = IL_BOLTZMANN_J_PER_K * T / IL_ELEMENTARY_CHARGE_C;
    il_stack *a = anneal(2000, 1e-14, 0, T);
    il_stack *b = anneal(2000, 1e-14 * exp(Ea / kT), Ea, T);
    for (double z = 900; z < 1100; z += 7) {
        double li;
        assert_true(fabs(frac6(a, z, &li) - frac6(b, z, &li)) < 1e-6);
    }
    il_stack_free(a);
    il_stack_free(b);
}

static void debye(void **state)
{
    (void)state;
    assert_true(fabs(il_debye_length_nm(10, 1e18, 300) - 3.7798) < 1e-4 * 3.7798);
    assert_true(isnan(il_debye_length_nm(10, 0, 300)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(erfc_front),
        cmocka_unit_test(arrhenius),
        cmocka_unit_test(debye),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
