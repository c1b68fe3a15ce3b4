/* interlayer depth-energy ION --energy E0 --stack STACK: the energy an ion born at depth x
 * keeps when it leaves the surface, and its straggling (the review's Fig. 28b,c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"

static const cli_column columns[] = {
    {"depth_nm", "depth (nm)", "%.6g"},
    {"layer", "layer", NULL},
    {"exit_energy_keV", "E exit (keV)", "%.6g"},
    {"straggling_sigma_keV", "sigma (keV)", "%.3g"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: interlayer depth-energy ION --energy E0 --stack STACK [--angle DEG]\n"
               "         [--points N] [--max-depth LENGTH] [--csv|--json] [--plot F.svg]\n"
               "  ION born at each depth with E0 travels to the surface at DEG from the normal.\n"
               "  STACK: a YAML file or \"Pt 50nm | LiCoO2 1um | ...\"; 'default' for the built-in cell\n");
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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int cli_cmd_depth_energy(int argc, char **argv)
{
    const char *ion_text = NULL, *energy = NULL, *stack_arg = NULL, *angle = NULL, *pts = NULL,
               *maxd = NULL;
    cli_out out = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return CLI_EXIT_OK;
        }
        if ((r = cli_out_parse(argc, argv, &i, &out)) ||
            (r = cli_opt_value(argc, argv, &i, "--energy", &energy)) ||
            (r = cli_opt_value(argc, argv, &i, "--stack", &stack_arg)) ||
            (r = cli_opt_value(argc, argv, &i, "--angle", &angle)) ||
            (r = cli_opt_value(argc, argv, &i, "--points", &pts)) ||
            (r = cli_opt_value(argc, argv, &i, "--max-depth", &maxd))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if ((argv[i][0] == '-' && argv[i][1] != '\0') || ion_text)
            return cli_usage("depth-energy: unexpected argument '%s'", argv[i]);
        ion_text = argv[i];
    }
    if (!ion_text || !energy || !stack_arg) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    il_error err;
    il_ion ion;
    double E0, theta = 0, npoints = 200, max_nm = 0;
    if (il_ion_parse(ion_text, &ion, &err) || il_parse_energy_keV(energy, &E0, &err) ||
        (angle && il_parse_number(angle, &theta, &err)) ||
        (pts && il_parse_number(pts, &npoints, &err)) ||
        (maxd && il_parse_length_nm(maxd, &max_nm, &err)))
        return cli_fail(&err);
    if (!(theta >= 0 && theta < 90))
        return cli_usage("depth-energy: --angle %s: expected 0 <= DEG < 90", angle);
    if (npoints < 2 || npoints > 1e6 || npoints != floor(npoints))
        return cli_usage("depth-energy: --points %s: expected a whole number 2..1000000", pts);

    il_stack *stack = NULL;
    il_stack_stopping *ss = NULL;
    il_status st = strcmp(stack_arg, "default") == 0 ? il_stack_default_cell(&stack, &err)
                                                     : il_stack_load(stack_arg, NULL, &stack, &err);
    if (st || (st = il_stack_stopping_new(stack, ion, IL_STRAG_YANG, &ss, &err))) {
        il_stack_free(stack);
        return cli_fail(&err);
    }
    const il_slab *slabs = il_stack_stopping_layers(ss);
    size_t nl = il_stack_stopping_count(ss);

    /* Depth grid: uniform to the deepest point a particle can still leave from (or the
     * stack's end), plus both sides of every interface so steps in dE/dx show sharply. */
    if (max_nm <= 0) {
        max_nm = il_stack_thickness_nm(stack);
        if (il_stack_substrate(stack)) {
            double r_nm;
            il_path_segment seg = {slabs[nl - 1].stopping, slabs[nl - 1].atoms_cm3, INFINITY};
            if (il_path_range_nm(&seg, 1, E0, &r_nm, NULL) == IL_OK && isfinite(r_nm))
                max_nm += r_nm;
        }
    }
    size_t n = (size_t)npoints, cap = n + 2 * nl;
    double *depth = malloc(cap * sizeof *depth);
    il_beam *exitb = malloc(cap * sizeof *exitb);
    cli_table *t = cli_table_new(columns, sizeof columns / sizeof columns[0]);
    int rc = CLI_EXIT_OK;
    if (!depth || !exitb || !t) {
        il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        rc = cli_fail(&err);
        goto done;
    }
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        depth[m++] = max_nm * (double)k / (double)(n - 1);
    for (size_t i = 1; i < nl; i++) {
        double top = il_stack_layer_top_nm(stack, i);
        if (top < max_nm) {
            depth[m++] = nextafter(top, 0);
            depth[m++] = top;
        }
    }
    qsort(depth, m, sizeof *depth, cmp_double);
    if (il_depth_energy_curve(slabs, nl, E0, theta, depth, m, exitb, &err)) {
        rc = cli_fail(&err);
        goto done;
    }
    /* Stop after the first depth from which nothing leaves. */
    size_t keep = m;
    for (size_t k = 0; k < m; k++)
        if (exitb[k].E_keV <= 0) {
            keep = k + 1;
            break;
        }
    for (size_t k = 0; k < keep; k++) {
        long r = cli_table_add_row(t);
        cli_table_set_num(t, r, 0, depth[k]);
        cli_table_set_text(t, r, 1, il_stack_layer(stack, layer_at(stack, depth[k]))->name);
        cli_table_set_num(t, r, 2, exitb[k].E_keV);
        cli_table_set_num(t, r, 3, exitb[k].sigma_keV);
    }
    il_ion_info info;
    il_ion_get(ion, &info, NULL);
    json_t *doc = NULL;
    if (out.json) {
        char buf[2048];
        doc = json_object();
        json_object_set_new(doc, "ion", json_string(info.name));
        json_object_set_new(doc, "initial_energy_keV", json_real(E0));
        json_object_set_new(doc, "angle_deg", json_real(theta));
        json_object_set_new(doc, "stack", json_string(il_stack_format(stack, buf, sizeof buf)));
        json_object_set_new(doc, "points", cli_table_to_json(t));
    } else if (!out.csv) {
        char buf[2048];
        printf("%s born with %.6g keV, leaving at %.3g deg from the normal through\n  %s\n\n",
               info.name, E0, theta, il_stack_format(stack, buf, sizeof buf));
    }
    rc = cli_out_emit(&out, t, doc);
    json_decref(doc);
    if (rc == CLI_EXIT_OK && out.plot) {
        double *e = malloc(keep * sizeof *e), *s = malloc(keep * sizeof *s);
        if (e && s) {
            for (size_t k = 0; k < keep; k++) {
                e[k] = exitb[k].E_keV;
                s[k] = exitb[k].sigma_keV;
            }
            char title[128];
            snprintf(title, sizeof title, "%s, E0 = %.6g keV, %.3g deg", info.name, E0, theta);
            il_plot_series ser = {depth, e, NULL, keep, info.name, IL_PLOT_LINE};
            il_plot_axes ax = {title, "depth of birth (nm)", "energy at the surface (keV)", 0, 0};
            if (il_plot_xy(out.plot, &ax, &ser, 1, &err))
                rc = cli_fail(&err);
        }
        free(e);
        free(s);
    }
done:
    cli_table_free(t);
    free(depth);
    free(exitb);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
    return rc;
}
