/* Layer edges and names for il_plot_*_layers: depth plots say where the interfaces are. */
#include "cli/plot_layers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int alloc(size_t n, cli_plot_layers *p)
{
    memset(p, 0, sizeof *p);
    p->edges = malloc((n + 1) * sizeof *p->edges);
    p->names = malloc((n + 1) * sizeof *p->names);
    if (!p->edges || !p->names) {
        cli_plot_layers_free(p);
        return -1;
    }
    p->layers = (il_plot_layers){p->edges, p->names, n};
    return 0;
}

int cli_plot_layers_stack(const il_stack *s, cli_plot_layers *p)
{
    size_t n = il_stack_count(s);
    if (alloc(n, p))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const il_layer *l = il_stack_layer(s, i);
        p->edges[i] = il_stack_layer_top_nm(s, i);
        p->names[i] = l->name;
    }
    const il_layer *last = n ? il_stack_layer(s, n - 1) : NULL;
    p->edges[n] = !last || last->is_substrate ? INFINITY : il_stack_thickness_nm(s);
    return 0;
}

int cli_plot_layers_ndp(const il_ndp_model *m, cli_plot_layers *p)
{
    size_t n = il_ndp_model_n_layers(m);
    if (alloc(n, p))
        return -1;
    for (size_t i = 0; i <= n; i++) {
        p->edges[i] = il_ndp_model_layer_top_nm(m, i);
        if (i < n)
            p->names[i] = il_ndp_model_layer_name(m, i);
    }
    return 0;
}

void cli_plot_layers_free(cli_plot_layers *p)
{
    free(p->edges);
    free(p->names);
    memset(p, 0, sizeof *p);
}
