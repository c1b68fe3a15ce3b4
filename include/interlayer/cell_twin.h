/* The digital twin of an operando NDP experiment (experiment layer): the saved states of a
 * cell run (cell.h) seen by an NDP instrument, acquisition by acquisition. Spectrum k is
 * acquired from saved state k to state k + 1 (the run saves every live time); its expected
 * counts are the mean of the two states' expected spectra (the counts integrate over the
 * acquisition; the trapezoid rule holds while the Li moves little within one), then Poisson
 * sampled. The reference is the first state (the pristine cell) over one live time. Writing
 * the spectra, their index and the cycler record is io's (cell_io.h). */
#ifndef INTERLAYER_CELL_TWIN_H
#define INTERLAYER_CELL_TWIN_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/cell.h"
#include "interlayer/error.h"
#include "interlayer/ndp.h"
#include "interlayer/refl_layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint64_t seed;   /* Poisson seed of the first spectrum (spectrum k uses seed + k) */
    int poisson;     /* 1 (default): sampled counts; 0: expected counts */
    void (*progress)(void *user, size_t done, size_t total);
    void *progress_user;
} il_cell_twin_options;
IL_API void il_cell_twin_options_default(il_cell_twin_options *o);

typedef struct {
    size_t n_spectra, n_channels;
    double *start_s;    /* n_spectra: acquisition start, on the run's clock */
    double *live_s;     /* n_spectra */
    double *counts;     /* n_spectra x n_channels */
    double *reference;  /* n_channels: the pristine state over one live time */
    double reference_live_s;
} il_cell_twin;

/* Needs at least two saved states. The instrument's live time is each acquisition's; the
 * states should be saved that often (a different spacing is taken as it is: each acquisition
 * then lasts from one state to the next). */
IL_API il_status il_cell_twin_run(const il_cell_result *r, const il_ndp_instrument *ins,
                                  const il_cell_twin_options *o, il_cell_twin **out,
                                  il_error *err);
IL_API void il_cell_twin_free(il_cell_twin *t);

/* ---- reflectometry of a saved state ----
 * The state's stack as the reflectometry probe sees it: its SLD profile (il_refl_stack_profile:
 * compositions, Li profiles, erf interfaces) cut into slices of slice_nm from the surface to
 * the substrate, vacuum in front, the substrate behind; R(Q) on n_q points from q_min to q_max,
 * smeared with a Gaussian of constant dQ/Q (1 sigma; a fixed 257-point rule, since the fringes
 * of a um-thick cell are far finer than the resolution). */
typedef struct {
    il_refl_probe probe;      /* default neutrons, 1.798 A */
    double q_min_invA, q_max_invA; /* default 0.005 .. 0.15 */
    size_t n_q;               /* default 200 */
    double dq_over_q;         /* default 0.03 */
    double slice_nm;          /* default 2 */
    /* Counting statistics (il_cell_twin_refl_sample; the written .ort series): the beam on the
     * sample gives incident_cps counts/s at q_ref_invA and scales as (Q / q_ref)^2 (slits
     * opened with the angle at a constant footprint and dtheta/theta, the usual angle-
     * dispersive scan); each Q point is counted time_per_point_s; background_R is a flat
     * background in reflectivity units (sample and detector), subtracted again after the
     * Poisson draw. incident_cps <= 0: no noise, dR written as 0.
     * Defaults: 1e5 counts/s at 0.1 1/A, 10 s a point, 1e-7 (order of a reactor
     * reflectometer's high-angle flux and floor; a stated model, not a given instrument). */
    double incident_cps;
    double q_ref_invA;
    double time_per_point_s;
    double background_R;
    uint64_t seed;            /* state k uses seed + k (default 1) */
} il_cell_twin_refl_options;
IL_API void il_cell_twin_refl_options_default(il_cell_twin_refl_options *o);
/* q_invA and R (n_q each, caller's) for saved state k. */
IL_API il_status il_cell_twin_reflectivity(const il_cell_result *r, size_t k,
                                           const il_cell_twin_refl_options *o, double *q_invA,
                                           double *R, il_error *err);
/* R measured: the expected R (n values at q_invA) counted as the options say, Poisson sampled
 * with `seed`, background subtracted: R_meas = N / (I0 t) - bkg, dR = sqrt(max(N, 1)) / (I0 t)
 * (R_out and dR_out: n values, caller's). IL_ERR_INVALID without a positive incident_cps,
 * q_ref_invA and time_per_point_s. */
IL_API il_status il_cell_twin_refl_sample(const double *q_invA, const double *R, size_t n,
                                          const il_cell_twin_refl_options *o, uint64_t seed,
                                          double *R_out, double *dR_out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
