/* NDP forward model (stack -> spectrum) and the inversions built on it.
 *
 * The stack is cut into depth slices (ins->slice_nm, aligned with the layer interfaces). For
 * every reaction of every isotope present (tables in nuclear.h) and each charged particle the
 * stopping engine knows (1H..4He; heavy recoils such as 7Li and 14C are not followed), the model
 * computes with il_depth_energy_curve the energy and straggling with which a particle born at
 * each slice boundary reaches the detector, for every exit-angle node of the detector (dead
 * layer, foil and gas in front of it are crossed after the sample). A slice then deposits a box
 * between the energies from its top and bottom, broadened by straggling and the detector's
 * Gaussian resolution, integrated exactly over each channel, holding
 *   counts = fluence_rate x live_time x sigma(E_n) x atoms/cm2 in the slice x Omega_k / 4 pi.
 * Particles are emitted isotropically, so each angle node takes its solid angle's share. */
#ifndef INTERLAYER_NDP_MODEL_H
#define INTERLAYER_NDP_MODEL_H
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp.h"
#include "interlayer/linv.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_ndp_model il_ndp_model;

/* Builds the model (copies what it needs from stack and instrument; they may be freed after).
 * Immutable afterwards: may be shared between threads. */
il_status il_ndp_model_new(const il_stack *stack, const il_ndp_instrument *ins,
                           il_ndp_model **out, il_error *err);
void il_ndp_model_free(il_ndp_model *m);

const il_ndp_instrument *il_ndp_model_instrument(const il_ndp_model *m);

/* Depth slices: n slices, edges n+1 values (nm from the surface), the layer of each slice. */
size_t il_ndp_model_n_slices(const il_ndp_model *m);
const double *il_ndp_model_slice_edges_nm(const il_ndp_model *m);
size_t il_ndp_model_slice_layer(const il_ndp_model *m, size_t slice);
size_t il_ndp_model_n_layers(const il_ndp_model *m);
const char *il_ndp_model_layer_name(const il_ndp_model *m, size_t layer);
/* Depth of the top of each layer (nm), n_layers + 1 values (the last: bottom of the model). */
double il_ndp_model_layer_top_nm(const il_ndp_model *m, size_t layer);

/* The charged particles followed. */
typedef struct {
    char key[32];         /* "alpha", "triton" for 6Li; else "<target>_<particle>_<id>" */
    char reaction[32];    /* "6Li_na_3H" */
    int target_Z, target_A;
    int Z, A;
    double E0_keV;
    double sigma_b;       /* cross section of the channel at the instrument's neutron energy */
} il_ndp_particle;

size_t il_ndp_model_n_particles(const il_ndp_model *m);
const il_ndp_particle *il_ndp_model_particle(const il_ndp_model *m, size_t p);

/* ---- simulation ---------------------------------------------------------------------------- */

typedef struct {
    size_t n_channels, n_particles, n_layers;
    double *energy_keV;     /* channel centres */
    double *counts;         /* expected total, background included */
    double *background;     /* the background part */
    double *by_particle;    /* [p * n_channels + ch] */
    double *by_layer;       /* [l * n_channels + ch], all particles */
    double *layer_particle; /* [l * n_particles + p]: counts summed over channels */
    double *layer_particle_born; /* same, before the detector window: all particles emitted
                                    into the solid angle (including those below channel 0) */
} il_ndp_sim;

void il_ndp_sim_free(il_ndp_sim *s);

/* The expected spectrum of the stack as built. With override_Z > 0 the element's concentration
 * (atoms/cm3) in each slice is taken from conc[slice] instead (isotopic mix of the layer kept;
 * a layer without that element gets its enrichment setting or the natural mix). */
il_status il_ndp_simulate(const il_ndp_model *m, int override_Z, const double *conc,
                          il_ndp_sim **out, il_error *err);

/* A depth profile of element Z from points: piecewise linear between them, or steps (each value
 * from its depth down to the next point, the last one to the bottom). Inside [first, last
 * depth] (steps: first depth to the bottom) it replaces the stack's concentration, outside the
 * stack's value stays; conc_out gets the average over each slice
 * (n_slices values), ready for il_ndp_simulate's override. */
typedef enum { IL_NDP_POINTS_LINEAR = 0, IL_NDP_POINTS_STEPS } il_ndp_points_kind;
il_status il_ndp_points_to_slices(const il_ndp_model *m, int Z, il_ndp_points_kind kind,
                                  const double *depth_nm, const double *conc, size_t n,
                                  double *conc_out, il_error *err);
/* Reads depth (nm), concentration (atoms/cm3) pairs from a text file (see src/io). The caller
 * frees both arrays. */
il_status il_ndp_points_load(const char *path, double **depth_nm, double **conc, size_t *n,
                             il_error *err);

