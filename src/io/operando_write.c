/* The result files of an operando analysis (layouts in operando_io.h): what the CLI writes is
 * what a library user gets, byte for byte. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "interlayer/operando_io.h"
#include "interlayer/outfile.h"
#include "io/outdir_priv.h"

typedef void (*fill_fn)(const il_operando_result *r, FILE *f);

/* Whole or nothing: a failed write leaves no half table behind. */
static il_status write_with(const char *path, fill_fn fill, const il_operando_result *r,
                            il_error *err)
{
    if (!path || !r)
        return il_error_set(err, IL_ERR_INVALID, "operando writer: NULL argument");
    il_outfile *of;
    il_status st = il_outfile_open(path, &of, err);
    if (st)
        return st;
    fill(r, il_outfile_stream(of));
    return il_outfile_commit(of, err);
}

static const char *layer_name(const il_operando_result *r, size_t l)
{
    return il_ndp_model_layer_name(r->model, l);
}

/* Per layer: the inventory, its non-systematic sigma (as before: "sigma"), each part in its own
 * column, the total, and the Li moved since the reference with its own two sigmas. */
static const char *const inv_parts[] = {"counting", "regularisation", "spill", "stopping",
                                        "density", "geometry", "calibration", "systematic",
                                        "total"};

static void part_values(const il_ndp_profile *p, size_t l, double *v)
{
    v[0] = p->li_atoms_cm2_sigma[l], v[1] = p->li_atoms_cm2_reg[l];
    v[2] = p->li_atoms_cm2_spill[l], v[3] = p->li_atoms_cm2_stop[l];
    v[4] = p->li_atoms_cm2_dens[l], v[5] = p->li_atoms_cm2_geom[l];
    v[6] = p->li_atoms_cm2_cal[l], v[7] = p->li_atoms_cm2_sys[l];
    v[8] = p->li_atoms_cm2_total[l];
}

static void fill_inventories(const il_operando_result *r, FILE *f)
{
    const il_ndp_series *s = r->series;
    size_t np = sizeof inv_parts / sizeof inv_parts[0], nl = s->n_layers;
    fprintf(f, "spectrum,file,time_s,voltage_V");
    for (size_t l = 0; l < nl; l++) {
        const char *n = layer_name(r, l);
        fprintf(f, ",\"%s li_atoms_per_cm2\",\"%s sigma\"", n, n);
        for (size_t k = 0; k < np; k++)
            fprintf(f, ",\"%s sigma %s\"", n, inv_parts[k]);
        fprintf(f, ",\"%s moved\",\"%s moved sigma\",\"%s moved systematic\"", n, n, n);
    }
    fprintf(f, "\n");
    for (size_t i = 0; i < s->n; i++) {
        fprintf(f, "%zu,\"%s\",%.6g,%.6g", i + 1, r->frames[i].file, s->mid_time_s[i],
                s->voltage_V[i]);
        for (size_t l = 0; l < nl; l++) {
            double v[9];
            part_values(s->profile[i], l, v);
            fprintf(f, ",%.6e,%.3e", s->inventory[i * nl + l], s->inventory_sigma[i * nl + l]);
            for (size_t k = 0; k < np; k++)
                fprintf(f, ",%.3e", v[k]);
            fprintf(f, ",%.6e,%.3e,%.3e", s->moved[i * nl + l], s->moved_sigma[i * nl + l],
                    s->moved_sys[i * nl + l]);
        }
        fprintf(f, "\n");
    }
}

static void fill_faraday(const il_operando_result *r, FILE *f)
{
    const il_ndp_series *s = r->series;
    fprintf(f, "spectrum,time_s,charge_C,li_expected_atoms_per_cm2,li_expected_uAh_per_cm2,"
               "li_left_cathode_atoms_per_cm2,sigma,ratio\n");
    for (size_t i = 0; i < s->n; i++) {
        const il_ndp_faraday *q = &s->faraday[i];
        fprintf(f, "%zu,%.6g,%.6g,%.6e,%.6g,%.6e,%.3e,%.5g\n", i + 1, s->mid_time_s[i],
                q->charge_C, q->li_expected_atoms_cm2, q->li_expected_uAh_cm2,
                q->li_measured_atoms_cm2, q->li_measured_sigma_atoms_cm2, q->ratio);
    }
}

