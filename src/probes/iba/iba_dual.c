/* Dual scattering (docs/iba.md "Dual scattering"), SIMNRA's approach (M. Mayer, SIMNRA user's
 * guide; W. Eckstein, M. Mayer, NIM B 153 (1999) 337): besides the single large-angle event of
 * the slab algorithm, a beam particle may scatter twice at large angles, first somewhere on its
 * way in into any direction, then into the detector. The first event is integrated coarsely
 * over depth (DEPTHS steps per layer; in the substrate down to half the beam energy), scattering
 * angle (THETAS steps of equal width between CUT and 180 - CUT deg) and azimuth (PHIS steps;
 * the energies a depth cell spans enter as a spread, so the coarse grid gives no spikes);
 * each of those sub-beams is followed along its straight path (up or down, through the layers,
 * slowed by the stopping) and scatters a second time into the detector with the Rutherford
 * cross section (the options' screening) at the angle between its path and the detector.
 * Events below CUT degrees are left to multiple scattering (a second event at a small angle is a
 * single-scattering particle deflected a little, already counted). Elastic scattering (RBS) of
 * the beam only; no straggling on the detour (the spectrum of this part is a smooth background
 * where a few percent of width do not matter), the detector resolution and the way out's
 * straggling do apply. The counts go into the parts of the second event's layer and isotope, so
 * the element columns include them, as in SIMNRA. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/constants.h"
#include "interlayer/iba_cross_section.h"
#include "interlayer/iba_kinematics.h"
#include "probes/iba/iba_dual.h"
#include "probes/iba/iba_spectrum_priv.h"

#define DEPTHS 10    /* first-event depth cells per finite layer */
#define DEPTHS_SUB 24 /* and in the substrate */
#define THETAS 10
#define PHIS 12
#define CUT 15.0
#define MAX_STEPS 400

typedef struct {
    double x, y, z;
} vec3;

