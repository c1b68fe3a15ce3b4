/* The output of `interlayer ndp simulate` (see cmd_ndp_simulate.h). */
#include "cli/cmd_ndp_simulate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
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

/* Layer l: its Li, and the counts it gives (per reaction particle and in all). */
static json_t *layer_json(const cli_ndp_simulation *sim, size_t l)
{
    const il_ndp_sim *r = sim->r;
    size_t nch = r->n_channels;
    const il_layer *L = il_stack_layer(sim->s, l);
    json_t *o = json_object();
    double ca, ct, tot;
    il_ndp_sim_layer_counts(r, sim->m, l, &ca, &ct, &tot);
    json_object_set_new(o, "name", json_string(L->name));
    json_object_set_new(o, "top_nm", json_real(il_ndp_model_layer_top_nm(sim->m, l)));
    json_object_set_new(o, "li6_atoms_per_cm2",
                        L->is_substrate ? json_null() : json_real(L->li6_atoms_cm2));
    json_object_set_new(o, "li_atoms_per_cm2",
                        L->is_substrate ? json_null() : json_real(L->li_atoms_cm2));
    json_object_set_new(o, "counts_alpha", json_real(ca));
    json_object_set_new(o, "counts_triton", json_real(ct));
    json_object_set_new(o, "counts_total", json_real(tot));
    json_object_set_new(o, "counts", cli_ndp_json_array(r->by_layer + l * nch, nch));
    return o;
}

/* Depth resolution against depth for each particle. */
static json_t *resolution_json(const cli_ndp_simulation *sim)
{
    json_t *dr = json_object();
    size_t nz = 0;
    double zmax = il_ndp_model_layer_top_nm(sim->m, sim->r->n_layers);
    double z[200], fw[200], me[200];
    for (; nz < 200; nz++)
        z[nz] = zmax * (double)nz / 199.0;
    for (size_t p = 0; p < sim->r->n_particles; p++) {
        il_ndp_depth_resolution(sim->m, p, z, nz, fw, me, NULL);
        json_t *o = json_object();
        json_object_set_new(o, "depth_nm", cli_ndp_json_array(z, nz));
        json_object_set_new(o, "fwhm_nm", cli_ndp_json_array(fw, nz));
        json_object_set_new(o, "mean_exit_keV", cli_ndp_json_array(me, nz));
        json_object_set_new(dr, il_ndp_model_particle(sim->m, p)->key, o);
    }
    return dr;
}

int cli_ndp_simulate_json(const cli_ndp_simulation *sim)
{
    const il_ndp_sim *r = sim->r;
    size_t nch = r->n_channels;
    json_t *doc = json_object();
    json_object_set_new(doc, "stack", json_string(il_stack_name(sim->s)));
    json_object_set_new(doc, "energy_keV", cli_ndp_json_array(r->energy_keV, nch));
    json_object_set_new(doc, "counts", cli_ndp_json_array(r->counts, nch));
    if (sim->sampled) {
        json_object_set_new(doc, "seed", json_integer((json_int_t)sim->seed));
        json_object_set_new(doc, "counts_sampled", cli_ndp_json_array(sim->sampled, nch));
    }
    json_object_set_new(doc, "background", cli_ndp_json_array(r->background, nch));
    json_t *parts = json_object();
    for (size_t p = 0; p < r->n_particles; p++)
        json_object_set_new(parts, il_ndp_model_particle(sim->m, p)->key,
                            cli_ndp_json_array(r->by_particle + p * nch, nch));
    json_object_set_new(doc, "particles", parts);
    json_t *layers = json_array();
    for (size_t l = 0; l < r->n_layers; l++)
        json_array_append_new(layers, layer_json(sim, l));
    json_object_set_new(doc, "layers", layers);
    json_object_set_new(doc, "instrument", cli_ndp_json_instrument(sim->ins));
    json_object_set_new(doc, "depth_resolution", resolution_json(sim));
    int rc = cli_out_write_json(NULL, doc);
    json_decref(doc);
    return rc;
}

void cli_ndp_simulate_csv(const cli_ndp_simulation *sim)
{
    const il_ndp_sim *r = sim->r;
    size_t np = r->n_particles, nch = r->n_channels;
    printf("channel,energy_keV,counts");
    if (sim->sampled)
        printf(",counts_sampled");
    for (size_t p = 0; p < np; p++)
        printf(",%s", il_ndp_model_particle(sim->m, p)->key);
    printf(",background\n");
    for (size_t c = 0; c < nch; c++) {
        printf("%zu,%.6g,%.9g", c, r->energy_keV[c], r->counts[c]);
        if (sim->sampled)
            printf(",%.0f", sim->sampled[c]);
        for (size_t p = 0; p < np; p++)
            printf(",%.9g", r->by_particle[p * nch + c]);
        printf(",%.9g\n", r->background[c]);
    }
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
