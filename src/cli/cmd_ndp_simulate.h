/* What `interlayer ndp simulate` emits: its verb (cmd_ndp_simulate.c) parses and simulates,
 * these (cmd_ndp_simulate_print.c) write the spectrum file, the plot, JSON, CSV and text. */
#ifndef CLI_NDP_SIMULATE_H
#define CLI_NDP_SIMULATE_H
#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

/* A simulation with what it was made from; sampled is NULL without --seed. */
typedef struct {
    const il_ndp_instrument *ins;
    const il_stack *s;
    const il_ndp_model *m;
    const il_ndp_sim *r;
    const double *sampled;
    unsigned long long seed;
} cli_ndp_simulation;

/* The spectrum (sampled if there is one) as a file, its format from the name. */
il_status cli_ndp_write_spectrum(const char *path, const cli_ndp_simulation *sim, const char *start,
                                 il_error *err);
/* Total, sampled and per-layer spectra against energy (exit code). */
int cli_ndp_plot_spectrum(const char *path, const cli_ndp_simulation *sim);
/* The whole simulation as JSON on stdout (exit code), as CSV, or as a summary per layer. */
int cli_ndp_simulate_json(const cli_ndp_simulation *sim);
int cli_ndp_simulate_csv(const cli_ndp_simulation *sim);
void cli_ndp_simulate_text(const cli_ndp_simulation *sim);

#endif
