/* Rebuilding a layer with a changed formula at constant formula units per cm3 (see
 * layer_respec.h for who needs it and why). */
#include "matter/layer_respec.h"

#include <math.h>
#include <string.h>

#include "core/built.h"
#include "interlayer/composition.h"
#include "interlayer/constants.h"

double il__layer_formula_units_cm3(const il_layer *L)
{
    double apf = il_formula_atoms(&L->formula);
    return apf > 0 ? L->atoms_cm3 / apf : 0;
}

void il__layer_spec_of(const il_layer *L, il_layer_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->name = L->name;
    sp->material = L->material;
    sp->density_g_cm3 = L->density_g_cm3;
    sp->thickness = L->thickness_nm;
    sp->kind = IL_THICKNESS_NM;
    sp->roughness_nm = L->roughness_nm;
    sp->enrich = L->enrich;
    sp->n_enrich = L->n_enrich;
    sp->stopping_factor = L->stopping_factor;
    sp->substrate = L->is_substrate;
}

void il__formula_set_count(il_formula *f, int Z, double count, double min_count)
{
    size_t k;
    for (k = 0; k < f->n; k++)
        if (f->Z[k] == Z)
            break;
    if (count > min_count) {
        if (k == f->n && f->n < IL_FORMULA_MAX) {
            f->Z[f->n] = Z, f->A[f->n] = 0;
            f->n++;
        }
        if (k < f->n)
            f->count[k] = count;
    } else if (k < f->n && f->n > 1) {
        /* a formula keeps at least one element: its count then stays as it was */
        for (size_t j = k + 1; j < f->n; j++)
            f->Z[j - 1] = f->Z[j], f->A[j - 1] = f->A[j], f->count[j - 1] = f->count[j];
        f->n--;
    }
}

il_status il__layer_spec_reformulate(const il_layer *L, const il_formula *f, char *text,
                                     size_t size, il_layer_spec *sp, il_error *err)
{
    double nfu = il__layer_formula_units_cm3(L);
    il_composition c;
    double M = 0;
    il_status st = il_composition_from_formula(f, L->enrich, L->n_enrich, &c, err);
    if (!st)
        st = il_composition_molar_mass(&c, &M, err);
    if (st)
        return st;
    il_formula_format(f, text, size);
    sp->material = text;
    sp->density_g_cm3 = nfu * M / IL_AVOGADRO;
    return IL_OK;
}

il_status il__stack_respec_li(const il_stack *s, il__li_per_fu_fn li_per_fu, const void *ctx,
                              double min_count, int drop_li_profiles, il_stack **out,
                              size_t *failed, il_error *err)
{
    *out = NULL;
    *failed = il_stack_count(s);
    il_stack *n;
    il_status st = il_stack_new(il_stack_name(s), &n, err);
    if (st)
        return st;
    for (size_t l = 0; l < il_stack_count(s) && !st; l++) {
        const il_layer *L = il_stack_layer(s, l);
        il_layer_spec sp;
        il__layer_spec_of(L, &sp);
        char text[IL_FORMULA_TEXT_MAX]; /* sp's material while the layer is added */
        double x = li_per_fu(L, l, ctx);
        int replaced = isfinite(x);
        if (replaced) {
            il_formula f = L->formula;
            il__formula_set_count(&f, 3, x, min_count);
            if ((st = il__layer_spec_reformulate(L, &f, text, sizeof text, &sp, err)))
                break; /* its message names the formula */
        }
        st = il_stack_add(n, &sp, NULL, err);
        for (size_t k = 0; k < il_layer_n_profiles(L) && !st; k++) {
            const il_layer_profile *p = il_layer_profile_get(L, k);
            if (!(drop_li_profiles && replaced && p->Z == 3))
                st = il_stack_add_profile(n, l, p, err);
        }
        if (st)
            *failed = l;
    }
    IL_RETURN_BUILT(st, n, il_stack_free, out);
}
