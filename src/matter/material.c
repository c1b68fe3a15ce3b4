/* Materials database: the built-in table (data/materials/materials.csv), look-ups by name, alias
 * or formula, a user database that can add and override entries, and material resolution. */
#include "interlayer/material.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/tables.h"
#include "interlayer/units.h"
#include "core/grow.h"

_Static_assert(sizeof(il_material) == sizeof(il_row_material), "layouts must agree");

/* Short names people use in papers -> the database name. Kept here rather than in the CSV so a
 * material has one row (and one density) whatever it is called. */
static const struct {
    const char *alias, *name;
} aliases[] = {
    {"LCO", "LiCoO2"},        {"LMO", "LiMn2O4"},          {"LNMO", "LiNi0.5Mn1.5O4"},
    {"LFP", "LiFePO4"},       {"NMC", "NMC811"},           {"NCM811", "NMC811"},
    {"LTO", "Li4Ti5O12"},     {"LGPS", "Li10GeP2S12"},     {"LPSCl", "Li6PS5Cl"},
    {"argyrodite", "Li6PS5Cl"}, {"LPS", "Li3PS4"},         {"LIC", "Li3InCl6"},
    {"PET", "Mylar"},         {"polyimide", "Kapton"},     {"C", "graphite"},
    {"sulfur", "S"},          {"lithium", "Li"},           {"silicon", "Si"},
    {"copper", "Cu"},         {"platinum", "Pt"},          {"gold", "Au"},
    {"aluminium", "Al"},      {"aluminum", "Al"},          {"titanium", "Ti"},
    {"nickel", "Ni"},         {"indium", "In"},            {"tin", "Sn"},
    {"germanium", "Ge"},      {"magnesium", "Mg"},         {"bismuth", "Bi"},
    {"niobium", "Nb"},        {"alumina", "Al2O3"},        {"silica", "SiO2"},
    {"zirconia", "ZrO2"},     {"LLZ", "LLZO"},
};

/* ---- searching an array of entries (the built-ins or a user database) -------------------- */

static const il_material *find_in(const il_material *items, size_t n, const char *name)
{
    if (!name || !*name)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].name, name) == 0)
            return &items[i];
    il_formula f;
    int is_formula = il_formula_parse(name, &f, NULL) == IL_OK;
    if (!is_formula) {
        for (size_t i = 0; i < n; i++)
            if (strcasecmp(items[i].name, name) == 0)
                return &items[i];
        for (size_t a = 0; a < sizeof aliases / sizeof aliases[0]; a++)
            if (strcasecmp(aliases[a].alias, name) == 0)
                for (size_t i = 0; i < n; i++)
                    if (strcmp(items[i].name, aliases[a].name) == 0)
                        return &items[i];
        return NULL;
    }
    /* "C" is a formula and an alias of graphite: formulas are matched against entries below. */
    for (size_t i = 0; i < n; i++) {
        il_formula g;
        if (il_formula_parse(items[i].formula, &g, NULL) == IL_OK && il_formula_equal(&f, &g))
            return &items[i];
    }
    return NULL;
}

/* "did you mean" over names, formulas and aliases; NULL when nothing is close. */
static const char *suggest_in(const il_material *items, size_t n, const char *name)
{
    size_t na = sizeof aliases / sizeof aliases[0];
    const char **cand = malloc((2 * n + na) * sizeof *cand);
    if (!cand)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        cand[k++] = items[i].name;
        cand[k++] = items[i].formula;
    }
    for (size_t a = 0; a < na; a++)
        cand[k++] = aliases[a].alias;
    const char *s = il_suggest(name, cand, k);
    free(cand);
    return s;
}

/* ---- built-ins ---------------------------------------------------------------------------- */

static const il_material *builtins(void)
{
    return (const il_material *)il_tab_materials;
}

size_t il_material_builtin_count(void)
{
    return il_tab_materials_count;
}

const il_material *il_material_builtin(size_t i)
{
    return i < il_tab_materials_count ? &builtins()[i] : NULL;
}

const il_material *il_material_find(const char *name)
{
    return find_in(builtins(), il_tab_materials_count, name);
}

/* ---- user database ------------------------------------------------------------------------ */

struct il_material_db {
    il_material *items; /* every string owned (strdup) */
    size_t n, cap;
};

static char *dup(const char *s)
{
    return strdup(s ? s : "");
}

