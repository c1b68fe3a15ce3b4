/* Ions, per-element stopping rules and the compound API: names and masses, equal-velocity
 * scaling of isotopes, ZBL nuclear stopping against hand-computed values, continuity where
 * the sources change, sources reported, user overrides, and errors for bad input. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "interlayer/stopping.h"
#include "physics/stopping/stopping_internal.h"
#include "physics/stopping/stopping_sweep.h"

static void test_ion_parse_and_masses(void **state)
{
    (void)state;
    struct {
        const char *text;
        il_ion ion;
    } ok[] = {{"p", IL_ION_P},       {"1H", IL_ION_P},      {"H", IL_ION_P},
              {"proton", IL_ION_P},  {"d", IL_ION_D},       {"2H", IL_ION_D},
              {"t", IL_ION_T},       {"3H", IL_ION_T},      {"triton", IL_ION_T},
              {"3He", IL_ION_HE3},   {"h", IL_ION_HE3},     {"helion", IL_ION_HE3},
              {"alpha", IL_ION_ALPHA}, {"4He", IL_ION_ALPHA}, {"He", IL_ION_ALPHA},
              {"ALPHA", IL_ION_ALPHA}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        il_ion ion;
        assert_int_equal(il_ion_parse(ok[i].text, &ion, NULL), IL_OK);
        assert_int_equal(ion, ok[i].ion);
    }
    il_error err;
    il_ion ion;
    assert_int_equal(il_ion_parse("alpah", &ion, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "'alpah'"));
    assert_non_null(strstr(err.message, "did you mean 'alpha'"));
    assert_int_equal(il_ion_parse("", &ion, &err), IL_ERR_NOT_FOUND);
    assert_int_equal(il_ion_parse("xyzzyq", &ion, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "expected one of"));

    /* Nuclear masses from AME2020 atomic masses: proton 1.007276467 u, alpha 4.001506179 u
     * (CODATA 2018 values, independent of AME); agreement to 1e-9 u. */
    il_ion_info info;
    assert_int_equal(il_ion_get(IL_ION_P, &info, NULL), IL_OK);
    assert_true(fabs(info.mass_u - 1.007276466621) < 1e-9);
    assert_int_equal(info.Z, 1);
    assert_int_equal(il_ion_get(IL_ION_ALPHA, &info, NULL), IL_OK);
    assert_true(fabs(info.mass_u - 4.001506179127) < 1e-9);
    assert_int_equal(il_ion_get(IL_ION_D, &info, NULL), IL_OK);
    assert_true(fabs(info.mass_u - 2.013553212745) < 1e-9); /* CODATA deuteron */
    assert_int_equal(il_ion_get(IL_ION_HE3, &info, NULL), IL_OK);
    assert_true(fabs(info.mass_u - 3.014932247175) < 1e-9); /* CODATA helion */
    assert_int_equal(il_ion_get(IL_ION_T, &info, NULL), IL_OK);
    assert_true(fabs(info.mass_u - 3.01550071621) < 1e-8); /* CODATA triton */
    assert_int_equal(il_ion_get((il_ion)17, &info, &err), IL_ERR_INVALID);
}

/* Hydrogen and helium isotopes at equal velocity: S_ion(E) = S_ref(E m_ref/m_ion), exactly
 * (electronic part). */
static void test_equal_velocity_scaling(void **state)
{
    (void)state;
    il_ion_info p, d, t, h, a;
    il_ion_get(IL_ION_P, &p, NULL);
    il_ion_get(IL_ION_D, &d, NULL);
    il_ion_get(IL_ION_T, &t, NULL);
    il_ion_get(IL_ION_HE3, &h, NULL);
    il_ion_get(IL_ION_ALPHA, &a, NULL);
    const int Zs[] = {3, 8, 14, 27, 79};
    for (size_t k = 0; k < 5; k++) {
        for (double E = 5.0; E < 5e4; E *= 3.7) {
            il_stopping_value vt, vp, vh, va, vd;
            assert_int_equal(il_stopping_element(IL_ION_T, Zs[k], E, &vt, NULL), IL_OK);
            assert_int_equal(il_stopping_element(IL_ION_P, Zs[k], E * p.mass_u / t.mass_u, &vp, NULL), IL_OK);
            assert_true(fabs(vt.electronic_eV_tfu / vp.electronic_eV_tfu - 1.0) < 1e-12);
            assert_int_equal(il_stopping_element(IL_ION_D, Zs[k], E, &vd, NULL), IL_OK);
            assert_int_equal(il_stopping_element(IL_ION_P, Zs[k], E * p.mass_u / d.mass_u, &vp, NULL), IL_OK);
            assert_true(fabs(vd.electronic_eV_tfu / vp.electronic_eV_tfu - 1.0) < 1e-12);
            assert_int_equal(il_stopping_element(IL_ION_HE3, Zs[k], E, &vh, NULL), IL_OK);
            assert_int_equal(il_stopping_element(IL_ION_ALPHA, Zs[k], E * a.mass_u / h.mass_u, &va, NULL), IL_OK);
            assert_true(fabs(vh.electronic_eV_tfu / va.electronic_eV_tfu - 1.0) < 1e-12);
            /* nuclear stopping is not velocity-scaled: heavier isotope, more nuclear stopping
             * at the same velocity */
            assert_true(vh.nuclear_eV_tfu < va.nuclear_eV_tfu);
        }
    }
}

