/* Inline stacks, derived amounts, the default cell and the setters. Expected numbers are worked
 * out by hand in the comments from N_A = 6.02214076e23, F = 96485.33212 C/mol and the CIAAW
 * atomic weights (independent of the code's path through formula/material). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"

static il_stack *parse_ok(const char *text)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err) != IL_OK) {
        char buf[1200];
        fail_msg("'%s': %s", text, il_error_format(&err, buf, sizeof buf));
    }
    return s;
}

static void inline_basic(void **state)
{
    (void)state;
    il_stack *s = parse_ok("Pt 50nm | LiCoO2 1um | Li3PO4 1.5 um | Si 200nm | Cu 500nm");
    assert_int_equal(il_stack_count(s), 5);
    assert_null(il_stack_substrate(s));
    const il_layer *pt = il_stack_layer(s, 0);
    assert_string_equal(pt->material, "Pt");
    assert_float_equal(pt->thickness_nm, 50, 0);
    /* Pt: 21.45 g/cm3 * N_A / 195.084 g/mol = 6.6215e22 /cm3; x 50e-7 cm = 331.08e15 /cm2 */
    assert_float_equal(pt->atoms_cm3 / 1e22, 6.6215, 1e-4);
    assert_float_equal(pt->areal_tfu, 331.08, 0.01);
    assert_float_equal(il_stack_layer(s, 2)->thickness_nm, 1500, 0);
    assert_float_equal(il_stack_thickness_nm(s), 50 + 1000 + 1500 + 200 + 500, 1e-9);
    assert_float_equal(il_stack_layer_top_nm(s, 2), 1050, 1e-12);
    assert_float_equal(pt->stopping_factor, 1, 0);
    assert_float_equal(pt->li_atoms_cm2, 0, 0);
    il_stack_free(s);

    /* a last layer without thickness is the substrate; areal densities in tfu */
    s = parse_ok("Li 1000tfu | Si");
    assert_int_equal(il_stack_count(s), 2);
    const il_layer *li = il_stack_layer(s, 0);
    /* Li: 0.534 * N_A / 6.94 = 4.6338e22 /cm3 -> 1e18 / 4.6338e22 cm = 215.81 nm */
    assert_float_equal(li->thickness_nm, 215.81, 0.01);
    assert_int_equal(li->given, IL_THICKNESS_TFU);
    const il_layer *si = il_stack_substrate(s);
    assert_non_null(si);
    assert_true(si->is_substrate);
    assert_true(isinf(si->thickness_nm));
    assert_float_equal(si->li_atoms_cm2, 0, 0);
    assert_float_equal(il_stack_thickness_nm(s), li->thickness_nm, 0);
    il_stack_free(s);
}

