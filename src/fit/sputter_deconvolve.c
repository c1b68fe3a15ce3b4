/* Sputter depth profile deconvolution: the MRI matrix of the probe, inverted by the Tikhonov
 * engine with a non-negativity constraint. No solver code here, only the problem. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/sputter_fit.h"

void il_sputter_deconv_options_default(il_sputter_deconv_options *o)
{
    if (!o)
        return;
    o->rule = IL_LINV_LAMBDA_DISCREPANCY;
    o->lambda = 0;
}

il_status il_sputter_deconvolve(const il_mri_params *p, double dz_nm, const double *measured,
                                const double *sigma, size_t n, const il_sputter_deconv_options *o,
                                double *c, double *c_sigma, double *lambda_used, il_error *err)
{
    if (!measured || !c || n < 2)
        return il_error_set(err, IL_ERR_INVALID, "sputter deconvolution: need at least 2 points");
    il_sputter_deconv_options def;
    if (!o) {
        il_sputter_deconv_options_default(&def);
        o = &def;
    }
    double *R = malloc(n * n * sizeof(double));
    double *var = malloc(n * sizeof(double));
    if (!R || !var) {
        free(R);
        free(var);
        return il_error_set(err, IL_ERR_NOMEM, "sputter deconvolution: out of memory");
    }
    double ymax = 0;
    for (size_t i = 0; i < n; i++)
        ymax = fmax(ymax, fabs(measured[i]));
    il_status st = IL_OK;
    for (size_t i = 0; i < n && !st; i++) {
        double s = sigma ? sigma[i] : 0.01 * ymax;
        if (!(s > 0) || !isfinite(s))
            st = il_error_set(err, IL_ERR_INVALID,
                              "sputter deconvolution: point %zu: sigma %g must be > 0", i + 1, s);
        var[i] = s * s;
    }
    if (!st)
        st = il_mri_matrix(p, dz_nm, n, R, err);
    il_linv_tikhonov *t = NULL;
    if (!st) {
        il_linv_problem prob = {n, n, R, NULL};
        st = il_linv_tikhonov_new(&prob, var, NULL, 0, &t, err);
    }
    if (!st) {
        double lam = o->lambda;
        st = il_linv_tikhonov_solve_nonneg(t, measured, o->rule, &lam, c, c_sigma, NULL, NULL,
                                           NULL, NULL, NULL, err);
        if (!st && lambda_used)
            *lambda_used = lam;
    }
    il_linv_tikhonov_free(t);
    free(R);
    free(var);
    return st;
}
