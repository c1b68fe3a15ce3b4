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

/* ---- IDF (IBA Data Format, http://idf.schemas.itn.pt) and SIMNRA's .xnra --------------------
 *
 * An IDF file holds a sample (layers: areal density in 1e15 at/cm2 and atomic fractions) and
 * spectra (beam, geometry, detector, calibration, technique, data). Read: the sample and the
 * first spectrum, with SIMNRA's layer roughness (layeruniformity, FWHM in 1e15 at/cm2, on layers
 * with simnra:hasroughness) as the layer's rms roughness (FWHM / 2.3548). IDF layers carry no
 * density: a layer gets a nominal 6e22 atoms/cm3 unless the file has interlayer's own extension
 * (interlayer:density, written by il_iba_idf_write), so thicknesses in nm are nominal while
 * everything IBA computes (1e15 at/cm2, fractions) is the file's. Every <spectrum> is read: the
 * first into the struct, the others along `next`. Not read (yet): stopping foils, IDF reaction
 * and cross-section lists (give R33 files), pile-up settings. */
typedef struct il_iba_idf {
    il_stack *stack;
    il_iba_options options;  /* beam, geometry, detector, calibration; no sigma tables or foil */
    double *data;            /* measured counts of channels 0..n_data-1 (NULL when none) */
    size_t n_data;
    double *simulated;       /* the file's own simulated total (SIMNRA's), or NULL */
    size_t n_simulated;
    /* The file's next <spectrum> (options, data, simulated; its stack is NULL: the sample is
     * the one above), in file order, or NULL. il_iba_idf_free frees the chain. */
    struct il_iba_idf *next;
} il_iba_idf;

IL_API il_status il_iba_idf_load(const char *path, il_iba_idf **out, il_error *err);
/* The same from memory; `name` names the text in errors (name:line). */
IL_API il_status il_iba_idf_parse(const char *text, size_t len, const char *name,
                                  il_iba_idf **out, il_error *err);
IL_API void il_iba_idf_free(il_iba_idf *d);

/* Writes `stack`, `o` and (may be NULL) the measured `data` and a simulated or fitted spectrum
 * `sim` as an IDF/.xnra file that reads back to the same stack and options (interlayer's
 * extensions keep names, densities and the substrate; SIMNRA's keep the roughness). */
IL_API il_status il_iba_idf_text(const il_stack *stack, const il_iba_options *o,
                                 const double *data, size_t n_data, const il_iba_spectrum *sim,
                                 char **text, il_error *err);
IL_API il_status il_iba_idf_write(const char *path, const il_stack *stack, const il_iba_options *o,
                                  const double *data, size_t n_data, const il_iba_spectrum *sim,
                                  il_error *err);

/* Distinct elements (Z, ascending) that put counts into spectrum s; returns how many (<= max). */
IL_API size_t il_iba_spectrum_elements(const il_iba_spectrum *s, int *Z, size_t max);

#ifdef __cplusplus
}
#endif
#endif
