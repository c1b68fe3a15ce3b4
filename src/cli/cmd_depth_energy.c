/* interlayer depth-energy ION --energy E0 --stack STACK: the energy an ion born at depth x
 * keeps when it leaves the surface, and its straggling (the review's Fig. 28b,c). */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "cli/plot_layers.h"

#define USAGE                                                                                      \
    "usage: interlayer depth-energy ION --energy E0 --stack STACK [--angle DEG]\n"                 \
    "         [--points N] [--max-depth LENGTH] [--csv|--json] [--plot F.svg]\n"                   \
    "  ION born at each depth with E0 travels to the surface at DEG from the normal.\n"            \
    "  STACK: a YAML file or \"Pt 50nm | LiCoO2 1um | ...\"; 'default' for the built-in cell\n"

typedef struct {
    cli_out out;
    const char *energy, *stack, *angle, *points, *max_depth;
    const char *ion[1];
} depth_energy_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--energy", NULL, offsetof(depth_energy_args, energy)),
    CLI_OPT_TEXT("--stack", NULL, offsetof(depth_energy_args, stack)),
    CLI_OPT_TEXT("--angle", NULL, offsetof(depth_energy_args, angle)),
    CLI_OPT_TEXT("--points", NULL, offsetof(depth_energy_args, points)),
    CLI_OPT_TEXT("--max-depth", NULL, offsetof(depth_energy_args, max_depth)),
};

static const cli_verb depth_energy_verb = {
    .name = "depth-energy",
    .help = USAGE,
    CLI_SETS(CLI_OUT_SET(depth_energy_args), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(depth_energy_args, ion),
    .unknown = "unexpected argument",
};

static const cli_column columns[] = {
    {"depth_nm", "depth (nm)", "%.6g"},
    {"layer", "layer", NULL},
    {"exit_energy_keV", "E exit (keV)", "%.6g"},
    {"straggling_sigma_keV", "sigma (keV)", "%.3g"},
};

/* The numbers of the command line. */
typedef struct {
    il_ion ion;
    double E0_keV, theta_deg, npoints, max_nm;
} request;

static int read_request(const depth_energy_args *a, request *q)
{
    il_error err;
    q->theta_deg = 0, q->npoints = 200, q->max_nm = 0;
    if (il_ion_parse(a->ion[0], &q->ion, &err) ||
        il_parse_energy_keV(a->energy, &q->E0_keV, &err) ||
        (a->angle && il_parse_number(a->angle, &q->theta_deg, &err)) ||
        (a->points && il_parse_number(a->points, &q->npoints, &err)) ||
        (a->max_depth && il_parse_length_nm(a->max_depth, &q->max_nm, &err)))
        return cli_fail(&err);
    if (!(q->theta_deg >= 0 && q->theta_deg < 90))
        return cli_usage("depth-energy: --angle %s: expected 0 <= DEG < 90", a->angle);
    if (cli_check_whole("depth-energy", "--points", a->points, q->npoints, 2, 1e6))
        return CLI_EXIT_USAGE;
    return CLI_RUN;
}

/* Which layer holds depth x (the last one for depths beyond the stack). */
static size_t layer_at(const il_stack *s, double x)
{
    size_t n = il_stack_count(s);
    for (size_t i = 0; i + 1 < n; i++)
        if (x < il_stack_layer_top_nm(s, i + 1))
            return i;
    return n ? n - 1 : 0;
}

/* The table, its header or JSON document, and the plot of exit energy against depth. */
static int emit(const cli_out *out, const request *q, const il_stack *stack,
                const il_depth_energy_table *de)
{
    const double *depth = de->depth_nm;
    const il_beam *exitb = de->exit;
    size_t keep = de->n;
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    if (!t)
        return CLI_EXIT_FAIL;
    for (size_t k = 0; k < keep; k++) {
        long r = cli_table_add_row(t);
        cli_table_set_num(t, r, 0, depth[k]);
        cli_table_set_text(t, r, 1, il_stack_layer(stack, layer_at(stack, depth[k]))->name);
        cli_table_set_num(t, r, 2, exitb[k].E_keV);
        cli_table_set_num(t, r, 3, exitb[k].sigma_keV);
    }
    il_ion_info info;
    il_ion_get(q->ion, &info, NULL);
    json_t *doc = NULL;
    char buf[2048];
    if (out->json) {
        doc = json_object();
        json_object_set_new(doc, "ion", json_string(info.name));
        json_object_set_new(doc, "initial_energy_keV", cli_json_number(q->E0_keV));
        json_object_set_new(doc, "angle_deg", cli_json_number(q->theta_deg));
        json_object_set_new(doc, "stack", json_string(il_stack_format(stack, buf, sizeof buf)));
        json_object_set_new(doc, "points", cli_table_to_json(t));
    } else if (!out->csv) {
        printf("%s born with %.6g keV, leaving at %.3g deg from the normal through\n  %s\n\n",
               info.name, q->E0_keV, q->theta_deg, il_stack_format(stack, buf, sizeof buf));
    }
    int rc = cli_out_emit(out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    double *e = rc == CLI_EXIT_OK && out->plot ? malloc(keep * sizeof *e) : NULL;
    if (e) {
        for (size_t k = 0; k < keep; k++)
            e[k] = exitb[k].E_keV;
        char title[128];
        snprintf(title, sizeof title, "%s, E0 = %.6g keV, %.3g deg", info.name, q->E0_keV,
                 q->theta_deg);
        il_plot_series ser = {depth, e, NULL, keep, info.name, IL_PLOT_LINE};
        il_plot_axes ax = {title, "depth of birth (nm)", "energy at the surface (keV)", 0, 0};
        il_error err;
        cli_plot_layers pl;
        int marked = cli_plot_layers_stack(stack, &pl) == 0;
        if (il_plot_xy_layers(out->plot, &ax, marked ? &pl.layers : NULL, &ser, 1, &err))
            rc = cli_fail(&err);
        if (marked)
            cli_plot_layers_free(&pl);
        free(e);
    }
    return rc;
}

int cli_cmd_depth_energy(int argc, char **argv)
{
    depth_energy_args a = {0};
    CLI_PARSE_OR_RETURN(&depth_energy_verb, argc, argv, &a);
    if (!a.ion[0] || !a.energy || !a.stack) {
        fputs(USAGE, stderr);
        return CLI_EXIT_USAGE;
    }
    request q;
    if ((rc = read_request(&a, &q)) != CLI_RUN)
        return rc;
    il_error err;
    il_stack *stack = NULL;
    il_stack_stopping *ss = NULL;
    il_status st = cli_stack_load(a.stack, &stack, &err);
    if (st || (st = il_stack_stopping_new(stack, q.ion, IL_STRAG_YANG, &ss, &err))) {
        il_stack_free(stack);
        return cli_fail(&err);
    }
    il_depth_energy_table de;
    if (il_depth_energy_sweep(il_stack_stopping_layers(ss), il_stack_stopping_count(ss), q.E0_keV,
                              q.theta_deg, (size_t)q.npoints, q.max_nm, &de, &err))
        rc = cli_fail(&err);
    else
        rc = emit(&a.out, &q, stack, &de);
    il_depth_energy_table_clear(&de);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
    return rc;
}
