/* Chemical formula parser (recursive descent over groups) in periodictable notation. */
#include "interlayer/formula.h"
#include "interlayer/composition.h"
#include "matter/isotope_mix.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deep nesting is never chemistry; the limit keeps recursion bounded on hostile input. */
#define MAX_DEPTH 16

typedef struct {
    const char *text; /* the whole input, for columns and messages */
    const char *p;    /* cursor */
    il_error *err;
    int depth;
} parser;

static il_status fail_at(parser *ps, const char *at, il_status code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static il_status fail_at(parser *ps, const char *at, il_status code, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int column = (int)(at - ps->text) + 1;
    /* The column lives in err->column; il_error_format prints it in front of the message. */
    il_error_set_at(ps->err, code, NULL, 0, column, "formula '%.200s': %s", ps->text, what);
    return code;
}

/* Describes the character at `at` for a message: "'%'", "a blank", "byte 0xC3". */
static void describe_char(const char *at, char *buf, size_t size)
{
    unsigned char c = (unsigned char)*at;
    if (c == ' ' || c == '\t')
        snprintf(buf, size, "a blank");
    else if (c >= 0x21 && c < 0x7F)
        snprintf(buf, size, "'%c'", c);
    else
        snprintf(buf, size, "byte 0x%02X", c);
}

static il_status add_species(parser *ps, const char *at, il_formula *f, int Z, int A,
                             double count)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->Z[i] == Z && f->A[i] == A) {
            f->count[i] += count;
            if (!isfinite(f->count[i]))
                return fail_at(ps, at, IL_ERR_INVALID, "count too large");
            return IL_OK;
        }
    if (f->n >= IL_FORMULA_MAX)
        return fail_at(ps, at, IL_ERR_INVALID, "more than %d different species",
                       IL_FORMULA_MAX);
    f->Z[f->n] = Z;
    f->A[f->n] = A;
    f->count[f->n] = count;
    f->n++;
    return IL_OK;
}

/* An optional count after an element or ')': digits with an optional decimal part. */
static il_status parse_count(parser *ps, double *count)
{
    const char *start = ps->p, *q = ps->p;
    int digits = 0;
    while (isdigit((unsigned char)*q)) {
        q++;
        digits++;
    }
    if (*q == '.' && (digits > 0 || isdigit((unsigned char)q[1]))) {
        q++;
        while (isdigit((unsigned char)*q)) {
            q++;
            digits++;
        }
    }
    if (digits == 0) {
        *count = 1.0;
        return IL_OK;
    }
    char buf[64];
    size_t len = (size_t)(q - start);
    if (len >= sizeof buf)
        return fail_at(ps, start, IL_ERR_PARSE, "count '%.*s...' is too long", 16, start);
    memcpy(buf, start, len);
    buf[len] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return fail_at(ps, start, IL_ERR_INVALID, "count '%s' is too large", buf);
    if (v <= 0)
        return fail_at(ps, start, IL_ERR_INVALID, "count '%s' must be greater than zero", buf);
    ps->p = q;
    *count = v;
    return IL_OK;
}

/* Radionuclides that occur in no natural element yet live long enough (half-life over a year)
 * to be made into a sample: tracers, targets and sources. Half-lives from NUBASE2020
 * (Kondev et al., Chinese Phys. C 45, 030001 (2021)): H-3 12.32 y, Be-10 1.39 My, C-14 5.70 ky,
 * Al-26 0.717 My, Cl-36 0.301 My, Ca-41 99.4 ky, Co-60 5.27 y, Ni-59 81 ky, Ni-63 101 y,
 * Sr-90 28.9 y, Tc-99 0.211 My, Cs-137 30.1 y, Np-237 2.14 My, U-233 0.159 My, U-236 23.4 My,
 * Pu-238 87.7 y, Pu-239 24.1 ky, Pu-240 6.56 ky, Am-241 432.6 y. */
static const struct {
    int Z, A;
} long_lived[] = {{1, 3},   {4, 10},  {6, 14},  {13, 26}, {17, 36}, {20, 41}, {27, 60},
                  {28, 59}, {28, 63}, {38, 90}, {43, 99}, {55, 137}, {93, 237}, {92, 233},
                  {92, 236}, {94, 238}, {94, 239}, {94, 240}, {95, 241}};

/* Can isotope A of element Z be a layer's species? Any with a natural abundance (stable or
 * primordial, e.g. K-40), or one of the long-lived radionuclides above. Li-9 (178 ms) is not:
 * it is a typo or a misunderstanding, never an enrichment. */
