/* A stack whose layers hold the Li an inversion found, for a self-consistent second pass: the
 * stopping of each layer then includes the Li that moved in or out (a delithiated cathode stops
 * less, a lithiated Si anode more). Each layer keeps its other atoms per cm3 (formula units per
 * cm3 fixed, volume change neglected), gains or loses Li per formula unit, and its mass density
 * follows from the new molar mass. */
#include <math.h>
#include <stdio.h>

#include "interlayer/elements.h"
#include "interlayer/ndp_model.h"
#include "matter/layer_respec.h"

/* Layer l's Li per formula unit from the inverted amount li_atoms_cm2[l] (ctx), or NaN where
 * it does not replace the layer's Li: the substrate, a layer of no thickness, no number, or a
 * formula that names Li isotopes (whose mix a plain count would lose). An il__li_per_fu_fn. */
static double inverted_li_per_fu(const il_layer *L, size_t l, const void *ctx)
{
    const double *li_atoms_cm2 = ctx;
    double li = li_atoms_cm2 ? li_atoms_cm2[l] : NAN;
    int explicit_li = 0;
    for (size_t k = 0; k < L->formula.n; k++)
        explicit_li |= L->formula.Z[k] == 3 && L->formula.A[k] != 0;
    if (L->is_substrate || !isfinite(li) || explicit_li || !(L->thickness_nm > 0))
        return NAN;
    return fmax(0, li) / (L->thickness_nm * 1e-7 * il__layer_formula_units_cm3(L));
}

il_status il_ndp_stack_with_li(const il_stack *s, const double *li_atoms_cm2, il_stack **out,
                               il_error *err)
{
    size_t bad;
    /* no Li left below 1e-6 per formula; a Li profile where the inverted amount has replaced
     * the layer's Li does not go along: that amount is the layer's own mean now */
    il_status st =
        il__stack_respec_li(s, inverted_li_per_fu, li_atoms_cm2, 1e-6, 1, out, &bad, err);
    if (st && bad < il_stack_count(s))
        il_error_prefix(err, "updating layer %zu with the inverted Li: ", bad + 1);
    return st;
}

/* The host's top t nm split off as a layer of its own: same material, density, enrichment and
 * stopping correction (its Li comes later, from il_ndp_stack_with_li, which gives it the
 * stopping of its own composition). Concentration profiles are not split: a layer with
 * profiles cannot host an interlayer. */
il_status il_ndp_stack_with_interlayer(const il_stack *s, size_t host, double thickness_nm,
                                       const char *name, il_stack **out, il_error *err)
{
    *out = NULL;
    if (host >= il_stack_count(s))
        return il_error_set(err, IL_ERR_INVALID, "layer %zu does not exist", host + 1);
    const il_layer *H = il_stack_layer(s, host);
    if (H->is_substrate || !(thickness_nm > 0 && thickness_nm < H->thickness_nm))
        return il_error_set(err, IL_ERR_INVALID,
                            "an interlayer of %g nm does not fit in layer %zu ('%s', %g nm)",
                            thickness_nm, host + 1, H->name, H->thickness_nm);
    if (il_layer_n_profiles(H))
        return il_error_set(err, IL_ERR_INVALID,
                            "layer %zu ('%s') has concentration profiles: no interlayer split",
                            host + 1, H->name);
    il_stack *n;
    il_status st = il_stack_new(il_stack_name(s), &n, err);
    for (size_t l = 0; l < il_stack_count(s) && !st; l++) {
        const il_layer *L = il_stack_layer(s, l);
        il_layer_spec sp;
        il__layer_spec_of(L, &sp);
        if (l == host) {
            il_layer_spec top = sp;
            top.name = name;
            top.thickness = thickness_nm;
            top.roughness_nm = 0;
            st = il_stack_add(n, &top, NULL, err);
            sp.thickness = L->thickness_nm - thickness_nm;
        }
        if (!st)
            st = il_stack_add(n, &sp, NULL, err);
        for (size_t k = 0; k < il_layer_n_profiles(L) && !st; k++)
            st = il_stack_add_profile(n, il_stack_count(n) - 1, il_layer_profile_get(L, k), err);
    }
    if (st) {
        il_stack_free(n);
        return st;
    }
    *out = n;
    return IL_OK;
}
