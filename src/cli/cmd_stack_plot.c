/* stack show --plot: the Li concentration of the stack against depth, concentration profiles
 * included, with the layers marked, so a stack file can be checked by eye before it is used. */
#include <math.h>
#include <stdlib.h>

#include "cli/cmd_stack_profiles.h"
#include "cli/plot_layers.h"

#define STACK_PLOT_POINTS 800
/* How far into a substrate the plot looks, as a share of the finite layers' thickness. */
#define SUBSTRATE_SHARE 0.1

/* Li atoms/cm3 at depth z_nm inside layer i (profiles applied). */
static double li_at(const il_layer *l, double z_nm)
{
    il_layer_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n = il_layer_isotopes_at(l, z_nm, z_nm, iso, IL_FORMULA_ISOTOPES_MAX);
    double li = 0;
    for (size_t k = 0; k < n; k++)
        if (iso[k].Z == 3)
            li += iso[k].atoms_cm3;
    return li;
}

il_status cli_stack_plot(const il_stack *s, const char *path, il_error *err)
{
    size_t nl = il_stack_count(s);
    double total = il_stack_thickness_nm(s);
    const il_layer *last = nl ? il_stack_layer(s, nl - 1) : NULL;
    double end = total + (last && last->is_substrate ? fmax(SUBSTRATE_SHARE * total, 1) : 0);
    if (!(end > 0))
        return il_error_set(err, IL_ERR_INVALID, "plot '%s': the stack has no thickness", path);
    double *z = malloc(STACK_PLOT_POINTS * sizeof *z), *li = malloc(STACK_PLOT_POINTS * sizeof *li);
    if (!z || !li) {
        free(z);
        free(li);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory plotting '%s'", path);
    }
    size_t layer = 0;
    for (size_t k = 0; k < STACK_PLOT_POINTS; k++) {
        /* Sample centres, so no point sits exactly on an interface. */
        z[k] = end * (k + 0.5) / STACK_PLOT_POINTS;
        while (layer + 1 < nl && z[k] >= il_stack_layer_top_nm(s, layer + 1))
            layer++;
        li[k] = li_at(il_stack_layer(s, layer), z[k] - il_stack_layer_top_nm(s, layer));
    }
    il_plot_series ser = {z, li, NULL, STACK_PLOT_POINTS, NULL, IL_PLOT_LINE};
    il_plot_axes ax = {il_stack_name(s)[0] ? il_stack_name(s) : "Li in the stack", "depth (nm)",
                       "Li (atoms/cm3)", 0, 0};
    cli_plot_layers pl;
    int marked = cli_plot_layers_stack(s, &pl) == 0;
    il_status st = il_plot_xy_layers(path, &ax, marked ? &pl.layers : NULL, &ser, 1, err);
    if (marked)
        cli_plot_layers_free(&pl);
    free(z);
    free(li);
    return st;
}
