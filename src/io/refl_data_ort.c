/* ORSO .ort text files (https://www.reflectometry.org/file_format/): a YAML header on lines
 * starting with "# ", whitespace-separated columns Qz, R, sR, [sQz, ...], and further datasets
 * each introduced by a "# data_set: ..." line whose header updates the first one.
 * We read what a fit needs: the columns (Qz unit, sQz as sigma or FWHM), the dataset names,
 * the probe and a single wavelength. */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/outfile.h"
#include "io/refl_data_priv.h"
#include "io/yaml_doc.h"
#include "core/grow.h"
#include "core/decimal.h"

#define ORT_MAX_COLS 32

typedef struct {
    char name[128];
    double q_scale;   /* multiplies Qz and sQz to give 1/Å */
    il_refl_dq_kind dq_kind;
    int ncols_declared;
    char probe[16];
    double wavelength_A;
} ort_meta;

typedef struct {
    char *buf;
    size_t len, cap;
    int first_line; /* file line of the first header line */
} text_buf;

static il_status tb_add(text_buf *t, const char *s, size_t n, il_error *err)
{
    if (t->len + n + 2 > t->cap) {
        size_t cap = (t->cap + n + 2) * 2;
        if (IL_GROW_ARRAY(t->buf, cap, NULL))
            return il_error_set(err, IL_ERR_NOMEM, "out of memory reading an ORSO header");
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len++] = '\n';
    t->buf[t->len] = '\0';
    return IL_OK;
}

static const char *scalar_at(struct fy_node *root, const char *path)
{
    struct fy_node *n = fy_node_by_path(root, path, (size_t)-1, FYNWF_DONT_FOLLOW);
    return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
}

static il_status node_error(il_error *err, const char *label, const text_buf *h,
                            struct fy_node *n, const char *fmt, const char *what)
{
    int line = h->first_line, col = 0;
    /* Only scalars carry a token with a position; for a mapping use its first value. */
    if (n && fy_node_is_mapping(n)) {
        void *it = NULL;
        struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
        n = p ? fy_node_pair_value(p) : NULL;
    }
    int l, c;
    if (il_yaml_scalar_mark(n, &l, &c)) {
        line = h->first_line + l - 1; /* the header's first line is text line 1 */
        col = c + 2;                  /* after the stripped "# " */
    }
    return il_error_set_at(err, IL_ERR_PARSE, label, line, col, fmt, what);
}

/* Parses one header block and updates meta (keys a later dataset omits keep their values). */
static il_status parse_header(const text_buf *h, const char *label, ort_meta *meta, il_error *err)
{
    /* The header lines stand behind "# ", so columns in the file are two further on. */
    il_yaml_source src = {label, h->first_line, 2, "header"};
    il_yaml_doc yd;
    il_status st = il_yaml_doc_parse(h->buf ? h->buf : "", h->len, &src, &yd, err);
    if (st)
        return st;
    struct fy_node *root = il_yaml_doc_root(&yd);
    if (!root) {
        il_yaml_doc_free(&yd);
        return IL_OK; /* an empty header (comments only) changes nothing */
    }
    if (!fy_node_is_mapping(root)) {
        st = node_error(err, label, h, root, "the ORSO header must be a YAML mapping%s", "");
        goto done;
    }
    const char *s;
    if ((s = scalar_at(root, "/data_set")))
        snprintf(meta->name, sizeof meta->name, "%s", s);
    if ((s = scalar_at(root, "/data_source/experiment/probe")))
        snprintf(meta->probe, sizeof meta->probe, "%s", s);
    const char *wl[] = {"/data_source/measurement/instrument_settings/wavelength/magnitude",
                        "/data_source/measurement/instrument_settings/wavelength/value"};
    for (int i = 0; i < 2; i++) {
        if ((s = scalar_at(root, wl[i]))) {
            char *end;
            double v = il_decimal_strtod(s, &end);
            const char *unit =
                scalar_at(root, "/data_source/measurement/instrument_settings/wavelength/unit");
            double f = unit && strcmp(unit, "nm") == 0 ? 10.0 : 1.0;
            if (*end == '\0' && v > 0.0 && isfinite(v))
                meta->wavelength_A = v * f;
        }
    }
    struct fy_node *cols = fy_node_by_path(root, "/columns", (size_t)-1, FYNWF_DONT_FOLLOW);
    if (cols) {
        if (!fy_node_is_sequence(cols)) {
            st = node_error(err, label, h, cols, "'columns' must be a list%s", "");
            goto done;
        }
        int nc = fy_node_sequence_item_count(cols);
        if (nc < 3) {
            st = node_error(err, label, h, cols,
                            "'columns' lists %s; ORSO needs at least Qz, R and sR", nc == 1 ? "1 column" : "fewer than 3 columns");
            goto done;
        }
        meta->ncols_declared = nc;
        struct fy_node *c0 = fy_node_sequence_get_by_index(cols, 0);
        const char *name = c0 && fy_node_is_mapping(c0)
                               ? fy_node_mapping_lookup_scalar0_by_simple_key(c0, "name", 4)
                               : NULL;
        if (!name || strcmp(name, "Qz") != 0) {
            st = node_error(err, label, h, c0, "the first column must be Qz (found '%s')",
                            name ? name : "?");
            goto done;
        }
        struct fy_node *un = fy_node_mapping_lookup_value_by_simple_key(c0, "unit", 4);
        const char *unit = un && fy_node_is_scalar(un) ? fy_node_get_scalar0(un) : NULL;
        if (!unit || strcmp(unit, "1/angstrom") == 0)
            meta->q_scale = 1.0;
        else if (strcmp(unit, "1/nm") == 0)
            meta->q_scale = 0.1;
        else {
            st = node_error(err, label, h, un,
                            "unit of Qz '%s' not understood; expected 1/angstrom or 1/nm", unit);
            goto done;
        }
        if (nc >= 4) {
            struct fy_node *c3 = fy_node_sequence_get_by_index(cols, 3);
            const char *vi = c3 && fy_node_is_mapping(c3)
                                 ? fy_node_mapping_lookup_scalar0_by_simple_key(c3, "value_is", 8)
                                 : NULL;
            meta->dq_kind = vi && strcmp(vi, "FWHM") == 0 ? IL_REFL_DQ_FWHM : IL_REFL_DQ_SIGMA;
        }
    }
done:
    il_yaml_doc_free(&yd);
    return st;
}

