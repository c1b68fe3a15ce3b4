/* Formula parsing, molar masses, enrichment and number densities.
 * Molar masses are checked against values computed independently from the CIAAW 2021 abridged
 * standard atomic weights (Li 6.94, O 15.999, P 30.973762, Co 58.933194, ...) as printed by
 * suppliers and handbooks; tolerance 0.01 g/mol unless stated, since handbook values are rounded
 * to 0.01. Isotope fractions and masses come from NIST (6Li 7.59 %) and AME2020. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"

/* Molar mass and number density of a formula go through its composition (composition.h). */
static il_status formula_molar_mass(const il_formula *f, const il_enrichment *enr, size_t n_enr,
                                    double *M, il_error *err)
{
    il_composition c;
    il_status s = il_composition_from_formula(f, enr, n_enr, &c, err);
    return s ? s : il_composition_molar_mass(&c, M, err);
}

static il_status formula_number_density(const il_formula *f, double rho, double *n,
                                        il_error *err)
{
    il_composition c;
    il_status s = il_composition_from_formula(f, NULL, 0, &c, err);
    return s ? s : il_composition_number_density(&c, rho, n, err);
}

static double molar(const char *text)
{
    il_formula f;
    il_error err;
    assert_int_equal(il_formula_parse(text, &f, &err), IL_OK);
    double M = 0;
    assert_int_equal(formula_molar_mass(&f, NULL, 0, &M, &err), IL_OK);
    return M;
}

static double count_of(const il_formula *f, int Z)
{
    double c = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->Z[i] == Z)
            c += f->count[i];
    return c;
}

static void molar_masses(void **state)
{
    (void)state;
    assert_float_equal(molar("LiCoO2"), 97.87, 0.01);  /* Sigma-Aldrich 442704: 97.87 */
    assert_float_equal(molar("Li3PO4"), 115.79, 0.01); /* Sigma-Aldrich 338893: 115.79 */
    assert_float_equal(molar("H2O"), 18.015, 0.001);   /* CRC: 18.015 */
    /* LLZO: 839.7 with Li 6.94 (papers quoting 839.6-839.8 use Li 6.941 or rounded weights),
     * so 0.15 g/mol. */
    assert_float_equal(molar("Li7La3Zr2O12"), 839.7, 0.15);
    assert_float_equal(molar("Li6PS5Cl"), 268.36, 0.02);   /* 6*6.94+30.974+5*32.06+35.45 */
    assert_float_equal(molar("LiFePO4"), 157.76, 0.01);    /* Sigma-Aldrich 759546: 157.76 */
    assert_float_equal(molar("Li2CO3"), 73.89, 0.01);      /* CRC: 73.89 */
    assert_float_equal(molar("Li1.5Al0.5Ge1.5(PO4)3"), 417.76, 0.02); /* sum by hand */
    assert_float_equal(molar("Li2.9PO3.3N0.46"), 110.34, 0.01);       /* sum by hand */
    assert_float_equal(molar("D2O"), 20.028, 0.001); /* heavy water, CRC: 20.028 */
    /* explicit isotope: 6.0151229 + 58.933194 + 31.998 */
    assert_float_equal(molar("Li[6]CoO2"), 96.9463, 0.0005);
    assert_float_equal(molar("H[2]2O"), molar("D2O"), 1e-12);
}

static void structure(void **state)
{
    (void)state;
    il_formula f;
    assert_int_equal(il_formula_parse("(Li2S)0.75(P2S5)0.25", &f, NULL), IL_OK);
    assert_int_equal(f.n, 3);
    assert_float_equal(count_of(&f, 3), 1.5, 1e-12);
    assert_float_equal(count_of(&f, 15), 0.5, 1e-12);
    assert_float_equal(count_of(&f, 16), 0.75 + 1.25, 1e-12);
    /* nested groups and a repeated species merged */
    assert_int_equal(il_formula_parse("Ca((OH)2)3H", &f, NULL), IL_OK);
    assert_int_equal(f.n, 3);
    assert_float_equal(count_of(&f, 8), 6, 1e-12);
    assert_float_equal(count_of(&f, 1), 7, 1e-12);
    assert_int_equal(il_formula_parse("  LiCoO2 ", &f, NULL), IL_OK);
    il_formula g;
    assert_int_equal(il_formula_parse("O2CoLi", &g, NULL), IL_OK);
    assert_true(il_formula_equal(&f, &g));
    char buf[64];
    assert_string_equal(il_formula_format(&f, buf, sizeof buf), "LiCoO2");
    assert_int_equal(il_formula_parse("Li[6]CoO2", &f, NULL), IL_OK);
    assert_int_equal(f.A[0], 6);
    assert_string_equal(il_formula_format(&f, buf, sizeof buf), "Li[6]CoO2");
    assert_false(il_formula_equal(&f, &g)); /* 6Li is not natural Li */
    assert_int_equal(il_formula_parse("LiC6", &f, NULL), IL_OK);
    assert_float_equal(il_formula_atoms(&f), 7, 1e-12);
}

