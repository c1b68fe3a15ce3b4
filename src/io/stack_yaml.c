/* Stack files in YAML (libfyaml). Every error carries file:line:column of the node at fault;
 * libfyaml's own diagnostics are collected, never printed. */
#include <errno.h>
#include <libfyaml.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/built.h"
#include "core/read_file.h"
#include "interlayer/elements.h"
#include "interlayer/ndp_io.h"
#include "interlayer/stack.h"
#include "interlayer/stack_io.h"
#include "interlayer/units.h"
#include "io/yaml_doc.h"

#define MAX_FILE_BYTES (16u << 20) /* a stack file is text of a few kB */
#define MAX_PERIOD_DEPTH 4

typedef struct {
    const char *label; /* file name for messages */
    il_material_db *db;
    il_stack *stack;
    il_error *err;
    size_t layer; /* 1-based number of the layer being read, for messages */
} reader;

/* libfyaml 0.7 marks scalars only (through their token): a mapping or sequence is located by
 * its first scalar, i.e. its first key or item, which is where a reader looks anyway. */
static void where(struct fy_node *n, int *line, int *col)
{
    struct fy_node *orig = n;
    for (int depth = 0; n && !fy_node_is_scalar(n) && depth < 64; depth++) {
        void *it = NULL;
        if (fy_node_is_mapping(n)) {
            struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
            n = p ? fy_node_pair_key(p) : NULL;
        } else {
            n = fy_node_sequence_iterate(n, &it);
        }
    }
    struct fy_node *parent = orig ? fy_node_get_parent(orig) : NULL;
    int has_token = n && fy_node_is_scalar(n) && fy_node_get_scalar_token(n);
    if (!has_token && parent && parent != orig) { /* an empty [] or {}: point at its parent */
        where(parent, line, col);
        return;
    }
    il_yaml_scalar_mark(n, line, col);
}