static void fill_profiles(const il_operando_result *r, FILE *f)
{
    const il_ndp_series *s = r->series;
    fprintf(f, "spectrum,time_s,depth_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma,"
               "delta_li_atoms_per_cm3\n");
    for (size_t i = 0; i < s->n; i++) {
        const il_ndp_profile *pr = s->profile[i];
        for (size_t j = 0; j < s->n_bins; j++)
            fprintf(f, "%zu,%.6g,%.6g,\"%s\",%.6e,%.3e,%.6e\n", i + 1, s->mid_time_s[i],
                    pr->depth_nm[j], layer_name(r, pr->bin_layer[j]), pr->conc[j],
                    pr->conc_sigma[j], s->delta_conc[i * s->n_bins + j]);
    }
}

static void fill_delta_spectra(const il_operando_result *r, FILE *f)
{
    const il_ndp_series *s = r->series;
    const il_ndp_instrument *ins = il_ndp_model_instrument(r->model);
    fprintf(f, "channel,energy_keV");
    for (size_t i = 0; i < s->n; i++)
        fprintf(f, ",spectrum_%zu", i + 1);
    fprintf(f, "\n");
    for (size_t ch = 0; ch < s->n_channels; ch++) {
        fprintf(f, "%zu,%.6g", ch, il_ndp_channel_energy_keV(ins, (double)ch));
        for (size_t i = 0; i < s->n; i++)
            fprintf(f, ",%.6g", s->delta_counts[i * s->n_channels + ch]);
        fprintf(f, "\n");
    }
}

il_status il_operando_write_inventories_csv(const char *path, const il_operando_result *r,
                                            il_error *err)
{
    return write_with(path, fill_inventories, r, err);
}

il_status il_operando_write_faraday_csv(const char *path, const il_operando_result *r,
                                        il_error *err)
{
    return write_with(path, fill_faraday, r, err);
}

il_status il_operando_write_profiles_csv(const char *path, const il_operando_result *r,
                                         il_error *err)
{
    return write_with(path, fill_profiles, r, err);
}

il_status il_operando_write_delta_spectra_csv(const char *path, const il_operando_result *r,
                                              il_error *err)
{
    return write_with(path, fill_delta_spectra, r, err);
}

static il_status out_path(char *buf, size_t size, const char *dir, const char *name,
                          il_error *err)
{
    if ((size_t)snprintf(buf, size, "%s/%s", dir, name) >= size)
        return il_error_set_at(err, IL_ERR_INVALID, dir, 0, 0, "output path too long");
    return IL_OK;
}

/* Every file il_operando_write may put in its folder: a folder holding only these is an earlier
 * result and may be replaced. */
static const char *const folder_names[] = {
    "inventories.csv", "faraday.csv",     "profiles.csv",     "delta_spectra.csv", "summary.json",
    "inventories.svg", "voltage.svg",     "delta_li_map.svg", "spectra.svg"};
#define N_FOLDER_NAMES (sizeof folder_names / sizeof folder_names[0])

il_status il_operando_output_check(const char *dir, il_error *err)
{
    if (!dir)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_output_check: NULL argument");
    return il__outdir_check(dir, folder_names, N_FOLDER_NAMES, err);
}

/* The tables, the summary and the plots into `dir`. */
static il_status write_all(const char *dir, const il_operando_result *r, il_error *err)
{
    il_status (*const writers[])(const char *, const il_operando_result *, il_error *) = {
        il_operando_write_inventories_csv, il_operando_write_faraday_csv,
        il_operando_write_profiles_csv, il_operando_write_delta_spectra_csv,
        il_operando_write_summary_json};
    char path[4096];
    for (size_t k = 0; k < sizeof writers / sizeof writers[0]; k++) {
        il_status st = out_path(path, sizeof path, dir, folder_names[k], err);
        if (!st)
            st = writers[k](path, r, err);
        if (st)
            return st;
    }
    return il_operando_write_plots(dir, r, err);
}

/* Built in a folder beside `dir` and swapped in at the end: a failure part way leaves `dir` as
 * it was, never a mix of old and new files. Messages name `dir`, not the folder beside it. */
il_status il_operando_write(const char *dir, const il_operando_result *r, il_error *err)
{
    if (!dir || !r)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_write: NULL argument");
    il_outdir d;
    il_status st = il__outdir_open(dir, folder_names, N_FOLDER_NAMES, &d, err);
    if (st)
        return st;
    if ((st = write_all(d.tmp, r, err))) {
        il__outdir_abort(&d);
        return st;
    }
    return il__outdir_commit(&d, err);
}
