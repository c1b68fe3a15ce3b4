/* Reflectivity data: ORSO .ort files (YAML header, several datasets per file) and plain text
 * with 2, 3 or 4 columns (Q, R, dR, dQ). Q in 1/Å (ORSO files in 1/nm are converted). */
#ifndef INTERLAYER_REFL_DATA_H
#define INTERLAYER_REFL_DATA_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/refl.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_refl_data il_refl_data;

/* Options for plain text files, which cannot say what their 4th column means. */
typedef struct {
    il_refl_dq_kind dq_kind; /* default IL_REFL_DQ_SIGMA */
} il_refl_read_opts;

/* Reads a file: ORSO when its first line starts with "# # ORSO", plain columns otherwise.
 * opts may be NULL. Errors carry file:line[:column] and say what was expected. */
IL_API il_status il_refl_data_load(const char *path, const il_refl_read_opts *opts,
                                   il_refl_data **out, il_error *err);
/* The same from text in memory; `label` names it in errors. */
IL_API il_status il_refl_data_parse(const char *text, size_t len, const char *label,
                                    const il_refl_read_opts *opts, il_refl_data **out,
                                    il_error *err);

IL_API size_t il_refl_data_count(const il_refl_data *d);
IL_API const il_refl_dataset *il_refl_data_get(const il_refl_data *d, size_t i);
IL_API void il_refl_data_free(il_refl_data *d);

/* Writes datasets as one ORSO .ort file (Qz in 1/Å, R, sR, sQz as 1σ when present; a dataset
 * without dR gets sR = 0 because ORSO requires the column), whole or not at all. `comment`
 * (may be NULL) goes into the header as reduction.comment. */
IL_API il_status il_refl_data_write_ort(const char *path, const il_refl_dataset *sets, size_t n,
                                        const char *comment, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
