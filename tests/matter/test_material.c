/* The materials database: every built-in entry parses, has a density and a source; look-ups by
 * name, alias and formula; the user database; and material resolution with its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "interlayer/interlayer.h"

static void builtins_valid(void **state)
{
    (void)state;
    size_t n = il_material_builtin_count();
    assert_true(n >= 50);
    for (size_t i = 0; i < n; i++) {
        const il_material *m = il_material_builtin(i);
        il_formula f;
        il_error err;
        if (il_formula_parse(m->formula, &f, &err) != IL_OK)
            fail_msg("%s: %s", m->name, err.message);
        /* every solid in the table lies between Li (0.534) and Pt (21.45) */
        assert_true(m->density_g_cm3 >= 0.5 && m->density_g_cm3 <= 21.5);
        assert_true(strlen(m->density_source) > 5);
        il_material_resolved r;
        if (il_material_resolve(NULL, m->name, 0, &r, &err) != IL_OK)
            fail_msg("%s: %s", m->name, err.message);
        assert_true(r.from_db);
        assert_float_equal(r.density_g_cm3, m->density_g_cm3, 0);
        /* names are unique (case-insensitively), so look-ups are unambiguous */
        for (size_t j = 0; j < i; j++)
            assert_true(strcasecmp(il_material_builtin(j)->name, m->name) != 0);
    }
    const char *required[] = {
        "Li", "Si", "Cu", "Pt", "Au", "Al", "Ti", "Ni", "In", "Sn", "Ge", "Mg", "Bi", "Nb",
        "graphite", "LiC6", "Li15Si4", "LiCoO2", "LiMn2O4", "LiNi0.5Mn1.5O4", "LiFePO4",
        "NMC811", "NCA", "Li4Ti5O12", "Li2S", "S", "Li3PO4", "LiPON", "LLZO", "LLTO", "LATP",
        "LAGP", "Li10GeP2S12", "Li6PS5Cl", "Li3PS4", "Li7P3S11", "Li3InCl6", "LiNbO3",
        "LiTaO3", "Al2O3", "ZnO", "ZrO2", "Li2O", "Li2O2", "LiF", "Li3N", "LiI", "LiOH",
        "Li2CO3", "Li2SiO3", "Co3O4", "SiO2", "Mylar", "Kapton", "NbO"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!il_material_find(required[i]))
            fail_msg("missing %s", required[i]);
}

/* Independent checks of a few densities against handbook values (CRC), 1 %: the table keeps
 * X-ray densities, which differ from handbook bulk values by up to about 1 %. */
static void densities_vs_handbook(void **state)
{
    (void)state;
    struct {
        const char *name;
        double crc;
    } ref[] = {{"LiF", 2.640}, {"Li2O", 2.013}, {"Al2O3", 3.99}, {"LiNbO3", 4.65},
               {"Li2CO3", 2.11}, {"Cu", 8.96}, {"Mylar", 1.39}, {"Kapton", 1.42}};
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        const il_material *m = il_material_find(ref[i].name);
        assert_non_null(m);
        assert_float_equal(m->density_g_cm3, ref[i].crc, 0.01 * ref[i].crc);
    }
}

static void lookups(void **state)
{
    (void)state;
    assert_string_equal(il_material_find("llzo")->name, "LLZO");
    assert_string_equal(il_material_find("Li7La3Zr2O12")->name, "LLZO");
    assert_string_equal(il_material_find("O2CoLi")->name, "LiCoO2");
    assert_string_equal(il_material_find("LGPS")->name, "Li10GeP2S12");
    assert_string_equal(il_material_find("lipon")->name, "LiPON");
    assert_string_equal(il_material_find("kapton")->name, "Kapton");
    assert_string_equal(il_material_find("C")->name, "graphite");
    /* "CO" is a formula (carbon monoxide), never cobalt */
    assert_null(il_material_find("CO"));
    assert_null(il_material_find("Xyz"));
    assert_null(il_material_find(""));
}

