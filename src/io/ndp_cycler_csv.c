/* Cycler record reader: CSV in the Battery Data Format (columns `Test Time / s`,
 * `Voltage / V`, `Current / A`; others ignored). The separator is taken from the header line
 * (comma, semicolon or tab). Errors carry file:line:column. Only reading: what the record
 * means (charge, voltage at a time) is computed in src/probes/ndp/ndp_cycler.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/read_file.h"
#include "interlayer/ndp_io.h"
#include "interlayer/units.h"
#include "core/grow.h"

/* Trims blanks and one level of double quotes in place. */
static char *trim(char *s, char *e)
{
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    if (e - s >= 2 && *s == '"' && e[-1] == '"')
        s++, e--;
    *e = '\0';
    return s;
}

enum { COL_T, COL_V, COL_I, NCOL };
static const char *const want[NCOL] = {"Test Time / s", "Voltage / V", "Current / A"};

il_status il_ndp_cycler_parse(const char *text, size_t len, const char *name, il_ndp_cycler **out,
                              il_error *err)
{
    *out = NULL;
    if (!name)
        name = "<cycler>";
    char *buf = malloc(len + 1);
    il_ndp_cycler *c = calloc(1, sizeof *c);
    if (!buf || !c) {
        free(buf), free(c);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    size_t cap = 0;
    int col[NCOL] = {-1, -1, -1};
    char sep = ',';
    int line = 0, have_header = 0;
    il_status st = IL_OK;
    char *p = buf;
    while (*p && !st) {
        char *eol = strchr(p, '\n');
        char *next = eol ? eol + 1 : p + strlen(p);
        char *end = eol ? eol : next;
        line++;
        *end = '\0';
        char *q = p;
        while (*q == ' ' || *q == '\t' || *q == '\r')
            q++;
        if (*q == '\0' || *q == '#') {
            p = next;
            continue;
        }
        if (!have_header) {
            if (memchr(p, '\t', (size_t)(end - p)) && !memchr(p, ',', (size_t)(end - p)))
                sep = '\t';
            else if (memchr(p, ';', (size_t)(end - p)) && !memchr(p, ',', (size_t)(end - p)))
                sep = ';';
            int k = 0;
            for (char *f = p;; k++) {
                char *fe = strchr(f, sep);
                char *stop = fe ? fe : end;
                char saved = *stop;
                char *name_f = trim(f, stop);
                for (int w = 0; w < NCOL; w++)
                    if (strcmp(name_f, want[w]) == 0)
                        col[w] = k;
                (void)saved;
                if (!fe)
                    break;
                f = fe + 1;
            }
            for (int w = 0; w < NCOL; w++)
                if (col[w] < 0) {
                    st = il_error_set_at(err, IL_ERR_PARSE, name, line, 1,
                                         "no column '%s' in the header (Battery Data Format "
                                         "needs 'Test Time / s', 'Voltage / V', 'Current / A')",
                                         want[w]);
                    break;
                }
            have_header = 1;
            p = next;
            continue;
        }
        const il_grow_slot cols[] = {IL_GROW_SLOT(c->time_s), IL_GROW_SLOT(c->voltage_V),
                                     IL_GROW_SLOT(c->current_A)};
        if ((st = il_grow_room(cols, 3, c->n, &cap, 256, err)))
            break;
        double val[NCOL] = {NAN, NAN, NAN};
        int got[NCOL] = {0, 0, 0};
        int k = 0;
        for (char *f = p;; k++) {
            char *fe = strchr(f, sep);
            char *stop = fe ? fe : end;
            int column = (int)(f - p) + 1;
            for (int w = 0; w < NCOL; w++) {
                if (col[w] != k)
                    continue;
                char *s = trim(f, stop);
                il_error sub;
                if (il_parse_number(s, &val[w], &sub)) {
                    st = il_error_set_at(err, IL_ERR_PARSE, name, line, column,
                                         "'%s' is not a number (column '%s')", s, want[w]);
                    break;
                }
                got[w] = 1;
            }
            if (st || !fe)
                break;
            f = fe + 1;
        }
        if (st)
            break;
        for (int w = 0; w < NCOL; w++)
            if (!got[w]) {
                st = il_error_set_at(err, IL_ERR_PARSE, name, line, (int)(end - p) + 1,
                                     "row has %d fields; column '%s' is missing", k + 1, want[w]);
                break;
            }
        if (st)
            break;
        if (c->n > 0 && val[COL_T] < c->time_s[c->n - 1]) {
            st = il_error_set_at(err, IL_ERR_PARSE, name, line, 1,
                                 "test time %g s goes backwards (previous row %g s)", val[COL_T],
                                 c->time_s[c->n - 1]);
            break;
        }
        c->time_s[c->n] = val[COL_T];
        c->voltage_V[c->n] = val[COL_V];
        c->current_A[c->n] = val[COL_I];
        c->n++;
        p = next;
    }
    if (!st && !have_header)
        st = il_error_set_at(err, IL_ERR_PARSE, name, 1, 1, "empty cycler file: no header line");
    if (!st && c->n == 0)
        st = il_error_set_at(err, IL_ERR_PARSE, name, line, 1, "cycler file has no data rows");
    free(buf);
    IL_RETURN_BUILT(st, c, il_ndp_cycler_free, out);
}

il_status il_ndp_cycler_load(const char *path, il_ndp_cycler **out, il_error *err)
{
    *out = NULL;
    char *buf;
    size_t n;
    il_status rs = il_read_file(path, 512u << 20, "cycler file", &buf, &n, err);
    if (rs)
        return rs;
    il_status st = il_ndp_cycler_parse(buf, n, path, out, err);
    free(buf);
    return st;
}
