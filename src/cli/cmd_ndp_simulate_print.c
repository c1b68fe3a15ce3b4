/* The output of `interlayer ndp simulate` (see cmd_ndp_simulate.h). */
#include "cli/cmd_ndp_simulate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_io.h"
#include "interlayer/plot.h"


il_status cli_ndp_write_spectrum(const char *path, const cli_ndp_simulation *sim, const char *start,
                                 il_error *err)
{
    const il_ndp_instrument *ins = sim->ins;
    size_t n = sim->r->n_channels;
    char title[256];
    snprintf(title, sizeof title, "interlayer ndp simulate%s", sim->sampled ? " (Poisson)" : "");
    il_spectrum *sp;
    il_status st = il_spectrum_new(n, &sp, err);
    if (st)
        return st;
    memcpy(il_spectrum_counts_mut(sp), sim->sampled ? sim->sampled : sim->r->counts,
           n * sizeof(double));
    st = il_spectrum_set_calibration(sp, ins->offset_keV, ins->gain_keV, ins->quadratic_keV, err);
    if (!st)
        st = il_spectrum_set_times_s(sp, ins->live_time_s, ins->live_time_s, err);
    if (!st)
        st = il_spectrum_set_title(sp, title, err);
    if (!st && start)
        st = il_spectrum_set_start_iso(sp, start, err);
    if (!st)
        st = il_spectrum_save(sp, path, IL_SPECTRUM_AUTO, err);
    il_spectrum_free(sp);
    return st;
}

int cli_ndp_plot_spectrum(const char *path, const cli_ndp_simulation *sim)
{
    const il_ndp_sim *r = sim->r;
    size_t nl = r->n_layers, k = 0;
    il_plot_series *ser = calloc(nl + 2, sizeof *ser);
    if (!ser)
        return CLI_EXIT_FAIL;
    ser[k++] =
        (il_plot_series){r->energy_keV, r->counts, NULL, r->n_channels, "total", IL_PLOT_LINE};
    if (sim->sampled)
        ser[k++] = (il_plot_series){r->energy_keV, sim->sampled, NULL,
                                    r->n_channels, "sampled",    IL_PLOT_POINTS};
    for (size_t l = 0; l < nl; l++) {
        double s = 0;
        for (size_t c = 0; c < r->n_channels; c++)
            s += r->by_layer[l * r->n_channels + c];
        if (s > 0)
            ser[k++] =
                (il_plot_series){r->energy_keV, r->by_layer + l * r->n_channels,    NULL,
                                 r->n_channels, il_ndp_model_layer_name(sim->m, l), IL_PLOT_LINE};
    }
    il_plot_axes ax = {"NDP spectrum", "energy (keV)", "counts per channel", 0, 0};
    il_error err;
    il_status st = il_plot_xy(path, &ax, ser, k, &err);
    free(ser);
    return st ? cli_fail(&err) : CLI_EXIT_OK;
}

static il_ndp_simulation_record record_of(const cli_ndp_simulation *sim)
{
    return (il_ndp_simulation_record){sim->s, sim->m, sim->ins, sim->r, sim->sampled, sim->seed};
}

/* The simulation as one of the library's writers puts it (JSON, CSV), on stdout. */
static int print_as(const cli_ndp_simulation *sim,
                    il_status (*write)(const il_ndp_simulation_record *, char **, il_error *))
{
    il_ndp_simulation_record rec = record_of(sim);
    il_error err;
    char *text;
    if (write(&rec, &text, &err))
        return cli_fail(&err);
    fputs(text, stdout);
    free(text);
    return CLI_EXIT_OK;
}

int cli_ndp_simulate_json(const cli_ndp_simulation *sim)
{
    return print_as(sim, il_ndp_simulation_json);
}

int cli_ndp_simulate_csv(const cli_ndp_simulation *sim)
{
    return print_as(sim, il_ndp_simulation_csv);
}

void cli_ndp_simulate_text(const cli_ndp_simulation *sim)
{
    const il_ndp_sim *r = sim->r;
    const il_ndp_instrument *ins = sim->ins;
    size_t np = r->n_particles, nch = r->n_channels;
    printf("NDP simulation of '%s': %zu channels of %.4g keV, %.3g n/cm2/s x %.4g s, "
           "solid angle %.4g sr (%.4g of 4 pi)\n",
           il_stack_name(sim->s), nch, ins->gain_keV, ins->fluence_rate_n_cm2_s, ins->live_time_s,
           il_ndp_solid_angle_sr(ins), il_ndp_solid_angle_fraction(ins));
    printf("%-28s %12s %14s", "layer", "top (nm)", "Li (at/cm2)");
    for (size_t p = 0; p < np; p++)
        printf(" %16.16s", il_ndp_model_particle(sim->m, p)->key);
    printf("\n");
    double all = 0;
    for (size_t l = 0; l < r->n_layers; l++) {
        const il_layer *L = il_stack_layer(sim->s, l);
        printf("%-28.28s %12.1f %14.4e", L->name, il_ndp_model_layer_top_nm(sim->m, l),
               L->is_substrate ? 0.0 : L->li_atoms_cm2);
        for (size_t p = 0; p < np; p++) {
            printf(" %16.6g", r->layer_particle[l * np + p]);
            all += r->layer_particle[l * np + p];
        }
        printf("\n");
    }
    double bkg = 0;
    for (size_t c = 0; c < nch; c++)
        bkg += r->background[c];
    printf("total counts in the spectrum: %.6g (background %.6g)\n", all + bkg, bkg);
}
