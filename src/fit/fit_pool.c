/* Per-thread evaluation for the population engines, and the result's lifetime. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_pool.h"

#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef IL_HAVE_MPI
#include <mpi.h>
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

il_status il_fit_pool_init(il_fit_pool *pool, const il_fit_problem *pb, int threads, void *comm,
                           il_error *err)
{
    int n = il_fit_threads(threads);
    pool->pb = pb;
    pool->n = 0;
    pool->comm = NULL;
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
    pool->comm = comm;
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

/* Rows [lo, hi) on this process's threads. */
static void eval_block(const il_fit_pool *pool, il_fit_point_fn fn, const double *x, size_t lo,
                       size_t hi, double *out)
{
    size_t m = pool->pb->n_params;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic) num_threads(pool->n)
#endif
    for (long i = (long)lo; i < (long)hi; i++) {
#ifdef _OPENMP
        int t = omp_get_thread_num();
#else
        int t = 0;
#endif
        out[i] = fn(pool, t, x + (size_t)i * m);
    }
}

#ifdef IL_HAVE_MPI
/* The block of rows of each rank and the exchange; 0 when done, -1 to evaluate locally (one
 * rank, or a count that does not fit an int). */
static int eval_mpi(const il_fit_pool *pool, il_fit_point_fn fn, const double *x, size_t n,
                    double *out)
{
    MPI_Comm comm = *(MPI_Comm *)pool->comm;
    int size = 1, rank = 0;
    MPI_Comm_size(comm, &size);
    MPI_Comm_rank(comm, &rank);
    if (size <= 1 || n > (size_t)(1 << 30))
        return -1;
    int *counts = malloc((size_t)size * sizeof *counts), *displs = malloc((size_t)size * sizeof *displs);
    if (!counts || !displs) {
        free(counts);
        free(displs);
        return -1;
    }
    for (int r = 0; r < size; r++) {
        size_t lo = n * (size_t)r / (size_t)size, hi = n * (size_t)(r + 1) / (size_t)size;
        displs[r] = (int)lo;
        counts[r] = (int)(hi - lo);
    }
    eval_block(pool, fn, x, (size_t)displs[rank], (size_t)(displs[rank] + counts[rank]), out);
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, out, counts, displs, MPI_DOUBLE, comm);
    free(counts);
    free(displs);
    return 0;
}
#endif

void il_fit_eval_rows(const il_fit_pool *pool, il_fit_point_fn fn, const double *x, size_t n,
                      double *out)
{
#ifdef IL_HAVE_MPI
    if (pool->comm && eval_mpi(pool, fn, x, n, out) == 0)
        return;
#endif
    eval_block(pool, fn, x, 0, n, out);
}

int il_fit_mpi_enabled(void)
{
#ifdef IL_HAVE_MPI
    return 1;
#else
    return 0;
#endif
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
