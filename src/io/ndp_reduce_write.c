/* Files of a reduced NDP measurement (ndp_reduce_io.h): the spectrum for `ndp invert` and the
 * JSON document of every step. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "interlayer/ndp_reduce_io.h"
#include "interlayer/outfile.h"
#include "io/json_text.h"

static const char *const run_names[3] = {"sample", "background", "reference"};

il_status il_ndp_reduction_write_csv(const char *path, const il_ndp_reduction *r,
                                     const il_spectrum *sample, size_t *n_clipped,
                                     double *clipped_counts, il_error *err)
{
    il_spectrum *s = NULL;
    il_status st = il_spectrum_copy(sample, &s, err);
    if (st)
        return st;
    if (il_spectrum_n_channels(s) != r->n_channels) {
        il_spectrum_free(s);
        return il_error_set(err, IL_ERR_INVALID, "the reduction has %zu channels, the sample %zu",
                            r->n_channels, il_spectrum_n_channels(sample));
    }
    double *c = il_spectrum_counts_mut(s), clipped = 0;
    size_t nc = 0;
    for (size_t i = 0; i < r->n_channels; i++) {
        c[i] = r->counts[i];
        if (c[i] < 0)
            clipped += c[i], c[i] = 0, nc++;
    }
    /* dead-time corrected counts stand for the real time, with no dead time left */
    st = il_spectrum_set_times_s(s, r->time_s, r->time_s, err);
    if (!st)
        st = il_spectrum_set_title(s, "reduced NDP spectrum (interlayer ndp reduce)", err);
    il_outfile *of = NULL;
    if (!st)
        st = il_outfile_open(path, &of, err);
    if (st) {
        il_spectrum_free(s);
        return st;
    }
    FILE *fp = il_outfile_stream(of);
    /* "# key: value" lines the spectrum readers skip: the calibration travels with the data */
    fprintf(fp, "# fluence_solid_angle_n_cm2: %.10g\n", r->fluence_omega_n_cm2);
    fprintf(fp, "# fluence_solid_angle_sigma_n_cm2: %.10g\n", r->fluence_omega_sigma_n_cm2);
    fprintf(fp, "# sigma_li6_nt_b: %.10g\n# sigma_10b_na_b: %.10g\n", r->li_xs_b, r->ref_xs_b);
    fprintf(fp, "# negative_channels_set_to_zero: %zu\n# negative_counts_dropped: %.10g\n", nc,
            clipped);
    st = il_spectrum_write(s, fp, IL_SPECTRUM_CSV, err);
    il_spectrum_free(s);
    if (st) {
        il_outfile_abort(of);
        return st;
    }
    st = il_outfile_commit(of, err);
    if (!st) {
        if (n_clipped)
            *n_clipped = nc;
        if (clipped_counts)
            *clipped_counts = clipped;
    }
    return st;
}

static json_t *run_json(const il_ndp_run_used *u, const char *path, const char *monitor_path)
{
    json_t *o = json_object();
    json_object_set_new(o, "spectrum", path ? json_string(path) : json_null());
    json_object_set_new(o, "live_time_s", il__json_number(u->live_time_s));
    json_object_set_new(o, "live_time_source",
                        json_string(u->live_source == IL_NDP_TIME_GIVEN ? "given" : "file"));
    json_object_set_new(o, "real_time_s", il__json_number(u->real_time_s));
    json_object_set_new(o, "real_time_source",
                        json_string(u->real_source == IL_NDP_TIME_GIVEN ? "given" : "file"));
    json_object_set_new(o, "dead_time_fraction", il__json_number(u->dead_time_fraction));
    json_object_set_new(o, "monitor_counts", il__json_number(u->monitor_counts));
    json_object_set_new(o, "monitor_sigma", il__json_number(u->monitor_sigma));
    json_object_set_new(o, "monitor_spectrum",
                        monitor_path && monitor_path[0] ? json_string(monitor_path) : json_null());
    json_object_set_new(o, "total_counts", il__json_number(u->total_counts));
    return o;
}

/* The reduction's scalar results as the JSON document lists them, in that order. */
#define R(f) offsetof(il_ndp_reduction, f)
static const struct {
    const char *key;
    size_t offset; /* of a double in il_ndp_reduction */
} scalars[] = {
    {"monitor_ratio_sample_background", R(monitor_ratio_sample_background)},
    {"monitor_ratio_reference_background", R(monitor_ratio_reference_background)},
    {"background_counts_subtracted", R(background_counts_subtracted)},
    {"background_counts_subtracted_sigma", R(background_counts_subtracted_sigma)},
    {"reference_counts_gross", R(ref_counts_gross)},
    {"reference_counts_net", R(ref_counts_net)},
    {"reference_counts_net_sigma", R(ref_counts_net_sigma)},
    {"sigma_10b_na_b", R(ref_xs_b)},
    {"sigma_10b_na_sigma_b", R(ref_xs_sigma_b)},
    {"sigma_li6_nt_b", R(li_xs_b)},
    {"sigma_li6_nt_sigma_b", R(li_xs_sigma_b)},
    {"fluence_solid_angle_per_monitor_n_cm2", R(fluence_omega_per_monitor_n_cm2)},
    {"fluence_solid_angle_per_monitor_sigma_n_cm2", R(fluence_omega_per_monitor_sigma_n_cm2)},
    {"fluence_solid_angle_n_cm2", R(fluence_omega_n_cm2)},
    {"fluence_solid_angle_sigma_n_cm2", R(fluence_omega_sigma_n_cm2)},
    {"li_window_counts", R(li_counts)},
    {"li_window_counts_sigma", R(li_counts_sigma)},
    {"li6_atoms_per_cm2", R(li6_atoms_cm2)},
    {"li6_atoms_per_cm2_sigma", R(li6_atoms_cm2_sigma)},
    {"time_s", R(time_s)},
};
#undef R

il_status il_ndp_reduction_json(const il_ndp_reduction *r, const il_ndp_reduction_plan *p,
                                char **text, il_error *err)
{
    json_t *doc = json_object(), *runs = json_object();
    for (int k = 0; k < 3; k++)
        if (k != 1 || r->have_background)
            json_object_set_new(runs, run_names[k],
                                run_json(&r->run[k], p ? p->path[k] : NULL,
                                         p ? p->monitor_path[k] : NULL));
    json_object_set_new(doc, "runs", runs);
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        const double *v = (const double *)((const char *)r + scalars[i].offset);
        json_object_set_new(doc, scalars[i].key, il__json_number(*v));
    }
    json_object_set_new(doc, "counts", il__json_numbers(r->counts, r->n_channels));
    json_object_set_new(doc, "counts_sigma", il__json_numbers(r->sigma, r->n_channels));
    return il__json_text(doc, text, err);
}
