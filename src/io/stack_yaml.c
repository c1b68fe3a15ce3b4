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

#include "core/read_file.h"
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
    struct fy_token *t = n && fy_node_is_scalar(n) ? fy_node_get_scalar_token(n) : NULL;
    struct fy_node *parent = orig ? fy_node_get_parent(orig) : NULL;
    if (!t && parent && parent != orig) { /* an empty [] or {}: point at its parent */
        where(parent, line, col);
        return;
    }
    const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
    *line = m ? m->line + 1 : 0;
    *col = m ? m->column + 1 : 0;
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
    if (il_parse_number(buf, out, &sub) != IL_OK || !(*out > 0) || *out > 30)
        return fail(r, IL_ERR_INVALID, n,
                    "density: '%s' is not a density in g/cm3 (a number > 0, e.g. 2.4)", s);
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

/* Reads one layer mapping (or the substrate) and adds it to the stack. */
static il_status layer(reader *r, struct fy_node *n, int substrate)
{
    static const char *const keys[] = {"material", "thickness", "areal_density", "density",
                                       "roughness", "rough", "enrichment", "stopping_factor",
                                       "factor", "name", "repeat", "period"};
    if (!n || !fy_node_is_mapping(n))
        return fail(r, IL_ERR_PARSE, n, "%s must be a mapping such as {material: LiCoO2, "
                    "thickness: 1um}", substrate ? "the substrate" : "a layer");
    il_layer_spec spec;
    memset(&spec, 0, sizeof spec);
    il_enrichment enr[IL_ENRICH_MAX];
    spec.enrich = enr;
    struct fy_node *thick = NULL, *mat = NULL;
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
            if (strcmp(s, "0") != 0 && il_parse_length_nm(s, &spec.roughness_nm, &sub) != IL_OK)
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
        } else {
            char hint[64];
            return fail(r, IL_ERR_PARSE, kn, "unknown key '%s' in %s (%sexpected material, "
                        "thickness, areal_density, density, roughness, enrichment, "
                        "stopping_factor, name, repeat)", key,
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
    if (st) {
        il_stack_free(s);
        return st;
    }
    *out = s;
    return IL_OK;
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
