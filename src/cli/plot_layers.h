/* The layers of a stack or an NDP model as the plot functions mark them on a depth axis. */
#ifndef CLI_PLOT_LAYERS_H
#define CLI_PLOT_LAYERS_H
#include "interlayer/interlayer.h"

typedef struct {
    il_plot_layers layers;
    double *edges;
    const char **names;
} cli_plot_layers;

/* Fills p from the stack's layers (names point into `s`, which must outlive p); the
 * substrate's bottom is INFINITY. Returns 0, or -1 when out of memory (p then marks nothing). */
int cli_plot_layers_stack(const il_stack *s, cli_plot_layers *p);
/* The same from an NDP model's layers (their names live in the model). */
int cli_plot_layers_ndp(const il_ndp_model *m, cli_plot_layers *p);
void cli_plot_layers_free(cli_plot_layers *p);
#endif
