/* Ion-beam analysis for the advisor, judged as an IBA physicist would for this stack: does the
 * beam reach the interface and does the detected particle come back out above the detector
 * threshold, what is the depth resolution there (energy spread from beam spread, straggling in and
 * out and the detector, over the stopping factor: dx = dE / [S]), which elements can be told apart,
 * and how visible Li is. Stopping and straggling: physics/stopping ion_stopping.h; kinematics:
 * iba_kinematics.h (Chu, Mayer, Nicolet 1978; Tesmer & Nastasi 1995). Geometries are the usual
 * ones: RBS 2 MeV 4He at 165 deg (IBM), He-ERDA 75 deg tilt with recoils at 30 deg, NRA
 * 7Li(p,a)4He and PIGE 7Li(p,p'g) with protons. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advise/advise_iba.h"
#include "advise/advise_priv.h"
#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/iba_kinematics.h"

#define THRESHOLD_keV 100.0 /* detected energies below this sink into noise and pile-up */
#define DETECTOR_FWHM_keV 15.0 /* a surface-barrier / PIPS detector (il_iba_options_default) */
#define BEAM_SPREAD_FWHM_keV 1.0
#define ERDA_ACCEPT_deg 1.0 /* angular acceptance of the ERDA detector (FWHM) */
#define FWHM2 (8 * log(2.0)) /* FWHM^2 / sigma^2 of a Gaussian */
#define M_HE 4.002602        /* 4He atomic mass, u (AME 2020) */
#define M_H 1.007825         /* 1H */
#define M_LI7 7.016003       /* 7Li */
/* 7Li(p,a0)4He: Q = 17346.82 keV; the cross section at 160 deg rises from 2.2 mb/sr at 1.5 MeV
 * to its broad maximum, 6.1 mb/sr at Ep = 2.7 MeV (V. Paneta et al., NIM B 288 (2012) 53;
 * data/iba/li7pa0n.r33). Embedded as numbers: the advisor reads no files. */
#define NRA_Q_keV 17346.82
#define NRA_EP_keV 2700.0
#define NRA_SIGMA_PEAK_mb_sr 6.1
#define NRA_THETA_deg 160.0
#define NRA_OMEGA_msr 20.0  /* a 200 mm2 detector at 100 mm */
#define NRA_CURRENT_uA 0.01 /* 10 nA of protons: insulating Li films charge and degrade above */
/* EBS of oxygen: the 16O(a,a0) resonance at 3038 keV raises O's cross section to 19.7 times
 * Rutherford at 160 deg (SigmaCalc 2.0, A. F. Gurbich; data/iba/sigmacalc_16O_alpha_alpha_16O_
 * 160deg.r33, its peak). Where Li cannot be seen by RBS, the O of two oxides at an interface and
 * so their Li/O stoichiometry can: the advisor names this set-up. */
#define EBS_O_E_keV 3038.0
#define EBS_O_RATIO 19.7
/* 7Li(p,p'g)7Li 478 keV: the lowest resonance, Ep = 1.03 MeV, is the 8Be level at 18.15 MeV
 * with a width of 138 keV (D.R. Tilley et al., Nucl. Phys. A 745 (2004) 155): an energy scan
 * cannot localise Li better than that width over the protons' stopping. */
#define PIGE_RES_keV 1030.0
#define PIGE_WIDTH_keV 138.0
#define PIGE_EP_keV 3000.0 /* the review's microbeam (Sec. 4.2, ref. 253) */

static double deg(double d) { return d * IL_PI / 180.0; }

/* the elements of layer i (each Z once) */
static il_status layer_elements(const il__adv_ctx *c, size_t i, int *Z, size_t *n, il_error *err)
{
    il_composition comp;
    il_status st = il__adv_comp(c->s, i, &comp, err);
    *n = 0;
    for (size_t k = 0; !st && k < comp.n; k++) {
        int dup = 0;
        for (size_t j = 0; j < *n; j++)
            dup |= Z[j] == comp.Z[k];
        if (!dup && comp.atoms[k] > 0)
            Z[(*n)++] = comp.Z[k];
    }
    return st;
}

static const char *sym(int Z)
{
    const il_element *e = il_element_by_z(Z);
    return e ? e->symbol : "?";
}

/* ---- RBS ---------------------------------------------------------------------------------- */

