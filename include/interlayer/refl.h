/* Specular reflectivity of a slab model (neutrons or X-rays): Abeles matrix method with
 * Nevot–Croce roughness, Parratt recursion as an independent cross-check, and Gaussian
 * resolution smearing.
 *
 * Units (ORSO conventions): Q in 1/Å, thickness and roughness in Å, SLD in 1e-6 Å⁻².
 * See docs/reflectometry.md for the physics and the conventions in detail. */
#ifndef INTERLAYER_REFL_H
#define INTERLAYER_REFL_H
#include "interlayer/export.h"
#include "interlayer/constants.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One medium of a slab model. slabs[0] is the fronting medium (the beam comes from there; its
 * thickness, absorption and roughness are ignored), slabs[n-1] the backing medium (thickness
 * ignored). `roughness_A` is the rms width of the interface ABOVE this medium, i.e. between
 * slabs[j-1] and slabs[j]; this is the layout of the ORSO validation files. */
typedef struct {
    double thickness_A;
    double sld_re_1e6; /* real SLD, 1e-6 Å⁻² */
    double sld_im_1e6; /* imaginary SLD, 1e-6 Å⁻²; positive means absorbing */
    double roughness_A;
} il_refl_slab;

/* R(Q) = scale * |r(Q)|^2 + background for nq values of Q (1/Å; the sign of Q is ignored).
 * Abeles characteristic matrices, evaluated from the backing medium upwards as matrix-vector
 * products (no division per layer), with the wave vector in medium j
 *   k_j = sqrt(Q²/4 - 4π[(ρ_j - ρ_0) - i ρ''_j]·1e-6)   (principal branch, Im k_j >= 0)
 * and the Fresnel coefficient of interface j|j+1 multiplied by exp(-2 k_j k_{j+1} σ²).
 * Needs nslabs >= 2. Allocates nothing; reentrant. Fails only on invalid arguments. */
IL_API il_status il_refl_reflectivity(const il_refl_slab *slabs, size_t nslabs,
                                      const double *q_invA, size_t nq, double scale,
                                      double background, double *r_out, il_error *err);

/* Same quantity through Parratt's recursion with complex.h arithmetic, written separately from
 * the Abeles kernel so that each checks the other. Slower; for tests and cross-checks. */
IL_API il_status il_refl_parratt(const il_refl_slab *slabs, size_t nslabs, const double *q_invA,
                                 size_t nq, double scale, double background, double *r_out,
                                 il_error *err);

/* Like il_refl_reflectivity, split over OpenMP threads when the library was built with OpenMP
 * (nthreads <= 0: the OpenMP default). Same results bit for bit. */
IL_API il_status il_refl_reflectivity_mt(const il_refl_slab *slabs, size_t nslabs,
                                         const double *q_invA, size_t nq, double scale,
                                         double background, double *r_out, int nthreads,
                                         il_error *err);

/* ---- resolution -------------------------------------------------------------------------- */

/* How the resolution width is given. */
typedef enum {
    IL_REFL_DQ_SIGMA = 0, /* one standard deviation of the Gaussian (ORSO, this library) */
    IL_REFL_DQ_FWHM = 1   /* full width at half maximum = 2 sqrt(2 ln 2) σ ≈ 2.3548 σ */
} il_refl_dq_kind;

typedef struct {
    il_refl_dq_kind kind;   /* meaning of dq_invA[] and dq_over_q */
    double dq_over_q;       /* used when dq_invA is NULL: constant dQ/Q */
    /* 0: integrate over the whole Gaussian (in practice ±8.5σ, outside which the weight is
     * 1.9e-17). > 0: integrate over ±truncate_sigma·σ only, e.g. 3.5 as refnx and the ORSO smeared
     * tests do. Gauss–Legendre either way, split at the backing medium's critical edge. */
    double truncate_sigma;
    /* With truncation: 1 divides by the weight inside the window (a normalised truncated
     * Gaussian); 0 does not, which is what ORSO tests 4 and 5 did (they are lower than a
     * normalised result by erf(3.5/√2) = 0.99953474). Ignored without truncation. */
    int renormalise;
    /* Quadrature points per Q value (per part of the window when it is split at a critical
     * edge); 0 = automatic: 17, 33, 65, ... until two successive results agree to `tol`
     * (relative) at every point, up to 4097 points. */
    int points;
    double tol;             /* for the automatic choice; 0 means 1e-8 */
} il_refl_resolution;

/* Sets the defaults: σ, dQ/Q = 0, full Gaussian, automatic points, tol 1e-8. */
IL_API void il_refl_resolution_init(il_refl_resolution *res);

/* Resolution-smeared reflectivity: R(Q) = scale ∫ G(Q'-Q; σ_Q) |r(Q')|² dQ' + background,
 * with σ_Q from dq_invA[i] (per point; may be NULL) or dq_over_q·Q. A zero width gives the
 * unsmeared value. Q' < 0 is reflected (|r| is even in Q). `quad_err` (may be NULL) receives an
 * estimate of the quadrature's relative error: the largest relative change between the result
 * and the one with half the points (automatic mode: the last doubling). Fails with
 * IL_ERR_NUMERIC when automatic mode does not reach `tol`, IL_ERR_NOMEM on allocation failure. */
