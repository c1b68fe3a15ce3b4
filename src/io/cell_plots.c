/* Plots of a cell run through the PLplot helpers (plot.h): voltage and current against time,
 * the interlayers' thickness, and the Li ledger in uAh/cm2 (where the charge went). */
#include <stdio.h>
#include <stdlib.h>

#include "interlayer/constants.h"
#include "interlayer/plot.h"
#include "io/cell_plots.h"

#define MAX_SERIES (5 + IL_CELL_MAX_INTERLAYERS)

il_status il__cell_write_plots(const char *dir, const il_cell_result *r, il_error *err)
{
    size_t n = il_cell_result_n_samples(r);
    if (n < 2)
        return IL_OK;
    const il_cell_params *p = il_cell_result_params(r);
    double *buf = malloc(n * (3 + MAX_SERIES) * sizeof *buf);
    if (!buf)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    double *t = buf, *v = buf + n, *i_uA = buf + 2 * n, *ys = buf + 3 * n;
    const double uAh = IL_FARADAY / 3.6e-3; /* mol/cm2 -> uAh/cm2 */
    for (size_t k = 0; k < n; k++) {
        const il_cell_sample *s = il_cell_result_sample(r, k);
        t[k] = s->time_s / 3600;
        v[k] = s->voltage_V;
        i_uA[k] = s->current_A_cm2 * 1e6;
    }
    char path[4096];
    il_status st;
    il_plot_series sv = {t, v, NULL, n, NULL, IL_PLOT_LINE};
    il_plot_axes av = {p->name[0] ? p->name : "cell", "time (h)", "voltage (V)", 0, 0};
    snprintf(path, sizeof path, "%s/voltage.svg", dir);
    if ((st = il_plot_xy(path, &av, &sv, 1, err)))
        goto done;
    il_plot_series si = {t, i_uA, NULL, n, NULL, IL_PLOT_LINE};
    il_plot_axes ai = {"current (> 0 charges)", "time (h)", "current (uA/cm2)", 0, 0};
    snprintf(path, sizeof path, "%s/current.svg", dir);
    if ((st = il_plot_xy(path, &ai, &si, 1, err)))
        goto done;
    il_plot_series ss[MAX_SERIES];
    if (p->n_interlayers) {
        for (size_t j = 0; j < p->n_interlayers; j++) {
            for (size_t k = 0; k < n; k++)
                ys[j * n + k] = il_cell_result_sample(r, k)->thickness_nm[j];
            ss[j] = (il_plot_series){t, ys + j * n, NULL, n, p->interlayers[j].layer, IL_PLOT_LINE};
        }
        il_plot_axes at = {"interlayer thickness", "time (h)", "thickness (nm)", 0, 0};
        snprintf(path, sizeof path, "%s/thickness.svg", dir);
        if ((st = il_plot_xy(path, &at, ss, p->n_interlayers, err)))
            goto done;
    }
    /* the ledger: changes from the start, so every entry shares one axis */
    const char *names[] = {"cathode", "anode (all Li)", "immobilised", "reacted (growth)"};
    const il_cell_ledger *l0 = &il_cell_result_sample(r, 0)->ledger;
    for (size_t k = 0; k < n; k++) {
        const il_cell_ledger *l = &il_cell_result_sample(r, k)->ledger;
        double reacted = 0, reacted0 = 0;
        for (size_t j = 0; j < p->n_interlayers; j++)
            reacted += l->interlayer_reacted[j], reacted0 += l0->interlayer_reacted[j];
        ys[k] = (l->cathode - l0->cathode) * uAh;
        ys[n + k] = (l->anode_mobile + l->anode_metal - l0->anode_mobile - l0->anode_metal) * uAh;
        ys[2 * n + k] = (l->immobilised - l0->immobilised) * uAh;
        ys[3 * n + k] = (reacted - reacted0) * uAh;
    }
    for (size_t j = 0; j < 4; j++)
        ss[j] = (il_plot_series){t, ys + j * n, NULL, n, names[j], IL_PLOT_LINE};
    il_plot_axes al = {"Li ledger: change since the start", "time (h)", "Li (uAh/cm2)", 0, 0};
    snprintf(path, sizeof path, "%s/ledger.svg", dir);
    st = il_plot_xy(path, &al, ss, 4, err);
done:
    free(buf);
    return st;
}
