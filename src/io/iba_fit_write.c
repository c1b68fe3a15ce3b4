/* The result of an IBA fit as JSON and CSV (iba_io.h): the documents `interlayer iba fit`
 * writes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/elements.h"
#include "interlayer/iba_io.h"
#include "interlayer/stack.h"
#include "io/json_text.h"

size_t il_iba_spectrum_elements(const il_iba_spectrum *s, int *Z, size_t max)
{
    size_t n = 0, nch = il_iba_spectrum_channels(s);
    for (size_t i = 0; i < il_iba_spectrum_n_parts(s); i++) {
        const il_iba_part *p = il_iba_spectrum_part(s, i);
        double sum = 0.0;
        for (size_t k = 0; k < nch; k++)
            sum += p->counts[k];
        int seen = 0;
        for (size_t k = 0; k < n; k++)
            seen |= Z[k] == p->Z;
        if (sum > 0.0 && !seen && n < max)
            Z[n++] = p->Z;
    }
    /* insertion sort: a handful of elements */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && Z[k - 1] > Z[k]; k--) {
            int t = Z[k];
            Z[k] = Z[k - 1];
            Z[k - 1] = t;
        }
    return n;
}

static const char *engine_name(il_iba_fit_engine e)
{
    return e == IL_IBA_FIT_DE ? "de" : e == IL_IBA_FIT_MCMC ? "mcmc" : "lm";
}

static json_t *spectrum_doc(const il_iba_fit_result *r, const il_iba_fit_spectrum *d, size_t k)
{
    const il_iba_spectrum *m = r->model[k];
    size_t nch = il_iba_spectrum_channels(m);
    json_t *s = json_object();
    char name[32];
    snprintf(name, sizeof name, "iba%zu", k + 1);
    json_object_set_new(s, "name", json_string(d->name ? d->name : name));
    json_object_set_new(s, "chi2", il__json_number(r->fit.chi2_term[k]));
    json_object_set_new(s, "chi2_expected",
                        il__json_number(r->chi2_expected ? r->chi2_expected[k] : NAN));
    json_object_set_new(s, "chi2_expected_sd",
                        il__json_number(r->chi2_expected_sd ? r->chi2_expected_sd[k] : NAN));
    json_object_set_new(s, "points", json_integer((json_int_t)r->fit.n_term[k]));
    json_object_set_new(s, "first_channel", json_integer((json_int_t)d->first));
    json_object_set_new(s, "last_channel",
                        json_integer((json_int_t)(d->last ? d->last : d->channels - 1)));
    double *e = malloc(nch * sizeof *e);
    if (e) {
        for (size_t i = 0; i < nch; i++)
            e[i] = il_iba_spectrum_energy_keV(m, (double)i);
        json_object_set_new(s, "energy_keV", il__json_numbers(e, nch));
    }
    json_object_set_new(s, "data", il__json_numbers(d->counts, nch));
    json_object_set_new(s, "fit", il__json_numbers(il_iba_spectrum_total(m), nch));
    int Z[128];
    size_t ne = il_iba_spectrum_elements(m, Z, 128);
    json_t *el = json_object();
    for (size_t i = 0; i < ne && e; i++) {
        il_iba_spectrum_element(m, Z[i], e);
        json_object_set_new(el, il_element_by_z(Z[i])->symbol, il__json_numbers(e, nch));
    }
    json_object_set_new(s, "elements", el);
    free(e);
    return s;
}

il_status il_iba_fit_json(const il_iba_fit_result *r, const il_iba_fit_spectrum *data, size_t n,
                          char **text, il_error *err)
{
    if (!r || !data || !text || n != r->n_spectra || !r->model)
        return il_error_set(err, IL_ERR_INVALID, "il_iba_fit_json: no result for %zu spectra", n);
    json_t *doc = json_object();
    json_object_set_new(doc, "engine", json_string(engine_name(r->engine)));
    json_t *ps = json_array();
    size_t np = r->n_params;
    for (size_t j = 0; j < np; j++) {
        json_t *p = json_object();
        json_object_set_new(p, "name", json_string(r->name[j]));
        json_object_set_new(p, "start", il__json_number(r->start[j]));
        json_object_set_new(p, "value", il__json_number(r->fit.value[j]));
        json_object_set_new(p, "sigma", il__json_number(r->fit.sigma[j]));
        json_array_append_new(ps, p);
    }
    json_object_set_new(doc, "parameters", ps);
    json_t *corr = json_array();
    for (size_t j = 0; j < np; j++)
        json_array_append_new(corr, il__json_numbers(r->fit.corr + j * np, np));
    json_object_set_new(doc, "correlations", corr);
    json_object_set_new(doc, "chi2", il__json_number(r->fit.chi2));
    json_object_set_new(doc, "dof", json_integer((json_int_t)r->fit.dof));
    json_object_set_new(doc, "reduced_chi2",
                        il__json_number(r->fit.dof ? r->fit.chi2 / (double)r->fit.dof : NAN));
    json_object_set_new(doc, "chi2_expected", il__json_number(r->chi2_expected_total));
    json_object_set_new(doc, "chi2_expected_sd", il__json_number(r->chi2_expected_sd_total));
    json_object_set_new(doc, "iterations", json_integer(r->iterations));
    json_object_set_new(doc, "evaluations", json_integer((json_int_t)r->evaluations));
    json_object_set_new(doc, "converged", json_boolean(r->converged));
    char buf[4096];
    json_object_set_new(doc, "stack", json_string(il_stack_format(r->stack, buf, sizeof buf)));
    json_t *sp = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(sp, spectrum_doc(r, &data[k], k));
    json_object_set_new(doc, "spectra", sp);
    return il__json_text(doc, text, err);
}

