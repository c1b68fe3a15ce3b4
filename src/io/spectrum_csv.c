/* CSV/TSV spectra: one column (counts), two (channel or energy, counts), or three (channel,
 * energy, counts). Separator: tab, comma, semicolon or blanks, from the first data line. A first
 * line that is not numeric is a header whose names pick the columns ("channel", "energy"/"keV",
 * "counts"/"data"). Lines starting with '#' are comments; "# key: value" comments carry the
 * metadata our writer puts there (title, live_time_s, real_time_s, start, calibration_keV).
 *
 * An energy column becomes an energy calibration: a linear, else quadratic, least-squares fit
 * of energy against channel that must reproduce every row to a thousandth of a channel; an
 * energy axis that no polynomial of degree <= 2 describes is refused rather than bent. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/spectrum_priv.h"
#include "core/grow.h"

#define MAX_COLS 3

enum col_kind { C_UNKNOWN, C_CHANNEL, C_ENERGY, C_COUNTS };

typedef struct {
    const char *name;
    char sep; /* ',', '\t', ';' or ' ' (runs of blanks) */
    int ncols;
    enum col_kind kind[MAX_COLS];
    double escale; /* energy column unit -> keV */
    int have_header;
    /* rows */
    double *x, *e, *y; /* channel, energy, counts (x, e NULL when absent) */
    int *line;
    size_t n, cap;
    /* metadata from comments */
    double live, real;
    double fluence_omega; /* "# fluence_solid_angle_n_cm2:" (ndp reduce), NaN when absent */
    int have_cal;
    double cal[3];
    const char *title, *start;
    size_t title_len, start_len;
    int start_line;
} csv_state;

/* Splits a line into at most max fields (+1 to detect too many); returns the count. */
static int split(const char *ln, size_t n, char sep, const char **f, size_t *fl, int max)
{
    int k = 0;
    size_t i = 0;
    while (n > 0 && isspace((unsigned char)ln[n - 1]))
        n--;
    if (sep == ' ') {
        while (i < n && k <= max) {
            while (i < n && (ln[i] == ' ' || ln[i] == '\t'))
                i++;
            if (i >= n)
                break;
            size_t s = i;
            while (i < n && ln[i] != ' ' && ln[i] != '\t')
                i++;
            f[k] = ln + s;
            fl[k++] = i - s;
        }
        return k;
    }
    for (;;) {
        size_t s = i;
        while (i < n && ln[i] != sep)
            i++;
        size_t a = s, b = i;
        while (a < b && isspace((unsigned char)ln[a]))
            a++;
        while (b > a && isspace((unsigned char)ln[b - 1]))
            b--;
        if (a + 1 < b && ln[a] == '"' && ln[b - 1] == '"')
            a++, b--;
        if (k > max)
            return k;
        f[k] = ln + a;
        fl[k++] = b - a;
        if (i >= n)
            return k;
        i++;
    }
}

static int contains_ci(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;
        while (j < m && tolower((unsigned char)s[i + j]) == w[j])
            j++;
        if (j == m)
            return 1;
    }
    return 0;
}

static enum col_kind kind_of_name(csv_state *st, const char *s, size_t n)
{
    if (contains_ci(s, n, "chan") || (n == 2 && contains_ci(s, n, "ch")))
        return C_CHANNEL;
    if (contains_ci(s, n, "energy") || contains_ci(s, n, "kev") || contains_ci(s, n, "mev") ||
        (n == 1 && (*s == 'E' || *s == 'e'))) {
        if (contains_ci(s, n, "mev"))
            st->escale = 1000;
        return C_ENERGY;
    }
    if (contains_ci(s, n, "count") || contains_ci(s, n, "data") || contains_ci(s, n, "intens") ||
        contains_ci(s, n, "yield"))
        return C_COUNTS;
    return C_UNKNOWN;
}

