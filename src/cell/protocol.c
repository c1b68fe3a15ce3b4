/* Cycling protocols as text (cell.h): a small recursive-descent reader over words that keep
 * their line and column, so an error points at the word at fault. Groups "N x (...)" are
 * expanded into the flat list of steps the run walks through. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cell/cell_internal.h"
#include "core/decimal.h"

struct il_cell_protocol {
    size_t n, cap;
    il_cell_step *steps;
};

#define MAX_WORDS 4096
#define MAX_DEPTH 8
#define MAX_STEPS 1000000

typedef struct {
    char w[64];
    int line, col;
} word;

typedef struct {
    word *w;
    size_t n, i;
    const char *name;
    il_error *err;
} reader;

static il_status fail(reader *r, const word *w, const char *fmt, const char *a)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, a ? a : "");
    if (!w)
        return il_error_set_at(r->err, IL_ERR_PARSE, r->name, 1, 1, "%s", msg);
    return il_error_set_at(r->err, IL_ERR_PARSE, r->name, w->line, w->col, "%s", msg);
}

static il_status split(const char *text, reader *r)
{
    int line = 1, col = 1;
    const char *p = text;
    while (*p) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '\n') {
            line++, col = 1, p++;
            word *w = &r->w[r->n];
            if (r->n >= MAX_WORDS)
                return fail(r, NULL, "protocol too long (more than %s words)", "4096");
            snprintf(w->w, sizeof w->w, ";");
            w->line = line - 1, w->col = 0;
            r->n++;
            continue;
        }
        if (isspace(ch) || ch == ',') {
            p++, col++;
            continue;
        }
        if (r->n >= MAX_WORDS)
            return fail(r, NULL, "protocol too long (more than %s words)", "4096");
        word *w = &r->w[r->n++];
        w->line = line, w->col = col;
        size_t len = 0;
        if (ch == ';' || ch == '(' || ch == ')') {
            w->w[len++] = *p++, col++;
        } else {
            while (*p && !isspace((unsigned char)*p) && *p != ';' && *p != '(' && *p != ')' &&
                   *p != ',') {
                if (len + 1 >= sizeof w->w)
                    return fail(r, w, "word too long at '%.20s...'", w->w);
                w->w[len++] = *p++, col++;
            }
        }
        w->w[len] = '\0';
    }
    return IL_OK;
}

static word *peek(reader *r) { return r->i < r->n ? &r->w[r->i] : NULL; }
static int is(const word *w, const char *s) { return w && strcasecmp(w->w, s) == 0; }

typedef enum { Q_VOLT, Q_CURRENT_DENSITY, Q_CURRENT, Q_TIME, Q_CRATE, Q_NONE } qkind;

/* Multiplies to V, A/cm2, A, s. */
static qkind unit_of(const char *u, double *f)
{
    static const struct { const char *u; qkind k; double f; } units[] = {
        {"V", Q_VOLT, 1}, {"mV", Q_VOLT, 1e-3},
        {"A/cm2", Q_CURRENT_DENSITY, 1}, {"mA/cm2", Q_CURRENT_DENSITY, 1e-3},
        {"uA/cm2", Q_CURRENT_DENSITY, 1e-6}, {"\xc2\xb5" "A/cm2", Q_CURRENT_DENSITY, 1e-6},
        {"nA/cm2", Q_CURRENT_DENSITY, 1e-9}, {"A/cm^2", Q_CURRENT_DENSITY, 1},
        {"mA/cm^2", Q_CURRENT_DENSITY, 1e-3}, {"uA/cm^2", Q_CURRENT_DENSITY, 1e-6},
        {"A", Q_CURRENT, 1}, {"mA", Q_CURRENT, 1e-3}, {"uA", Q_CURRENT, 1e-6},
        {"\xc2\xb5" "A", Q_CURRENT, 1e-6}, {"nA", Q_CURRENT, 1e-9},
        {"s", Q_TIME, 1}, {"sec", Q_TIME, 1}, {"second", Q_TIME, 1}, {"seconds", Q_TIME, 1},
        {"min", Q_TIME, 60}, {"mins", Q_TIME, 60}, {"minute", Q_TIME, 60}, {"minutes", Q_TIME, 60},
        {"h", Q_TIME, 3600}, {"hr", Q_TIME, 3600}, {"hrs", Q_TIME, 3600}, {"hour", Q_TIME, 3600},
        {"hours", Q_TIME, 3600}, {"day", Q_TIME, 86400}, {"days", Q_TIME, 86400},
    };
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (strcmp(u, units[k].u) == 0) {
            *f = units[k].f;
            return units[k].k;
        }
    return Q_NONE;
}

