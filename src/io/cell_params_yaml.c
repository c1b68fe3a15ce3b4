/* Cell parameter files (YAML, cell_io.h). Each key has a type and a lower bound in one table;
 * where each key stood is remembered, so that the model's own checks (il_cell_new, whose
 * messages start with the key's path) are reported at the key's line and column too. */
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/read_file.h"
#include "interlayer/cell_io.h"
#include "interlayer/stack_io.h"
#include "interlayer/units.h"
#include "io/yaml_doc.h"

typedef enum { T_NUM, T_POS, T_NONNEG, T_FRACTION, T_STR, T_SIDE } ktype;
typedef struct {
    const char *key;
    ktype t;
    size_t off;
} key_def;

#define E(k, t, m) {k, t, offsetof(il_cell_electrode, m)}
static const key_def electrode_keys[] = {
    E("layer", T_STR, layer), E("ocv", T_STR, ocv),
    E("li_max_per_formula", T_POS, li_max_per_formula),
    E("li_initial_per_formula", T_NONNEG, li_initial_per_formula),
    E("diffusivity_cm2_s", T_POS, diffusivity_cm2_s), E("diffusivity_slope", T_NUM, diffusivity_slope),
    E("diffusion_activation_eV", T_NONNEG, diffusion_activation_eV),
    E("exchange_current_A_cm2", T_NONNEG, exchange_current_A_cm2),
    E("kinetics_activation_eV", T_NONNEG, kinetics_activation_eV),
    E("li_metal_density_g_cm3", T_NONNEG, li_metal_density_g_cm3),
};
#define L(k, t, m) {k, t, offsetof(il_cell_electrolyte, m)}
static const key_def electrolyte_keys[] = {
    L("layer", T_STR, layer), L("conductivity_S_cm", T_POS, conductivity_S_cm),
    L("activation_eV", T_NONNEG, activation_eV),
};
#define I(k, t, m) {k, t, offsetof(il_cell_interlayer, m)}
static const key_def interlayer_keys[] = {
    I("layer", T_STR, layer), I("side", T_SIDE, side),
    I("ionic_conductivity_S_cm", T_POS, ionic_conductivity_S_cm),
    I("electronic_conductivity_S_cm", T_NONNEG, electronic_conductivity_S_cm),
    I("reaction_free_energy_eV", T_NUM, reaction_free_energy_eV),
    I("reaction_resistance_ohm_cm2", T_NONNEG, reaction_resistance_ohm_cm2),
    I("tunneling_conductance_S_cm2", T_NONNEG, tunneling_conductance_S_cm2),
    I("tunneling_length_nm", T_NONNEG, tunneling_length_nm),
    I("molar_volume_cm3_mol", T_NONNEG, molar_volume_cm3_mol),
    I("activation_eV", T_NONNEG, activation_eV), I("trap_fraction", T_FRACTION, trap_fraction),
    I("trap_capacity_mol_cm2", T_NONNEG, trap_capacity_mol_cm2),
};
#define C(k, t, m) {k, t, offsetof(il_cell_contact, m)}
static const key_def contact_keys[] = {
    C("stack_pressure_MPa", T_NONNEG, stack_pressure_MPa),
    C("creep_prefactor_MPa_n_s", T_NONNEG, creep_prefactor_MPa_n_s),
    C("creep_exponent", T_POS, creep_exponent),
    C("creep_activation_kJ_mol", T_NONNEG, creep_activation_kJ_mol),
    C("creep_length_um", T_POS, creep_length_um), C("void_height_um", T_POS, void_height_um),
};
#define P(k, t, m) {k, t, offsetof(il_cell_params, m)}
static const key_def top_keys[] = {
    P("name", T_STR, name), P("temperature_K", T_POS, temperature_K), P("area_cm2", T_POS, area_cm2),
    P("contact_resistance_ohm_cm2", T_NONNEG, contact_resistance_ohm_cm2),
    P("nominal_capacity_uAh_cm2", T_NONNEG, nominal_capacity_uAh_cm2),
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* where each key path stood, for the model's errors */
#define MAX_MARKS 128
typedef struct {
    const char *name;
    il_error *err;
    struct { char path[64]; int line, col; } mark[MAX_MARKS];
    size_t n_marks;
    struct fy_node *stack_node;
    int root_line;
} reader;

static il_status fail(reader *r, struct fy_node *n, const char *fmt, const char *a, const char *b)
{
    return il_yaml_fail_at(r->err, IL_ERR_PARSE, r->name, n, fmt, a, b);
}

static void remember(reader *r, const char *path, struct fy_node *n)
{
    if (r->n_marks >= MAX_MARKS)
        return;
    snprintf(r->mark[r->n_marks].path, sizeof r->mark[0].path, "%s", path);
    il_yaml_scalar_mark(n, &r->mark[r->n_marks].line, &r->mark[r->n_marks].col);
    r->n_marks++;
}

static il_status set(reader *r, const key_def *d, const char *path, struct fy_node *v, void *base)
{
    if (!v || !fy_node_is_scalar(v))
        return fail(r, v, "'%s' needs a single value%s", path, "");
    size_t len;
    const char *s = fy_node_get_scalar(v, &len);
    char text[IL_CELL_NAME_MAX * 2];
    if (!s || len >= sizeof text)
        return fail(r, v, "'%s': value too long%s", path, "");
    memcpy(text, s, len);
    text[len] = '\0';
    char *p = (char *)base + d->off;
    if (d->t == T_STR) {
        if (len >= IL_CELL_NAME_MAX)
            return fail(r, v, "'%s': '%s' is too long", path, text);
        memcpy(p, text, len + 1);
        return IL_OK;
    }
    if (d->t == T_SIDE) {
        if (strcmp(text, "anode") == 0)
            *(il_cell_side *)p = IL_CELL_SIDE_ANODE;
        else if (strcmp(text, "cathode") == 0)
            *(il_cell_side *)p = IL_CELL_SIDE_CATHODE;
        else
            return fail(r, v, "'%s': '%s' unknown, expected anode or cathode", path, text);
        return IL_OK;
    }
    double x;
    il_error sub;
    if (il_parse_number(text, &x, &sub) || !isfinite(x))
        return fail(r, v, "'%s': '%s' is not a number", path, text);
    if ((d->t == T_POS && !(x > 0)) || (d->t == T_NONNEG && !(x >= 0)) ||
        (d->t == T_FRACTION && !(x >= 0 && x <= 1)))
        return fail(r, v, "'%s': %s", path,
                    d->t == T_POS ? "must be > 0" : (d->t == T_NONNEG ? "must be >= 0" : "must be 0..1"));
    *(double *)p = x;
    return IL_OK;
}

static il_status read_map(reader *r, struct fy_node *map, const char *prefix, const key_def *defs,
                          size_t nd, void *base)
{
    if (!map || !fy_node_is_mapping(map))
        return fail(r, map, "'%s' must be a mapping of keys to values%s", prefix, "");
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *key;
    while (il_yaml_next_pair(map, &it, &kn, &key, &vn)) {
        if (!key)
            return fail(r, kn, "keys must be plain names%s%s", "", "");
        const key_def *d = NULL;
        for (size_t i = 0; i < nd && !d; i++)
            if (strcmp(defs[i].key, key) == 0)
                d = &defs[i];
        char path[64];
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
        if (!d) {
            const char *names[16];
            for (size_t i = 0; i < nd && i < 16; i++)
                names[i] = defs[i].key;
            const char *sug = il_suggest(key, names, nd < 16 ? nd : 16);
            if (sug)
                return fail(r, kn, "unknown key '%s'; did you mean '%s'?", path, sug);
            return fail(r, kn, "unknown key '%s'%s", path, "");
        }
        remember(r, path, vn ? vn : kn);
        il_status st = set(r, d, path, vn, base);
        if (st)
            return st;
    }
    return IL_OK;
}

static il_status read_root(reader *r, struct fy_node *root, il_cell_params *p)
{
    void *it = NULL;
    struct fy_node *kn, *vn;
    const char *key;
    while (il_yaml_next_pair(root, &it, &kn, &key, &vn)) {
        if (!key)
            return fail(r, kn, "keys must be plain names%s%s", "", "");
        il_status st = IL_OK;
        remember(r, key, vn && fy_node_is_scalar(vn) ? vn : kn);
        if (strcmp(key, "stack") == 0) {
            if (!vn || !fy_node_is_scalar(vn))
                return fail(r, vn ? vn : kn, "'stack' is an inline stack or a stack file's "
                            "path%s%s", "", "");
            r->stack_node = vn;
        } else if (strcmp(key, "cathode") == 0) {
            st = read_map(r, vn, "cathode", electrode_keys, N(electrode_keys), &p->cathode);
        } else if (strcmp(key, "anode") == 0) {
            st = read_map(r, vn, "anode", electrode_keys, N(electrode_keys), &p->anode);
        } else if (strcmp(key, "electrolyte") == 0) {
            st = read_map(r, vn, "electrolyte", electrolyte_keys, N(electrolyte_keys), &p->electrolyte);
        } else if (strcmp(key, "contact") == 0) {
            st = read_map(r, vn, "contact", contact_keys, N(contact_keys), &p->contact);
        } else if (strcmp(key, "interlayers") == 0) {
            if (!vn || !fy_node_is_sequence(vn))
                return fail(r, vn ? vn : kn, "'interlayers' is a list of mappings%s%s", "", "");
            void *si = NULL;
            struct fy_node *item;
            while ((item = fy_node_sequence_iterate(vn, &si))) {
                if (p->n_interlayers >= IL_CELL_MAX_INTERLAYERS)
                    return fail(r, kn, "'interlayers': at most %s%s", "4", "");
                char prefix[32];
                snprintf(prefix, sizeof prefix, "interlayers[%zu]", p->n_interlayers + 1);
                il_cell_interlayer *in = &p->interlayers[p->n_interlayers++];
                st = read_map(r, item, prefix, interlayer_keys, N(interlayer_keys), in);
                if (st)
                    return st;
            }
        } else if (strcmp(key, "sources") == 0 || strcmp(key, "references") == 0 ||
                   strcmp(key, "notes") == 0) {
            continue; /* citations for people */
        } else {
            const key_def *d = NULL;
            for (size_t i = 0; i < N(top_keys) && !d; i++)
                if (strcmp(top_keys[i].key, key) == 0)
                    d = &top_keys[i];
            if (!d) {
                static const char *const names[] = {"name", "stack", "temperature_K", "area_cm2",
                                                    "contact_resistance_ohm_cm2",
                                                    "nominal_capacity_uAh_cm2", "cathode", "anode",
                                                    "electrolyte", "interlayers", "sources", "contact"};
                const char *sug = il_suggest(key, names, N(names));
                if (sug)
                    return fail(r, kn, "unknown key '%s'; did you mean '%s'?", key, sug);
                return fail(r, kn, "unknown key '%s' (expected name, stack, temperature_K, "
                            "area_cm2, cathode, anode, electrolyte, interlayers, ...)%s", key, "");
            }
            if (strcmp(key, "name") == 0) {
                size_t len;
                const char *s = vn && fy_node_is_scalar(vn) ? fy_node_get_scalar(vn, &len) : NULL;
                if (!s)
                    return fail(r, vn ? vn : kn, "'name' needs a single value%s%s", "", "");
                snprintf(p->name, sizeof p->name, "%.*s", (int)len, s);
                continue;
            }
            st = set(r, d, key, vn, p);
        }
        if (st)
            return st;
    }
    return IL_OK;
}

/* The model's message starts with the key's path: put it at that key's place. */
static il_status relabel(reader *r, il_status st)
{
    if (!r->err)
        return st;
    const char *m = r->err->message;
    size_t best = 0, best_len = 0;
    for (size_t i = 0; i < r->n_marks; i++) {
        size_t len = strlen(r->mark[i].path);
        if (strncmp(m, r->mark[i].path, len) == 0 && (m[len] == ':' || m[len] == '.' || m[len] == ' ') &&
            len > best_len)
            best = i, best_len = len;
    }
    char msg[sizeof r->err->message];
    snprintf(msg, sizeof msg, "%s", m);
    if (best_len)
        il_error_set_at(r->err, st, r->name, r->mark[best].line, r->mark[best].col, "%s", msg);
    else
        il_error_set_at(r->err, st, r->name, 0, 0, "%s", msg);
    return st;
}

il_status il_cell_params_parse(const char *text, size_t len, const char *name, const char *dir,
                               il_cell_params *params, il_stack **stack, il_error *err)
{
    *stack = NULL;
    reader r;
    memset(&r, 0, sizeof r);
    r.name = name ? name : "<cell>";
    r.err = err;
    il_cell_params_default(params);
    il_yaml_source src = {r.name, 1, 0, "cell parameter file"};
    il_yaml_doc yd;
    il_status st = il_yaml_doc_parse(text, len, &src, &yd, err);
    if (st)
        return st;
    struct fy_node *root;
    st = il_yaml_doc_mapping(&yd, r.name,
                             "a cell parameter file is a mapping (name, stack, cathode, anode, "
                             "electrolyte, interlayers)", &root, err);
    if (!st)
        st = read_root(&r, root, params);
    if (!st && !r.stack_node)
        st = il_error_set_at(err, IL_ERR_PARSE, r.name, 1, 1,
                             "missing 'stack' (an inline stack or a stack file)");
    if (!st) {
        size_t sl;
        const char *s = fy_node_get_scalar(r.stack_node, &sl);
        char arg[4096];
        if (sl >= sizeof arg) {
            st = fail(&r, r.stack_node, "'stack': text too long%s%s", "", "");
        } else {
            memcpy(arg, s, sl);
            arg[sl] = '\0';
            char path[4600];
            int is_file = strchr(arg, '|') == NULL && (strstr(arg, ".yaml") || strstr(arg, ".yml"));
            if (is_file && arg[0] != '/' && dir && dir[0])
                snprintf(path, sizeof path, "%s/%s", dir, arg);
            else
                snprintf(path, sizeof path, "%s", arg);
            il_error sub;
            il_error_clear(&sub);
            st = il_stack_load(path, NULL, stack, &sub);
            if (st && !is_file && sub.column > 0 && sub.line <= 1) {
                /* an inline stack: point at the column inside this file */
                int line, col;
                il_yaml_scalar_mark(r.stack_node, &line, &col);
                st = il_error_set_at(err, st, r.name, line, col + sub.column - 1, "'stack': %s",
                                     sub.message);
            } else if (st) {
                char where[sizeof sub.message + 64];
                il_error_format(&sub, where, sizeof where);
                st = fail(&r, r.stack_node, "'stack': %s%s", where, "");
            }
        }
    }
    il_yaml_doc_free(&yd);
    if (st) {
        il_stack_free(*stack);
        *stack = NULL;
        return st;
    }
    il_cell *c = NULL;
    il_error sub;
    il_error_clear(&sub);
    r.err = &sub;
    st = il_cell_new(params, *stack, &c, &sub);
    il_cell_free(c);
    if (st) {
        relabel(&r, st);
        if (err)
            *err = sub;
        il_stack_free(*stack);
        *stack = NULL;
    }
    return st;
}

il_status il_cell_params_load(const char *path, il_cell_params *params, il_stack **stack,
                              il_error *err)
{
    *stack = NULL;
    char *buf;
    size_t n;
    il_status st = il_read_file(path, 1u << 20, "cell parameter file", &buf, &n, err);
    if (st)
        return st;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    st = il_cell_params_parse(buf, n, path, dir, params, stack, err);
    free(buf);
    return st;
}
