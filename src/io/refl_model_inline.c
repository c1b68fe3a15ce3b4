/* The ORSO simple model language for slab models: "air | LiNbO3 200 5 li6=1 | (A 10 | B 20) x 5 |
 * Si" (see include/interlayer/refl_model.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interlayer/material.h"
#include "interlayer/refl_model.h"
#include "interlayer/units.h"
#include "core/grow.h"

typedef struct {
    il_refl_layer_model *v;
    size_t n, cap;
} layer_list;

static il_status push(layer_list *l, const il_refl_layer_model *x, const char *label, int col,
                      il_error *err)
{
    if (l->n >= IL_REFL_MODEL_MAX_LAYERS)
        return il_error_set_at(err, IL_ERR_RANGE, label, 1, col, "more than %d layers",
                               IL_REFL_MODEL_MAX_LAYERS);
    il_status gs = IL_GROW_ROOM(l->v, l->n, l->cap, 16, err);
    if (gs)
        return gs;
    l->v[l->n++] = *x;
    return IL_OK;
}

static il_status fail(il_error *err, const char *label, int col, const char *fmt, const char *a)
{
    return il_error_set_at(err, IL_ERR_PARSE, label, 1, col, fmt, a);
}

/* Parses a number that must fill the token; returns 0 on success. */
static int number(const char *s, size_t n, double *v)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* decimal only: "0x10" or "inf" is no thickness */
    return il_parse_number(buf, v, NULL) == IL_OK ? 0 : -1;
}

/* One layer "MATERIAL [T [R]] [key=value]..." in text[a, b). */
static il_status parse_layer(const char *text, size_t a, size_t b, const char *label,
                             il_refl_layer_model *L, il_error *err)
{
    memset(L, 0, sizeof *L);
    L->li6_fraction = -1.0;
    char tok[8][128];
    size_t tpos[8];
    int nt = 0;
    size_t i = a;
    while (i < b) {
        while (i < b && isspace((unsigned char)text[i]))
            i++;
        if (i >= b)
            break;
        size_t s = i;
        while (i < b && !isspace((unsigned char)text[i]))
            i++;
        if (nt == 8)
            return fail(err, label, (int)s + 1, "too many words in a layer at '%.20s'", text + s);
        if (i - s >= sizeof tok[0])
            return fail(err, label, (int)s + 1, "word too long: '%.20s...'", text + s);
        memcpy(tok[nt], text + s, i - s);
        tok[nt][i - s] = '\0';
        tpos[nt++] = s;
    }
    if (nt == 0)
        return fail(err, label, (int)a + 1, "empty layer%s", "");
    const char *mat = tok[0];
    double nums[2] = {0, 0};
    int nn = 0;
    double density = 0, sld = NAN, isld = 0;
    int have_sld = 0;
    for (int k = 1; k < nt; k++) {
        char *eq = strchr(tok[k], '=');
        if (!eq) {
            double v;
            if (nn >= 2 || number(tok[k], strlen(tok[k]), &v))
                return fail(err, label, (int)tpos[k] + 1,
                            "expected a thickness and a roughness in Å or key=value, found '%s'",
                            tok[k]);
            if (v < 0)
                return fail(err, label, (int)tpos[k] + 1, "negative length '%s'", tok[k]);
            nums[nn++] = v;
            continue;
        }
        *eq = '\0';
        const char *key = tok[k], *val = eq + 1;
        double v = 0;
        int isnum = number(val, strlen(val), &v) == 0;
        int vcol = (int)(tpos[k] + (size_t)(val - tok[k])) + 1;
        if (strcmp(key, "name") == 0) {
            snprintf(L->name, sizeof L->name, "%.63s", val);
            continue;
        }
        if (!isnum)
            return fail(err, label, vcol, "expected a number, found '%s'", val);
        if (strcmp(key, "density") == 0) {
            if (!(v > 0))
                return fail(err, label, vcol, "density must be > 0 g/cm³, found '%s'", val);
            density = v;
        } else if (strcmp(key, "li6") == 0) {
            if (!(v >= 0 && v <= 1))
                return fail(err, label, vcol, "li6 is a fraction 0..1, found '%s'", val);
            L->li6_fraction = v;
        } else if (strcmp(key, "sld") == 0) {
            sld = v;
            have_sld = 1;
        } else if (strcmp(key, "isld") == 0) {
            isld = v;
        } else {
            return fail(err, label, (int)tpos[k] + 1,
                        "unknown option '%s' (density, li6, sld, isld, name)", key);
        }
    }
    if (!L->name[0])
        snprintf(L->name, sizeof L->name, "%.63s", mat);
    /* NAN marks "no thickness given": only the two media may omit it (see il_refl_model_parse) */
    L->thickness_A = nn > 0 ? nums[0] : NAN;
    L->roughness_A = nums[1];
    if (have_sld || strcasecmp(mat, "air") == 0 || strcasecmp(mat, "vacuum") == 0) {
        L->sld_re_1e6 = have_sld ? sld : 0.0;
        L->sld_im_1e6 = isld;
        return IL_OK;
    }
    il_material_resolved m;
    il_status st = il_material_resolve(NULL, mat, density, &m, err);
    if (st) {
        if (err) {
            int c = err->column > 0 ? err->column : 1;
            char msg[sizeof err->message];
            snprintf(msg, sizeof msg, "%s", err->message);
            il_error_set_at(err, st, label, 1, (int)tpos[0] + c, "%s", msg);
        }
        return st;
    }
    if (il_composition_from_formula(&m.formula, NULL, 0, &L->comp, NULL) != IL_OK)
        return fail(err, label, (int)tpos[0] + 1, "'%s' has too many elements", mat);
    L->density_g_cm3 = m.density_g_cm3;
    return IL_OK;
}