static il_status fail(reader *r, il_status code, struct fy_node *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static il_status fail(reader *r, il_status code, struct fy_node *n, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    where(n, &line, &col);
    return il_error_set_at(r->err, code, r->label, line, col, "%s", msg);
}

/* The text of a scalar node, or an error naming what was expected. */
static il_status scalar(reader *r, struct fy_node *n, const char *key, const char **out)
{
    if (!n || !fy_node_is_scalar(n))
        return fail(r, IL_ERR_PARSE, n, "'%s' must be a single value", key);
    const char *s = fy_node_get_scalar0(n);
    if (!s)
        return fail(r, IL_ERR_NOMEM, n, "out of memory");
    *out = s;
    return IL_OK;
}

static il_status number(reader *r, struct fy_node *n, const char *key, double *out)
{
    const char *s;
    il_status st = scalar(r, n, key, &s);
    if (st)
        return st;
    il_error sub;
    if (il_parse_number(s, out, &sub) != IL_OK)
        return fail(r, IL_ERR_PARSE, n, "%s: '%s' is not a number", key, s);
    return IL_OK;
}

/* A density: a number in g/cm3, optionally followed by "g/cm3". */
static il_status density(reader *r, struct fy_node *n, double *out)
{
    const char *s;
    il_status st = scalar(r, n, "density", &s);
    if (st)
        return st;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", s);
    char *unit = strstr(buf, "g/c");
    if (unit && (strcmp(unit, "g/cm3") == 0 || strcmp(unit, "g/cc") == 0 ||
                 strcmp(unit, "g/cm^3") == 0))
        *unit = '\0';
    il_error sub;
    if (il_parse_number(buf, out, &sub) != IL_OK || !(*out > 0))
        return fail(r, IL_ERR_INVALID, n,
                    "density: '%s' is not a density in g/cm3 (a number > 0, e.g. 2.4)", s);
    if (*out > IL_MAX_DENSITY_G_CM3)
        return fail(r, IL_ERR_RANGE, n,
                    "density: %s g/cm3 is above the largest allowed, " IL_MAX_DENSITY_TEXT, buf);
    if (*out < IL_MIN_DENSITY_G_CM3)
        return fail(r, IL_ERR_RANGE, n,
                    "density: %s g/cm3 is below the smallest allowed, " IL_MIN_DENSITY_TEXT, buf);
    return IL_OK;
}

static const char *suggest_key(const char *key, const char *const *keys, size_t n, char *buf,
                               size_t size)
{
    const char *near = il_suggest(key, keys, n);
    buf[0] = '\0';
    if (near)
        snprintf(buf, size, "did you mean '%s'? ", near);
    return buf;
}

static il_status enrichment(reader *r, struct fy_node *n, il_layer_spec *spec, il_enrichment *enr)
{
    if (!fy_node_is_mapping(n))
        return fail(r, IL_ERR_PARSE, n, "layer %zu: enrichment is a mapping such as "
                    "{Li6: 0.95}", r->layer);
    void *it = NULL;
    struct fy_node_pair *p;
    while ((p = fy_node_mapping_iterate(n, &it))) {
        struct fy_node *kn = fy_node_pair_key(p), *vn = fy_node_pair_value(p);
        const char *key;
        il_status st = scalar(r, kn, "enrichment key", &key);
        if (st)
            return st;
        int Z, A;
        if (il_stack_parse_isotope_key(key, &Z, &A, NULL) != IL_OK)
            return fail(r, IL_ERR_NOT_FOUND, kn, "layer %zu: '%s' is not an isotope (expected "
                        "e.g. Li6, B10)", r->layer, key);
        double f;
        if ((st = number(r, vn, key, &f)) != IL_OK)
            return st;
        if (!(f >= 0 && f <= 1))
            return fail(r, IL_ERR_INVALID, vn, "layer %zu: %s fraction %g must be within "
                        "[0, 1]", r->layer, key, f);
        for (size_t k = 0; k < spec->n_enrich; k++)
            if (enr[k].Z == Z && enr[k].A == A)
                return fail(r, IL_ERR_INVALID, kn, "layer %zu: %s given twice", r->layer, key);
        if (spec->n_enrich >= IL_ENRICH_MAX)
            return fail(r, IL_ERR_RANGE, kn, "layer %zu: more than %d isotope fractions",
                        r->layer, IL_ENRICH_MAX);
        enr[spec->n_enrich++] = (il_enrichment){Z, A, f};
    }
    return IL_OK;
}

/* ---- concentration profiles: `profile: {element: Li, kind: erf, ...}` or a list of them ---- */

/* A length with its unit ("1.2um"), for messages named by key. */
static il_status length_nm(reader *r, struct fy_node *n, const char *key, double *out)
{
    const char *s;
    il_status st = scalar(r, n, key, &s);
    if (st)
        return st;
    /* a depth of zero ("0", "0nm") is the layer's top; units parses only positive lengths */
    char *end;
    if (strtod(s, &end) == 0.0 && end != s) {
        char probe[64];
        snprintf(probe, sizeof probe, "1%s", end);
        il_error ignore;
        if (*end == '\0' || il_parse_length_nm(probe, out, &ignore) == IL_OK) {
            *out = 0.0;
            return IL_OK;
        }
    }
    il_error sub;
    if (il_parse_length_nm(s, out, &sub) != IL_OK)
        return fail(r, sub.code, n, "layer %zu: profile %s '%s': %s", r->layer, key, s,
                    sub.message);
    return IL_OK;
}

/* A profile file (depth nm, value per formula unit; the NDP points format), relative to the
 * directory of the stack file. */
static il_status profile_file(reader *r, struct fy_node *n, il_layer_profile *p)
{
    const char *s;
    il_status st = scalar(r, n, "file", &s);
    if (st)
        return st;
    char path[1024];
    const char *slash = strrchr(r->label, '/');
    if (s[0] != '/' && slash)
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - r->label), r->label, s);
    else
        snprintf(path, sizeof path, "%s", s);
    double *z = NULL, *v = NULL;
    size_t k = 0;
    il_error sub;
    st = il_ndp_points_load(path, &z, &v, &k, &sub);
    if (!st && (k < 1 || k > IL_PROFILE_POINTS_MAX))
        st = il_error_set(&sub, IL_ERR_INVALID, "%zu points; give 1..%d", k,
                          IL_PROFILE_POINTS_MAX);
    if (st) {
        free(z);
        free(v);
        if (sub.line > 0) /* the place inside the profile file is the useful one */
            return il_error_set_at(r->err, st, sub.file, sub.line, sub.column,
                                   "profile of layer %zu: %s", r->layer, sub.message);
        return fail(r, st, n, "layer %zu: profile file '%s': %s", r->layer, path, sub.message);
    }
    for (size_t i = 0; i < k; i++)
        p->depth_nm[i] = z[i], p->value[i] = v[i];
    p->n = k;
    free(z);
    free(v);
    return IL_OK;
}

