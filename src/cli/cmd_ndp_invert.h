/* What `interlayer ndp invert` prints: its verb (cmd_ndp_invert.c) parses and inverts, these
 * (cmd_ndp_invert_print.c) emit. */
#ifndef CLI_NDP_INVERT_H
#define CLI_NDP_INVERT_H
#include <stdio.h>

#include "cli/cmd_ndp_common.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_fit.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_model.h"
#include "interlayer/spectrum.h"
#include "interlayer/stack.h"

/* An inversion whose chi2 per channel exceeds this is no description of the spectrum: counting
 * noise gives ~1 (the test suite's and demos' inversions 0.3..0.8), a wrong stack 770, a
 * spectrum shifted by 100 channels far more, and the L-curve's lambda on the default cell 244
 * (it smooths the profile far beyond what the counts allow). `ndp invert` warns and exits 3,
 * `ndp invert --batch` says so in the summary's error column. */
#define CLI_NDP_MAX_CHI2_PER_CHANNEL 10.0

/* A measured spectrum with its instrument, stack and model. */
typedef struct {
    il_ndp_instrument ins;
    il_spectrum *sp;
    il_stack *s;
    il_ndp_model *m;
} cli_ndp_measurement;

/* The classic energy-to-depth conversion of each Li particle, as text, CSV or JSON (exit code). */
int cli_ndp_invert_classic(FILE *fp, const cli_ndp_measurement *me, int json, int csv);

/* A profile (and an interlayer fit, or NULL) as JSON on stdout (exit code), CSV, or text. */
int cli_ndp_invert_json(FILE *fp, const char *method, const cli_ndp_measurement *me,
                        const il_ndp_profile *p, const il_ndp_fit *fit);
int cli_ndp_invert_csv(FILE *fp, const cli_ndp_measurement *me, const il_ndp_profile *p);
/* The interlayer fit in words: values, bounds, at-bound flags, chi2/dof and BIC. */
void cli_ndp_fit_text(FILE *fp, const cli_ndp_measurement *me, const il_ndp_fit *fit);
/* truth (may be NULL): the known Li per layer, printed beside the result with the deviation in
 * units of the non-systematic and of the total sigma. */
void cli_ndp_invert_text(FILE *fp, const char *method, const cli_ndp_measurement *me,
                         const il_ndp_profile *p, const double *truth);
/* The model choice of a structure analysis and the interlayer kept, in words / as JSON. */
void cli_ndp_structure_text(FILE *fp, const cli_ndp_measurement *me, const il_ndp_structure *an,
                            double bic_margin, const double *truth);
int cli_ndp_structure_json(FILE *fp, const char *method, const cli_ndp_measurement *me,
                           const il_ndp_structure *an, double bic_margin);

/* --batch: every spectrum of a folder or index file inverted on its own with the same stack,
 * instrument options and settings; results in outdir (one JSON per spectrum, summary.csv).
 * comm: an MPI_Comm * to deal the spectra to ranks, or NULL. Returns the exit status. */
int cli_ndp_invert_batch(const cli_ndp_instr_args *instr, const char *stack_arg,
                         const il_ndp_invert_options *o, const char *method, const char *source,
                         const char *outdir, void *comm);

#endif
