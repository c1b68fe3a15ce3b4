/* interlayer stopping ION MATERIAL --energy E: stopping power of a light ion in a material,
 * per element source; with --from/--to a curve over energy (and --plot). */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/ion_material.h"
#include "cli/output.h"

#define USAGE                                                                                      \
    "usage: interlayer stopping ION MATERIAL --energy E [--density G_CM3] [--csv|--json]\n"        \
    "       interlayer stopping ION MATERIAL --from E1 --to E2 [--points N] [--plot F.svg]\n"      \
    "  ION: 1H 2H 3H 3He 4He (or p d t alpha); E with unit (2055.8keV, 2.7MeV; keV if none)\n"     \
    "  MATERIAL: a database name (interlayer materials) or a formula\n"                            \
    "  --scale EL=F: multiply element EL's electronic stopping by F (source 'user')\n"

typedef struct {
    cli_out out;
    const char *energy, *from, *to, *points, *density;
    cli_list scales;
    const char *pos[2]; /* ION, MATERIAL */
} stopping_args;

static const cli_opt own_options[] = {
    CLI_OPT_LIST("--scale", offsetof(stopping_args, scales)),
    CLI_OPT_TEXT("--energy", NULL, offsetof(stopping_args, energy)),
    CLI_OPT_TEXT("--from", NULL, offsetof(stopping_args, from)),
    CLI_OPT_TEXT("--to", NULL, offsetof(stopping_args, to)),
    CLI_OPT_TEXT("--points", NULL, offsetof(stopping_args, points)),
    CLI_OPT_TEXT("--density", NULL, offsetof(stopping_args, density)),
};