/* points: [[0nm, 3.0], [100nm, 2.8], ...] */
static il_status profile_points(reader *r, struct fy_node *n, il_layer_profile *p)
{
    if (!n || !fy_node_is_sequence(n) || fy_node_sequence_item_count(n) < 1)
        return fail(r, IL_ERR_PARSE, n, "layer %zu: profile points must be a list of [depth, "
                    "value] pairs such as [[0nm, 3.0], [100nm, 2.8]]", r->layer);
    void *it = NULL;
    struct fy_node *item;
    size_t k = 0;
    while ((item = fy_node_sequence_iterate(n, &it))) {
        if (!fy_node_is_sequence(item) || fy_node_sequence_item_count(item) != 2)
            return fail(r, IL_ERR_PARSE, item, "layer %zu: profile point %zu must be [depth, "
                        "value]", r->layer, k + 1);
        if (k == IL_PROFILE_POINTS_MAX)
            return fail(r, IL_ERR_RANGE, item, "layer %zu: more than %d profile points",
                        r->layer, IL_PROFILE_POINTS_MAX);
        il_status st = length_nm(r, fy_node_sequence_get_by_index(item, 0), "depth",
                                 &p->depth_nm[k]);
        struct fy_node *vn = fy_node_sequence_get_by_index(item, 1);
        if (!st)
            st = number(r, vn, "value", &p->value[k]);
        if (st)
            return st;
        if (p->value[k] < 0)
            return fail(r, IL_ERR_INVALID, vn, "layer %zu: profile value %g must be >= 0 (atoms "
                        "per formula unit)", r->layer, p->value[k]);
        if (k > 0 && p->depth_nm[k] < p->depth_nm[k - 1])
            return fail(r, IL_ERR_INVALID, fy_node_sequence_get_by_index(item, 0), "layer %zu: "
                        "profile depth %g nm is above the previous point's (%g nm)", r->layer,
                        p->depth_nm[k], p->depth_nm[k - 1]);
        k++;
    }
    p->n = k;
    return IL_OK;
}

static il_status profile_species(reader *r, struct fy_node *n, il_layer_profile *p)
{
    const char *s;
    il_status st = scalar(r, n, "element", &s);
    if (st)
        return st;
    const il_element *el = il_element_by_symbol(s);
    if (el) {
        p->Z = el->Z, p->A = 0;
        return IL_OK;
    }
    if (il_stack_parse_isotope_key(s, &p->Z, &p->A, NULL) == IL_OK)
        return IL_OK;
    return fail(r, IL_ERR_INVALID, n, "layer %zu: profile element '%s' is neither an element "
                "(Li) nor an isotope (Li6, 6Li)", r->layer, s);
}

