/* NDP calibration: energy scale from known edges, intensity from a reference sample. */
#ifndef INTERLAYER_NDP_CALIBRATE_H
#define INTERLAYER_NDP_CALIBRATE_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp_model.h"
#include "interlayer/stack.h"

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

/* What il_ndp_calibrate_reference found: the two 6Li edges (alpha first, then triton) as the
 * measured channel and the model energy assigned to it, the energy scale through them, and
 * the fluence x solid angle factor with its counting sigma. */
typedef struct {
    double edge_channel[2];
    double edge_keV[2];
    double offset_keV;
    double gain_keV; /* per channel; the quadratic term is set to 0 */
    double factor;   /* multiply the instrument's fluence_rate x solid angle by this */
    double factor_sigma;
    double fluence_rate_n_cm2_s; /* the instrument's fluence rate times factor */
} il_ndp_reference_calibration;

/* Calibrates an instrument on a measured spectrum (counts[0..n_channels), n_channels equal to
 * ins->channels) of a reference sample of known composition (`reference`, with Li in it).
 * Energy scale: the half-height edge rule (il_ndp_find_edge) is applied to the measured counts
 * and to the model's spectrum of each Li particle, and the model edge's energy is assigned to
 * the measured edge's channel, so a bias of the rule cancels; two rounds, the second starting
 * from the first's scale (ins's offset and gain are the first guess). Intensity: the model
 * under the new scale against the counts above 300 keV (il_ndp_calibrate_intensity).
 * `name` names the spectrum in error messages (NULL allowed). IL_ERR_NUMERIC when the edges are
 * not found near where ins's calibration puts them, and when the result fails its own checks
 * (stated with the numbers in the message): an offset beyond a quarter of the alpha edge's
 * energy (the steps found are not the alpha and triton edges), or a model of the reference
 * that misses the spectrum above 300 keV (chi2 per channel above 10 and more than 30 % of the
 * counts missed: not a spectrum of this reference). */
IL_API il_status il_ndp_calibrate_reference(const il_stack *reference,
                                            const il_ndp_instrument *ins, const double *counts,
                                            size_t n_channels, const char *name,
                                            il_ndp_reference_calibration *out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