/* "# key: value" metadata; other comments are ignored. */
static il_status comment(csv_state *st, int line, const char *ln, size_t n, il_error *err)
{
    size_t i = 1;
    while (i < n && (ln[i] == ' ' || ln[i] == '\t'))
        i++;
    const char *key = ln + i;
    while (i < n && ln[i] != ':' && !isspace((unsigned char)ln[i]))
        i++;
    size_t klen = (size_t)(ln + i - key);
    if (i >= n || ln[i] != ':')
        return IL_OK;
    i++;
    while (i < n && isspace((unsigned char)ln[i]))
        i++;
    const char *val = ln + i;
    size_t vlen = n - i;
    while (vlen > 0 && isspace((unsigned char)val[vlen - 1]))
        vlen--;
#define KEY(lit) (klen == sizeof lit - 1 && !memcmp(key, lit, klen))
    const char *f[4];
    size_t fl[4];
    char q[64];
    if (KEY("title")) {
        st->title = val;
        st->title_len = vlen;
    } else if (KEY("start")) {
        st->start = val;
        st->start_len = vlen;
        st->start_line = line;
    } else if (KEY("live_time_s") || KEY("real_time_s")) {
        double v;
        if (il__spec_number(val, vlen, &v) || v < 0)
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, (int)(val - ln) + 1,
                                   "%.*s '%s': expected a time in seconds >= 0", (int)klen, key,
                                   il__spec_quote(val, vlen, q, sizeof q));
        *(KEY("live_time_s") ? &st->live : &st->real) = v;
    } else if (KEY("fluence_solid_angle_n_cm2")) {
        double v;
        if (il__spec_number(val, vlen, &v) || !(v > 0))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, (int)(val - ln) + 1,
                                   "fluence_solid_angle_n_cm2 '%s': expected a fluence x solid "
                                   "angle / 4 pi in n/cm2 > 0",
                                   il__spec_quote(val, vlen, q, sizeof q));
        st->fluence_omega = v;
    } else if (KEY("calibration_keV")) {
        int k = split(val, vlen, ' ', f, fl, 3);
        double c[3] = {0, 0, 0};
        int ok = k >= 2 && k <= 3;
        for (int j = 0; ok && j < k; j++)
            ok = il__spec_number(f[j], fl[j], &c[j]) == 0;
        if (!ok || (c[1] == 0 && c[2] == 0))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, (int)(val - ln) + 1,
                                   "calibration_keV '%s': expected 'c0 c1 [c2]' with c1 or c2 "
                                   "non-zero (E = c0 + c1*ch + c2*ch^2)",
                                   il__spec_quote(val, vlen, q, sizeof q));
        memcpy(st->cal, c, sizeof c);
        st->have_cal = 1;
    }
#undef KEY
    return IL_OK;
}

static il_status push_row(csv_state *st, int line, double x, double e, double y, il_error *err)
{
    if (st->n == st->cap) {
        if (st->cap >= IL_SPECTRUM_MAX_CHANNELS)
            return il_error_set_at(err, IL_ERR_RANGE, st->name, line, 0,
                                   "more than %u rows: not a spectrum", IL_SPECTRUM_MAX_CHANNELS);
        size_t nc = il_grow_next_cap(st->cap, 1024);
        const il_grow_slot cols[] = {IL_GROW_SLOT(st->x), IL_GROW_SLOT(st->e), IL_GROW_SLOT(st->y),
                                     IL_GROW_SLOT(st->line)};
        if (il_grow_arrays(cols, 4, nc, NULL))
            return il_error_set_at(err, IL_ERR_NOMEM, st->name, line, 0, "out of memory");
        st->cap = nc;
    }
    st->x[st->n] = x;
    st->e[st->n] = e;
    st->y[st->n] = y;
    st->line[st->n] = line;
    st->n++;
    return IL_OK;
}

/* Decides what the columns are, from the header names or, without them, from their number. */
static il_status settle_columns(csv_state *st, int line, const char **f, size_t *fl,
                                il_error *err)
{
    int nc = st->ncols, have[4] = {0};
    if (st->have_header)
        for (int i = 0; i < nc; i++) {
            st->kind[i] = kind_of_name(st, f[i], fl[i]);
            have[st->kind[i]]++;
        }
    if (have[C_CHANNEL] > 1 || have[C_ENERGY] > 1 || have[C_COUNTS] > 1)
        return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                               "header names a column kind twice; expected one channel, one "
                               "energy and one counts column at most");
    /* Fill the unnamed columns by position: counts last, channel before energy. */
    if (nc == 1) {
        if (st->kind[0] != C_UNKNOWN && st->kind[0] != C_COUNTS)
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                                   "a single column must hold counts");
        st->kind[0] = C_COUNTS;
    } else if (nc == 2) {
        if (!have[C_COUNTS]) {
            int c = st->kind[1] == C_UNKNOWN ? 1 : st->kind[0] == C_UNKNOWN ? 0 : -1;
            if (c < 0)
                return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                                       "two columns and no counts column in the header");
            st->kind[c] = C_COUNTS;
        }
        /* The remaining unknown column is the x axis: decided from its values later. */
    } else {
        static const enum col_kind order[3] = {C_CHANNEL, C_ENERGY, C_COUNTS};
        for (int i = 0; i < 3; i++)
            if (st->kind[i] == C_UNKNOWN)
                for (int j = 0; j < 3; j++)
                    if (!have[order[j]]) {
                        st->kind[i] = order[j];
                        have[order[j]] = 1;
                        break;
                    }
    }
    return IL_OK;
}

