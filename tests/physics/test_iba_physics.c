/* Kinematics and cross sections of ion-beam analysis against closed-form values worked out by
 * hand (a calculator on the formulas named below, AME2020 atomic masses, e^2 = 1.439964548
 * MeV fm from CODATA 2018), to 1e-6 relative (the bar; the only error left is double
 * rounding, ~1e-14, so a wrong sign, factor or branch fails by far more).
 *  - K factor: Chu, Mayer, Nicolet, Backscattering Spectrometry (1978) eq. 2.5;
 *  - recoil factor, reaction energy with Q: Tesmer & Nastasi (1995), app. 1 (eqs. A1.1-A1.3);
 *  - Rutherford lab formula (Darwin): Chu et al. eq. 2.21, which the code does NOT use (it
 *    transforms the CM formula), so this is an independent check;
 *  - Andersen and L'Ecuyer factors: their papers' formulas as given in the SIMNRA guide;
 *  - recoil cross section: Tesmer & Nastasi eq. 5.5; Mott: Bromley et al. 1961.
 * Plus the heavy-ion stopping's limits: gamma -> 1 at high velocity, 4He equals the H/He engine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>

#include "interlayer/interlayer.h"

#define M_H1 1.00782503223
#define M_HE4 4.002603254
#define M_SI28 27.976926535
#define M_AU197 196.96656879
#define M_LI7 7.0160034366

static void near(double got, double want, double rel)
{
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("got %.12g, want %.12g (rel tol %g)", got, want, rel);
}

static void kfactors(void **state)
{
    (void)state;
    double K[2];
    assert_int_equal(il_iba_kfactor(M_HE4, M_SI28, 170.0, K), 1);
    near(K[0], 0.564464662199, 1e-6);
    assert_int_equal(il_iba_kfactor(M_HE4, M_AU197, 165.0, K), 1);
    near(K[0], 0.923198276626, 1e-6);
    /* projectile heavier than target: two solutions below asin(M2/M1) = 14.58 deg, none above */
    assert_int_equal(il_iba_kfactor(M_HE4, M_H1, 10.0, K), 2);
    near(K[0], 0.869325980226, 1e-6);
    near(K[1], 0.410957558504, 1e-6);
    assert_int_equal(il_iba_kfactor(M_HE4, M_H1, 20.0, K), 0);
    near(il_iba_max_angle_deg(M_HE4, M_H1), asin(M_H1 / M_HE4) * 180.0 / IL_PI, 1e-12);
    near(il_iba_recoil_factor(M_HE4, M_H1, 30.0), 0.482057938217, 1e-6);
    /* equal masses: K = cos^2 theta (one solution) */
    assert_int_equal(il_iba_kfactor(M_HE4, M_HE4, 30.0, K), 1);
    near(K[0], 0.75, 1e-12);
}

static void reaction(void **state)
{
    (void)state;
    double E3[2];
    /* 7Li(p,a)4He, Q = 17346.24 keV, 2 MeV protons, alpha at 160 deg */
    assert_int_equal(il_iba_reaction_energy(M_H1, M_LI7, M_HE4, M_HE4, 17346.24, 2000.0, 160.0, E3),
                     1);
    near(E3[0], 7584.81238264, 1e-6);
    /* Q = 0 and the same masses is elastic scattering */
    double K[2];
    il_iba_kfactor(M_HE4, M_SI28, 170.0, K);
    il_iba_reaction_energy(M_HE4, M_SI28, M_HE4, M_SI28, 0.0, 2000.0, 170.0, E3);
    near(E3[0], 2000.0 * K[0], 1e-12);
}

static void rutherford(void **state)
{
    (void)state;
    near(il_iba_rutherford_mb(2, M_HE4, 79, M_AU197, 2000.0, 165.0, 0, IL_SCREEN_NONE),
         8364.05524892, 1e-6);
    near(il_iba_rutherford_mb(2, M_HE4, 14, M_SI28, 2000.0, 170.0, 0, IL_SCREEN_NONE),
         247.610342966, 1e-6);
    /* Andersen at the CM angle 165.301349788 deg: F = 0.982660714823 */
    near(il_iba_screening(IL_SCREEN_ANDERSEN, 2, M_HE4, 79, M_AU197, 2000.0, 165.301349788),
         0.982660714823, 1e-6);
    near(il_iba_rutherford_mb(2, M_HE4, 79, M_AU197, 2000.0, 165.0, 0, IL_SCREEN_ANDERSEN),
         8364.05524892 * 0.982660714823, 1e-6);
    near(il_iba_screening(IL_SCREEN_LECUYER, 2, M_HE4, 79, M_AU197, 2000.0, 165.0),
         0.983052624235, 1e-6);
    /* sigma scales as 1/E^2 exactly without screening */
    near(il_iba_rutherford_mb(2, M_HE4, 14, M_SI28, 1000.0, 170.0, 0, IL_SCREEN_NONE),
         4.0 * 247.610342966, 1e-6);
    /* no - branch for a light projectile */
    assert_true(il_iba_rutherford_mb(2, M_HE4, 14, M_SI28, 2000.0, 170.0, 1, IL_SCREEN_NONE) ==
                0.0);
}

/* Heavier projectile: the lab cross section of each branch, summed, must equal the CM
 * cross section integrated over the same solid angle; checked here through the identity
 * sigma_+ / sigma_- = Jacobian ratio at a small angle where both exist, against the direct
 * CM formula evaluated by hand for He on H at 10 deg:
 * CM angles 10 + asin(x sin 10) = 53.969..., and 180 + 10 - asin(...) = 146.03... */
