/* The tables embedded at build time hold what the sources say. Reference values are quoted
 * from the primary sources, not from data/: CIAAW 2021 atomic weights, AME2020 masses
 * (Wang et al., Chin. Phys. C 45 (2021) 030003), NIST representative isotopic compositions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "data/tables.h"
#include "interlayer/interlayer.h"

static void elements(void **state)
{
    (void)state;
    assert_int_equal(il_tab_elements_count, 92);
    for (int Z = 1; Z <= 92; Z++) {
        const il_element *e = il_element_by_z(Z);
        assert_non_null(e);
        assert_int_equal(e->Z, Z);
        assert_ptr_equal(il_element_by_symbol(e->symbol), e);
        assert_true(e->atomic_weight_u > 0.9 * Z && e->atomic_weight_u < 2.7 * Z + 2);
        /* The source has no density for the short-lived At, Rn, Fr, Ra, Ac (Z 85-89). */
        if (Z >= 85 && Z <= 89)
            assert_true(isnan(e->density_g_cm3));
        else
            assert_true(e->density_g_cm3 > 0);
    }
    assert_null(il_element_by_z(0));
    assert_null(il_element_by_z(93));
    /* CIAAW 2021 abridged standard atomic weights; CRC densities (g/cm3). */
    assert_true(il_element_by_symbol("Li")->atomic_weight_u == 6.94);
    assert_true(fabs(il_element_by_symbol("Co")->atomic_weight_u - 58.933194) < 1e-6);
    assert_true(fabs(il_element_by_symbol("Si")->density_g_cm3 - 2.33) < 0.01);
    assert_true(fabs(il_element_by_symbol("Pt")->density_g_cm3 - 21.45) < 0.05);
    assert_string_equal(il_element_by_z(27)->symbol, "Co");
    assert_null(il_element_by_symbol("co")); /* symbols are case-sensitive: CO is not Co */
}

static void lookup_errors(void **state)
{
    (void)state;
    const il_element *e;
    il_error err;
    assert_int_equal(il_element_lookup("Xx", &e, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "'Xx'"));
    assert_int_equal(il_element_lookup("Lj", &e, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "did you mean"));
}

static void isotopes(void **state)
{
    (void)state;
    il_isotope iso[IL_MAX_NATURAL_ISOTOPES];
    /* Natural abundances of every element with stable isotopes add up to 1 within the
     * rounding of the published percentages (NIST gives 3-6 significant digits). */
    for (int Z = 1; Z <= 92; Z++) {
        size_t n = il_element_isotopes(Z, iso, IL_MAX_NATURAL_ISOTOPES);
        assert_true(n <= IL_MAX_NATURAL_ISOTOPES);
        if (n == 0)
            continue;
        double sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += iso[i].abundance;
        if (sum > 0)
            assert_true(fabs(sum - 1.0) < 2e-3);
    }
    size_t n = il_element_isotopes(3, iso, IL_MAX_NATURAL_ISOTOPES);
    assert_int_equal(n, 2);
    assert_int_equal(iso[0].A, 6);
    assert_true(fabs(iso[0].abundance - 0.0759) < 1e-9); /* NIST: 7.59(4) %, not CIAAW mid */
    assert_true(fabs(iso[0].mass_u - 6.0151228874) < 1e-9); /* AME2020 */
    assert_true(fabs(il_isotope_abundance(5, 10) - 0.199) < 1e-9);
    assert_true(il_isotope_abundance(3, 8) == 0.0);
    assert_int_equal(il_element_isotopes(43, NULL, 0), 0); /* Tc: none natural */
}

static void nuclide_masses(void **state)
{
    (void)state;
    double m;
    assert_int_equal(il_nuclide_mass_u(0, 1, &m, NULL), IL_OK);
    assert_true(fabs(m - 1.00866491595) < 1e-11); /* CODATA 2018 neutron */
    assert_int_equal(il_nuclide_mass_u(1, 3, &m, NULL), IL_OK);
    assert_true(fabs(m - 3.01604928132) < 1e-11); /* AME2020 triton (atomic) */
    assert_int_equal(il_nuclide_mass_u(2, 4, &m, NULL), IL_OK);
    assert_true(fabs(m - 4.00260325413) < 1e-11);
    /* Energy balance of 6Li(n,a)3H from these masses: Q = 4783.5 keV (DESIGN.md). */
    double mLi6, mn, ma, mt;
    il_nuclide_mass_u(3, 6, &mLi6, NULL);
    il_nuclide_mass_u(0, 1, &mn, NULL);
    il_nuclide_mass_u(2, 4, &ma, NULL);
    il_nuclide_mass_u(1, 3, &mt, NULL);
    double Q = (mLi6 + mn - ma - mt) * 931494.10242;
    assert_true(fabs(Q - 4783.5) < 0.1);
    il_error err;
    assert_int_equal(il_nuclide_mass_u(3, 99, &m, &err), IL_ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(elements),
        cmocka_unit_test(lookup_errors),
        cmocka_unit_test(isotopes),
        cmocka_unit_test(nuclide_masses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
