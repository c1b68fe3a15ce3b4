/* The inline stack form: "Pt 50nm | LiCoO2 1um li6=0.95 | Li3PO4 1.5um rough=2nm | Si".
 * Errors point at the byte column of the offending token in the whole text. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/built.h"
#include "interlayer/stack.h"
#include "interlayer/units.h"

#define MAX_TOKENS 32
#define TOKEN_MAX 128

typedef struct {
    char text[TOKEN_MAX];
    int column; /* 1-based column of the token's first byte in the whole inline text */
} token;

static il_status fail(il_error *err, il_status code, int column, size_t layer, const char *fmt,
                      const char *a, const char *b)
{
    char msg[1200];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    return il_error_set_at(err, code, NULL, 0, column, "layer %zu: %.700s", layer, msg);
}

/* Splits [begin, end) at blanks. "1.5 um" (a bare number followed by a word without '=') is
 * joined into one thickness token. */
static il_status tokenize(const char *text, const char *begin, const char *end, size_t layer,
                          token *tok, size_t *n_tok, il_error *err)
{
    size_t n = 0;
    const char *p = begin;
    while (p < end) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p >= end)
            break;
        const char *q = p;
        while (q < end && !isspace((unsigned char)*q)) {
            if (*q == '"') { /* name="current collector (+)": blanks inside quotes */
                const char *close = memchr(q + 1, '"', (size_t)(end - q - 1));
                if (!close)
                    return il_error_set_at(err, IL_ERR_PARSE, NULL, 0, (int)(q - text) + 1,
                                           "layer %zu: unbalanced '\"'", layer);
                q = close;
            }
            q++;
        }
        int column = (int)(p - text) + 1;
        if (n >= MAX_TOKENS)
            return fail(err, IL_ERR_PARSE, column, layer, "more than %s words in one layer",
                        "32", NULL);
        if ((size_t)(q - p) >= TOKEN_MAX)
            return il_error_set_at(err, IL_ERR_PARSE, NULL, 0, column,
                                   "layer %zu: '%.20s...' is too long", layer, p);
        memcpy(tok[n].text, p, (size_t)(q - p));
        tok[n].text[q - p] = '\0';
        tok[n].column = column;
        n++;
        p = q;
    }
    /* join "1.5" "um" */
    for (size_t i = 1; i + 1 < n; i++) {
        char *endp;
        strtod(tok[i].text, &endp);
        if (endp == tok[i].text || *endp != '\0')
            continue;
        const char *u = tok[i + 1].text;
        if (strchr(u, '=') || isdigit((unsigned char)u[0]) || u[0] == '.' || u[0] == '-' ||
            u[0] == '+')
            continue;
        if (strlen(tok[i].text) + strlen(u) + 1 >= TOKEN_MAX)
            continue;
        strcat(tok[i].text, " ");
        strcat(tok[i].text, u);
        memmove(&tok[i + 1], &tok[i + 2], (n - i - 2) * sizeof *tok);
        n--;
    }
    *n_tok = n;
    return IL_OK;
}

