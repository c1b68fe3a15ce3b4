/* Ortec/Maestro ASCII .Spe: "$NAME:" section lines, each followed by its values.
 *   $SPEC_ID:  one line of description        $DATE_MEA: mm/dd/yyyy hh:mm:ss
 *   $MEAS_TIM: live real (s)                  $DATA:     first last, then one count per line
 *   $ENER_FIT: offset gain (keV)              $MCA_CAL:  n, then c0 c1 c2 [unit]
 * Other sections ($SPEC_REM, $ROI, $PRESETS, $SHAPE_CAL, ...) are skipped. Writers differ in
 * which sections they emit, so only $DATA is required. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/spectrum_priv.h"

enum section { S_NONE, S_OTHER, S_SPEC_ID, S_DATE, S_MEAS_TIM, S_DATA, S_ENER_FIT, S_MCA_CAL };

typedef struct {
    const char *name;
    il_spectrum *s;
    enum section sec;
    int body_line; /* lines seen in the current section's body */
    /* $DATA */
    int have_data, data_line;
    long first, last, next;
    /* times and calibrations, applied at the end */
    double live, real;
    int have_fit, have_mca, mca_terms;
    double fit[2], mca[3];
    int title_done;
} spe_state;

/* Splits the next blank-separated token off [*p, end). 0 when none is left. */
static int next_token(const char **p, const char *end, const char **tok, size_t *len)
{
    const char *q = *p;
    while (q < end && (*q == ' ' || *q == '\t'))
        q++;
    if (q >= end)
        return 0;
    const char *t = q;
    while (q < end && *q != ' ' && *q != '\t')
        q++;
    *tok = t;
    *len = (size_t)(q - t);
    *p = q;
    return 1;
}

/* Reads `want` numbers from a line; fails with a message naming the first bad token. */
static il_status line_numbers(spe_state *st, int line, const char *ln, size_t n, int want,
                              double *v, int allow_extra, const char *what, il_error *err)
{
    const char *p = ln, *end = ln + n, *tok;
    size_t len;
    char q[48];
    for (int i = 0; i < want; i++) {
        if (!next_token(&p, end, &tok, &len))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                                   "%s: expected %d numbers, found %d", what, want, i);
        if (il__spec_number(tok, len, &v[i]))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, (int)(tok - ln) + 1,
                                   "%s: '%s' is not a number", what,
                                   il__spec_quote(tok, len, q, sizeof q));
    }
    if (!allow_extra && next_token(&p, end, &tok, &len))
        return il_error_set_at(err, IL_ERR_PARSE, st->name, line, (int)(tok - ln) + 1,
                               "%s: unexpected '%s' after %d numbers", what,
                               il__spec_quote(tok, len, q, sizeof q), want);
    return IL_OK;
}

static enum section section_of(const char *ln, size_t n)
{
    /* "$NAME:" possibly followed by blanks; compare the name only. */
    size_t k = 1;
    while (k < n && ln[k] != ':' && ln[k] != ' ' && ln[k] != '\t')
        k++;
    const char *nm = ln + 1;
    size_t len = k - 1;
#define IS(lit) (len == sizeof lit - 1 && memcmp(nm, lit, len) == 0)
    if (IS("SPEC_ID"))
        return S_SPEC_ID;
    if (IS("DATE_MEA"))
        return S_DATE;
    if (IS("MEAS_TIM"))
        return S_MEAS_TIM;
    if (IS("DATA"))
        return S_DATA;
    if (IS("ENER_FIT"))
        return S_ENER_FIT;
    if (IS("MCA_CAL"))
        return S_MCA_CAL;
#undef IS
    return S_OTHER;
}

static il_status end_data(spe_state *st, int line, il_error *err)
{
    if (!st->s)
        return il_error_set_at(err, IL_ERR_PARSE, st->name, st->data_line, 0,
                               "$DATA section has no 'first last' channel range");
    if (st->next != st->last + 1)
        return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                               "$DATA (line %d) announces channels %ld..%ld, %ld counts, but "
                               "only %ld follow",
                               st->data_line, st->first, st->last, st->last - st->first + 1,
                               st->next - st->first);
    return IL_OK;
}

