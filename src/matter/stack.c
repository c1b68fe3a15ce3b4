/* The stack object: layers, their resolution into formula/density/thickness, derived amounts
 * (atoms, Li, capacity) and the setters that keep them consistent. */
#include "interlayer/stack.h"
#include "interlayer/units.h"
#include "matter/isotope_mix.h"
#include "matter/stack_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/grow.h"


struct il_stack {
    char name[128];
    il_layer *layers;
    size_t n, cap;
};

il_status il_stack_new(const char *name, il_stack **out, il_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (name)
        snprintf((*out)->name, sizeof (*out)->name, "%s", name);
    return IL_OK;
}

void il_stack_free(il_stack *s)
{
    if (!s)
        return;
    free(s->layers);
    free(s);
}

il_status il_stack_clone(const il_stack *s, il_stack **out, il_error *err)
{
    *out = NULL;
    if (!s)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_clone: NULL stack");
    il_stack *c;
    il_status st = il_stack_new(s->name, &c, err);
    if (st)
        return st;
    if (s->n) {
        c->layers = malloc(s->n * sizeof *c->layers);
        if (!c->layers) {
            free(c);
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        }
        memcpy(c->layers, s->layers, s->n * sizeof *c->layers);
    }
    c->n = c->cap = s->n;
    *out = c;
    return IL_OK;
}

il_status il_layer_composition(const il_layer *l, il_composition *out, il_error *err)
{
    return il_composition_from_formula(&l->formula, l->enrich, l->n_enrich, out, err);
}

/* Fills the derived members from formula, density, enrichment and the given thickness. */
static il_status recompute(il_layer *l, il_error *err)
{
    il_composition c;
    il_status st = il_layer_composition(l, &c, err);
    if (!st)
        st = il_composition_molar_mass(&c, &l->molar_mass_g_mol, err);
    if (!st)
        st = il_composition_number_density(&c, l->density_g_cm3, &l->atoms_cm3, err);
    if (st)
        return st;
    l->li_atoms_cm3 = il_composition_atoms_cm3(&c, l->atoms_cm3, 3, 0);
    l->li6_atoms_cm3 = il_composition_atoms_cm3(&c, l->atoms_cm3, 3, 6);
    if (l->is_substrate) {
        l->thickness_nm = INFINITY;
        l->areal_tfu = INFINITY;
        l->li_atoms_cm2 = l->li_atoms_cm3 > 0 ? INFINITY : 0;
        l->li6_atoms_cm2 = l->li6_atoms_cm3 > 0 ? INFINITY : 0;
    } else {
        if (l->given == IL_THICKNESS_NM)
            l->areal_tfu = il_nm_to_tfu(l->thickness_nm, l->atoms_cm3);
        else
            l->thickness_nm = il_tfu_to_nm(l->areal_tfu, l->atoms_cm3);
        l->li_atoms_cm2 = l->li_atoms_cm3 * l->thickness_nm * 1e-7;
        l->li6_atoms_cm2 = l->li6_atoms_cm3 * l->thickness_nm * 1e-7;
    }
    l->li_mol_cm2 = l->li_atoms_cm2 / IL_AVOGADRO;
    /* One Li carries one elementary charge: Q = n F; 1 uAh = 3.6e-3 C. */
    l->li_capacity_uAh_cm2 = l->li_mol_cm2 * IL_FARADAY / 3.6e-3;
    return IL_OK;
}

static int density_given(const il_layer *l)
{
    return strcmp(l->density_source, "given") == 0;
}

/* Scales l->density_g_cm3, which holds for the isotopes `before`, to the layer's own isotopes
 * at the same number of atoms per cm3, and notes it in the source. */
static il_status rescale_density(il_layer *l, const il_enrichment *before, size_t n_before,
                                 il_error *err)
{
    il_composition c_old, c_new;
    double m_old, m_new;
    il_status st = il_composition_from_formula(&l->formula, before, n_before, &c_old, err);
    if (!st)
        st = il_composition_molar_mass(&c_old, &m_old, err);
    if (!st)
        st = il_layer_composition(l, &c_new, err);
    if (!st)
        st = il_composition_molar_mass(&c_new, &m_new, err);
    if (st)
        return st;
    l->density_g_cm3 *= m_new / m_old;
    static const char note[] = " [scaled to the isotopes at constant atoms/cm3]";
    if (!strstr(l->density_source, note)) {
        size_t n = strlen(l->density_source);
        if (n + sizeof note <= sizeof l->density_source)
            memcpy(l->density_source + n, note, sizeof note);
    }
    return IL_OK;
}

