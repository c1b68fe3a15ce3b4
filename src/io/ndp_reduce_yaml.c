/* Reader of NDP reduction files (format in include/interlayer/ndp_reduce_io.h): YAML through
 * the shared libfyaml helper, every error at file:line:column of the offending node. Only
 * reading and loading the named spectra; the reduction itself is src/experiment/ndp_reduce.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/read_file.h"
#include "interlayer/ndp_reduce_io.h"
#include "interlayer/units.h"
#include "io/yaml_doc.h"

enum { RUN_SAMPLE, RUN_BACKGROUND, RUN_REFERENCE };
static const char *const run_names[3] = {"sample", "background", "reference"};

/* What the text says, before the files are loaded. */
typedef struct {
    const char *name; /* file label for messages */
    int present[3];
    char spectrum[3][1024];
    char monitor_spectrum[3][1024];
    int have_monitor_window[3];
    int have_monitor[3];
    /* windows in keV wait for the spectra's calibrations; their node places for errors */
    int have_ref_keV, have_ref_ch, have_li_keV;
    double ref_keV[2], li_keV[2];
    int ref_keV_line, ref_keV_col, li_keV_line, li_keV_col;
} reader;

static il_status fail(il_error *err, const reader *rd, struct fy_node *n, const char *fmt,
                      const char *a, const char *b)
{
    return il_yaml_fail_at(err, IL_ERR_PARSE, rd->name, n, fmt, a, b);
}

/* A sequence's place: its first scalar (libfyaml marks scalars only). */
static struct fy_node *place_of(struct fy_node *n)
{
    if (n && fy_node_is_sequence(n)) {
        struct fy_node *first = fy_node_sequence_get_by_index(n, 0);
        if (first)
            return first;
    }
    return n;
}

static il_status scalar_text(const reader *rd, struct fy_node *v, const char *key, char *buf,
                             size_t size, il_error *err)
{
    size_t len = 0;
    const char *s = v && fy_node_is_scalar(v) ? fy_node_get_scalar(v, &len) : NULL;
    if (!s)
        return fail(err, rd, place_of(v), "'%s' needs a single value%s", key, "");
    if (len >= size)
        return fail(err, rd, v, "'%s': value too long%s", key, "");
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (len == 0)
        return fail(err, rd, v, "'%s' has an empty value%s", key, "");
    return IL_OK;
}

/* A number; `min_ok` is the smallest value accepted, `strict` makes it exclusive. */
static il_status number(const reader *rd, struct fy_node *v, const char *key, double min_ok,
                        int strict, double *out, il_error *err)
{
    char text[128];
    il_status st = scalar_text(rd, v, key, text, sizeof text, err);
    if (st)
        return st;
    il_error sub;
    il_error_clear(&sub);
    double x;
    if (il_parse_number(text, &x, &sub))
        return fail(err, rd, v, "'%s': '%s' is not a number", key, text);
    if (strict ? !(x > min_ok) : !(x >= min_ok)) {
        char want[64];
        snprintf(want, sizeof want, "%s %g", strict ? ">" : ">=", min_ok);
        char msg[300];
        snprintf(msg, sizeof msg, "'%s': %s, expected a number %s", key, text, want);
        return fail(err, rd, v, "%s%s", msg, "");
    }
    *out = x;
    return IL_OK;
}

/* [lo, hi]: two numbers, lo < hi (whole numbers >= 0 when `whole`). */
static il_status pair(const reader *rd, struct fy_node *v, const char *key, int whole,
                      double out[2], il_error *err)
{
    if (!v || !fy_node_is_sequence(v) || fy_node_sequence_item_count(v) != 2)
        return fail(err, rd, place_of(v), "'%s': expected a pair [low, high]%s", key, "");
    for (int i = 0; i < 2; i++) {
        il_status st = number(rd, fy_node_sequence_get_by_index(v, i), key, 0, 0, &out[i], err);
        if (st)
            return st;
        if (whole && (out[i] != floor(out[i]) || out[i] > 1e9))
            return fail(err, rd, fy_node_sequence_get_by_index(v, i),
                        "'%s': channels are whole numbers >= 0%s", key, "");
    }
    if (!(out[1] > out[0]) && !(whole && out[1] == out[0]))
        return fail(err, rd, fy_node_sequence_get_by_index(v, 1),
                    "'%s': expected low < high%s", key, "");
    return IL_OK;
}

