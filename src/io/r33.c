/* The R33 reader (interlayer/r33.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/read_file.h"
#include "interlayer/r33.h"
#include "io/spectrum_priv.h"
#include "core/decimal.h"

#define R33_MAX_BYTES (64u << 20)
#define R33_MAX_BLOCKS 256

struct il_r33 {
    size_t n;
    il_sigma_table *t[R33_MAX_BLOCKS];
};

typedef struct {
    il_sigma_info info;
    double en_factor, sig_factor;
    int col_E, col_sigma; /* positions in a four-column row */
    int distribution_ok;
} r33_header;

void il_r33_free(il_r33 *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        il_sigma_table_free(r->t[i]);
    free(r);
}

size_t il_r33_count(const il_r33 *r)
{
    return r->n;
}

const il_sigma_table *il_r33_table(const il_r33 *r, size_t i)
{
    return i < r->n ? r->t[i] : NULL;
}

/* Splits "1.0, 2, 3" into numbers; returns the count (up to max), -1 (with *bad_col set, the
 * 1-based column) when a field is not a number. */
static int numbers(const char *s, size_t len, double *v, int max, int *bad_col)
{
    int n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (isspace((unsigned char)s[i]) || s[i] == ','))
            i++;
        if (i >= len)
            break;
        size_t j = i;
        while (j < len && !isspace((unsigned char)s[j]) && s[j] != ',')
            j++;
        char buf[64];
        size_t k = j - i < sizeof buf - 1 ? j - i : sizeof buf - 1;
        memcpy(buf, s + i, k);
        buf[k] = '\0';
        char *end;
        double x = il_decimal_strtod(buf, &end);
        if (end == buf || *end || !isfinite(x) || j - i >= sizeof buf) {
            *bad_col = (int)i + 1;
            return -1;
        }
        if (n < max)
            v[n] = x;
        n++;
        i = j;
    }
    return n;
}