typedef struct {
    double E0_keV, alpha_deg;
    double E_in_keV;   /* beam at the interface */
    double E_det_keV;  /* the marker's signal from the interface */
    double fwhm_keV;   /* energy spread there */
    double S_keV_nm;   /* stopping factor [S] */
    double dx_nm;      /* depth resolution (INFINITY when it does not come out) */
} rbs_point;

static void rbs_at(const il__adv_ctx *c, const il__iba_path *he, int Zm, size_t mlayer,
                   double E0, double alpha_deg, rbs_point *r)
{
    const double theta = 165.0;
    double ca = cos(deg(alpha_deg)), cb = cos(deg(fabs(180.0 - theta - alpha_deg)));
    double K[2];
    il_iba_kfactor(M_HE, il__iba_mass_u(Zm), theta, K);
    double var = BEAM_SPREAD_FWHM_keV * BEAM_SPREAD_FWHM_keV / FWHM2;
    r->E0_keV = E0;
    r->alpha_deg = alpha_deg;
    r->E_in_keV = il__iba_cross(he, 0, c->depth_nm, 1, ca, E0, &var);
    var *= K[0] * K[0];
    r->E_det_keV = r->E_in_keV > 0
                       ? il__iba_cross(he, 0, c->depth_nm, 0, cb, K[0] * r->E_in_keV, &var)
                       : 0;
    r->fwhm_keV = sqrt(FWHM2 * var + DETECTOR_FWHM_keV * DETECTOR_FWHM_keV);
    r->S_keV_nm = r->E_in_keV > 0 ? K[0] * il__iba_keV_nm(he, mlayer, r->E_in_keV) / ca +
                                        il__iba_keV_nm(he, mlayer, K[0] * r->E_in_keV) / cb
                                  : 0;
    r->dx_nm = r->E_det_keV >= THRESHOLD_keV ? r->fwhm_keV / r->S_keV_nm : INFINITY;
}

/* the best 4He energy and tilt for this interface: the sharpest depth scale that comes out */
static void rbs_best(const il__adv_ctx *c, const il__iba_path *he, int Zm, size_t mlayer,
                     rbs_point *best)
{
    static const double E[] = {1000, 1500, 2000, 3000, 4000, 5000, 6000, 8000};
    static const double tilt[] = {0, 60};
    memset(best, 0, sizeof *best);
    best->dx_nm = INFINITY;
    for (size_t i = 0; i < sizeof E / sizeof E[0]; i++)
        for (size_t k = 0; k < 2; k++) {
            rbs_point r;
            rbs_at(c, he, Zm, mlayer, E[i], tilt[k], &r);
            if (r.dx_nm < best->dx_nm)
                *best = r;
        }
}

/* a heavier element above (or a heavy substrate) whose signal covers energy E: the light
 * element's edge drowns in it. Returns the element (0 none) and its layer. */
static il_status rbs_buried(const il__adv_ctx *c, const il__iba_path *he, int Zm, double E_det,
                            int *Zb, size_t *lb, il_error *err)
{
    const double theta = 165.0;
    *Zb = 0;
    for (size_t j = 0; j < il_stack_count(c->s) && !*Zb; j++) {
        if (j == c->upper || j == c->upper + 1)
            continue;
        int Z[IL_COMPOSITION_MAX];
        size_t n;
        il_status st = layer_elements(c, j, Z, &n, err);
        if (st)
            return st;
        const il_layer *l = il_stack_layer(c->s, j);
        double top = il_stack_layer_top_nm(c->s, j);
        double bot = l->is_substrate ? INFINITY : top + l->thickness_nm;
        for (size_t k = 0; k < n && !*Zb; k++) {
            double K[2];
            if (Z[k] <= Zm || il_iba_kfactor(M_HE, il__iba_mass_u(Z[k]), theta, K) < 1)
                continue;
            double cb = cos(deg(15.0));
            double hi = il__iba_cross(he, 0, top, 0, cb,
                                      K[0] * il__iba_cross(he, 0, top, 1, 1, 2000, NULL), NULL);
            double lo = isinf(bot) ? 0
                                   : il__iba_cross(he, 0, bot, 0, cb,
                                                   K[0] * il__iba_cross(he, 0, bot, 1, 1, 2000,
                                                                        NULL),
                                                   NULL);
            if (E_det > lo && E_det < hi) {
                *Zb = Z[k];
                *lb = j;
            }
        }
    }
    return IL_OK;
}