static il_status read_run(reader *rd, int k, struct fy_node *section, struct fy_node *map,
                          il_ndp_reduction_plan *p, il_error *err)
{
    il_ndp_run *run = &p->run[k];
    il_ndp_reduce_options *o = &p->options;
    void *it = NULL;
    struct fy_node *kn, *v;
    const char *key;
    int have_spectrum = 0;
    while (il_yaml_next_pair(map, &it, &kn, &key, &v)) {
        il_status st = IL_OK;
        double w[2];
        if (!key)
            return fail(err, rd, kn, "keys must be plain names%s%s", "", "");
        if (!v)
            return fail(err, rd, kn, "'%s' has no value%s", key, "");
        if (strcmp(key, "spectrum") == 0) {
            st = scalar_text(rd, v, key, rd->spectrum[k], sizeof rd->spectrum[k], err);
            have_spectrum = 1;
        } else if (strcmp(key, "monitor") == 0) {
            st = number(rd, v, key, 0, 1, &run->monitor_counts, err);
            rd->have_monitor[k] = 1;
        } else if (strcmp(key, "monitor_sigma") == 0) {
            st = number(rd, v, key, 0, 0, &run->monitor_sigma, err);
        } else if (strcmp(key, "monitor_spectrum") == 0) {
            st = scalar_text(rd, v, key, rd->monitor_spectrum[k], sizeof rd->monitor_spectrum[k],
                             err);
        } else if (strcmp(key, "monitor_window") == 0) {
            st = pair(rd, v, key, 1, w, err);
            p->monitor_window[k][0] = (size_t)w[0], p->monitor_window[k][1] = (size_t)w[1];
            rd->have_monitor_window[k] = 1;
        } else if (strcmp(key, "live_time_s") == 0) {
            st = number(rd, v, key, 0, 1, &run->live_time_s, err);
        } else if (strcmp(key, "real_time_s") == 0) {
            st = number(rd, v, key, 0, 1, &run->real_time_s, err);
        } else if (k == RUN_SAMPLE && strcmp(key, "li_window_keV") == 0) {
            st = pair(rd, v, key, 0, rd->li_keV, err);
            rd->have_li_keV = 1;
            il_yaml_scalar_mark(place_of(v), &rd->li_keV_line, &rd->li_keV_col);
        } else if (k == RUN_SAMPLE && strcmp(key, "li_window_ch") == 0) {
            st = pair(rd, v, key, 1, w, err);
            o->li_window_lo_ch = (size_t)w[0], o->li_window_hi_ch = (size_t)w[1];
        } else if (k == RUN_REFERENCE && strcmp(key, "areal_density_atoms_cm2") == 0) {
            st = number(rd, v, key, 0, 1, &o->ref_areal_density_atoms_cm2, err);
        } else if (k == RUN_REFERENCE && strcmp(key, "areal_density_sigma_atoms_cm2") == 0) {
            st = number(rd, v, key, 0, 0, &o->ref_areal_density_sigma_atoms_cm2, err);
        } else if (k == RUN_REFERENCE && strcmp(key, "window_keV") == 0) {
            st = pair(rd, v, key, 0, rd->ref_keV, err);
            rd->have_ref_keV = 1;
            il_yaml_scalar_mark(place_of(v), &rd->ref_keV_line, &rd->ref_keV_col);
        } else if (k == RUN_REFERENCE && strcmp(key, "window_ch") == 0) {
            st = pair(rd, v, key, 1, w, err);
            o->ref_window_lo_ch = (size_t)w[0], o->ref_window_hi_ch = (size_t)w[1];
            rd->have_ref_ch = 1;
        } else if (k == RUN_REFERENCE && strcmp(key, "particles_per_capture") == 0) {
            st = number(rd, v, key, 0, 1, &o->ref_particles_per_capture, err);
        } else {
            return fail(err, rd, kn,
                        k == RUN_REFERENCE
                            ? "unknown key '%s' in '%s' (spectrum, monitor, monitor_sigma, "
                              "monitor_spectrum, monitor_window, live_time_s, real_time_s, "
                              "areal_density_atoms_cm2, areal_density_sigma_atoms_cm2, "
                              "window_keV, window_ch, particles_per_capture)"
                        : k == RUN_SAMPLE
                            ? "unknown key '%s' in '%s' (spectrum, monitor, monitor_sigma, "
                              "monitor_spectrum, monitor_window, live_time_s, real_time_s, "
                              "li_window_keV, li_window_ch)"
                            : "unknown key '%s' in '%s' (spectrum, monitor, monitor_sigma, "
                              "monitor_spectrum, monitor_window, live_time_s, real_time_s)",
                        key, run_names[k]);
        }
        if (st)
            return st;
    }
    /* what is missing from a section is reported at the section's name */
    int line, col;
    il_yaml_scalar_mark(section, &line, &col);
    if (!have_spectrum)
        return il_error_set_at(err, IL_ERR_PARSE, rd->name, line, col,
                               "'%s' names no spectrum (spectrum: FILE)", run_names[k]);
    int by_spectrum = rd->monitor_spectrum[k][0] != '\0';
    if (rd->have_monitor[k] == by_spectrum)
        return il_error_set_at(err, IL_ERR_PARSE, rd->name, line, col,
                               "'%s' needs its monitor: either 'monitor: COUNTS' or "
                               "'monitor_spectrum' with 'monitor_window' (not both)",
                               run_names[k]);
    if (by_spectrum != rd->have_monitor_window[k])
        return il_error_set_at(err, IL_ERR_PARSE, rd->name, line, col,
                               "'%s': 'monitor_spectrum' and 'monitor_window' go together",
                               run_names[k]);
    return IL_OK;
}

