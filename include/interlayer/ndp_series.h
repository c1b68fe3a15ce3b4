/* NDP over time: the cycler record a series is compared with (its charge and voltage), the Li
 * that charge represents (Faraday), detection of an interlayer that grows, and the inversion of a
 * whole series of spectra against a reference. Reading the cycler file is io's (ndp_io.h); the
 * operando experiment that assembles a series from files is in operando.h. */
#ifndef INTERLAYER_NDP_SERIES_H
#define INTERLAYER_NDP_SERIES_H
#include "interlayer/export.h"
#include "interlayer/constants.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_model.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Elementary charge (C), exact in SI 2019; 1 uAh = 3.6e-3 C. */

/* Li atoms/cm2 <-> the charge they carry, as uAh/cm2 (one electron per Li). */
IL_API double il_ndp_li_atoms_to_uAh(double atoms_cm2);
IL_API double il_ndp_uAh_to_li_atoms(double uAh_cm2);

/* ---- cycler record ------------------------------------------------------------------------ */

/* A cycler record (read by il_ndp_cycler_load in ndp_io.h): columns `Test Time / s`, `Voltage / V`, `Current / A` of the Battery Data
 * Format (other columns are ignored; comma, semicolon or tab separated; times non-decreasing).
 * Current > 0 charges the cell (Li leaves the cathode). */
typedef struct {
    size_t n;
    double *time_s;
    double *voltage_V;
    double *current_A;
} il_ndp_cycler;

/* Frees a record made by the readers. Safe on NULL. */
IL_API void il_ndp_cycler_free(il_ndp_cycler *c);

/* Charge passed from t0 to t1 (s), trapezoidal rule on the current (times outside the record
 * count as zero current), in C. */
IL_API double il_ndp_cycler_charge_C(const il_ndp_cycler *c, double t0_s, double t1_s);
/* Voltage at time t (linear interpolation; the end values outside the record). */
IL_API double il_ndp_cycler_voltage_V(const il_ndp_cycler *c, double t_s);

/* Faraday balance: the Li a charge should have moved, against the Li NDP saw leave. */
typedef struct {
    double charge_C;                 /* from the cycler */
    double li_expected_atoms_cm2;    /* charge / (e * area) */
    double li_expected_uAh_cm2;
    double li_measured_atoms_cm2;    /* Li lost from the cathode according to NDP */
    double li_measured_sigma_atoms_cm2;
    double ratio;                    /* measured / expected (NaN without charge) */
} il_ndp_faraday;

IL_API il_status il_ndp_faraday_balance(double charge_C, double area_cm2, double li_lost_atoms_cm2,
                                        double li_lost_sigma_atoms_cm2, il_ndp_faraday *out,
                                        il_error *err);

/* ---- growing interlayer --------------------------------------------------------------------- */

/* Given the extra amount at one interface (e.g. Li atoms/cm2 above the reference in a window
 * around it) and its standard deviation for a time-ordered series of n spectra: the index of
 * the first spectrum from which the amount exceeds nsigma * sigma in `consecutive` consecutive
 * spectra, or n when it never does. */
IL_API size_t il_ndp_growth_first(const double *amount, const double *sigma, size_t n,
                                  double nsigma, int consecutive);

/* ---- a series of spectra -------------------------------------------------------------------- */

/* Progress: `done` of `total` spectra finished. Called from the worker threads one at a time. */
typedef void (*il_ndp_progress_fn)(void *user, size_t done, size_t total);

