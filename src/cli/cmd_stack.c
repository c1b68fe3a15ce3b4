/* interlayer stack show STACK: the parsed layers, their areal densities and Li content. */
#include <stddef.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_stack_profiles.h"
#include "cli/output.h"

static const cli_column columns[] = {
    {"name", "layer", NULL},
    {"material", "material", NULL},
    {"formula", "formula", NULL},
    {"thickness_nm", "thickness (nm)", "%.6g"},
    {"density_g_cm3", "density (g/cm3)", "%.4g"},
    {"areal_density_1e15_atoms_per_cm2", "areal (1e15 at/cm2)", "%.6g"},
    {"atoms_per_cm3", "atoms/cm3", "%.4e"},
    {"li_atoms_per_cm2", "Li (at/cm2)", "%.4e"},
    {"li6_atoms_per_cm2", "6Li (at/cm2)", "%.4e"},
    {"li_mol_per_cm2", "Li (mol/cm2)", "%.4e"},
    {"li_capacity_uAh_per_cm2", "Li capacity (uAh/cm2)", "%.4g"},
    {"roughness_nm", "rough (nm)", "%.3g"},
    {"density_source", "density source", NULL},
};

typedef struct {
    cli_out out;
    const char *pos[2]; /* "show", STACK */
} stack_args;

static const cli_verb stack_verb = {
    .name = "stack",
    .help = "usage: interlayer stack show STACK [--csv|--json]\n"
            "  STACK: a YAML file, an inline \"Pt 50nm | LiCoO2 1um | Si\", or 'default'\n"
            "  -o FILE writes the table there; --plot F.svg|.png|.pdf draws the Li\n"
            "  concentration against depth with the layers marked\n",
    CLI_SETS(CLI_OUT_SET(stack_args)),
    CLI_POSITIONAL(stack_args, pos),
    .unknown = "unknown option",
};

/* One row per layer; sums the Li of the layers above the substrate. */
static cli_table *layer_table(const il_stack *s, double *li_total, double *cap_total)
{
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    *li_total = 0, *cap_total = 0;
    for (size_t i = 0; i < il_stack_count(s); i++) {
        const il_layer *l = il_stack_layer(s, i);
        char formula[256];
        il_formula_format(&l->formula, formula, sizeof formula);
        long r = cli_table_add_row(t);
        cli_table_set_text(t, r, 0, l->name);
        cli_table_set_text(t, r, 1, l->material);
        cli_table_set_text(t, r, 2, formula);
        if (l->is_substrate) {
            cli_table_set_text(t, r, 3, "substrate");
        } else {
            cli_table_set_num(t, r, 3, l->thickness_nm);
            cli_table_set_num(t, r, 5, l->areal_tfu);
            cli_table_set_num(t, r, 7, l->li_atoms_cm2);
            cli_table_set_num(t, r, 8, l->li6_atoms_cm2);
            cli_table_set_num(t, r, 9, l->li_mol_cm2);
            cli_table_set_num(t, r, 10, l->li_capacity_uAh_cm2);
            *li_total += l->li_atoms_cm2;
            *cap_total += l->li_capacity_uAh_cm2;
        }
        cli_table_set_num(t, r, 4, l->density_g_cm3);
        cli_table_set_num(t, r, 6, l->atoms_cm3);
        cli_table_set_num(t, r, 11, l->roughness_nm);
        cli_table_set_text(t, r, 12, l->density_source);
    }
    return t;
}

int cli_cmd_stack(int argc, char **argv)
{
    stack_args a = {0};
    CLI_PARSE_OR_RETURN(&stack_verb, argc, argv, &a);
    const char *verb = a.pos[0], *arg = a.pos[1];
    if (!verb || strcmp(verb, "show") != 0 || !arg)
        return cli_usage("usage: interlayer stack show STACK [--csv|--json]");
    il_error err;
    il_stack *s;
    if (a.out.plot && il_plot_path_check(a.out.plot, &err))
        return cli_fail(&err);
    if (cli_stack_load(arg, &s, &err))
        return cli_fail(&err);
    double li_total, cap_total;
    cli_table *t = layer_table(s, &li_total, &cap_total);
    json_t *doc = NULL;
    char buf[4096];
    if (a.out.json) {
        doc = json_object();
        json_object_set_new(doc, "name", json_string(il_stack_name(s)));
        json_object_set_new(doc, "stack", json_string(il_stack_format(s, buf, sizeof buf)));
        json_object_set_new(doc, "thickness_nm", cli_json_number(il_stack_thickness_nm(s)));
        json_object_set_new(doc, "li_atoms_per_cm2", cli_json_number(li_total));
        json_object_set_new(doc, "li_capacity_uAh_per_cm2", cli_json_number(cap_total));
        json_t *layers = cli_table_to_json(t);
        /* The substrate's thickness is null (semi-infinite); this says why. */
        for (size_t i = 0; i < il_stack_count(s); i++)
            json_object_set_new(json_array_get(layers, i), "substrate",
                                json_boolean(il_stack_layer(s, i)->is_substrate));
        json_object_set_new(doc, "layers", layers);
        if (cli_stack_profile_count(s))
            json_object_set_new(doc, "profiles", cli_stack_profiles_json(s));
    } else if (!a.out.csv) {
        printf("%s\n  %s\n\n", il_stack_name(s), il_stack_format(s, buf, sizeof buf));
    }
    rc = cli_out_emit(&a.out, t, doc);
    if (rc == CLI_EXIT_OK && !a.out.json && !a.out.csv) {
        printf("\ntotal: %.6g nm, Li %.4e atoms/cm2 = %.4g uAh/cm2\n", il_stack_thickness_nm(s),
               li_total, cap_total);
        cli_stack_profiles_print(s, stdout);
    }
    if (rc == CLI_EXIT_OK && a.out.plot && cli_stack_plot(s, a.out.plot, &err))
        rc = cli_fail(&err);
    json_decref(doc);
    cli_table_free(t);
    il_stack_free(s);
    return rc;
}