static il_status rbs(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    unsigned w = c->o->wants;
    int Z[2][IL_COMPOSITION_MAX];
    size_t n[2];
    il_status st = IL_OK;
    for (int k = 0; k < 2 && !st; k++)
        st = layer_elements(c, c->upper + (size_t)k, Z[k], &n[k], err);
    if (st)
        return st;
    /* the interface shows as the edge of the heaviest element on either side */
    int Zm = 0, Zli_host = 0;
    size_t mlayer = c->upper;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < n[k]; i++) {
            if (Z[k][i] > Zm) {
                Zm = Z[k][i];
                mlayer = c->upper + (size_t)k;
            }
            if (k == c->li_side && Z[k][i] > Zli_host)
                Zli_host = Z[k][i];
        }
    il__iba_path he;
    if ((st = il__iba_path_new(c->s, 2, M_HE, &he, err)))
        return st;
    rbs_point r, best = {0};
    rbs_at(c, &he, Zm, mlayer, 2000, 0, &r);
    rbs_best(c, &he, Zm, mlayer, &best);
    a->depth_resolution_nm = isfinite(r.dx_nm) ? r.dx_nm : NAN;
    a->reach = r.E_det_keV;
    char better[160] = "";
    if (isfinite(best.dx_nm) && best.dx_nm < 0.8 * r.dx_nm)
        snprintf(better, sizeof better,
                 "4He at %.1f MeV%s: depth resolution %.0f nm at the interface (%s edge at %.0f "
                 "keV)",
                 best.E0_keV / 1000, best.alpha_deg > 0 ? ", sample tilted 60 deg" : "",
                 best.dx_nm, sym(Zm), best.E_det_keV);

    if ((w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)) && c->li_side >= 0) {
        double K[2];
        il_iba_kfactor(M_HE, il__iba_mass_u(3), 165.0, K);
        double ratio = 9.0 / ((double)Zli_host * Zli_host);
        il__adv_judge(a, IL_VERDICT_CANNOT,
                      "Li is nearly invisible to RBS: Rutherford yield per atom (3/%d)^2 = %.1f %% "
                      "of %s's, its edge (K E0 = %.0f keV from the surface) lies under the "
                      "signals of every heavier element",
                      Zli_host, 100 * ratio, sym(Zli_host), K[0] * 2000);
        il__adv_change(a, "use ERDA or 7Li(p,a) NRA for the Li; RBS gives the heavy-element "
                          "frame");
    }

    if (r.E_det_keV < THRESHOLD_keV) {
        if (r.E_in_keV <= 0)
            il__adv_judge(a, IL_VERDICT_CANNOT,
                          "2 MeV 4He stops before the interface (%.2f um deep)",
                          c->depth_nm / 1000);
        else
            il__adv_judge(a, IL_VERDICT_CANNOT,
                          "2 MeV 4He reaches the interface (%.2f um) with %.0f keV but the %s "
                          "signal from it leaves at %.0f keV < %.0f keV threshold",
                          c->depth_nm / 1000, r.E_in_keV, sym(Zm), r.E_det_keV, THRESHOLD_keV);
    } else if (w & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) {
        double want = (w & IL_WANT_LI_PROFILE) ? c->o->resolution_nm : c->o->interlayer_nm;
        il_verdict v = il__adv_scale(r.dx_nm, want);
        il__adv_judge(a, v,
                      "2 MeV 4He at 165 deg: depth resolution at the interface %.0f nm %s %.0f nm "
                      "wanted (%s edge at %.0f keV, %.0f keV FWHM over [S] %.2f keV/nm)",
                      r.dx_nm, v == IL_VERDICT_WORKS ? "<=" : ">", want, sym(Zm), r.E_det_keV,
                      r.fwhm_keV, r.S_keV_nm);
    }
    if (a->verdict != IL_VERDICT_WORKS && better[0])
        il__adv_change(a, "%s", better);
    else if (a->verdict != IL_VERDICT_WORKS && !isfinite(best.dx_nm))
        il__adv_change(a, "no 4He energy up to 8 MeV brings it out: measure from the other side "
                          "(%.2f um below) or thin the layers above",
                       c->below_nm / 1000);
    /* O on either side and something heavier than O at the interface: O's Rutherford signal is
     * small (its edge sits on the heavier elements' plateau), the resonance lifts it. Short and
     * last: the change text has IL_ADVICE_TEXT characters for all suggestions. */
    int has_o = 0;
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < n[k]; i++)
            has_o |= Z[k][i] == 8;
    if (has_o && Zm > 8 && (w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)))
        il__adv_change(a, "EBS at %.2f MeV (16O(a,a) resonance, O %.3gx Rutherford) for the O and "
                          "Li/O stoichiometry",
                       EBS_O_E_keV / 1000, EBS_O_RATIO);
    /* mass separation: the two elements of the interface's layers whose edges lie closest,
     * against the energy spread there (Li and H have no usable RBS edge) */
    int za = 0, zb = 0;
    double dmin = INFINITY;
    for (int k = 0; k < 2 && r.E_in_keV > 0; k++)
        for (size_t i = 0; i < n[k]; i++)
            for (int q = 0; q < 2; q++)
                for (size_t j = 0; j < n[q]; j++) {
                    int z1 = Z[k][i], z2 = Z[q][j];
                    double K1[2], K2[2];
                    if (z1 <= 3 || z2 <= z1 || il_iba_kfactor(M_HE, il__iba_mass_u(z1), 165, K1) < 1 ||
                        il_iba_kfactor(M_HE, il__iba_mass_u(z2), 165, K2) < 1)
                        continue;
                    double d = fabs(K2[0] - K1[0]) * r.E_in_keV;
                    if (d < dmin) {
                        dmin = d;
                        za = z1;
                        zb = z2;
                    }
                }
    if (za && isfinite(r.dx_nm) && dmin < r.fwhm_keV && (w & IL_WANT_THICKNESS)) {
        il__adv_judge(a, IL_VERDICT_MARGINAL,
                      "%s and %s edges at the interface only %.0f keV apart < %.0f keV FWHM: "
                      "their signals overlap",
                      sym(za), sym(zb), dmin, r.fwhm_keV);
        il__adv_change(a, "a heavier beam or a higher energy separates the masses further");
    }
    if (isfinite(r.dx_nm)) {
        int Zb;
        size_t lb;
        if ((st = rbs_buried(c, &he, Zm, r.E_det_keV, &Zb, &lb, err))) {
            il__iba_path_free(&he);
            return st;
        }
        if (Zb) {
            il__adv_judge(a, IL_VERDICT_MARGINAL,
                          "the %s edge from the interface (%.0f keV) lies under the %s signal "
                          "of layer %zu (%s)",
                          sym(Zm), r.E_det_keV, sym(Zb), lb + 1, il_stack_layer(c->s, lb)->name);
            il__adv_change(a, "a thinner %s layer, or measure from the other side",
                           il_stack_layer(c->s, lb)->name);
        }
    }
    il__iba_path_free(&he);
    snprintf(a->caveat, sizeof a->caveat,
             "%s; above ~2 MeV the 4He cross sections of C, N, O are non-Rutherford (EBS tables "
             "needed)",
             a->technique->limitation);
    return IL_OK;
}