static void expect_error(const char *text, il_status code, int column, const char *fragment)
{
    il_formula f;
    il_error err;
    assert_int_equal(il_formula_parse(text, &f, &err), code);
    assert_int_equal(err.column, column);
    if (!strstr(err.message, fragment))
        fail_msg("'%s': message '%s' lacks '%s'", text, err.message, fragment);
}

static void errors(void **state)
{
    (void)state;
    /* Columns are 1-based byte columns: '%' is the 5th character of "Li3P%O4". */
    expect_error("Li3P%O4", IL_ERR_PARSE, 5, "formula 'Li3P%O4': unexpected '%'");
    expect_error("LiXxO2", IL_ERR_NOT_FOUND, 3, "unknown element 'Xx'");
    expect_error("LiCoo2", IL_ERR_NOT_FOUND, 3, "unknown element 'Coo'");
    expect_error("Li3(PO4", IL_ERR_PARSE, 4, "unbalanced parentheses");
    expect_error("Li3PO4)", IL_ERR_PARSE, 7, "unbalanced parentheses");
    expect_error("Li()2", IL_ERR_PARSE, 3, "empty parentheses");
    expect_error("Li0O", IL_ERR_INVALID, 3, "greater than zero");
    expect_error("(LiO)0.0", IL_ERR_INVALID, 6, "greater than zero");
    expect_error("Li-2O", IL_ERR_PARSE, 3, "'-'");
    expect_error("2H2O", IL_ERR_PARSE, 1, "count must follow");
    expect_error("Li CoO2", IL_ERR_PARSE, 3, "a blank");
    expect_error("Li[99]CoO2", IL_ERR_NOT_FOUND, 4, "no isotope Li-99");
    expect_error("Li[6CoO2", IL_ERR_PARSE, 5, "expected a mass number");
    expect_error("lico", IL_ERR_PARSE, 1, "capital letter");
    il_formula f;
    il_error err;
    assert_int_equal(il_formula_parse("", &f, &err), IL_ERR_PARSE);
    assert_int_equal(il_formula_parse("((((((((((((((((((Li))))))))))))))))))", &f, &err),
                     IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "nested"));
    /* a suggestion for a plausible typo */
    assert_int_equal(il_formula_parse("LiCq", &f, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "did you mean"));
}

static void enrichment(void **state)
{
    (void)state;
    il_formula f;
    il_error err;
    assert_int_equal(il_formula_parse("LiCoO2", &f, NULL), IL_OK);
    /* natural Li: 6Li atoms = 0.0759 x Li atoms (NIST representative composition) */
    assert_float_equal(il_formula_isotope_count(&f, NULL, 0, 3, 6), 0.0759, 1e-12);
    assert_float_equal(il_formula_isotope_count(&f, NULL, 0, 3, 7), 0.9241, 1e-12);
    /* 95 % 6Li: the rest (5 %) goes to 7Li, the only other natural isotope */
    il_enrichment e95 = {3, 6, 0.95};
    assert_float_equal(il_formula_isotope_count(&f, &e95, 1, 3, 6), 0.95, 1e-12);
    assert_float_equal(il_formula_isotope_count(&f, &e95, 1, 3, 7), 0.05, 1e-12);
    /* molar mass with isotope masses: 0.95*6.0151229 + 0.05*7.0160034 + 58.933194 + 2*15.999 */
    double M;
    assert_int_equal(formula_molar_mass(&f, &e95, 1, &M, &err), IL_OK);
    assert_float_equal(M, 0.95 * 6.0151229 + 0.05 * 7.0160034 + 58.933194 + 31.998, 1e-6);
    /* the natural isotopic mix reproduces the standard atomic weight of Li (6.94) to 1e-3 */
    il_enrichment nat = {3, 6, 0.0759};
    assert_int_equal(formula_molar_mass(&f, &nat, 1, &M, &err), IL_OK);
    assert_float_equal(M, 97.871, 1e-3);
    /* three-isotope element: 90 % 17O leaves 10 % shared by 16O and 18O 99.757 : 0.205 */
    assert_int_equal(il_formula_parse("O", &f, NULL), IL_OK);
    il_enrichment o17 = {8, 17, 0.9};
    double c16 = il_formula_isotope_count(&f, &o17, 1, 8, 16);
    double c18 = il_formula_isotope_count(&f, &o17, 1, 8, 18);
    assert_float_equal(c16 + c18, 0.1, 1e-12);
    assert_float_equal(c16 / c18, 99.757 / 0.205, 1e-6);
    /* isotope expansion of H2O: two H isotopes, three O isotopes, sum = atoms */
    assert_int_equal(il_formula_parse("H2O", &f, NULL), IL_OK);
    il_formula_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n;
    assert_int_equal(il_formula_isotopes(&f, NULL, 0, iso, IL_FORMULA_ISOTOPES_MAX, &n, &err),
                     IL_OK);
    assert_int_equal(n, 5);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += iso[i].count;
    assert_float_equal(sum, 3, 1e-12);
    assert_int_equal(iso[0].Z, 1);
    assert_int_equal(iso[0].A, 1);
    /* bad enrichments */
    il_enrichment bad = {3, 6, 1.2};
    assert_int_equal(il_enrichment_check(&bad, 1, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "[0, 1]"));
    bad.fraction = -0.1;
    assert_int_equal(il_enrichment_check(&bad, 1, &err), IL_ERR_INVALID);
    il_enrichment two[2] = {{3, 6, 0.7}, {3, 7, 0.7}};
    assert_int_equal(il_enrichment_check(two, 2, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "more than 1"));
    il_enrichment mono = {9, 19, 0.5}; /* F has one isotope: nothing to take the other half */
    assert_int_equal(il_enrichment_check(&mono, 1, &err), IL_ERR_INVALID);
    il_enrichment full = {3, 6, 1.0};
    assert_int_equal(il_enrichment_check(&full, 1, &err), IL_OK);
    assert_float_equal(il_formula_isotope_count(&f, &full, 1, 3, 6), 0, 0); /* no Li in H2O */
}