static il_status profile_one(reader *r, struct fy_node *n, size_t layer_index)
{
    static const char *const keys[] = {"element", "kind", "points", "file", "top", "bottom",
                                       "centre", "center", "width", "interface", "bulk",
                                       "length", "from"};
    if (!n || !fy_node_is_mapping(n))
        return fail(r, IL_ERR_PARSE, n, "layer %zu: a profile is a mapping such as {element: "
                    "Li, kind: linear, points: [[0nm, 3.0], [1um, 2.5]]}", r->layer);
    il_layer_profile p;
    memset(&p, 0, sizeof p);
    p.kind = (il_profile_kind)-1;
    struct fy_node *species = NULL, *kind = NULL, *data = NULL;
    int have[13] = {0};
    void *it = NULL;
    struct fy_node_pair *pair;
    il_status st = IL_OK;
    while ((pair = fy_node_mapping_iterate(n, &it)) && !st) {
        struct fy_node *kn = fy_node_pair_key(pair), *vn = fy_node_pair_value(pair);
        const char *key, *s;
        if ((st = scalar(r, kn, "key", &key)) != IL_OK)
            return st;
        size_t k;
        for (k = 0; k < sizeof keys / sizeof keys[0] && strcmp(key, keys[k]) != 0; k++)
            ;
        if (k == sizeof keys / sizeof keys[0]) {
            char hint[64];
            return fail(r, IL_ERR_PARSE, kn, "layer %zu: unknown profile key '%s' (%sexpected "
                        "element, kind, points, file, top, bottom, centre, width, interface, "
                        "bulk, length, from)", r->layer, key,
                        suggest_key(key, keys, sizeof keys / sizeof keys[0], hint, sizeof hint));
        }
        have[k] = 1;
        switch (k) {
        case 0: st = profile_species(r, vn, &p), species = vn; break;
        case 1:
            if ((st = scalar(r, vn, key, &s)) != IL_OK)
                break;
            kind = vn;
            if (strcmp(s, "linear") == 0)
                p.kind = IL_PROFILE_LINEAR;
            else if (strcmp(s, "steps") == 0)
                p.kind = IL_PROFILE_STEPS;
            else if (strcmp(s, "erf") == 0)
                p.kind = IL_PROFILE_ERF;
            else if (strcmp(s, "exp") == 0)
                p.kind = IL_PROFILE_EXP;
            else
                st = fail(r, IL_ERR_INVALID, vn, "layer %zu: profile kind '%s' (expected "
                          "linear, steps, erf or exp)", r->layer, s);
            break;
        case 2: st = profile_points(r, vn, &p), data = vn; break;
        case 3: st = profile_file(r, vn, &p), data = vn; break;
        case 4: st = number(r, vn, key, &p.top); break;
        case 5: st = number(r, vn, key, &p.bottom); break;
        case 6: case 7: st = length_nm(r, vn, key, &p.centre_nm); break;
        case 8: st = length_nm(r, vn, key, &p.width_nm); break;
        case 9: st = number(r, vn, key, &p.at_interface); break;
        case 10: st = number(r, vn, key, &p.bulk); break;
        case 11: st = length_nm(r, vn, key, &p.length_nm); break;
        case 12:
            if ((st = scalar(r, vn, key, &s)) != IL_OK)
                break;
            if (strcmp(s, "top") == 0 || strcmp(s, "bottom") == 0)
                p.from_bottom = strcmp(s, "bottom") == 0;
            else
                st = fail(r, IL_ERR_INVALID, vn, "layer %zu: profile from '%s' (expected top "
                          "or bottom)", r->layer, s);
            break;
        }
    }
    if (st)
        return st;
    if (!species)
        return fail(r, IL_ERR_PARSE, n, "layer %zu: the profile names no element (element: "
                    "Li)", r->layer);
    if (have[2] && have[3])
        return fail(r, IL_ERR_PARSE, data, "layer %zu: give profile points or a file, not both",
                    r->layer);
    if ((int)p.kind < 0)
        p.kind = IL_PROFILE_LINEAR; /* points or a file without a kind: straight lines */
    int pts = p.kind == IL_PROFILE_LINEAR || p.kind == IL_PROFILE_STEPS;
    static const int need_erf[] = {4, 5, 6, 8}, need_exp[] = {9, 10, 11};
    if (pts && !data)
        return fail(r, IL_ERR_PARSE, kind ? kind : n, "layer %zu: a %s profile needs points "
                    "or a file", r->layer, p.kind == IL_PROFILE_STEPS ? "steps" : "linear");
    for (size_t i = 0; p.kind == IL_PROFILE_ERF && i < 4; i++)
        if (!have[need_erf[i]] && !(need_erf[i] == 6 && have[7]))
            return fail(r, IL_ERR_PARSE, kind, "layer %zu: an erf profile needs top, bottom, "
                        "centre and width (missing %s)", r->layer, keys[need_erf[i]]);
    for (size_t i = 0; p.kind == IL_PROFILE_EXP && i < 3; i++)
        if (!have[need_exp[i]])
            return fail(r, IL_ERR_PARSE, kind, "layer %zu: an exp profile needs interface, "
                        "bulk and length (missing %s)", r->layer, keys[need_exp[i]]);
    il_error sub;
    if (il_stack_add_profile(r->stack, layer_index, &p, &sub) != IL_OK)
        return fail(r, sub.code, n, "%s", sub.message);
    return IL_OK;
}

