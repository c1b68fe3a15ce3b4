/* The result files of an NDP simulation (ndp_io.h): the JSON and CSV `interlayer ndp simulate`
 * prints. */
#include <stdio.h>
#include <stdlib.h>

#include "interlayer/ndp_io.h"
#include "io/json_text.h"
#include "io/ndp_json.h"

/* Depths at which the JSON tabulates the depth resolution, surface to bottom. */
#define RESOLUTION_POINTS 200

/* Layer l: its Li, and the counts it gives (per reaction particle and in all). */
static json_t *layer_doc(const il_ndp_simulation_record *rec, size_t l)
{
    const il_ndp_sim *r = rec->sim;
    size_t nch = r->n_channels;
    const il_layer *L = il_stack_layer(rec->stack, l);
    json_t *o = json_object();
    double ca, ct, tot;
    il_ndp_sim_layer_counts(r, rec->model, l, &ca, &ct, &tot);
    json_object_set_new(o, "name", json_string(L->name));
    json_object_set_new(o, "top_nm", il__json_number(il_ndp_model_layer_top_nm(rec->model, l)));
    json_object_set_new(o, "li6_atoms_per_cm2",
                        L->is_substrate ? json_null() : il__json_number(L->li6_atoms_cm2));
    json_object_set_new(o, "li_atoms_per_cm2",
                        L->is_substrate ? json_null() : il__json_number(L->li_atoms_cm2));
    json_object_set_new(o, "counts_alpha", il__json_number(ca));
    json_object_set_new(o, "counts_triton", il__json_number(ct));
    json_object_set_new(o, "counts_total", il__json_number(tot));
    json_object_set_new(o, "counts", il__json_numbers(r->by_layer + l * nch, nch));
    return o;
}

/* Depth resolution against depth for each particle. */
static json_t *resolution_doc(const il_ndp_simulation_record *rec)
{
    json_t *dr = json_object();
    size_t nz = 0;
    double zmax = il_ndp_model_layer_top_nm(rec->model, rec->sim->n_layers);
    double z[RESOLUTION_POINTS], fw[RESOLUTION_POINTS], me[RESOLUTION_POINTS];
    for (; nz < RESOLUTION_POINTS; nz++)
        z[nz] = zmax * (double)nz / (RESOLUTION_POINTS - 1.0);
    for (size_t p = 0; p < rec->sim->n_particles; p++) {
        il_ndp_depth_resolution(rec->model, p, z, nz, fw, me, NULL);
        json_t *o = json_object();
        json_object_set_new(o, "depth_nm", il__json_numbers(z, nz));
        json_object_set_new(o, "fwhm_nm", il__json_numbers(fw, nz));
        json_object_set_new(o, "mean_exit_keV", il__json_numbers(me, nz));
        json_object_set_new(dr, il_ndp_model_particle(rec->model, p)->key, o);
    }
    return dr;
}

static int complete(const il_ndp_simulation_record *r)
{
    return r && r->stack && r->model && r->instrument && r->sim;
}

il_status il_ndp_simulation_json(const il_ndp_simulation_record *rec, char **text, il_error *err)
{
    if (!complete(rec) || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_simulation_json: NULL argument");
    const il_ndp_sim *r = rec->sim;
    size_t nch = r->n_channels;
    json_t *doc = json_object();
    json_object_set_new(doc, "stack", json_string(il_stack_name(rec->stack)));
    json_object_set_new(doc, "energy_keV", il__json_numbers(r->energy_keV, nch));
    json_object_set_new(doc, "counts", il__json_numbers(r->counts, nch));
    if (rec->sampled) {
        json_object_set_new(doc, "seed", json_integer((json_int_t)rec->seed));
        json_object_set_new(doc, "counts_sampled", il__json_numbers(rec->sampled, nch));
    }
    json_object_set_new(doc, "background", il__json_numbers(r->background, nch));
    json_t *parts = json_object();
    for (size_t p = 0; p < r->n_particles; p++)
        json_object_set_new(parts, il_ndp_model_particle(rec->model, p)->key,
                            il__json_numbers(r->by_particle + p * nch, nch));
    json_object_set_new(doc, "particles", parts);
    json_t *layers = json_array();
    for (size_t l = 0; l < r->n_layers; l++)
        json_array_append_new(layers, layer_doc(rec, l));
    json_object_set_new(doc, "layers", layers);
    json_object_set_new(doc, "instrument", il__ndp_instrument_doc(rec->instrument));
    json_object_set_new(doc, "depth_resolution", resolution_doc(rec));
    return il__json_text(doc, text, err);
}

il_status il_ndp_simulation_write_json(const char *path, const il_ndp_simulation_record *r,
                                       il_error *err)
{
    char *text = NULL;
    il_status st = il_ndp_simulation_json(r, &text, err);
    return il__write_made_text(path, st, text, err);
}

il_status il_ndp_simulation_csv(const il_ndp_simulation_record *rec, char **text, il_error *err)
{
    if (!complete(rec) || !text)
        return il_error_set(err, IL_ERR_INVALID, "il_ndp_simulation_csv: NULL argument");
    const il_ndp_sim *r = rec->sim;
    size_t np = r->n_particles, nch = r->n_channels;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    fprintf(f, "channel,energy_keV,counts");
    if (rec->sampled)
        fprintf(f, ",counts_sampled");
    for (size_t p = 0; p < np; p++)
        fprintf(f, ",%s", il_ndp_model_particle(rec->model, p)->key);
    fprintf(f, ",background\n");
    for (size_t c = 0; c < nch; c++) {
        fprintf(f, "%zu,%.6g,%.9g", c, r->energy_keV[c], r->counts[c]);
        if (rec->sampled)
            fprintf(f, ",%.0f", rec->sampled[c]);
        for (size_t p = 0; p < np; p++)
            fprintf(f, ",%.9g", r->by_particle[p * nch + c]);
        fprintf(f, ",%.9g\n", r->background[c]);
    }
    if (fclose(f) != 0 || !buf) {
        free(buf);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    *text = buf;
    return IL_OK;
}

il_status il_ndp_simulation_write_csv(const char *path, const il_ndp_simulation_record *r,
                                      il_error *err)
{
    char *text = NULL;
    il_status st = il_ndp_simulation_csv(r, &text, err);
    return il__write_made_text(path, st, text, err);
}
