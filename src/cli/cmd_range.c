/* interlayer range ION MATERIAL --energy E: CSDA range (path length to stop). */
#include <string.h>

#include "cli/cli.h"
#include "cli/ion_material.h"
#include "cli/output.h"

static const cli_column columns[] = {
    {"energy_keV", "E (keV)", "%.6g"},
    {"range_um", "range (um)", "%.5g"},
    {"range_1e15_atoms_per_cm2", "range (1e15 at/cm2)", "%.6g"},
    {"range_mg_per_cm2", "range (mg/cm2)", "%.5g"},
};

int cli_cmd_range(int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *energy = NULL, *dens = NULL;
    const char *scales[IL_FORMULA_MAX];
    int nscale = 0;
    int npos = 0;
    cli_out out = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer range ION MATERIAL --energy E [--density G_CM3] "
                   "[--scale EL=F] [--csv|--json]\n"
                   "  CSDA range: the path length over which the ion slows to rest\n");
            return CLI_EXIT_OK;
        }
        const char *scale;
        if ((r = cli_opt_value(argc, argv, &i, "--scale", &scale))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            if (nscale == IL_FORMULA_MAX)
                return cli_usage("too many --scale options");
            scales[nscale++] = scale;
            continue;
        }
        if ((r = cli_out_parse(argc, argv, &i, &out)) ||
            (r = cli_opt_value(argc, argv, &i, "--energy", &energy)) ||
            (r = cli_opt_value(argc, argv, &i, "--density", &dens))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage("range: unknown option '%s'", argv[i]);
        if (npos == 2)
            return cli_usage("range: unexpected argument '%s'", argv[i]);
        pos[npos++] = argv[i];
    }
    if (npos < 2 || !energy)
        return cli_usage("usage: interlayer range ION MATERIAL --energy E");

    il_error err;
    il_ion ion;
    cli_material m;
    double E, range_tfu;
    if (il_ion_parse(pos[0], &ion, &err) || il_parse_energy_keV(energy, &E, &err))
        return cli_fail(&err);
    if (cli_material_setup(pos[1], dens, scales, (size_t)nscale, &m, &err))
        return cli_fail(&err);
    il_stopping *s;
    if (il_stopping_new(ion, &m.target, &s, &err))
        return cli_fail(&err);
    il_status st = il_stopping_range_tfu(s, E, &range_tfu, &err);
    il_stopping_free(s);
    if (st)
        return cli_fail(&err);

    double range_um = il_tfu_to_nm(range_tfu, m.atoms_cm3) / 1000.0;
    cli_table *t = cli_table_new(columns, sizeof columns / sizeof columns[0]);
    long r = cli_table_add_row(t);
    cli_table_set_num(t, r, 0, E);
    cli_table_set_num(t, r, 1, range_um);
    cli_table_set_num(t, r, 2, range_tfu);
    cli_table_set_num(t, r, 3, range_um * 1e-4 * m.mat.density_g_cm3 * 1e3);
    json_t *doc = NULL;
    il_ion_info info;
    il_ion_get(ion, &info, NULL);
    if (out.json) {
        json_t *rows = cli_table_to_json(t);
        doc = json_object();
        json_object_set_new(doc, "ion", json_string(info.name));
        json_object_set_new(doc, "material", json_string(m.mat.name));
        json_object_set_new(doc, "density_g_cm3", json_real(m.mat.density_g_cm3));
        json_object_update(doc, json_array_get(rows, 0));
        json_decref(rows);
    } else if (!out.csv) {
        printf("%s in %s (%.4g g/cm3): CSDA range\n", info.name, m.mat.name,
               m.mat.density_g_cm3);
    }
    int rc = cli_out_emit(&out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    return rc;
}