/* `profile:` holds one profile mapping or a list of them. */
static il_status profiles(reader *r, struct fy_node *n, size_t layer_index)
{
    if (n && fy_node_is_sequence(n)) {
        void *it = NULL;
        struct fy_node *item;
        il_status st;
        while ((item = fy_node_sequence_iterate(n, &it)))
            if ((st = profile_one(r, item, layer_index)) != IL_OK)
                return st;
        return IL_OK;
    }
    return profile_one(r, n, layer_index);
}

/* Reads one layer mapping (or the substrate) and adds it to the stack. */
static il_status layer(reader *r, struct fy_node *n, int substrate)
{
    static const char *const keys[] = {"material", "thickness", "areal_density", "density",
                                       "roughness", "rough", "enrichment", "stopping_factor",
                                       "factor", "name", "repeat", "period", "profile",
                                       "profiles"};
    if (!n || !fy_node_is_mapping(n))
        return fail(r, IL_ERR_PARSE, n, "%s must be a mapping such as {material: LiCoO2, "
                    "thickness: 1um}", substrate ? "the substrate" : "a layer");
    il_layer_spec spec;
    memset(&spec, 0, sizeof spec);
    il_enrichment enr[IL_ENRICH_MAX];
    spec.enrich = enr;
    struct fy_node *thick = NULL, *mat = NULL, *prof = NULL;
    void *it = NULL;
    struct fy_node_pair *p;
    il_status st = IL_OK;
    while ((p = fy_node_mapping_iterate(n, &it))) {
        struct fy_node *kn = fy_node_pair_key(p), *vn = fy_node_pair_value(p);
        const char *key, *s;
        if ((st = scalar(r, kn, "key", &key)) != IL_OK)
            return st;
        if (strcmp(key, "material") == 0) {
            if ((st = scalar(r, vn, key, &spec.material)) != IL_OK)
                return st;
            mat = vn;
        } else if (strcmp(key, "thickness") == 0 || strcmp(key, "areal_density") == 0) {
            if (substrate)
                return fail(r, IL_ERR_INVALID, kn, "the substrate is semi-infinite: it has no "
                            "%s", key);
            if (thick)
                return fail(r, IL_ERR_INVALID, kn, "layer %zu: give thickness or areal_density, "
                            "not both", r->layer);
            if ((st = scalar(r, vn, key, &s)) != IL_OK)
                return st;
            il_error sub;
            if (il_parse_thickness(s, &spec.thickness, &spec.kind, &sub) != IL_OK)
                return fail(r, sub.code, vn, "layer %zu: %s", r->layer, sub.message);
            thick = vn;
        } else if (strcmp(key, "density") == 0) {
            if ((st = density(r, vn, &spec.density_g_cm3)) != IL_OK)
                return st;
        } else if (strcmp(key, "roughness") == 0 || strcmp(key, "rough") == 0) {
            if ((st = scalar(r, vn, key, &s)) != IL_OK)
                return st;
            il_error sub;
            if (il_parse_roughness_nm(s, &spec.roughness_nm, &sub) != IL_OK)
                return fail(r, sub.code, vn, "layer %zu: roughness: %s", r->layer, sub.message);
        } else if (strcmp(key, "enrichment") == 0) {
            if ((st = enrichment(r, vn, &spec, enr)) != IL_OK)
                return st;
        } else if (strcmp(key, "stopping_factor") == 0 || strcmp(key, "factor") == 0) {
            if ((st = number(r, vn, key, &spec.stopping_factor)) != IL_OK)
                return st;
            if (!(spec.stopping_factor > 0))
                return fail(r, IL_ERR_INVALID, vn, "layer %zu: %s must be > 0", r->layer, key);
        } else if (strcmp(key, "name") == 0) {
            if ((st = scalar(r, vn, key, &spec.name)) != IL_OK)
                return st;
        } else if (strcmp(key, "repeat") == 0 || strcmp(key, "period") == 0) {
            continue; /* handled by the caller */
        } else if (strcmp(key, "profile") == 0 || strcmp(key, "profiles") == 0) {
            prof = vn; /* read once the layer exists */
        } else {
            char hint[64];
            return fail(r, IL_ERR_PARSE, kn, "unknown key '%s' in %s (%sexpected material, "
                        "thickness, areal_density, density, roughness, enrichment, "
                        "stopping_factor, name, repeat, profile)", key,
                        substrate ? "the substrate" : "a layer",
                        suggest_key(key, keys, sizeof keys / sizeof keys[0], hint, sizeof hint));
        }
    }
    if (!spec.material)
        return fail(r, IL_ERR_PARSE, n, "%s has no material", substrate ? "the substrate"
                    : "layer");
    if (!substrate && !thick)
        return fail(r, IL_ERR_PARSE, n, "layer %zu '%s': missing thickness (e.g. thickness: "
                    "1um; only the substrate has none)", r->layer, spec.material);
    spec.substrate = substrate;
    if ((st = il_stack_add(r->stack, &spec, r->db, r->err)) != IL_OK) {
        /* point at the material value, or inside it for a formula error */
        int line, col;
        where(mat, &line, &col);
        int inner = r->err ? r->err->column : 0;
        if (r->err) {
            snprintf(r->err->file, sizeof r->err->file, "%s", r->label);
            r->err->line = line;
            r->err->column = col + (inner > 0 ? inner - 1 : 0);
        }
        return st;
    }
    if (prof)
        return profiles(r, prof, il_stack_count(r->stack) - 1);
    return IL_OK;
}