/* A quantity: "4.2 V", "4.2V", "10 uA/cm2", "C/5", "2C", "1 hour". */
static il_status quantity(reader *r, const char *what, qkind *k, double *v)
{
    word *w = peek(r);
    if (!w || is(w, ";") || is(w, ")"))
        return fail(r, w ? w : &r->w[r->n - 1], "expected %s at the end", what);
    const char *s = w->w;
    if (s[0] == 'C' && (s[1] == '\0' || s[1] == '/')) { /* C, C/5 */
        double d = 1;
        if (s[1] == '/') {
            char *end;
            d = il_decimal_strtod(s + 2, &end);
            if (end == s + 2 || *end || !(d > 0))
                return fail(r, w, "'%s' is not a C-rate (C/5, 2C)", s);
        }
        r->i++;
        *k = Q_CRATE, *v = 1 / d;
        return IL_OK;
    }
    char *end;
    double x = il_decimal_strtod(s, &end);
    if (end == s || !isfinite(x))
        return fail(r, w, "'%s' is not a number", s);
    const word *uw = w;
    const char *u = end;
    r->i++;
    if (!*u) {
        word *n = peek(r);
        if (!n || is(n, ";") || is(n, ")"))
            return fail(r, w, "'%s' needs a unit (V, uA/cm2, C, min, hour, ...)", s);
        uw = n, u = n->w;
        r->i++;
    }
    if (strcmp(u, "C") == 0) {
        *k = Q_CRATE, *v = x;
        return IL_OK;
    }
    double f;
    *k = unit_of(u, &f);
    if (*k == Q_NONE)
        return fail(r, uw, "unknown unit '%s' (V, mV, A/cm2, mA/cm2, uA/cm2, A, mA, uA, C, s, "
                           "min, hour, day)", u);
    *v = x * f;
    return IL_OK;
}

/* `s` may point into p->steps (a repeated group copies its own steps): it is copied before the
 * array can move. */
static il_status add(il_cell_protocol *p, const il_cell_step *s, il_error *err)
{
    if (p->n >= MAX_STEPS)
        return il_error_set(err, IL_ERR_RANGE, "protocol expands to more than 1000000 steps");
    const il_cell_step step = *s;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        il_cell_step *n = realloc(p->steps, cap * sizeof *n);
        if (!n)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        p->steps = n, p->cap = cap;
    }
    p->steps[p->n++] = step;
    return IL_OK;
}

static void step_text(reader *r, size_t from, il_cell_step *s)
{
    s->text[0] = '\0';
    size_t len = 0;
    for (size_t k = from; k < r->i && len + 1 < sizeof s->text; k++) {
        int n = snprintf(s->text + len, sizeof s->text - len, "%s%s", k > from ? " " : "",
                         r->w[k].w);
        if (n < 0)
            break;
        len += (size_t)n;
    }
    if (len >= sizeof s->text)
        s->text[sizeof s->text - 1] = '\0';
}

