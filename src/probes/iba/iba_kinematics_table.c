/* The kinematics table of a stack (il_iba_kinematics): per layer and element the energy factor,
 * the detected energies from the surface and from the top and bottom of the layer, and the
 * depth scale, with mean energies (no straggling). */
#include <math.h>

#include "interlayer/composition.h"
#include "interlayer/iba_kinematics.h"
#include "probes/iba/iba_priv.h"

/* The depth scale is the slope over the first 100 nm of a layer (or all of a thinner one): the
 * number people read off a spectrum near the layer's top edge. */
#define SCALE_DEPTH_nm 100.0

static double factor(const iba_setup *S, int Z, double M)
{
    double K[2];
    if (S->o.technique == IL_IBA_ERDA)
        return Z == S->beam.Z && fabs(M - S->beam.M) < 0.5 ? 0.0
               : il_iba_recoil_factor(S->beam.M, M, S->o.theta_deg);
    return il_iba_kfactor(S->beam.M, M, S->o.theta_deg, K) ? K[0] : 0.0;
}

il_status il_iba_kinematics(const il_stack *stack, const il_iba_options *o,
                            il_iba_kinematics_row *rows, size_t max, size_t *n, il_error *err)
{
    *n = 0;
    il_iba_options oo = *o;
    if (oo.technique == IL_IBA_NRA)
        oo.technique = IL_IBA_RBS; /* the table describes elastic scattering */
    iba_setup *S;
    il_status st = il__iba_setup_new(stack, &oo, &S, err);
    if (st)
        return st;
    double E = o->energy_keV;
    for (size_t L = 0; L < S->n_layers; L++) {
        const il_layer *l = S->layer[L];
        il_layer_element el[IL_FORMULA_MAX];
        size_t ne = il_layer_elements(l, el, IL_FORMULA_MAX);
        double thick = l->is_substrate ? INFINITY : S->areal_tfu[L];
        double probe = fmin(thick, il_nm_to_tfu(SCALE_DEPTH_nm, l->atoms_cm3));
        double E_probe = il_ion_stopping_advance(S->beam_stop[L], E, probe / S->cos_a, NULL);
        double E_bot = isfinite(thick)
                           ? il_ion_stopping_advance(S->beam_stop[L], E, thick / S->cos_a, NULL)
                           : NAN;
        for (size_t i = 0; i < ne; i++) {
            int Z = el[i].Z;
            double M = il__iba_mass(Z, 0);
            il_iba_kinematics_row r = {.layer = L, .Z = Z, .mass_u = M, .beam_top_keV = E,
                                       .bottom_keV = NAN};
            r.factor = factor(S, Z, M);
            r.surface_keV = r.factor * o->energy_keV;
            if (r.factor > 0.0) {
                size_t t;
                int pZ = oo.technique == IL_IBA_ERDA ? Z : S->beam.Z;
                int pA = oo.technique == IL_IBA_ERDA ? (int)lround(M) : S->beam.A;
                if ((st = il__iba_type(S, pZ, pA, &t, err)))
                    goto out;
                r.top_keV = il__iba_exit(S, t, L, 0.0, r.factor * E, NULL);
                double dp = il__iba_exit(S, t, L, probe, r.factor * E_probe, NULL);
                if (isfinite(thick))
                    r.bottom_keV = E_bot > 0.0 ? il__iba_exit(S, t, L, thick, r.factor * E_bot,
                                                              NULL)
                                               : 0.0;
                double probe_nm = il_tfu_to_nm(probe, l->atoms_cm3);
                r.depth_scale_keV_nm = probe_nm > 0.0 ? (r.top_keV - dp) / probe_nm : 0.0;
            }
            if (rows && *n < max)
                rows[*n] = r;
            (*n)++;
        }
        if (!isfinite(thick) || !(E_bot > 0.0))
            break;
        E = E_bot;
    }
out:
    il__iba_setup_free(S);
    return st;
}
