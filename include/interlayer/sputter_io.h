/* The result documents of `interlayer sputter simulate` and `sputter deconvolve` as text (JSON
 * with the schemas docs/schema/sputter-simulate.schema.json and sputter-deconvolve.schema.json,
 * or CSV with one header line), so library users get the files the CLI writes. Depths are the
 * bin centres (i + 1/2) dz_nm. Text is malloc'd: free() it. */
#ifndef INTERLAYER_SPUTTER_IO_H
#define INTERLAYER_SPUTTER_IO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/sputter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A forward sputter profile: for each of nz elements Z[k], the true atomic fraction
 * truth[k * n + i] and the measured one measured[k * n + i] on n depths. */
typedef struct {
    const char *technique; /* "xps", ... */
    il_mri_params mri;
    double dz_nm;
    size_t n;
    const int *Z;
    size_t nz;
    const double *truth;
    const double *measured;
} il_sputter_simulation;

IL_API il_status il_sputter_simulation_json(const il_sputter_simulation *s, char **text,
                                            il_error *err);
/* depth_nm, then <El>_true and <El>_measured per element */
IL_API il_status il_sputter_simulation_csv(const il_sputter_simulation *s, char **text,
                                           il_error *err);

/* A deconvolved profile: measured values and the deconvolution c (with its standard deviation
 * c_sigma, may be NULL) at n depths depth_nm[i]. */
typedef struct {
    il_mri_params mri;
    double regularisation; /* the Tikhonov λ used */
    size_t n;
    const double *depth_nm;
    const double *measured;
    const double *c;
    const double *c_sigma;
} il_sputter_deconvolution;

IL_API il_status il_sputter_deconvolution_json(const il_sputter_deconvolution *d, char **text,
                                               il_error *err);
/* depth_nm, measured, deconvolved, deconvolved_sigma */
IL_API il_status il_sputter_deconvolution_csv(const il_sputter_deconvolution *d, char **text,
                                              il_error *err);

/* A measured profile: two columns, depth (nm, uniformly spaced, increasing) and value, in a
 * text file as il_ndp_points_load reads it. IL_ERR_PARSE naming the file and line when the
 * spacing is not uniform (to 1 %). */
IL_API il_status il_sputter_profile_load(const char *path, double **depth_nm, double **value,
                                         size_t *n, double *dz_nm, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
