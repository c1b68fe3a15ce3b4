/* A cell state as a stack (cell.h): what the probes see. Electrode Li becomes a LINEAR profile
 * through the volume centres (Li per formula unit of the host, which keeps its formula units
 * per cm3, as stack profiles do); an interlayer takes its grown thickness and holds its Li as
 * a uniform profile; a Li metal layer takes the thickness its Li fills at its density. */
#include <math.h>
#include <string.h>

#include "cell/cell_internal.h"
#include "interlayer/constants.h"

static il_status electrode_profile(const il_cell *c, const il_cell_elec *e, const double *y,
                                   il_stack *s, il_error *err)
{
    if (e->metal) {
        double nm = y[e->y0] * e->metal_molar_volume_cm3 * 1e7;
        return il_stack_set_thickness_nm(s, e->layer, nm > 1e-3 ? nm : 1e-3, err);
    }
    il_layer_profile p;
    memset(&p, 0, sizeof p);
    p.Z = 3, p.A = 0, p.kind = IL_PROFILE_LINEAR, p.n = e->n;
    double L = e->thickness_cm * 1e7, dx = L / (double)e->n;
    for (size_t j = 0; j < e->n; j++) {
        /* volume 0 faces the electrolyte: at the layer's bottom when the electrolyte is deeper */
        size_t v = e->electrolyte_below ? e->n - 1 - j : j;
        p.depth_nm[j] = ((double)j + 0.5) * dx;
        double th = y[e->y0 + v];
        p.value[j] = (th > 0 ? th : 0) * e->p->li_max_per_formula;
    }
    (void)c;
    return il_stack_add_profile(s, e->layer, &p, err);
}

il_status il__cell_state_stack(const il_cell *c, const double *y, il_stack **out, il_error *err)
{
    *out = NULL;
    il_stack *s;
    il_status st = il_stack_clone(c->stack, &s, err);
    if (st)
        return st;
    if ((st = electrode_profile(c, &c->cat, y, s, err)) ||
        (st = electrode_profile(c, &c->an, y, s, err)))
        goto fail;
    for (size_t k = 0; k < c->p.n_interlayers; k++) {
        const il_cell_inter *in = &c->in[k];
        double L = y[c->iL + k];
        if ((st = il_stack_set_thickness_nm(s, in->layer, L, err)))
            goto fail;
        double li = in->li_initial_mol_cm2 + y[c->iT + k] +
                    (in->p->molar_volume_cm3_mol > 0 ? (L - in->L0_nm) * 1e-7 / in->p->molar_volume_cm3_mol : 0);
        il_layer_profile p;
        memset(&p, 0, sizeof p);
        p.Z = 3, p.A = 0, p.kind = IL_PROFILE_LINEAR, p.n = 1;
        p.depth_nm[0] = 0;
        p.value[0] = in->fu_cm3 > 0 && L > 0 ? fmax(li, 0) * IL_AVOGADRO / (in->fu_cm3 * L * 1e-7) : 0;
        if ((st = il_stack_add_profile(s, in->layer, &p, err)))
            goto fail;
    }
    /* the Li in the formulas too, so that it stops the probe's particles (state_nominal.c) */
    il_stack *nominal;
    if ((st = il__cell_stack_nominal_li(s, &nominal, err)))
        goto fail;
    il_stack_free(s);
    *out = nominal;
    return IL_OK;
fail:
    il_error_prefix(err, "cell state as a stack: ");
    il_stack_free(s);
    return st;
}
