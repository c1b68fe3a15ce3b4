/* The slab algorithm (interlayer/iba.h). The beam is followed down through each layer in
 * sublayers small enough that its energy changes little across one; in each sublayer every
 * isotope emits, per detected particle (backscattered ion, recoil or reaction product), the
 * counts fluence x solid angle x mean sigma x atoms in the sublayer / cos(alpha), spread over
 * the detected energies of particles born at the sublayer's top and bottom, and broadened by
 * the beam's energy spread and straggling (scaled by the kinematics and carried out through the
 * layers above), the straggling on the way out, the range foil and the detector resolution.
 * The mean sigma of a sublayer is exact for Rutherford (1/E^2 averaged over the sublayer's
 * energies: 1/(E_top E_bottom)) and for tables (il_sigma_table_mean; in the accurate mode
 * convolved with the beam's straggling too). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/composition.h"
#include "interlayer/constants.h"
#include "interlayer/iba_kinematics.h"
#include "probes/iba/iba_dual.h"
#include "probes/iba/iba_multiple.h"
#include "probes/iba/iba_priv.h"
#include "probes/iba/iba_spectrum_priv.h"

#define MAX_SUBLAYERS 200000
#define MAX_CH 8 /* detection channels per isotope: 2 elastic branches, recoil, reactions */

typedef enum { CH_ELASTIC, CH_RECOIL, CH_REACTION } ch_kind;

typedef struct {
    ch_kind kind;
    size_t type;
    double k;                    /* elastic / recoil energy factor */
    int branch;
    const il_sigma_table *tab;   /* non-Rutherford (elastic) or reaction table */
    double M3, M4, Q;            /* reaction */
    int spin_twice;              /* recoil of the beam's own nuclide: 2 s + 1 > 0 uses Mott */
    double *counts;
    double prevD, prevV;         /* exit of the previous sublayer's bottom */
    int have_prev;
} iba_ch;

typedef struct {
    int Z, A;
    double M;
    double frac;                 /* of the layer's atoms */
    size_t n_ch;
    iba_ch ch[MAX_CH];
} iba_iso;

/* Ground-state spins (2 s) of the light nuclides an IBA beam is made of (NUBASE2020); -1 for
 * the others (Mott is then not applied: recoil cross section alone). */
