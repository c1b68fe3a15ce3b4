/* Column tables for CLI output. Numbers keep full precision in CSV and JSON (%.10g); only the
 * text table rounds, with the format each column asks for. */
#include "cli/table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int set;
    double num;
    char *text;
} cell;

struct cli_table {
    const cli_column *cols;
    size_t ncols, nrows, cap;
    cell *cells;
};

cli_table *cli_table_new(const cli_column *cols, size_t ncols)
{
    cli_table *t = calloc(1, sizeof *t);
    if (t) {
        t->cols = cols;
        t->ncols = ncols;
    }
    return t;
}

void cli_table_free(cli_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t);
}

long cli_table_add_row(cli_table *t)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        cell *c = realloc(t->cells, cap * t->ncols * sizeof *c);
        if (!c)
            return -1;
        t->cells = c;
        t->cap = cap;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(cell));
    return (long)t->nrows++;
}

size_t cli_table_rows(const cli_table *t) { return t->nrows; }

static cell *at(const cli_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}

void cli_table_set_num(cli_table *t, size_t row, size_t col, double v)
{
    cell *c = at(t, row, col);
    c->set = 1;
    c->num = v;
}

void cli_table_set_text(cli_table *t, size_t row, size_t col, const char *s)
{
    cell *c = at(t, row, col);
    free(c->text);
    c->text = NULL;
    c->set = s != NULL;
    if (s) {
        size_t n = strlen(s);
        c->text = malloc(n + 1);
        if (c->text)
            memcpy(c->text, s, n + 1);
        else
            c->set = 0;
    }
}

static void format_cell(const cli_table *t, size_t r, size_t col, const char *fmt, char *buf,
                        size_t n)
{
    const cell *c = at(t, r, col);
    if (!c->set)
        buf[0] = '\0';
    else if (c->text)
        snprintf(buf, n, "%s", c->text);
    else if (!isfinite(c->num))
        snprintf(buf, n, "%s", isnan(c->num) ? "nan" : (c->num > 0 ? "inf" : "-inf"));
    else
        snprintf(buf, n, fmt ? fmt : "%.10g", c->num);
}

static const char *label_of(const cli_column *c) { return c->label ? c->label : c->key; }

void cli_table_print_text(const cli_table *t, FILE *out)
{
    size_t *w = calloc(t->ncols, sizeof *w);
    char buf[256];
    if (!w)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = strlen(label_of(&t->cols[c]));
        for (size_t r = 0; r < t->nrows; r++) {
            format_cell(t, r, c, t->cols[c].fmt ? t->cols[c].fmt : "%.6g", buf, sizeof buf);
            if (strlen(buf) > w[c])
                w[c] = strlen(buf);
        }
    }
    for (size_t c = 0; c < t->ncols; c++)
        fprintf(out, "%s%-*s", c ? "  " : "", c + 1 == t->ncols ? 0 : (int)w[c],
                label_of(&t->cols[c]));
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            format_cell(t, r, c, t->cols[c].fmt ? t->cols[c].fmt : "%.6g", buf, sizeof buf);
            /* Numbers right-aligned, text left-aligned, as people read columns. */
            int text = at(t, r, c)->text != NULL;
            if (text && c + 1 == t->ncols) /* no trailing blanks after the last column */
                fprintf(out, "%s%s", c ? "  " : "", buf);
            else
                fprintf(out, "%s%*s", c ? "  " : "", text ? -(int)w[c] : (int)w[c], buf);
        }
        fputc('\n', out);
    }
    free(w);
}

static void csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

void cli_table_print_csv(const cli_table *t, FILE *out)
{
    char buf[256];
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            fputc(',', out);
        csv_field(out, t->cols[c].key);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputc(',', out);
            format_cell(t, r, c, NULL, buf, sizeof buf);
            csv_field(out, buf);
        }
        fputc('\n', out);
    }
}

json_t *cli_table_to_json(const cli_table *t)
{
    json_t *arr = json_array();
    for (size_t r = 0; r < t->nrows; r++) {
        json_t *o = json_object();
        for (size_t c = 0; c < t->ncols; c++) {
            const cell *x = at(t, r, c);
            json_t *v;
            /* JSON has no NaN or infinity; and a word in a number column ("substrate" for a
             * thickness) is for people: a program reading a number field gets a number or
             * null, never a string. */
            if (!x->set || (!x->text && !isfinite(x->num)) || (x->text && t->cols[c].fmt))
                v = json_null();
            else if (x->text)
                v = json_string(x->text);
            else
                v = json_real(x->num);
            json_object_set_new(o, t->cols[c].key, v);
        }
        json_array_append_new(arr, o);
    }
    return arr;
}