/* ---- ERDA --------------------------------------------------------------------------------- */

typedef struct {
    double E_out_keV;  /* Li recoil from the interface at the surface */
    double probe_nm;   /* deepest Li whose recoil leaves above threshold */
    double dx_nm, fwhm_keV, S_keV_nm;
} erda_point;

static double erda_exit(const il__adv_ctx *c, const il__iba_path *he, const il__iba_path *li,
                        double z, double E0, double *var)
{
    const double ca = cos(deg(75.0)), cb = cos(deg(75.0));
    double k = il_iba_recoil_factor(M_HE, M_LI7, 30.0);
    double E = il__iba_cross(he, 0, z, 1, ca, E0, var);
    if (var)
        *var *= k * k;
    return E > 0 ? il__iba_cross(li, 0, z, 0, cb, k * E, var) : 0;
}

static void erda_at(const il__adv_ctx *c, const il__iba_path *he, const il__iba_path *li,
                    size_t li_layer, double E0, int probe, erda_point *r)
{
    const double ca = cos(deg(75.0)), cb = cos(deg(75.0));
    double k = il_iba_recoil_factor(M_HE, M_LI7, 30.0);
    double var = BEAM_SPREAD_FWHM_keV * BEAM_SPREAD_FWHM_keV / FWHM2;
    double E_in = il__iba_cross(he, 0, c->depth_nm, 1, ca, E0, NULL);
    r->E_out_keV = erda_exit(c, he, li, c->depth_nm, E0, &var);
    /* kinematic spread: E2 ~ cos^2(phi), so dE2/E2 = 2 tan(phi) dphi over the detector's
     * acceptance (1 deg FWHM assumed), carried to the surface without rescaling */
    double kin = k * E_in * 2 * tan(deg(30.0)) * deg(ERDA_ACCEPT_deg);
    r->fwhm_keV = sqrt(FWHM2 * var + DETECTOR_FWHM_keV * DETECTOR_FWHM_keV + kin * kin);
    r->S_keV_nm = E_in > 0 ? k * il__iba_keV_nm(he, li_layer, E_in) / ca +
                                 il__iba_keV_nm(li, li_layer, k * E_in) / cb
                           : 0;
    r->dx_nm = r->E_out_keV >= THRESHOLD_keV ? r->fwhm_keV / r->S_keV_nm : INFINITY;
    /* probing depth: bisection on the exit energy, which falls with depth */
    double lo = 0, hi = il_stack_thickness_nm(c->s) + 10000;
    if (!probe || erda_exit(c, he, li, 0, E0, NULL) < THRESHOLD_keV)
        hi = 0;
    for (int it = 0; it < 40 && hi > 0; it++) {
        double m = 0.5 * (lo + hi);
        if (erda_exit(c, he, li, m, E0, NULL) >= THRESHOLD_keV)
            lo = m;
        else
            hi = m;
    }
    r->probe_nm = lo;
}