static void lithium_and_capacity(void **state)
{
    (void)state;
    il_stack *s = parse_ok("LiCoO2 1um density=5.06");
    const il_layer *l = il_stack_layer(s, 0);
    /* 1 um at 5.06 g/cm3 = 0.506 mg/cm2. Theoretical capacity of LiCoO2 (1 Li per formula
     * unit): F / (3.6 M) = 96485.33 / (3.6 * 97.871) = 273.8 mAh/g (274 mAh/g in the
     * literature), so 0.506 mg/cm2 * 273.8 mAh/g = 138.6 uAh/cm2. Tolerance 0.1 uAh/cm2 covers
     * rounding the molar mass to 97.871. */
    assert_float_equal(l->li_capacity_uAh_cm2, 0.506 * 96485.33212 / (3.6 * 97.871), 0.1);
    assert_float_equal(l->li_capacity_uAh_cm2, 138.6, 0.1);
    /* Li atoms: 5.06e-4 g/cm2 / 97.871 g/mol * N_A = 3.1134e18 /cm2 */
    assert_float_equal(l->li_atoms_cm2 / 1e18, 3.1134, 1e-3);
    assert_float_equal(l->li_mol_cm2, l->li_atoms_cm2 / 6.02214076e23, 1e-20);
    /* natural Li: 6Li = 7.59 % of Li (NIST) */
    assert_float_equal(l->li6_atoms_cm2 / l->li_atoms_cm2, 0.0759, 1e-12);
    assert_string_equal(l->density_source, "given");
    il_stack_free(s);

    s = parse_ok("LiCoO2 1um li6=0.95 rough=2nm factor=1.02 name=cathode");
    l = il_stack_layer(s, 0);
    assert_float_equal(l->li6_atoms_cm2 / l->li_atoms_cm2, 0.95, 1e-12);
    assert_float_equal(l->roughness_nm, 2, 0);
    assert_float_equal(l->stopping_factor, 1.02, 0);
    assert_string_equal(l->name, "cathode");
    assert_int_equal(l->n_enrich, 1);
    /* the enriched cathode has lighter atoms (6Li) but as many per cm3 as natural LiCoO2:
     * the tabulated 5.05 g/cm3 is scaled by M(6LiCoO2)/M(LiCoO2) = 96.996/97.871 */
    double m6 = 0.95 * 6.0151229 + 0.05 * 7.0160034 + 90.931194;
    assert_float_equal(l->molar_mass_g_mol, m6, 1e-5);
    assert_float_equal(l->density_g_cm3, 5.05 * m6 / 97.871, 1e-4);
    assert_float_equal(l->atoms_cm3 / 1e23, 5.05 * 6.02214076 * 4 / 97.871, 1e-4);
    assert_non_null(strstr(l->density_source, "scaled"));
    /* per element and per isotope amounts add up to the layer's atoms */
    il_layer_element el[IL_FORMULA_MAX];
    size_t ne = il_layer_elements(l, el, IL_FORMULA_MAX);
    assert_int_equal(ne, 3);
    assert_int_equal(el[0].Z, 3);
    assert_int_equal(el[1].Z, 8);
    assert_int_equal(el[2].Z, 27);
    double sum = 0, msum = 0;
    for (size_t i = 0; i < ne; i++) {
        sum += el[i].atoms_cm2;
        msum += el[i].mass_fraction;
    }
    assert_float_equal(sum / (l->areal_tfu * 1e15), 1, 1e-12);
    assert_float_equal(msum, 1, 1e-12);
    il_layer_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t ni = il_layer_isotopes(l, iso, IL_FORMULA_ISOTOPES_MAX);
    assert_int_equal(ni, 6); /* 6Li 7Li 16O 17O 18O 59Co */
    assert_int_equal(iso[0].A, 6);
    assert_float_equal(iso[0].atoms_cm2, l->li6_atoms_cm2, 1e-6 * l->li6_atoms_cm2);
    il_stack_free(s);
}

static void expect_error(const char *text, il_status code, int column, const char *fragment)
{
    il_stack *s = (il_stack *)1;
    il_error err;
    il_status st = il_stack_parse(text, NULL, &s, &err);
    if (st != code || err.column != column || !strstr(err.message, fragment))
        fail_msg("'%s': got status %d column %d '%s', expected %d column %d '%s'", text, st,
                 err.column, err.message, code, column, fragment);
    assert_null(s);
}

static void inline_errors(void **state)
{
    (void)state;
    expect_error("Pt 50nm | LiCoO3 1um | Si", IL_ERR_NOT_FOUND, 11,
                 "unknown material 'LiCoO3'; did you mean 'LiCoO2'? (or give a density)");
    /* formula error: '%' is column 5 of the formula, which starts at column 11 */
    expect_error("Pt 50nm | Li3P%O4 1um density=2.4", IL_ERR_PARSE, 15, "unexpected '%'");
    expect_error("Pt 50nm | LiCoO2 | Si", IL_ERR_PARSE, 11, "has no thickness");
    expect_error("Pt 50nm || Si", IL_ERR_PARSE, 10, "empty");
    expect_error("Pt 50nm |", IL_ERR_PARSE, 10, "empty");
    expect_error("Pt 50xm", IL_ERR_PARSE, 4, "unknown thickness unit 'xm'");
    expect_error("Pt 50", IL_ERR_PARSE, 4, "no unit");
    expect_error("Pt -5nm", IL_ERR_INVALID, 4, "greater than zero");
    expect_error("Pt 50nm desnity=2", IL_ERR_PARSE, 9, "did you mean 'density'");
    expect_error("LiCoO2 1um li6=1.5", IL_ERR_INVALID, 16, "[0, 1]");
    expect_error("LiCoO2 1um li6=0.9 li6=0.9", IL_ERR_INVALID, 20, "twice");
    expect_error("LiCoO2 1um li6=0.6 li7=0.6", IL_ERR_INVALID, 1, "more than 1");
    expect_error("LiCoO2 1um density=abc", IL_ERR_INVALID, 20, "not a density");
    expect_error("LiCoO2 1um rough=2", IL_ERR_PARSE, 18, "no unit");
    expect_error("LiCoO2 1um factor=0", IL_ERR_INVALID, 19, "> 0");
    expect_error("Pt 50nm 60nm", IL_ERR_PARSE, 9, "already given");
    expect_error("Pt 50nm | Si | Cu 5nm", IL_ERR_PARSE, 11, "has no thickness");
    expect_error("XyZ 5nm", IL_ERR_NOT_FOUND, 1, "unknown");
    expect_error("density=2 5nm", IL_ERR_PARSE, 1, "starts with its material");
    expect_error("Pt 5nm name=\"open", IL_ERR_PARSE, 13, "unbalanced");
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_parse("   ", NULL, &s, &err), IL_ERR_PARSE);
    /* with a density any formula is valid */
    s = parse_ok("LiCoO3 1um density=4.5");
    il_stack_free(s);
}

