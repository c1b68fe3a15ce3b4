/* A cell state's layers with their mean Li in the nominal formula.
 *
 * Why: a stack profile changes where the Li is (the count of each slice), but a layer's
 * stopping table is built from its nominal formula (physics/stopping). A state written as
 * "Si + a Li profile of 1.1 per Si" therefore stopped the NDP alphas and tritons like bare Si,
 * and the twin's spectra disagreed with any analysis that puts the Li it finds into the
 * stopping (ndp invert/operando --self-consistent): the electrolyte's Li moved by ~2e17
 * atoms/cm2 into the anode. Here every layer with a Li profile gets that profile's mean Li per
 * formula unit in its formula, its formula units per cm3 kept (density from the new molar
 * mass), and keeps the profile: the counts per slice are unchanged and the stopping is the
 * layer's mean composition's. */
#include <math.h>
#include <string.h>

#include "cell/cell_internal.h"
#include "interlayer/composition.h"
#include "interlayer/constants.h"
#include "interlayer/formula.h"

/* The mean Li per formula unit of layer L's Li profile, or NaN when the layer has none (or
 * names Li isotopes in its formula, whose mix a plain count would lose). */
static double mean_li_per_formula(const il_layer *L)
{
    if (L->is_substrate || !(L->thickness_nm > 0))
        return NAN;
    for (size_t k = 0; k < L->formula.n; k++)
        if (L->formula.Z[k] == 3 && L->formula.A[k] != 0)
            return NAN;
    double nfu = L->atoms_cm3 / il_formula_atoms(&L->formula);
    for (size_t k = 0; k < il_layer_n_profiles(L); k++) {
        const il_layer_profile *p = il_layer_profile_get(L, k);
        if (p->Z == 3 && p->A == 0)
            return il_layer_profile_areal(L, k) / (nfu * L->thickness_nm * 1e-7);
    }
    return NAN;
}

/* Formula f with x Li per formula unit (Li dropped when x is ~0 and other elements remain). */
static void set_li(il_formula *f, double x)
{
    size_t k;
    for (k = 0; k < f->n; k++)
        if (f->Z[k] == 3)
            break;
    if (x > 1e-9) {
        if (k == f->n && f->n < IL_FORMULA_MAX) {
            f->Z[f->n] = 3, f->A[f->n] = 0;
            f->n++;
        }
        if (k < f->n)
            f->count[k] = x;
    } else if (k < f->n && f->n > 1) {
        for (size_t j = k + 1; j < f->n; j++)
            f->Z[j - 1] = f->Z[j], f->A[j - 1] = f->A[j], f->count[j - 1] = f->count[j];
        f->n--;
    }
}

il_status il__cell_stack_nominal_li(const il_stack *s, il_stack **out, il_error *err)
{
    *out = NULL;
    il_stack *n;
    il_status st = il_stack_new(il_stack_name(s), &n, err);
    if (st)
        return st;
    for (size_t l = 0; l < il_stack_count(s) && !st; l++) {
        const il_layer *L = il_stack_layer(s, l);
        il_layer_spec sp;
        memset(&sp, 0, sizeof sp);
        sp.name = L->name;
        sp.material = L->material;
        sp.density_g_cm3 = L->density_g_cm3;
        sp.thickness = L->thickness_nm;
        sp.kind = IL_THICKNESS_NM;
        sp.roughness_nm = L->roughness_nm;
        sp.enrich = L->enrich;
        sp.n_enrich = L->n_enrich;
        sp.stopping_factor = L->stopping_factor;
        sp.substrate = L->is_substrate;
        char text[IL_FORMULA_TEXT_MAX];
        double x = mean_li_per_formula(L);
        if (isfinite(x)) {
            il_formula f = L->formula;
            double nfu = L->atoms_cm3 / il_formula_atoms(&f);
            set_li(&f, x);
            il_composition c;
            double M = 0;
            st = il_composition_from_formula(&f, L->enrich, L->n_enrich, &c, err);
            if (!st)
                st = il_composition_molar_mass(&c, &M, err);
            if (st)
                break;
            il_formula_format(&f, text, sizeof text);
            sp.material = text;
            sp.density_g_cm3 = nfu * M / IL_AVOGADRO;
        }
        st = il_stack_add(n, &sp, NULL, err);
        for (size_t k = 0; k < il_layer_n_profiles(L) && !st; k++)
            st = il_stack_add_profile(n, l, il_layer_profile_get(L, k), err);
        if (st)
            il_error_prefix(err, "layer %zu '%s': ", l + 1, L->name);
    }
    if (st) {
        il_stack_free(n);
        return st;
    }
    *out = n;
    return IL_OK;
}