/* The paths through stack s of the beam (Z1, mass M1 u) in and of the particle (Z2, M2) out;
 * on failure neither is left to free. */
static il_status two_paths(const il_stack *s, int Z1, double M1, il__iba_path *in, int Z2,
                           double M2, il__iba_path *out, il_error *err)
{
    il_status st = il__iba_path_new(s, Z1, M1, in, err);
    if (!st && (st = il__iba_path_new(s, Z2, M2, out, err)))
        il__iba_path_free(in);
    return st;
}

static il_status erda(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    unsigned w = c->o->wants;
    il__iba_path he, li;
    il_status st = two_paths(c->s, 2, M_HE, &he, 3, M_LI7, &li, err);
    if (st)
        return st;
    size_t li_layer = c->upper + (size_t)(c->li_side > 0);
    erda_point r, hi;
    erda_at(c, &he, &li, li_layer, 2000, 1, &r);
    erda_at(c, &he, &li, li_layer, 8000, 1, &hi);
    a->depth_resolution_nm = isfinite(r.dx_nm) ? r.dx_nm : NAN;
    a->reach = r.E_out_keV;
    if (c->li_side < 0 && (w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)))
        il__adv_judge(a, IL_VERDICT_MARGINAL,
                      "no Li next to this interface in the stack model to recoil");
    if (r.E_out_keV < THRESHOLD_keV) {
        il__adv_judge(a, IL_VERDICT_CANNOT,
                      "2 MeV 4He ERDA (75 deg tilt, Li recoils at 30 deg): Li probing depth %.0f "
                      "nm < interface at %.0f nm",
                      r.probe_nm, c->depth_nm);
        if (hi.E_out_keV >= THRESHOLD_keV)
            il__adv_change(a, "8 MeV 4He reaches %.0f nm (depth resolution %.0f nm there)",
                           hi.probe_nm, hi.dx_nm);
        else
            il__adv_change(a, "a heavy-ion ToF-ERDA beam or measure from the other side (%.2f "
                              "um below): even 8 MeV 4He sees Li only to %.0f nm",
                           c->below_nm / 1000, hi.probe_nm);
    } else if (w & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) {
        double want = (w & IL_WANT_LI_PROFILE) ? c->o->resolution_nm : c->o->interlayer_nm;
        il_verdict v = il__adv_scale(r.dx_nm, want);
        il__adv_judge(a, v,
                      "2 MeV 4He ERDA: Li probing depth %.0f nm; depth resolution at the interface "
                      "%.0f nm %s %.0f nm wanted (%.0f keV FWHM over [S] %.2f keV/nm)",
                      r.probe_nm, r.dx_nm, v == IL_VERDICT_WORKS ? "<=" : ">", want, r.fwhm_keV,
                      r.S_keV_nm);
        if (v != IL_VERDICT_WORKS)
            il__adv_change(a, "a more grazing geometry or a ToF telescope (detector %.0f keV "
                              "FWHM assumed)",
                           DETECTOR_FWHM_keV);
    } else
        il__adv_judge(a, IL_VERDICT_WORKS, "2 MeV 4He ERDA: Li probing depth %.0f nm",
                      r.probe_nm);
    il__iba_path_free(&he);
    il__iba_path_free(&li);
    snprintf(a->caveat, sizeof a->caveat,
             "%s; a range foil that stops the forward-scattered 4He also stops Li recoils of the "
             "same depth: Li needs a DE-E or ToF telescope or a heavier beam (review Sec. 4.2: "
             "5.4 MeV He, 5 MeV 7Li coincidence ERDA)",
             a->technique->limitation);
    return IL_OK;
}

