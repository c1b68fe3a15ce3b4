/* The spectrum object, its accessors, and the entry points that pick a format. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/outfile.h"
#include "core/read_file.h"
#include "io/spectrum_priv.h"

/* ---- object ------------------------------------------------------------------------------ */

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

il_status il__spec_make(size_t n, const char *name, il_spectrum **out, il_error *err)
{
    *out = NULL;
    if (n == 0 || n > IL_SPECTRUM_MAX_CHANNELS)
        return il_error_set_at(err, IL_ERR_RANGE, name, 0, 0,
                               "%zu channels: a spectrum has 1 to %u channels", n,
                               IL_SPECTRUM_MAX_CHANNELS);
    il_spectrum *s = calloc(1, sizeof *s);
    if (s)
        s->counts = calloc(n, sizeof *s->counts);
    if (s && s->counts)
        s->source = dup_str(name ? name : "");
    if (!s || !s->counts || !s->source) {
        il_spectrum_free(s);
        return il_error_set_at(err, IL_ERR_NOMEM, name, 0, 0,
                               "out of memory for %zu channels", n);
    }
    s->n = n;
    s->live_s = s->real_s = NAN;
    s->fluence_omega_n_cm2 = NAN;
    *out = s;
    return IL_OK;
}

il_status il_spectrum_new(size_t n_channels, il_spectrum **out, il_error *err)
{
    if (!out)
        return il_error_set(err, IL_ERR_INVALID, "il_spectrum_new: out is NULL");
    return il__spec_make(n_channels, "", out, err);
}

void il_spectrum_free(il_spectrum *s)
{
    if (!s)
        return;
    free(s->counts);
    free(s->title);
    free(s->source);
    free(s);
}

il_status il_spectrum_copy(const il_spectrum *s, il_spectrum **out, il_error *err)
{
    il_status st = il__spec_make(s->n, s->source, out, err);
    if (st)
        return st;
    il_spectrum *c = *out;
    double *counts = c->counts;
    char *source = c->source;
    *c = *s;
    c->counts = counts;
    c->source = source;
    c->title = NULL;
    memcpy(c->counts, s->counts, s->n * sizeof *s->counts);
    if (s->title && !(c->title = dup_str(s->title))) {
        il_spectrum_free(c);
        *out = NULL;
        return il_error_set(err, IL_ERR_NOMEM, "out of memory copying a spectrum");
    }
    return IL_OK;
}

size_t il_spectrum_n_channels(const il_spectrum *s) { return s->n; }
const double *il_spectrum_counts(const il_spectrum *s) { return s->counts; }
double *il_spectrum_counts_mut(il_spectrum *s) { return s->counts; }

double il_spectrum_count(const il_spectrum *s, size_t ch)
{
    return ch < s->n ? s->counts[ch] : 0.0;
}

double il_spectrum_total(const il_spectrum *s)
{
    /* Kahan summation: 8192 channels of 1e6 counts lose whole counts with a plain sum. */
    double sum = 0.0, c = 0.0;
    for (size_t i = 0; i < s->n; i++) {
        double y = s->counts[i] - c, t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    return sum;
}

int il_spectrum_is_integer(const il_spectrum *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->counts[i] != floor(s->counts[i]))
            return 0;
    return 1;
}

double il_spectrum_live_time_s(const il_spectrum *s) { return s->live_s; }
double il_spectrum_real_time_s(const il_spectrum *s) { return s->real_s; }

il_status il_spectrum_set_times_s(il_spectrum *s, double live_s, double real_s, il_error *err)
{
    if (!isnan(live_s) && (!isfinite(live_s) || live_s < 0))
        return il_error_set(err, IL_ERR_INVALID, "live time %g s: must be finite and >= 0",
                            live_s);
    if (!isnan(real_s) && (!isfinite(real_s) || real_s < 0))
        return il_error_set(err, IL_ERR_INVALID, "real time %g s: must be finite and >= 0",
                            real_s);
    /* A live time above the real time is impossible (the analyser is dead part of the time);
     * allow a rounding margin of 1e-9 relative. */
    if (!isnan(live_s) && !isnan(real_s) && live_s > real_s * (1 + 1e-9))
        return il_error_set(err, IL_ERR_INVALID,
                            "live time %.17g s exceeds real time %.17g s", live_s, real_s);
    s->live_s = live_s;
    s->real_s = real_s;
    return IL_OK;
}