static il_status read_root(reader *rd, struct fy_node *root, il_ndp_reduction_plan *p,
                           il_error *err)
{
    void *it = NULL;
    struct fy_node *kn, *v;
    const char *key;
    while (il_yaml_next_pair(root, &it, &kn, &key, &v)) {
        int k = -1;
        for (int i = 0; i < 3 && key; i++)
            if (strcmp(key, run_names[i]) == 0)
                k = i;
        if (k < 0)
            return fail(err, rd, kn,
                        "unknown section '%s' (a reduction file has sample, background, "
                        "reference)%s",
                        key ? key : "?", "");
        if (rd->present[k])
            return fail(err, rd, kn, "'%s' given twice%s", key, "");
        if (!v || !fy_node_is_mapping(v))
            return fail(err, rd, v ? place_of(v) : kn, "'%s' must be a mapping of keys%s", key,
                        "");
        rd->present[k] = 1;
        il_status st = read_run(rd, k, kn, v, p, err);
        if (st)
            return st;
    }
    if (!rd->present[RUN_SAMPLE] || !rd->present[RUN_REFERENCE])
        return il_error_set_at(err, IL_ERR_PARSE, rd->name, 1, 1,
                               "a reduction file needs a 'sample' and a 'reference' section");
    if (rd->have_ref_keV == rd->have_ref_ch)
        return il_error_set_at(err, IL_ERR_PARSE, rd->name, 1, 1,
                               "'reference' needs its 10B window: window_keV or window_ch "
                               "(one of them)");
    p->have_background = rd->present[RUN_BACKGROUND];
    return IL_OK;
}

/* dir + "/" + file unless file is absolute. */
static il_status join(const char *dir, const char *file, char *out, size_t size, il_error *err)
{
    int n = (file[0] == '/' || !dir[0]) ? snprintf(out, size, "%s", file)
                                       : snprintf(out, size, "%s/%s", dir, file);
    if (n < 0 || (size_t)n >= size)
        return il_error_set(err, IL_ERR_RANGE, "path too long: %s", file);
    return IL_OK;
}

/* Channels whose energy lies in [lo, hi] keV under the spectrum's calibration. */
static il_status keV_window(const reader *rd, const il_spectrum *s, const double keV[2], int line,
                            int col, const char *key, size_t *lo, size_t *hi, il_error *err)
{
    if (!il_spectrum_calibration(s, NULL))
        return il_error_set_at(err, IL_ERR_PARSE, rd->name, line, col,
                               "'%s' needs an energy calibration and spectrum '%s' has none: "
                               "give the window in channels instead",
                               key, il_spectrum_source(s));
    size_t n = il_spectrum_n_channels(s), a = n, b = 0;
    for (size_t i = 0; i < n; i++) {
        double E = il_spectrum_energy_keV(s, (double)i);
        if (E >= keV[0] && E <= keV[1]) {
            if (a == n)
                a = i;
            b = i;
        }
    }
    if (a == n)
        return il_error_set_at(err, IL_ERR_RANGE, rd->name, line, col,
                               "'%s' [%g, %g] keV lies outside spectrum '%s' (%g..%g keV)", key,
                               keV[0], keV[1], il_spectrum_source(s),
                               il_spectrum_energy_keV(s, 0),
                               il_spectrum_energy_keV(s, (double)n - 1));
    *lo = a, *hi = b;
    return IL_OK;
}