/* One "key=value" word into the spec. */
static il_status apply_key(const token *t, size_t layer, il_layer_spec *spec, il_enrichment *enr,
                           char *name, size_t name_size, unsigned *seen, il_error *err)
{
    char key[TOKEN_MAX];
    const char *eq = strchr(t->text, '=');
    size_t klen = (size_t)(eq - t->text);
    memcpy(key, t->text, klen);
    key[klen] = '\0';
    const char *val = eq + 1;
    int vcol = t->column + (int)klen + 1;
    il_error sub;
    il_error_clear(&sub);
    if (klen == 0)
        return fail(err, IL_ERR_PARSE, t->column, layer, "'%s': missing key before '='",
                    t->text, NULL);
    if (*val == '\0')
        return fail(err, IL_ERR_PARSE, vcol, layer, "%s=: missing value", key, NULL);

    enum { K_DENSITY = 1, K_ROUGH = 2, K_FACTOR = 4, K_NAME = 8 };
    unsigned bit = 0;
    if (strcasecmp(key, "density") == 0 || strcasecmp(key, "rho") == 0) {
        bit = K_DENSITY;
        char v[TOKEN_MAX];
        snprintf(v, sizeof v, "%s", val);
        size_t vl = strlen(v);
        const char *suffixes[] = {"g/cm3", "g/cc", "g/cm^3", "g/cm\xC2\xB3"};
        for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
            size_t sl = strlen(suffixes[k]);
            if (vl > sl && strcmp(v + vl - sl, suffixes[k]) == 0) {
                v[vl - sl] = '\0';
                break;
            }
        }
        double rho;
        if (il_parse_number(v, &rho, &sub) != IL_OK || !(rho > 0))
            return fail(err, IL_ERR_INVALID, vcol, layer,
                        "density '%s' is not a density in g/cm3 (a number > 0, e.g. 2.4)", val,
                        NULL);
        if (rho > IL_MAX_DENSITY_G_CM3)
            return fail(err, IL_ERR_RANGE, vcol, layer,
                        "density %s g/cm3 is above the largest allowed, " IL_MAX_DENSITY_TEXT,
                        v, NULL);
        if (rho < IL_MIN_DENSITY_G_CM3)
            return fail(err, IL_ERR_RANGE, vcol, layer,
                        "density %s g/cm3 is below the smallest allowed, " IL_MIN_DENSITY_TEXT,
                        v, NULL);
        spec->density_g_cm3 = rho;
    } else if (strcasecmp(key, "rough") == 0 || strcasecmp(key, "roughness") == 0) {
        bit = K_ROUGH;
        double nm = 0;
        if (il_parse_roughness_nm(val, &nm, &sub) != IL_OK)
            return fail(err, sub.code, vcol, layer, "roughness: %s", sub.message, NULL);
        spec->roughness_nm = nm;
    } else if (strcasecmp(key, "factor") == 0 || strcasecmp(key, "stopping_factor") == 0) {
        bit = K_FACTOR;
        double f;
        if (il_parse_number(val, &f, &sub) != IL_OK || !(f > 0))
            return fail(err, IL_ERR_INVALID, vcol, layer,
                        "stopping factor '%s' must be a number > 0 (e.g. 1.02)", val, NULL);
        spec->stopping_factor = f;
    } else if (strcasecmp(key, "name") == 0) {
        bit = K_NAME;
        size_t vl = strlen(val);
        if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
            val++;
            vl -= 2;
        }
        if (vl >= name_size)
            return fail(err, IL_ERR_INVALID, vcol, layer, "name '%s' is too long", val, NULL);
        snprintf(name, name_size, "%.*s", (int)vl, val);
        spec->name = name;
    } else {
        int Z, A;
        il_status ks = il_stack_parse_isotope_key(key, &Z, &A, &sub);
        if (ks == IL_ERR_INVALID) /* a real isotope, but no possible enrichment: say why */
            return fail(err, ks, t->column, layer, "%s", sub.message, NULL);
        if (ks != IL_OK) {
            static const char *const keys[] = {"density", "rough", "roughness", "factor",
                                               "name", "li6", "li7"};
            const char *near = il_suggest(key, keys, sizeof keys / sizeof keys[0]);
            char hint[64] = "";
            if (near)
                snprintf(hint, sizeof hint, "did you mean '%s'? ", near);
            return fail(err, IL_ERR_PARSE, t->column, layer,
                        "unknown key '%s' (%sexpected density, rough, factor, name or an "
                        "isotope such as li6)", key, hint);
        }
        double f;
        char v[TOKEN_MAX];
        snprintf(v, sizeof v, "%s", val);
        size_t vl = strlen(v);
        double scale = 1;
        if (vl > 1 && v[vl - 1] == '%') { /* "95%" */
            v[vl - 1] = '\0';
            scale = 0.01;
        }
        if (il_parse_number(v, &f, &sub) != IL_OK)
            return fail(err, IL_ERR_PARSE, vcol, layer, "%s='%s' is not a fraction in [0, 1]",
                        key, val);
        f *= scale;
        if (!(f >= 0 && f <= 1))
            return fail(err, IL_ERR_INVALID, vcol, layer,
                        "%s=%s: an isotope fraction must be within [0, 1]", key, val);
        for (size_t k = 0; k < spec->n_enrich; k++)
            if (enr[k].Z == Z && enr[k].A == A)
                return fail(err, IL_ERR_INVALID, t->column, layer, "%s given twice", key, NULL);
        if (spec->n_enrich >= IL_ENRICH_MAX)
            return fail(err, IL_ERR_RANGE, t->column, layer, "too many isotope fractions%s%s",
                        NULL, NULL);
        enr[spec->n_enrich++] = (il_enrichment){Z, A, f};
    }
    if (bit) {
        if (*seen & bit)
            return fail(err, IL_ERR_INVALID, t->column, layer, "%s given twice", key, NULL);
        *seen |= bit;
    }
    return IL_OK;
}

