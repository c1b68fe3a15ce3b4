/* Targets of a stack fit: "LAYER.field" and "TERM:param" read into what they set, and setting
 * them on a stack and its probes. The only file of the stack fit that calls the stack's
 * setters, so a change in the stack's API touches this file alone. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_stack_priv.h"

/* A layer by name, or by 1-based index when the text is all digits and no layer has that name. */
static il_status find_layer(const il_stack *s, const char *text, size_t len, const char *target,
                            size_t *layer, il_error *err)
{
    size_t n = il_stack_count(s), found = 0, first = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = il_stack_layer(s, i)->name;
        if (strlen(name) == len && strncmp(name, text, len) == 0) {
            if (found++ == 0)
                first = i;
        }
    }
    if (found > 1)
        return il_error_set(err, IL_ERR_INVALID,
                            "fit target '%s': %zu layers are called '%.*s'; use the layer's "
                            "1-based index",
                            target, found, (int)len, text);
    if (found == 1) {
        *layer = first;
        return IL_OK;
    }
    int digits = len > 0 && len < 10;
    for (size_t i = 0; i < len && digits; i++)
        digits = isdigit((unsigned char)text[i]);
    if (digits) {
        size_t k = (size_t)strtoul(text, NULL, 10);
        if (k >= 1 && k <= n) {
            *layer = k - 1;
            return IL_OK;
        }
    }
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "fit target '%s': no layer '%.*s' (a layer name or 1..%zu)", target,
                        (int)len, text, n);
}

static il_status parse_probe(const il_fit_stack *f, const char *text, const char *colon,
                             fs_target *t, il_error *err)
{
    size_t len = (size_t)(colon - text);
    for (size_t k = 0; k < f->n_terms; k++) {
        if (strlen(f->terms[k].name) != len || strncmp(f->terms[k].name, text, len) != 0)
            continue;
        t->kind = FS_PROBE;
        t->term = k;
        il_status st = il_probe_param_index(f->terms[k].probe, colon + 1, &t->pindex, err);
        if (st)
            il_error_prefix(err, "fit target '%s': ", text);
        return st;
    }
    char known[256] = "";
    size_t used = 0;
    for (size_t k = 0; k < f->n_terms && used < sizeof known; k++) {
        int w = snprintf(known + used, sizeof known - used, "%s%s", k ? ", " : "",
                         f->terms[k].name);
        used += w > 0 ? (size_t)w : 0;
    }
    return il_error_set(err, IL_ERR_NOT_FOUND, "fit target '%s': no term '%.*s' (terms: %s)",
                        text, (int)len, text, f->n_terms ? known : "none added yet");
}

/* "frac:GROUP": the natural elements of GROUP (a formula: "Li", "CoO2") with their ratios,
 * each of them a natural element of the layer's formula. */
static il_status parse_group(const il_layer *L, const char *text, const char *group, fs_target *t,
                             il_error *err)
{
    il_formula g;
    il_status st = il_formula_parse(group, &g, err);
    if (st) {
        il_error_prefix(err, "fit target '%s': ", text);
        return st;
    }
    if (g.n > sizeof t->group_Z / sizeof t->group_Z[0])
        return il_error_set(err, IL_ERR_INVALID, "fit target '%s': more than 8 elements in "
                            "one group", text);
    for (size_t k = 0; k < g.n; k++) {
        int has = 0;
        for (size_t i = 0; i < L->formula.n; i++)
            has |= L->formula.Z[i] == g.Z[k] && L->formula.A[i] == 0;
        if (g.A[k] != 0 || !has)
            return il_error_set(err, IL_ERR_INVALID,
                                "fit target '%s': layer '%s' (%s) holds no natural element "
                                "Z = %d%s",
                                text, L->name, L->material, g.Z[k],
                                g.A[k] ? " (give elements, not isotopes: iso:ISOTOPE)" : "");
        t->group_Z[k] = g.Z[k];
        t->group_count[k] = g.count[k];
    }
    t->group_n = g.n;
    t->kind = FS_COMPOSITION;
    return IL_OK;
}

