/* The reduction file of an NDP measurement (YAML) and the reduced spectrum's files.
 *
 *   sample:
 *     spectrum: sample.csv          # any format il_spectrum_load reads; relative to this file
 *     monitor: 4.0e6                # monitor counts, or a monitor spectrum and its peak window:
 *     # monitor_spectrum: sample_monitor.csv
 *     # monitor_window: [120, 180]  # channels, inclusive
 *     # monitor_sigma: 2000         # default: Poisson, sqrt(monitor)
 *     # live_time_s: 3600           # replaces the file's (say so when the file has none)
 *     # real_time_s: 4000
 *     li_window_keV: [2350, 2900]   # optional: one 6Li product, for the 6Li areal density
 *   background:                     # optional: the blank
 *     spectrum: blank.csv
 *     monitor: 3.7e6
 *   reference:                      # a 10B implant of certified areal density
 *     spectrum: srm2137.csv
 *     monitor: 5.3e6
 *     areal_density_atoms_cm2: 1.018e15        # NIST SRM 2137 certificate
 *     areal_density_sigma_atoms_cm2: 1.75e13   # standard (k = 1) uncertainty
 *     window_keV: [1300, 1900]      # or window_ch: [lo, hi]; the 10B(n,a) alphas
 *     particles_per_capture: 1      # 2 when the 7Li recoils are in the window too
 *
 * Windows in keV use the spectrum's own energy calibration. Errors: file:line:column. */
#ifndef INTERLAYER_NDP_REDUCE_IO_H
#define INTERLAYER_NDP_REDUCE_IO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/ndp_reduce.h"
#include "interlayer/spectrum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A reduction file read, with its spectra loaded: ready for il_ndp_reduce. */
typedef struct {
    il_ndp_run run[3];       /* sample, background, reference */
    int have_background;
    il_ndp_reduce_options options;
    il_spectrum *spectrum[3];   /* owned; NULL when not loaded (or no background) */
    char path[3][1024];         /* the spectra as resolved against the file's directory */
    char monitor_path[3][1024]; /* "" when the monitor is a number */
    size_t monitor_window[3][2];
} il_ndp_reduction_plan;

/* Reads and checks a reduction file, then loads its spectra (paths relative to the file). */
IL_API il_status il_ndp_reduction_plan_load(const char *path, il_ndp_reduction_plan **out,
                                            il_error *err);
/* The same from text; `base_dir` is where relative paths start, NULL: check the text only and
 * load no files (windows in keV are then left unresolved). */
IL_API il_status il_ndp_reduction_plan_parse(const char *text, size_t len, const char *name,
                                             const char *base_dir, il_ndp_reduction_plan **out,
                                             il_error *err);
IL_API void il_ndp_reduction_plan_free(il_ndp_reduction_plan *p);

/* The reduced spectrum as a CSV spectrum `ndp invert` reads (channel,energy_keV,counts; the
 * sample's calibration; live = real = the time the net counts stand for), with the
 * calibration and the steps in "# key: value" comments. The spectrum readers take no negative
 * counts, so net channels below zero are written as 0; *n_clipped and *clipped_counts (either
 * may be NULL) say how many and how much. Written whole or not at all. */
IL_API il_status il_ndp_reduction_write_csv(const char *path, const il_ndp_reduction *r,
                                            const il_spectrum *sample, size_t *n_clipped,
                                            double *clipped_counts, il_error *err);
/* Every step's numbers and the signed net spectrum with its sigma, as a JSON document
 * (free() the text); numbers that are not finite are null. */
IL_API il_status il_ndp_reduction_json(const il_ndp_reduction *r,
                                       const il_ndp_reduction_plan *p, char **text,
                                       il_error *err);

#ifdef __cplusplus
}
#endif
#endif