static il_status repeat_count(reader *r, struct fy_node *n, long *count)
{
    struct fy_node *rn = fy_node_mapping_lookup_by_string(n, "repeat", FY_NT);
    *count = 1;
    if (!rn)
        return IL_OK;
    double v;
    il_status st = number(r, rn, "repeat", &v);
    if (st)
        return st;
    if (v < 1 || v > IL_STACK_MAX_LAYERS || v != floor(v))
        return fail(r, IL_ERR_INVALID, rn, "repeat must be a whole number from 1 to %d",
                    IL_STACK_MAX_LAYERS);
    *count = (long)v;
    return IL_OK;
}

static il_status layers(reader *r, struct fy_node *seq, int depth)
{
    if (!seq || !fy_node_is_sequence(seq))
        return fail(r, IL_ERR_PARSE, seq, "'layers' must be a list of layers (- {material: "
                    "Pt, thickness: 50nm})");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &it))) {
        long count = 1;
        il_status st;
        if (fy_node_is_mapping(item) && (st = repeat_count(r, item, &count)) != IL_OK)
            return st;
        struct fy_node *period =
            fy_node_is_mapping(item) ? fy_node_mapping_lookup_by_string(item, "period", FY_NT)
                                     : NULL;
        if (period) {
            if (depth >= MAX_PERIOD_DEPTH)
                return fail(r, IL_ERR_PARSE, period, "periods nested deeper than %d",
                            MAX_PERIOD_DEPTH);
            if (fy_node_mapping_item_count(item) != (fy_node_mapping_lookup_by_string(
                                                         item, "repeat", FY_NT) ? 2 : 1))
                return fail(r, IL_ERR_PARSE, item, "a period holds only 'period' and 'repeat'");
            /* an empty period repeated (and nested) would spin without adding layers */
            if (!fy_node_is_sequence(period) || fy_node_sequence_item_count(period) < 1)
                return fail(r, IL_ERR_PARSE, period, "a period is a non-empty list of layers");
            for (long k = 0; k < count; k++) {
                if (il_stack_count(r->stack) >= IL_STACK_MAX_LAYERS)
                    return fail(r, IL_ERR_RANGE, item, "more than %d layers",
                                IL_STACK_MAX_LAYERS);
                if ((st = layers(r, period, depth + 1)) != IL_OK)
                    return st;
            }
            continue;
        }
        for (long k = 0; k < count; k++) {
            if (il_stack_count(r->stack) >= IL_STACK_MAX_LAYERS)
                return fail(r, IL_ERR_RANGE, item, "more than %d layers", IL_STACK_MAX_LAYERS);
            r->layer = il_stack_count(r->stack) + 1;
            if ((st = layer(r, item, 0)) != IL_OK)
                return st;
        }
    }
    return IL_OK;
}