static il_status data_line(spe_state *st, int line, const char *ln, size_t n, il_error *err)
{
    const char *p = ln, *end = ln + n, *tok;
    size_t len;
    char q[48];
    if (st->body_line == 1) {
        double v[2];
        il_status r = line_numbers(st, line, ln, n, 2, v, 0, "$DATA range (first last)", err);
        if (r)
            return r;
        if (v[0] != floor(v[0]) || v[1] != floor(v[1]) || v[0] < 0 || v[1] < v[0] ||
            v[1] >= IL_SPECTRUM_MAX_CHANNELS)
            return il_error_set_at(err, IL_ERR_RANGE, st->name, line, 0,
                                   "$DATA range %.17g %.17g: expected whole channel numbers "
                                   "0 <= first <= last < %u",
                                   v[0], v[1], IL_SPECTRUM_MAX_CHANNELS);
        st->first = (long)v[0];
        st->last = (long)v[1];
        st->next = st->first;
        return il__spec_make((size_t)st->last + 1, st->name, &st->s, err);
    }
    while (next_token(&p, end, &tok, &len)) {
        double v;
        int col = (int)(tok - ln) + 1;
        if (il__spec_number(tok, len, &v))
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, col,
                                   "count '%s' is not a number",
                                   il__spec_quote(tok, len, q, sizeof q));
        const char *why = il__spec_count_problem(v);
        if (why)
            return il_error_set_at(err, IL_ERR_RANGE, st->name, line, col,
                                   "count '%s' in channel %ld is %s",
                                   il__spec_quote(tok, len, q, sizeof q), st->next, why);
        if (st->next > st->last)
            return il_error_set_at(err, IL_ERR_PARSE, st->name, line, col,
                                   "more counts than $DATA (line %d) announces for channels "
                                   "%ld..%ld",
                                   st->data_line, st->first, st->last);
        st->s->counts[st->next++] = v;
    }
    return IL_OK;
}

static il_status date_line(spe_state *st, int line, const char *ln, size_t n, il_error *err)
{
    char buf[64], q[48];
    while (n > 0 && isspace((unsigned char)ln[n - 1]))
        n--;
    while (n > 0 && isspace((unsigned char)*ln))
        ln++, n--;
    if (n == 0)
        return IL_OK; /* an empty date is "not recorded" */
    if (n >= sizeof buf)
        goto bad;
    memcpy(buf, ln, n);
    buf[n] = '\0';
    int mo, d, y, h, mi, sec, used = 0;
    /* Maestro writes mm/dd/yyyy hh:mm:ss; a few converters write ISO dates. */
    if (sscanf(buf, "%2d/%2d/%4d %2d:%2d:%2d%n", &mo, &d, &y, &h, &mi, &sec, &used) == 6 ||
        sscanf(buf, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) == 6) {
        if ((size_t)used == n && il__spec_set_start(st->s, y, mo, d, h, mi, sec,
                                                    0, 0) == 0)
            return IL_OK;
    }
bad:
    return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 0,
                           "$DATE_MEA '%s': expected mm/dd/yyyy hh:mm:ss",
                           il__spec_quote(ln, n, q, sizeof q));
}