static void resolve(void **state)
{
    (void)state;
    il_material_resolved r;
    il_error err;
    assert_int_equal(il_material_resolve(NULL, "LiCoO3", 0, &r, &err), IL_ERR_NOT_FOUND);
    assert_string_equal(err.message,
                        "unknown material 'LiCoO3'; did you mean 'LiCoO2'? (or give a density)");
    /* with a density any formula is a material */
    assert_int_equal(il_material_resolve(NULL, "LiCoO3", 4.5, &r, &err), IL_OK);
    assert_float_equal(r.density_g_cm3, 4.5, 0);
    assert_false(r.from_db);
    /* a single element not in the database takes the element density (Fe: CRC 7.874) */
    assert_int_equal(il_material_resolve(NULL, "Fe", 0, &r, &err), IL_OK);
    assert_float_equal(r.density_g_cm3, 7.874, 1e-9);
    assert_non_null(strstr(r.density_source, "iron"));
    /* an isotopically pure element: same atoms/cm3 as natural Li, so rho scales with mass */
    assert_int_equal(il_material_resolve(NULL, "Li[6]", 0, &r, &err), IL_OK);
    assert_float_equal(r.density_g_cm3, 0.534 * 6.0151229 / 6.94, 1e-6);
    /* a misspelt name */
    assert_int_equal(il_material_resolve(NULL, "Kaptn", 0, &r, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "did you mean 'Kapton'"));
    /* a formula error keeps its column */
    assert_int_equal(il_material_resolve(NULL, "Li3P%O4", 2.4, &r, &err), IL_ERR_PARSE);
    assert_int_equal(err.column, 5);
    assert_int_equal(il_material_resolve(NULL, "LiCoO2", -1, &r, &err), IL_ERR_INVALID);
    /* an override of a database density keeps the formula */
    assert_int_equal(il_material_resolve(NULL, "LLZO", 4.9, &r, &err), IL_OK);
    assert_float_equal(r.density_g_cm3, 4.9, 0);
    assert_string_equal(r.density_source, "given");
    assert_int_equal(r.formula.n, 4);
}

static void user_db(void **state)
{
    (void)state;
    il_error err;
    il_material_db *db;
    assert_int_equal(il_material_db_new(&db, NULL), IL_OK);
    assert_non_null(db);
    size_t n0 = il_material_db_count(db);
    assert_int_equal(n0, il_material_builtin_count());
    assert_int_equal(il_material_db_add(db, "LiSiPO", "Li2SiP0.5O4", 2.4, "my guess", NULL, &err),
                     IL_OK);
    assert_int_equal(il_material_db_count(db), n0 + 1);
    il_material_resolved r;
    assert_int_equal(il_material_resolve(db, "lisipo", 0, &r, &err), IL_OK);
    assert_string_equal(r.density_source, "my guess");
    /* the built-in table is untouched */
    assert_int_equal(il_material_resolve(NULL, "LiSiPO", 0, &r, &err), IL_ERR_NOT_FOUND);
    assert_int_equal(il_material_db_set_density(db, "LiCoO2", 4.9, "XRR", &err), IL_OK);
    assert_int_equal(il_material_resolve(db, "LiCoO2", 0, &r, &err), IL_OK);
    assert_float_equal(r.density_g_cm3, 4.9, 0);
    assert_float_equal(il_material_find("LiCoO2")->density_g_cm3, 5.05, 0);
    /* replacing by name */
    assert_int_equal(il_material_db_add(db, "lisipo", "Li2SiO3", 2.5, NULL, NULL, &err), IL_OK);
    assert_int_equal(il_material_db_count(db), n0 + 1);
    il_material_db *c;
    assert_int_equal(il_material_db_clone(db, &c, NULL), IL_OK);
    assert_non_null(c);
    assert_string_equal(il_material_db_find(c, "LiSiPO")->formula, "Li2SiO3");
    il_material_db_free(c);
    assert_int_equal(il_material_db_add(db, "bad", "Li3P%O4", 2.5, NULL, NULL, &err),
                     IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "material 'bad'"));
    assert_int_equal(il_material_db_add(db, "bad", "Li", 0, NULL, NULL, &err), IL_ERR_INVALID);
    assert_int_equal(il_material_db_set_density(db, "nothing", 1, NULL, &err), IL_ERR_NOT_FOUND);
    il_material_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtins_valid), cmocka_unit_test(densities_vs_handbook),
        cmocka_unit_test(lookups),        cmocka_unit_test(resolve),
        cmocka_unit_test(user_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