/* ZBL universal nuclear stopping against values computed by hand (calculator) from
 *   eps = 32.53 M2 E / (Z1 Z2 (M1+M2)(Z1^0.23+Z2^0.23)),
 *   s(eps) = ln(1+1.1383 eps) / (2 (eps + 0.01321 eps^0.21226 + 0.19593 eps^0.5)), eps <= 30
 *          = ln(eps) / (2 eps), eps > 30,
 *   S_n = 8.462 Z1 Z2 M1 s / ((M1+M2)(Z1^0.23+Z2^0.23)) eV/(1e15 atoms/cm2):
 *  - 4He (4.001506 u) on Si (28.085 u) at 50 keV: eps = 16.9048, s = 0.0848009,
 *    S_n = 0.833096;
 *  - 1H (1.007276 u) on Au (196.96657 u) at 1 MeV: eps = 109.779, s = 0.0213997,
 *    S_n = 0.0195041.
 * Tolerance 1e-5: the hand values carry 6 digits. */
static void test_zbl_by_hand(void **state)
{
    (void)state;
    double s1 = il_stopping_nuclear_zbl(2, 4.001506179, 14, 28.085, 50.0);
    assert_true(fabs(s1 / 0.833096 - 1.0) < 1e-5);
    double s2 = il_stopping_nuclear_zbl(1, 1.007276467, 79, 196.96657, 1000.0);
    assert_true(fabs(s2 / 0.0195041 - 1.0) < 1e-5);
    assert_true(il_stopping_nuclear_zbl(2, 4.0, 14, 28.0, 0.0) == 0.0);
}

/* The untabulated elements of the battery materials are served by the fit, and where the
 * fit hands over to Bethe scaling (1 MeV/u) the curve is continuous: relative jump < 1e-6
 * across +-1e-7 relative in energy (the slope there is ~ -1, so 1e-6 is 10x the slope
 * effect). Below 1 keV (reference ion) the stopping is velocity-proportional. */
static void test_sources_and_continuity(void **state)
{
    (void)state;
    const int fitZ[] = {3, 15, 25, 27, 28, 57};
    for (size_t k = 0; k < 6; k++) {
        for (int Z1 = 1; Z1 <= 2; Z1++) {
            il_ion ion = Z1 == 1 ? IL_ION_P : IL_ION_ALPHA;
            assert_int_equal(il_stopping_element_source(ion, fitZ[k]), IL_STOP_SRC_FIT);
            il_ion_ref ref;
            il__ion_ref(ion, &ref, NULL);
            double Esw = il__fit_switch_keV(Z1) / ref.to_ref;
            il_stopping_value lo, hi;
            assert_int_equal(il_stopping_element(ion, fitZ[k], Esw * (1 - 1e-7), &lo, NULL), IL_OK);
            assert_int_equal(il_stopping_element(ion, fitZ[k], Esw * (1 + 1e-7), &hi, NULL), IL_OK);
            assert_int_equal(lo.source, IL_STOP_SRC_FIT);
            assert_int_equal(hi.source, IL_STOP_SRC_FIT_BETHE);
            assert_true(fabs(hi.electronic_eV_tfu / lo.electronic_eV_tfu - 1.0) < 1e-6);
            /* velocity-proportional below 1 keV of the reference ion */
            il_stopping_value a, b;
            il_stopping_element(ion, fitZ[k], 0.5 / ref.to_ref, &a, NULL);
            il_stopping_element(ion, fitZ[k], 0.125 / ref.to_ref, &b, NULL);
            assert_true(fabs(a.electronic_eV_tfu / b.electronic_eV_tfu - 2.0) < 1e-12);
        }
    }
    /* the proton fit's 10 keV/u join (velocity-proportional below) is continuous */
    for (size_t k = 0; k < 6; k++) {
        il_stopping_value lo, hi;
        double E10 = 10.0 * 1.007276; /* 10 keV/u in the fit's energy variable */
        il_stopping_element(IL_ION_P, fitZ[k], E10 * (1 - 1e-9), &lo, NULL);
        il_stopping_element(IL_ION_P, fitZ[k], E10 * (1 + 1e-9), &hi, NULL);
        assert_true(fabs(hi.electronic_eV_tfu / lo.electronic_eV_tfu - 1.0) < 1e-7);
    }
    assert_int_equal(il_stopping_element_source(IL_ION_ALPHA, 14), IL_STOP_SRC_TABLE);
    /* the tables start at 1 keV: the velocity-proportional extension joins them */
    il_stopping_value a, b;
    il_stopping_element(IL_ION_P, 14, 1.0 * (1 - 1e-9), &a, NULL);
    il_stopping_element(IL_ION_P, 14, 1.0 * (1 + 1e-9), &b, NULL);
    assert_true(fabs(a.electronic_eV_tfu / b.electronic_eV_tfu - 1.0) < 1e-6);
}

