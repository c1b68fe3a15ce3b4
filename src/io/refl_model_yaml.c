/* YAML model files for reflectometry fits (format in include/interlayer/refl_model.h). */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "core/read_file.h"
#include "interlayer/material.h"
#include "interlayer/refl_model.h"
#include "interlayer/scattering.h"
#include "interlayer/units.h"
#include "io/yaml_doc.h"
#include "core/grow.h"

typedef struct {
    const char *label;
    il_refl_model *m;
    il_error *err;
} ctx;

static void mark_of(struct fy_node *n, int *line, int *col)
{
    *line = 0;
    *col = 0;
    if (n && fy_node_is_mapping(n)) {
        void *it = NULL;
        struct fy_node_pair *p = fy_node_mapping_iterate(n, &it);
        n = p ? fy_node_pair_key(p) : NULL;
    } else if (n && fy_node_is_sequence(n)) {
        n = fy_node_sequence_get_by_index(n, 0);
        if (n && !fy_node_is_scalar(n)) {
            mark_of(n, line, col);
            return;
        }
    }
    il_yaml_scalar_mark(n, line, col);
}

static il_status fail(ctx *c, struct fy_node *n, const char *fmt, const char *a, const char *b)
{
    int line, col;
    mark_of(n, &line, &col);
    return il_error_set_at(c->err, IL_ERR_PARSE, c->label, line, col, fmt, a, b);
}

static const char *scalar(struct fy_node *n) { return n && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL; }

static int to_double(const char *s, double *v)
{
    if (!s)
        return -1;
    /* decimal only, as everywhere: "0x10" or ".inf" is no model value */
    return il_parse_number(s, v, NULL) == IL_OK ? 0 : -1;
}

