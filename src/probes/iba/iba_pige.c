/* PIGE yields (interlayer/iba_pige.h): the beam is followed down through the layers in steps of
 * at most 2 keV of energy loss (0.5 keV in the accurate mode; 1 % of E at low energy), and
 * each step adds its target atoms x the exact mean of the piecewise linear sigma(E) over the
 * step's energies (il_sigma_table_mean, in the accurate mode convolved with the beam's
 * straggling): a resonance narrower than a step is integrated, not sampled. */
#include <math.h>

#include "interlayer/composition.h"
#include "interlayer/iba_pige.h"
#include "probes/iba/iba_priv.h"

#define MAX_STEPS 2000000

/* Share of the layer's atoms that are nuclide (Z, A), profiles averaged over [z0, z1] nm. */
static double share(const il_layer *l, int Z, int A, double z0, double z1)
{
    il_layer_isotope li[IL_FORMULA_ISOTOPES_MAX];
    size_t n = l->n_profiles ? il_layer_isotopes_at(l, z0, z1, li, IL_FORMULA_ISOTOPES_MAX)
                             : il_layer_isotopes(l, li, IL_FORMULA_ISOTOPES_MAX);
    double tot = 0.0, mine = 0.0;
    for (size_t i = 0; i < n; i++) {
        tot += li[i].atoms_cm3;
        if (li[i].Z == Z && li[i].A == A)
            mine += li[i].atoms_cm3;
    }
    return tot > 0.0 ? mine / tot : 0.0;
}

il_status il_iba_pige(const il_stack *stack, const il_iba_options *o, const il_sigma_table *sig,
                      double efficiency, il_iba_pige_row *rows, size_t max, size_t *n,
                      double *total, il_error *err)
{
    *n = 0;
    if (total)
        *total = 0.0;
    if (!(efficiency > 0.0 && efficiency <= 1.0))
        return il_error_set(err, IL_ERR_INVALID, "gamma detector efficiency %g: expected 0 < "
                            "efficiency <= 1", efficiency);
    const il_sigma_info *in = il_sigma_table_info(sig);
    if (in->unit != IL_SIGMA_MB_SR)
        return il_error_set(err, IL_ERR_INVALID, "excitation function %s is a ratio to "
                            "Rutherford: PIGE needs mb/sr", in->reaction);
    double lo, hi;
    il_sigma_table_range(sig, &lo, &hi);
    if (o->energy_keV > hi)
        return il_error_set(err, IL_ERR_RANGE, "beam energy %g keV is above the range of the "
                            "excitation function %s (%g..%g keV)", o->energy_keV, in->reaction,
                            lo, hi);
    int Z = in->Z[1], A = (int)lround(in->mass_u[1]);
    iba_setup *S;
    il_status st = il__iba_setup_new(stack, o, &S, err);
    if (st)
        return st;
    /* mb/sr x tfu -> counts: 1e-27 cm2 x 1e15 cm-2 x msr 1e-3 */
    const double fs = o->fluence * o->solid_angle_msr * 1e-3 * efficiency * 1e-12;
    double step = o->accurate ? 0.5 : 2.0;
    double E = o->energy_keV, var = pow(o->energy_spread_keV / 2.3548200450309493, 2);
    double sum = 0.0;
    size_t steps = 0;
    int done = 0;
    for (size_t L = 0; L < S->n_layers && !done; L++) {
        const il_layer *l = S->layer[L];
        const il_ion_stopping *bs = S->beam_stop[L];
        double thick = S->areal_tfu[L], x = 0.0, Y = 0.0, T = 0.0, top = E;
        double f = l->n_profiles ? 0.0 : share(l, Z, A, 0.0, 0.0);
        while (x < thick && !done) {
            if (E <= lo || ++steps > MAX_STEPS) {
                done = 1; /* below the table sigma is 0: nothing more to count */
                break;
            }
            double dE = fmin(step, 0.01 * E);
            double dx = fmin(dE * 1e3 / il_ion_stopping_eval(bs, E) * S->cos_a, thick - x);
            double path = dx / S->cos_a, vb = var;
            double Eb = il_ion_stopping_advance(bs, E, path, &vb);
            if (l->n_profiles)
                f = share(l, Z, A, il_tfu_to_nm(x, l->atoms_cm3),
                          il_tfu_to_nm(x + dx, l->atoms_cm3));
            double s = o->accurate ? sqrt(0.5 * (var + vb)) : 0.0;
            double sg = f > 0.0 ? il_sigma_table_mean(sig, E, fmax(Eb, 0.0), s) : 0.0;
            Y += f * sg * path;
            T += f * path;
            x += dx;
            E = Eb;
            var = vb;
            if (!(E > 0.0))
                done = 1;
        }
        if (!l->is_substrate && L + 1 == S->n_layers)
            done = 1; /* a self-supporting film: the beam leaves */
        if (rows && *n < max)
            rows[*n] = (il_iba_pige_row){.layer = L, .counts = fs * Y, .beam_top_keV = top,
                                         .beam_bottom_keV = fmax(E, 0.0), .target_tfu = T};
        (*n)++;
        sum += fs * Y;
    }
    il__iba_setup_free(S);
    if (total)
        *total = sum;
    return IL_OK;
}