/* ---- NRA and PIGE: protons ---------------------------------------------------------------- */

static double alpha_energy(double Ep)
{
    double E3[2];
    int n = il_iba_reaction_energy(M_H, M_LI7, M_HE, M_HE, NRA_Q_keV, Ep, NRA_THETA_deg, E3);
    return n > 0 ? E3[0] : 0;
}

static il_status nra(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    unsigned w = c->o->wants;
    il__iba_path p, al;
    il_status st = two_paths(c->s, 1, M_H, &p, 2, M_HE, &al, err);
    if (st)
        return st;
    size_t li_layer = c->upper + (size_t)(c->li_side > 0);
    const double cb = cos(deg(180.0 - NRA_THETA_deg));
    double var = BEAM_SPREAD_FWHM_keV * BEAM_SPREAD_FWHM_keV / FWHM2;
    double Ep = il__iba_cross(&p, 0, c->depth_nm, 1, 1, NRA_EP_keV, &var);
    double dE3 = Ep > 10 ? (alpha_energy(Ep + 5) - alpha_energy(Ep - 5)) / 10 : 0;
    var *= dE3 * dE3;
    double Ea = Ep > 0 ? alpha_energy(Ep) : 0;
    double Eout = Ea > 0 ? il__iba_cross(&al, 0, c->depth_nm, 0, cb, Ea, &var) : 0;
    double fwhm = sqrt(FWHM2 * var + DETECTOR_FWHM_keV * DETECTOR_FWHM_keV);
    double S = Ep > 0 ? dE3 * il__iba_keV_nm(&p, li_layer, Ep) + il__iba_keV_nm(&al, li_layer, Ea) / cb
                      : 0;
    double dx = Eout >= THRESHOLD_keV && S > 0 ? fwhm / S : INFINITY;
    a->depth_resolution_nm = isfinite(dx) ? dx : NAN;
    a->reach = Eout;
    if (c->li_side < 0 && (w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)))
        il__adv_judge(a, IL_VERDICT_MARGINAL, "no Li next to this interface in the stack model");
    if (Ep <= 0)
        il__adv_judge(a, IL_VERDICT_CANNOT, "%.1f MeV protons stop before the interface (%.2f um)",
                      NRA_EP_keV / 1000, c->depth_nm / 1000);
    else if (Eout < THRESHOLD_keV)
        il__adv_judge(a, IL_VERDICT_CANNOT,
                      "7Li(p,a) alphas from the interface stop in the %.2f um above it",
                      c->depth_nm / 1000);
    else if (w & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) {
        double want = (w & IL_WANT_LI_PROFILE) ? c->o->resolution_nm : c->o->interlayer_nm;
        il_verdict v = il__adv_scale(dx, want);
        il__adv_judge(a, v,
                      "7Li(p,a) at %.1f MeV: protons reach the interface with %.0f keV, alphas "
                      "leave at %.0f keV; depth resolution %.0f nm %s %.0f nm wanted (%.0f keV "
                      "FWHM over [S] %.3f keV/nm)",
                      NRA_EP_keV / 1000, Ep, Eout, dx, v == IL_VERDICT_WORKS ? "<=" : ">", want,
                      fwhm, S);
        if (v != IL_VERDICT_WORKS)
            il__adv_change(a, "a grazing exit angle (the alphas' stopping sets [S]), or ERDA "
                              "near the surface");
    } else if (!(w & IL_WANT_LI_AMOUNT) || c->li_side < 0) /* else counting decides */
        il__adv_judge(a, IL_VERDICT_WORKS,
                      "7Li(p,a) at %.1f MeV: protons reach the interface with %.0f keV, alphas "
                      "leave at %.0f keV (sigma ~%.1f mb/sr at 160 deg)",
                      NRA_EP_keV / 1000, Ep, Eout, NRA_SIGMA_PEAK_mb_sr);
    /* counting for the Li amount: 7Li atoms of the interlayer x sigma x solid angle per uC */
    if (isfinite(dx) && c->li_side >= 0 && (w & IL_WANT_LI_AMOUNT)) {
        const il_layer *l = il_stack_layer(c->s, c->upper + (size_t)c->li_side);
        double n7 = (l->li_atoms_cm3 - l->li6_atoms_cm3) * c->o->interlayer_nm * 1e-7;
        double per_uC = 1e-6 / IL_ELEMENTARY_CHARGE_C * n7 * NRA_SIGMA_PEAK_mb_sr * 1e-27 *
                        NRA_OMEGA_msr * 1e-3;
        double t = 1.0 / (c->o->precision * c->o->precision * per_uC) / NRA_CURRENT_uA;
        il_verdict v = il__adv_time(c, t);
        il__adv_judge(a, v,
                      "7Li(p,a): %.0f %% precision on a %.0f nm interlayer takes %.3g s at %.0f nA "
                      "(%.3g counts/uC into %.0f msr at %.1f mb/sr; limit %.0f s)",
                      100 * c->o->precision, c->o->interlayer_nm, t, NRA_CURRENT_uA * 1000,
                      per_uC, NRA_OMEGA_msr, NRA_SIGMA_PEAK_mb_sr, c->max_time_s);
        if (v != IL_VERDICT_WORKS)
            il__adv_change(a, "a larger detector solid angle or more beam current (beam damage "
                              "of Li compounds limits both)");
    }
    il__iba_path_free(&p);
    il__iba_path_free(&al);
    snprintf(a->caveat, sizeof a->caveat,
             "%s; sigma only ~%.0f mb/sr (Paneta 2012, Ep %.1f MeV): long counting for thin "
             "layers; a foil must stop the backscattered protons",
             a->technique->limitation, NRA_SIGMA_PEAK_mb_sr, NRA_EP_keV / 1000);
    return IL_OK;
}

