/* Files of an operando NDP experiment (operando.h): reading a series of spectra (a folder, or
 * an index CSV with columns `file,time_s[,live_time_s]`) and writing what an analysis found,
 * the files `interlayer ndp operando` writes:
 *   inventories.csv    spectrum,file,time_s,voltage_V, then per layer
 *                      "<layer> li_atoms_per_cm2","<layer> sigma"
 *   faraday.csv        spectrum,time_s,charge_C,li_expected_atoms_per_cm2,
 *                      li_expected_uAh_per_cm2,li_left_cathode_atoms_per_cm2,sigma,ratio
 *   profiles.csv       spectrum,time_s,depth_nm,layer,li_atoms_per_cm3,li_atoms_per_cm3_sigma,
 *                      delta_li_atoms_per_cm3
 *   delta_spectra.csv  channel,energy_keV,spectrum_1..spectrum_n (live-time normalised
 *                      differences against the reference)
 *   summary.json       {stack, n_spectra, lambda, cathode_layer, area_cm2,
 *                       layers: [{name, reference_li_atoms_per_cm2, final_li_atoms_per_cm2,
 *                                 final_li_atoms_per_cm2_sigma}],
 *                       spectra: [{file, time_s, voltage_V, li_atoms_per_cm2 (per layer),
 *                                  li_left_cathode_atoms_per_cm2, li_left_cathode_sigma,
 *                                  charge_C, li_from_charge_atoms_per_cm2, faraday_ratio}],
 *                       interfaces: [{interface, depth_nm, growing_interlayer, first_spectrum
 *                                     (1-based), first_time_s, found_depth_nm,
 *                                     excess_li_atoms_per_cm2 (per spectrum),
 *                                     excess_li_atoms_per_cm2_sigma}]}
 *                      numbers that do not exist (no cycler, no growth) are null
 *   inventories.svg, voltage.svg (with a cycler), delta_li_map.svg (two spectra or more),
 *   spectra.svg (the last spectrum and its model by layer)
 * Times are the middle of each acquisition (s); amounts atoms/cm2, concentrations atoms/cm3.
 * Every file appears whole or not at all (outfile.h). */
#ifndef INTERLAYER_OPERANDO_IO_H
#define INTERLAYER_OPERANDO_IO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/operando.h"
#include "interlayer/spectrum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The spectra of a series as read: frames in the order found (folder order or index rows),
 * each borrowing its counts from the spectrum at the same position. */
typedef struct {
    size_t n;
    il_operando_frame *frames;     /* n; time_s as read (see il_operando_clock) */
    il_spectrum **spectra;         /* n */
    char **paths;                  /* n: the file names the frames point to */
    il_operando_frame reference;   /* counts NULL without a reference */
    il_spectrum *reference_spectrum;
    char *reference_path;
    il_operando_clock clock;       /* INDEX when read through an index */
} il_operando_files;

IL_API void il_operando_files_free(il_operando_files *f);

/* Reads a series. With `index_path` the spectra are the index's rows (relative names are
 * relative to `dir`) on the index's clock; else every spectrum file in `dir` (.spe .chn .n42
 * .xml .csv .tsv, not hidden ones, not the reference) with its own start time, which it must
 * have. `reference_path` may be NULL. A live time the index does not give comes from the file
 * (NaN when the file has none). Errors name the file at fault. */
IL_API il_status il_operando_files_load(const char *dir, const char *index_path,
                                        const char *reference_path, il_operando_files **out,
                                        il_error *err);

/* The index alone: rows of `file,time_s[,live_time_s]` (header line with these names, any
 * column order, '#' comments). Paths not starting with '/' are joined to `dir`. Fills n paths,
 * times and live times (NaN when not given); the caller frees each path and the arrays. */
IL_API il_status il_operando_index_parse(const char *text, size_t len, const char *name,
                                         const char *dir, char ***paths, double **time_s,
                                         double **live_s, size_t *n, il_error *err);
IL_API il_status il_operando_index_load(const char *path, const char *dir, char ***paths,
                                        double **time_s, double **live_s, size_t *n, il_error *err);

/* Each result file alone (layout above). */
IL_API il_status il_operando_write_inventories_csv(const char *path, const il_operando_result *r,
                                                   il_error *err);
IL_API il_status il_operando_write_faraday_csv(const char *path, const il_operando_result *r,
                                               il_error *err);
IL_API il_status il_operando_write_profiles_csv(const char *path, const il_operando_result *r,
                                                il_error *err);
IL_API il_status il_operando_write_delta_spectra_csv(const char *path, const il_operando_result *r,
                                                     il_error *err);
IL_API il_status il_operando_write_summary_json(const char *path, const il_operando_result *r,
                                                il_error *err);
/* The four plots into `dir` (names above; those without data are skipped). */
IL_API il_status il_operando_write_plots(const char *dir, const il_operando_result *r,
                                         il_error *err);

/* All of the above into `dir`, whole or not at all: built in a folder beside it and swapped in
 * at the end, so a failure leaves an existing `dir` untouched. `dir` must be new, empty or an
 * earlier result (only files of the names above); anything else is refused, since the folder
 * is replaced whole. */
IL_API il_status il_operando_write(const char *dir, const il_operando_result *r, il_error *err);
/* Whether il_operando_write may write `dir` (the check it makes first), to ask before a long
 * analysis. */
IL_API il_status il_operando_output_check(const char *dir, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