/* Removes the "TEXT: column N: " head a formula error starts with, since the stack reports the
 * place itself. */
static void strip_formula_place(il_error *err, const char *text)
{
    if (!err || err->column <= 0)
        return;
    size_t n = strlen(text);
    if (strncmp(err->message, text, n) != 0 || strncmp(err->message + n, ": column ", 9) != 0)
        return;
    const char *rest = strstr(err->message + n + 9, ": ");
    if (rest)
        memmove(err->message, rest + 2, strlen(rest + 2) + 1);
}

/* An enrichment acts on the natural atoms of its element; one for an element the layer does
 * not hold (b10=0.9 on LiCoO2) is a mistake the user should hear about, not a silent no-op. */
static il_status enrichment_applies(const il_formula *f, const il_enrichment *enr, size_t n,
                                    il_error *err)
{
    for (size_t k = 0; k < n; k++) {
        size_t i;
        for (i = 0; i < f->n && !(f->Z[i] == enr[k].Z && f->A[i] == 0); i++)
            ;
        if (i == f->n) {
            const il_element *e = il_element_by_z(enr[k].Z);
            return il_error_set(err, IL_ERR_INVALID,
                                "enrichment of %d%s, but the layer has no natural %s to enrich",
                                enr[k].A, e ? e->symbol : "?", e ? e->symbol : "element");
        }
    }
    return IL_OK;
}

il_status il_stack_add(il_stack *s, const il_layer_spec *spec, const il_material_db *db,
                       il_error *err)
{
    if (!s || !spec || !spec->material)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_add: NULL argument");
    size_t idx = s->n + 1;
    const char *mat = spec->material;
    if (s->n >= IL_STACK_MAX_LAYERS)
        return il_error_set(err, IL_ERR_RANGE, "more than %d layers", IL_STACK_MAX_LAYERS);
    if (s->n > 0 && s->layers[s->n - 1].is_substrate)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu '%.60s': nothing can follow the "
                            "substrate (a layer without thickness)", idx, mat);
    if (strlen(mat) >= sizeof ((il_layer *)0)->material)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu: material text too long", idx);
    if (spec->name && strlen(spec->name) >= sizeof ((il_layer *)0)->name)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu: name '%.40s...' too long", idx,
                            spec->name);

    il_layer l;
    memset(&l, 0, sizeof l);
    il_material_resolved r;
    il_status st = il_material_resolve(db, mat, spec->density_g_cm3, &r, err);
    if (st) {
        strip_formula_place(err, mat);
        il_error_prefix(err, "layer %zu '%.60s': ", idx, mat);
        return st;
    }
    snprintf(l.name, sizeof l.name, "%s", spec->name && *spec->name ? spec->name : mat);
    snprintf(l.material, sizeof l.material, "%s", mat);
    l.formula = r.formula;
    l.density_g_cm3 = r.density_g_cm3;
    snprintf(l.density_source, sizeof l.density_source, "%s", r.density_source);
    l.is_substrate = spec->substrate != 0;
    l.given = spec->kind;
    if (!l.is_substrate) {
        if (!isfinite(spec->thickness) || spec->thickness <= 0)
            return il_error_set(err, IL_ERR_INVALID, "layer %zu '%.60s': thickness %g must be "
                                "> 0", idx, mat, spec->thickness);
        if (spec->kind == IL_THICKNESS_NM)
            l.thickness_nm = spec->thickness;
        else
            l.areal_tfu = spec->thickness;
    }
    if (!isfinite(spec->roughness_nm) || spec->roughness_nm < 0)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu '%.60s': roughness %g nm must be "
                            ">= 0", idx, mat, spec->roughness_nm);
    l.roughness_nm = spec->roughness_nm;
    double factor = spec->stopping_factor == 0 ? 1.0 : spec->stopping_factor;
    if (!isfinite(factor) || factor <= 0)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu '%.60s': stopping factor %g must "
                            "be > 0", idx, mat, factor);
    l.stopping_factor = factor;
    if (spec->n_enrich > IL_ENRICH_MAX)
        return il_error_set(err, IL_ERR_RANGE, "layer %zu '%.60s': more than %d enrichments",
                            idx, mat, IL_ENRICH_MAX);
    if ((st = il_enrichment_check(spec->enrich, spec->n_enrich, err)) != IL_OK ||
        (st = enrichment_applies(&l.formula, spec->enrich, spec->n_enrich, err)) != IL_OK) {
        il_error_prefix(err, "layer %zu '%.60s': ", idx, mat);
        return st;
    }
    l.n_enrich = spec->n_enrich;
    if (spec->n_enrich)
        memcpy(l.enrich, spec->enrich, spec->n_enrich * sizeof *spec->enrich);
    if (spec->n_enrich && !density_given(&l)) {
        /* Database densities are for the natural isotopic mix. Enrichment changes the mass of
         * the atoms, not how many fit in the crystal: keep atoms/cm3, scale the mass density. */
        il_enrichment none[1];
        if ((st = rescale_density(&l, none, 0, err)) != IL_OK) {
            il_error_prefix(err, "layer %zu '%.60s': ", idx, mat);
            return st;
        }
    }
    if ((st = recompute(&l, err)) != IL_OK) {
        il_error_prefix(err, "layer %zu '%.60s': ", idx, mat);
        return st;
    }
    il_status gs = IL_GROW_ROOM(s->layers, s->n, s->cap, 8, err);
    if (gs)
        return gs;
    s->layers[s->n++] = l;
    return IL_OK;
}

