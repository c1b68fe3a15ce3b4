/* NDP calibration: energy scale from known edges, intensity from a reference sample. */
#ifndef INTERLAYER_NDP_CALIBRATE_H
#define INTERLAYER_NDP_CALIBRATE_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Energy calibration from two or more known (channel, energy) points, e.g. the alpha and triton
 * surface edges located in a reference spectrum: least squares line (quadratic when `quad` and
 * at least three points). */
IL_API il_status il_ndp_calibrate_energy(const double *channel, const double *energy_keV, size_t n,
                                         int quad, double *offset_keV, double *gain_keV,
                                         double *quadratic_keV, il_error *err);

/* Channel (fractional) of the leading (high-energy) edge in [guess - window, guess + window]:
 * where the counts fall to half of the plateau just below the edge (see ndp_calibrate.c). */
IL_API double il_ndp_find_edge(const double *counts, size_t n, double guess_ch, double window_ch);

/* fluence x solid angle from a reference sample of known areal density: the ratio of
 * measured to simulated counts in [ch_lo, ch_hi] (the model run with the instrument as given).
 * Returns the factor to multiply fluence_rate x solid angle by, and its counting sigma. */
IL_API il_status il_ndp_calibrate_intensity(const il_ndp_model *m, const double *counts,
                                            size_t ch_lo, size_t ch_hi, double *factor,
                                            double *factor_sigma, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