static il_status data_line(csv_state *st, int line, const char *ln, size_t n, il_error *err)
{
    const char *f[MAX_COLS + 2];
    size_t fl[MAX_COLS + 2];
    char q[64];
    if (st->ncols == 0) {
        /* First non-comment line: separator, column count, header or not. */
        st->sep = memchr(ln, '\t', n) ? '\t' : memchr(ln, ',', n) ? ',' : memchr(ln, ';', n)
                                                                              ? ';'
                                                                              : ' ';
        int k = split(ln, n, st->sep, f, fl, MAX_COLS);
        if (k > MAX_COLS)
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                                   "%d or more columns; a spectrum has 1 to 3 (counts | x,counts "
                                   "| channel,energy,counts)",
                                   k);
        /* A header has no numeric field; a line mixing numbers and words is a bad data
         * line and gets its error from the number check below. */
        double v;
        st->ncols = k;
        st->have_header = 1;
        for (int i = 0; i < k; i++)
            if (il__spec_number(f[i], fl[i], &v) == 0)
                st->have_header = 0;
        il_status r = settle_columns(st, line, f, fl, err);
        if (r || st->have_header)
            return r;
    }
    int k = split(ln, n, st->sep, f, fl, MAX_COLS);
    if (k != st->ncols)
        return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                               "%d field(s) where the file has %d columns", k, st->ncols);
    double x = NAN, e = NAN, y = NAN;
    for (int i = 0; i < k; i++) {
        double v;
        int col = (int)(f[i] - ln) + 1;
        if (il__spec_number(f[i], fl[i], &v))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, col,
                                   "'%s' is not a number", il__spec_quote(f[i], fl[i], q, sizeof q));
        switch (st->kind[i]) {
        case C_COUNTS: {
            const char *why = il__spec_count_problem(v);
            if (why)
                return il_error_set_at(err, IL_ERR_RANGE, st->name, line, col,
                                       "count '%s' is %s",
                                       il__spec_quote(f[i], fl[i], q, sizeof q), why);
            y = v;
            break;
        }
        case C_CHANNEL:
            if (v != floor(v) || v < 0 || v >= IL_SPECTRUM_MAX_CHANNELS)
                return il_error_set_at(err, IL_ERR_RANGE, st->name, line, col,
                                       "channel '%s' must be a whole number 0..%u",
                                       il__spec_quote(f[i], fl[i], q, sizeof q),
                                       IL_SPECTRUM_MAX_CHANNELS - 1);
            x = v;
            break;
        case C_ENERGY: e = v * st->escale; break;
        case C_UNKNOWN: x = v; break; /* x axis of a 2-column file, kind decided later */
        }
    }
    return push_row(st, line, x, e, y, err);
}

/* Max |E_i - (c0 + c1 ch_i + c2 ch_i^2)| of a least-squares fit of degree `deg` (1 or 2). */
static double fit_poly(const double *ch, const double *E, size_t n, int deg, double c[3])
{
    /* Centre and scale the channel axis so the normal equations stay well conditioned for
     * 65536 channels, then expand back to powers of ch. */
    double lo = ch[0], hi = ch[n - 1];
    double mid = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
    if (half <= 0)
        half = 1;
    int m = deg + 1;
    double A[3][4] = {{0}};
    for (size_t i = 0; i < n; i++) {
        double t = (ch[i] - mid) / half, p[3] = {1, t, t * t};
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++)
                A[a][b] += p[a] * p[b];
            A[a][3] += p[a] * E[i];
        }
    }
    for (int col = 0; col < m; col++) { /* Gauss-Jordan with partial pivoting */
        int piv = col;
        for (int r = col + 1; r < m; r++)
            if (fabs(A[r][col]) > fabs(A[piv][col]))
                piv = r;
        if (A[piv][col] == 0)
            return INFINITY;
        for (int j = 0; j < 4; j++) {
            double tmp = A[col][j];
            A[col][j] = A[piv][j];
            A[piv][j] = tmp;
        }
        for (int r = 0; r < m; r++)
            if (r != col) {
                double fct = A[r][col] / A[col][col];
                for (int j = col; j < 4; j++)
                    A[r][j] -= fct * A[col][j];
            }
    }
    double a[3] = {0, 0, 0};
    for (int i = 0; i < m; i++)
        a[i] = A[i][3] / A[i][i];
    /* E = a0 + a1 t + a2 t^2 with t = (ch - mid)/half */
    c[2] = a[2] / (half * half);
    c[1] = a[1] / half - 2 * a[2] * mid / (half * half);
    c[0] = a[0] - a[1] * mid / half + a[2] * mid * mid / (half * half);
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double t = (ch[i] - mid) / half;
        double r = fabs(E[i] - (a[0] + t * (a[1] + t * a[2])));
        if (!(r <= worst))
            worst = r;
    }
    return worst;
}

