/* Reflectivity datasets: container, plain-text column reader, file reading and dispatch. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/read_file.h"
#include "interlayer/units.h"
#include "io/refl_data_priv.h"
#include "core/grow.h"

#define MAX_FILE_BYTES (256u << 20)

void il_refl_rows_free(il_refl_rows *r)
{
    for (int k = 0; k < 4; k++)
        free(r->col[k]);
    memset(r, 0, sizeof *r);
}

il_status il_refl_rows_push(il_refl_rows *r, const double *v, il_error *err)
{
    const il_grow_slot cols[] = {IL_GROW_SLOT(r->col[0]), IL_GROW_SLOT(r->col[1]),
                                 IL_GROW_SLOT(r->col[2]), IL_GROW_SLOT(r->col[3])};
    if (il_grow_room(cols, 4, r->n, &r->cap, 256, NULL))
        return il_error_set(err, IL_ERR_NOMEM, "out of memory reading data");
    for (int k = 0; k < 4; k++)
        r->col[k][r->n] = k < r->ncols ? v[k] : 0.0;
    r->n++;
    return IL_OK;
}

il_status il_refl_parse_numbers(const char *line, size_t len, const char *label, int lineno,
                                double *v, int max, int *ncols, il_error *err)
{
    int n = 0;
    size_t i = 0;
    char tok[64];
    while (i < len) {
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r'))
            i++;
        if (i >= len)
            break;
        size_t start = i;
        while (i < len && !(line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == '\r'))
            i++;
        size_t tl = i - start;
        if (n >= max)
            return il_error_set_at(err, IL_ERR_PARSE, label, lineno, (int)start + 1,
                                   "more than %d columns; expected Q, R, dR, dQ", max);
        if (tl >= sizeof tok) {
            return il_error_set_at(err, IL_ERR_PARSE, label, lineno, (int)start + 1,
                                   "expected a number, found a %zu-character token", tl);
        }
        memcpy(tok, line + start, tl);
        tok[tl] = '\0';
        /* the library's decimal reader: "0x10" or "inf" is no reflectivity */
        il_error sub;
        double x = 0;
        il_status ps = il_parse_number(tok, &x, &sub);
        if (ps == IL_ERR_PARSE)
            return il_error_set_at(err, IL_ERR_PARSE, label, lineno, (int)start + 1,
                                   "expected a number, found '%s'", tok);
        if (ps != IL_OK)
            return il_error_set_at(err, IL_ERR_PARSE, label, lineno, (int)start + 1,
                                   "'%s' is not a finite number", tok);
        v[n++] = x;
    }
    *ncols = n;
    return IL_OK;
}

/* A new zeroed dataset at the end of d, or NULL when out of memory. */
static il_refl_dataset *data_append(il_refl_data *d)
{
    if (IL_GROW_ROOM(d->sets, d->n, d->cap, 4, NULL))
        return NULL;
    il_refl_dataset *ds = &d->sets[d->n++];
    memset(ds, 0, sizeof *ds);
    return ds;
}

int il_refl_next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *ll)
{
    if (*pos >= len)
        return 0;
    size_t e = *pos;
    while (e < len && text[e] != '\n')
        e++;
    *line = text + *pos;
    *ll = e - *pos;
    *pos = e + 1;
    return 1;
}

il_status il_refl_data_take(il_refl_data *d, il_refl_rows *rows, const char *name,
                            il_refl_dq_kind kind, double q_scale, il_error *err)
{
    il_refl_dataset *ds = data_append(d);
    if (!ds)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    snprintf(ds->name, sizeof ds->name, "%s", name);
    ds->n = rows->n;
    ds->q_invA = rows->col[0];
    ds->r = rows->col[1];
    rows->col[0] = rows->col[1] = NULL;
    if (rows->ncols >= 3) {
        ds->dr = rows->col[2];
        rows->col[2] = NULL;
    }
    if (rows->ncols >= 4) {
        ds->dq = rows->col[3];
        rows->col[3] = NULL;
    }
    ds->dq_kind = kind;
    for (size_t i = 0; i < ds->n; i++) {
        ds->q_invA[i] *= q_scale;
        if (ds->dq)
            ds->dq[i] *= q_scale;
    }
    il_refl_rows_free(rows);
    return IL_OK;
}

