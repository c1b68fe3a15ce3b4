/* Compositions: molar masses, number densities, nm <-> tfu, isotope splitting and errors.
 * Reference numbers are written out by hand below from published data, not taken from the
 * library's tables:
 *   standard atomic weights (CIAAW 2021, conventional/abridged where the table gives one):
 *     Li 6.94, Co 58.933194, O 15.999, Si 28.085, Nb 92.90637, P 30.973761998
 *   isotope masses (AME2020, Wang et al., Chin. Phys. C 45 (2021) 030003):
 *     6Li 6.0151228874 u, 7Li 7.016003434 u
 *   N_A = 6.02214076e23 /mol (SI 2019, exact). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/interlayer.h"

#define NA 6.02214076e23
#define W_LI 6.94
#define W_CO 58.933194
#define W_O 15.999
#define W_SI 28.085
#define M_LI6 6.0151228874
#define M_LI7 7.016003434

static void close_rel(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol * fabs(want)))
        fail_msg("got %.17g, want %.17g (relative tolerance %g)", got, want, tol);
}

static il_composition of(const char *text, const il_enrichment *enr, size_t n_enr)
{
    il_formula f;
    il_composition c;
    il_error err;
    assert_int_equal(il_formula_parse(text, &f, &err), IL_OK);
    if (il_composition_from_formula(&f, enr, n_enr, &c, &err) != IL_OK)
        fail_msg("%s: %s", text, err.message);
    return c;
}

/* Tolerance 1e-12 relative on sums of a few terms: only the rounding of the additions. */
static void molar_masses(void **state)
{
    (void)state;
    double M;
    il_composition c = of("LiCoO2", NULL, 0);
    assert_int_equal(il_composition_molar_mass(&c, &M, NULL), IL_OK);
    close_rel(M, W_LI + W_CO + 2 * W_O, 1e-12); /* 97.871194 */
    close_rel(M, 97.87, 1e-4);                 /* the catalogue value, to its 4 digits */

    /* 95 % 6Li: the rest of Li is 7Li, the only other natural isotope */
    il_enrichment e95 = {3, 6, 0.95};
    c = of("LiCoO2", &e95, 1);
    assert_int_equal(il_composition_molar_mass(&c, &M, NULL), IL_OK);
    close_rel(M, 0.95 * M_LI6 + 0.05 * M_LI7 + W_CO + 2 * W_O, 1e-12); /* 96.9963... */

    /* an explicit isotope keeps its AME2020 mass: Li[6]CoO2 */
    c = of("Li[6]CoO2", NULL, 0);
    assert_int_equal(il_composition_molar_mass(&c, &M, NULL), IL_OK);
    close_rel(M, M_LI6 + W_CO + 2 * W_O, 1e-12);
}

/* Si at 2.329 g/cm3 (the crystal density): 2.329 * N_A / 28.085 = 4.9940e22 atoms/cm3, the
 * textbook 4.994e22 (tolerance 1e-4: the reference's four digits). LiCoO2 at 5.05 g/cm3:
 * 4 atoms per 97.871194 g/mol, by hand (1e-12: rounding only). */
static void number_densities(void **state)
{
    (void)state;
    double n;
    il_composition si = of("Si", NULL, 0);
    assert_int_equal(il_composition_number_density(&si, 2.329, &n, NULL), IL_OK);
    close_rel(n, 4.994e22, 1e-4);
    close_rel(n, 2.329 * NA / W_SI, 1e-12);

    il_composition lco = of("LiCoO2", NULL, 0);
    assert_int_equal(il_composition_number_density(&lco, 5.05, &n, NULL), IL_OK);
    close_rel(n, 5.05 * NA * 4 / (W_LI + W_CO + 2 * W_O), 1e-12); /* 1.24293e23 */
    /* a quarter of the atoms are Li, of which 7.59 % are 6Li (natural abundance, NIST) */
    close_rel(il_composition_atoms_cm3(&lco, n, 3, 0), n / 4, 1e-15);
    close_rel(il_composition_atoms_cm3(&lco, n, 3, 6), n / 4 * 0.0759, 1e-12);
    close_rel(il_composition_atoms_cm3(&lco, n, 8, 0), n / 2, 1e-15);
    assert_true(il_composition_atoms_cm3(&lco, n, 14, 0) == 0);

    il_error err;
    assert_int_equal(il_composition_number_density(&lco, 0, &n, &err), IL_ERR_INVALID);
    assert_int_equal(il_composition_number_density(&lco, NAN, &n, &err), IL_ERR_INVALID);
}