static void free_item(il_material *m)
{
    free((char *)m->name);
    free((char *)m->formula);
    free((char *)m->density_source);
    free((char *)m->description);
}

static int set_item(il_material *m, const char *name, const char *formula, double rho,
                    const char *source, const char *description)
{
    il_material t = {dup(name), dup(formula), rho, dup(source), dup(description)};
    if (!t.name || !t.formula || !t.density_source || !t.description) {
        free_item(&t);
        return 0;
    }
    *m = t;
    return 1;
}

static int append(il_material_db *db, const il_material *src)
{
    if (IL_GROW_ROOM(db->items, db->n, db->cap, 64, NULL))
        return 0;
    if (!set_item(&db->items[db->n], src->name, src->formula, src->density_g_cm3,
                  src->density_source, src->description))
        return 0;
    db->n++;
    return 1;
}

il_status il_material_db_new(il_material_db **out, il_error *err)
{
    *out = NULL;
    il_material_db *db = calloc(1, sizeof *db);
    if (!db)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < il_tab_materials_count; i++)
        if (!append(db, &builtins()[i])) {
            il_material_db_free(db);
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        }
    *out = db;
    return IL_OK;
}

void il_material_db_free(il_material_db *db)
{
    if (!db)
        return;
    for (size_t i = 0; i < db->n; i++)
        free_item(&db->items[i]);
    free(db->items);
    free(db);
}

il_status il_material_db_clone(const il_material_db *db, il_material_db **out, il_error *err)
{
    if (!db)
        return il_material_db_new(out, err);
    *out = NULL;
    il_material_db *c = calloc(1, sizeof *c);
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < db->n; i++)
        if (!append(c, &db->items[i])) {
            il_material_db_free(c);
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        }
    *out = c;
    return IL_OK;
}

static il_status check_density(double rho, const char *name, il_error *err)
{
    if (!isfinite(rho) || rho <= 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "material '%s': density %g g/cm3 must be a number > 0", name, rho);
    if (rho > IL_MAX_DENSITY_G_CM3)
        return il_error_set(err, IL_ERR_RANGE,
                            "material '%s': density %g g/cm3 is above the largest allowed, "
                            IL_MAX_DENSITY_TEXT,
                            name, rho);
    if (rho < IL_MIN_DENSITY_G_CM3)
        return il_error_set(err, IL_ERR_RANGE,
                            "material '%s': density %g g/cm3 is below the smallest allowed, "
                            IL_MIN_DENSITY_TEXT,
                            name, rho);
    return IL_OK;
}

il_status il_material_db_add(il_material_db *db, const char *name, const char *formula,
                             double density_g_cm3, const char *source, const char *description,
                             il_error *err)
{
    if (!db || !name || !*name || !formula)
        return il_error_set(err, IL_ERR_INVALID, "a material needs a name and a formula");
    if (strlen(name) >= sizeof ((il_material_resolved *)0)->name)
        return il_error_set(err, IL_ERR_INVALID, "material name '%.40s...' is too long", name);
    il_formula f;
    il_status s = il_formula_parse(formula, &f, err);
    if (s) {
        il_error_prefix(err, "material '%s': ", name);
        return s;
    }
    if ((s = check_density(density_g_cm3, name, err)) != IL_OK)
        return s;
    il_material m = {name, formula, density_g_cm3, source ? source : "user", description};
    for (size_t i = 0; i < db->n; i++)
        if (strcasecmp(db->items[i].name, name) == 0) {
            il_material t; /* keeps the existing spelling of the name */
            if (!set_item(&t, db->items[i].name, m.formula, m.density_g_cm3, m.density_source,
                          m.description))
                return il_error_set(err, IL_ERR_NOMEM, "out of memory");
            free_item(&db->items[i]);
            db->items[i] = t;
            return IL_OK;
        }
    if (!append(db, &m))
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    return IL_OK;
}

il_status il_material_db_set_density(il_material_db *db, const char *name, double density_g_cm3,
                                     const char *source, il_error *err)
{
    const il_material *m = il_material_db_find(db, name);
    if (!db || !m)
        return il_error_set(err, IL_ERR_NOT_FOUND, "unknown material '%s'", name ? name : "");
    il_status s = check_density(density_g_cm3, name, err);
    if (s)
        return s;
    il_material *w = &db->items[m - db->items];
    char *src = dup(source ? source : "user");
    if (!src)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    free((char *)w->density_source);
    w->density_source = src;
    w->density_g_cm3 = density_g_cm3;
    return IL_OK;
}