static il_status materials(reader *r, struct fy_node *seq)
{
    static const char *const keys[] = {"name", "formula", "density", "source", "description"};
    if (!fy_node_is_sequence(seq))
        return fail(r, IL_ERR_PARSE, seq, "'materials' must be a list such as - {name: X, "
                    "formula: Li2O, density: 2.0}");
    void *it = NULL;
    struct fy_node *item;
    while ((item = fy_node_sequence_iterate(seq, &it))) {
        if (!fy_node_is_mapping(item))
            return fail(r, IL_ERR_PARSE, item, "a material is a mapping {name, formula, "
                        "density, source}");
        const char *name = NULL, *formula = NULL, *source = NULL, *desc = NULL;
        double rho = 0;
        struct fy_node *fnode = NULL;
        void *jt = NULL;
        struct fy_node_pair *p;
        il_status st;
        while ((p = fy_node_mapping_iterate(item, &jt))) {
            struct fy_node *kn = fy_node_pair_key(p), *vn = fy_node_pair_value(p);
            const char *key;
            if ((st = scalar(r, kn, "key", &key)) != IL_OK)
                return st;
            if (strcmp(key, "name") == 0)
                st = scalar(r, vn, key, &name);
            else if (strcmp(key, "formula") == 0) {
                st = scalar(r, vn, key, &formula);
                fnode = vn;
            } else if (strcmp(key, "density") == 0)
                st = density(r, vn, &rho);
            else if (strcmp(key, "source") == 0)
                st = scalar(r, vn, key, &source);
            else if (strcmp(key, "description") == 0)
                st = scalar(r, vn, key, &desc);
            else {
                char hint[64];
                return fail(r, IL_ERR_PARSE, kn, "unknown key '%s' in a material (%sexpected "
                            "name, formula, density, source, description)", key,
                            suggest_key(key, keys, 5, hint, sizeof hint));
            }
            if (st)
                return st;
        }
        if (!name || !formula || rho <= 0)
            return fail(r, IL_ERR_PARSE, item, "a material needs name, formula and density");
        if ((st = il_material_db_add(r->db, name, formula, rho, source ? source : "stack file",
                                     desc, r->err)) != IL_OK) {
            int line, col, inner = r->err ? r->err->column : 0;
            where(fnode, &line, &col);
            if (r->err) {
                snprintf(r->err->file, sizeof r->err->file, "%s", r->label);
                r->err->line = line;
                r->err->column = col + (inner > 0 ? inner - 1 : 0);
            }
            return st;
        }
    }
    return IL_OK;
}

