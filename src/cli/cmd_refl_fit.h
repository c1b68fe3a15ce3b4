/* What `interlayer refl fit` emits: its verb (cmd_refl_fit.c) parses, reads and fits, these
 * (cmd_refl_fit_print.c) print and write the results. */
#ifndef CLI_REFL_FIT_H
#define CLI_REFL_FIT_H
#include <stddef.h>

#include "cli/output.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"

/* The parameters with their uncertainties as a table (and, with --json, the whole result with
 * correlations and fitted curves); as text also χ², MCMC diagnostics and strong correlations. */
/* timing: also wall time, time per model evaluation and (MCMC) effective samples per second,
 * which differ from run to run (so not by default). */
int cli_refl_fit_report(const cli_out *out, const il_refl_fit_opts *o, const il_refl_model *m,
                        il_refl_fit *f, const il_refl_fit_result *res,
                        const il_refl_dataset *const *sets, size_t nsets, int timing);
/* --curves: data and fit as CSV (dataset, q, r, dr, r_fit). */
int cli_refl_fit_write_curves(const char *path, il_refl_fit *f, const il_refl_dataset *const *sets,
                              size_t nsets);
/* --plot: R·Q⁴ against Q, the Fresnel decay removed so that the fringes show. */
int cli_refl_fit_plot(const char *path, il_refl_fit *f, const il_refl_dataset *const *sets,
                      size_t nsets);
/* --profile-plot, --profile-csv: SLD profile of the first dataset's model; with MCMC a 16-84 %
 * band from 200 posterior samples. */
int cli_refl_fit_write_profile(const char *plot, const char *csv, il_refl_fit *f,
                               const il_refl_fit_result *res);

/* --batch: the model fitted to each data file of a folder or index file on its own; results in
 * outdir (one JSON per file, summary.csv). comm: an MPI_Comm * to deal the files to ranks, or
 * NULL. Returns the exit code (CLI_EXIT_FAIL when any file failed). */
int cli_refl_fit_batch(const il_refl_model *m, const char *source, const char *outdir,
                       const il_refl_fit_opts *opts, il_refl_dq_kind kind, void *comm);

#endif