typedef struct {
    size_t n;                       /* spectra, in time order */
    const double *const *counts;    /* n arrays of the model's n_channels */
    const double *time_s;           /* start of each acquisition (s, same clock as the cycler) */
    const double *live_s;           /* live time of each (NULL: the instrument's) */
    const double *reference;        /* pristine reference spectrum (NULL: the first one) */
    double reference_time_s;        /* when the reference was taken (end of it) */
    double reference_live_s;        /* its live time (0: the instrument's) */
    const il_ndp_cycler *cycler;    /* may be NULL; must cover every spectrum's middle
                                     * time and hold |I| <= 1 A/cm2 of area_cm2 (else
                                     * IL_ERR_INVALID / IL_ERR_RANGE) */
    double area_cm2;                /* cell area, for the Faraday balance */
    size_t cathode_layer;           /* layer whose Li loss is compared with the charge */
    double window_nm;               /* half width of the window around each interface: > 0 that
                                       many nm; 0 (default) the depth resolution (FWHM, best Li
                                       particle) at that interface */
    double nsigma;                  /* growth threshold in standard deviations (3) */
    int consecutive;                /* ... over this many consecutive spectra (2) */
    double min_fraction;            /* ... and above this fraction of the Li change of the two
                                       layers meeting there (default 0: off). A large change
                                       next to an interface can leave resolution and stopping
                                       artifacts of ~2 % of it there; 0.02 ignores those, at the
                                       price of seeing a small real interlayer later */
    il_ndp_invert_options invert;   /* method etc. (Tikhonov recommended: linear, fast) */
    const il_stack *stack;          /* the stack the model was built from; needed when */
    int self_consistent;            /* > 0: each spectrum is inverted again with the stopping
                                       of its own inverted Li (a model per spectrum: slower) */
    il_ndp_progress_fn progress;
    void *progress_user;
    void *mpi_comm;                 /* an MPI_Comm * (built with MPI): the spectra are dealt to
                                       its ranks round robin and every rank ends with the whole
                                       result (the same as one process); NULL (default): none */
} il_ndp_series_input;

IL_API void il_ndp_series_input_default(il_ndp_series_input *in);

typedef struct {
    size_t n, n_bins, n_layers, n_channels, n_interfaces;
    il_ndp_profile *reference;      /* profile of the reference */
    il_ndp_profile **profile;       /* n profiles */
    double *mid_time_s;             /* n: middle of each acquisition */
    double *delta_conc;             /* [i * n_bins + j]: profile - reference, atoms/cm3 */
    double *delta_counts;           /* [i * n_channels + c]: live-time normalised difference */
    double *inventory;              /* [i * n_layers + l], atoms/cm2 */
    double *inventory_sigma;        /* its non-systematic sigma: counting, regularisation and
                                       resolution spill (every part, the systematic ones
                                       included, is in the profile: il_ndp_profile) */
    double *moved;                  /* [i * n_layers + l]: Li gained since the reference */
    double *moved_sigma;            /* non-systematic sigma of both inventories in quadrature */
    double *moved_sys;              /* its systematic part: a stopping/density/path error
                                       shifts both inventories alike, so only the difference of
                                       their shifts counts, plus the calibration's share of the
                                       change itself: far below that of the absolute amounts */
    double *voltage_V;              /* n (NaN without cycler) */
    il_ndp_faraday *faraday;        /* n */
    double *interface_nm;           /* n_interfaces: depth of each layer interface */
    double *excess;                 /* [k * n + i]: Li above the adjacent layers' mean change
                                       within +-window of interface k, atoms/cm2 */
    double *excess_sigma;           /* counting and smoothing bias of both spectra, and the
                                       spill correction's own uncertainty */
    double *window_nm;              /* per interface: the half width used */
    double *recovered;              /* per interface: share of a thin interlayer's Li (10 nm at
                                       the top of the lower layer, or at the bottom of the upper,
                                       mean of the two) that the window finds after inversion;
                                       excess and sigma are divided by it (spill correction) */
    double *recovered_spread;       /* per interface: |lower - upper side| / 2 of that share */
    size_t *first;                  /* per interface: first spectrum of a growth, n if none */
    double *growth_depth_nm;        /* per interface: centroid of the excess at the last one */
} il_ndp_series;

IL_API void il_ndp_series_free(il_ndp_series *s);

/* Inverts every spectrum (OpenMP over spectra; one prepared inverter shared read-only), forms the
 * differences against the reference, inventories against time, the Faraday balance and the
 * interface growth detection. */
IL_API il_status il_ndp_series_run(const il_ndp_model *m, const il_ndp_series_input *in,
                                   il_ndp_series **out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