static il_status finish(il_refl_data *d, il_refl_rows *rows, const ort_meta *meta,
                        const char *label, int lineno, il_error *err)
{
    if (rows->n == 0)
        return il_error_set_at(err, IL_ERR_PARSE, label, lineno, 0,
                               "dataset '%s' has no data rows", meta->name);
    char name[128];
    if (meta->name[0])
        snprintf(name, sizeof name, "%s", meta->name);
    else
        snprintf(name, sizeof name, "%zu", il_refl_data_count(d));
    size_t before = il_refl_data_count(d);
    il_status st = il_refl_data_take(d, rows, name, meta->dq_kind, meta->q_scale, err);
    if (!st) {
        il_refl_dataset *ds = (il_refl_dataset *)il_refl_data_get(d, before);
        snprintf(ds->probe, sizeof ds->probe, "%s", meta->probe);
        ds->wavelength_A = meta->wavelength_A;
    }
    return st;
}

il_status il_refl_read_ort(const char *text, size_t len, const char *label, il_refl_data *d,
                           il_error *err)
{
    ort_meta meta = {.q_scale = 1.0, .dq_kind = IL_REFL_DQ_SIGMA};
    text_buf hdr = {.first_line = 1};
    il_refl_rows rows = {0};
    il_status st = IL_OK;
    int lineno = 0, in_header = 1, first_row_cols = 0;
    size_t pos = 0;
    const char *line;
    size_t ll;
    while (!st && il_refl_next_line(text, len, &pos, &line, &ll)) {
        lineno++;
        if (ll > 0 && line[ll - 1] == '\r')
            ll--;
        if (ll > 0 && line[0] == '#') {
            int is_new_set = ll >= 11 && memcmp(line, "# data_set:", 11) == 0;
            if (!in_header && !is_new_set)
                continue; /* comments between data rows, e.g. the "# # Qz R" line */
            if (!in_header && is_new_set) {
                if ((st = finish(d, &rows, &meta, label, lineno, err)))
                    break;
                in_header = 1;
                hdr.len = 0;
                hdr.first_line = lineno;
                first_row_cols = 0;
            }
            if (memchr(line, '\0', ll)) {
                st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 0, "NUL byte in header");
                break;
            }
            size_t skip = ll >= 2 && line[1] == ' ' ? 2 : 1;
            st = tb_add(&hdr, line + skip, ll - skip, err);
            continue;
        }
        size_t k = 0;
        while (k < ll && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == ll)
            continue;
        if (in_header) {
            if ((st = parse_header(&hdr, label, &meta, err)))
                break;
            in_header = 0;
            rows.ncols = 0;
        }
        double v[ORT_MAX_COLS];
        int nc;
        if ((st = il_refl_parse_numbers(line, ll, label, lineno, v, ORT_MAX_COLS, &nc, err)))
            break;
        if (nc < 3) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "%d columns; an ORSO dataset has at least Qz, R and sR", nc);
            break;
        }
        if (first_row_cols == 0) {
            first_row_cols = nc;
            rows.ncols = nc < 4 ? nc : 4;
        } else if (nc != first_row_cols) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "%d columns where the dataset's first row has %d", nc,
                                 first_row_cols);
            break;
        }
        if (meta.ncols_declared && nc != meta.ncols_declared) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "%d columns but the header declares %d", nc,
                                 meta.ncols_declared);
            break;
        }
        /* Qz is a momentum transfer >= 0: a negative one is a sign or column error */
        if (v[0] < 0.0) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "negative Qz = %g (expected Qz >= 0)", v[0]);
            break;
        }
        st = il_refl_rows_push(&rows, v, err);
    }
    if (!st) {
        if (in_header && il_refl_data_count(d) == 0)
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 0,
                                 "ORSO header without data rows");
        else if (in_header)
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 0,
                                 "the last data_set has no data rows");
        else
            st = finish(d, &rows, &meta, label, lineno, err);
    }
    il_refl_rows_free(&rows);
    free(hdr.buf);
    return st;
}