/* ---- start time ------------------------------------------------------------------------- */

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil-days algorithm,
 * written out here so no timegm(), which is not POSIX, is needed). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int il__spec_set_start(il_spectrum *s, int year, int month, int day, int hour, int minute,
                       double second, int has_tz, int tz_min)
{
    if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || !(second >= 0 && second < 61) || (has_tz && (tz_min < -24 * 60 ||
                                                                    tz_min > 24 * 60)))
        return -1;
    s->has_start = 1;
    s->year = year;
    s->month = month;
    s->day = day;
    s->hour = hour;
    s->minute = minute;
    s->second = second;
    s->has_tz = has_tz;
    s->tz_min = has_tz ? tz_min : 0;
    int isec = (int)floor(second);
    double frac = second - isec;
    int n = snprintf(s->iso, sizeof s->iso, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day,
                     hour, minute, isec);
    if (frac > 0) {
        char f[32];
        snprintf(f, sizeof f, "%.6f", frac); /* "0.xxxxxx" */
        size_t k = strlen(f);
        while (k > 2 && f[k - 1] == '0')
            f[--k] = '\0';
        n += snprintf(s->iso + n, sizeof s->iso - (size_t)n, "%s", f + 1);
    }
    if (has_tz) {
        if (tz_min == 0)
            snprintf(s->iso + n, sizeof s->iso - (size_t)n, "Z");
        else
            snprintf(s->iso + n, sizeof s->iso - (size_t)n, "%c%02d:%02d",
                     tz_min < 0 ? '-' : '+', abs(tz_min) / 60, abs(tz_min) % 60);
    }
    return 0;
}

const char *il_spectrum_start_iso(const il_spectrum *s) { return s->has_start ? s->iso : NULL; }

il_status il_spectrum_start_time(const il_spectrum *s, time_t *t, il_error *err)
{
    if (!s->has_start)
        return il_error_set(err, IL_ERR_NOT_FOUND, "%s: the spectrum has no start time",
                            s->source[0] ? s->source : "spectrum");
    long long secs = days_from_civil(s->year, s->month, s->day) * 86400LL + s->hour * 3600LL +
                     s->minute * 60LL + (long long)floor(s->second) - s->tz_min * 60LL;
    *t = (time_t)secs;
    return IL_OK;
}

static int read_int(const char **p, int digits, int *v)
{
    int x = 0;
    for (int i = 0; i < digits; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        x = x * 10 + ((*p)[i] - '0');
    }
    *p += digits;
    *v = x;
    return 0;
}

il_status il_spectrum_set_start_iso(il_spectrum *s, const char *iso, il_error *err)
{
    if (!iso) {
        s->has_start = 0;
        s->iso[0] = '\0';
        return IL_OK;
    }
    const char *p = iso;
    while (*p == ' ')
        p++;
    int y, mo, d, h, mi, sec = 0, has_tz = 0, tz = 0;
    double frac = 0;
    if (read_int(&p, 4, &y) || *p++ != '-' || read_int(&p, 2, &mo) || *p++ != '-' ||
        read_int(&p, 2, &d) || (*p != 'T' && *p != 't' && *p != ' ') || (p++, 0) ||
        read_int(&p, 2, &h) || *p++ != ':' || read_int(&p, 2, &mi))
        goto bad;
    if (*p == ':') {
        p++;
        if (read_int(&p, 2, &sec))
            goto bad;
        if (*p == '.') {
            const char *q = p + 1;
            double scale = 0.1;
            if (!isdigit((unsigned char)*q))
                goto bad;
            for (; isdigit((unsigned char)*q); q++, scale /= 10)
                frac += (*q - '0') * scale;
            p = q;
        }
    }
    if (*p == 'Z' || *p == 'z') {
        has_tz = 1;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, th, tm = 0;
        p++;
        if (read_int(&p, 2, &th))
            goto bad;
        if (*p == ':')
            p++;
        if (isdigit((unsigned char)*p) && read_int(&p, 2, &tm))
            goto bad;
        has_tz = 1;
        tz = sign * (th * 60 + tm);
    }
    while (*p == ' ')
        p++;
    if (*p != '\0')
        goto bad;
    if (il__spec_set_start(s, y, mo, d, h, mi, sec + frac, has_tz, tz) == 0)
        return IL_OK;
bad:;
    char q[64];
    return il_error_set(err, IL_ERR_PARSE,
                        "start time '%s' is not ISO 8601 (expected YYYY-MM-DDThh:mm:ss)",
                        il__spec_quote(iso, strlen(iso), q, sizeof q));
}