static il_status pige(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    unsigned w = c->o->wants;
    il__iba_path p;
    il_status st = il__iba_path_new(c->s, 1, M_H, &p, err);
    if (st)
        return st;
    size_t li_layer = c->upper + (size_t)(c->li_side > 0);
    double Ep = il__iba_cross(&p, 0, c->depth_nm, 1, 1, PIGE_EP_keV, NULL);
    /* the energy scan's step: the resonance width over the protons' stopping at resonance */
    double dx = PIGE_WIDTH_keV / il__iba_keV_nm(&p, li_layer, PIGE_RES_keV);
    il__iba_path_free(&p);
    a->depth_resolution_nm = dx;
    a->reach = Ep;
    if (c->li_side < 0 && (w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)))
        il__adv_judge(a, IL_VERDICT_MARGINAL, "no Li next to this interface in the stack model");
    if (Ep < PIGE_RES_keV)
        il__adv_judge(a, IL_VERDICT_CANNOT,
                      "%.0f MeV protons reach the interface (%.2f um) with %.0f keV, below the "
                      "478 keV gamma's first resonance (%.2f MeV)",
                      PIGE_EP_keV / 1000, c->depth_nm / 1000, Ep, PIGE_RES_keV / 1000);
    else if (w & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) {
        double want = (w & IL_WANT_LI_PROFILE) ? c->o->resolution_nm : c->o->interlayer_nm;
        il_verdict v = il__adv_scale(dx, want);
        il__adv_judge(a, v,
                      "the gamma carries no depth: an energy scan over the %.2f MeV resonance "
                      "(width %.0f keV) localises Li to %.0f nm %s %.0f nm wanted",
                      PIGE_RES_keV / 1000, PIGE_WIDTH_keV, dx,
                      v == IL_VERDICT_WORKS ? "<=" : ">", want);
        if (v != IL_VERDICT_WORKS)
            il__adv_change(a, "NRA 7Li(p,a) or ERDA for a depth profile; PIGE for the Li amount "
                              "(also on a cross-section microbeam map)");
    } else if ((w & IL_WANT_LI_AMOUNT) && c->li_side >= 0 &&
               dx > il_stack_layer(c->s, li_layer)->thickness_nm) {
        /* The gamma yield sums all Li the protons pass at resonance: an interlayer's amount is
         * its own only when the scan can tell it from its Li-bearing neighbour. */
        const il_layer *nb = il_stack_layer(c->s, li_layer);
        il__adv_judge(a, IL_VERDICT_MARGINAL,
                      "an energy scan localises Li to %.0f nm, more than the Li-bearing '%s' "
                      "(%.0f nm) beside the interface: the interlayer's Li is not told apart "
                      "from it",
                      dx, nb->name, nb->thickness_nm);
        il__adv_change(a, "NDP or 7Li(p,a) NRA for the amount at a buried interface; PIGE for "
                          "the Li of a whole layer or on a cross-section microbeam map");
    } else
        il__adv_judge(a, IL_VERDICT_WORKS,
                      "%.0f MeV protons reach the interface with %.0f keV; the 478 keV gamma "
                      "leaves any thin-film stack",
                      PIGE_EP_keV / 1000, Ep);
    return IL_OK;
}