/* Bragg additivity, factor, parts and sources; user scale and user table. */
static void test_compound_api(void **state)
{
    (void)state;
    int Z[] = {3, 27, 8};
    double n[] = {1, 1, 2};
    il_stopping_target t = {.Z = Z, .atoms = n, .n = 3};
    il_stopping_value tot;
    il_stopping_part parts[3];
    size_t np;
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &t, 2055.8, &tot, parts, &np, NULL), IL_OK);
    assert_int_equal(np, 3);
    assert_int_equal(tot.source, IL_STOP_SRC_MIXED);
    assert_int_equal(parts[0].value.source, IL_STOP_SRC_FIT);
    assert_int_equal(parts[2].value.source, IL_STOP_SRC_TABLE);
    double sum = 0.0;
    for (int i = 0; i < 3; i++)
        sum += parts[i].atom_fraction * parts[i].value.total_eV_tfu;
    assert_true(fabs(sum / tot.total_eV_tfu - 1.0) < 1e-12);
    assert_true(fabs(parts[2].atom_fraction - 0.5) < 1e-15);

    /* factor multiplies the electronic part only */
    il_stopping_target t2 = t;
    t2.factor = 0.9;
    il_stopping_value tot2;
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &t2, 2055.8, &tot2, NULL, NULL, NULL), IL_OK);
    assert_true(fabs(tot2.electronic_eV_tfu / tot.electronic_eV_tfu - 0.9) < 1e-12);
    assert_true(tot2.nuclear_eV_tfu == tot.nuclear_eV_tfu);

    /* user scale on Co: source user, value scaled */
    il_stopping_user u = {.Z = 27, .scale = 1.1};
    t2 = t;
    t2.user = &u;
    t2.n_user = 1;
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &t2, 2055.8, &tot2, parts + 0, NULL, NULL), IL_OK);
    il_stopping_part p3[3];
    il_stopping_compound(IL_ION_ALPHA, &t2, 2055.8, &tot2, p3, NULL, NULL);
    assert_int_equal(p3[1].value.source, IL_STOP_SRC_USER);
    il_stopping_value co;
    il_stopping_element(IL_ION_ALPHA, 27, 2055.8, &co, NULL);
    assert_true(fabs(p3[1].value.electronic_eV_tfu / co.electronic_eV_tfu - 1.1) < 1e-12);

    /* user table: reproduced at its nodes, log-log between, joined to built-in outside */
    double Eu[] = {1000, 2000, 4000};
    double Su[] = {60, 50, 35};
    il_stopping_user ut = {.Z = 27, .energy_keV = Eu, .S_eV_tfu = Su, .n = 3};
    t2.user = &ut;
    il_stopping_compound(IL_ION_ALPHA, &t2, 2000.0, &tot2, p3, NULL, NULL);
    assert_true(fabs(p3[1].value.electronic_eV_tfu - 50.0) < 1e-12);
    il_stopping_compound(IL_ION_ALPHA, &t2, sqrt(2000.0 * 4000.0), &tot2, p3, NULL, NULL);
    assert_true(fabs(p3[1].value.electronic_eV_tfu - sqrt(50.0 * 35.0)) < 1e-9);
    il_stopping_compound(IL_ION_ALPHA, &t2, 4000.0 * (1 + 1e-9), &tot2, p3, NULL, NULL);
    assert_true(fabs(p3[1].value.electronic_eV_tfu / 35.0 - 1.0) < 1e-6);

    /* bad input */
    il_error err;
    double bad[] = {1, -1, 2};
    il_stopping_target tb = {.Z = Z, .atoms = bad, .n = 3};
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &tb, 100, &tot2, NULL, NULL, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "Co"));
    int Zbad[] = {3, 120};
    il_stopping_target tz = {.Z = Zbad, .atoms = n, .n = 2};
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &tz, 100, &tot2, NULL, NULL, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "Z=120"));
    il_stopping_user ux = {.Z = 29, .scale = 2};
    t2 = t;
    t2.user = &ux;
    t2.n_user = 1;
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &t2, 100, &tot2, NULL, NULL, &err), IL_ERR_INVALID);
    double Ed[] = {1000, 900};
    il_stopping_user ud = {.Z = 27, .energy_keV = Ed, .S_eV_tfu = Su, .n = 2};
    t2.user = &ud;
    assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &t2, 100, &tot2, NULL, NULL, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "increase"));
}