/* ---- queries ------------------------------------------------------------------------------ */

const char *il_stack_name(const il_stack *s)
{
    return s ? s->name : "";
}

size_t il_stack_count(const il_stack *s)
{
    return s ? s->n : 0;
}

const il_layer *il_stack_layer(const il_stack *s, size_t i)
{
    return s && i < s->n ? &s->layers[i] : NULL;
}

il_layer *il__stack_layer_mut(il_stack *s, size_t i)
{
    return s && i < s->n ? &s->layers[i] : NULL;
}

const il_layer *il_stack_substrate(const il_stack *s)
{
    if (!s || s->n == 0 || !s->layers[s->n - 1].is_substrate)
        return NULL;
    return &s->layers[s->n - 1];
}

double il_stack_thickness_nm(const il_stack *s)
{
    double t = 0;
    for (size_t i = 0; s && i < s->n; i++)
        if (!s->layers[i].is_substrate)
            t += s->layers[i].thickness_nm;
    return t;
}

double il_stack_areal_tfu(const il_stack *s)
{
    double t = 0;
    for (size_t i = 0; s && i < s->n; i++)
        if (!s->layers[i].is_substrate)
            t += s->layers[i].areal_tfu;
    return t;
}

double il_stack_layer_top_nm(const il_stack *s, size_t i)
{
    double t = 0;
    for (size_t k = 0; s && k < i && k < s->n; k++)
        t += s->layers[k].thickness_nm;
    return t;
}

static double per_cm2(const il_layer *l, double per_cm3)
{
    if (!l->is_substrate)
        return per_cm3 * l->thickness_nm * 1e-7;
    return per_cm3 > 0 ? INFINITY : 0;
}

size_t il_layer_elements(const il_layer *l, il_layer_element *out, size_t max)
{
    if (!l)
        return 0;
    double mf[IL_FORMULA_MAX];
    if (il_formula_mass_fractions(&l->formula, l->enrich, l->n_enrich, mf, NULL) != IL_OK)
        return 0;
    double atoms_fu = il_formula_atoms(&l->formula);
    il_layer_element tmp[IL_FORMULA_MAX];
    size_t n = 0;
    for (size_t i = 0; i < l->formula.n; i++) {
        size_t j;
        for (j = 0; j < n; j++)
            if (tmp[j].Z == l->formula.Z[i])
                break;
        if (j == n) {
            tmp[n] = (il_layer_element){l->formula.Z[i], 0, 0, 0, 0};
            n++;
        }
        tmp[j].atom_fraction += l->formula.count[i] / atoms_fu;
        tmp[j].mass_fraction += mf[i];
    }
    for (size_t i = 1; i < n; i++) { /* by Z */
        il_layer_element t = tmp[i];
        size_t j = i;
        for (; j > 0 && tmp[j - 1].Z > t.Z; j--)
            tmp[j] = tmp[j - 1];
        tmp[j] = t;
    }
    il_composition c;
    if (il_layer_composition(l, &c, NULL) != IL_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        tmp[i].atoms_cm3 = il_composition_atoms_cm3(&c, l->atoms_cm3, tmp[i].Z, 0);
        tmp[i].atoms_cm2 = per_cm2(l, tmp[i].atoms_cm3);
        if (out && i < max)
            out[i] = tmp[i];
    }
    return n < max || !out ? n : max;
}