/* 100 nm at 5e22 atoms/cm3 = 5e22 * 1e-5 cm = 5e17 atoms/cm2 = 500 tfu. */
static void thickness_units(void **state)
{
    (void)state;
    close_rel(il_nm_to_tfu(100, 5e22), 500, 1e-15);
    close_rel(il_tfu_to_nm(500, 5e22), 100, 1e-15);
    const double nm[] = {1e-3, 0.37, 50, 1234.5, 1e6};
    const double N[] = {2.5e19, 4.994e22, 1.243e23};
    for (size_t i = 0; i < sizeof nm / sizeof nm[0]; i++)
        for (size_t j = 0; j < sizeof N / sizeof N[0]; j++)
            close_rel(il_tfu_to_nm(il_nm_to_tfu(nm[i], N[j]), N[j]), nm[i], 4e-16 * 4);
}

/* An enriched element is replaced in place by its isotopes (natural ones by mass number, then
 * enriched ones nature lacks), and their atoms add up to the element's count. */
static void isotope_splitting(void **state)
{
    (void)state;
    il_enrichment e95 = {3, 6, 0.95};
    il_composition c = of("Li3PO4", &e95, 1);
    assert_int_equal(c.n, 4);
    assert_true(c.Z[0] == 3 && c.A[0] == 6 && c.Z[1] == 3 && c.A[1] == 7);
    assert_true(c.Z[2] == 15 && c.A[2] == 0 && c.Z[3] == 8 && c.A[3] == 0);
    close_rel(c.atoms[0], 3 * 0.95, 1e-15);
    close_rel(c.atoms[1], 3 * 0.05, 1e-12);
    close_rel(il_composition_count(&c, 3, 0), 3, 1e-15);
    close_rel(il_composition_atoms(&c), 8, 1e-15);

    /* three isotopes: 90 % 17O leaves 10 % shared by 16O : 18O = 99.757 : 0.205 (NIST) */
    il_enrichment o17 = {8, 17, 0.9};
    c = of("LiNbO3", &o17, 1);
    assert_int_equal(c.n, 5);
    assert_true(c.A[2] == 16 && c.A[3] == 17 && c.A[4] == 18);
    close_rel(c.atoms[3], 2.7, 1e-15);
    close_rel(c.atoms[2] / c.atoms[4], 99.757 / 0.205, 1e-9);
    close_rel(il_composition_count(&c, 8, 0), 3, 1e-15);

    /* an enriched isotope nature lacks comes after the natural ones: tritiated water */
    il_enrichment t = {1, 3, 0.5};
    c = of("H2O", &t, 1);
    assert_int_equal(c.n, 4);
    assert_true(c.A[0] == 1 && c.A[1] == 2 && c.A[2] == 3 && c.Z[3] == 8);
    close_rel(c.atoms[2], 1.0, 1e-15);
    close_rel(c.atoms[0] + c.atoms[1], 1.0, 1e-15);

    /* 100 % 6Li drops 7Li (no atoms) */
    il_enrichment full = {3, 6, 1.0};
    c = of("LiCoO2", &full, 1);
    assert_int_equal(c.n, 3);
    assert_true(c.A[0] == 6 && c.atoms[0] == 1.0);
}

