/* Stack -> reflectometry slab model and SLD profile (see include/interlayer/refl_stack.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/elements.h"
#include "interlayer/refl.h"
#include "interlayer/refl_stack.h"
#include "probes/refl/refl_stack_profile.h"

/* Composition of a stack layer (il_layer_composition): natural elements stay whole (their
 * measured b), elements with an enrichment entry are split into isotopes. */
static il_status layer_composition(const il_layer *l, il_refl_layer_model *L, il_error *err)
{
    il_status st = il_layer_composition(l, &L->comp, err);
    if (st)
        il_error_prefix(err, "layer '%s': ", l->name);
    if (st)
        return st;
    L->density_g_cm3 = l->density_g_cm3;
    L->li6_fraction = -1.0;
    return IL_OK;
}

il_status il_refl_stack_layers(const il_stack *s, il_refl_layer_model **layers, size_t *n,
                               il_error *err)
{
    size_t nl = il_stack_count(s);
    const il_layer *sub = il_stack_substrate(s);
    size_t nfin = sub ? nl - 1 : nl;
    size_t total = nfin + 2;
    il_refl_layer_model *L = calloc(total, sizeof *L);
    if (!L)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    snprintf(L[0].name, sizeof L[0].name, "vacuum");
    L[0].li6_fraction = -1.0;
    for (size_t i = 0; i < nl; i++) {
        const il_layer *l = il_stack_layer(s, i);
        il_refl_layer_model *M = &L[i + 1];
        snprintf(M->name, sizeof M->name, "%s", l->name);
        il_status st = layer_composition(l, M, err);
        if (st) {
            free(L);
            return st;
        }
        M->thickness_A = l->is_substrate ? 0.0 : 10.0 * l->thickness_nm;
        /* roughness of the interface above this layer = lower interface of the one above */
        M->roughness_A = i > 0 ? 10.0 * il_stack_layer(s, i - 1)->roughness_nm : 0.0;
    }
    if (!sub) {
        il_refl_layer_model *B = &L[total - 1];
        snprintf(B->name, sizeof B->name, "vacuum");
        B->li6_fraction = -1.0;
        B->roughness_A = nl > 0 ? 10.0 * il_stack_layer(s, nl - 1)->roughness_nm : 0.0;
    }
    il_status st = refl_stack_slice_profiles(s, &L, &total, err); /* profiled layers */
    if (st) {
        free(L);
        return st;
    }
    *layers = L;
    *n = total;
    return IL_OK;
}

il_status il_refl_stack_profile(const il_stack *s, const il_refl_probe *probe, const double *z_A,
                                size_t nz, double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    il_refl_layer_model *L;
    size_t n;
    il_status st = il_refl_stack_layers(s, &L, &n, err);
    if (st)
        return st;
    il_refl_slab *sl = malloc(n * sizeof *sl);
    if (!sl) {
        free(L);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t j = 0; j < n && !st; j++) {
        double re, im;
        st = il_refl_layer_sld(&L[j], probe, &re, &im, err);
        sl[j] = (il_refl_slab){L[j].thickness_A, re, im, L[j].roughness_A};
    }
    if (!st)
        st = il_refl_profile(sl, n, z_A, nz, sld_re_1e6, sld_im_1e6, err);
    free(sl);
    free(L);
    return st;
}