static il_status load_files(const reader *rd, const char *dir, il_ndp_reduction_plan *p,
                            il_error *err)
{
    for (int k = 0; k < 3; k++) {
        if (!rd->present[k])
            continue;
        il_status st = join(dir, rd->spectrum[k], p->path[k], sizeof p->path[k], err);
        if (!st)
            st = il_spectrum_load(p->path[k], IL_SPECTRUM_AUTO, &p->spectrum[k], err);
        if (st) {
            il_error_prefix(err, "%s: %s spectrum", rd->name, run_names[k]);
            return st;
        }
        il_ndp_run *r = &p->run[k];
        r->source = p->path[k];
        r->counts = il_spectrum_counts(p->spectrum[k]);
        r->n_channels = il_spectrum_n_channels(p->spectrum[k]);
        r->file_live_time_s = il_spectrum_live_time_s(p->spectrum[k]);
        r->file_real_time_s = il_spectrum_real_time_s(p->spectrum[k]);
        if (rd->monitor_spectrum[k][0]) {
            il_spectrum *m = NULL;
            st = join(dir, rd->monitor_spectrum[k], p->monitor_path[k],
                      sizeof p->monitor_path[k], err);
            if (!st)
                st = il_spectrum_load(p->monitor_path[k], IL_SPECTRUM_AUTO, &m, err);
            if (!st)
                st = il_ndp_monitor_sum(il_spectrum_counts(m), il_spectrum_n_channels(m),
                                        p->monitor_window[k][0], p->monitor_window[k][1],
                                        &r->monitor_counts, &r->monitor_sigma, err);
            il_spectrum_free(m);
            if (st) {
                il_error_prefix(err, "%s: %s monitor", rd->name, run_names[k]);
                return st;
            }
        }
    }
    il_status st = IL_OK;
    if (rd->have_ref_keV)
        st = keV_window(rd, p->spectrum[RUN_REFERENCE], rd->ref_keV, rd->ref_keV_line,
                        rd->ref_keV_col, "window_keV", &p->options.ref_window_lo_ch,
                        &p->options.ref_window_hi_ch, err);
    if (!st && rd->have_li_keV)
        st = keV_window(rd, p->spectrum[RUN_SAMPLE], rd->li_keV, rd->li_keV_line,
                        rd->li_keV_col, "li_window_keV", &p->options.li_window_lo_ch,
                        &p->options.li_window_hi_ch, err);
    return st;
}

il_status il_ndp_reduction_plan_parse(const char *text, size_t len, const char *name,
                                      const char *base_dir, il_ndp_reduction_plan **out,
                                      il_error *err)
{
    *out = NULL;
    reader *rd = calloc(1, sizeof *rd);
    il_ndp_reduction_plan *p = calloc(1, sizeof *p);
    if (!rd || !p) {
        free(rd);
        free(p);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    rd->name = name ? name : "<reduction>";
    il_ndp_reduce_options_default(&p->options);
    for (int k = 0; k < 3; k++)
        p->run[k] = (il_ndp_run){.name = run_names[k], .file_live_time_s = NAN,
                                 .file_real_time_s = NAN, .live_time_s = NAN,
                                 .real_time_s = NAN, .monitor_sigma = NAN};
    il_yaml_source src = {rd->name, 1, 0, "reduction file"};
    il_yaml_doc yd;
    il_status st = il_yaml_doc_parse(text, len, &src, &yd, err);
    if (!st) {
        struct fy_node *root;
        st = il_yaml_doc_mapping(&yd, rd->name,
                                 "a reduction file is a mapping with sample, background "
                                 "(optional) and reference", &root, err);
        if (!st)
            st = read_root(rd, root, p, err);
        il_yaml_doc_free(&yd);
    }
    if (!st && base_dir)
        st = load_files(rd, base_dir, p, err);
    free(rd);
    IL_RETURN_BUILT(st, p, il_ndp_reduction_plan_free, out);
}

il_status il_ndp_reduction_plan_load(const char *path, il_ndp_reduction_plan **out,
                                     il_error *err)
{
    *out = NULL;
    char *buf;
    size_t n;
    il_status st = il_read_file(path, 1u << 20, "reduction file", &buf, &n, err);
    if (st)
        return st;
    char dir[1024];
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) : 0;
    if (dl >= sizeof dir) {
        free(buf);
        return il_error_set(err, IL_ERR_RANGE, "path too long: %s", path);
    }
    memcpy(dir, path, dl);
    dir[dl] = '\0';
    if (slash && dl == 0)
        strcpy(dir, "/");
    st = il_ndp_reduction_plan_parse(buf, n, path, dir, out, err);
    free(buf);
    return st;
}

void il_ndp_reduction_plan_free(il_ndp_reduction_plan *p)
{
    if (!p)
        return;
    for (int k = 0; k < 3; k++)
        il_spectrum_free(p->spectrum[k]);
    free(p);
}