static il_status parse_step(reader *r, il_cell_protocol *p)
{
    word *w = peek(r);
    size_t from = r->i;
    il_cell_step s;
    memset(&s, 0, sizeof s);
    s.until_voltage_V = NAN, s.until_current_A_cm2 = NAN;
    qkind k;
    double v;
    il_status st;
    if (is(w, "Charge") || is(w, "Discharge")) {
        double sign = is(w, "Charge") ? 1 : -1;
        r->i++;
        if (!is(peek(r), "at"))
            return fail(r, peek(r) ? peek(r) : w, "expected 'at' after '%s'", w->w);
        r->i++;
        word *qw = peek(r);
        if ((st = quantity(r, "a current", &k, &v)))
            return st;
        s.kind = IL_CELL_STEP_CURRENT;
        if (k == Q_CURRENT_DENSITY)
            s.current_A_cm2 = sign * v;
        else if (k == Q_CURRENT)
            s.current_A = sign * v;
        else if (k == Q_CRATE)
            s.c_rate = sign * v;
        else
            return fail(r, qw, "'%s' is not a current (uA/cm2, mA, C/5, ...)", qw->w);
        if (v <= 0)
            return fail(r, qw, "'%s': the current must be > 0 (Charge/Discharge give the sign)",
                        qw->w);
    } else if (is(w, "Hold")) {
        r->i++;
        if (!is(peek(r), "at"))
            return fail(r, peek(r) ? peek(r) : w, "expected 'at' after '%s'", w->w);
        r->i++;
        word *qw = peek(r);
        if ((st = quantity(r, "a voltage", &k, &v)))
            return st;
        if (k != Q_VOLT)
            return fail(r, qw, "'%s' is not a voltage (V, mV)", qw->w);
        s.kind = IL_CELL_STEP_VOLTAGE;
        s.voltage_V = v;
    } else if (is(w, "Rest")) {
        s.kind = IL_CELL_STEP_REST;
        r->i++;
    } else {
        return fail(r, w, "unknown step '%s' (Charge, Discharge, Hold, Rest, or N x (...))",
                    w->w);
    }
    /* limits: "until X", "for T", joined by "or" */
    for (;;) {
        word *c = peek(r);
        if (!c || is(c, ";") || is(c, ")"))
            break;
        if (is(c, "or")) {
            r->i++;
            continue;
        }
        if (!is(c, "until") && !is(c, "for"))
            return fail(r, c, "unexpected '%s' (expected 'until', 'for' or ';')", c->w);
        r->i++;
        word *qw = peek(r);
        if ((st = quantity(r, is(c, "for") ? "a time" : "a limit", &k, &v)))
            return st;
        if (is(c, "for")) {
            if (k != Q_TIME || !(v > 0))
                return fail(r, qw, "'%s' is not a time > 0 (s, min, hour, day)", qw->w);
            s.duration_s = v;
        } else if (k == Q_VOLT && s.kind == IL_CELL_STEP_CURRENT) {
            s.until_voltage_V = v;
        } else if (k == Q_CURRENT_DENSITY && s.kind == IL_CELL_STEP_VOLTAGE) {
            s.until_current_A_cm2 = fabs(v);
        } else {
            return fail(r, qw, s.kind == IL_CELL_STEP_CURRENT
                                   ? "'%s': a current step ends 'until' a voltage"
                                   : (s.kind == IL_CELL_STEP_VOLTAGE
                                          ? "'%s': a hold ends 'until' a current density (uA/cm2)"
                                          : "'%s': a rest ends 'for' a time"),
                        qw->w);
        }
    }
    if (s.kind == IL_CELL_STEP_REST && !(s.duration_s > 0))
        return fail(r, w, "'%s' needs 'for <time>'", w->w);
    if (s.kind == IL_CELL_STEP_VOLTAGE && !(s.duration_s > 0) && isnan(s.until_current_A_cm2))
        return fail(r, w, "'%s' needs 'until <current>' or 'for <time>'", w->w);
    step_text(r, from, &s);
    return add(p, &s, r->err);
}

static il_status parse_list(reader *r, il_cell_protocol *p, int depth);

static il_status parse_item(reader *r, il_cell_protocol *p, int depth)
{
    word *w = peek(r);
    char *end;
    double reps = il_decimal_strtod(w->w, &end);
    if (end != w->w && *end == '\0') { /* N x ( ... ) */
        if (!(reps >= 1) || reps != floor(reps) || reps > 100000)
            return fail(r, w, "'%s' is not a repeat count (a whole number 1..100000)", w->w);
        r->i++;
        word *x = peek(r);
        if (!is(x, "x") && !is(x, "times") && !(x && strcmp(x->w, "\xc3\x97") == 0))
            return fail(r, x ? x : w, "expected 'x' after the repeat count '%s'", w->w);
        r->i++;
        if (!is(peek(r), "("))
            return fail(r, peek(r) ? peek(r) : x, "expected '(' after '%s'", x->w);
        if (depth >= MAX_DEPTH)
            return fail(r, peek(r), "groups nested deeper than %s", "8");
        word *open = peek(r);
        r->i++;
        size_t first = p->n;
        il_status st = parse_list(r, p, depth + 1);
        if (st)
            return st;
        if (!is(peek(r), ")"))
            return fail(r, peek(r) ? peek(r) : open, "'(' at this place is never closed%s", NULL);
        r->i++;
        size_t n = p->n - first;
        if (n == 0)
            return fail(r, open, "empty group%s", NULL);
        for (double k = 1; k < reps; k++)
            for (size_t j = 0; j < n; j++)
                if ((st = add(p, &p->steps[first + j], r->err)))
                    return st;
        return IL_OK;
    }
    return parse_step(r, p);
}