size_t il_layer_isotopes(const il_layer *l, il_layer_isotope *out, size_t max)
{
    if (!l)
        return 0;
    il_formula_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n;
    if (il_formula_isotopes(&l->formula, l->enrich, l->n_enrich, iso, IL_FORMULA_ISOTOPES_MAX,
                            &n, NULL) != IL_OK)
        return 0;
    il_composition comp;
    if (il_layer_composition(l, &comp, NULL) != IL_OK)
        return 0;
    for (size_t i = 0; i < n && out && i < max; i++) {
        double c = il_composition_atoms_cm3(&comp, l->atoms_cm3, iso[i].Z, iso[i].A);
        out[i] = (il_layer_isotope){iso[i].Z, iso[i].A, c, per_cm2(l, c)};
    }
    return n < max || !out ? n : max;
}

/* Prints an isotope enrichment key like "li6" from (Z, A). */
static void enrich_key(const il_enrichment *e, char *buf, size_t size)
{
    const il_element *el = il_element_by_z(e->Z);
    const char *sym = el ? el->symbol : "X";
    snprintf(buf, size, "%c%s%d", sym[0] | 0x20, sym + 1, e->A);
}

const char *il_stack_format(const il_stack *s, char *buf, size_t size)
{
    if (!buf || size == 0)
        return "";
    buf[0] = '\0';
    size_t used = 0;
#define PUT(...)                                                                               \
    do {                                                                                       \
        if (used < size) {                                                                     \
            int w_ = snprintf(buf + used, size - used, __VA_ARGS__);                           \
            if (w_ > 0)                                                                        \
                used += (size_t)w_;                                                            \
        }                                                                                      \
    } while (0)
    for (size_t i = 0; s && i < s->n; i++) {
        const il_layer *l = &s->layers[i];
        PUT("%s%s", i ? " | " : "", l->material);
        if (!l->is_substrate) {
            if (l->given == IL_THICKNESS_TFU)
                PUT(" %.9gtfu", l->areal_tfu);
            else
                PUT(" %.9gnm", l->thickness_nm);
        }
        if (strcmp(l->density_source, "given") == 0)
            PUT(" density=%.9g", l->density_g_cm3);
        if (l->roughness_nm > 0)
            PUT(" rough=%.9gnm", l->roughness_nm);
        for (size_t k = 0; k < l->n_enrich; k++) {
            char key[16];
            enrich_key(&l->enrich[k], key, sizeof key);
            PUT(" %s=%.9g", key, l->enrich[k].fraction);
        }
        if (l->stopping_factor != 1.0)
            PUT(" factor=%.9g", l->stopping_factor);
        if (strcmp(l->name, l->material) != 0) {
            /* quoted when it holds blanks or separators; a '"' inside cannot be written */
            char nm[sizeof l->name];
            snprintf(nm, sizeof nm, "%s", l->name);
            for (char *c = nm; *c; c++)
                if (*c == '"')
                    *c = '\'';
            int plain = strchr(nm, '|') == NULL && strchr(nm, '=') == NULL;
            for (const char *c = nm; *c; c++)
                plain &= !isspace((unsigned char)*c);
            PUT(plain ? " name=%s" : " name=\"%s\"", nm);
        }
    }
#undef PUT
    return buf;
}

/* ---- changes ------------------------------------------------------------------------------ */

static il_status layer_for_change(il_stack *s, size_t i, il_layer **l, il_error *err)
{
    if (!s || i >= s->n)
        return il_error_set(err, IL_ERR_INVALID, "no layer %zu (the stack has %zu)", i + 1,
                            s ? s->n : 0);
    *l = &s->layers[i];
    return IL_OK;
}