static int spin_twice(int Z, int A)
{
    static const struct {
        int Z, A, two_s;
    } t[] = {{1, 1, 1}, {1, 2, 2}, {2, 3, 1}, {2, 4, 0}, {3, 6, 2}, {3, 7, 3},
             {6, 12, 0}, {7, 14, 2}, {8, 16, 0}, {14, 28, 0}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (t[i].Z == Z && t[i].A == A)
            return t[i].two_s;
    return -1;
}

static int same_mass(double m, int A)
{
    return fabs(m - (double)A) < 0.5;
}

/* Finds the table of (beam) + (Z, A) -> product at the detector angle; elastic: the product is
 * the projectile. */
static const il_sigma_table *find_table(const iba_setup *S, int Z, int A, int elastic)
{
    for (size_t i = 0; i < S->o.n_sigma; i++) {
        const il_sigma_info *in = il_sigma_table_info(S->o.sigma[i]);
        if (in->Z[0] != S->beam.Z || !same_mass(in->mass_u[0], S->beam.A) || in->Z[1] != Z ||
            !same_mass(in->mass_u[1], A))
            continue;
        int is_elastic = in->Z[2] == in->Z[0] && fabs(in->mass_u[2] - in->mass_u[0]) < 0.5;
        if (is_elastic == elastic && fabs(in->theta_deg - S->o.theta_deg) <= 0.5)
            return S->o.sigma[i];
    }
    return NULL;
}

static il_status add_channels(iba_setup *S, il_iba_spectrum *sp, size_t layer, iba_iso *is,
                              il_error *err)
{
    const il_iba_options *o = &S->o;
    il_status st;
    is->n_ch = 0;
    if (o->technique == IL_IBA_RBS) {
        double K[2];
        int nk = il_iba_kfactor(S->beam.M, is->M, o->theta_deg, K);
        size_t t;
        if (nk && (st = il__iba_type(S, S->beam.Z, S->beam.A, &t, err)))
            return st;
        const il_sigma_table *tab = find_table(S, is->Z, is->A, 1);
        for (int b = 0; b < nk; b++) {
            iba_ch *c = &is->ch[is->n_ch++];
            *c = (iba_ch){.kind = CH_ELASTIC, .type = t, .k = K[b], .branch = b,
                          .tab = b == 0 ? tab : NULL};
            if ((st = il__iba_spectrum_part(sp, layer, is->Z, is->A, S->beam.Z, S->beam.A,
                                            &c->counts, err)))
                return st;
        }
    } else if (o->technique == IL_IBA_ERDA) {
        if ((o->detect_Z && is->Z != o->detect_Z) || o->theta_deg >= 90.0)
            return IL_OK;
        size_t t;
        if ((st = il__iba_type(S, is->Z, is->A, &t, err)))
            return st;
        iba_ch *c = &is->ch[is->n_ch++];
        *c = (iba_ch){.kind = CH_RECOIL, .type = t,
                      .k = il_iba_recoil_factor(S->beam.M, is->M, o->theta_deg)};
        /* the beam's own nuclide: scattered and recoiling partners cannot be told apart (same
         * energy cos^2 theta E), and the two amplitudes interfere: Mott's cross section */
        if (is->Z == S->beam.Z && is->A == S->beam.A)
            c->spin_twice = spin_twice(is->Z, is->A);
        if ((st = il__iba_spectrum_part(sp, layer, is->Z, is->A, is->Z, is->A, &c->counts, err)))
            return st;
    } else {
        for (size_t i = 0; i < o->n_sigma && is->n_ch < MAX_CH; i++) {
            const il_sigma_table *tab = o->sigma[i];
            const il_sigma_info *in = il_sigma_table_info(tab);
            if (in->Z[0] != S->beam.Z || !same_mass(in->mass_u[0], S->beam.A) ||
                in->Z[1] != is->Z || !same_mass(in->mass_u[1], is->A))
                continue;
            int pZ = in->Z[2], pA = (int)lround(in->mass_u[2]);
            int rZ = in->Z[3], rA = (int)lround(in->mass_u[3]);
            if (pZ == S->beam.Z && pA == S->beam.A)
                continue; /* elastic: RBS/EBS */
            if (o->detect_Z && pZ != o->detect_Z)
                continue;
            if (fabs(in->theta_deg - o->theta_deg) > 0.5)
                return il_error_set(err, IL_ERR_INVALID, "cross section %s is for %g deg; the "
                                    "detector is at %g deg", in->reaction, in->theta_deg,
                                    o->theta_deg);
            double lo, hi;
            il_sigma_table_range(tab, &lo, &hi);
            if (o->energy_keV > hi)
                return il_error_set(err, IL_ERR_RANGE, "beam energy %g keV is above the range of "
                                    "cross section %s (%g..%g keV)", o->energy_keV,
                                    in->reaction, lo, hi);
            size_t t;
            if ((st = il__iba_type(S, pZ, pA, &t, err)))
                return st;
            iba_ch *c = &is->ch[is->n_ch++];
            *c = (iba_ch){.kind = CH_REACTION, .type = t, .tab = tab,
                          .M3 = il__iba_mass(pZ, pA), .M4 = il__iba_mass(rZ, rA),
                          .Q = in->Q_keV};
            if ((st = il__iba_spectrum_part(sp, layer, is->Z, is->A, pZ, pA, &c->counts, err)))
                return st;
        }
    }
    return IL_OK;
}

static double birth(const iba_setup *S, const iba_ch *c, double M2, double E)
{
    if (!(E > 0.0))
        return 0.0;
    if (c->kind != CH_REACTION)
        return c->k * E;
    double E3[2];
    return il_iba_reaction_energy(S->beam.M, M2, c->M3, c->M4, c->Q, E, S->o.theta_deg, E3)
               ? E3[0]
               : 0.0;
}

/* Energy of the particle born from beam energy E at scattering angle theta (deg). */
static double birth_at(const iba_setup *S, const iba_ch *c, double M2, double E, double theta)
{
    switch (c->kind) {
    case CH_ELASTIC: {
        double K[2];
        int n = il_iba_kfactor(S->beam.M, M2, theta, K);
        return c->branch < n ? K[c->branch] * E : 0.0;
    }
    case CH_RECOIL:
        return il_iba_recoil_factor(S->beam.M, M2, theta) * E;
    default: {
        double E3[2];
        return il_iba_reaction_energy(S->beam.M, M2, c->M3, c->M4, c->Q, E, theta, E3) ? E3[0]
                                                                                     : 0.0;
    }
    }
}

/* Kinematic broadening: variance (keV^2) of the birth energy from the spread of the
 * scattering angle over the beam spot and the detector aperture, (dE3/dtheta sd_theta)^2, with
 * the derivative by central differences (0.05 deg: the kinematics are smooth there). The
 * change of the exit path with the angle is neglected. */
static double kinematic_var(const iba_setup *S, const iba_ch *c, double M2, double E,
                            double extra_th2)
{
    double th2 = S->geo_sd_rad * S->geo_sd_rad + extra_th2;
    if (!(th2 > 0.0) || !(E > 0.0))
        return 0.0;
    const double h = 0.05;
    double th = S->o.theta_deg;
    double lo = birth_at(S, c, M2, E, th - h), hi = birth_at(S, c, M2, E, th + h);
    if (!(lo > 0.0) || !(hi > 0.0))
        return 0.0;
    double d = (hi - lo) / (2.0 * h * IL_PI / 180.0);
    return d * d * th2;
}

/* Multiple scattering (iba_multiple.c): the beam's angular variance th2 (one projected angle)
 * at depth x of layer L, its energy variance there from the spread of the incoming path, and
 * the detected particle's energy variance from the spread of its way out. A path P at angle
 * phi from the normal, tilted by delta in the scattering plane, is longer by P tan(phi) delta
 * (first order) + P delta^2 / 2 (second order, both planes: variance P^2 th2^2); the energy
 * lost on the extra length is S times it. The mean shift of the second-order term (P th2, a few
 * eV) is left out. */
typedef struct {
    double th2_above;  /* beam, layers above L, accumulated at their mean energies */
    double E_top;      /* beam energy at the top of L */
} ms_state;

static double ms_beam_th2(const iba_setup *S, const ms_state *m, size_t L, double x, double E)
{
    return m->th2_above +
           il__iba_ms_var(S->beam.Z, &S->comp[L], x / S->cos_a, 0.5 * (m->E_top + E));
}

static double ms_path_var(double P, double tan_phi, double th2, double S_eV_tfu)
{
    double s = S_eV_tfu * 1e-3 * P; /* keV per radian of tilt, first order */
    return s * s * th2 * (tan_phi * tan_phi + th2);
}

static double ms_beam_var(const iba_setup *S, size_t L, double x, double E, double th2)
{
    double P = x / S->cos_a;
    for (size_t i = 0; i < L; i++)
        P += S->areal_tfu[i] / S->cos_a;
    double tan_a = tan(S->o.alpha_deg * IL_PI / 180.0);
    return ms_path_var(P, tan_a, th2, il_ion_stopping_eval(S->beam_stop[L], E));
}

/* The way out of a particle of type t born with E3 at depth x of layer L: its angular variance
 * (at the mean of its birth and surface energies) and the energy variance at the surface. */
static double ms_exit_var(const iba_setup *S, size_t t, size_t L, double x, double E3)
{
    const size_t nl = S->n_layers;
    double Es = il_ion_stopping_advance(S->out_stop[t * nl + L], E3, x / S->cos_b, NULL);
    for (size_t i = L; i-- > 0 && Es > 0.0;)
        Es = il_ion_stopping_advance(S->out_stop[t * nl + i], Es, S->areal_tfu[i] / S->cos_b,
                                     NULL);
    if (!(Es > 0.0))
        return 0.0;
    double Em = 0.5 * (E3 + Es), th2 = il__iba_ms_var(S->type[t].Z, &S->comp[L], x / S->cos_b, Em);
    double P = x / S->cos_b;
    for (size_t i = 0; i < L; i++) {
        th2 += il__iba_ms_var(S->type[t].Z, &S->comp[i], S->areal_tfu[i] / S->cos_b, Em);
        P += S->areal_tfu[i] / S->cos_b;
    }
    double tan_b = tan(acos(S->cos_b));
    return ms_path_var(P, tan_b, th2, il_ion_stopping_eval(S->out_stop[t * nl], Es));
}

/* Mean sigma (mb/sr) over the sublayer's beam energies [Eb, Ea]; s the beam straggling. */
static double mean_sigma(const iba_setup *S, const iba_ch *c, const iba_iso *is, double Ea,
                         double Eb, double s)
{
    const il_iba_options *o = &S->o;
    double Em = 0.5 * (Ea + Eb), w = Em * Em / (Ea * Eb); /* <1/E^2> = 1/(Ea Eb) */
    double ss = o->accurate ? s : 0.0;
    switch (c->kind) {
    case CH_ELASTIC:
        if (c->tab && il_sigma_table_info(c->tab)->unit == IL_SIGMA_MB_SR)
            return il_sigma_table_mean(c->tab, Ea, Eb, ss);
        if (c->tab)
            return il_sigma_table_mean(c->tab, Ea, Eb, ss) *
                   il_iba_rutherford_mb(S->beam.Z, S->beam.M, is->Z, is->M, Em, o->theta_deg, 0,
                                        IL_SCREEN_NONE) * w;
        return il_iba_rutherford_mb(S->beam.Z, S->beam.M, is->Z, is->M, Em, o->theta_deg,
                                    c->branch, o->screening) * w;
    case CH_RECOIL:
        if (c->spin_twice >= 0 && is->Z == S->beam.Z && is->A == S->beam.A)
            return il_iba_mott_mb(is->Z, is->M, c->spin_twice, Em, o->theta_deg) * w;
        return il_iba_recoil_mb(S->beam.Z, S->beam.M, is->Z, is->M, Em, o->theta_deg,
                                o->screening) * w;
    default:
        return il_sigma_table_mean(c->tab, Ea, Eb, ss);
    }
}

/* The part of a sublayer (from its top) whose particles still leave the sample when those born
 * at its bottom stop: bisection on the depth of birth. Counting the whole sublayer instead would
 * make the lowest channels jump as the cut-off crosses a sublayer boundary. */
static double exiting_fraction(const iba_setup *S, const iba_ch *c, const iba_iso *is, size_t L,
                               double x, double dx, double E)
{
    double lo = 0.0, hi = 1.0;
    for (int it = 0; it < 30; it++) {
        double f = 0.5 * (lo + hi);
        double Ef = il_ion_stopping_advance(S->beam_stop[L], E, f * dx / S->cos_a, NULL);
        double E3 = birth(S, c, is->M, Ef);
        if (E3 > 0.0 && il__iba_exit(S, c->type, L, x + f * dx, E3, NULL) > 0.0)
            lo = f;
        else
            hi = f;
    }
    return 0.5 * (lo + hi);
}

/* Isotopes of a layer with their fractions (profiles averaged over [z0, z1] nm). */
static size_t isotopes(const il_layer *l, double z0, double z1, iba_iso *out, size_t max)
{
    il_layer_isotope li[IL_FORMULA_ISOTOPES_MAX];
    size_t n = l->n_profiles ? il_layer_isotopes_at(l, z0, z1, li, IL_FORMULA_ISOTOPES_MAX)
                             : il_layer_isotopes(l, li, IL_FORMULA_ISOTOPES_MAX);
    double tot = 0.0;
    for (size_t i = 0; i < n; i++)
        tot += li[i].atoms_cm3;
    size_t m = 0;
    for (size_t i = 0; i < n && m < max; i++) {
        if (!(li[i].atoms_cm3 > 0.0))
            continue;
        out[m] = (iba_iso){.Z = li[i].Z, .A = li[i].A, .M = il__iba_mass(li[i].Z, li[i].A),
                           .frac = li[i].atoms_cm3 / tot};
        m++;
    }
    return m;
}

il_status il_iba_simulate(const il_stack *stack, const il_iba_options *o, il_iba_spectrum **out,
                          il_error *err)
{
    *out = NULL;
    iba_setup *S;
    il_status st = il__iba_setup_new(stack, o, &S, err);
    if (st)
        return st;
    size_t idx[2];
    st = il__iba_rough_layers(stack, idx) ? il__iba_run_rough(S, stack, out, err)
                                          : il__iba_run(S, out, err);
    if (!st && (st = il__iba_finish(&S->o, *out, err))) {
        il_iba_spectrum_free(*out);
        *out = NULL;
    }
    il__iba_setup_free(S);
    return st;
}

il_status il__iba_run(iba_setup *S, il_iba_spectrum **out, il_error *err)
{
    *out = NULL;
    const il_iba_options *o = &S->o;
    il_iba_spectrum *sp;
    il_status st = il__iba_spectrum_new(o, &sp, err);
    if (st)
        return st;
    const double fs = o->fluence * o->solid_angle_msr * 1e-3 * 1e-12; /* mb * tfu -> counts */
    const double floor_keV = sp->edge[0];
    /* sublayer energy step: a third of the resolution (3..25 keV), at most 2 % of E; the
     * accurate mode a quarter of that, at most 2 keV */
    double res_min = o->resolution_keV; /* the finest detector sets the sublayers */
    for (size_t i = 0; i < o->n_particle_resolution; i++)
        res_min = fmin(res_min, o->particle_resolution[i].fwhm_keV);
    double step = fmin(25.0, fmax(3.0, res_min / 3.0));
    if (o->accurate)
        step = fmin(2.0, step / 4.0);
    double E = o->energy_keV, var = pow(o->energy_spread_keV / 2.3548200450309493, 2);
    iba_iso iso[IL_FORMULA_ISOTOPES_MAX];
    size_t nsub = 0;
    int done = 0;
    const int ms = o->multiple_scattering;
    ms_state mst = {0.0, E};
    for (size_t L = 0; L < S->n_layers && !done; L++) {
        const il_layer *l = S->layer[L];
        mst.E_top = E;
        size_t niso = isotopes(l, 0.0, l->is_substrate ? 0.0 : l->thickness_nm, iso,
                               IL_FORMULA_ISOTOPES_MAX);
        for (size_t i = 0; i < niso; i++)
            if ((st = add_channels(S, sp, L, &iso[i], err)))
                goto fail;
        double x = 0.0, thick = S->areal_tfu[L];
        const il_ion_stopping *bs = S->beam_stop[L];
        /* A finite layer is cut into equal sublayers, as many as its energy loss needs: the
         * partition then moves smoothly with the thickness (a remainder sublayer would put a
         * kink into the spectrum at every step, and a fit's derivatives would see it). */
        double dx_eq = 0.0;
        /* a profiled layer: sublayers crowd where the profile is steep (iba_partition.c) */
        double part[IBA_PART_GRID + 1];
        size_t npart = 0, kpart = 0;
        if (isfinite(thick)) {
            double Eout = il_ion_stopping_advance(bs, E, thick / S->cos_a, NULL);
            double dEs = fmin(step, 0.02 * fmax(Eout, 1.0));
            double nsub_l = ceil((E - Eout) / dEs);
            dx_eq = thick / fmax(1.0, fmin(nsub_l, 1e5));
            if (l->n_profiles)
                npart = il__iba_partition(l, thick, fmax(1.0, fmin(nsub_l, 1e5)), part);
        }
        while (x < thick && !done) {
            double Sb = il_ion_stopping_eval(bs, E);
            double dE = fmin(step, 0.02 * E);
            double dx = isfinite(thick) ? fmin(dx_eq, thick - x) : dE * 1e3 / Sb * S->cos_a;
            if (isfinite(thick) && thick - x < 1.5 * dx_eq)
                dx = thick - x; /* the last one takes the rounding remainder */
            if (npart) {
                kpart++;
                dx = kpart >= npart ? thick - x
                                    : il__iba_partition_at(part, npart, kpart, thick) - x;
            }
            double vb = var;
            double Eb = il_ion_stopping_advance(bs, E, dx / S->cos_a, &vb);
            if (Eb <= 1.0 || ++nsub > MAX_SUBLAYERS) {
                done = 1;
                break;
            }
            if (l->n_profiles) {
                double atoms = l->atoms_cm3;
                double z0 = il_tfu_to_nm(x, atoms), z1 = il_tfu_to_nm(x + dx, atoms);
                iba_iso tmp[IL_FORMULA_ISOTOPES_MAX];
                size_t nt = isotopes(l, z0, z1, tmp, IL_FORMULA_ISOTOPES_MAX);
                for (size_t i = 0; i < niso; i++) {
                    iso[i].frac = 0.0;
                    for (size_t j = 0; j < nt; j++)
                        if (tmp[j].Z == iso[i].Z && tmp[j].A == iso[i].A)
                            iso[i].frac = tmp[j].frac;
                }
            }
            double s_beam = sqrt(0.5 * (var + vb));
            /* multiple scattering: the beam's angular variance at the sublayer's top and bottom
             * and the energy variance the spread of its path adds there */
            double th2a = 0.0, th2b = 0.0, vma = 0.0, vmb = 0.0;
            if (ms) {
                th2a = ms_beam_th2(S, &mst, L, x, E);
                th2b = ms_beam_th2(S, &mst, L, x + dx, Eb);
                vma = ms_beam_var(S, L, x, E, th2a);
                vmb = ms_beam_var(S, L, x + dx, Eb, th2b);
            }
            int seen = 0;
            for (size_t i = 0; i < niso; i++) {
                iba_iso *is = &iso[i];
                if (!(is->frac > 0.0))
                    continue;
                for (size_t k = 0; k < is->n_ch; k++) {
                    iba_ch *c = &is->ch[k];
                    double Ea3 = birth(S, c, is->M, E), Eb3 = birth(S, c, is->M, Eb);
                    double g = E > Eb ? (Ea3 - Eb3) / (E - Eb) : 0.0;
                    double va, Da;
                    if (c->have_prev) {
                        Da = c->prevD;
                        va = c->prevV;
                    } else {
                        va = (var + vma) * g * g + kinematic_var(S, c, is->M, E, th2a);
                        Da = Ea3 > 0.0 ? il__iba_exit(S, c->type, L, x, Ea3, &va) : 0.0;
                        if (ms && Da > 0.0)
                            va += ms_exit_var(S, c->type, L, x, Ea3);
                    }
                    double vbo = (vb + vmb) * g * g + kinematic_var(S, c, is->M, Eb, th2b);
                    double Db = Eb3 > 0.0 ? il__iba_exit(S, c->type, L, x + dx, Eb3, &vbo) : 0.0;
                    if (ms && Db > 0.0)
                        vbo += ms_exit_var(S, c->type, L, x + dx, Eb3);
                    c->prevD = Db;
                    c->prevV = vbo;
                    c->have_prev = 1;
                    double sd = sqrt(0.5 * (va + vbo) + S->res2[c->type]);
                    /* seen while any of it (Gaussian tail included) can reach a channel:
                     * stopping there, not earlier, keeps the spectrum continuous in the
                     * stack's parameters (a fit's finite differences need that) */
                    if (Da + 6.0 * sd > floor_keV)
                        seen = 1;
                    if (!(Da > 0.0))
                        continue;
                    double sig = mean_sigma(S, c, is, E, Eb, s_beam);
                    double Y = fs * sig * is->frac * dx / S->cos_a;
                    if (!(Db > 0.0))
                        Y *= exiting_fraction(S, c, is, L, x, dx, E);
                    il__iba_bin(sp, c->counts, Y, Db, Da, sd);
                }
            }
            x += dx;
            E = Eb;
            var = vb;
            /* nothing left to see from deeper down */
            if (!seen && (l->is_substrate || L + 1 == S->n_layers))
                done = 1;
        }
        if (ms && isfinite(S->areal_tfu[L]))
            mst.th2_above += il__iba_ms_var(S->beam.Z, &S->comp[L], S->areal_tfu[L] / S->cos_a,
                                            0.5 * (mst.E_top + E));
        if (!l->is_substrate && L + 1 == S->n_layers)
            done = 1; /* the beam leaves through the back: a self-supporting film */
    }
    if (o->dual_scattering && (st = il__iba_dual(S, sp, err)))
        goto fail;
    *out = sp;
    return IL_OK;
fail:
    il_iba_spectrum_free(sp);
    return st;
}