static il_status parse_list(reader *r, il_cell_protocol *p, int depth)
{
    for (;;) {
        while (is(peek(r), ";"))
            r->i++;
        word *w = peek(r);
        if (!w || is(w, ")"))
            return IL_OK;
        il_status st = parse_item(r, p, depth);
        if (st)
            return st;
        w = peek(r);
        if (w && !is(w, ";") && !is(w, ")"))
            return fail(r, w, "unexpected '%s' (steps are separated by ';')", w->w);
    }
}

static void mark_cycles(il_cell_protocol *p)
{
    int seen_discharge = 0;
    for (size_t k = 0; k < p->n; k++) {
        il_cell_step *s = &p->steps[k];
        int charge = s->kind == IL_CELL_STEP_CURRENT &&
                     (s->current_A_cm2 > 0 || s->current_A > 0 || s->c_rate > 0);
        int discharge = s->kind == IL_CELL_STEP_CURRENT && !charge;
        s->starts_cycle = k == 0 || (charge && seen_discharge);
        if (s->starts_cycle)
            seen_discharge = 0;
        if (discharge)
            seen_discharge = 1;
    }
}

il_status il_cell_protocol_parse(const char *text, const char *name, il_cell_protocol **out,
                                 il_error *err)
{
    *out = NULL;
    reader r = {.name = name ? name : "protocol", .err = err};
    r.w = calloc(MAX_WORDS, sizeof *r.w);
    il_cell_protocol *p = calloc(1, sizeof *p);
    il_status st;
    if (!r.w || !p) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((st = split(text ? text : "", &r)))
        goto done;
    if ((st = parse_list(&r, p, 0)))
        goto done;
    if (r.i < r.n) {
        st = fail(&r, &r.w[r.i], "'%s' closes no group", r.w[r.i].w);
        goto done;
    }
    if (p->n == 0) {
        st = fail(&r, NULL, "empty protocol: expected steps such as 'Charge at C/5 until 4.2 V'%s",
                  NULL);
        goto done;
    }
    mark_cycles(p);
    *out = p;
    p = NULL;
done:
    free(r.w);
    il_cell_protocol_free(p);
    return st;
}

il_status il_cell_protocol_from_current(const double *time_s, const double *current_A, size_t n,
                                        double area_cm2, il_cell_protocol **out, il_error *err)
{
    *out = NULL;
    if (n < 2 || !(area_cm2 > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "a replayed record needs 2 rows or more and an area > 0");
    il_cell_protocol *p = calloc(1, sizeof *p);
    if (!p)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    double last_sign = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        double dt = time_s[k + 1] - time_s[k];
        if (!(dt >= 0) || !isfinite(current_A[k]) || !isfinite(current_A[k + 1])) {
            il_cell_protocol_free(p);
            return il_error_set(err, IL_ERR_INVALID, "record row %zu: time going backwards or a "
                                                     "current that is not a number", k + 2);
        }
        if (dt == 0)
            continue;
        il_cell_step s;
        memset(&s, 0, sizeof s);
        double i = 0.5 * (current_A[k] + current_A[k + 1]) / area_cm2;
        s.kind = i == 0 ? IL_CELL_STEP_REST : IL_CELL_STEP_CURRENT;
        s.current_A_cm2 = i;
        s.duration_s = dt;
        s.until_voltage_V = s.until_current_A_cm2 = NAN;
        double sign = i > 0 ? 1 : (i < 0 ? -1 : 0);
        s.starts_cycle = p->n == 0 || (sign > 0 && last_sign < 0);
        if (sign != 0)
            last_sign = sign;
        snprintf(s.text, sizeof s.text, "replay row %zu", k + 1);
        il_status st = add(p, &s, err);
        if (st) {
            il_cell_protocol_free(p);
            return st;
        }
    }
    *out = p;
    return IL_OK;
}