/* Applies a change on a copy and commits only when the derived numbers work out. */
static il_status commit(il_layer *l, il_layer *copy, il_error *err)
{
    il_status st = recompute(copy, err);
    if (st == IL_OK)
        *l = *copy;
    return st;
}

/* Sets a layer's amount of matter as a length (nm) or an areal density (tfu); the other
 * measure follows from the density. */
static il_status set_amount(il_stack *s, size_t i, double value, il_thickness_kind kind,
                            il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_for_change(s, i, &l, err);
    if (st)
        return st;
    if (l->is_substrate)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu is the substrate (semi-infinite)",
                            i + 1);
    if (!isfinite(value) || value <= 0)
        return il_error_set(err, IL_ERR_INVALID, "%s %g %s must be > 0",
                            kind == IL_THICKNESS_NM ? "thickness" : "areal density", value,
                            kind == IL_THICKNESS_NM ? "nm" : "tfu");
    il_layer c = *l;
    if (kind == IL_THICKNESS_NM)
        c.thickness_nm = value;
    else
        c.areal_tfu = value;
    c.given = kind;
    return commit(l, &c, err);
}

il_status il_stack_set_thickness_nm(il_stack *s, size_t i, double nm, il_error *err)
{
    return set_amount(s, i, nm, IL_THICKNESS_NM, err);
}

il_status il_stack_set_areal_tfu(il_stack *s, size_t i, double tfu, il_error *err)
{
    return set_amount(s, i, tfu, IL_THICKNESS_TFU, err);
}

il_status il_stack_set_density(il_stack *s, size_t i, double g_cm3, il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_for_change(s, i, &l, err);
    if (st)
        return st;
    if (!isfinite(g_cm3) || g_cm3 <= 0)
        return il_error_set(err, IL_ERR_INVALID, "density %g g/cm3 must be > 0", g_cm3);
    if (g_cm3 > IL_MAX_DENSITY_G_CM3)
        return il_error_set(err, IL_ERR_RANGE,
                            "density %g g/cm3 is above the largest allowed, " IL_MAX_DENSITY_TEXT,
                            g_cm3);
    if (g_cm3 < IL_MIN_DENSITY_G_CM3)
        return il_error_set(err, IL_ERR_RANGE,
                            "density %g g/cm3 is below the smallest allowed, " IL_MIN_DENSITY_TEXT,
                            g_cm3);
    il_layer c = *l;
    c.density_g_cm3 = g_cm3;
    snprintf(c.density_source, sizeof c.density_source, "given");
    return commit(l, &c, err);
}

/* Sets a layer property nothing else in the layer is derived from (roughness, stopping factor):
 * no other field to recompute, so it is stored as given once `valid` (the caller's range check)
 * holds. The error reads "<what> <value> <rule>". */
static il_status set_independent(il_stack *s, size_t i, double *(*field)(il_layer *), double v,
                                 int valid, const char *what, const char *rule, il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_for_change(s, i, &l, err);
    if (st)
        return st;
    if (!valid)
        return il_error_set(err, IL_ERR_INVALID, "%s %g %s", what, v, rule);
    *field(l) = v;
    return IL_OK;
}

static double *roughness_field(il_layer *l) { return &l->roughness_nm; }
static double *stopping_factor_field(il_layer *l) { return &l->stopping_factor; }

il_status il_stack_set_roughness_nm(il_stack *s, size_t i, double nm, il_error *err)
{
    return set_independent(s, i, roughness_field, nm, isfinite(nm) && nm >= 0, "roughness",
                           "nm must be >= 0", err);
}

il_status il_stack_set_enrichment(il_stack *s, size_t i, const il_enrichment *enr, size_t n,
                                  il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_for_change(s, i, &l, err);
    if (st)
        return st;
    if (n > IL_ENRICH_MAX)
        return il_error_set(err, IL_ERR_RANGE, "more than %d enrichments", IL_ENRICH_MAX);
    if ((st = il_enrichment_check(enr, n, err)) != IL_OK ||
        (st = enrichment_applies(&l->formula, enr, n, err)) != IL_OK)
        return st;
    il_layer c = *l;
    c.n_enrich = n;
    if (n)
        memcpy(c.enrich, enr, n * sizeof *enr);
    /* a tabulated density follows the isotopes at constant atoms/cm3 (see il_stack_add) */
    if (!density_given(&c) && (st = rescale_density(&c, l->enrich, l->n_enrich, err)) != IL_OK)
        return st;
    return commit(l, &c, err);
}