static void rutherford_two_branches(void **state)
{
    (void)state;
    double x = M_HE4 / M_H1, th = 10.0 * IL_PI / 180.0;
    double e2 = 1439.964548;
    for (int b = 0; b < 2; b++) {
        double Th = b == 0 ? th + asin(x * sin(th)) : th + IL_PI - asin(x * sin(th));
        double Ecm = 2000.0 / (1.0 + x);
        double a = 2.0 * 1.0 * e2 / (4.0 * Ecm);
        double cm = a * a / pow(sin(Th / 2), 4) * 10.0;
        /* lab/CM via the recoil-frame identity: tan(theta) = sin(Th) / (cos(Th) + x) */
        double dth = 1e-6;
        double Th2 = b == 0 ? th + dth + asin(x * sin(th + dth))
                            : th + dth + IL_PI - asin(x * sin(th + dth));
        /* dOmega_cm / dOmega_lab = sin(Th) dTh / (sin(th) dth), by numerical derivative
         * (1e-6 step: 1e-7 relative accuracy is enough for this cross-check) */
        double jac = fabs(sin(Th) * (Th2 - Th) / (sin(th) * dth));
        near(il_iba_rutherford_mb(2, M_HE4, 1, M_H1, 2000.0, 10.0, b, IL_SCREEN_NONE), cm * jac,
             1e-5);
    }
}

static void recoil_and_mott(void **state)
{
    (void)state;
    near(il_iba_recoil_mb(2, M_HE4, 1, M_H1, 2000.0, 30.0, IL_SCREEN_NONE), 197.256413303, 1e-6);
    /* 7Li on 7Li (spin 3/2), 3 MeV, 30 deg: eta = 2.16754022164 */
    near(il_iba_mott_mb(3, M_LI7, 3, 3000.0, 30.0), 3185.41345269, 1e-6);
}

static void heavy_ion_stopping(void **state)
{
    (void)state;
    /* fully stripped at 10 MeV/u: gamma within 1 % of 1 */
    near(il_ion_effective_charge(6, 14, 10000.0), 1.0, 0.01);
    /* slow ions carry electrons: gamma well below 1 at 50 keV/u for carbon */
    assert_true(il_ion_effective_charge(6, 14, 50.0) < 0.6);
    /* 4He through this route equals the H/He engine at the same energy (same tables) */
    int Z = 14;
    double one = 1.0;
    il_stopping_target t = {.Z = &Z, .atoms = &one, .n = 1};
    il_ion_stopping *s;
    assert_int_equal(il_ion_stopping_new(2, 4.001506179, &t, 0, &s, NULL), IL_OK);
    il_stopping_value v;
    assert_int_equal(il_stopping_element(IL_ION_ALPHA, 14, 2000.0, &v, NULL), IL_OK);
    /* grid interpolation: 1e-4 */
    near(il_ion_stopping_eval(s, 2000.0), v.total_eV_tfu, 1e-4);
    /* crossing 100 tfu loses about S * 100 eV */
    double E = il_ion_stopping_advance(s, 2000.0, 100.0, NULL);
    near(2000.0 - E, v.total_eV_tfu * 0.1, 2e-3);
    /* the range-table path against a plain RK4 integration of dE/dx = -S(E) (10^4 steps,
     * error ~1e-12) over 2000 tfu from 2 MeV: 1e-6 */
    double Er = 2000.0, h = 0.2;
    for (int i = 0; i < 10000; i++) {
        double k1 = il_ion_stopping_eval(s, Er) * 1e-3;
        double k2 = il_ion_stopping_eval(s, Er - 0.5 * h * k1) * 1e-3;
        double k3 = il_ion_stopping_eval(s, Er - 0.5 * h * k2) * 1e-3;
        double k4 = il_ion_stopping_eval(s, Er - h * k3) * 1e-3;
        Er -= h * (k1 + 2 * k2 + 2 * k3 + k4) / 6.0;
    }
    near(il_ion_stopping_advance(s, 2000.0, 2000.0, NULL), Er, 1e-6);
    il_ion_stopping_free(s);

    /* Bohr straggling is energy independent: 4 pi e^4 Z1^2 Z2 = 2.60565e-4 x 4 x 14 =
     * 0.0145916 keV^2/tfu for He in Si (e^2 = 1.43996e-10 keV cm); over a thin 10 tfu layer the
     * variance is that times 10 (S changes by 1e-4 across it) */
    il_stopping_target tb = {.Z = &Z, .atoms = &one, .n = 1, .straggling = IL_STRAG_BOHR};
    assert_int_equal(il_ion_stopping_new(2, 4.001506179, &tb, 0, &s, NULL), IL_OK);
    near(il_ion_stopping_straggling_rate(s, 1500.0), 2.60565e-4 * 4 * 14, 1e-6);
    double var = 0.0;
    il_ion_stopping_advance(s, 2000.0, 10.0, &var);
    near(var, 2.60565e-4 * 4 * 14 * 10.0, 1e-3);
    il_ion_stopping_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kfactors),        cmocka_unit_test(reaction),
        cmocka_unit_test(rutherford),      cmocka_unit_test(rutherford_two_branches),
        cmocka_unit_test(recoil_and_mott), cmocka_unit_test(heavy_ion_stopping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