IL_API il_status il_refl_smeared(const il_refl_slab *slabs, size_t nslabs, const double *q_invA,
                                 const double *dq_invA, size_t nq, const il_refl_resolution *res,
                                 double scale, double background, double *r_out, double *quad_err,
                                 il_error *err);


/* ---- resolution for fitting: a shared Q grid with precomputed weights ---------------------- */

/* A fit evaluates the same data points' smeared curve thousands of times. A plan evaluates the
 * kernel once on a shared grid of Q nodes covering every point's resolution window (panels of at
 * most α σ_min with 6 Gauss–Legendre nodes each, σ_min the narrowest width reaching the panel;
 * four times denser within ±15 % of the backing medium's critical edge, which is a panel
 * boundary with the panels next to it graded geometrically towards it, because R has a square-root
 * kink there) and smears with fixed weights (a sparse matrix). Full Gaussian: the window is cut
 * where the two tails hold accuracy/10 and renormalised; truncated windows follow `res` as
 * il_refl_smeared does. α starts at 2 and is halved until the plan agrees with the exact
 * adaptive path (il_refl_smeared at tol min(1e-8, accuracy/100)) at `slabs` to `accuracy`
 * (relative, every point). */
typedef struct il_refl_smear_plan il_refl_smear_plan;

/* q_invA, dq_invA (per point, may be NULL: res->dq_over_q), res as for il_refl_smeared; slabs
 * (the model where accuracy is checked, e.g. a fit's start) also place the critical edge.
 * IL_ERR_NUMERIC when 8 halvings of α do not reach the accuracy. */
IL_API il_status il_refl_smear_plan_new(const double *q_invA, const double *dq_invA, size_t nq,
                                        const il_refl_resolution *res, const il_refl_slab *slabs,
                                        size_t nslabs, double accuracy,
                                        il_refl_smear_plan **out, il_error *err);
IL_API void il_refl_smear_plan_free(il_refl_smear_plan *plan);
/* Nodes of the shared grid: the size of il_refl_smear_plan_eval's work buffer. */
IL_API size_t il_refl_smear_plan_nodes(const il_refl_smear_plan *plan);
/* The requested accuracy, and the error measured against the exact path when the plan was made. */
IL_API double il_refl_smear_plan_accuracy(const il_refl_smear_plan *plan);
IL_API double il_refl_smear_plan_error(const il_refl_smear_plan *plan);
/* R at the plan's points: scale · Σ_j W_ij |r(Q_j)|² + background. work: nodes doubles of
 * scratch (one per thread; the plan itself is only read). */
IL_API il_status il_refl_smear_plan_eval(const il_refl_smear_plan *plan, const il_refl_slab *slabs,
                                         size_t nslabs, double scale, double background,
                                         double *work, double *r_out, il_error *err);
/* Largest relative difference between the plan and the exact adaptive path at slabs. */
IL_API il_status il_refl_smear_plan_check(const il_refl_smear_plan *plan,
                                          const il_refl_slab *slabs, size_t nslabs,
                                          double *rel_error, il_error *err);

/* Depths (Å, 0 = the first interface) for drawing the SLD profile of slabs[0..n): npts (>= 2)
 * evenly from -margin to total + margin, where total is the thickness of the inner slabs and
 * margin = 4 σ_max + 5 % of total + 10 Å (σ_max the largest roughness), so that the widest
 * interface has decayed to the bulk values (erf at 4σ is 1 - 6e-8) at both ends. */
IL_API il_status il_refl_profile_grid(const il_refl_slab *slabs, size_t n, size_t npts,
                                      double *z_A, il_error *err);

/* out[i] = y[i] · Q⁴ (R·Q⁴ takes the Fresnel decay out of a reflectivity so that its fringes
 * show). out may be y. */
IL_API void il_refl_times_q4(const double *q_invA, const double *y, size_t n, double *out);

/* ---- simulated data ----------------------------------------------------------------------- */

/* n (>= 2) Q values from q_min to q_max, both included: evenly spaced, or evenly in log Q when
 * log_spaced (then q_min > 0). */
IL_API il_status il_refl_q_grid(double q_min_invA, double q_max_invA, size_t n, int log_spaced,
                                double *q_invA, il_error *err);

/* One standard deviation of the resolution at q_invA from res's constant dq_over_q (an FWHM
 * divided by 2 sqrt(2 ln 2)): the dQ column of a data file written from a simulation. */
IL_API double il_refl_resolution_sigma_invA(const il_refl_resolution *res, double q_invA);

/* Noise of a simulated measurement: dr[i] = rel_error * r[i] + floor (absolute), and, when
 * rel_error > 0 or floor > 0, r[i] += a Gaussian deviate of standard deviation dr[i] drawn
 * from a Mersenne Twister (MT19937) seeded with `seed`, so that a seed gives the same curve
 * on every platform. The caller's state is all there is: no global generator. */
