/* interlayer materials [NAME]: the materials database, or one material in detail. */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/output.h"

static const cli_column list_columns[] = {
    {"name", "name", NULL},
    {"formula", "formula", NULL},
    {"density_g_cm3", "density (g/cm3)", "%.4g"},
    {"density_source", "density source", NULL},
};

static const cli_column element_columns[] = {
    {"element", "element", NULL},
    {"atoms_per_formula_unit", "atoms/f.u.", "%.4g"},
    {"atom_fraction", "atom fraction", "%.4f"},
    {"mass_fraction", "mass fraction", "%.4f"},
    {"atoms_per_cm3", "atoms/cm3", "%.4e"},
};

static int show_one(const char *text, const cli_out *out)
{
    il_error err;
    il_material_resolved m;
    il_composition c;
    double M, n_cm3, af[IL_FORMULA_MAX], mf[IL_FORMULA_MAX];
    if (il_material_resolve(NULL, text, 0, &m, &err) ||
        il_composition_from_formula(&m.formula, NULL, 0, &c, &err) ||
        il_composition_molar_mass(&c, &M, &err) ||
        il_composition_number_density(&c, m.density_g_cm3, &n_cm3, &err) ||
        il_formula_atom_fractions(&m.formula, af, &err) ||
        il_formula_mass_fractions(&m.formula, NULL, 0, mf, &err))
        return cli_fail(&err);
    const il_material *db = il_material_find(text);
    char formula[256];
    il_formula_format(&m.formula, formula, sizeof formula);
    cli_table *t = cli_table_new(element_columns, CLI_COUNT(element_columns));
    for (size_t i = 0; i < m.formula.n; i++) {
        char sym[16];
        const il_element *e = il_element_by_z(m.formula.Z[i]);
        if (m.formula.A[i])
            snprintf(sym, sizeof sym, "%s[%d]", e->symbol, m.formula.A[i]);
        else
            snprintf(sym, sizeof sym, "%s", e->symbol);
        long r = cli_table_add_row(t);
        cli_table_set_text(t, r, 0, sym);
        cli_table_set_num(t, r, 1, m.formula.count[i]);
        cli_table_set_num(t, r, 2, af[i]);
        cli_table_set_num(t, r, 3, mf[i]);
        cli_table_set_num(t, r, 4, af[i] * n_cm3);
    }
    json_t *doc = NULL;
    if (out->json) {
        doc = json_object();
        json_object_set_new(doc, "name", json_string(m.name));
        json_object_set_new(doc, "formula", json_string(formula));
        json_object_set_new(doc, "density_g_cm3", cli_json_number(m.density_g_cm3));
        json_object_set_new(doc, "density_source", json_string(m.density_source));
        json_object_set_new(doc, "description", json_string(db ? db->description : ""));
        json_object_set_new(doc, "molar_mass_g_mol", cli_json_number(M));
        json_object_set_new(doc, "atoms_per_cm3", cli_json_number(n_cm3));
        json_object_set_new(doc, "elements", cli_table_to_json(t));
    } else if (!out->csv) {
        printf("%s: %s%s%s\n", m.name, formula, db && db->description[0] ? " - " : "",
               db ? db->description : "");
        printf("density        %.4g g/cm3 (%s)\n", m.density_g_cm3, m.density_source);
        printf("molar mass     %.5g g/mol per formula unit\n", M);
        printf("number density %.5g atoms/cm3\n\n", n_cm3);
    }
    int rc = cli_out_emit(out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    return rc;
}

typedef struct {
    cli_out out;
    const char *name[1];
} materials_args;

static const cli_verb materials_verb = {
    .name = "materials",
    .help = "usage: interlayer materials [NAME|FORMULA] [--csv|--json]\n"
            "  without NAME: the whole database; with NAME: composition, density, source\n",
    CLI_SETS(CLI_OUT_SET(materials_args)),
    CLI_POSITIONAL(materials_args, name),
    .unknown = "unexpected argument",
};

int cli_cmd_materials(int argc, char **argv)
{
    materials_args a = {0};
    CLI_PARSE_OR_RETURN(&materials_verb, argc, argv, &a);
    if (a.name[0])
        return show_one(a.name[0], &a.out);
    cli_table *t = cli_table_new(list_columns, CLI_COUNT(list_columns));
    for (size_t i = 0; i < il_material_builtin_count(); i++) {
        const il_material *m = il_material_builtin(i);
        long r = cli_table_add_row(t);
        cli_table_set_text(t, r, 0, m->name);
        cli_table_set_text(t, r, 1, m->formula);
        cli_table_set_num(t, r, 2, m->density_g_cm3);
        cli_table_set_text(t, r, 3, m->density_source);
    }
    rc = cli_out_emit(&a.out, t, NULL);
    cli_table_free(t);
    return rc;
}