/* The next '|' outside double quotes, or NULL. */
static const char *next_bar(const char *p)
{
    int quoted = 0;
    for (; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '|' && !quoted)
            return p;
    }
    return NULL;
}

il_status il_stack_parse(const char *text, const il_material_db *db, il_stack **out,
                         il_error *err)
{
    if (!text || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_parse: NULL argument");
    *out = NULL;
    const char *p = text;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return il_error_set(err, IL_ERR_PARSE,
                            "empty stack (expected e.g. \"Pt 50nm | LiCoO2 1um | Si\")");
    il_stack *s;
    il_status st = il_stack_new("", &s, err);
    if (st)
        return st;
    size_t layer = 0;
    const char *seg = text;
    for (;;) {
        const char *bar = next_bar(seg);
        const char *end = bar ? bar : seg + strlen(seg);
        int last = bar == NULL;
        layer++;
        token tok[MAX_TOKENS];
        size_t n_tok = 0;
        if ((st = tokenize(text, seg, end, layer, tok, &n_tok, err)) != IL_OK)
            break;
        if (n_tok == 0) {
            int col = (int)((bar ? bar : end) - text) + 1;
            st = il_error_set_at(err, IL_ERR_PARSE, NULL, 0, col,
                                 "layer %zu is empty (expected MATERIAL THICKNESS between '|')",
                                 layer);
            break;
        }
        il_layer_spec spec;
        memset(&spec, 0, sizeof spec);
        il_enrichment enr[IL_ENRICH_MAX];
        char name[64];
        unsigned seen = 0;
        int have_thickness = 0;
        spec.material = tok[0].text;
        spec.enrich = enr;
        if (strchr(tok[0].text, '=')) {
            st = fail(err, IL_ERR_PARSE, tok[0].column, layer,
                      "'%s': a layer starts with its material", tok[0].text, NULL);
            break;
        }
        for (size_t i = 1; i < n_tok && st == IL_OK; i++) {
            if (strchr(tok[i].text, '=')) {
                st = apply_key(&tok[i], layer, &spec, enr, name, sizeof name, &seen, err);
                continue;
            }
            if (have_thickness) {
                st = fail(err, IL_ERR_PARSE, tok[i].column, layer,
                          "unexpected '%s' (the thickness is already given; options are "
                          "key=value)", tok[i].text, NULL);
                break;
            }
            il_error sub;
            if (il_parse_thickness(tok[i].text, &spec.thickness, &spec.kind, &sub) != IL_OK) {
                st = fail(err, sub.code, tok[i].column, layer, "%s", sub.message, NULL);
                break;
            }
            have_thickness = 1;
        }
        if (st)
            break;
        if (!have_thickness) {
            if (!last) {
                st = fail(err, IL_ERR_PARSE, tok[0].column, layer,
                          "'%s' has no thickness (only the last layer may omit it: it is then "
                          "the substrate)", tok[0].text, NULL);
                break;
            }
            spec.substrate = 1;
        }
        if ((st = il_stack_add(s, &spec, db, err)) != IL_OK) {
            /* Point into the inline text: at the formula's bad character when known. */
            if (err)
                err->column = tok[0].column + (err->column > 0 ? err->column - 1 : 0);
            break;
        }
        if (last)
            break;
        seg = bar + 1;
    }
    IL_RETURN_BUILT(st, s, il_stack_free, out);
}