size_t il_material_db_count(const il_material_db *db)
{
    return db ? db->n : il_tab_materials_count;
}

const il_material *il_material_db_get(const il_material_db *db, size_t i)
{
    if (!db)
        return il_material_builtin(i);
    return i < db->n ? &db->items[i] : NULL;
}

const il_material *il_material_db_find(const il_material_db *db, const char *name)
{
    if (!db)
        return il_material_find(name);
    return find_in(db->items, db->n, name);
}

/* ---- resolution --------------------------------------------------------------------------- */

il_status il_material_resolve(const il_material_db *db, const char *text, double density_g_cm3,
                              il_material_resolved *out, il_error *err)
{
    if (!text || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_material_resolve: NULL argument");
    const il_material *items = db ? db->items : builtins();
    size_t n = db ? db->n : il_tab_materials_count;
    il_material_resolved r;
    memset(&r, 0, sizeof r);
    il_status s;
    if (density_g_cm3 != 0 && (s = check_density(density_g_cm3, text, err)) != IL_OK)
        return s;

    const il_material *m = find_in(items, n, text);
    if (m) {
        if ((s = il_formula_parse(m->formula, &r.formula, err)) != IL_OK)
            return s;
        snprintf(r.name, sizeof r.name, "%s", m->name);
        r.from_db = 1;
        if (density_g_cm3 > 0) {
            r.density_g_cm3 = density_g_cm3;
            snprintf(r.density_source, sizeof r.density_source, "given");
        } else {
            r.density_g_cm3 = m->density_g_cm3;
            snprintf(r.density_source, sizeof r.density_source, "%s", m->density_source);
        }
        *out = r;
        return IL_OK;
    }

    il_error ferr;
    il_error_clear(&ferr);
    if (il_formula_parse(text, &r.formula, &ferr) != IL_OK) {
        /* Not a name and not a formula. When it fails at its first letters ("Kaptn" has no
         * element 'Kapt', "lipon" starts in lower case) a misspelt name is likelier than a
         * formula typo; otherwise ("Li3P%O4") the formula error points at the problem. */
        const char *near = NULL;
        /* an unknown isotope ("Li[99]": the error points just past '[') is the real reason,
         * not a misspelt name */
        int at_isotope = ferr.column >= 2 && (size_t)ferr.column - 2 < strlen(text) &&
                         text[ferr.column - 2] == '[';
        if ((ferr.code == IL_ERR_NOT_FOUND && !at_isotope) || ferr.column <= 1)
            near = suggest_in(items, n, text);
        if (near)
            return il_error_set(err, IL_ERR_NOT_FOUND, "unknown material '%s'; did you mean "
                                "'%s'?", text, near);
        if (err)
            *err = ferr;
        return ferr.code;
    }
    snprintf(r.name, sizeof r.name, "%s", text);
    if (density_g_cm3 > 0) {
        r.density_g_cm3 = density_g_cm3;
        snprintf(r.density_source, sizeof r.density_source, "given");
        *out = r;
        return IL_OK;
    }
    if (r.formula.n == 1) {
        const il_element *e = il_element_by_z(r.formula.Z[0]);
        double rho = e->density_g_cm3, scale = 1.0;
        if (r.formula.A[0] > 0) {
            /* An isotopically pure element: same atoms per cm3, heavier or lighter atoms. */
            double m_u;
            if (il_nuclide_mass_u(e->Z, r.formula.A[0], &m_u, err) != IL_OK)
                return err ? err->code : IL_ERR_NOT_FOUND;
            scale = m_u / e->atomic_weight_u;
        }
        if (rho > 0) {
            r.density_g_cm3 = rho * scale;
            snprintf(r.density_source, sizeof r.density_source,
                     "element %s%s%s%s (data/elements: CRC Handbook / X-ray Data Booklet)",
                     e->name, scale != 1.0 ? ", scaled by isotope mass" : "",
                     e->density_note[0] ? "; " : "", e->density_note);
            *out = r;
            return IL_OK;
        }
    }
    const char *near = suggest_in(items, n, text);
    if (near)
        return il_error_set(err, IL_ERR_NOT_FOUND,
                            "unknown material '%s'; did you mean '%s'? (or give a density)", text,
                            near);
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "unknown material '%s' (not in the materials database; give a density)",
                        text);
}