/* ---- calibration, title ------------------------------------------------------------------ */

int il_spectrum_calibration(const il_spectrum *s, double c[3])
{
    if (!s->has_cal)
        return 0;
    if (c)
        memcpy(c, s->cal, sizeof s->cal);
    return 1;
}

il_status il_spectrum_set_calibration(il_spectrum *s, double c0, double c1, double c2,
                                      il_error *err)
{
    if (!isfinite(c0) || !isfinite(c1) || !isfinite(c2))
        return il_error_set(err, IL_ERR_INVALID,
                            "energy calibration %g %g %g: coefficients must be finite", c0, c1,
                            c2);
    if (c1 == 0 && c2 == 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "energy calibration %g %g %g: gain and quadratic term both zero",
                            c0, c1, c2);
    /* Energy must rise with the channel over the whole spectrum: a falling or flat scale fits
     * no detector, and NDP reads it as the instrument's gain would otherwise be silently
     * used. The slope c1 + 2 c2 ch is linear in ch, so both ends decide. */
    double last = s->n > 1 ? (double)(s->n - 1) : 0;
    if (!(c1 > 0) || !(c1 + 2 * c2 * last > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "energy calibration %g %g %g keV: energy must rise with the channel "
                            "(gain > 0 over channels 0..%zu)",
                            c0, c1, c2, s->n > 0 ? s->n - 1 : 0);
    s->has_cal = 1;
    s->cal[0] = c0;
    s->cal[1] = c1;
    s->cal[2] = c2;
    return IL_OK;
}

void il_spectrum_clear_calibration(il_spectrum *s) { s->has_cal = 0; }

double il_spectrum_energy_keV(const il_spectrum *s, double ch)
{
    if (!s->has_cal)
        return NAN;
    return s->cal[0] + ch * (s->cal[1] + ch * s->cal[2]);
}

const char *il_spectrum_title(const il_spectrum *s) { return s->title ? s->title : ""; }
const char *il_spectrum_source(const il_spectrum *s) { return s->source; }
il_spectrum_format il_spectrum_read_format(const il_spectrum *s) { return s->format; }

il_status il__spec_title_n(il_spectrum *s, const char *text, size_t len, il_error *err)
{
    while (len > 0 && isspace((unsigned char)*text))
        text++, len--;
    while (len > 0 && isspace((unsigned char)text[len - 1]))
        len--;
    char *t = malloc(len + 1);
    if (!t)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory for a title");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        t[i] = (char)(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    t[len] = '\0';
    free(s->title);
    s->title = t;
    return IL_OK;
}

il_status il_spectrum_set_title(il_spectrum *s, const char *title, il_error *err)
{
    if (!title) {
        free(s->title);
        s->title = NULL;
        return IL_OK;
    }
    return il__spec_title_n(s, title, strlen(title), err);
}

/* ---- shared parsing helpers --------------------------------------------------------------- */

void il__spec_locate(il_error *err, const char *name, int line)
{
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", name ? name : "");
    if (line > 0)
        err->line = line;
}

int il__spec_number(const char *tok, size_t len, double *v)
{
    /* Checked by hand first: strtod also takes "nan", "inf", "0x1p3" and leading blanks,
     * none of which is a count or a time in these formats. */
    char buf[80];
    if (len == 0 || len >= sizeof buf)
        return -1;
    size_t i = 0, digits = 0;
    if (tok[i] == '+' || tok[i] == '-')
        i++;
    for (; i < len && isdigit((unsigned char)tok[i]); i++)
        digits++;
    if (i < len && tok[i] == '.')
        for (i++; i < len && isdigit((unsigned char)tok[i]); i++)
            digits++;
    if (digits == 0)
        return -1;
    if (i < len && (tok[i] == 'e' || tok[i] == 'E')) {
        i++;
        if (i < len && (tok[i] == '+' || tok[i] == '-'))
            i++;
        size_t ed = 0;
        for (; i < len && isdigit((unsigned char)tok[i]); i++)
            ed++;
        if (ed == 0)
            return -1;
    }
    if (i != len)
        return -1;
    memcpy(buf, tok, len);
    buf[len] = '\0';
    errno = 0;
    double x = strtod(buf, NULL);
    if (!isfinite(x))
        return -1; /* 1e999 overflows to inf */
    *v = x + 0.0; /* -0 becomes +0: a count of "-0" is zero, and writers treat it so */
    return 0;
}

const char *il__spec_count_problem(double v)
{
    if (!isfinite(v))
        return "not a finite number";
    if (v < 0)
        return "negative";
    if (v > IL_SPECTRUM_MAX_COUNT)
        return "above 2^53, beyond any real count";
    return NULL;
}

const char *il__spec_quote(const char *tok, size_t len, char *buf, size_t size)
{
    size_t cap = size > 4 ? size - 4 : 0, k = 0;
    for (size_t i = 0; i < len && k < cap; i++) {
        unsigned char c = (unsigned char)tok[i];
        buf[k++] = (char)(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (len > cap && size >= 4) {
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    if (size > 0)
        buf[k < size ? k : size - 1] = '\0';
    return buf;
}

void il__spec_lines_init(il__spec_lines *c, const void *data, size_t size)
{
    c->p = data;
    c->end = c->p + size;
    c->line = 0;
}

int il__spec_next_line(il__spec_lines *c, const char **start, size_t *len)
{
    if (c->p >= c->end)
        return 0;
    const char *q = c->p;
    while (q < c->end && *q != '\n' && *q != '\r')
        q++;
    *start = c->p;
    *len = (size_t)(q - c->p);
    if (q < c->end && *q == '\r') {
        q++;
        if (q < c->end && *q == '\n')
            q++;
    } else if (q < c->end) {
        q++;
    }
    c->p = q;
    c->line++;
    return 1;
}

void il__spec_fmt_count(char *buf, size_t size, double v)
{
    /* Whole counts as plain integers (what MCA software writes and reads); counts are capped at
     * 2^53, so "%.0f" is exact and short. */
    if (v == floor(v) && fabs(v) <= IL_SPECTRUM_MAX_COUNT)
        snprintf(buf, size, "%.0f", v);
    else
        il__spec_fmt_double(buf, size, v);
}

void il__spec_fmt_fixed(char *buf, size_t size, double v)
{
    /* No exponent: xs:duration and xs:decimal do not allow one. */
    for (int prec = 0; prec <= 30; prec++) {
        snprintf(buf, size, "%.*f", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

void il__spec_fmt_double(char *buf, size_t size, double v)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* ---- format selection ------------------------------------------------------------------- */

const char *il_spectrum_format_name(il_spectrum_format f)
{
    switch (f) {
    case IL_SPECTRUM_SPE: return "Spe";
    case IL_SPECTRUM_CHN: return "Chn";
    case IL_SPECTRUM_N42: return "N42";
    case IL_SPECTRUM_CSV: return "CSV";
    case IL_SPECTRUM_AUTO: break;
    }
    return "auto";
}

il_spectrum_format il_spectrum_format_from_path(const char *path)
{
    if (!path)
        return IL_SPECTRUM_AUTO;
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (!dot)
        return IL_SPECTRUM_AUTO;
    char ext[8];
    size_t n = strlen(dot + 1);
    if (n == 0 || n >= sizeof ext)
        return IL_SPECTRUM_AUTO;
    for (size_t i = 0; i <= n; i++)
        ext[i] = (char)tolower((unsigned char)dot[1 + i]);
    if (!strcmp(ext, "spe"))
        return IL_SPECTRUM_SPE;
    if (!strcmp(ext, "chn"))
        return IL_SPECTRUM_CHN;
    if (!strcmp(ext, "n42") || !strcmp(ext, "xml"))
        return IL_SPECTRUM_N42;
    if (!strcmp(ext, "csv") || !strcmp(ext, "tsv") || !strcmp(ext, "txt") ||
        !strcmp(ext, "dat"))
        return IL_SPECTRUM_CSV;
    return IL_SPECTRUM_AUTO;
}

/* What the first bytes say, or AUTO when they could be anything (CSV, garbage). */
static il_spectrum_format sniff(const unsigned char *d, size_t n)
{
    if (n >= 2 && d[0] == 0xff && d[1] == 0xff)
        return IL_SPECTRUM_CHN; /* the .Chn header starts with the int16 -1 */
    size_t i = 0;
    if (n >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
        i = 3; /* UTF-8 byte-order mark */
    while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
        i++;
    if (i < n && d[i] == '$')
        return IL_SPECTRUM_SPE;
    if (i < n && d[i] == '<')
        return IL_SPECTRUM_N42;
    return IL_SPECTRUM_AUTO;
}

il_status il_spectrum_parse(const void *data, size_t size, const char *name,
                            il_spectrum_format format, il_spectrum **out, il_error *err)
{
    if (!out)
        return il_error_set(err, IL_ERR_INVALID, "il_spectrum_parse: out is NULL");
    *out = NULL;
    if (!name)
        name = "<memory>";
    if (!data && size > 0)
        return il_error_set_at(err, IL_ERR_INVALID, name, 0, 0, "no data");
    const unsigned char *d = data ? data : (const unsigned char *)"";
    if (size == 0)
        return il_error_set_at(err, IL_ERR_PARSE, name, 0, 0, "empty file: no spectrum");
    if (format == IL_SPECTRUM_AUTO) {
        /* Content first: a renamed file still reads; the extension decides only when the
         * bytes do not (so a broken .Spe gets .Spe messages, not CSV ones). */
        format = sniff(d, size);
        if (format == IL_SPECTRUM_AUTO)
            format = il_spectrum_format_from_path(name);
        if (format == IL_SPECTRUM_AUTO)
            format = IL_SPECTRUM_CSV;
    }
    il_status st = IL_ERR_INVALID;
    switch (format) {
    case IL_SPECTRUM_SPE: st = il__spec_read_spe(d, size, name, out, err); break;
    case IL_SPECTRUM_CHN: st = il__spec_read_chn(d, size, name, out, err); break;
    case IL_SPECTRUM_N42: st = il__spec_read_n42(d, size, name, out, err); break;
    case IL_SPECTRUM_CSV: st = il__spec_read_csv(d, size, name, out, err); break;
    case IL_SPECTRUM_AUTO: break;
    }
    if (format != IL_SPECTRUM_AUTO) {
        if (st == IL_OK)
            (*out)->format = format;
        return st;
    }
    return il_error_set_at(err, IL_ERR_INVALID, name, 0, 0, "unknown spectrum format %d",
                           (int)format);
}

il_status il_spectrum_load(const char *path, il_spectrum_format format, il_spectrum **out,
                           il_error *err)
{
    if (!out || !path)
        return il_error_set(err, IL_ERR_INVALID, "il_spectrum_load: path or out is NULL");
    *out = NULL;
    char *buf;
    size_t n;
    il_status st = il_read_file(path, IL_SPECTRUM_MAX_FILE_BYTES, "spectrum", &buf, &n, err);
    if (st == IL_OK)
        st = il_spectrum_parse(buf, n, path, format, out, err);
    free(buf);
    return st;
}

/* ---- writing ------------------------------------------------------------------------------ */

il_status il_spectrum_write(const il_spectrum *s, FILE *fp, il_spectrum_format format,
                            il_error *err)
{
    switch (format) {
    case IL_SPECTRUM_CSV: return il__spec_write_csv(s, fp, ',', err);
    case IL_SPECTRUM_SPE: return il__spec_write_spe(s, fp, err);
    case IL_SPECTRUM_N42: return il__spec_write_n42(s, fp, err);
    case IL_SPECTRUM_CHN: return il__spec_write_chn(s, fp, err);
    case IL_SPECTRUM_AUTO: break;
    }
    return il_error_set(err, IL_ERR_INVALID, "il_spectrum_write: name a format (not auto)");
}

il_status il_spectrum_save(const il_spectrum *s, const char *path, il_spectrum_format format,
                           il_error *err)
{
    if (!s || !path)
        return il_error_set(err, IL_ERR_INVALID, "il_spectrum_save: spectrum or path is NULL");
    if (format == IL_SPECTRUM_AUTO)
        format = il_spectrum_format_from_path(path);
    if (format == IL_SPECTRUM_AUTO)
        return il_error_set_at(err, IL_ERR_INVALID, path, 0, 0,
                               "cannot tell the spectrum format from the extension; use "
                               ".csv, .tsv, .Spe, .Chn or .n42");
    il_outfile *f;
    il_status st = il_outfile_open(path, &f, err);
    if (st)
        return st;
    /* A .tsv asks for tabs; everything else CSV gets commas. */
    const char *dot = strrchr(path, '.');
    if (format == IL_SPECTRUM_CSV && dot && (!strcmp(dot, ".tsv") || !strcmp(dot, ".TSV")))
        st = il__spec_write_csv(s, il_outfile_stream(f), '\t', err);
    else
        st = il_spectrum_write(s, il_outfile_stream(f), format, err);
    if (st) {
        il_outfile_abort(f);
        if (err && !err->file[0])
            snprintf(err->file, sizeof err->file, "%s", path);
        return st;
    }
    return il_outfile_commit(f, err);
}

double il_spectrum_fluence_solid_angle_n_cm2(const il_spectrum *s)
{
    return s->fluence_omega_n_cm2;
}
