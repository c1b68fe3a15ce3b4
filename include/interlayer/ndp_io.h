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
#include "interlayer/ndp_fit.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"
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

/* An instrument as the JSON object the NDP result files embed under "instrument":
 *   {fluence_rate_n_per_cm2_s, live_time_s, neutron_energy_meV, solid_angle_sr,
 *    solid_angle_fraction, geometry ("detector" | "solid_angle"), detector_distance_mm,
 *    detector_area_mm2, detector_angle_deg (detector) | exit_angle_deg (solid_angle), channels,
 *    gain_keV_per_channel, offset_keV, quadratic_keV_per_channel2, fwhm_keV, dead_layer_nm,
 *    gas (null: vacuum), gas_pressure_mbar, foil (null: none), foil_nm}
 * Text as for il_ndp_calibration_json. */
IL_API il_status il_ndp_instrument_json(const il_ndp_instrument *ins, char **text,
                                        il_error *err);

/* An inversion (il_ndp_invert and friends) of a spectrum measured with `ins` through model m,
 * as `interlayer ndp invert --json` prints it:
 *   {method, depth_nm[], bin_width_nm[], li_atoms_per_cm3[], li_atoms_per_cm3_sigma[],
 *    layers: [{name, top_nm, li_atoms_per_cm2, li_atoms_per_cm2_sigma,
 *              li_atoms_per_cm2_regularisation, li_atoms_per_cm2_systematic, li_mol_per_cm2,
 *              li_uAh_per_cm2}],
 *    lambda, chi2, fitted_counts[], instrument {as il_ndp_instrument_json},
 *    interlayer_fit (when fit is not NULL): {depth_nm, depth_nm_sigma, fwhm_nm, fwhm_nm_sigma,
 *                    li_atoms_per_cm2, li_atoms_per_cm2_sigma, chi2_per_dof}}
 * numbers that are not finite are null. Text as for il_ndp_calibration_json. */
IL_API il_status il_ndp_inversion_json(const char *method, const il_ndp_model *m,
                                       const il_ndp_profile *p, const il_ndp_fit *fit,
                                       const il_ndp_instrument *ins, char **text, il_error *err);
IL_API il_status il_ndp_inversion_write_json(const char *path, const char *method,
                                             const il_ndp_model *m, const il_ndp_profile *p,
                                             const il_ndp_fit *fit, const il_ndp_instrument *ins,
                                             il_error *err);
/* The profile as CSV, one row per depth bin:
 *   depth_nm,bin_width_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma */
/* The same for a structure-aware analysis (il_ndp_structure_analyse), with "model_choice": the
 * criterion, the BIC without an interlayer and of every candidate interface, the layer kept. */
IL_API il_status il_ndp_structure_json(const char *method, const il_ndp_structure *a,
                                       const il_ndp_instrument *ins, double bic_margin,
                                       char **text, il_error *err);
IL_API il_status il_ndp_inversion_csv(const il_ndp_model *m, const il_ndp_profile *p,
                                      char **text, il_error *err);
IL_API il_status il_ndp_inversion_write_csv(const char *path, const il_ndp_model *m,
                                            const il_ndp_profile *p, il_error *err);

/* A simulation with what it was made from, as the result files describe it. */
typedef struct {
    const il_stack *stack;
    const il_ndp_model *model;   /* built from stack and instrument */
    const il_ndp_instrument *instrument;
    const il_ndp_sim *sim;
    const double *sampled;       /* Poisson-sampled counts (n_channels), or NULL */
    unsigned long long seed;     /* the seed they were sampled with */
} il_ndp_simulation_record;

/* A simulation as `interlayer ndp simulate --json` prints it:
 *   {stack, energy_keV[], counts[], seed and counts_sampled[] (when sampled), background[],
 *    particles: {<key>: counts[]}, layers: [{name, top_nm, li6_atoms_per_cm2,
 *    li_atoms_per_cm2 (null for the substrate), counts_alpha, counts_triton, counts_total,
 *    counts[]}], instrument {as il_ndp_instrument_json},
 *    depth_resolution: {<key>: {depth_nm[], fwhm_nm[], mean_exit_keV[]}} (200 depths from the
 *    surface to the bottom of the model)}
 * numbers that are not finite are null. Text as for il_ndp_calibration_json. */
IL_API il_status il_ndp_simulation_json(const il_ndp_simulation_record *r, char **text,
                                        il_error *err);
IL_API il_status il_ndp_simulation_write_json(const char *path, const il_ndp_simulation_record *r,
                                              il_error *err);
/* The spectra as CSV, one row per channel:
 *   channel,energy_keV,counts[,counts_sampled],<particle key>...,background */
IL_API il_status il_ndp_simulation_csv(const il_ndp_simulation_record *r, char **text,
                                       il_error *err);
IL_API il_status il_ndp_simulation_write_csv(const char *path, const il_ndp_simulation_record *r,
                                             il_error *err);

#ifdef __cplusplus
}
#endif
#endif
