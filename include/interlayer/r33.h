/* R33 cross-section files (IBANDL, SigmaCalc; I.C. Vickridge, DSIR Physical Sciences Report 33,
 * 1991): `Key: value` header lines, then `Data:` rows up to `EndData:`; a file may hold several
 * blocks, each with its own header (keys not repeated carry over from the block before).
 *  - Units: mb (mb/sr) or rr (ratio to Rutherford); Sigfactors and Enfactors multiply the
 *    values (their first number; 0 or absent means 1); Masses, Zeds, Qvalue (first value),
 *    Theta, Reaction and Source are kept in the table's il_sigma_info.
 *  - Data rows: numbers separated by commas and/or blanks. Four columns are E dE sigma dsigma
 *    (the R33 order); two columns E sigma; three E sigma dsigma. A block whose header says
 *    `Columns: E sigma dE dsigma` (or any order of those four names) is read in that order.
 *  - Only energy distributions (`Distribution: Energy`, the default) are read.
 * Errors name file:line:column, the value and what was expected. */
#ifndef INTERLAYER_R33_H
#define INTERLAYER_R33_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/iba_sigma.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_r33 il_r33;

IL_API il_status il_r33_load(const char *path, il_r33 **out, il_error *err);
IL_API il_status il_r33_parse(const char *text, size_t len, const char *name, il_r33 **out,
                              il_error *err);
IL_API void il_r33_free(il_r33 *r);
/* Blocks in file order; the tables belong to the il_r33. */
IL_API size_t il_r33_count(const il_r33 *r);
IL_API const il_sigma_table *il_r33_table(const il_r33 *r, size_t i);

#ifdef __cplusplus
}
#endif
#endif
