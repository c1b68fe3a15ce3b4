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

#include "cell/cell_internal.h"
#include "interlayer/formula.h"
#include "matter/layer_respec.h"

/* The mean Li per formula unit of layer L's Li profile, or NaN when the layer has none (or
 * names Li isotopes in its formula, whose mix a plain count would lose). An il__li_per_fu_fn. */
static double mean_li_per_formula(const il_layer *L, size_t l, const void *ctx)
{
    if (L->is_substrate || !(L->thickness_nm > 0))
        return NAN;
    for (size_t k = 0; k < L->formula.n; k++)
        if (L->formula.Z[k] == 3 && L->formula.A[k] != 0)
            return NAN;
    double nfu = il__layer_formula_units_cm3(L);
    for (size_t k = 0; k < il_layer_n_profiles(L); k++) {
        const il_layer_profile *p = il_layer_profile_get(L, k);
        if (p->Z == 3 && p->A == 0)
            return il_layer_profile_areal(L, k) / (nfu * L->thickness_nm * 1e-7);
    }
    return NAN;
}

il_status il__cell_stack_nominal_li(const il_stack *s, il_stack **out, il_error *err)
{
    size_t bad;
    /* Li dropped when its mean is ~0; the profiles stay (they hold where the Li is) */
    il_status st = il__stack_respec_li(s, mean_li_per_formula, NULL, 1e-9, 0, out, &bad, err);
    if (st && bad < il_stack_count(s))
        il_error_prefix(err, "layer %zu '%s': ", bad + 1, il_stack_layer(s, bad)->name);
    return st;
}
