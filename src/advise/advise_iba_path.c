/* Ion paths through the stack for the ion-beam verdicts: one fast stopping table per layer for
 * one ion (physics/stopping ion_stopping.h, Yang straggling as the IBA simulator uses), and the
 * mean energy and energy variance after crossing a depth interval along a tilted path. */
#include <math.h>
#include <stdlib.h>

#include "advise/advise_iba.h"
#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/stack_stopping.h"

double il__iba_mass_u(int Z)
{
    const il_element *e = il_element_by_z(Z);
    return e ? e->atomic_weight_u : 0.0;
}

il_status il__iba_path_new(const il_stack *s, int Z1, double M1_u, il__iba_path *p,
                           il_error *err)
{
    p->n = il_stack_count(s);
    p->s = s;
    p->st = calloc(p->n, sizeof *p->st);
    if (!p->st)
        return il_error_set(err, IL_ERR_NOMEM, "advise: out of memory");
    for (size_t i = 0; i < p->n; i++) {
        il_composition comp;
        il_stopping_target t;
        il_status st = il_layer_stopping_target(il_stack_layer(s, i), &comp, &t, err);
        t.straggling = IL_STRAG_YANG;
        /* the stopping tables take the velocity from the bare-nucleus mass */
        if (!st)
            st = il_ion_stopping_new(Z1, M1_u - Z1 * IL_ELECTRON_MASS_U, &t, 0, &p->st[i], err);
        if (st) {
            il_error_prefix(err, "layer %zu: ", i + 1);
            il__iba_path_free(p);
            return st;
        }
    }
    return IL_OK;
}

void il__iba_path_free(il__iba_path *p)
{
    for (size_t i = 0; p->st && i < p->n; i++)
        il_ion_stopping_free(p->st[i]);
    free(p->st);
    p->st = NULL;
}

double il__iba_cross(const il__iba_path *p, double z0_nm, double z1_nm, int down, double cos_path,
                     double E_keV, double *var_keV2)
{
    size_t n = p->n;
    for (size_t k = 0; k < n && E_keV > 0; k++) {
        size_t i = down ? k : n - 1 - k;
        const il_layer *l = il_stack_layer(p->s, i);
        double top = il_stack_layer_top_nm(p->s, i);
        double bot = l->is_substrate ? INFINITY : top + l->thickness_nm;
        double a = fmax(top, z0_nm), b = fmin(bot, z1_nm);
        if (b <= a)
            continue;
        /* 1e15 atoms/cm2 per nm of depth: N [cm-3] x 1e-7 cm / 1e15 */
        double tfu = (b - a) * l->atoms_cm3 * 1e-22 / cos_path;
        E_keV = il_ion_stopping_advance(p->st[i], E_keV, tfu, var_keV2);
    }
    return E_keV > 0 ? E_keV : 0;
}

double il__iba_keV_nm(const il__iba_path *p, size_t layer, double E_keV)
{
    const il_layer *l = il_stack_layer(p->s, layer);
    return il_ion_stopping_eval(p->st[layer], E_keV) * 1e-3 * l->atoms_cm3 * 1e-22;
}

size_t il__iba_layer_at(const il_stack *s, double z_nm)
{
    size_t n = il_stack_count(s);
    for (size_t i = 0; i + 1 < n; i++) {
        const il_layer *l = il_stack_layer(s, i);
        if (z_nm < il_stack_layer_top_nm(s, i) + l->thickness_nm)
            return i;
    }
    return n - 1;
}