/* Adds (or finds, when the name is taken: sharing) a parameter; returns its index or -1. */
static int add_param(ctx *c, const char *name, double v, double lo, double hi, int is_free)
{
    il_refl_model *m = c->m;
    for (size_t i = 0; i < m->nparams; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return (int)i;
    il_refl_param_spec *s = IL_GROW_ONE_ZEROED(m->params, m->nparams, c->err);
    if (!s)
        return -1;
    snprintf(s->name, sizeof s->name, "%s", name);
    s->value = v;
    s->lo = lo;
    s->hi = hi;
    s->free = is_free;
    return (int)m->nparams++;
}

static il_status add_binding(ctx *c, il_refl_model_binding **b, size_t *nb, int param, int layer,
                             il_refl_quantity q)
{
    /* a later binding of the same target replaces the earlier (dataset overrides) */
    for (size_t i = 0; i < *nb; i++)
        if ((*b)[i].layer == layer && (*b)[i].q == q) {
            (*b)[i].param = param;
            return IL_OK;
        }
    il_status gs = IL_GROW_ARRAY(*b, *nb + 1, c->err);
    if (gs)
        return gs;
    (*b)[(*nb)++] = (il_refl_model_binding){param, layer, q};
    return IL_OK;
}

/* Reads a number or {value, min, max[, name]}. *param = -1 for a fixed number, else the index
 * of the free parameter (default name `defname`). */
static il_status read_value(ctx *c, struct fy_node *n, const char *defname, double *v, int *param)
{
    *param = -1;
    if (fy_node_is_scalar(n)) {
        if (to_double(scalar(n), v))
            return fail(c, n, "expected a number, found '%s'%s", scalar(n), "");
        return IL_OK;
    }
    if (!fy_node_is_mapping(n))
        return fail(c, n, "expected a number or {value, min, max}%s%s", "", "");
    double lo = NAN, hi = NAN;
    const char *name = defname;
    *v = NAN;
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *k;
    while (il_yaml_next_pair(n, &it, &kn, &k, &vn)) {
        double x;
        if (k && strcmp(k, "name") == 0 && scalar(vn)) {
            name = scalar(vn);
            continue;
        }
        if (!k || !vn || to_double(scalar(vn), &x))
            return fail(c, vn ? vn : kn, "'%s': expected a number%s",
                        k ? k : "?", "");
        if (strcmp(k, "value") == 0)
            *v = x;
        else if (strcmp(k, "min") == 0)
            lo = x;
        else if (strcmp(k, "max") == 0)
            hi = x;
        else
            return fail(c, kn, "unknown key '%s' (value, min, max, name)%s", k,
                        "");
    }
    if (isnan(lo) || isnan(hi) || !(lo < hi))
        return fail(c, n, "a fitted value needs min < max%s%s", "", "");
    if (isnan(*v))
        *v = 0.5 * (lo + hi);
    if (*v < lo || *v > hi)
        return fail(c, n, "value outside [min, max]%s%s", "", "");
    *param = add_param(c, name, *v, lo, hi, 1);
    return *param < 0 ? IL_ERR_NOMEM : IL_OK;
}

static const struct {
    const char *key;
    il_refl_quantity q;
} layer_keys[] = {{"thickness", IL_REFL_P_THICKNESS}, {"roughness", IL_REFL_P_ROUGHNESS},
                  {"sld", IL_REFL_P_SLD_RE},          {"isld", IL_REFL_P_SLD_IM},
                  {"density", IL_REFL_P_DENSITY},     {"li6", IL_REFL_P_LI6}};

/* Applies the keys of mapping n to layer j of `layers` (for a new layer, `fresh` = 1 also
 * reads name/material). Free values bind into (b, nb). */
static il_status read_layer(ctx *c, struct fy_node *n, il_refl_layer_model *layers, int j,
                            int fresh, il_refl_model_binding **b, size_t *nb)
{
    il_refl_layer_model *L = &layers[j];
    if (!fy_node_is_mapping(n))
        return fail(c, n, "a layer is a mapping {name, material, thickness, ...}%s%s", "", "");
    if (fresh) {
        memset(L, 0, sizeof *L);
        L->li6_fraction = -1.0;
        const char *name = fy_node_mapping_lookup_scalar0_by_simple_key(n, "name", 4);
        const char *mat = fy_node_mapping_lookup_scalar0_by_simple_key(n, "material", 8);
        struct fy_node *dn = fy_node_mapping_lookup_value_by_simple_key(n, "density", 7);
        double dens = 0;
        if (dn && fy_node_is_scalar(dn))
            to_double(scalar(dn), &dens);
        else if (dn && fy_node_is_mapping(dn))
            to_double(fy_node_mapping_lookup_scalar0_by_simple_key(dn, "value", 5), &dens);
        snprintf(L->name, sizeof L->name, "%s", name ? name : mat ? mat : "layer");
        if (mat) {
            il_material_resolved r;
            il_status st = il_material_resolve(NULL, mat, dens > 0 ? dens : 0, &r, c->err);
            if (st) {
                char msg[sizeof c->err->message];
                snprintf(msg, sizeof msg, "%s", c->err ? c->err->message : "");
                return fail(c, fy_node_mapping_lookup_value_by_simple_key(n, "material", 8),
                            "%s%s", msg, "");
            }
            if (il_composition_from_formula(&r.formula, NULL, 0, &L->comp, NULL) != IL_OK)
                return fail(c, n, "material '%s' has too many elements%s", mat, "");
            L->density_g_cm3 = r.density_g_cm3;
        }
    }
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *k;
    while (il_yaml_next_pair(n, &it, &kn, &k, &vn)) {
        if (!k)
            return fail(c, kn, "expected a key%s%s", "", "");
        if (strcmp(k, "name") == 0 || strcmp(k, "material") == 0)
            continue;
        size_t q;
        for (q = 0; q < sizeof layer_keys / sizeof *layer_keys; q++)
            if (strcmp(k, layer_keys[q].key) == 0)
                break;
        if (q == sizeof layer_keys / sizeof *layer_keys)
            return fail(c, kn,
                        "unknown layer key '%s' (name, material, density, li6, sld, isld, "
                        "thickness, roughness)%s",
                        k, "");
        char defname[96];
        snprintf(defname, sizeof defname, "%s.%s", L->name, k);
        double v;
        int param;
        il_status st = read_value(c, vn, defname, &v, &param);
        if (st)
            return st;
        il_refl_quantity qq = layer_keys[q].q;
        if ((qq == IL_REFL_P_DENSITY || qq == IL_REFL_P_LI6) && L->comp.n == 0)
            return fail(c, kn, "'%s' needs a material (a composition)%s", k, "");
        /* the same physical limits as the command line's: a length or background below zero
         * is no model, and a fit would start from nonsense */
        if ((qq == IL_REFL_P_THICKNESS || qq == IL_REFL_P_ROUGHNESS) && !(v >= 0))
            return fail(c, vn, "'%s' %s: expected a length in Å >= 0", k, scalar(vn) ? scalar(vn) : "");
        switch (qq) {
        case IL_REFL_P_THICKNESS: L->thickness_A = v; break;
        case IL_REFL_P_ROUGHNESS: L->roughness_A = v; break;
        case IL_REFL_P_SLD_RE: L->sld_re_1e6 = v, L->comp.n = 0; break;
        case IL_REFL_P_SLD_IM: L->sld_im_1e6 = v; break;
        case IL_REFL_P_DENSITY: L->density_g_cm3 = v; break;
        case IL_REFL_P_LI6: L->li6_fraction = v; break;
        default: break;
        }
        if (param >= 0 && (st = add_binding(c, b, nb, param, j, qq)))
            return st;
    }
    return IL_OK;
}

static il_status read_global(ctx *c, struct fy_node *n, const char *name, il_refl_quantity q,
                             double *target, il_refl_model_binding **b, size_t *nb)
{
    double v;
    int param;
    il_status st = read_value(c, n, name, &v, &param);
    if (st)
        return st;
    if (q == IL_REFL_P_BACKGROUND && !(v >= 0))
        return fail(c, n, "'%s' %s: expected a reflectivity background >= 0", name,
                    scalar(n) ? scalar(n) : "");
    *target = v;
    return param >= 0 ? add_binding(c, b, nb, param, 0, q) : IL_OK;
}

static il_status read_layers(ctx *c, struct fy_node *n)
{
    il_refl_model *m = c->m;
    if (fy_node_is_scalar(n)) {
        int line, col;
        mark_of(n, &line, &col);
        il_status st = il_refl_model_parse(scalar(n), c->label, &m->layers, &m->nlayers, c->err);
        if (st && c->err) { /* put the place back as file:line:column */
            int cc = c->err->column - 1; /* the mark is at the scalar's first character */
            char msg[sizeof c->err->message];
            snprintf(msg, sizeof msg, "%s", c->err->message);
            il_error_set_at(c->err, st, c->label, line, col + cc, "%s", msg);
        }
        return st;
    }
    if (!fy_node_is_sequence(n))
        return fail(c, n, "'layers' is an inline model string or a list of layers%s%s", "", "");
    int cnt = fy_node_sequence_item_count(n);
    if (cnt < 2)
        return fail(c, n, "a model needs a fronting and a backing medium%s%s", "", "");
    m->layers = calloc((size_t)cnt, sizeof *m->layers);
    if (!m->layers)
        return il_error_set(c->err, IL_ERR_NOMEM, "out of memory");
    m->nlayers = (size_t)cnt;
    for (int j = 0; j < cnt; j++) {
        struct fy_node *ln = fy_node_sequence_get_by_index(n, j);
        il_status st = read_layer(c, ln, m->layers, j, 1, &m->b, &m->nb);
        if (st)
            return st;
        /* parameters are named after their layer: two layers of one name would silently share
         * them (and a dataset's 'layers' could change only the first) */
        for (int i = 0; i < j; i++)
            if (strcmp(m->layers[i].name, m->layers[j].name) == 0)
                return fail(c, ln,
                            "two layers named '%s' (give each its own 'name:'; to tie a value "
                            "on purpose, give both {value, min, max, name: SAME})",
                            m->layers[j].name, "");
    }
    return IL_OK;
}

/* The beam keys the model and each of its datasets share. */
static int beam_key(const char *key)
{
    return strcmp(key, "probe") == 0 || strcmp(key, "wavelength") == 0 ||
           strcmp(key, "energy") == 0;
}

/* Reads one beam key (beam_key(key) holds) into pr. */
static il_status read_beam(ctx *c, const char *key, struct fy_node *vn, il_refl_probe *pr)
{
    if (strcmp(key, "probe") == 0) {
        const char *v = scalar(vn);
        if (v && strcmp(v, "neutron") == 0)
            pr->probe = IL_REFL_NEUTRON;
        else if (v && (strcmp(v, "xray") == 0 || strcmp(v, "x-ray") == 0))
            pr->probe = IL_REFL_XRAY;
        else
            return fail(c, vn, "probe '%s': expected neutron or xray%s", v ? v : "?", "");
    } else if (strcmp(key, "wavelength") == 0) {
        if (to_double(scalar(vn), &pr->wavelength_A) || !(pr->wavelength_A > 0))
            return fail(c, vn, "wavelength: expected a number of Å > 0%s%s", "", "");
    } else if (il_xray_energy_parse(scalar(vn), &pr->energy_keV, c->err)) { /* energy */
        return fail(c, vn, "energy '%s': expected CuKa, MoKa or a value in keV%s",
                    scalar(vn) ? scalar(vn) : "?", "");
    }
    return IL_OK;
}

static il_status read_dataset(ctx *c, struct fy_node *n, size_t k)
{
    il_refl_model *m = c->m;
    il_refl_model_dataset *d = &m->sets[k];
    if (!fy_node_is_mapping(n))
        return fail(c, n, "a dataset is a mapping {file, fronting, backing, layers, ...}%s%s", "",
                    "");
    d->layers = malloc(m->nlayers * sizeof *d->layers);
    d->b = malloc((m->nb + 1) * sizeof *d->b);
    if (!d->layers || !d->b)
        return il_error_set(c->err, IL_ERR_NOMEM, "out of memory");
    memcpy(d->layers, m->layers, m->nlayers * sizeof *d->layers);
    memcpy(d->b, m->b, m->nb * sizeof *d->b);
    d->nlayers = m->nlayers;
    d->nb = m->nb;
    d->scale = m->scale;
    d->background = m->background;
    d->probe = m->probe;
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *key;
    while (il_yaml_next_pair(n, &it, &kn, &key, &vn)) {
        il_status st = IL_OK;
        char nm[96];
        if (!key)
            return fail(c, kn, "expected a key%s%s", "", "");
        if (strcmp(key, "file") == 0) {
            if (!scalar(vn))
                return fail(c, vn, "'file' is a path%s%s", "", "");
            snprintf(d->file, sizeof d->file, "%s", scalar(vn));
        } else if (strcmp(key, "fronting") == 0) {
            st = read_layer(c, vn, d->layers, 0, 0, &d->b, &d->nb);
        } else if (strcmp(key, "backing") == 0) {
            st = read_layer(c, vn, d->layers, (int)d->nlayers - 1, 0, &d->b, &d->nb);
        } else if (strcmp(key, "layers") == 0) {
            if (!fy_node_is_mapping(vn))
                return fail(c, vn, "dataset 'layers' maps layer names to changes%s%s", "", "");
            void *it2 = NULL;
            struct fy_node_pair *p2;
            while ((p2 = fy_node_mapping_iterate(vn, &it2))) {
                const char *ln = scalar(fy_node_pair_key(p2));
                size_t j;
                for (j = 0; ln && j < d->nlayers; j++)
                    if (strcmp(d->layers[j].name, ln) == 0)
                        break;
                if (!ln || j == d->nlayers)
                    return fail(c, fy_node_pair_key(p2), "no layer named '%s'%s", ln ? ln : "?",
                                "");
                if ((st = read_layer(c, fy_node_pair_value(p2), d->layers, (int)j, 0, &d->b,
                                     &d->nb)))
                    return st;
            }
        } else if (beam_key(key)) {
            st = read_beam(c, key, vn, &d->probe);
        } else if (strcmp(key, "scale") == 0) {
            snprintf(nm, sizeof nm, "scale.%zu", k);
            st = read_global(c, vn, nm, IL_REFL_P_SCALE, &d->scale, &d->b, &d->nb);
        } else if (strcmp(key, "background") == 0) {
            snprintf(nm, sizeof nm, "background.%zu", k);
            st = read_global(c, vn, nm, IL_REFL_P_BACKGROUND, &d->background, &d->b, &d->nb);
        } else {
            return fail(c, kn,
                        "unknown dataset key '%s' (file, fronting, backing, layers, scale, "
                        "background, probe, wavelength, energy)%s",
                        key, "");
        }
        if (st)
            return st;
    }
    return IL_OK;
}

static il_status read_root(ctx *c, struct fy_node *root)
{
    il_refl_model *m = c->m;
    if (!fy_node_is_mapping(root))
        return fail(c, root, "a model file is a mapping (probe, layers, ...)%s%s", "", "");
    struct fy_node *ln = fy_node_mapping_lookup_value_by_simple_key(root, "layers", 6);
    if (!ln)
        return fail(c, root, "the model has no 'layers'%s%s", "", "");
    il_status st = read_layers(c, ln);
    if (st)
        return st;
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *key;
    while (il_yaml_next_pair(root, &it, &kn, &key, &vn)) {
        if (!key)
            return fail(c, kn, "expected a key%s%s", "", "");
        if (strcmp(key, "layers") == 0 || strcmp(key, "datasets") == 0)
            continue;
        if (beam_key(key)) {
            if ((st = read_beam(c, key, vn, &m->probe)))
                return st;
        } else if (strcmp(key, "scale") == 0) {
            if ((st = read_global(c, vn, "scale", IL_REFL_P_SCALE, &m->scale, &m->b, &m->nb)))
                return st;
        } else if (strcmp(key, "background") == 0) {
            if ((st = read_global(c, vn, "background", IL_REFL_P_BACKGROUND, &m->background,
                                  &m->b, &m->nb)))
                return st;
        } else if (strcmp(key, "resolution") == 0) {
            if (!fy_node_is_mapping(vn))
                return fail(c, vn, "resolution: {dq_over_q, kind, truncate}%s%s", "", "");
            void *it2 = NULL;
            struct fy_node_pair *p2;
            while ((p2 = fy_node_mapping_iterate(vn, &it2))) {
                const char *k2 = scalar(fy_node_pair_key(p2));
                const char *v2 = scalar(fy_node_pair_value(p2));
                double x;
                if (k2 && strcmp(k2, "dq_over_q") == 0 &&
                    fy_node_is_mapping(fy_node_pair_value(p2))) {
                    /* fitted resolution */
                    if ((st = read_global(c, fy_node_pair_value(p2), "dq_over_q",
                                          IL_REFL_P_DQ_OVER_Q, &m->res.dq_over_q, &m->b, &m->nb)))
                        return st;
                    continue;
                }
                if (k2 && strcmp(k2, "kind") == 0 && v2 &&
                    (strcmp(v2, "sigma") == 0 || strcmp(v2, "fwhm") == 0 ||
                     strcmp(v2, "FWHM") == 0))
                    m->res.kind = v2[0] == 's' ? IL_REFL_DQ_SIGMA : IL_REFL_DQ_FWHM;
                else if (k2 && strcmp(k2, "dq_over_q") == 0 && !to_double(v2, &x) && x >= 0)
                    m->res.dq_over_q = x;
                else if (k2 && strcmp(k2, "truncate") == 0 && !to_double(v2, &x) && x >= 0)
                    m->res.truncate_sigma = x;
                else
                    return fail(c, fy_node_pair_key(p2),
                                "resolution key '%s': expected dq_over_q (>= 0), kind (sigma or "
                                "fwhm) or truncate (>= 0)%s",
                                k2 ? k2 : "?", "");
            }
        } else {
            return fail(c, kn,
                        "unknown key '%s' (probe, wavelength, energy, layers, scale, background, "
                        "resolution, datasets)%s",
                        key, "");
        }
    }
    struct fy_node *dn = fy_node_mapping_lookup_value_by_simple_key(root, "datasets", 8);
    if (dn) {
        if (!fy_node_is_sequence(dn))
            return fail(c, dn, "'datasets' is a list%s%s", "", "");
        int cnt = fy_node_sequence_item_count(dn);
        m->sets = calloc(cnt > 0 ? (size_t)cnt : 1, sizeof *m->sets);
        if (!m->sets)
            return il_error_set(c->err, IL_ERR_NOMEM, "out of memory");
        m->nsets = (size_t)cnt;
        for (int k = 0; k < cnt; k++)
            if ((st = read_dataset(c, fy_node_sequence_get_by_index(dn, k), (size_t)k)))
                return st;
    }
    return IL_OK;
}

void il_refl_model_free(il_refl_model *m)
{
    if (!m)
        return;
    for (size_t k = 0; k < m->nsets; k++) {
        free(m->sets[k].layers);
        free(m->sets[k].b);
    }
    free(m->sets);
    free(m->layers);
    free(m->params);
    free(m->b);
    free(m);
}

il_status il_refl_model_parse_yaml(const char *text, size_t len, const char *label,
                                  il_refl_model **out, il_error *err)
{
    if (!label)
        label = "<model>";
    *out = NULL;
    il_yaml_source src = {label, 1, 0, NULL};
    il_yaml_doc yd;
    il_status pst = il_yaml_doc_parse(text, len, &src, &yd, err);
    if (pst)
        return pst;
    if (!il_yaml_doc_root(&yd)) {
        il_yaml_doc_free(&yd);
        return il_error_set_at(err, IL_ERR_PARSE, label, 0, 0, "empty model file");
    }
    il_refl_model *m = calloc(1, sizeof *m);
    if (!m) {
        il_yaml_doc_free(&yd);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    m->scale = 1.0;
    il_refl_resolution_init(&m->res);
    il_error local;
    ctx c = {label, m, err ? err : &local};
    il_status st = read_root(&c, il_yaml_doc_root(&yd));
    il_yaml_doc_free(&yd);
    IL_RETURN_BUILT(st, m, il_refl_model_free, out);
}

il_status il_refl_model_load(const char *path, il_refl_model **out, il_error *err)
{
    char *buf;
    size_t n;
    il_status rs = il_read_file(path, 16u << 20, "model file", &buf, &n, err);
    if (rs)
        return rs;
    il_status st = il_refl_model_parse_yaml(buf, n, path, out, err);
    free(buf);
    return st;
}