int il__isotope_usable(int Z, int A)
{
    if (il_isotope_abundance(Z, A) > 0)
        return 1;
    for (size_t i = 0; i < sizeof long_lived / sizeof long_lived[0]; i++)
        if (long_lived[i].Z == Z && long_lived[i].A == A)
            return 1;
    return 0;
}

/* An element symbol, D/T, an optional isotope "[A]", then an optional count. */
static il_status parse_element(parser *ps, il_formula *f)
{
    const char *start = ps->p;
    char sym[8];
    size_t len = 1;
    while (islower((unsigned char)start[len]) && len < 4)
        len++;
    if (islower((unsigned char)start[len]))
        return fail_at(ps, start, IL_ERR_NOT_FOUND, "unknown element '%.*s...'", 4, start);
    memcpy(sym, start, len);
    sym[len] = '\0';
    ps->p = start + len;

    int Z, A = 0;
    if (strcmp(sym, "D") == 0) { /* deuterium and tritium, as periodictable allows */
        Z = 1;
        A = 2;
    } else if (strcmp(sym, "T") == 0) {
        Z = 1;
        A = 3;
    } else {
        const il_element *e;
        il_error sub;
        if (il_element_lookup(sym, &e, &sub) != IL_OK)
            return fail_at(ps, start, IL_ERR_NOT_FOUND, "%s", sub.message);
        Z = e->Z;
    }

    if (*ps->p == '[') {
        const char *open = ps->p;
        if (A != 0)
            return fail_at(ps, open, IL_ERR_PARSE, "'%s' is already an isotope", sym);
        const char *q = open + 1;
        long mass = 0;
        int nd = 0;
        while (isdigit((unsigned char)*q) && nd < 4) {
            mass = mass * 10 + (*q - '0');
            q++;
            nd++;
        }
        if (nd == 0 || *q != ']') {
            char what[32];
            describe_char(q, what, sizeof what);
            return fail_at(ps, q, IL_ERR_PARSE, "expected a mass number and ']' after '%s[', "
                           "found %s", sym, *q ? what : "the end");
        }
        double m;
        if (mass <= 0 || il_nuclide_mass_u(Z, (int)mass, &m, NULL) != IL_OK)
            return fail_at(ps, open + 1, IL_ERR_NOT_FOUND, "no isotope %s-%ld is known", sym,
                           mass);
        if (!il__isotope_usable(Z, (int)mass))
            return fail_at(ps, open + 1, IL_ERR_INVALID,
                           "%s-%ld is neither stable nor long-lived (it does not occur in nature "
                           "and is no long-lived radionuclide such as H-3 or C-14): no layer can "
                           "be enriched in it",
                           sym, mass);
        A = (int)mass;
        ps->p = q + 1;
    }

    double count;
    il_status s = parse_count(ps, &count);
    if (s)
        return s;
    return add_species(ps, start, f, Z, A, count);
}

static il_status parse_sequence(parser *ps, il_formula *f, const char *open);

/* "(" sequence ")" count */
static il_status parse_group(parser *ps, il_formula *f)
{
    const char *open = ps->p;
    if (ps->depth >= MAX_DEPTH)
        return fail_at(ps, open, IL_ERR_PARSE, "parentheses nested deeper than %d", MAX_DEPTH);
    ps->p++;
    ps->depth++;
    il_formula inner = {0};
    il_status s = parse_sequence(ps, &inner, open);
    ps->depth--;
    if (s)
        return s;
    if (inner.n == 0)
        return fail_at(ps, open, IL_ERR_PARSE, "empty parentheses");
    ps->p++; /* the ')' that parse_sequence stopped at */
    double count;
    if ((s = parse_count(ps, &count)) != IL_OK)
        return s;
    for (size_t i = 0; i < inner.n; i++) {
        double c = inner.count[i] * count;
        if (!isfinite(c))
            return fail_at(ps, open, IL_ERR_INVALID, "count too large");
        if (c <= 0)
            return fail_at(ps, open, IL_ERR_INVALID, "count too small");
        if ((s = add_species(ps, open, f, inner.Z[i], inner.A[i], c)) != IL_OK)
            return s;
    }
    return IL_OK;
}