il_status il_iba_fit_write_json(const char *path, const il_iba_fit_result *r,
                                const il_iba_fit_spectrum *data, size_t n, il_error *err)
{
    char *text = NULL;
    il_status st = il_iba_fit_json(r, data, n, &text, err);
    return il__write_made_text(path, st, text, err);
}

/* Appends to a growing text buffer. */
typedef struct {
    char *s;
    size_t len, cap;
    int bad;
} text_buf;

static void put(text_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text_buf *b, const char *fmt, ...)
{
    for (int tries = 0; tries < 2 && !b->bad; tries++) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (w < 0) {
            b->bad = 1;
            return;
        }
        if (b->s && b->len + (size_t)w < b->cap) {
            b->len += (size_t)w;
            return;
        }
        size_t cap = (b->cap + (size_t)w + 1) * 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->bad = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

il_status il_iba_fit_csv(const il_iba_fit_result *r, const il_iba_fit_spectrum *data, size_t n,
                         char **text, il_error *err)
{
    if (!r || !data || !text || n != r->n_spectra || !r->model)
        return il_error_set(err, IL_ERR_INVALID, "il_iba_fit_csv: no result for %zu spectra", n);
    int Z[128];
    size_t ne = 0;
    for (size_t k = 0; k < n; k++) {
        int z[128];
        size_t m = il_iba_spectrum_elements(r->model[k], z, 128);
        for (size_t i = 0; i < m; i++) {
            size_t j = 0;
            while (j < ne && Z[j] != z[i])
                j++;
            if (j == ne && ne < 128)
                Z[ne++] = z[i];
        }
    }
    for (size_t i = 1; i < ne; i++)
        for (size_t k = i; k > 0 && Z[k - 1] > Z[k]; k--) {
            int t = Z[k];
            Z[k] = Z[k - 1];
            Z[k - 1] = t;
        }
    text_buf b = {0};
    put(&b, "spectrum,channel,energy_keV,data,fit");
    for (size_t i = 0; i < ne; i++)
        put(&b, ",%s", il_element_by_z(Z[i])->symbol);
    put(&b, "\n");
    for (size_t k = 0; k < n && !b.bad; k++) {
        const il_iba_spectrum *m = r->model[k];
        size_t nch = il_iba_spectrum_channels(m);
        double *el = malloc((ne ? ne : 1) * nch * sizeof *el);
        if (!el) {
            b.bad = 1;
            break;
        }
        for (size_t i = 0; i < ne; i++)
            il_iba_spectrum_element(m, Z[i], el + i * nch);
        char name[32];
        snprintf(name, sizeof name, "iba%zu", k + 1);
        const double *fit = il_iba_spectrum_total(m);
        for (size_t c = 0; c < nch; c++) {
            put(&b, "%s,%zu,%.10g,%.10g,%.10g", data[k].name ? data[k].name : name, c,
                il_iba_spectrum_energy_keV(m, (double)c), data[k].counts[c], fit[c]);
            for (size_t i = 0; i < ne; i++)
                put(&b, ",%.10g", el[i * nch + c]);
            put(&b, "\n");
        }
        free(el);
    }
    if (b.bad) {
        free(b.s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    *text = b.s;
    return IL_OK;
}

il_status il_iba_fit_write_csv(const char *path, const il_iba_fit_result *r,
                               const il_iba_fit_spectrum *data, size_t n, il_error *err)
{
    char *text = NULL;
    il_status st = il_iba_fit_csv(r, data, n, &text, err);
    return il__write_made_text(path, st, text, err);
}