il_status il_stack_set_formula(il_stack *s, size_t i, const il_formula *f, il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_for_change(s, i, &l, err);
    if (st)
        return st;
    if (f->n == 0 || f->n > IL_FORMULA_MAX)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu: a formula of %zu species", i + 1,
                            f->n);
    for (size_t k = 0; k < f->n; k++)
        if (!isfinite(f->count[k]) || f->count[k] <= 0)
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: atoms per formula unit %g "
                                "must be > 0", i + 1, f->count[k]);
    if ((st = enrichment_applies(f, l->enrich, l->n_enrich, err)) != IL_OK)
        return st;
    il_layer c = *l;
    c.formula = *f;
    /* the material text is what il_stack_format writes: it becomes the new formula */
    il_formula_format(f, c.material, sizeof c.material);
    /* constant atoms/cm3: the density scales with the mean mass of an atom */
    il_composition comp;
    double m_new;
    if ((st = il_layer_composition(&c, &comp, err)) ||
        (st = il_composition_molar_mass(&comp, &m_new, err)))
        return st;
    double atoms_old = il_formula_atoms(&l->formula), atoms_new = il_formula_atoms(f);
    c.density_g_cm3 = l->density_g_cm3 * (m_new / atoms_new) / (l->molar_mass_g_mol / atoms_old);
    static const char note[] = " [composition changed at constant atoms/cm3]";
    if (!strstr(c.density_source, note)) {
        size_t n = strlen(c.density_source);
        if (n + sizeof note <= sizeof c.density_source)
            memcpy(c.density_source + n, note, sizeof note);
    }
    return commit(l, &c, err);
}

il_status il_stack_set_stopping_factor(il_stack *s, size_t i, double factor, il_error *err)
{
    return set_independent(s, i, stopping_factor_field, factor, isfinite(factor) && factor > 0,
                           "stopping factor", "must be > 0", err);
}

il_status il_stack_set_name(il_stack *s, const char *name, il_error *err)
{
    if (!s)
        return il_error_set(err, IL_ERR_INVALID, "no stack");
    snprintf(s->name, sizeof s->name, "%s", name ? name : "");
    return IL_OK;
}

/* ---- shared with the inline and YAML readers -------------------------------------------- */

static il_status not_isotope(const char *key, il_error *err)
{
    return il_error_set(err, IL_ERR_NOT_FOUND, "'%s' is not an isotope (expected e.g. Li6, B10)",
                        key ? key : "");
}

il_status il_stack_parse_isotope_key(const char *key, int *Z, int *A, il_error *err)
{
    if (!key || !Z || !A)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_parse_isotope_key: NULL argument");
    /* "li6", "Li6", "6Li", "Li[6]", "Li-6": letters give the element, digits the mass number */
    char letters[8];
    size_t nl = 0;
    long mass = 0;
    int nd = 0;
    for (const char *p = key; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            if (nl >= 3)
                return not_isotope(key, err);
            letters[nl] = (char)(nl == 0 ? (c & ~0x20) : (c | 0x20));
            nl++;
        } else if (c >= '0' && c <= '9') {
            if (++nd > 3)
                return not_isotope(key, err);
            mass = mass * 10 + (c - '0');
        } else if (c != '[' && c != ']' && c != '-') {
            return not_isotope(key, err);
        }
    }
    letters[nl] = '\0';
    if (nl == 0 || nd == 0)
        return not_isotope(key, err);
    const il_element *e = il_element_by_symbol(letters);
    double m;
    if (!e || il_nuclide_mass_u(e->Z, (int)mass, &m, NULL) != IL_OK)
        return not_isotope(key, err);
    if (!il__isotope_usable(e->Z, (int)mass))
        return il_error_set(err, IL_ERR_INVALID,
                            "'%s': %s-%ld is neither stable nor long-lived (it does not occur in "
                            "nature and is no long-lived radionuclide such as H-3 or C-14): no "
                            "layer can be enriched in it",
                            key, e->symbol, mass);
    *Z = e->Z;
    *A = (int)mass;
    return IL_OK;
}