il_status il_fs_target_parse(const il_fit_stack *f, const char *text, fs_target *t,
                             il_error *err)
{
    memset(t, 0, sizeof *t);
    /* a group may hold decimals ("L.frac:Li2.9P"): the layer ends at ".frac:" */
    const char *frac = strstr(text, ".frac:");
    const char *dot = frac ? frac : strrchr(text, '.');
    const char *colon = strchr(text, ':');
    /* "TERM:param" has its colon before any dot ("refl:scale"); "LAYER.iso:Li6" after one */
    if (colon && (!dot || colon < dot))
        return parse_probe(f, text, colon, t, err);
    if (!dot)
        return il_error_set(err, IL_ERR_INVALID,
                            "fit target '%s': expected LAYER.field or TERM:parameter", text);
    il_status st = find_layer(f->base, text, (size_t)(dot - text), text, &t->layer, err);
    if (st)
        return st;
    const char *field = dot + 1;
    const il_layer *L = il_stack_layer(f->base, t->layer);
    if (strcmp(field, "thickness_nm") == 0 || strcmp(field, "roughness_nm") == 0) {
        t->kind = field[0] == 't' ? FS_THICKNESS : FS_ROUGHNESS;
        if (t->kind == FS_THICKNESS && L->is_substrate)
            return il_error_set(err, IL_ERR_INVALID,
                                "fit target '%s': layer '%s' is the substrate (semi-infinite)",
                                text, L->name);
        return IL_OK;
    }
    if (strcmp(field, "density_g_cm3") == 0) {
        t->kind = FS_DENSITY;
        return IL_OK;
    }
    if (strcmp(field, "li6_fraction") == 0 || strncmp(field, "iso:", 4) == 0) {
        t->kind = FS_ISOTOPE;
        if (field[0] == 'l')
            t->Z = 3, t->A = 6;
        else if ((st = il_stack_parse_isotope_key(field + 4, &t->Z, &t->A, err))) {
            il_error_prefix(err, "fit target '%s': ", text);
            return st;
        }
        int has = 0;
        for (size_t i = 0; i < L->formula.n; i++)
            has |= L->formula.Z[i] == t->Z && L->formula.A[i] == 0;
        if (!has)
            return il_error_set(err, IL_ERR_INVALID,
                                "fit target '%s': layer '%s' (%s) holds no natural element "
                                "with Z = %d to enrich",
                                text, L->name, L->material, t->Z);
        return IL_OK;
    }
    if (strncmp(field, "frac:", 5) == 0)
        return parse_group(L, text, field + 5, t, err);
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "fit target '%s': unknown field '%s' (known: thickness_nm, "
                        "density_g_cm3, roughness_nm, li6_fraction, iso:ISOTOPE, frac:GROUP, "
                        "TERM:param)",
                        text, field);
}

/* The layer's enrichments with the fraction of (Z, A) replaced or added. */
static il_status set_isotope(il_stack *s, size_t i, int Z, int A, double v, il_error *err)
{
    const il_layer *L = il_stack_layer(s, i);
    il_enrichment e[IL_ENRICH_MAX];
    size_t n = 0, k;
    for (k = 0; k < L->n_enrich; k++)
        e[n++] = L->enrich[k];
    for (k = 0; k < n && !(e[k].Z == Z && e[k].A == A); k++)
        ;
    if (k == n) {
        if (n == IL_ENRICH_MAX)
            return il_error_set(err, IL_ERR_RANGE, "layer '%s': more than %d enrichments",
                                L->name, IL_ENRICH_MAX);
        e[n++] = (il_enrichment){Z, A, v};
    }
    e[k].fraction = v;
    return il_stack_set_enrichment(s, i, e, n, err);
}