static void densities(void **state)
{
    (void)state;
    il_formula f;
    double n;
    /* Si 2.33 g/cm3 -> 4.996e22 atoms/cm3 (Sze, Physics of Semiconductor Devices: 5.0e22) */
    assert_int_equal(il_formula_parse("Si", &f, NULL), IL_OK);
    assert_int_equal(formula_number_density(&f, 2.33, &n, NULL), IL_OK);
    assert_float_equal(n / 1e22, 4.996, 0.002);
    /* Cu 8.96 g/cm3 -> 8.49e22 atoms/cm3 (Kittel, Introduction to Solid State Physics) */
    assert_int_equal(il_formula_parse("Cu", &f, NULL), IL_OK);
    assert_int_equal(formula_number_density(&f, 8.96, &n, NULL), IL_OK);
    assert_float_equal(n / 1e22, 8.49, 0.005);
    /* LiCoO2 5.05 g/cm3: 4 atoms / 97.871 g/mol -> 1.2429e23 atoms/cm3 by hand */
    assert_int_equal(il_formula_parse("LiCoO2", &f, NULL), IL_OK);
    assert_int_equal(formula_number_density(&f, 5.05, &n, NULL), IL_OK);
    assert_float_equal(n / 1e23, 5.05 * 6.02214076 * 4 / 97.871, 1e-5); /* M rounded */
    il_error err;
    assert_int_equal(formula_number_density(&f, -1, &n, &err), IL_ERR_INVALID);
    /* fractions */
    double fr[IL_FORMULA_MAX];
    assert_int_equal(il_formula_atom_fractions(&f, fr, NULL), IL_OK);
    assert_float_equal(fr[2], 0.5, 1e-15);
    assert_int_equal(il_formula_mass_fractions(&f, NULL, 0, fr, NULL), IL_OK);
    /* Co mass fraction in LiCoO2: 58.933 / 97.871 = 0.6021 */
    assert_float_equal(fr[1], 0.6021, 1e-4);
    assert_float_equal(fr[0] + fr[1] + fr[2], 1, 1e-14);
}

/* Li-9 (half-life 178 ms) occurs in no sample: it is refused as a species, pointing at its
 * mass number; naturally occurring (K-40) and long-lived (C-14, 5.70 ky) isotopes stay. */
static void short_lived(void **state)
{
    (void)state;
    expect_error("Li[9]CoO2", IL_ERR_INVALID, 4, "Li-9 is neither stable nor long-lived");
    expect_error("B[8]", IL_ERR_INVALID, 3, "B-8 is neither stable nor long-lived");
    il_formula f;
    assert_int_equal(il_formula_parse("C[14]", &f, NULL), IL_OK);
    assert_int_equal(il_formula_parse("K[40]Cl", &f, NULL), IL_OK);
    assert_int_equal(il_formula_parse("Li[6]CoO2", &f, NULL), IL_OK);
    int Z, A;
    il_error err;
    assert_int_equal(il_stack_parse_isotope_key("li9", &Z, &A, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "Li-9"));
    assert_int_equal(il_stack_parse_isotope_key("li6", &Z, &A, &err), IL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(molar_masses), cmocka_unit_test(structure),
        cmocka_unit_test(errors),       cmocka_unit_test(enrichment),
        cmocka_unit_test(densities), cmocka_unit_test(short_lived),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