/* Elements and groups until the end (top level, open == NULL) or the ')' matching `open`. */
static il_status parse_sequence(parser *ps, il_formula *f, const char *open)
{
    for (;;) {
        char c = *ps->p;
        il_status s;
        if (c == '\0') {
            if (open)
                return fail_at(ps, open, IL_ERR_PARSE, "unbalanced parentheses: '(' is never "
                               "closed");
            return IL_OK;
        }
        if (c == ')') {
            if (open)
                return IL_OK;
            return fail_at(ps, ps->p, IL_ERR_PARSE, "unbalanced parentheses: ')' without '('");
        }
        if (c == '(')
            s = parse_group(ps, f);
        else if (isupper((unsigned char)c))
            s = parse_element(ps, f);
        else if (isdigit((unsigned char)c) || c == '.')
            return fail_at(ps, ps->p, IL_ERR_PARSE, "a count must follow an element or ')'");
        else if (c == '-')
            return fail_at(ps, ps->p, IL_ERR_PARSE, "unexpected '-' (counts must be positive "
                           "numbers)");
        else if (islower((unsigned char)c))
            return fail_at(ps, ps->p, IL_ERR_PARSE, "unexpected '%c' (element symbols start "
                           "with a capital letter)", c);
        else {
            char what[32];
            describe_char(ps->p, what, sizeof what);
            return fail_at(ps, ps->p, IL_ERR_PARSE, "unexpected %s", what);
        }
        if (s)
            return s;
    }
}