/* Poisson-samples expected counts with a GSL mt19937 generator seeded with `seed`. */
il_status il_ndp_poisson_sample(const double *expected, size_t n, uint64_t seed, double *out,
                                il_error *err);

/* Response to element Z: R[ch * n_slices + s] = expected counts in channel ch per
 * `unit_atoms_cm3` of Z in slice s (isotopic mix of the slice's layer). */
il_status il_ndp_response(const il_ndp_model *m, int Z, double unit_atoms_cm3, double *R,
                          il_error *err);

/* Concentration (atoms/cm3) of element Z in each slice as the stack gives it. */
void il_ndp_model_concentration(const il_ndp_model *m, int Z, double *conc);

/* Depth resolution (FWHM, nm) of particle p at each of the n depths: the energy spread
 * (straggling, detector, spread of exit angles over the detector) over the slope of the mean
 * exit energy with depth. NaN where the particle no longer escapes. Also the mean exit energy. */
il_status il_ndp_depth_resolution(const il_ndp_model *m, size_t p, const double *depth_nm,
                                  size_t n, double *fwhm_nm, double *mean_exit_keV,
                                  il_error *err);

/* Depth (nm) from which particle p leaves with mean energy E (the classic energy-to-depth
 * conversion); NaN when E is above the birth energy or below the deepest exit energy. */
double il_ndp_energy_to_depth_nm(const il_ndp_model *m, size_t p, double E_keV);

/* ---- inversion ---------------------------------------------------------------------------- */

typedef enum { IL_NDP_METHOD_TIKHONOV = 0, IL_NDP_METHOD_MLEM, IL_NDP_METHOD_CLASSIC } il_ndp_method;

typedef struct {
    il_ndp_method method;
    il_linv_lambda_rule lambda_rule; /* Tikhonov: default GCV */
    int Z;                          /* element to profile; default 3 (Li) */
    int resample;                   /* MLEM: replicas for the uncertainties (default 50) */
    uint64_t seed;
    double calibration_rel_sigma;   /* relative uncertainty of fluence x solid angle (0.03) */
    double stopping_rel_sigma;      /* relative uncertainty of stopping powers (0.04) */
    double density_rel_sigma;       /* relative uncertainty of layer densities (0.03) */
    int systematic;                 /* 1: evaluate the stopping systematic by re-inversion */
    int self_consistent;            /* passes that rebuild the stopping from the inverted Li */
    int nonneg;                     /* Tikhonov: 1 (default) concentrations >= 0 (active-set
                                       NNLS), 0 the unconstrained linear estimate */
    int mlem_layers;                /* MLEM: 1 (default) start from the per-layer ML amounts so
                                       early stopping keeps to the layers; 0 flat start */
} il_ndp_invert_options;

void il_ndp_invert_options_default(il_ndp_invert_options *o);

typedef struct {
    size_t n_bins, n_layers;
    double *depth_nm;        /* bin centres */
    double *width_nm;
    double *conc;            /* atoms/cm3 */
    double *conc_sigma;      /* counting statistics */
    size_t *bin_layer;
    double *li_atoms_cm2;    /* per layer inventory */
    double *li_atoms_cm2_sigma;     /* counting */
    double *li_atoms_cm2_reg;       /* regularisation: |estimated smoothing bias| (Tikhonov) */
    double *li_atoms_cm2_sys;       /* systematic (calibration, cross section, stopping) */
    double *fitted;          /* n_channels: the model for the result */
    size_t n_channels;
    double lambda;
    double chi2;
    int iterations;
    /* Tikhonov: linear functionals of the profile (first the n_layers inventories, then any
     * registered with il_ndp_inverter_add_functional): value, counting sigma, smoothing bias. */
    size_t n_func;
    double *func, *func_sigma, *func_bias;
} il_ndp_profile;

void il_ndp_profile_free(il_ndp_profile *p);

/* Inverts one spectrum (counts per channel, n_channels of the model's instrument) into the
 * depth profile of element Z on the model's slices. Contributions of other elements and the
 * background model are subtracted as known. Per-layer inventories get both uncertainties. */
il_status il_ndp_invert(const il_ndp_model *m, const il_stack *stack, const double *counts,
                        const il_ndp_invert_options *opt, il_ndp_profile **out, il_error *err);

/* A prepared inverter for many spectra of one stack and instrument (operando): the response and
 * its decomposition are computed once, with the variances of the reference spectrum. */
typedef struct il_ndp_inverter il_ndp_inverter;
il_status il_ndp_inverter_new(const il_ndp_model *m, const double *reference_counts,
                              const il_ndp_invert_options *opt, il_ndp_inverter **out,
                              il_error *err);
void il_ndp_inverter_free(il_ndp_inverter *v);
/* Thread-safe: several threads may call it on one inverter. */
il_status il_ndp_inverter_run(const il_ndp_inverter *v, const double *counts,
                              il_ndp_profile **out, il_error *err);