static il_status finish(csv_state *st, il_spectrum **out, il_error *err)
{
    if (st->n == 0)
        return il_error_set_at(err, IL_ERR_PARSE, st->name, 0, 0,
                               st->ncols ? "a header but no data rows" : "no data rows");
    size_t n = st->n;
    int xcol = -1, has_e = 0;
    for (int i = 0; i < st->ncols; i++) {
        if (st->kind[i] == C_CHANNEL || st->kind[i] == C_UNKNOWN)
            xcol = i;
        if (st->kind[i] == C_ENERGY)
            has_e = 1;
    }
    int has_ch = 0;
    if (xcol >= 0 && st->kind[xcol] == C_CHANNEL)
        has_ch = 1;
    else if (xcol >= 0) {
        /* An unnamed x column: channels when the values are 0,1,2,... (or k, k+1, ...),
         * energies otherwise. */
        int consecutive = 1;
        for (size_t i = 0; i < n && consecutive; i++)
            consecutive = st->x[i] == floor(st->x[i]) && st->x[i] >= 0 &&
                          st->x[i] < IL_SPECTRUM_MAX_CHANNELS &&
                          (i == 0 || st->x[i] == st->x[i - 1] + 1);
        if (consecutive) {
            has_ch = 1;
        } else {
            for (size_t i = 0; i < n; i++)
                st->e[i] = st->x[i];
            has_e = 1;
        }
    }
    if (!has_ch)
        for (size_t i = 0; i < n; i++)
            st->x[i] = (double)i; /* row i is channel i */
    for (size_t i = 1; has_ch && i < n; i++)
        if (!(st->x[i] > st->x[i - 1]))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, st->line[i], 0,
                                   "channel %.17g after %.17g: channels must increase",
                                   st->x[i], st->x[i - 1]);
    il_spectrum *s;
    il_status r = il__spec_make((size_t)st->x[n - 1] + 1, st->name, &s, err);
    if (r)
        return r;
    for (size_t i = 0; i < n; i++)
        s->counts[(size_t)st->x[i]] = st->y[i];
    /* An energy column must rise row by row (a backwards or constant one, e.g. all 0, is no
     * energy scale); said at the first row that does not. */
    for (size_t i = 1; has_e && !st->have_cal && i < n; i++)
        if (!(st->e[i] > st->e[i - 1])) {
            il_spectrum_free(s);
            return il_error_set_at(err, IL_ERR_PARSE, st->name, st->line[i], 0,
                                   "energy %.17g keV after %.17g keV: the energy column must "
                                   "increase with the channel",
                                   st->e[i], st->e[i - 1]);
        }
    if (st->have_cal) {
        if ((r = il_spectrum_set_calibration(s, st->cal[0], st->cal[1], st->cal[2], err))) {
            il_spectrum_free(s);
            il__spec_locate(err, st->name, 0);
            return r;
        }
    } else if (has_e && n >= 2) {
        double c[3];
        /* Tolerance: a thousandth of the mean channel width; files print energies to ~6
         * digits, far finer than that, while a wrong guess about the axis is far coarser. */
        double step = fabs(st->e[n - 1] - st->e[0]) / (st->x[n - 1] - st->x[0]);
        double tol = 1e-3 * step;
        double worst = fit_poly(st->x, st->e, n, 1, c);
        if (!(worst <= tol) && n >= 3) {
            worst = fit_poly(st->x, st->e, n, 2, c);
        }
        if (!(worst <= tol) || !(step > 0)) {
            il_spectrum_free(s);
            return il_error_set_at(err, IL_ERR_PARSE, st->name, st->line[0], 0,
                                   "the energy column is not a polynomial of degree <= 2 in "
                                   "the channel number (worst residual %.3g keV, allowed %.3g); "
                                   "give channels instead",
                                   worst, tol);
        }
        if (il_spectrum_set_calibration(s, c[0], c[1], c[2], err)) {
            il_spectrum_free(s);
            return il_error_set_at(err, IL_ERR_PARSE, st->name, st->line[0], 0,
                                   "the energy column does not give a usable calibration");
        }
    }
    s->fluence_omega_n_cm2 = st->fluence_omega;
    if ((r = il_spectrum_set_times_s(s, st->live, st->real, err)) ||
        (st->title && (r = il__spec_title_n(s, st->title, st->title_len, err)))) {
        il_spectrum_free(s);
        il__spec_locate(err, st->name, 0);
        return r;
    }
    if (st->start) {
        char buf[64], q[64];
        size_t k = st->start_len < sizeof buf - 1 ? st->start_len : sizeof buf - 1;
        memcpy(buf, st->start, k);
        buf[k] = '\0';
        if (st->start_len >= sizeof buf || il_spectrum_set_start_iso(s, buf, NULL)) {
            il_spectrum_free(s);
            return il_error_set_at(err, IL_ERR_PARSE, st->name, st->start_line, 0,
                                   "start '%s' is not ISO 8601 (YYYY-MM-DDThh:mm:ss)",
                                   il__spec_quote(st->start, st->start_len, q, sizeof q));
        }
    }
    *out = s;
    return IL_OK;
}

