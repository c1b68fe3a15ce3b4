/* Files of ion-beam analysis: the result of a fit (iba_fit.h) as JSON and CSV, the documents
 * `interlayer iba fit` writes, so a library user gets the same schema
 * (docs/schema/iba-fit.schema.json). */
#ifndef INTERLAYER_IBA_IO_H
#define INTERLAYER_IBA_IO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/iba_fit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The fit as JSON: engine, parameters (name, start, value, sigma), correlations, chi2 (total,
 * per spectrum, dof), the fitted stack as text, and per spectrum its channels with energy,
 * data, fit and each element's part. `data` are the spectra that were fitted. *text: free(). */
IL_API il_status il_iba_fit_json(const il_iba_fit_result *r, const il_iba_fit_spectrum *data,
                                 size_t n, char **text, il_error *err);
IL_API il_status il_iba_fit_write_json(const char *path, const il_iba_fit_result *r,
                                       const il_iba_fit_spectrum *data, size_t n, il_error *err);
/* The fitted spectra as CSV: spectrum, channel, energy_keV, data, fit, then one column per
 * element (its symbol; the union over the spectra, 0 where a spectrum has none). */
IL_API il_status il_iba_fit_csv(const il_iba_fit_result *r, const il_iba_fit_spectrum *data,
                                size_t n, char **text, il_error *err);
IL_API il_status il_iba_fit_write_csv(const char *path, const il_iba_fit_result *r,
                                      const il_iba_fit_spectrum *data, size_t n, il_error *err);

/* Distinct elements (Z, ascending) that put counts into spectrum s; returns how many (<= max). */
IL_API size_t il_iba_spectrum_elements(const il_iba_spectrum *s, int *Z, size_t max);

#ifdef __cplusplus
}
#endif
#endif