static void test_range_errors(void **state)
{
    (void)state;
    /* the unchecked fast evaluation clamps NaN and out-of-range energies instead of
     * misbehaving */
    int Zs[] = {14};
    double ns[] = {1};
    il_stopping_target ts = {.Z = Zs, .atoms = ns, .n = 1};
    il_stopping *fs;
    assert_int_equal(il_stopping_new(IL_ION_P, &ts, &fs, NULL), IL_OK);
    assert_true(isfinite(il_stopping_eval(fs, NAN)));
    assert_true(isfinite(il_stopping_eval(fs, 1e300)));
    assert_true(il_stopping_eval(fs, 0.0) == 0.0);
    il_stopping_free(fs);
    il_error err;
    il_stopping_value v;
    assert_int_equal(il_stopping_element(IL_ION_ALPHA, 14, 0.0, &v, &err), IL_ERR_RANGE);
    assert_int_equal(il_stopping_element(IL_ION_ALPHA, 14, 2e6, &v, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "2e+06 keV"));
    assert_non_null(strstr(err.message, "(0, 1e+06] keV"));
    assert_int_equal(il_stopping_element(IL_ION_ALPHA, 14, NAN, &v, &err), IL_ERR_RANGE);
    assert_int_equal(il_stopping_element(IL_ION_ALPHA, 0, 100, &v, &err), IL_ERR_INVALID);
    assert_int_equal(il_stopping_element(IL_ION_ALPHA, 93, 100, &v, &err), IL_ERR_INVALID);
    /* protons reach 10 GeV, 3He 750 MeV (4He's 1 GeV at equal velocity) */
    assert_true(fabs(il_stopping_emax_keV(IL_ION_P) - 1e7) < 1e-3);
    assert_true(il_stopping_emax_keV(IL_ION_HE3) < 7.6e5 && il_stopping_emax_keV(IL_ION_HE3) > 7.5e5);
    assert_string_equal(il_stop_source_name(IL_STOP_SRC_TABLE), "table");
}

/* The table builder's sweep evaluator gives the same numbers as the direct evaluation, for
 * every element and both reference ions, also when the energy goes down (cursor reset).
 * Tolerance 1e-12: rounding only (same formulas, operations in another order). */
static void test_sweep_equals_direct(void **state)
{
    (void)state;
    static il_sweep_el ev;
    for (int Z1 = 1; Z1 <= 2; Z1++)
        for (int Z = 1; Z <= 92; Z++) {
            il__sweep_init(&ev, Z1, Z);
            for (int pass = 0; pass < 2; pass++)
                for (double E = 0.003; E < 9e5; E *= 1.37) {
                    double a = il__sweep_se(&ev, E), b = il__se_ref(Z1, Z, E, NULL);
                    if (fabs(a / b - 1.0) > 1e-12)
                        fail_msg("Z1=%d Z=%d E=%g: sweep %.17g direct %.17g", Z1, Z, E, a, b);
                }
            double a = il__sweep_se(&ev, 500.0), b = il__se_ref(Z1, Z, 500.0, NULL);
            assert_true(fabs(a / b - 1.0) < 1e-12);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ion_parse_and_masses),
        cmocka_unit_test(test_equal_velocity_scaling),
        cmocka_unit_test(test_zbl_by_hand),
        cmocka_unit_test(test_sources_and_continuity),
        cmocka_unit_test(test_compound_api),
        cmocka_unit_test(test_range_errors),
        cmocka_unit_test(test_sweep_equals_direct),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