/* Registers sum_j a[j] * conc[j] (a: n_slices weights per atom/cm3) to be evaluated with every
 * run (value, sigma, bias in il_ndp_profile func arrays at *index). Tikhonov only; call before
 * sharing the inverter between threads. */
il_status il_ndp_inverter_add_functional(il_ndp_inverter *v, const double *a, size_t *index,
                                         il_error *err);

/* From now on solve with this fixed Tikhonov lambda (e.g. the one chosen on the reference, so
 * that every spectrum of a series has the same depth resolution and differences mean something).
 * Not thread-safe: call before sharing the inverter. */
void il_ndp_inverter_fix_lambda(il_ndp_inverter *v, double lambda);

/* Regularisation bias estimate of sum_j a[j] * conc[j] for a profile made by this inverter from
 * `counts` (Tikhonov only). */
il_status il_ndp_inverter_functional_bias(const il_ndp_inverter *v, const il_ndp_profile *p,
                                          const double *counts, const double *a, double *bias,
                                          il_error *err);

/* Standard deviation of sum_j a[j] * conc[j] for a profile made by this inverter (Tikhonov:
 * exact propagation at the profile's lambda through the unconstrained linear estimator; for the
 * non-negative solution register the functional with il_ndp_inverter_add_functional instead,
 * which gives its free-set sigma; MLEM: not available, IL_ERR_INVALID). */
il_status il_ndp_inverter_functional_sigma(const il_ndp_inverter *v, const il_ndp_profile *p,
                                           const double *a, double *sigma, il_error *err);

/* Classic conversion (what facilities do): each channel of particle p's window is mapped to a
 * depth through the mean exit energy, and its counts to a concentration through the local
 * depth interval of the channel. n_channels outputs (NaN outside the particle's window). */
il_status il_ndp_classic_profile(const il_ndp_model *m, size_t p, const double *counts,
                                 double *depth_nm, double *conc_atoms_cm3, il_error *err);

/* A copy of the stack whose layers hold li_atoms_cm2[l] Li (NaN: unchanged), other atoms per cm3
 * kept, density from the new molar mass: the stopping for a self-consistent second inversion. */
il_status il_ndp_stack_with_li(const il_stack *s, const double *li_atoms_cm2, il_stack **out,
                               il_error *err);

/* ---- parametric fit ------------------------------------------------------------------------- */

/* Li described by a constant concentration in each layer plus one Gaussian-shaped interlayer
 * (centre, FWHM thickness, areal amount). Fitted to the counts with gsl_multifit_nlinear
 * (trust region, Levenberg-Marquardt), weights 1/max(counts, 1). */
typedef struct {
    size_t n_layers;
    double *layer_conc;        /* atoms/cm3, in/out (start values) */
    double *layer_conc_sigma;
    int *layer_fixed;          /* 1: keep */
    int interlayer;            /* 1: include the interlayer */
    double il_depth_nm, il_depth_sigma;
    double il_fwhm_nm, il_fwhm_sigma;
    double il_atoms_cm2, il_atoms_cm2_sigma;
    double chi2_per_dof;
    int iterations;
} il_ndp_fit;

il_status il_ndp_fit_new(const il_ndp_model *m, il_ndp_fit **out, il_error *err);
void il_ndp_fit_free(il_ndp_fit *f);
il_status il_ndp_fit_run(const il_ndp_model *m, const double *counts, il_ndp_fit *f,
                         il_error *err);

/* ---- calibration ---------------------------------------------------------------------------- */

/* Energy calibration from two or more known (channel, energy) points, e.g. the alpha and triton
 * surface edges located in a reference spectrum: least squares line (quadratic when `quad` and
 * at least three points). */
il_status il_ndp_calibrate_energy(const double *channel, const double *energy_keV, size_t n,
                                  int quad, double *offset_keV, double *gain_keV,
                                  double *quadratic_keV, il_error *err);

/* Channel (fractional) of the leading (high-energy) edge in [guess - window, guess + window]:
 * where the counts fall to half of the plateau just below the edge (see ndp_calibrate.c). */
double il_ndp_find_edge(const double *counts, size_t n, double guess_ch, double window_ch);

/* fluence x solid angle from a reference sample of known areal density: the ratio of
 * measured to simulated counts in [ch_lo, ch_hi] (the model run with the instrument as given).
 * Returns the factor to multiply fluence_rate x solid angle by, and its counting sigma. */
il_status il_ndp_calibrate_intensity(const il_ndp_model *m, const double *counts, size_t ch_lo,
                                     size_t ch_hi, double *factor, double *factor_sigma,
                                     il_error *err);

#ifdef __cplusplus
}
#endif
#endif