size_t il_refl_data_count(const il_refl_data *d) { return d ? d->n : 0; }

const il_refl_dataset *il_refl_data_get(const il_refl_data *d, size_t i)
{
    return d && i < d->n ? &d->sets[i] : NULL;
}

void il_refl_data_free(il_refl_data *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->sets[i].q_invA);
        free(d->sets[i].r);
        free(d->sets[i].dr);
        free(d->sets[i].dq);
    }
    free(d->sets);
    free(d);
}

/* Plain columns: '#' (or '%', ';') comment lines and blank lines are skipped, a first line of
 * words is taken as a column header, every data row must have the same 2..4 columns. */
static il_status read_columns(const char *text, size_t len, const char *label,
                              const il_refl_read_opts *opts, il_refl_data *d, il_error *err)
{
    il_refl_rows rows = {0};
    il_status st = IL_OK;
    int lineno = 0, header_ok = 1, first_cols_line = 0;
    size_t pos = 0;
    const char *line;
    size_t ll;
    while (!st && il_refl_next_line(text, len, &pos, &line, &ll)) {
        lineno++;
        size_t k = 0;
        while (k < ll && isspace((unsigned char)line[k]))
            k++;
        if (k == ll || line[k] == '#' || line[k] == '%' || line[k] == ';')
            continue;
        if (header_ok && (isalpha((unsigned char)line[k]) || line[k] == '"')) {
            /* a column-name header before the first data row */
            header_ok = 0;
            continue;
        }
        header_ok = 0;
        double v[4];
        int nc;
        if ((st = il_refl_parse_numbers(line, ll, label, lineno, v, 4, &nc, err)))
            break;
        if (nc < 2) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "%d column; expected 2 to 4 (Q, R, dR, dQ)", nc);
            break;
        }
        if (rows.n == 0) {
            rows.ncols = nc;
            first_cols_line = lineno;
        } else if (nc != rows.ncols) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "%d columns, but line %d has %d", nc, first_cols_line,
                                 rows.ncols);
            break;
        }
        if (!(v[0] >= 0.0) && !(v[0] < 0.0)) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1, "Q is not a number");
            break;
        }
        /* Q is the size of a momentum transfer: a negative one is a sign or column error */
        if (v[0] < 0.0) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "negative Q = %g (expected Q >= 0, in 1/Å)", v[0]);
            break;
        }
        if (nc >= 3 && v[2] < 0.0) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "negative uncertainty dR = %g", v[2]);
            break;
        }
        if (nc >= 4 && v[3] < 0.0) {
            st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 1,
                                 "negative resolution dQ = %g", v[3]);
            break;
        }
        st = il_refl_rows_push(&rows, v, err);
    }
    if (!st && rows.n == 0)
        st = il_error_set_at(err, IL_ERR_PARSE, label, lineno, 0,
                             "no data rows (expected columns Q, R [dR [dQ]])");
    if (!st) {
        const char *base = strrchr(label, '/');
        st = il_refl_data_take(d, &rows, base ? base + 1 : label,
                               opts ? opts->dq_kind : IL_REFL_DQ_SIGMA, 1.0, err);
    }
    il_refl_rows_free(&rows);
    return st;
}

il_status il_refl_data_parse(const char *text, size_t len, const char *label,
                                 const il_refl_read_opts *opts, il_refl_data **out, il_error *err)
{
    if (!label)
        label = "<data>";
    *out = NULL;
    il_refl_data *d = calloc(1, sizeof *d);
    if (!d)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st;
    if (len >= 8 && memcmp(text, "# # ORSO", 8) == 0)
        st = il_refl_read_ort(text, len, label, d, err);
    else
        st = read_columns(text, len, label, opts, d, err);
    IL_RETURN_BUILT(st, d, il_refl_data_free, out);
}

il_status il_refl_data_load(const char *path, const il_refl_read_opts *opts, il_refl_data **out,
                            il_error *err)
{
    char *buf;
    size_t n;
    il_status rs = il_read_file(path, MAX_FILE_BYTES, "data file", &buf, &n, err);
    if (rs)
        return rs;
    il_status st = il_refl_data_parse(buf, n, path, opts, out, err);
    free(buf);
    return st;
}