/* YAML-safe dataset name: plain characters only, others replaced. */
static void safe_name(const char *in, char *out, size_t size)
{
    size_t k = 0;
    for (; *in && k + 1 < size; in++) {
        char c = *in;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-' || c == '.';
        out[k++] = ok ? c : '_';
    }
    out[k] = '\0';
    if (k == 0)
        snprintf(out, size, "data");
}

il_status il_refl_data_write_ort(const char *path, const il_refl_dataset *sets, size_t n,
                                 const char *comment, il_error *err)
{
    if (n == 0 || !sets)
        return il_error_set(err, IL_ERR_INVALID, "no datasets to write");
    il_outfile *of;
    il_status st = il_outfile_open(path, &of, err);
    if (st)
        return st;
    FILE *f = il_outfile_stream(of);
    fprintf(f, "# # ORSO reflectivity data file | 1.0 standard | YAML encoding | "
               "https://www.reflectometry.org/\n");
    fprintf(f, "# data_source:\n#     owner: {name: null, affiliation: null}\n"
               "#     experiment: {title: null, instrument: null, start_date: null, probe: %s}\n"
               "#     sample: {name: null}\n#     measurement:\n"
               "#         instrument_settings: {incident_angle: null, wavelength: null}\n"
               "#         data_files: []\n",
            sets[0].probe[0] ? sets[0].probe : "neutron");
    fprintf(f, "# reduction:\n#     software: {name: interlayer}\n");
    if (comment) {
        fprintf(f, "#     comment: |\n");
        for (const char *p = comment; *p;) {
            const char *e = strchr(p, '\n');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            fprintf(f, "#         %.*s\n", (int)l, p);
            p += l + (e ? 1 : 0);
        }
    }
    for (size_t k = 0; k < n; k++) {
        const il_refl_dataset *s = &sets[k];
        char name[128];
        safe_name(s->name, name, sizeof name);
        if (k == 0) {
            fprintf(f, "# columns:\n"
                       "# - {name: Qz, unit: 1/angstrom, physical_quantity: normal_wavevector_transfer}\n"
                       "# - {name: R, physical_quantity: reflectivity}\n"
                       "# - {error_of: R, error_type: uncertainty, value_is: sigma}\n"
                       "# - {error_of: Qz, error_type: resolution, value_is: sigma}\n");
        }
        fprintf(f, "# data_set: %s\n", name);
        fprintf(f, "# # %22s %24s %24s %24s\n", "Qz (1/angstrom)", "R", "sR", "sQz");
        for (size_t i = 0; i < s->n; i++) {
            double dq = s->dq ? s->dq[i] : 0.0;
            if (s->dq && s->dq_kind == IL_REFL_DQ_FWHM)
                dq /= IL_FWHM_PER_SIGMA;
            fprintf(f, "%26.17e %24.17e %24.17e %24.17e\n", s->q_invA[i], s->r[i],
                    s->dr ? s->dr[i] : 0.0, dq);
        }
    }
    return il_outfile_commit(of, err);
}