IL_API il_status il_refl_add_noise(double *r, double *dr, size_t n, double rel_error,
                                   double floor, unsigned long seed, il_error *err);

/* ---- SLD profile along depth ---------------------------------------------------------------- */

/* SLD at depths z_A[] (Å; 0 = the first interface, positive into the sample) of the graded
 * model that the slabs stand for: every interface j (above slabs[j]) is an error function of
 * rms width roughness_A,
 *   ρ(z) = ρ_0 + Σ_j (ρ_j - ρ_{j-1}) Φ((z - z_j)/σ_j),   Φ the standard normal CDF,
 * a step (Φ = 1/2 at the step) where σ_j = 0. Either output may be NULL. */
IL_API il_status il_refl_profile(const il_refl_slab *slabs, size_t nslabs, const double *z_A,
                                 size_t nz, double *sld_re_1e6, double *sld_im_1e6, il_error *err);

/* Slices the graded model into sharp microslabs (roughness 0) so that the staircase differs from
 * the profile by at most max_dev_1e6 (in 1e-6 Å⁻², real and imaginary parts each) at every
 * depth. The fronting and backing media are kept; sharp interfaces (σ = 0) stay exact steps at
 * slice boundaries; each slice takes the profile at its midpoint. Each graded interface spreads
 * over a window z_j ± K σ_j with Σ|Δρ_j| Φ(-K) <= max_dev/2, so outside all windows the profile
 * is flat to max_dev/2 and takes one slab per flat stretch. Inside, the slice width h follows
 * from |ρ - ρ_mid| <= (h/2) max|ρ'|, with max|ρ'| over the segment bounded by
 * Σ |Δρ_j| φ(0)/σ_j over the windows that hold it plus Σ |Δρ_j| φ(K)/σ_j over the others.
 * *out (free() it) receives *nout slabs; *top_A (may be NULL) the depth, on the profile's scale,
 * of the top of the first microslab. Fails with IL_ERR_RANGE beyond 1e6 slices. */
IL_API il_status il_refl_slice(const il_refl_slab *slabs, size_t nslabs, double max_dev_1e6,
                               il_refl_slab **out, size_t *nout, double *top_A, il_error *err);

/* Interface shapes for graded profiles: the error function (the Gaussian roughness that the
 * Nevot-Croce factor stands for) or a linear ramp of full width √12 σ (same rms width). */
typedef enum { IL_REFL_SHAPE_ERF = 0, IL_REFL_SHAPE_LINEAR = 1 } il_refl_shape;

/* il_refl_profile and il_refl_slice with a choice of interface shape. A linear ramp has no
 * tails: its window is exactly z_j ± √3 σ_j and its slope Δρ/(√12 σ). The reflectivity of a
 * linearly graded model is that of its slices (the Nevot-Croce factor describes erf only). */
IL_API il_status il_refl_profile_shape(const il_refl_slab *slabs, size_t nslabs,
                                       il_refl_shape shape, const double *z_A, size_t nz,
                                       double *sld_re_1e6, double *sld_im_1e6, il_error *err);
IL_API il_status il_refl_slice_shape(const il_refl_slab *slabs, size_t nslabs, il_refl_shape shape,
                                     double max_dev_1e6, il_refl_slab **out, size_t *nout,
                                     double *top_A, il_error *err);

/* ---- validation ------------------------------------------------------------------------------ */

#define IL_REFL_ORSO_CASES 8

typedef struct {
    int test;               /* 0..7 */
    size_t nslabs, npoints;
    int smeared;            /* tests 4 and 5 */
    double worst_rel_error; /* max over points of |R - R_ref| / R_ref */
    double tolerance;       /* what interlayer promises: 1e-10 (0, 2, 6, 7), 8e-5 (1, 3), 1e-5 */
    int pass;
} il_refl_validation;

/* Runs the ORSO validation suite (embedded in the library, CC0, from
 * github.com/reflectivity/analysis validation/test/unpolarised) through il_refl_reflectivity,
 * and the smeared cases through il_refl_smeared with their convention (±3.5σ, not
 * renormalised). Fills out[0..7]; returns IL_OK even when a case fails (see .pass). */
IL_API il_status il_refl_validate(il_refl_validation out[IL_REFL_ORSO_CASES], il_error *err);

/* A measured (or simulated) reflectivity curve on its Q axis. */
typedef struct {
    char name[128];       /* ORSO data_set, else the file name (with ":N" for the N-th block) */
    size_t n;
    double *q_invA;
    double *r;
    double *dr;           /* NULL when the data have no uncertainty column */
    double *dq;           /* NULL when the data have no resolution column */
    il_refl_dq_kind dq_kind; /* ORSO: value_is sigma (default) or FWHM; text: as asked */
    char probe[16];       /* "neutron", "x-ray" or "" when unknown */
    double wavelength_A;  /* from the ORSO header when given (a single value), else 0 */
} il_refl_dataset;

#ifdef __cplusplus
}
#endif
#endif