il_status il__spec_read_csv(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err)
{
    csv_state st = {.name = name, .escale = 1, .live = NAN, .real = NAN, .fluence_omega = NAN};
    il__spec_lines c;
    size_t skip = size >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf ? 3 : 0;
    il__spec_lines_init(&c, data + skip, size - skip);
    const char *ln;
    size_t n;
    il_status r = IL_OK;
    while (r == IL_OK && il__spec_next_line(&c, &ln, &n)) {
        size_t i = 0;
        while (i < n && isspace((unsigned char)ln[i]))
            i++;
        if (i == n)
            continue;
        if (ln[i] == '#')
            r = comment(&st, c.line, ln + i, n - i, err);
        else
            r = data_line(&st, c.line, ln, n, err);
    }
    if (r == IL_OK)
        r = finish(&st, out, err);
    free(st.x);
    free(st.e);
    free(st.y);
    free(st.line);
    return r;
}

/* ---- writer ------------------------------------------------------------------------------ */

il_status il__spec_write_csv(const il_spectrum *s, FILE *fp, char sep, il_error *err)
{
    char b0[40], b1[40], b2[40];
    fputs("# interlayer spectrum\n", fp);
    if (s->title && s->title[0])
        fprintf(fp, "# title: %s\n", s->title);
    if (s->has_start)
        fprintf(fp, "# start: %s\n", s->iso);
    if (!isnan(s->live_s)) {
        il__spec_fmt_double(b0, sizeof b0, s->live_s);
        fprintf(fp, "# live_time_s: %s\n", b0);
    }
    if (!isnan(s->real_s)) {
        il__spec_fmt_double(b0, sizeof b0, s->real_s);
        fprintf(fp, "# real_time_s: %s\n", b0);
    }
    if (s->has_cal) {
        il__spec_fmt_double(b0, sizeof b0, s->cal[0]);
        il__spec_fmt_double(b1, sizeof b1, s->cal[1]);
        il__spec_fmt_double(b2, sizeof b2, s->cal[2]);
        fprintf(fp, "# calibration_keV: %s %s %s\n", b0, b1, b2);
        fprintf(fp, "channel%cenergy_keV%ccounts\n", sep, sep);
    } else {
        fprintf(fp, "channel%ccounts\n", sep);
    }
    for (size_t i = 0; i < s->n; i++) {
        il__spec_fmt_count(b0, sizeof b0, s->counts[i]);
        if (s->has_cal) {
            il__spec_fmt_double(b1, sizeof b1, il_spectrum_energy_keV(s, (double)i));
            fprintf(fp, "%zu%c%s%c%s\n", i, sep, b1, sep, b0);
        } else {
            fprintf(fp, "%zu%c%s\n", i, sep, b0);
        }
    }
    (void)err;
    return IL_OK;
}