static const cli_verb stopping_verb = {
    .name = "stopping",
    .help = USAGE,
    CLI_SETS(CLI_OUT_SET(stopping_args), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(stopping_args, pos),
    .unknown = "unknown option",
};

static const cli_column columns[] = {
    {"energy_keV", "E (keV)", "%.6g"},
    {"electronic_keV_per_um", "Se (keV/um)", "%.5g"},
    {"nuclear_keV_per_um", "Sn (keV/um)", "%.4g"},
    {"total_keV_per_um", "S (keV/um)", "%.5g"},
    {"electronic_eV_per_1e15_atoms_cm2", "Se (eV/1e15 at/cm2)", "%.5g"},
    {"nuclear_eV_per_1e15_atoms_cm2", "Sn (eV/1e15 at/cm2)", "%.4g"},
    {"source", "source", NULL},
};

/* The energies asked for: E1 = E2 and one point with --energy, else --points from --from to
 * --to. */
static int read_energies(const stopping_args *a, double *E1, double *E2, size_t *n)
{
    il_error err;
    *n = 1;
    if (a->energy) {
        if (il_parse_energy_keV(a->energy, E1, &err))
            return cli_fail(&err);
        *E2 = *E1;
        return CLI_RUN;
    }
    double np = 200;
    if (il_parse_energy_keV(a->from, E1, &err) || il_parse_energy_keV(a->to, E2, &err) ||
        (a->points && il_parse_number(a->points, &np, &err)))
        return cli_fail(&err);
    if (cli_check_whole("stopping", "--points", a->points, np, 2, 1e6))
        return CLI_EXIT_USAGE;
    if (!(*E2 > *E1))
        return cli_usage("stopping: --to must be above --from");
    *n = (size_t)np;
    return CLI_RUN;
}

/* Stopping against energy: the table, the electronic and nuclear curves for the plot, and the
 * element sources at the last energy. */
typedef struct {
    size_t n;
    cli_table *t;
    double *E, *se, *sn; /* keV, keV/um, keV/um */
    il_stopping_part parts[IL_FORMULA_MAX];
    size_t nparts;
} curve;

/* One row per energy (log-spaced: stopping varies over decades at the low end). */
static int fill(curve *c, il_ion ion, const cli_material *m, double E1, double E2)
{
    il_error err;
    size_t n = c->n;
    for (size_t k = 0; k < n; k++) {
        double E = n == 1 ? E1 : E1 * pow(E2 / E1, (double)k / (double)(n - 1));
        il_stopping_value v;
        if (il_stopping_compound(ion, &m->target, E, &v, c->parts, &c->nparts, &err))
            return cli_fail(&err);
        cli_table *t = c->t;
        long r = cli_table_add_row(t);
        cli_table_set_num(t, r, 0, E);
        cli_table_set_num(t, r, 1, il_stopping_keV_per_um(v.electronic_eV_tfu, m->atoms_cm3));
        cli_table_set_num(t, r, 2, il_stopping_keV_per_um(v.nuclear_eV_tfu, m->atoms_cm3));
        cli_table_set_num(t, r, 3, il_stopping_keV_per_um(v.total_eV_tfu, m->atoms_cm3));
        cli_table_set_num(t, r, 4, v.electronic_eV_tfu);
        cli_table_set_num(t, r, 5, v.nuclear_eV_tfu);
        cli_table_set_text(t, r, 6, il_stop_source_name(v.source));
        c->E[k] = E;
        c->se[k] = il_stopping_keV_per_um(v.electronic_eV_tfu, m->atoms_cm3);
        c->sn[k] = il_stopping_keV_per_um(v.nuclear_eV_tfu, m->atoms_cm3);
    }
    return CLI_EXIT_OK;
}

static json_t *stopping_json(const char *ion, const cli_material *m, const char *formula,
                             const curve *c)
{
    const il_stopping_part *parts = c->parts;
    json_t *sources = json_object(), *detail = json_object();
    for (size_t i = 0; i < c->nparts; i++) {
        const il_element *e = il_element_by_z(parts[i].Z);
        json_object_set_new(sources, e->symbol,
                            json_string(cli_source_kind(parts[i].value.source)));
        json_object_set_new(detail, e->symbol,
                            json_string(il_stop_source_name(parts[i].value.source)));
    }
    json_t *doc = json_object();
    json_object_set_new(doc, "ion", json_string(ion));
    json_object_set_new(doc, "material", json_string(m->mat.name));
    json_object_set_new(doc, "formula", json_string(formula));
    json_object_set_new(doc, "density_g_cm3", cli_json_number(m->mat.density_g_cm3));
    json_object_set_new(doc, "density_source", json_string(m->mat.density_source));
    json_object_set_new(doc, "atoms_per_cm3", cli_json_number(m->atoms_cm3));
    if (c->n == 1) {
        json_t *rows = cli_table_to_json(c->t);
        json_object_update(doc, json_array_get(rows, 0));
        json_decref(rows);
    } else {
        json_object_set_new(doc, "points", cli_table_to_json(c->t));
    }
    json_object_set_new(doc, "sources", sources);
    json_object_set_new(doc, "sources_detail", detail);
    return doc;
}

/* Prints the table (with a header as text, or as JSON with the material) and plots. */
static int emit(const cli_out *out, il_ion ion, const cli_material *m, const curve *c)
{
    il_ion_info info;
    il_ion_get(ion, &info, NULL);
    char formula[256];
    il_formula_format(&m->mat.formula, formula, sizeof formula);
    json_t *doc = NULL;
    if (out->json) {
        doc = stopping_json(info.name, m, formula, c);
    } else if (!out->csv) {
        printf("%s in %s (%s, %.4g g/cm3, %.5g atoms/cm3)\n", info.name, m->mat.name, formula,
               m->mat.density_g_cm3, m->atoms_cm3);
        printf("sources (at %.6g keV):", c->E[c->n - 1]);
        for (size_t i = 0; i < c->nparts; i++)
            printf(" %s=%s", il_element_by_z(c->parts[i].Z)->symbol,
                   il_stop_source_name(c->parts[i].value.source));
        printf("\n\n");
    }
    int rc = cli_out_emit(out, c->t, doc);
    json_decref(doc);
    if (rc == CLI_EXIT_OK && out->plot) {
        char title[300];
        snprintf(title, sizeof title, "%s in %s", info.name, m->mat.name);
        il_plot_series s[2] = {{c->E, c->se, NULL, c->n, "electronic", IL_PLOT_LINE},
                               {c->E, c->sn, NULL, c->n, "nuclear (ZBL)", IL_PLOT_LINE}};
        il_plot_axes ax = {title, "ion energy (keV)", "stopping power (keV/um)", 1, 1};
        il_error err;
        if (il_plot_xy(out->plot, &ax, s, 2, &err))
            rc = cli_fail(&err);
    }
    return rc;
}

int cli_cmd_stopping(int argc, char **argv)
{
    stopping_args a = {0};
    CLI_PARSE_OR_RETURN(&stopping_verb, argc, argv, &a);
    if (!a.pos[1]) {
        fputs(USAGE, stderr);
        return CLI_EXIT_USAGE;
    }
    if (a.energy && (a.from || a.to))
        return cli_usage("stopping: --energy gives one energy, --from/--to a curve: give one of "
                         "them");
    if (!a.energy && !(a.from && a.to))
        return cli_usage("stopping: give --energy E, or --from E1 --to E2");
    il_error err;
    il_ion ion;
    cli_material m;
    double E1, E2;
    curve c = {0};
    if (il_ion_parse(a.pos[0], &ion, &err) ||
        cli_material_setup(a.pos[1], a.density, a.scales.v, a.scales.n, &m, &err))
        return cli_fail(&err);
    if ((rc = read_energies(&a, &E1, &E2, &c.n)) != CLI_RUN)
        return rc;
    c.t = cli_table_new(columns, CLI_COUNT(columns));
    c.E = calloc(c.n, sizeof *c.E), c.se = calloc(c.n, sizeof *c.se);
    c.sn = calloc(c.n, sizeof *c.sn);
    if (!c.t || !c.E || !c.se || !c.sn) {
        il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        rc = cli_fail(&err);
    } else {
        rc = fill(&c, ion, &m, E1, E2);
    }
    if (rc == CLI_EXIT_OK)
        rc = emit(&a.out, ion, &m, &c);
    cli_table_free(c.t);
    free(c.E);
    free(c.se);
    free(c.sn);
    return rc;
}