/* PIXE: blind to Li (the table says so); for the rest it has no depth scale of its own */
static il_status pixe(const il__adv_ctx *c, il_advice *a)
{
    const il_technique *t = a->technique;
    if (c->o->wants & (IL_WANT_LI_PROFILE | IL_WANT_THICKNESS)) {
        double want = (c->o->wants & IL_WANT_LI_PROFILE) ? c->o->resolution_nm
                                                         : c->o->interlayer_nm;
        il_verdict v = il__adv_scale(t->depth_res_min_nm, want);
        il__adv_judge(a, v,
                      "X-ray yields carry no depth scale: at best %.0f nm by beam energy or "
                      "angle variation (review Table 3)",
                      t->depth_res_min_nm);
    }
    return IL_OK;
}

il_status il__adv_iba(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    const char *id = a->technique->id;
    if (!strcmp(id, "rbs"))
        return rbs(c, a, err);
    if (!strcmp(id, "erda"))
        return erda(c, a, err);
    if (!strcmp(id, "nra"))
        return nra(c, a, err);
    if (!strcmp(id, "pige"))
        return pige(c, a, err);
    return pixe(c, a);
}

/* the report's curves: 2 MeV RBS (edge of the heaviest element of the layer at each depth)
 * and He-ERDA of Li, the same set-ups as the verdicts, swept over depth */
il_status il__adv_iba_curves(const il_stack *s, const double *z, size_t n, double *rbs_nm,
                             double *erda_nm, il_error *err)
{
    il__iba_path he, li;
    il_status st = two_paths(s, 2, M_HE, &he, 3, M_LI7, &li, err);
    if (st)
        return st;
    il__adv_ctx c = {0};
    c.s = s;
    for (size_t i = 0; i < n && !st; i++) {
        size_t layer = il__iba_layer_at(s, z[i]);
        il_composition comp;
        if ((st = il__adv_comp(s, layer, &comp, err)))
            break;
        int Zm = 0;
        for (size_t k = 0; k < comp.n; k++)
            if (comp.Z[k] > Zm && comp.atoms[k] > 0)
                Zm = comp.Z[k];
        c.depth_nm = z[i];
        rbs_point r;
        rbs_at(&c, &he, Zm, layer, 2000, 0, &r);
        rbs_nm[i] = isfinite(r.dx_nm) ? r.dx_nm : NAN;
        erda_point e;
        erda_at(&c, &he, &li, layer, 2000, 0, &e);
        erda_nm[i] = isfinite(e.dx_nm) ? e.dx_nm : NAN;
    }
    il__iba_path_free(&he);
    il__iba_path_free(&li);
    return st;
}