static il_status body_line(spe_state *st, int line, const char *ln, size_t n, il_error *err)
{
    st->body_line++;
    switch (st->sec) {
    case S_NONE: {
        for (size_t i = 0; i < n; i++)
            if (!isspace((unsigned char)ln[i]))
                return il_error_set_at(err, IL_ERR_PARSE, st->name, line, 1,
                                       "expected a $SECTION: line (is this a .Spe file?)");
        return IL_OK;
    }
    case S_OTHER: return IL_OK;
    case S_SPEC_ID:
        if (st->title_done)
            return IL_OK;
        st->title_done = 1;
        if (!st->s)
            return IL_OK; /* $SPEC_ID before $DATA: remembered below */
        return il__spec_title_n(st->s, ln, n, err);
    case S_DATE:
        if (st->body_line > 1)
            return IL_OK;
        return date_line(st, line, ln, n, err);
    case S_MEAS_TIM: {
        if (st->body_line > 1)
            return IL_OK;
        double v[2];
        il_status r = line_numbers(st, line, ln, n, 2, v, 0, "$MEAS_TIM (live real)", err);
        if (r)
            return r;
        if (v[0] < 0 || v[1] < 0 || v[0] > v[1] * (1 + 1e-9))
            return il_error_set_at(err, IL_ERR_RANGE, st->name, line, 0,
                                   "$MEAS_TIM live %.17g s, real %.17g s: times must be >= 0 "
                                   "and live <= real",
                                   v[0], v[1]);
        st->live = v[0];
        st->real = v[1];
        return IL_OK;
    }
    case S_DATA: return data_line(st, line, ln, n, err);
    case S_ENER_FIT: {
        if (st->body_line > 1)
            return IL_OK;
        il_status r = line_numbers(st, line, ln, n, 2, st->fit, 1, "$ENER_FIT (offset gain)",
                                   err);
        st->have_fit = r == IL_OK;
        return r;
    }
    case S_MCA_CAL: {
        if (st->body_line == 1) {
            double k;
            il_status r = line_numbers(st, line, ln, n, 1, &k, 0, "$MCA_CAL term count", err);
            if (r)
                return r;
            if (k != 1 && k != 2 && k != 3)
                return il_error_set_at(err, IL_ERR_RANGE, st->name, line, 0,
                                       "$MCA_CAL: %g terms; expected 1 to 3 (quadratic)", k);
            st->mca_terms = (int)k;
            return IL_OK;
        }
        if (st->body_line > 2)
            return IL_OK;
        st->mca[0] = st->mca[1] = st->mca[2] = 0;
        il_status r = line_numbers(st, line, ln, n, st->mca_terms, st->mca, 1,
                                   "$MCA_CAL coefficients", err);
        if (r)
            return r;
        /* An optional unit follows the coefficients. */
        const char *p = ln, *end = ln + n, *tok;
        size_t len;
        for (int i = 0; i < st->mca_terms; i++)
            next_token(&p, end, &tok, &len);
        double scale = 1;
        if (next_token(&p, end, &tok, &len)) {
            if (len == 3 && !memcmp(tok, "keV", 3))
                scale = 1;
            else if (len == 3 && !memcmp(tok, "MeV", 3))
                scale = 1000;
            else if (len == 2 && !memcmp(tok, "eV", 2))
                scale = 1e-3;
            else {
                char q[48];
                return il_error_set_at(err, IL_ERR_PARSE, st->name, line, (int)(tok - ln) + 1,
                                       "$MCA_CAL: unknown energy unit '%s' (keV, MeV or eV)",
                                       il__spec_quote(tok, len, q, sizeof q));
            }
        }
        for (int i = 0; i < 3; i++)
            st->mca[i] *= scale;
        st->have_mca = 1;
        return IL_OK;
    }
    }
    return IL_OK;
}

il_status il__spec_read_spe(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err)
{
    spe_state st = {.name = name, .sec = S_NONE, .live = NAN, .real = NAN};
    il__spec_lines c;
    il__spec_lines_init(&c, data, size);
    const char *ln, *title = NULL;
    size_t n, title_len = 0;
    int date_line_no = 0;
    const char *date_ln = NULL;
    size_t date_len = 0;
    il_status r = IL_OK;
    while (il__spec_next_line(&c, &ln, &n)) {
        if (n > 0 && ln[0] == '$') {
            if (st.sec == S_DATA && (r = end_data(&st, c.line, err)))
                break;
            st.sec = section_of(ln, n);
            st.body_line = 0;
            if (st.sec == S_DATA && st.have_data) {
                r = il_error_set_at(err, IL_ERR_PARSE, name, c.line, 1,
                                    "a second $DATA section (first at line %d)", st.data_line);
                break;
            }
            if (st.sec == S_DATA) {
                st.have_data = 1;
                st.data_line = c.line;
            }
            continue;
        }
        /* $SPEC_ID and $DATE_MEA usually come before $DATA, when there is no spectrum to hold
         * them yet: keep a pointer into the buffer and apply them after. */
        if (st.sec == S_SPEC_ID && !st.s && !title) {
            title = ln;
            title_len = n;
            st.body_line++;
            continue;
        }
        if (st.sec == S_DATE && !st.s) {
            if (st.body_line == 0) {
                date_ln = ln;
                date_len = n;
                date_line_no = c.line;
            }
            st.body_line++;
            continue;
        }
        if ((r = body_line(&st, c.line, ln, n, err)))
            break;
    }
    if (r == IL_OK && st.sec == S_DATA)
        r = end_data(&st, c.line, err);
    if (r == IL_OK && !st.have_data)
        r = il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                            "no $DATA section: not an Ortec .Spe spectrum");
    if (r == IL_OK && !st.s) /* "$DATA:" with no range line under it */
        r = il_error_set_at(err, IL_ERR_PARSE, name, st.data_line ? st.data_line : c.line, 0,
                            "$DATA section has no 'first last' channel range");
    if (r == IL_OK && title)
        r = il__spec_title_n(st.s, title, title_len, err);
    if (r == IL_OK && date_ln)
        r = date_line(&st, date_line_no, date_ln, date_len, err);
    if (r == IL_OK && (!isnan(st.live) || !isnan(st.real)))
        r = il_spectrum_set_times_s(st.s, st.live, st.real, err);
    /* $MCA_CAL (quadratic) wins over $ENER_FIT (linear); all-zero means "not calibrated". */
    if (r == IL_OK) {
        if (st.have_mca && (st.mca[1] != 0 || st.mca[2] != 0))
            r = il_spectrum_set_calibration(st.s, st.mca[0], st.mca[1], st.mca[2], err);
        else if (st.have_fit && st.fit[1] != 0)
            r = il_spectrum_set_calibration(st.s, st.fit[0], st.fit[1], 0, err);
        if (r)
            il_error_prefix(err, "%s: ", name);
    }
    if (r) {
        il_spectrum_free(st.s);
        return r;
    }
    *out = st.s;
    return IL_OK;
}

