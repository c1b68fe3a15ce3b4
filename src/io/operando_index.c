/* The index of an operando series: a CSV naming each spectrum with its time on the cycler's
 * clock (and optionally its live time), for spectra whose files carry no usable start time. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read_file.h"
#include "interlayer/operando_io.h"
#include "interlayer/units.h"
#include "core/grow.h"

#define MAX_FIELDS 16
#define MAX_INDEX_BYTES (64u << 20) /* a row per spectrum: even a million rows fit */

typedef struct {
    char **paths;
    double *time_s, *live_s;
    int *line; /* of each row in the index, for messages */
    size_t n, cap;
} rows;

static void rows_free(rows *r)
{
    for (size_t i = 0; r->paths && i < r->n; i++)
        free(r->paths[i]);
    free(r->paths);
    free(r->time_s);
    free(r->live_s);
    free(r->line);
}

static char *join_path(const char *dir, const char *name)
{
    if (name[0] == '/' || !dir)
        return strdup(name);
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int rows_add(rows *r, char *path, double t, double live, int ln)
{
    if (!path)
        return -1;
    const il_grow_slot cols[] = {IL_GROW_SLOT(r->paths), IL_GROW_SLOT(r->time_s),
                                 IL_GROW_SLOT(r->live_s), IL_GROW_SLOT(r->line)};
    if (il_grow_room(cols, 4, r->n, &r->cap, 64, NULL)) {
        free(path);
        return -1;
    }
    r->paths[r->n] = path;
    r->time_s[r->n] = t;
    r->live_s[r->n] = live;
    r->line[r->n] = ln;
    r->n++;
    return 0;
}

/* Splits a line at commas in place; returns the number of fields. */
static int split(char *line, char **fld)
{
    int nf = 0;
    for (char *p = line; nf < MAX_FIELDS;) {
        fld[nf++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    return nf;
}

typedef struct {
    int file, time, live; /* column of each, -1 when absent */
} columns;

static int find_columns(char **fld, int nf, columns *c)
{
    for (int k = 0; k < nf; k++) {
        if (!strcmp(fld[k], "file"))
            c->file = k;
        if (!strcmp(fld[k], "time_s"))
            c->time = k;
        if (!strcmp(fld[k], "live_time_s"))
            c->live = k;
    }
    return c->file >= 0 && c->time >= 0;
}

static il_status read_row(char **fld, int nf, const char *line, const columns *c,
                          const char *name, int ln, const char *dir, rows *r, il_error *err)
{
    if (c->file >= nf || c->time >= nf)
        return il_error_set_at(err, IL_ERR_PARSE, name, ln, 1, "row has only %d fields", nf);
    double t, live = NAN;
    il_error ignored;
    if (il_parse_number(fld[c->time], &t, &ignored))
        return il_error_set_at(err, IL_ERR_PARSE, name, ln, (int)(fld[c->time] - line) + 1,
                               "time_s '%s' is not a number", fld[c->time]);
    if (c->live >= 0 && c->live < nf && il_parse_number(fld[c->live], &live, &ignored))
        return il_error_set_at(err, IL_ERR_PARSE, name, ln, (int)(fld[c->live] - line) + 1,
                               "live_time_s '%s' is not a number", fld[c->live]);
    /* A spectrum counted for no time (or less) holds no rate: 0 here is a typo, not a value. */
    if (!isnan(live) && !(live > 0 && live <= 3.2e8))
        return il_error_set_at(err, IL_ERR_INVALID, name, ln, (int)(fld[c->live] - line) + 1,
                               "live_time_s %g: expected a time > 0 and <= 3.2e8 s (ten years)",
                               live);
    if (rows_add(r, join_path(dir, fld[c->file]), t, live, ln))
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    return IL_OK;
}

/* Row order by file name (ties by line), to find a spectrum listed twice in O(n log n). */
typedef struct {
    const char *path;
    int line;
} named_row;

static int by_name(const void *a, const void *b)
{
    const named_row *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A spectrum listed twice would be inverted and plotted twice as two moments of the series;
 * the message names it and both rows. */
static il_status no_duplicates(const rows *r, const char *name, il_error *err)
{
    if (r->n < 2)
        return IL_OK;
    named_row *s = malloc(r->n * sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < r->n; i++)
        s[i] = (named_row){r->paths[i], r->line[i]};
    qsort(s, r->n, sizeof *s, by_name);
    il_status st = IL_OK;
    for (size_t i = 1; i < r->n && !st; i++)
        if (!strcmp(s[i].path, s[i - 1].path))
            st = il_error_set_at(err, IL_ERR_INVALID, name, s[i].line, 1,
                                 "spectrum '%s' is listed twice (lines %d and %d): each file is "
                                 "one moment of the series",
                                 s[i].path, s[i - 1].line, s[i].line);
    free(s);
    return st;
}

il_status il_operando_index_parse(const char *text, size_t len, const char *name,
                                  const char *dir, char ***paths, double **time_s,
                                  double **live_s, size_t *n, il_error *err)
{
    if (!text || !paths || !time_s || !live_s || !n)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_index_parse: NULL argument");
    *paths = NULL, *time_s = NULL, *live_s = NULL, *n = 0;
    if (!name)
        name = "<index>";
    rows r = {0};
    columns c = {-1, -1, -1};
    int have_header = 0, ln = 0;
    il_status st = IL_OK;
    char line[4096];
    for (size_t pos = 0; !st && pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, ll = end - pos;
        if (ll >= sizeof line)
            ll = sizeof line - 1; /* a longer line is no index row anyway */
        memcpy(line, text + pos, ll);
        line[ll] = '\0';
        pos = end + 1;
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        char *fld[MAX_FIELDS];
        int nf = split(line, fld);
        if (!have_header) {
            have_header = 1;
            if (!find_columns(fld, nf, &c))
                st = il_error_set_at(err, IL_ERR_PARSE, name, ln, 1,
                                     "index header needs columns 'file' and 'time_s'");
            continue;
        }
        st = read_row(fld, nf, line, &c, name, ln, dir, &r, err);
    }
    if (!st)
        st = no_duplicates(&r, name, err);
    if (st) {
        rows_free(&r);
        return st;
    }
    *paths = r.paths, *time_s = r.time_s, *live_s = r.live_s, *n = r.n;
    free(r.line);
    return IL_OK;
}

il_status il_operando_index_load(const char *path, const char *dir, char ***paths,
                                 double **time_s, double **live_s, size_t *n, il_error *err)
{
    if (!path)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_index_load: NULL path");
    char *buf;
    size_t len;
    if (il_read_file(path, MAX_INDEX_BYTES, "index file", &buf, &len, NULL))
        return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "cannot open index file");
    il_status st = il_operando_index_parse(buf, len, path, dir, paths, time_s, live_s, n, err);
    free(buf);
    return st;
}