/* Items of text[a, b) separated by top-level '|'; groups "( ... ) x N" are expanded. */
static il_status parse_list(const char *text, size_t a, size_t b, const char *label,
                            layer_list *out, int depth, il_error *err)
{
    if (depth > 8)
        return fail(err, label, (int)a + 1, "groups nested too deeply%s", "");
    size_t i = a;
    while (i <= b) {
        size_t s = i;
        int level = 0;
        while (i < b && (level > 0 || text[i] != '|')) {
            if (text[i] == '(')
                level++;
            else if (text[i] == ')' && --level < 0)
                return fail(err, label, (int)i + 1, "')' without '('%s", "");
            i++;
        }
        if (level > 0)
            return fail(err, label, (int)s + 1, "'(' without ')'%s", "");
        size_t e = i; /* item is text[s, e) */
        while (s < e && isspace((unsigned char)text[s]))
            s++;
        while (e > s && isspace((unsigned char)text[e - 1]))
            e--;
        if (s == e)
            return fail(err, label, (int)s + 1, "empty layer between '|'%s", "");
        if (text[s] == '(') {
            size_t close = s, lv = 0;
            for (; close < e; close++) {
                if (text[close] == '(')
                    lv++;
                else if (text[close] == ')' && --lv == 0)
                    break;
            }
            size_t k = close + 1;
            while (k < e && isspace((unsigned char)text[k]))
                k++;
            if (k >= e || (text[k] != 'x' && text[k] != '*'))
                return fail(err, label, (int)k + 1, "expected 'x N' after a group%s", "");
            k++;
            double reps;
            while (k < e && isspace((unsigned char)text[k]))
                k++;
            if (number(text + k, e - k, &reps) || reps < 1 || reps > 100000 ||
                reps != floor(reps))
                return fail(err, label, (int)k + 1, "expected a repeat count, found '%.10s'",
                            text + k);
            layer_list g = {0};
            il_status st = parse_list(text, s + 1, close, label, &g, depth + 1, err);
            for (long r = 0; r < (long)reps && !st; r++)
                for (size_t j = 0; j < g.n && !st; j++)
                    st = push(out, &g.v[j], label, (int)s + 1, err);
            free(g.v);
            if (st)
                return st;
        } else {
            il_refl_layer_model L;
            il_status st = parse_layer(text, s, e, label, &L, err);
            if (!st)
                st = push(out, &L, label, (int)s + 1, err);
            if (st)
                return st;
        }
        if (i >= b)
            break;
        i++; /* past '|' */
    }
    return IL_OK;
}

il_status il_refl_model_parse(const char *text, const char *label, il_refl_layer_model **layers,
                              size_t *n, il_error *err)
{
    if (!label)
        label = "<model>";
    if (!text)
        return il_error_set(err, IL_ERR_INVALID, "no model text");
    layer_list l = {0};
    il_status st = parse_list(text, 0, strlen(text), label, &l, 0, err);
    if (!st && l.n < 2)
        st = il_error_set_at(err, IL_ERR_PARSE, label, 1, 1,
                             "a model needs a fronting and a backing medium: 'air | ... | Si'");
    for (size_t j = 1; !st && j + 1 < l.n; j++)
        if (isnan(l.v[j].thickness_A))
            st = il_error_set_at(err, IL_ERR_PARSE, label, 1, 1,
                                 "layer %zu ('%s') has no thickness (expected 'MATERIAL "
                                 "THICKNESS_Å [ROUGHNESS_Å]'; only the first and last media "
                                 "may omit it)",
                                 j + 1, l.v[j].name);
    if (st) {
        free(l.v);
        return st;
    }
    /* the fronting medium has no thickness and no roughness above it */
    l.v[0].thickness_A = 0;
    l.v[0].roughness_A = 0;
    if (isnan(l.v[l.n - 1].thickness_A))
        l.v[l.n - 1].thickness_A = 0;
    *layers = l.v;
    *n = l.n;
    return IL_OK;
}
