/* Internal: the per-thread workspaces through which the population engines (DE, MCMC) evaluate
 * many parameter vectors at once, and the thread count they use. */
#ifndef IL_FIT_POOL_H
#define IL_FIT_POOL_H
#include "interlayer/fit.h"

typedef struct {
    void *work;    /* from the problem's work_new, or NULL */
    double *resid; /* n_residuals values */
} il_fit_slot;

typedef struct {
    const il_fit_problem *pb;
    il_fit_slot *slot;
    int n;
    void *comm; /* MPI_Comm * to spread rows over ranks (built with MPI), else NULL */
} il_fit_pool;

/* Threads a population engine uses: requested if > 0, else all OpenMP offers (1 without). */
int il_fit_threads(int requested);

/* A slot per thread (il_fit_threads(threads)), each with its own workspace and residual
 * buffer; comm as il_fit_pool.comm (NULL: this process alone). */
il_status il_fit_pool_init(il_fit_pool *pool, const il_fit_problem *pb, int threads, void *comm,
                           il_error *err);
void il_fit_pool_free(il_fit_pool *pool);

/* χ² at p using slot t; +inf when the callback fails or χ² is not finite, so a population engine
 * simply rejects such points. */
double il_fit_pool_chi2(const il_fit_pool *pool, int t, const double *p);

/* A per-point objective evaluated with slot t. */
typedef double (*il_fit_point_fn)(const il_fit_pool *pool, int t, const double *p);

/* out[i] = fn(row i of x) for n rows of n_params values, spread over the pool's slots as
 * OpenMP threads (thread t uses slot t). With pool->comm (a communicator of P > 1 ranks, every
 * rank calling with the same x), rank r evaluates the contiguous block of rows
 * [r n / P, (r + 1) n / P) and all ranks receive every value (MPI_Allgatherv): each value is
 * computed by the same code from the same row wherever it runs, so the result is the same with
 * any number of ranks. */
void il_fit_eval_rows(const il_fit_pool *pool, il_fit_point_fn fn, const double *x, size_t n,
                      double *out);

/* Allocates res->value (n_params) after clearing res. */
il_status il_fit_result_init(il_fit_result *res, size_t n_params, il_error *err);
#endif