static void round_trip(void **state)
{
    (void)state;
    il_stack *s = parse_ok("Pt 50nm | LiCoO2 1um li6=0.95 rough=2nm name=\"cathode | 6Li\" | "
                           "Li3PO4 300tfu density=2.4 factor=1.02 | Si");
    char buf[1024];
    il_stack_format(s, buf, sizeof buf);
    il_stack *t = parse_ok(buf);
    assert_int_equal(il_stack_count(s), il_stack_count(t));
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *a = il_stack_layer(s, i), *b = il_stack_layer(t, i);
        assert_string_equal(a->name, b->name);
        assert_true(il_formula_equal(&a->formula, &b->formula));
        assert_float_equal(a->density_g_cm3, b->density_g_cm3, 0);
        assert_true(a->areal_tfu == b->areal_tfu || fabs(a->areal_tfu - b->areal_tfu) <
                    1e-8 * a->areal_tfu);
        assert_int_equal(a->n_enrich, b->n_enrich);
        assert_float_equal(a->stopping_factor, b->stopping_factor, 0);
    }
    il_stack_free(t);
    assert_string_equal(il_stack_layer(s, 1)->name, "cathode | 6Li");
    /* the default cell, whose names hold blanks, survives the trip too */
    il_stack *d;
    assert_int_equal(il_stack_default_cell(&d, NULL), IL_OK);
    char buf2[1024];
    t = parse_ok(il_stack_format(d, buf, sizeof buf));
    assert_string_equal(il_stack_format(t, buf2, sizeof buf2), buf);
    assert_string_equal(il_stack_layer(t, 1)->name, "current collector (+)");
    il_stack_free(t);
    il_stack_free(d);
    /* found by fuzzing: a name with a vertical tab must be quoted when written */
    d = parse_ok("NMC811 name=\"a\vb\"");
    t = parse_ok(il_stack_format(d, buf, sizeof buf));
    assert_string_equal(il_stack_layer(t, 0)->name, "a\vb");
    il_stack_free(t);
    il_stack_free(d);
    il_stack *c;
    assert_int_equal(il_stack_clone(s, &c, NULL), IL_OK);
    assert_non_null(c);
    assert_string_equal(il_stack_format(c, buf, sizeof buf),
                        il_stack_format(s, (char[1024]){0}, 1024));
    il_stack_free(c);
    il_stack_free(s);
}