static il_status document(reader *r, struct fy_node *root)
{
    static const char *const keys[] = {"name", "description", "materials", "layers",
                                       "substrate"};
    if (!root || !fy_node_is_mapping(root))
        return fail(r, IL_ERR_PARSE, root, "a stack file is a mapping with 'layers' (and "
                    "optionally name, materials, substrate)");
    il_status st;
    /* materials first, whatever the order in the file, so layers can use them */
    struct fy_node *mats = fy_node_mapping_lookup_by_string(root, "materials", FY_NT);
    if (mats && (st = materials(r, mats)) != IL_OK)
        return st;
    void *it = NULL;
    struct fy_node_pair *p;
    struct fy_node *lay = NULL, *sub = NULL;
    while ((p = fy_node_mapping_iterate(root, &it))) {
        struct fy_node *kn = fy_node_pair_key(p), *vn = fy_node_pair_value(p);
        const char *key, *s;
        if ((st = scalar(r, kn, "key", &key)) != IL_OK)
            return st;
        if (strcmp(key, "name") == 0) {
            if ((st = scalar(r, vn, key, &s)) != IL_OK)
                return st;
            il_stack_set_name(r->stack, s, NULL);
        } else if (strcmp(key, "description") == 0 || strcmp(key, "materials") == 0) {
            continue;
        } else if (strcmp(key, "layers") == 0) {
            lay = vn;
        } else if (strcmp(key, "substrate") == 0) {
            sub = vn;
        } else {
            char hint[64];
            return fail(r, IL_ERR_PARSE, kn, "unknown key '%s' (%sexpected name, description, "
                        "materials, layers, substrate)", key,
                        suggest_key(key, keys, 5, hint, sizeof hint));
        }
    }
    if (!lay && !sub)
        return fail(r, IL_ERR_PARSE, root, "no 'layers' in the stack file");
    if (lay && (st = layers(r, lay, 0)) != IL_OK)
        return st;
    if (sub) {
        r->layer = il_stack_count(r->stack) + 1;
        if ((st = layer(r, sub, 1)) != IL_OK)
            return st;
    }
    return IL_OK;
}

il_status il_stack_parse_yaml(const char *text, size_t len, const char *label,
                                  const il_material_db *db, il_stack **out, il_error *err)
{
    if (!text || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_parse_yaml: NULL argument");
    *out = NULL;
    if (!label)
        label = "<string>";
    il_yaml_source src = {label, 1, 0, NULL};
    il_yaml_doc yd;
    il_status pst = il_yaml_doc_parse(text, len, &src, &yd, err);
    if (pst)
        return pst;
    il_material_db *copy = NULL;
    il_stack *s = NULL;
    il_status st = il_material_db_clone(db, &copy, err);
    if (!st)
        st = il_stack_new("", &s, err);
    if (!st) {
        reader r = {label, copy, s, err, 0};
        st = document(&r, il_yaml_doc_root(&yd));
    }
    il_yaml_doc_free(&yd);
    il_material_db_free(copy);
    IL_RETURN_BUILT(st, s, il_stack_free, out);
}

il_status il_stack_load_yaml(const char *path, const il_material_db *db, il_stack **out,
                             il_error *err)
{
    if (!path || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_load_yaml: NULL argument");
    *out = NULL;
    char *buf;
    size_t len;
    il_status rs = il_read_file(path, MAX_FILE_BYTES, "stack file", &buf, &len, err);
    if (rs)
        return rs;
    il_status st = il_stack_parse_yaml(buf, len, path, db, out, err);
    free(buf);
    return st;
}