/* The reflectometry override: natural Li becomes x 6Li + (1 - x) 7Li; above 1 counts as 1. */
static void li6_override(void **state)
{
    (void)state;
    il_composition c = of("LiNbO3", NULL, 0);
    assert_int_equal(il_composition_set_li6_fraction(&c, 0.3, NULL), IL_OK);
    assert_int_equal(c.n, 4);
    assert_true(c.A[0] == 6 && c.A[1] == 7 && c.Z[2] == 41);
    close_rel(c.atoms[0], 0.3, 1e-15);
    close_rel(c.atoms[1], 0.7, 1e-15);
    double M;
    assert_int_equal(il_composition_molar_mass(&c, &M, NULL), IL_OK);
    close_rel(M, 0.3 * M_LI6 + 0.7 * M_LI7 + 92.90637 + 3 * W_O, 1e-12);
    c = of("Li2O", NULL, 0);
    assert_int_equal(il_composition_set_li6_fraction(&c, 1.5, NULL), IL_OK);
    assert_true(c.atoms[0] == 2 && c.atoms[1] == 0);
    il_error err;
    assert_int_equal(il_composition_set_li6_fraction(&c, -0.1, &err), IL_ERR_INVALID);
}

/* A stack layer's composition carries its enrichment, and the layer's derived numbers agree
 * with the composition's (one computation). */
static void layer_composition(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_parse("LiCoO2 1um li6=0.95 | Si", NULL, &s, &err), IL_OK);
    const il_layer *l = il_stack_layer(s, 0);
    il_composition c;
    assert_int_equal(il_layer_composition(l, &c, &err), IL_OK);
    assert_int_equal(c.n, 4);
    assert_true(c.A[0] == 6 && c.A[1] == 7);
    double M, n;
    assert_int_equal(il_composition_molar_mass(&c, &M, NULL), IL_OK);
    assert_true(M == l->molar_mass_g_mol);
    assert_int_equal(il_composition_number_density(&c, l->density_g_cm3, &n, NULL), IL_OK);
    assert_true(n == l->atoms_cm3);
    assert_true(il_nm_to_tfu(1000, n) == l->areal_tfu);
    close_rel(l->li6_atoms_cm3, 0.95 * n / 4, 1e-12);
    il_stack_free(s);
}

static void errors(void **state)
{
    (void)state;
    il_error err;
    il_composition c = {0};
    /* unknown isotope, unknown element, bad amount */
    assert_int_equal(il_composition_add(&c, 3, 42, 1, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "Li-42"));
    assert_int_equal(il_composition_add(&c, 0, 0, 1, &err), IL_ERR_INVALID);
    assert_int_equal(il_composition_add(&c, 3, 0, -1, &err), IL_ERR_INVALID);
    assert_int_equal(c.n, 0);
    il_formula f;
    assert_int_equal(il_formula_parse("LiCoO2", &f, NULL), IL_OK);
    il_enrichment bad = {3, 42, 0.5};
    assert_int_equal(il_composition_from_formula(&f, &bad, 1, &c, &err), IL_ERR_NOT_FOUND);
    /* over capacity */
    c.n = 0;
    for (int i = 0; i < IL_COMPOSITION_MAX; i++)
        assert_int_equal(il_composition_add(&c, 1 + i % 92, 0, 1, NULL), IL_OK);
    assert_int_equal(il_composition_add(&c, 1, 0, 1, &err), IL_ERR_RANGE);
    assert_int_equal(c.n, IL_COMPOSITION_MAX);
    /* the Li split needs one more slot than a full composition has */
    c.Z[0] = 3, c.A[0] = 0;
    assert_int_equal(il_composition_set_li6_fraction(&c, 0.5, &err), IL_ERR_RANGE);
    /* an empty composition has no molar mass */
    il_composition empty = {0};
    double M;
    assert_int_equal(il_composition_molar_mass(&empty, &M, &err), IL_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(molar_masses),     cmocka_unit_test(number_densities),
        cmocka_unit_test(thickness_units),  cmocka_unit_test(isotope_splitting),
        cmocka_unit_test(li6_override),     cmocka_unit_test(layer_composition),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