static void setters(void **state)
{
    (void)state;
    il_stack *s = parse_ok("LiCoO2 1um | Si");
    il_error err;
    double tfu = il_stack_layer(s, 0)->areal_tfu;
    /* a 10 % lower density at fixed thickness means 10 % fewer atoms */
    assert_int_equal(il_stack_set_density(s, 0, 5.05 * 0.9, &err), IL_OK);
    assert_float_equal(il_stack_layer(s, 0)->areal_tfu, 0.9 * tfu, 1e-9 * tfu);
    assert_float_equal(il_stack_layer(s, 0)->thickness_nm, 1000, 0);
    assert_int_equal(il_stack_set_areal_tfu(s, 0, tfu, &err), IL_OK);
    assert_float_equal(il_stack_layer(s, 0)->thickness_nm, 1000 / 0.9, 1e-9);
    assert_int_equal(il_stack_set_thickness_nm(s, 0, 500, &err), IL_OK);
    assert_float_equal(il_stack_layer(s, 0)->areal_tfu, 0.45 * tfu, 1e-9 * tfu);
    il_enrichment e = {3, 6, 0.5};
    assert_int_equal(il_stack_set_enrichment(s, 0, &e, 1, &err), IL_OK);
    assert_float_equal(il_stack_layer(s, 0)->li6_atoms_cm3 / il_stack_layer(s, 0)->li_atoms_cm3,
                       0.5, 1e-12);
    /* a given mass density stays: lighter atoms, so more of them (M 97.871 -> 97.371) */
    assert_float_equal(il_stack_layer(s, 0)->areal_tfu / (0.45 * tfu),
                       97.871 / (97.871 - 0.5 * (7.0160034 - 6.0151229) + 0.0759 *
                                 (7.0160034 - 6.0151229)), 2e-4);
    assert_int_equal(il_stack_set_enrichment(s, 0, NULL, 0, &err), IL_OK);
    /* a tabulated density follows the isotopes at constant atoms/cm3 */
    il_stack *u = parse_ok("LiCoO2 1um");
    double tfu_nat = il_stack_layer(u, 0)->areal_tfu;
    assert_int_equal(il_stack_set_enrichment(u, 0, &e, 1, &err), IL_OK);
    assert_float_equal(il_stack_layer(u, 0)->areal_tfu, tfu_nat, 1e-9 * tfu_nat);
    assert_true(il_stack_layer(u, 0)->density_g_cm3 < 5.05);
    assert_int_equal(il_stack_set_enrichment(u, 0, NULL, 0, &err), IL_OK);
    assert_float_equal(il_stack_layer(u, 0)->density_g_cm3, 5.05, 1e-12);
    il_stack_free(u);
    assert_float_equal(il_stack_layer(s, 0)->li6_atoms_cm3 / il_stack_layer(s, 0)->li_atoms_cm3,
                       0.0759, 1e-12);
    e.fraction = 2;
    assert_int_equal(il_stack_set_enrichment(s, 0, &e, 1, &err), IL_ERR_INVALID);
    assert_int_equal(il_stack_set_thickness_nm(s, 1, 5, &err), IL_ERR_INVALID); /* substrate */
    assert_int_equal(il_stack_set_thickness_nm(s, 7, 5, &err), IL_ERR_INVALID);
    assert_int_equal(il_stack_set_roughness_nm(s, 0, -1, &err), IL_ERR_INVALID);
    assert_int_equal(il_stack_set_stopping_factor(s, 0, 1.05, &err), IL_OK);
    assert_float_equal(il_stack_layer(s, 0)->stopping_factor, 1.05, 0);
    /* nothing may follow the substrate */
    il_layer_spec spec = {0};
    spec.material = "Cu";
    spec.thickness = 5;
    assert_int_equal(il_stack_add(s, &spec, NULL, &err), IL_ERR_INVALID);
    il_stack_free(s);
}

static void default_cell(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_default_cell(&s, &err), IL_OK);
    assert_int_equal(il_stack_count(s), 7);
    assert_string_equal(il_stack_layer(s, 0)->material, "Kapton");
    assert_string_equal(il_stack_layer(s, 2)->material, "LiCoO2");
    assert_string_equal(il_stack_layer(s, 3)->material, "Li3PO4");
    assert_non_null(il_stack_substrate(s));
    /* what lies over the cathode must stay well below the ~8-10 um alpha range */
    assert_true(il_stack_layer_top_nm(s, 2) <= 2000);
    /* same cell as examples/default-cell.yaml */
    il_stack *y;
    assert_int_equal(il_stack_load(IL_SOURCE_DIR "/examples/default-cell.yaml", NULL, &y, &err),
                     IL_OK);
    char a[1024], b[1024];
    assert_string_equal(il_stack_format(s, a, sizeof a), il_stack_format(y, b, sizeof b));
    il_stack_free(y);
    /* il_stack_load falls back to the inline form */
    assert_int_equal(il_stack_load("Pt 5nm | Si", NULL, &y, &err), IL_OK);
    assert_int_equal(il_stack_count(y), 2);
    il_stack_free(y);
    assert_int_equal(il_stack_load("missing.yaml", NULL, &y, &err), IL_ERR_NOT_FOUND);
    il_stack_free(s);
}

static void user_materials(void **state)
{
    (void)state;
    il_material_db *db;
    assert_int_equal(il_material_db_new(&db, NULL), IL_OK);
    il_error err;
    assert_int_equal(il_material_db_add(db, "LiSiPO", "Li2SiP0.5O4", 2.4, "my guess", NULL,
                                        &err), IL_OK);
    il_stack *s;
    assert_int_equal(il_stack_parse("LiSiPO 100nm | Si", db, &s, &err), IL_OK);
    assert_float_equal(il_stack_layer(s, 0)->density_g_cm3, 2.4, 0);
    assert_string_equal(il_stack_layer(s, 0)->density_source, "my guess");
    il_stack_free(s);
    il_material_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inline_basic),  cmocka_unit_test(lithium_and_capacity),
        cmocka_unit_test(inline_errors), cmocka_unit_test(round_trip),
        cmocka_unit_test(setters),       cmocka_unit_test(default_cell),
        cmocka_unit_test(user_materials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