static double dot(vec3 a, vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

/* The direction of the detected particles: exit angle beta from the outward normal, at the
 * scattering angle theta from the beam b = (sin a, 0, cos a) (z into the sample). */
static vec3 detector_dir(const iba_setup *S, vec3 b)
{
    double cb = S->cos_b, ct = cos(S->o.theta_deg * IL_PI / 180.0);
    double sa = b.x, ca = b.z;
    vec3 o = {sqrt(fmax(0.0, 1.0 - cb * cb)), 0.0, -cb};
    if (sa > 1e-9) {
        o.x = (ct + ca * cb) / sa;
        o.y = sqrt(fmax(0.0, 1.0 - o.x * o.x - cb * cb));
    }
    return o;
}

/* Follows a sub-beam of `weight` (incident particles per incident particle) and energy E from
 * depth z (tfu) in layer L along d, scattering into the detector on the way. */
static il_status trace(const iba_setup *S, il_iba_spectrum *sp, const double *top, size_t bt,
                       double weight, double E, double cell_sd, double z, size_t L, vec3 d,
                       vec3 o, il_error *err)
{
    const il_iba_options *O = &S->o;
    const double omega_sr = O->solid_angle_msr * 1e-3;
    double th2 = acos(fmax(-1.0, fmin(1.0, dot(d, o)))) * 180.0 / IL_PI;
    if (th2 < CUT || th2 > 180.0 - CUT || fabs(d.z) < 0.1)
        return IL_OK;
    const double E_end = 0.05 * E;
    for (int step = 0; step < MAX_STEPS && E > E_end; step++) {
        const il_ion_stopping *bs = S->beam_stop[L];
        double Sx = il_ion_stopping_eval(bs, E); /* eV/tfu */
        double ds = 0.05 * E * 1e3 / Sx;         /* ~5 % of the energy per step */
        double bottom = top[L] + S->areal_tfu[L];
        double room = d.z > 0.0 ? (bottom - z) / d.z : (z - top[L]) / -d.z;
        if (room < ds)
            ds = room;
        if (ds > 1e-9) {
            double Eb = il_ion_stopping_advance(bs, E, ds, NULL);
            if (!(Eb > 0.0))
                return IL_OK;
            double za = z - top[L], zb = za + ds * d.z, Em = 0.5 * (E + Eb);
            const il_composition *c = &S->comp[L];
            double tot = 0.0;
            for (size_t i = 0; i < c->n; i++)
                tot += c->atoms[i];
            for (size_t i = 0; i < c->n; i++) {
                double M2 = il__iba_mass(c->Z[i], c->A[i]), K[2];
                if (il_iba_kfactor(S->beam.M, M2, th2, K) < 1)
                    continue;
                double va = 0.0, vb = 0.0;
                double Da = il__iba_exit(S, bt, L, za, K[0] * E, &va);
                double Db = il__iba_exit(S, bt, L, zb, K[0] * Eb, &vb);
                if (!(Da > 0.0))
                    continue;
                double sig = il_iba_rutherford_mb(S->beam.Z, S->beam.M, c->Z[i], M2, Em, th2, 0,
                                                  O->screening);
                double n = O->fluence * weight * 1e-12 * sig * (c->atoms[i] / tot) * ds * omega_sr;
                double *part;
                il_status st = il__iba_spectrum_part(sp, L, c->Z[i], c->A[i], S->beam.Z,
                                                     S->beam.A, &part, err);
                if (st)
                    return st;
                double cs = K[0] * cell_sd;
                il__iba_bin(sp, part, n, Db > 0.0 ? Db : 0.0, Da,
                            sqrt(0.5 * (va + vb) + S->res2[bt] + cs * cs));
            }
            E = Eb;
            z += ds * d.z;
        }
        /* across a boundary: the next layer up or down, or out of the sample */
        if (z <= top[L] + 1e-9 && d.z < 0.0) {
            if (L == 0)
                return IL_OK;
            L--;
        } else if (z >= top[L] + S->areal_tfu[L] - 1e-9 && d.z > 0.0) {
            if (L + 1 == S->n_layers)
                return IL_OK;
            L++;
        }
    }
    return IL_OK;
}

il_status il__iba_dual(const iba_setup *S, il_iba_spectrum *sp, il_error *err)
{
    const il_iba_options *O = &S->o;
    if (O->technique != IL_IBA_RBS || S->n_layers == 0)
        return IL_OK;
    size_t bt = 0;
    while (bt < S->n_types && !(S->type[bt].Z == S->beam.Z && S->type[bt].A == S->beam.A))
        bt++;
    if (bt == S->n_types)
        return IL_OK;
    size_t nl = S->n_layers;
    double *top = malloc(nl * sizeof *top);
    if (!top)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    top[0] = 0.0;
    for (size_t L = 1; L < nl; L++)
        top[L] = top[L - 1] + S->areal_tfu[L - 1];
    double sa = sin(O->alpha_deg * IL_PI / 180.0), ca = S->cos_a;
    vec3 b = {sa, 0.0, ca}, e1 = {ca, 0.0, -sa}, e2 = {0.0, 1.0, 0.0};
    vec3 o = detector_dir(S, b);
    const double dth = (180.0 - 2.0 * CUT) / THETAS, dph = 2.0 * IL_PI / PHIS;
    double E = O->energy_keV;
    for (size_t L = 0; L < nl && E > 0.5 * O->energy_keV; L++) {
        const il_ion_stopping *bs = S->beam_stop[L];
        double thick = S->areal_tfu[L];
        if (!isfinite(thick)) {
            /* the substrate: as deep as the beam keeps half its energy */
            double lo = 0.0, hi = 1.0;
            while (il_ion_stopping_advance(bs, E, hi / ca, NULL) > 0.5 * O->energy_keV)
                hi *= 2.0;
            for (int it = 0; it < 40; it++) {
                double m = 0.5 * (lo + hi);
                if (il_ion_stopping_advance(bs, E, m / ca, NULL) > 0.5 * O->energy_keV)
                    lo = m;
                else
                    hi = m;
            }
            thick = lo;
        }
        int nd = isfinite(S->areal_tfu[L]) ? DEPTHS : DEPTHS_SUB;
        double dx = thick / nd;
        const il_composition *c = &S->comp[L];
        double tot = 0.0;
        for (size_t i = 0; i < c->n; i++)
            tot += c->atoms[i];
        for (int k = 0; k < nd; k++) {
            double xm = (k + 0.5) * dx;
            double Em = il_ion_stopping_advance(bs, E, xm / ca, NULL);
            if (!(Em > 0.0))
                break;
            /* the energies across the depth cell, as a spread (sd half the span: neighbouring
             * cells then merge into a smooth background instead of a comb) */
            double Et = il_ion_stopping_advance(bs, E, k * dx / ca, NULL);
            double Eb = il_ion_stopping_advance(bs, E, (k + 1) * dx / ca, NULL);
            double cell_sd = 0.5 * (Et - Eb);
            for (size_t i = 0; i < c->n; i++) {
                double M2 = il__iba_mass(c->Z[i], c->A[i]);
                for (int a = 0; a < THETAS; a++) {
                    double th1 = CUT + (a + 0.5) * dth, K[2];
                    if (il_iba_kfactor(S->beam.M, M2, th1, K) < 1)
                        continue;
                    double r = th1 * IL_PI / 180.0;
                    double sig = il_iba_rutherford_mb(S->beam.Z, S->beam.M, c->Z[i], M2, Em, th1,
                                                      0, O->screening);
                    /* the cell's solid angle: (cos(th - dth/2) - cos(th + dth/2)) dphi */
                    double h = 0.5 * dth * IL_PI / 180.0;
                    double dOmega = (cos(r - h) - cos(r + h)) * dph;
                    double w = 1e-12 * sig * dOmega * (c->atoms[i] / tot) * dx / ca;
                    for (int p = 0; p < PHIS; p++) {
                        double ph = (p + 0.5) * dph;
                        vec3 d = {cos(r) * b.x + sin(r) * (cos(ph) * e1.x + sin(ph) * e2.x),
                                  cos(r) * b.y + sin(r) * (cos(ph) * e1.y + sin(ph) * e2.y),
                                  cos(r) * b.z + sin(r) * (cos(ph) * e1.z + sin(ph) * e2.z)};
                        il_status st = trace(S, sp, top, bt, w, K[0] * Em, K[0] * cell_sd,
                                             top[L] + xm, L, d, o, err);
                        if (st) {
                            free(top);
                            return st;
                        }
                    }
                }
            }
        }
        if (!isfinite(S->areal_tfu[L]))
            break;
        E = il_ion_stopping_advance(bs, E, S->areal_tfu[L] / ca, NULL);
    }
    free(top);
    return IL_OK;
}
