/* NDP parametric fit: layer concentrations plus one interlayer, fitted to a spectrum. */
#ifndef INTERLAYER_NDP_FIT_H
#define INTERLAYER_NDP_FIT_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Li described by a constant concentration in each layer plus one Gaussian-shaped interlayer
 * (centre, FWHM thickness, areal amount). Fitted to the counts with the fit layer's LM (il_fit_lm)
 * (trust region, Levenberg-Marquardt), weights 1/max(counts, 1). */
typedef struct {
    size_t n_layers;
    double *layer_conc;        /* atoms/cm3, in/out (start values) */
    double *layer_conc_sigma;
    int *layer_fixed;          /* 1: keep */
    int interlayer;            /* 1: include the interlayer */
    double il_depth_nm, il_depth_sigma;
    double il_fwhm_nm, il_fwhm_sigma;
    double il_atoms_cm2, il_atoms_cm2_sigma;
    double chi2_per_dof;
    int iterations;
} il_ndp_fit;

IL_API il_status il_ndp_fit_new(const il_ndp_model *m, il_ndp_fit **out, il_error *err);
IL_API void il_ndp_fit_free(il_ndp_fit *f);
IL_API il_status il_ndp_fit_run(const il_ndp_model *m, const double *counts, il_ndp_fit *f,
                                il_error *err);

#ifdef __cplusplus
}
#endif
#endif