il_status il_cell_parse_duration_s(const char *text, double *seconds, il_error *err)
{
    char *end;
    double x = il_decimal_strtod(text ? text : "", &end);
    if (text && end != text && *end == '\0' && x > 0 && isfinite(x)) {
        *seconds = x;
        return IL_OK;
    }
    reader r = {.name = "duration", .err = err};
    word w[4];
    r.w = w;
    il_status st = IL_OK;
    if (!text || strlen(text) > 60)
        st = il_error_set(err, IL_ERR_PARSE, "'%s' is not a duration (10 min, 1 hour, 90 s)",
                          text ? text : "");
    /* the words of at most "N unit" */
    for (const char *p = text; !st && *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (r.n >= 3) {
            st = il_error_set(err, IL_ERR_PARSE, "'%s' is not a duration (10 min, 1 hour, 90 s)", text);
            break;
        }
        size_t len = 0;
        while (p[len] && p[len] != ' ' && len + 1 < sizeof w[0].w)
            len++;
        memcpy(w[r.n].w, p, len);
        w[r.n].w[len] = '\0';
        w[r.n].line = 1, w[r.n].col = (int)(p - text) + 1;
        r.n++;
        p += len;
    }
    qkind k;
    double v;
    if (!st && r.n == 0)
        st = il_error_set(err, IL_ERR_PARSE, "an empty duration (10 min, 1 hour, 90 s)");
    if (!st && !(st = quantity(&r, "a duration", &k, &v)) && (k != Q_TIME || !(v > 0) || r.i != r.n))
        st = il_error_set(err, IL_ERR_PARSE, "'%s' is not a duration (10 min, 1 hour, 90 s)", text);
    if (!st)
        *seconds = v;
    return st;
}

il_status il_anneal_programme_parse(const char *text, const char *name, il_anneal_step **steps,
                                    size_t *n, il_error *err)
{
    *steps = NULL, *n = 0;
    reader r = {.name = name ? name : "programme", .err = err};
    r.w = calloc(MAX_WORDS, sizeof *r.w);
    il_anneal_step *out = NULL;
    size_t cnt = 0, cap = 0;
    il_status st = r.w ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = split(text ? text : "", &r);
    while (!st && r.i < r.n) {
        if (is(peek(&r), ";")) {
            r.i++;
            continue;
        }
        word *w = peek(&r);
        char *end;
        double T = il_decimal_strtod(w->w, &end);
        const char *unit = end;
        if (end == w->w || !isfinite(T)) {
            st = fail(&r, w, "'%s' is not a temperature (600 K, 300 C)", w->w);
            break;
        }
        r.i++;
        if (!*unit) {
            word *u = peek(&r);
            unit = u && !is(u, ";") ? u->w : "";
            if (*unit)
                r.i++;
        }
        if (strcmp(unit, "K") == 0)
            ;
        else if (strcmp(unit, "C") == 0 || strcmp(unit, "\xc2\xb0" "C") == 0)
            T += 273.15;
        else {
            st = fail(&r, w, "'%s' needs K or C", w->w);
            break;
        }
        if (!(T > 0)) {
            st = fail(&r, w, "'%s' is below absolute zero", w->w);
            break;
        }
        if (!is(peek(&r), "for")) {
            st = fail(&r, peek(&r) ? peek(&r) : w, "expected 'for <time>' after '%s'", w->w);
            break;
        }
        r.i++;
        word *tw = peek(&r);
        qkind k;
        double v;
        if ((st = quantity(&r, "a time", &k, &v)))
            break;
        if (k != Q_TIME || !(v > 0)) {
            st = fail(&r, tw, "'%s' is not a time > 0 (s, min, hour, day)", tw->w);
            break;
        }
        if (peek(&r) && !is(peek(&r), ";")) {
            st = fail(&r, peek(&r), "unexpected '%s' (steps are separated by ';')", peek(&r)->w);
            break;
        }
        if (cnt == cap) {
            cap = cap ? 2 * cap : 8;
            il_anneal_step *g = realloc(out, cap * sizeof *g);
            if (!g) {
                st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
                break;
            }
            out = g;
        }
        out[cnt++] = (il_anneal_step){T, v};
    }
    if (!st && cnt == 0)
        st = fail(&r, NULL, "empty programme: expected steps such as '600 K for 1 hour'%s", NULL);
    free(r.w);
    if (st) {
        free(out);
        return st;
    }
    *steps = out, *n = cnt;
    return IL_OK;
}

void il_cell_protocol_free(il_cell_protocol *p)
{
    if (!p)
        return;
    free(p->steps);
    free(p);
}

size_t il_cell_protocol_count(const il_cell_protocol *p) { return p ? p->n : 0; }

const il_cell_step *il_cell_protocol_step(const il_cell_protocol *p, size_t i)
{
    return p && i < p->n ? &p->steps[i] : NULL;
}
