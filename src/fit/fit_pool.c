/* Per-thread evaluation for the population engines, and the result's lifetime. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_pool.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int il_fit_threads(int requested)
{
#ifdef _OPENMP
    return requested > 0 ? requested : omp_get_max_threads();
#else
    (void)requested;
    return 1;
#endif
}

il_status il_fit_pool_init(il_fit_pool *pool, const il_fit_problem *pb, int n, il_error *err)
{
    pool->pb = pb;
    pool->n = 0;
    pool->slot = calloc((size_t)n, sizeof *pool->slot);
    if (!pool->slot)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    /* count slots as they are made, so a failure half-way frees exactly what exists */
    for (int t = 0; t < n; t++) {
        il_fit_slot *s = &pool->slot[t];
        s->resid = malloc((pb->n_residuals ? pb->n_residuals : 1) * sizeof *s->resid);
        if (!s->resid) {
            il_fit_pool_free(pool);
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        }
        pool->n = t + 1;
        if (pb->work_new) {
            il_status st = pb->work_new(pb->ctx, &s->work, err);
            if (st) {
                il_fit_pool_free(pool);
                return st;
            }
        }
    }
    return IL_OK;
}

void il_fit_pool_free(il_fit_pool *pool)
{
    if (pool->slot)
        for (int t = 0; t < pool->n; t++) {
            if (pool->slot[t].work && pool->pb->work_free)
                pool->pb->work_free(pool->pb->ctx, pool->slot[t].work);
            free(pool->slot[t].resid);
        }
    free(pool->slot);
    pool->slot = NULL;
    pool->n = 0;
}

double il_fit_pool_chi2(const il_fit_pool *pool, int t, const double *p)
{
    const il_fit_problem *pb = pool->pb;
    il_fit_slot *s = &pool->slot[t];
    if (pb->residual(pb->ctx, s->work, p, s->resid, NULL))
        return INFINITY;
    double chi2 = 0.0;
    for (size_t i = 0; i < pb->n_residuals; i++)
        chi2 += s->resid[i] * s->resid[i];
    return isfinite(chi2) ? chi2 : INFINITY;
}

void il_fit_eval_rows(const il_fit_pool *pool, il_fit_point_fn fn, const double *x, size_t n,
                      double *out)
{
    size_t m = pool->pb->n_params;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic) num_threads(pool->n)
#endif
    for (long i = 0; i < (long)n; i++) {
#ifdef _OPENMP
        int t = omp_get_thread_num();
#else
        int t = 0;
#endif
        out[i] = fn(pool, t, x + (size_t)i * m);
    }
}

il_status il_fit_result_init(il_fit_result *res, size_t n_params, il_error *err)
{
    memset(res, 0, sizeof *res);
    res->n_params = n_params;
    res->value = malloc((n_params ? n_params : 1) * sizeof *res->value);
    if (!res->value)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    return IL_OK;
}

void il_fit_result_free(il_fit_result *res)
{
    if (!res)
        return;
    free(res->value);
    free(res->covar);
    free(res->sigma);
    free(res->corr);
    free(res->tau);
    free(res->samples);
    memset(res, 0, sizeof *res);
}