static void trim(const char **s, size_t *len)
{
    while (*len && isspace((unsigned char)**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

static void copy_text(char *dst, size_t size, const char *s, size_t len)
{
    size_t k = len < size - 1 ? len : size - 1;
    memcpy(dst, s, k);
    dst[k] = '\0';
}

/* "Columns: E sigma dE dsigma" */
static int columns(r33_header *h, const char *v, size_t len)
{
    char buf[128];
    copy_text(buf, sizeof buf, v, len);
    int pos = 0, e = -1, s = -1;
    char *save = NULL;
    for (char *tok = strtok_r(buf, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save), pos++) {
        if (!strcasecmp(tok, "E") || !strcasecmp(tok, "energy"))
            e = pos;
        else if (!strcasecmp(tok, "sigma"))
            s = pos;
    }
    if (e < 0 || s < 0 || pos != 4)
        return -1;
    h->col_E = e;
    h->col_sigma = s;
    return 0;
}

/* A header value the reader does not take: "Key 'value': why" at the value's column. */
static il_status bad_value(il_error *err, const char *name, int line, int vcol, const char *key,
                           const char *val, size_t vlen, const char *why)
{
    char q[48];
    return il_error_set_at(err, IL_ERR_PARSE, name, line, vcol, "%s '%s': %s", key,
                           il__spec_quote(val, vlen, q, sizeof q), why);
}

static il_status header_line(r33_header *h, const char *name, int line, const char *key,
                             size_t klen, const char *val, size_t vlen, int vcol, il_error *err)
{
    double v[8];
    int bad = 0, n;
#define IS(k) (klen == strlen(k) && !strncasecmp(key, k, klen))
    if (IS("Units")) {
        if (vlen == 2 && !strncasecmp(val, "mb", 2))
            h->info.unit = IL_SIGMA_MB_SR;
        else if (vlen == 2 && !strncasecmp(val, "rr", 2))
            h->info.unit = IL_SIGMA_RATIO;
        else
            return bad_value(err, name, line, vcol, "Units", val, vlen,
                             "expected mb (mb/sr) or rr (ratio to Rutherford)");
        return IL_OK;
    }
    if (IS("Reaction")) {
        copy_text(h->info.reaction, sizeof h->info.reaction, val, vlen);
        return IL_OK;
    }
    if (IS("Source")) {
        copy_text(h->info.source, sizeof h->info.source, val, vlen);
        return IL_OK;
    }
    if (IS("Distribution")) {
        h->distribution_ok = vlen == 0 || (vlen == 6 && !strncasecmp(val, "energy", 6));
        if (!h->distribution_ok)
            return bad_value(err, name, line, vcol, "Distribution", val, vlen,
                             "only Energy distributions are read");
        return IL_OK;
    }
    if (IS("Columns")) {
        if (columns(h, val, vlen))
            return il_error_set_at(err, IL_ERR_PARSE, name, line, vcol,
                                   "Columns: expected four names among E, dE, sigma, dsigma");
        return IL_OK;
    }
    int which = IS("Masses") ? 1 : IS("Zeds") ? 2 : IS("Qvalue") ? 3 : IS("Theta") ? 4
              : IS("Sigfactors") ? 5 : IS("Enfactors") ? 6 : 0;
    if (!which)
        return IL_OK; /* Comment, Name, Address..., Serial Number, Composition: for people */
    n = numbers(val, vlen, v, 8, &bad);
    int need = which <= 2 ? 4 : 1;
    if (n < 0 || (n < need && vlen))
        return il_error_set_at(err, IL_ERR_PARSE, name, line, n < 0 ? vcol + bad - 1 : vcol,
                               "%.*s: expected %d number%s", (int)klen, key, need,
                               need > 1 ? "s" : "");
    if (n == 0)
        return IL_OK;
    switch (which) {
    case 1:
        for (int i = 0; i < 4; i++)
            h->info.mass_u[i] = v[i];
        break;
    case 2:
        for (int i = 0; i < 4; i++) {
            if (v[i] < 0 || v[i] > 118 || v[i] != floor(v[i]))
                return il_error_set_at(err, IL_ERR_PARSE, name, line, vcol,
                                       "Zeds: %g is not an atomic number", v[i]);
            h->info.Z[i] = (int)v[i];
        }
        break;
    case 3: h->info.Q_keV = v[0]; break;
    case 4:
        if (!(v[0] >= 0.0 && v[0] <= 180.0))
            return il_error_set_at(err, IL_ERR_PARSE, name, line, vcol,
                                   "Theta %g: expected an angle 0..180 degrees", v[0]);
        h->info.theta_deg = v[0];
        break;
    case 5: h->sig_factor = v[0] != 0.0 ? v[0] : 1.0; break;
    case 6: h->en_factor = v[0] != 0.0 ? v[0] : 1.0; break;
    }
    return IL_OK;
#undef IS
}

il_status il_r33_parse(const char *text, size_t len, const char *name, il_r33 **out,
                       il_error *err)
{
    *out = NULL;
    if (!name)
        name = "R33";
    il_r33 *r = calloc(1, sizeof *r);
    if (!r)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    r33_header h = {.en_factor = 1.0, .sig_factor = 1.0, .col_E = 0, .col_sigma = 2,
                    .distribution_ok = 1};
    il__spec_lines c;
    il__spec_lines_init(&c, text, len);
    const char *s;
    size_t n;
    int in_data = 0, data_line = 0, in_comment = 0;
    double *E = NULL, *S = NULL;
    size_t np = 0, cap = 0;
    il_status st = IL_OK;
    while (il__spec_next_line(&c, &s, &n)) {
        const char *l = s;
        size_t ll = n;
        trim(&l, &ll);
        if (!in_data) {
            if (ll == 0)
                continue;
            const char *colon = memchr(l, ':', ll);
            if (!colon && in_comment)
                continue; /* a Comment may run over several lines */
            if (!colon) {
                char q[48];
                st = il_error_set_at(err, IL_ERR_PARSE, name, c.line, (int)(l - s) + 1,
                                     "'%s': expected a 'Key: value' header line or Data:",
                                     il__spec_quote(l, ll, q, sizeof q));
                goto fail;
            }
            size_t klen = (size_t)(colon - l);
            const char *v = colon + 1;
            size_t vlen = ll - klen - 1;
            trim(&v, &vlen);
            in_comment = klen == 7 && !strncasecmp(l, "Comment", 7);
            if (klen == 4 && !strncasecmp(l, "Data", 4)) {
                in_data = 1;
                data_line = c.line;
                np = 0;
                continue;
            }
            if (klen == 7 && !strncasecmp(l, "EndData", 7))
                continue;
            st = header_line(&h, name, c.line, l, klen, v, vlen, (int)(v - s) + 1, err);
            if (st)
                goto fail;
            continue;
        }
        if (ll == 0)
            continue;
        if (ll >= 8 && !strncasecmp(l, "EndData:", 8)) {
            in_data = 0;
            if (np < 2) {
                st = il_error_set_at(err, IL_ERR_PARSE, name, data_line, 1,
                                     "Data block has %zu row(s); expected at least 2", np);
                goto fail;
            }
            if (r->n == R33_MAX_BLOCKS) {
                st = il_error_set_at(err, IL_ERR_RANGE, name, c.line, 1,
                                     "more than %d data blocks", R33_MAX_BLOCKS);
                goto fail;
            }
            il_sigma_table *t;
            st = il_sigma_table_new(&h.info, E, S, np, &t, err);
            if (st) {
                il__spec_locate(err, name, data_line);
                goto fail;
            }
            r->t[r->n++] = t;
            continue;
        }
        double v[4];
        int bad = 0;
        int k = numbers(l, ll, v, 4, &bad);
        if (k < 0) {
            st = il_error_set_at(err, IL_ERR_PARSE, name, c.line, (int)(l - s) + bad,
                                 "data row: expected numbers (E dE sigma dsigma)");
            goto fail;
        }
        if (k < 2 || k > 4) {
            st = il_error_set_at(err, IL_ERR_PARSE, name, c.line, (int)(l - s) + 1,
                                 "data row with %d numbers: expected 2 (E sigma), 3 (E sigma "
                                 "dsigma) or 4 (E dE sigma dsigma)", k);
            goto fail;
        }
        double e = k == 4 ? v[h.col_E] : v[0];
        double sg = k == 4 ? v[h.col_sigma] : v[1];
        e *= h.en_factor;
        sg *= h.sig_factor;
        if (!(e >= 0.0) || !(sg >= 0.0)) {
            st = il_error_set_at(err, IL_ERR_PARSE, name, c.line, (int)(l - s) + 1,
                                 "data row E=%g keV, sigma=%g: expected values >= 0", e, sg);
            goto fail;
        }
        if (np && e < E[np - 1]) {
            st = il_error_set_at(err, IL_ERR_PARSE, name, c.line, (int)(l - s) + 1,
                                 "energy %g keV below the row before (%g keV): expected "
                                 "ascending energies", e, E[np - 1]);
            goto fail;
        }
        if (np == cap) {
            size_t nc = cap ? 2 * cap : 64;
            double *e2 = realloc(E, nc * sizeof *E);
            if (e2)
                E = e2;
            double *s2 = e2 ? realloc(S, nc * sizeof *S) : NULL;
            if (s2)
                S = s2;
            if (!e2 || !s2) {
                st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
                goto fail;
            }
            cap = nc;
        }
        E[np] = e;
        S[np] = sg;
        np++;
    }
    if (in_data) {
        st = il_error_set_at(err, IL_ERR_PARSE, name, data_line, 1,
                             "Data: block not closed by EndData:");
        goto fail;
    }
    if (r->n == 0) {
        st = il_error_set_at(err, IL_ERR_PARSE, name, c.line, 1,
                             "no Data: block; an R33 file holds at least one");
        goto fail;
    }
    free(E);
    free(S);
    *out = r;
    return IL_OK;
fail:
    free(E);
    free(S);
    il_r33_free(r);
    return st;
}

il_status il_r33_load(const char *path, il_r33 **out, il_error *err)
{
    char *data;
    size_t len;
    *out = NULL;
    il_status st = il_read_file(path, R33_MAX_BYTES, "R33 file", &data, &len, err);
    if (st)
        return st;
    st = il_r33_parse(data, len, path, out, err);
    free(data);
    return st;
}