il_status il_formula_parse(const char *text, il_formula *out, il_error *err)
{
    if (!text || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_formula_parse: NULL argument");
    size_t len = strnlen(text, IL_FORMULA_TEXT_MAX + 1);
    if (len > IL_FORMULA_TEXT_MAX)
        return il_error_set(err, IL_ERR_PARSE, "formula longer than %d characters",
                            IL_FORMULA_TEXT_MAX);
    /* Work on a copy with the surrounding blanks removed; columns still count from text. */
    char buf[IL_FORMULA_TEXT_MAX + 1];
    size_t b = 0, e = len;
    while (b < e && isspace((unsigned char)text[b]))
        b++;
    while (e > b && isspace((unsigned char)text[e - 1]))
        e--;
    memcpy(buf, text, e);
    buf[e] = '\0';
    if (b == e)
        return il_error_set(err, IL_ERR_PARSE, "empty formula");
    parser ps = {buf, buf + b, err, 0};
    il_formula f = {0};
    il_status s = parse_sequence(&ps, &f, NULL);
    if (s)
        return s;
    *out = f;
    return IL_OK;
}

/* A count as the parser reads it back: plain decimals, never an exponent, 10 significant
 * digits, trailing zeros dropped. */
static void format_count(double c, char *buf, size_t size)
{
    if (c >= 1e15) {
        snprintf(buf, size, "%.0f", c);
        return;
    }
    int decimals = 9 - (int)floor(log10(c));
    if (decimals < 0)
        decimals = 0;
    if (decimals > 30)
        decimals = 30;
    snprintf(buf, size, "%.*f", decimals, c);
    if (strchr(buf, '.')) {
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
}

const char *il_formula_format(const il_formula *f, char *buf, size_t size)
{
    if (!buf || size == 0)
        return "";
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; f && i < f->n && used < size; i++) {
        const il_element *e = il_element_by_z(f->Z[i]);
        char part[96], num[64] = "";
        if (f->count[i] != 1.0)
            format_count(f->count[i], num, sizeof num);
        if (f->A[i] > 0)
            snprintf(part, sizeof part, "%s[%d]%s", e ? e->symbol : "?", f->A[i], num);
        else
            snprintf(part, sizeof part, "%s%s", e ? e->symbol : "?", num);
        int w = snprintf(buf + used, size - used, "%s", part);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

int il_formula_equal(const il_formula *a, const il_formula *b)
{
    if (!a || !b || a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        size_t j;
        for (j = 0; j < b->n; j++)
            if (a->Z[i] == b->Z[j] && a->A[i] == b->A[j])
                break;
        if (j == b->n)
            return 0;
        double d = fabs(a->count[i] - b->count[j]);
        if (d > 1e-9 * fmax(fabs(a->count[i]), fabs(b->count[j])))
            return 0;
    }
    return 1;
}

double il_formula_atoms(const il_formula *f)
{
    double n = 0;
    for (size_t i = 0; f && i < f->n; i++)
        n += f->count[i];
    return n;
}

/* ---- isotopes, enrichment, masses ------------------------------------------------------- */

int il__element_mix(int Z, const il_enrichment *enr, size_t n_enr, il_formula_isotope *out,
                       size_t max, il_error *err)
{
    il_isotope nat[IL_MAX_NATURAL_ISOTOPES];
    size_t n_nat = il_element_isotopes(Z, nat, IL_MAX_NATURAL_ISOTOPES);
    if (n_nat > IL_MAX_NATURAL_ISOTOPES)
        n_nat = IL_MAX_NATURAL_ISOTOPES;
    size_t n = 0;
    double given = 0;
    for (size_t k = 0; k < n_enr; k++) {
        if (enr[k].Z != Z)
            continue;
        if (n >= max) {
            il_error_set(err, IL_ERR_INVALID, "too many enrichments for Z=%d", Z);
            return -1;
        }
        double m;
        if (il_nuclide_mass_u(Z, enr[k].A, &m, err) != IL_OK)
            return -1;
        out[n++] = (il_formula_isotope){Z, enr[k].A, enr[k].fraction, m};
        given += enr[k].fraction;
    }
    size_t n_given = n;
    double rest_nat = 0;
    for (size_t i = 0; i < n_nat; i++) {
        int taken = 0;
        for (size_t k = 0; k < n_given; k++)
            taken |= out[k].A == nat[i].A;
        if (!taken)
            rest_nat += nat[i].abundance;
    }
    /* Natural elements: normalise, since tabulated abundances sum to 1 only within rounding. */
    double rest = n_given ? 1.0 - given : 1.0;
    if (rest < 0)
        rest = 0;
    for (size_t i = 0; i < n_nat && rest_nat > 0 && rest > 0; i++) {
        int taken = 0;
        for (size_t k = 0; k < n_given; k++)
            taken |= out[k].A == nat[i].A;
        if (taken || nat[i].abundance <= 0)
            continue;
        if (n >= max) {
            il_error_set(err, IL_ERR_INVALID, "too many isotopes for Z=%d", Z);
            return -1;
        }
        out[n++] = (il_formula_isotope){Z, nat[i].A, rest * nat[i].abundance / rest_nat,
                                        nat[i].mass_u};
    }
    return (int)n;
}

il_status il_enrichment_check(const il_enrichment *enr, size_t n, il_error *err)
{
    if (n > 0 && !enr)
        return il_error_set(err, IL_ERR_INVALID, "enrichment list is NULL");
    for (size_t k = 0; k < n; k++) {
        const il_element *e = il_element_by_z(enr[k].Z);
        if (!e)
            return il_error_set(err, IL_ERR_INVALID, "enrichment: no element Z=%d", enr[k].Z);
        double m;
        if (enr[k].A <= 0 || il_nuclide_mass_u(enr[k].Z, enr[k].A, &m, NULL) != IL_OK)
            return il_error_set(err, IL_ERR_NOT_FOUND, "enrichment: no isotope %s-%d is known",
                                e->symbol, enr[k].A);
        if (!isfinite(enr[k].fraction) || enr[k].fraction < 0 || enr[k].fraction > 1)
            return il_error_set(err, IL_ERR_INVALID,
                                "enrichment of %d%s is %g; a fraction must be within [0, 1]",
                                enr[k].A, e->symbol, enr[k].fraction);
        for (size_t j = 0; j < k; j++)
            if (enr[j].Z == enr[k].Z && enr[j].A == enr[k].A)
                return il_error_set(err, IL_ERR_INVALID, "enrichment of %d%s given twice",
                                    enr[k].A, e->symbol);
    }
    /* Per element: the given fractions sum to <= 1, and any rest has an isotope to go to. */
    for (size_t k = 0; k < n; k++) {
        int first = 1;
        for (size_t j = 0; j < k; j++)
            first &= enr[j].Z != enr[k].Z;
        if (!first)
            continue;
        int Z = enr[k].Z;
        double sum = 0;
        for (size_t j = k; j < n; j++)
            if (enr[j].Z == Z)
                sum += enr[j].fraction;
        const char *sym = il_element_by_z(Z)->symbol;
        if (sum > 1 + 1e-9)
            return il_error_set(err, IL_ERR_INVALID,
                                "enrichment fractions of %s add up to %g, more than 1", sym, sum);
        if (sum < 1 - 1e-9) {
            il_isotope nat[IL_MAX_NATURAL_ISOTOPES];
            size_t n_nat = il_element_isotopes(Z, nat, IL_MAX_NATURAL_ISOTOPES);
            int other = 0;
            for (size_t i = 0; i < n_nat && i < IL_MAX_NATURAL_ISOTOPES; i++) {
                int taken = 0;
                for (size_t j = k; j < n; j++)
                    taken |= enr[j].Z == Z && enr[j].A == nat[i].A;
                other |= !taken && nat[i].abundance > 0;
            }
            if (!other)
                return il_error_set(err, IL_ERR_INVALID,
                                    "enrichment fractions of %s add up to %g, and no other "
                                    "natural isotope of %s is left to make up the rest",
                                    sym, sum, sym);
        }
    }
    return IL_OK;
}

/* Mass in u of one atom of species i (natural, enriched or explicit isotope): the molar mass of
 * a composition holding one atom of it, so masses are summed in one place only. */
static il_status species_mass(const il_formula *f, size_t i, const il_enrichment *enr,
                              size_t n_enr, double *mass_u, il_error *err)
{
    il_formula one = {1, {f->Z[i]}, {f->A[i]}, {1.0}};
    il_composition c;
    il_status s = il_composition_from_formula(&one, enr, n_enr, &c, err);
    return s ? s : il_composition_molar_mass(&c, mass_u, err);
}

static il_status check_formula(const il_formula *f, il_error *err)
{
    if (!f || f->n == 0 || f->n > IL_FORMULA_MAX)
        return il_error_set(err, IL_ERR_INVALID, "empty or invalid formula");
    for (size_t i = 0; i < f->n; i++)
        if (!il_element_by_z(f->Z[i]) || !(f->count[i] > 0) || !isfinite(f->count[i]))
            return il_error_set(err, IL_ERR_INVALID, "invalid species %zu in formula", i);
    return IL_OK;
}

il_status il_formula_atom_fractions(const il_formula *f, double *out, il_error *err)
{
    il_status s = check_formula(f, err);
    if (s)
        return s;
    double total = il_formula_atoms(f);
    for (size_t i = 0; i < f->n; i++)
        out[i] = f->count[i] / total;
    return IL_OK;
}

il_status il_formula_mass_fractions(const il_formula *f, const il_enrichment *enr, size_t n_enr,
                                    double *out, il_error *err)
{
    il_composition c;
    double M;
    il_status s = il_composition_from_formula(f, enr, n_enr, &c, err);
    if (!s)
        s = il_composition_molar_mass(&c, &M, err);
    if (s)
        return s;
    for (size_t i = 0; i < f->n; i++) {
        double m;
        if ((s = species_mass(f, i, enr, n_enr, &m, err)) != IL_OK)
            return s;
        out[i] = f->count[i] * m / M;
    }
    return IL_OK;
}

il_status il_formula_isotopes(const il_formula *f, const il_enrichment *enr, size_t n_enr,
                              il_formula_isotope *out, size_t max, size_t *n_out, il_error *err)
{
    il_status s = check_formula(f, err);
    if (!s)
        s = il_enrichment_check(enr, n_enr, err);
    if (s)
        return s;
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++) {
        il_formula_isotope mix[IL_MAX_NATURAL_ISOTOPES + IL_ENRICH_MAX];
        int m;
        if (f->A[i] > 0) {
            double mass;
            if ((s = il_nuclide_mass_u(f->Z[i], f->A[i], &mass, err)) != IL_OK)
                return s;
            mix[0] = (il_formula_isotope){f->Z[i], f->A[i], 1.0, mass};
            m = 1;
        } else {
            m = il__element_mix(f->Z[i], enr, n_enr, mix, sizeof mix / sizeof mix[0], err);
            if (m < 0)
                return err ? err->code : IL_ERR_INVALID;
            if (m == 0) { /* no natural isotopes (Tc, Pm): keep the element whole */
                mix[0] = (il_formula_isotope){f->Z[i], 0, 1.0,
                                              il_element_by_z(f->Z[i])->atomic_weight_u};
                m = 1;
            }
        }
        for (int k = 0; k < m; k++) {
            double c = mix[k].count * f->count[i];
            if (c <= 0)
                continue;
            size_t j;
            for (j = 0; j < n; j++)
                if (out[j].Z == mix[k].Z && out[j].A == mix[k].A)
                    break;
            if (j < n) {
                out[j].count += c;
                continue;
            }
            if (n >= max)
                return il_error_set(err, IL_ERR_RANGE, "more than %zu isotopes", max);
            out[n] = mix[k];
            out[n].count = c;
            n++;
        }
    }
    /* Order by Z then A (insertion sort: n is small). */
    for (size_t i = 1; i < n; i++) {
        il_formula_isotope t = out[i];
        size_t j = i;
        while (j > 0 && (out[j - 1].Z > t.Z || (out[j - 1].Z == t.Z && out[j - 1].A > t.A))) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = t;
    }
    *n_out = n;
    return IL_OK;
}

double il_formula_isotope_count(const il_formula *f, const il_enrichment *enr, size_t n_enr,
                                int Z, int A)
{
    il_formula_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n;
    if (il_formula_isotopes(f, enr, n_enr, iso, IL_FORMULA_ISOTOPES_MAX, &n, NULL) != IL_OK)
        return 0;
    double c = 0;
    for (size_t i = 0; i < n; i++)
        if (iso[i].Z == Z && (A == 0 || iso[i].A == A))
            c += iso[i].count;
    return c;
}
