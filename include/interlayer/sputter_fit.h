/* Deconvolution of a measured sputter depth profile with the MRI resolution function
 * (sputter.h): the true profile c that, convolved, reproduces the measurement within its noise.
 * A linear inverse problem solved by the fit layer's Tikhonov engine (linv.h) with x >= 0
 * (fractions cannot be negative), the regularisation chosen by the discrepancy principle unless
 * given. What it returns is resolved to about Δz / 2 at best: the noise decides how much of the
 * blur can be undone. */
#ifndef INTERLAYER_SPUTTER_FIT_H
#define INTERLAYER_SPUTTER_FIT_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/linv.h"
#include "interlayer/sputter.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    il_linv_lambda_rule rule; /* default IL_LINV_LAMBDA_DISCREPANCY */
    double lambda;            /* used with IL_LINV_LAMBDA_FIXED */
} il_sputter_deconv_options;

IL_API void il_sputter_deconv_options_default(il_sputter_deconv_options *o);

/* measured: n values on a uniform depth grid of spacing dz_nm; sigma: their standard deviations
 * (> 0; NULL: 1 % of the largest value). c: n values out; c_sigma (may be NULL): propagated
 * standard deviations; lambda_used (may be NULL). */
IL_API il_status il_sputter_deconvolve(const il_mri_params *p, double dz_nm,
                                       const double *measured, const double *sigma, size_t n,
                                       const il_sputter_deconv_options *o, double *c,
                                       double *c_sigma, double *lambda_used, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
