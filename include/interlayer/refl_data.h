/* Reflectivity data: ORSO .ort files (YAML header, several datasets per file) and plain text
 * with 2, 3 or 4 columns (Q, R, dR, dQ). Q in 1/Å (ORSO files in 1/nm are converted). */
#ifndef INTERLAYER_REFL_DATA_H
#define INTERLAYER_REFL_DATA_H
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/refl.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char name[128];       /* ORSO data_set, else the file name (with ":N" for the N-th block) */
    size_t n;
    double *q_invA;
    double *r;
    double *dr;           /* NULL when the data have no uncertainty column */
    double *dq;           /* NULL when the data have no resolution column */
    il_refl_dq_kind dq_kind; /* ORSO: value_is sigma (default) or FWHM; text: as asked */
    char probe[16];       /* "neutron", "x-ray" or "" when unknown */
    double wavelength_A;  /* from the ORSO header when given (a single value), else 0 */
} il_refl_dataset;

typedef struct il_refl_data il_refl_data;

/* Options for plain text files, which cannot say what their 4th column means. */
typedef struct {
    il_refl_dq_kind dq_kind; /* default IL_REFL_DQ_SIGMA */
} il_refl_read_opts;

/* Reads a file: ORSO when its first line starts with "# # ORSO", plain columns otherwise.
 * opts may be NULL. Errors carry file:line[:column] and say what was expected. */
il_status il_refl_data_read(const char *path, const il_refl_read_opts *opts, il_refl_data **out,
                            il_error *err);
/* The same from text in memory; `label` names it in errors. */
il_status il_refl_data_read_text(const char *text, size_t len, const char *label,
                                 const il_refl_read_opts *opts, il_refl_data **out, il_error *err);

size_t il_refl_data_count(const il_refl_data *d);
const il_refl_dataset *il_refl_data_get(const il_refl_data *d, size_t i);
void il_refl_data_free(il_refl_data *d);

/* Writes datasets as one ORSO .ort file (Qz in 1/Å, R, sR, sQz as 1σ when present; a dataset
 * without dR gets sR = 0 because ORSO requires the column), whole or not at all. `comment`
 * (may be NULL) goes into the header as reduction.comment. */
il_status il_refl_data_write_ort(const char *path, const il_refl_dataset *sets, size_t n,
                                 const char *comment, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
