/* Reducing an NDP measurement the way a facility does it, from several runs: the sample, a
 * background (blank) and a reference standard (a 10B implant in Si of certified areal density,
 * e.g. NIST SRM 2137), each with its neutron-monitor count.
 *
 * Steps (each one's numbers are kept in il_ndp_reduction so the user can check them):
 *  1. dead time: a run's counts are scaled by real/live time (the counts a dead-time-free
 *     detector would have seen during the real time, over which the monitor counts);
 *  2. monitor normalisation: counts per monitor count;
 *  3. background: the blank's normalised counts are subtracted from the sample's and from the
 *     reference's, channel by channel; the net sample spectrum is expressed at the sample's
 *     monitor count and real time;
 *  4. calibration: the reference's net 10B(n,a) counts in its window, over (certified areal
 *     density x 10B(n,a) cross section), give the fluence x (solid angle / 4 pi) per monitor
 *     count; times the sample's monitor count it converts the sample's counts into atoms:
 *       N(6Li) = counts / (sigma_6Li(n,t) x F),
 *     i.e. the cross-section ratio sigma_10B / sigma_6Li times the certified density times the
 *     ratio of monitor-normalised counts.
 * Uncertainties (one standard deviation) are carried through every step: Poisson counts of the
 * three spectra, the monitors, the certified areal density and both cross sections. */
#ifndef INTERLAYER_NDP_REDUCE_H
#define INTERLAYER_NDP_REDUCE_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where a run's live or real time came from. */
typedef enum {
    IL_NDP_TIME_FILE = 0, /* the spectrum file */
    IL_NDP_TIME_GIVEN     /* an explicit value (the reduction file), replacing the file's */
} il_ndp_time_source;

/* One run: a detector spectrum (as read by the io layer) and its monitor. */
typedef struct {
    const char *name;             /* "sample", "background", "reference": for messages */
    const char *source;           /* the spectrum's file name, for messages; may be NULL */
    const double *counts;         /* the detector spectrum (not owned) */
    size_t n_channels;
    double file_live_time_s;      /* what the spectrum file says; NaN: it says nothing */
    double file_real_time_s;
    double live_time_s;           /* NaN: take the file's; a value replaces it */
    double real_time_s;           /* NaN: take the file's; a value replaces it */
    double monitor_counts;        /* > 0 */
    double monitor_sigma;         /* NaN: Poisson, sqrt(monitor_counts) */
} il_ndp_run;

/* A run as the reduction used it. */
typedef struct {
    double live_time_s, real_time_s;
    il_ndp_time_source live_source, real_source;
    double dead_time_fraction;    /* 1 - live / real */
    double monitor_counts, monitor_sigma;
    double total_counts;          /* raw counts of the whole spectrum */
} il_ndp_run_used;

/* The reference standard and the cross sections. */
typedef struct {
    double ref_areal_density_atoms_cm2; /* certified 10B areal density, > 0 */
    double ref_areal_density_sigma_atoms_cm2; /* its standard (k = 1) uncertainty, >= 0 */
    size_t ref_window_lo_ch, ref_window_hi_ch; /* channels (inclusive) of the counted 10B(n,a)
                                                  particles in the reference spectrum */
    /* Products counted per capture in the reference window: 1 for the alpha peaks (1472 and
     * 1776 keV, one alpha per capture), 2 when the 7Li recoils are in the window too. */
    double ref_particles_per_capture;
    const char *ref_reaction;     /* id in the reaction table: "10B_na_7Li" */
    const char *li_reaction;      /* "6Li_na_3H" */
    double ref_xs_sigma_b;        /* standard uncertainty of the 10B(n,a) thermal cross section */
    double li_xs_sigma_b;         /* same for 6Li(n,t) */
    /* Optional window (channels, inclusive) of one 6Li product (alpha or triton: one per
     * capture) in the sample spectrum, for the 6Li areal density; hi < lo: none. */
    size_t li_window_lo_ch, li_window_hi_ch;
} il_ndp_reduce_options;

/* SRM 2137's certified value and the reaction ids; windows empty (the caller sets them), one
 * particle per capture, cross-section uncertainties of Mughabghab's Atlas (see ndp_reduce.c). */
IL_API void il_ndp_reduce_options_default(il_ndp_reduce_options *o);

typedef struct {
    size_t n_channels;
    double *counts;   /* net sample spectrum: dead-time corrected, at the sample's monitor */
    double *sigma;    /* its per-channel standard uncertainty */
    double time_s;    /* the time the net spectrum stands for: the sample's real time */
    il_ndp_run_used run[3]; /* sample, background, reference */
    int have_background;
    double monitor_ratio_sample_background;    /* M_sample / M_background */
    double monitor_ratio_reference_background; /* M_reference / M_background */
    double background_counts_subtracted, background_counts_subtracted_sigma; /* from the sample */
    double ref_counts_gross;      /* reference window, raw */
    double ref_counts_net, ref_counts_net_sigma; /* dead-time corrected, background removed */
    double ref_xs_b, ref_xs_sigma_b, li_xs_b, li_xs_sigma_b;
    double fluence_omega_per_monitor_n_cm2, fluence_omega_per_monitor_sigma_n_cm2;
    /* fluence x solid angle / 4 pi of the sample run (neutrons/cm2): counts of one product
     * = atoms/cm2 x cross section x this */
    double fluence_omega_n_cm2, fluence_omega_sigma_n_cm2;
    /* 6Li from the optional window (NaN without one) */
    double li_counts, li_counts_sigma;
    double li6_atoms_cm2, li6_atoms_cm2_sigma;
} il_ndp_reduction;

/* Sum of a monitor spectrum counts[0..n) over channels [lo, hi] (inclusive) and its Poisson
 * sigma. IL_ERR_RANGE when the window is outside the spectrum or holds no counts. */
IL_API il_status il_ndp_monitor_sum(const double *counts, size_t n, size_t lo, size_t hi,
                                    double *sum, double *sigma, il_error *err);

/* Reduces the runs. background may be NULL (no blank: nothing subtracted, say so). All spectra
 * must have the sample's number of channels. A run whose live or real time is neither in its
 * spectrum nor given: IL_ERR_INVALID naming the run and the key that sets it. On success *out
 * holds the result (free with il_ndp_reduction_free). */
IL_API il_status il_ndp_reduce(const il_ndp_run *sample, const il_ndp_run *background,
                               const il_ndp_run *reference, const il_ndp_reduce_options *o,
                               il_ndp_reduction **out, il_error *err);
IL_API void il_ndp_reduction_free(il_ndp_reduction *r);

#ifdef __cplusplus
}
#endif
#endif