/* ---- writer ------------------------------------------------------------------------------ */

il_status il__spec_write_spe(const il_spectrum *s, FILE *fp, il_error *err)
{
    char b0[40], b1[40], b2[40];
    const char *title = il_spectrum_title(s);
    /* $MEAS_TIM holds both times; writing the known one in place of the unknown would invent
     * a dead time of 0, so a spectrum with only one of them is refused (before any byte). */
    if (isnan(s->live_s) != isnan(s->real_s))
        return il_error_set(err, IL_ERR_INVALID,
                            ".Spe needs both live and real time on its $MEAS_TIM line; the "
                            "spectrum has only the %s time (give the other, e.g. spectrum "
                            "convert --%s-time S)",
                            isnan(s->live_s) ? "real" : "live", isnan(s->live_s) ? "live" : "real");
    /* A title starting with '$' would read back as a section: a leading blank prevents it
     * (readers trim it). */
    fprintf(fp, "$SPEC_ID:\r\n%s%s\r\n", title[0] == '$' ? " " : "",
            title[0] ? title : "No sample description was entered.");
    fprintf(fp, "$SPEC_REM:\r\nAP# interlayer\r\n");
    if (s->has_start) /* .Spe has no time zone: the wall-clock time as the file gave it */
        fprintf(fp, "$DATE_MEA:\r\n%02d/%02d/%04d %02d:%02d:%02d\r\n", s->month, s->day,
                s->year, s->hour, s->minute, (int)floor(s->second));
    if (!isnan(s->live_s) || !isnan(s->real_s)) {
        il__spec_fmt_double(b0, sizeof b0, s->live_s);
        il__spec_fmt_double(b1, sizeof b1, s->real_s);
        fprintf(fp, "$MEAS_TIM:\r\n%s %s\r\n", b0, b1);
    }
    fprintf(fp, "$DATA:\r\n0 %zu\r\n", s->n - 1);
    for (size_t i = 0; i < s->n; i++) {
        il__spec_fmt_count(b0, sizeof b0, s->counts[i]);
        fprintf(fp, "%8s\r\n", b0);
    }
    if (s->has_cal) {
        il__spec_fmt_double(b0, sizeof b0, s->cal[0]);
        il__spec_fmt_double(b1, sizeof b1, s->cal[1]);
        il__spec_fmt_double(b2, sizeof b2, s->cal[2]);
        fprintf(fp, "$ENER_FIT:\r\n%s %s\r\n", b0, b1);
        fprintf(fp, "$MCA_CAL:\r\n3\r\n%s %s %s keV\r\n", b0, b1, b2);
    }
    (void)err;
    return IL_OK;
}