/* The group's elements set to v times their ratios, in atoms per formula unit. */
static il_status set_group(il_stack *s, const fs_target *t, double v, il_error *err)
{
    il_formula g = il_stack_layer(s, t->layer)->formula;
    for (size_t k = 0; k < t->group_n; k++)
        for (size_t i = 0; i < g.n; i++)
            if (g.Z[i] == t->group_Z[k] && g.A[i] == 0)
                g.count[i] = v * t->group_count[k];
    return il_stack_set_formula(s, t->layer, &g, err);
}

il_status il_fs_target_apply(const fs_target *t, double v, il_stack *s, il_probe **probes,
                             il_error *err)
{
    switch (t->kind) {
    case FS_COMPOSITION: return set_group(s, t, v, err);
    case FS_ISOTOPE: return set_isotope(s, t->layer, t->Z, t->A, v, err);
    case FS_DENSITY: return il_stack_set_density(s, t->layer, v, err);
    case FS_THICKNESS: return il_stack_set_thickness_nm(s, t->layer, v, err);
    case FS_ROUGHNESS: return il_stack_set_roughness_nm(s, t->layer, v, err);
    case FS_PROBE: {
        il_probe *p = probes[t->term];
        return il_probe_set(p, il_probe_param_name(p, t->pindex), v, err);
    }
    default: return il_error_set(err, IL_ERR_INVALID, "fit target of unknown kind");
    }
}

il_status il_fs_apply_all(const il_fit_stack *f, const double *p, il_stack *s, il_probe **probes,
                          il_error *err)
{
    for (int kind = 0; kind < FS_N_KINDS; kind++)
        for (size_t i = 0; i < f->n_targets; i++) {
            const fs_target *t = &f->targets[i];
            if ((int)t->kind != kind)
                continue;
            double v = f->params[t->param].value;
            if (p && !f->params[t->param].fixed) {
                size_t k = 0; /* position among the free parameters */
                for (size_t j = 0; j < t->param; j++)
                    k += !f->params[j].fixed;
                v = p[k];
            }
            il_status st = il_fs_target_apply(t, v, s, probes, err);
            if (st) {
                il_error_prefix(err, "parameter '%s' = %g: ", f->params[t->param].name, v);
                return st;
            }
        }
    return IL_OK;
}

il_status il_fs_target_value(const il_fit_stack *f, const char *text, double *v, il_error *err)
{
    fs_target t;
    il_status st = il_fs_target_parse(f, text, &t, err);
    if (st)
        return st;
    if (t.kind == FS_PROBE) {
        const il_probe *p = f->terms[t.term].probe;
        return il_probe_get(p, il_probe_param_name(p, t.pindex), v, err);
    }
    const il_layer *L = il_stack_layer(f->base, t.layer);
    switch (t.kind) {
    case FS_THICKNESS: *v = L->thickness_nm; return IL_OK;
    case FS_DENSITY: *v = L->density_g_cm3; return IL_OK;
    case FS_ROUGHNESS: *v = L->roughness_nm; return IL_OK;
    case FS_COMPOSITION:
        for (size_t i = 0; i < L->formula.n; i++)
            if (L->formula.Z[i] == t.group_Z[0] && L->formula.A[i] == 0) {
                *v = L->formula.count[i] / t.group_count[0];
                return IL_OK;
            }
        break;
    case FS_ISOTOPE: {
        for (size_t k = 0; k < L->n_enrich; k++)
            if (L->enrich[k].Z == t.Z && L->enrich[k].A == t.A) {
                *v = L->enrich[k].fraction;
                return IL_OK;
            }
        il_isotope iso[32];
        size_t n = il_element_isotopes(t.Z, iso, 32);
        for (size_t k = 0; k < n; k++)
            if (iso[k].A == t.A) {
                *v = iso[k].abundance;
                return IL_OK;
            }
        *v = 0.0;
        return IL_OK;
    }
    default: break;
    }
    return il_error_set(err, IL_ERR_INVALID, "fit target '%s': no current value", text);
}
