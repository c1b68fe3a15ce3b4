/* The posterior band of a fitted SLD profile: the profiles of evenly spaced MCMC samples, and
 * their 16th and 84th percentiles at each depth (the 1σ band of a Gaussian posterior). */
#include <stdlib.h>

#include "interlayer/refl_fit.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

il_status il_refl_fit_sld_band(il_refl_fit *f, int dataset, const il_refl_fit_result *res,
                               size_t K, const double *z, size_t nz, double *p16, double *p84,
                               il_error *err)
{
    if (!res || !res->samples || res->nsamples == 0 || K == 0)
        return il_error_set(err, IL_ERR_INVALID, "an SLD band needs MCMC samples");
    size_t np = il_refl_fit_nparams(f), stride = res->nsamples / K;
    double *prof = malloc(K * nz * sizeof *prof), *col = malloc(K * sizeof *col);
    il_status st = prof && col ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < K && !st; k++) {
        const il_refl_slab *sl;
        size_t nl;
        st = il_refl_fit_slabs(f, dataset, res->samples + stride * k * np, &sl, &nl, err);
        if (!st)
            st = il_refl_profile(sl, nl, z, nz, prof + k * nz, NULL, err);
    }
    for (size_t i = 0; i < nz && !st; i++) {
        for (size_t k = 0; k < K; k++)
            col[k] = prof[k * nz + i];
        qsort(col, K, sizeof *col, cmp_double);
        p16[i] = col[(size_t)(0.16 * (double)(K - 1))];
        p84[i] = col[(size_t)(0.84 * (double)(K - 1))];
    }
    free(prof);
    free(col);
    return st;
}
