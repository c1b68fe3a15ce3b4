/* The plots of an operando analysis: Li per layer against time, the cell voltage, the map of
 * the Li change against depth and time, and the last spectrum beside its model by layer. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "interlayer/operando_io.h"
#include "interlayer/plot.h"

/* A layer whose Li never exceeds this (atoms/cm2) would only clutter the legend. */
#define PLOT_MIN_LI_ATOMS_CM2 1e14

static il_status path_in(char *buf, size_t size, const char *dir, const char *name,
                         il_error *err)
{
    if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size)
        return il_error_set_at(err, IL_ERR_INVALID, dir, 0, 0, "output path too long");
    return IL_OK;
}

/* The series stores inventories spectrum by spectrum; a plot wants each layer's run in time. */
static il_status plot_inventories(const char *path, const il_operando_result *r, il_error *err)
{
    const il_ndp_series *s = r->series;
    size_t nl = s->n_layers, n = r->n, k = 0;
    il_plot_series *ser = calloc(nl + 3, sizeof *ser);
    double *inv = malloc(nl * n * sizeof *inv), *sig = malloc(nl * n * sizeof *sig);
    il_status st = IL_OK;
    for (size_t l = 0; ser && inv && sig && l < nl; l++) {
        int any = 0;
        for (size_t i = 0; i < n; i++) {
            inv[l * n + i] = s->inventory[i * nl + l];
            sig[l * n + i] = s->inventory_sigma[i * nl + l];
            any |= fabs(inv[l * n + i]) > PLOT_MIN_LI_ATOMS_CM2;
        }
        if (any)
            ser[k++] = (il_plot_series){s->mid_time_s, inv + l * n, sig + l * n, n,
                                        il_ndp_model_layer_name(r->model, l), IL_PLOT_LINE};
    }
    il_plot_axes ax = {"Li inventory per layer", "time (s)", "Li (atoms/cm2)", 0, 0};
    if (ser)
        st = il_plot_xy(path, &ax, ser, k, err);
    free(ser);
    free(inv);
    free(sig);
    return st;
}

static il_status plot_voltage(const char *path, const il_ndp_cycler *cy, il_error *err)
{
    il_plot_series vs = {cy->time_s, cy->voltage_V, NULL, cy->n, "cell voltage", IL_PLOT_LINE};
    il_plot_axes av = {"cycler", "time (s)", "voltage (V)", 0, 0};
    return il_plot_xy(path, &av, &vs, 1, err);
}

/* The map against depth marks the model's layers, so the interfaces can be found on it. */
static il_status plot_delta_map(const char *path, const il_operando_result *r, il_error *err)
{
    const il_ndp_series *s = r->series;
    il_plot_axes am = {"Li change against the reference", "depth (nm)", "time (s)", 0, 0};
    size_t nl = il_ndp_model_n_layers(r->model);
    double *edges = malloc((nl + 1) * sizeof *edges);
    const char **names = malloc((nl + 1) * sizeof *names);
    il_plot_layers layers = {edges, names, nl};
    for (size_t l = 0; edges && names && l <= nl; l++) {
        edges[l] = il_ndp_model_layer_top_nm(r->model, l);
        names[l] = l < nl ? il_ndp_model_layer_name(r->model, l) : NULL;
    }
    il_status st = il_plot_map_layers(path, &am, edges && names ? &layers : NULL,
                                      s->reference->depth_nm, s->n_bins, s->mid_time_s, r->n,
                                      s->delta_conc, "delta Li (atoms/cm3)", err);
    free(edges);
    free(names);
    return st;
}

/* Only the layers the model gives counts to get a curve. */
static il_status plot_last_spectrum(const char *path, const il_operando_result *r,
                                    il_error *err)
{
    const il_ndp_sim *sim = r->last_model;
    size_t nch = sim->n_channels, nl = r->series->n_layers, q = 0;
    il_plot_series *ss = calloc(nl + 2, sizeof *ss);
    if (!ss)
        return IL_OK;
    ss[q++] = (il_plot_series){sim->energy_keV, r->last_counts, NULL, nch, "last spectrum",
                               IL_PLOT_POINTS};
    for (size_t l = 0; l < nl; l++) {
        double tot = 0;
        for (size_t c = 0; c < nch; c++)
            tot += sim->by_layer[l * nch + c];
        if (tot > 0)
            ss[q++] = (il_plot_series){sim->energy_keV, sim->by_layer + l * nch, NULL, nch,
                                       il_ndp_model_layer_name(r->model, l), IL_PLOT_LINE};
    }
    il_plot_axes as = {"last spectrum and its model by layer", "energy (keV)",
                       "counts per channel", 0, 0};
    il_status st = il_plot_xy(path, &as, ss, q, err);
    free(ss);
    return st;
}

il_status il_operando_write_plots(const char *dir, const il_operando_result *r, il_error *err)
{
    if (!dir || !r)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_write_plots: NULL argument");
    char path[4096];
    il_status st = path_in(path, sizeof path, dir, "inventories.svg", err);
    if (!st)
        st = plot_inventories(path, r, err);
    if (!st && r->cycler && !(st = path_in(path, sizeof path, dir, "voltage.svg", err)))
        st = plot_voltage(path, r->cycler, err);
    if (!st && r->n >= 2 && !(st = path_in(path, sizeof path, dir, "delta_li_map.svg", err)))
        st = plot_delta_map(path, r, err);
    if (!st && r->last_model && r->last_counts &&
        !(st = path_in(path, sizeof path, dir, "spectra.svg", err)))
        st = plot_last_spectrum(path, r, err);
    return st;
}
