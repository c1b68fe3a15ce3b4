/* Reading the files NDP works with: instrument descriptions (YAML), depth profile points and
 * cycler records (CSV). The types they fill are declared by the probe (ndp.h, ndp_series.h);
 * these functions only turn text into them. Errors carry file:line:column. */
#ifndef INTERLAYER_NDP_IO_H
#define INTERLAYER_NDP_IO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_calibrate.h"
#include "interlayer/ndp_series.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads an instrument YAML file over the defaults (keys as the members of il_ndp_instrument;
 * lengths and energies may carry units: "5 cm", "20 keV"). Unknown keys, bad values:
 * file:line:column. */
IL_API il_status il_ndp_instrument_load(const char *path, il_ndp_instrument *ins, il_error *err);
IL_API il_status il_ndp_instrument_parse(const char *text, size_t len, const char *name,
                                         il_ndp_instrument *ins, il_error *err);

/* Reads depth (nm), concentration (atoms/cm3) pairs from a text file (two columns; see src/io/ndp_points_csv.c). The caller
 * frees both arrays. */
IL_API il_status il_ndp_points_load(const char *path, double **depth_nm, double **conc, size_t *n,
                                    il_error *err);


/* A cycler record (il_ndp_cycler, ndp_series.h). Errors name file:line:column (a missing
 * column, a value that is not a number, time going backwards). Free with il_ndp_cycler_free. */
IL_API il_status il_ndp_cycler_load(const char *path, il_ndp_cycler **out, il_error *err);
IL_API il_status il_ndp_cycler_parse(const char *text, size_t len, const char *name,
                                     il_ndp_cycler **out, il_error *err);

/* ---- result files ---------------------------------------------------------------------- */

/* A reference calibration (il_ndp_calibrate_reference) as the JSON document
 * `interlayer ndp calibrate --json` prints:
 *   {offset_keV, gain_keV_per_channel, alpha_edge_channel, alpha_edge_keV,
 *    triton_edge_channel, triton_edge_keV, fluence_solid_angle_factor,
 *    fluence_solid_angle_factor_sigma, calibrated_fluence_rate_n_per_cm2_s}
 * indented by 2, ten significant digits, ending in a newline. _json gives the text (free() it);
 * _write_json writes it to path, whole or not at all. */
IL_API il_status il_ndp_calibration_json(const il_ndp_reference_calibration *c, char **text,
                                         il_error *err);
IL_API il_status il_ndp_calibration_write_json(const char *path,
                                               const il_ndp_reference_calibration *c,
                                               il_error *err);

#ifdef __cplusplus
}
#endif
#endif
