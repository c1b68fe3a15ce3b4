/* interlayer stopping ION MATERIAL --energy E: stopping power of a light ion in a material,
 * per element source; with --from/--to a curve over energy (and --plot). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/ion_material.h"
#include "cli/output.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: interlayer stopping ION MATERIAL --energy E [--density G_CM3] [--csv|--json]\n"
            "       interlayer stopping ION MATERIAL --from E1 --to E2 [--points N] [--plot F.svg]\n"
            "  ION: 1H 2H 3H 3He 4He (or p d t alpha); E with unit (2055.8keV, 2.7MeV; keV if none)\n"
            "  MATERIAL: a database name (interlayer materials) or a formula\n"
            "  --scale EL=F: multiply element EL's electronic stopping by F (source 'user')\n");
}

static const cli_column columns[] = {
    {"energy_keV", "E (keV)", "%.6g"},
    {"electronic_keV_per_um", "Se (keV/um)", "%.5g"},
    {"nuclear_keV_per_um", "Sn (keV/um)", "%.4g"},
    {"total_keV_per_um", "S (keV/um)", "%.5g"},
    {"electronic_eV_per_1e15_atoms_cm2", "Se (eV/1e15 at/cm2)", "%.5g"},
    {"nuclear_eV_per_1e15_atoms_cm2", "Sn (eV/1e15 at/cm2)", "%.4g"},
    {"source", "source", NULL},
};

int cli_cmd_stopping(int argc, char **argv)
{
    const char *pos[2] = {NULL, NULL}, *energy = NULL, *from = NULL, *to = NULL, *pts = NULL,
               *dens = NULL;
    const char *scales[IL_FORMULA_MAX];
    int nscale = 0;
    int npos = 0;
    cli_out out = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
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
            (r = cli_opt_value(argc, argv, &i, "--from", &from)) ||
            (r = cli_opt_value(argc, argv, &i, "--to", &to)) ||
            (r = cli_opt_value(argc, argv, &i, "--points", &pts)) ||
            (r = cli_opt_value(argc, argv, &i, "--density", &dens))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage("stopping: unknown option '%s'", argv[i]);
        if (npos == 2)
            return cli_usage("stopping: unexpected argument '%s'", argv[i]);
        pos[npos++] = argv[i];
    }
    if (npos < 2) {
        usage();
        return CLI_EXIT_USAGE;
    }
    if (!energy && !(from && to))
        return cli_usage("stopping: give --energy E, or --from E1 --to E2");

    il_error err;
    il_ion ion;
    cli_material m;
    double E1, E2;
    size_t n = 1;
    if (il_ion_parse(pos[0], &ion, &err))
        return cli_fail(&err);
    if (cli_material_setup(pos[1], dens, scales, (size_t)nscale, &m, &err))
        return cli_fail(&err);
    if (energy) {
        if (il_parse_energy_keV(energy, &E1, &err))
            return cli_fail(&err);
        E2 = E1;
    } else {
        double np = 200;
        if (il_parse_energy_keV(from, &E1, &err) || il_parse_energy_keV(to, &E2, &err) ||
            (pts && il_parse_number(pts, &np, &err)))
            return cli_fail(&err);
        if (np < 2 || np > 1e6 || np != floor(np))
            return cli_usage("stopping: --points %s: expected a whole number 2..1000000", pts);
        if (!(E2 > E1))
            return cli_usage("stopping: --to must be above --from");
        n = (size_t)np;
    }

    cli_table *t = cli_table_new(columns, sizeof columns / sizeof columns[0]);
    double *xs = calloc(n, sizeof *xs), *se = calloc(n, sizeof *se), *sn = calloc(n, sizeof *sn);
    il_stopping_part parts[IL_FORMULA_MAX];
    size_t nparts = 0;
    il_stopping_value v;
    int rc = CLI_EXIT_OK;
    if (!t || !xs || !se || !sn) {
        il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        rc = cli_fail(&err);
        goto done;
    }
    for (size_t k = 0; k < n; k++) {
        /* Log-spaced energies: stopping varies over decades at the low end. */
        double E = n == 1 ? E1 : E1 * pow(E2 / E1, (double)k / (double)(n - 1));
        if (il_stopping_compound(ion, &m.target, E, &v, parts, &nparts, &err)) {
            rc = cli_fail(&err);
            goto done;
        }
        long r = cli_table_add_row(t);
        cli_table_set_num(t, r, 0, E);
        cli_table_set_num(t, r, 1, il_stopping_keV_per_um(v.electronic_eV_tfu, m.atoms_cm3));
        cli_table_set_num(t, r, 2, il_stopping_keV_per_um(v.nuclear_eV_tfu, m.atoms_cm3));
        cli_table_set_num(t, r, 3, il_stopping_keV_per_um(v.total_eV_tfu, m.atoms_cm3));
        cli_table_set_num(t, r, 4, v.electronic_eV_tfu);
        cli_table_set_num(t, r, 5, v.nuclear_eV_tfu);
        cli_table_set_text(t, r, 6, il_stop_source_name(v.source));
        xs[k] = E;
        se[k] = il_stopping_keV_per_um(v.electronic_eV_tfu, m.atoms_cm3);
        sn[k] = il_stopping_keV_per_um(v.nuclear_eV_tfu, m.atoms_cm3);
    }

    il_ion_info info;
    il_ion_get(ion, &info, NULL);
    char formula[256];
    il_formula_format(&m.mat.formula, formula, sizeof formula);
    json_t *doc = NULL;
    if (out.json) {
        json_t *sources = json_object(), *detail = json_object();
        for (size_t i = 0; i < nparts; i++) {
            const il_element *e = il_element_by_z(parts[i].Z);
            json_object_set_new(sources, e->symbol,
                                json_string(cli_source_kind(parts[i].value.source)));
            json_object_set_new(detail, e->symbol,
                                json_string(il_stop_source_name(parts[i].value.source)));
        }
        doc = json_object();
        json_object_set_new(doc, "ion", json_string(info.name));
        json_object_set_new(doc, "material", json_string(m.mat.name));
        json_object_set_new(doc, "formula", json_string(formula));
        json_object_set_new(doc, "density_g_cm3", json_real(m.mat.density_g_cm3));
        json_object_set_new(doc, "density_source", json_string(m.mat.density_source));
        json_object_set_new(doc, "atoms_per_cm3", json_real(m.atoms_cm3));
        if (n == 1) {
            json_t *rows = cli_table_to_json(t);
            json_object_update(doc, json_array_get(rows, 0));
            json_decref(rows);
        } else {
            json_object_set_new(doc, "points", cli_table_to_json(t));
        }
        json_object_set_new(doc, "sources", sources);
        json_object_set_new(doc, "sources_detail", detail);
    } else if (!out.csv) {
        printf("%s in %s (%s, %.4g g/cm3, %.5g atoms/cm3)\n", info.name, m.mat.name, formula,
               m.mat.density_g_cm3, m.atoms_cm3);
        printf("sources (at %.6g keV):", xs[n - 1]);
        for (size_t i = 0; i < nparts; i++)
            printf(" %s=%s", il_element_by_z(parts[i].Z)->symbol,
                   il_stop_source_name(parts[i].value.source));
        printf("\n\n");
    }
    rc = cli_out_emit(&out, t, doc);
    json_decref(doc);
    if (rc == CLI_EXIT_OK && out.plot) {
        char title[300];
        snprintf(title, sizeof title, "%s in %s", info.name, m.mat.name);
        il_plot_series s[2] = {{xs, se, NULL, n, "electronic", IL_PLOT_LINE},
                               {xs, sn, NULL, n, "nuclear (ZBL)", IL_PLOT_LINE}};
        il_plot_axes ax = {title, "ion energy (keV)", "stopping power (keV/um)", 1, 1};
        if (il_plot_xy(out.plot, &ax, s, 2, &err))
            rc = cli_fail(&err);
    }
done:
    cli_table_free(t);
    free(xs);
    free(se);
    free(sn);
    return rc;
}
