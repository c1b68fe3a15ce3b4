/* NDP inversion: a spectrum back to the depth profile of an element on the model's slices
 * (Tikhonov, MLEM or the classic energy-to-depth conversion), a prepared inverter for series,
 * and the re-stacking used for self-consistent stopping. */
#ifndef INTERLAYER_NDP_INVERT_H
#define INTERLAYER_NDP_INVERT_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/linv.h"
#include "interlayer/ndp_model.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { IL_NDP_METHOD_TIKHONOV = 0, IL_NDP_METHOD_MLEM, IL_NDP_METHOD_CLASSIC } il_ndp_method;

#define IL_NDP_SELF_CONSISTENT_AUTO (-1)

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
    double geometry_rel_sigma;      /* relative uncertainty of the mean exit path per depth
                                       (sample tilt, detector placement: 0.01) */
    int self_consistent;            /* passes that rebuild the stopping from the inverted Li:
                                       > 0 that many, 0 none, < 0 (default,
                                       IL_NDP_SELF_CONSISTENT_AUTO) until the inventories change
                                       by less than 0.1 of their counting sigma (at most 10) */
    int spill;                      /* 1 (default): estimate the resolution spill across layer
                                       breaks (li_atoms_cm2_spill) */
    int nonneg;                     /* Tikhonov: 1 (default) concentrations >= 0 (active-set
                                       NNLS), 0 the unconstrained linear estimate */
    int mlem_layers;                /* MLEM: 1 (default) start from the per-layer ML amounts so
                                       early stopping keeps to the layers; 0 flat start */
    int mlem_uncertainty;           /* MLEM counting sigma: IL_NDP_MLEM_SIGMA_FAST (default) or
                                       IL_NDP_MLEM_SIGMA_RESAMPLE (see il_ndp_mlem_sigma) */
} il_ndp_invert_options;

/* How an MLEM profile's counting sigma was found (il_ndp_profile.mlem_sigma). FAST picks FISHER
 * when the estimate is the layer-wise start (no bin iterations), else FIXED. */
typedef enum {
    IL_NDP_MLEM_SIGMA_FAST = 0,     /* option: FISHER or FIXED, whichever applies */
    IL_NDP_MLEM_SIGMA_RESAMPLE = 1, /* option and result: `resample` Poisson replicas, each
                                       solved from scratch with the stopping rule (slow) */
    IL_NDP_MLEM_SIGMA_FISHER = 2,   /* result: inverse Fisher information of the layer amounts */
    IL_NDP_MLEM_SIGMA_FIXED = 3     /* result: `resample` replicas each run the estimate's own
                                       number of iterations (the estimator at that iteration;
                                       relative precision of a sigma 1/sqrt(2 (resample - 1))) */
} il_ndp_mlem_sigma;

IL_API void il_ndp_invert_options_default(il_ndp_invert_options *o);

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
    double *li_atoms_cm2_sys;       /* systematic: the four parts below in quadrature */
    /* The parts of each inventory's uncertainty, each a standard deviation (atoms/cm2):
     * spill: the depth resolution smears Li across a layer break; within +-w (FWHM at the
     *   break) of it the data cannot say on which side Li is: half the excess Li found there
     *   over the two layers' levels (0 without a step feature);
     * stop, dens, geom: stopping per atom, layer density and exit path (they all enter as the
     *   energy loss per nm: one re-inversion of the fitted spectrum with it scaled by 1 +- r
     *   gives the slope, each part is its relative sigma times it; all layers together);
     * cal: fluence x solid angle calibration and the 6Li cross section, relative;
     * total: counting, regularisation, spill and systematic in quadrature; nonsys: the first
     *   three only (what synthetic data made with the analysis' own stopping can test). */
    double *li_atoms_cm2_spill, *li_atoms_cm2_stop, *li_atoms_cm2_dens, *li_atoms_cm2_geom,
        *li_atoms_cm2_cal, *li_atoms_cm2_total, *li_atoms_cm2_nonsys;
    int passes;              /* self-consistent passes done (0: the given stopping) */
    int passes_converged;    /* 1: the last pass changed no inventory by > 0.1 sigma */
    double *fitted;          /* n_channels: the model for the result */
    size_t n_channels;
    double lambda;
    double chi2;
    int iterations;
    /* Tikhonov: linear functionals of the profile (first the n_layers inventories, then any
     * registered with il_ndp_inverter_add_functional): value, counting sigma, smoothing bias. */
    size_t n_func;
    double *func, *func_sigma, *func_bias;
    int mlem_stop;           /* MLEM: why the iterations stopped (il_linv_mlem_stop); else 0 */
    int mlem_sigma;          /* MLEM: how the counting sigma was found (il_ndp_mlem_sigma) */
} il_ndp_profile;

IL_API void il_ndp_profile_free(il_ndp_profile *p);

/* Inverts one spectrum (counts per channel, n_channels of the model's instrument) into the
 * depth profile of element Z on the model's slices. Contributions of other elements and the
 * background model are subtracted as known. Per-layer inventories get both uncertainties. */
IL_API il_status il_ndp_invert(const il_ndp_model *m, const il_stack *stack, const double *counts,
                               const il_ndp_invert_options *opt, il_ndp_profile **out,
                               il_error *err);

/* A prepared inverter for many spectra of one stack and instrument (operando): the response and
 * its decomposition are computed once, with the variances of the reference spectrum. */
typedef struct il_ndp_inverter il_ndp_inverter;
IL_API il_status il_ndp_inverter_new(const il_ndp_model *m, const double *reference_counts,
                                     const il_ndp_invert_options *opt, il_ndp_inverter **out,
                                     il_error *err);
IL_API void il_ndp_inverter_free(il_ndp_inverter *v);
/* Thread-safe: several threads may call it on one inverter. */
IL_API il_status il_ndp_inverter_run(const il_ndp_inverter *v, const double *counts,
                                     il_ndp_profile **out, il_error *err);

/* Registers sum_j a[j] * conc[j] (a: n_slices weights per atom/cm3) to be evaluated with every
 * run (value, sigma, bias in il_ndp_profile func arrays at *index). Tikhonov only; call before
 * sharing the inverter between threads. */
IL_API il_status il_ndp_inverter_add_functional(il_ndp_inverter *v, const double *a, size_t *index,
                                                il_error *err);

/* From now on solve with this fixed Tikhonov lambda (e.g. the one chosen on the reference, so
 * that every spectrum of a series has the same depth resolution and differences mean something).
 * Not thread-safe: call before sharing the inverter. */
IL_API void il_ndp_inverter_fix_lambda(il_ndp_inverter *v, double lambda);

/* Regularisation bias estimate of sum_j a[j] * conc[j] for a profile made by this inverter from
 * `counts` (Tikhonov only). */
IL_API il_status il_ndp_inverter_functional_bias(const il_ndp_inverter *v, const il_ndp_profile *p,
                                                 const double *counts, const double *a,
                                                 double *bias, il_error *err);

/* Standard deviation of sum_j a[j] * conc[j] for a profile made by this inverter (Tikhonov:
 * exact propagation at the profile's lambda through the unconstrained linear estimator; for the
 * non-negative solution register the functional with il_ndp_inverter_add_functional instead,
 * which gives its free-set sigma; MLEM: not available, IL_ERR_INVALID). */
IL_API il_status il_ndp_inverter_functional_sigma(const il_ndp_inverter *v, const il_ndp_profile *p,
                                                  const double *a, double *sigma, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
