/* interlayer range ION MATERIAL --energy E: CSDA range (path length to stop). */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/ion_material.h"
#include "cli/output.h"

static const cli_column columns[] = {
    {"energy_keV", "E (keV)", "%.6g"},
    {"range_um", "range (um)", "%.5g"},
    {"range_1e15_atoms_per_cm2", "range (1e15 at/cm2)", "%.6g"},
    {"range_mg_per_cm2", "range (mg/cm2)", "%.5g"},
};

typedef struct {
    cli_out out;
    const char *energy, *density;
    cli_list scales;
    const char *pos[2]; /* ION, MATERIAL */
} range_args;

static const cli_opt own_options[] = {
    CLI_OPT_LIST("--scale", offsetof(range_args, scales)),
    CLI_OPT_TEXT("--energy", NULL, offsetof(range_args, energy)),
    CLI_OPT_TEXT("--density", NULL, offsetof(range_args, density)),
};

static const cli_verb range_verb = {
    .name = "range",
    .help = "usage: interlayer range ION MATERIAL --energy E [--density G_CM3] "
            "[--scale EL=F] [--csv|--json]\n"
            "  CSDA range: the path length over which the ion slows to rest\n",
    CLI_SETS(CLI_OUT_SET(range_args), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(range_args, pos),
    .unknown = "unknown option",
};

int cli_cmd_range(int argc, char **argv)
{
    range_args a = {0};
    CLI_PARSE_OR_RETURN(&range_verb, argc, argv, &a);
    if (!a.pos[1] || !a.energy)
        return cli_usage("usage: interlayer range ION MATERIAL --energy E");

    il_error err;
    il_ion ion;
    cli_material m;
    double E, range_tfu;
    if (il_ion_parse(a.pos[0], &ion, &err) || il_parse_energy_keV(a.energy, &E, &err))
        return cli_fail(&err);
    if (cli_material_setup(a.pos[1], a.density, a.scales.v, a.scales.n, &m, &err))
        return cli_fail(&err);
    il_stopping *s;
    if (il_stopping_new(ion, &m.target, &s, &err))
        return cli_fail(&err);
    il_status st = il_stopping_range_tfu(s, E, &range_tfu, &err);
    il_stopping_free(s);
    if (st)
        return cli_fail(&err);

    double range_um = il_tfu_to_nm(range_tfu, m.atoms_cm3) / 1000.0;
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    long r = cli_table_add_row(t);
    cli_table_set_num(t, r, 0, E);
    cli_table_set_num(t, r, 1, range_um);
    cli_table_set_num(t, r, 2, range_tfu);
    cli_table_set_num(t, r, 3, il_um_to_mg_cm2(range_um, m.mat.density_g_cm3));
    json_t *doc = NULL;
    il_ion_info info;
    il_ion_get(ion, &info, NULL);
    if (a.out.json) {
        json_t *rows = cli_table_to_json(t);
        doc = json_object();
        json_object_set_new(doc, "ion", json_string(info.name));
        json_object_set_new(doc, "material", json_string(m.mat.name));
        json_object_set_new(doc, "density_g_cm3", cli_json_number(m.mat.density_g_cm3));
        json_object_update(doc, json_array_get(rows, 0));
        json_decref(rows);
    } else if (!a.out.csv) {
        printf("%s in %s (%.4g g/cm3): CSDA range\n", info.name, m.mat.name, m.mat.density_g_cm3);
    }
    rc = cli_out_emit(&a.out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    return rc;
}
