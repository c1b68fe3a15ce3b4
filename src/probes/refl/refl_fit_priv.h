/* Internal state of a reflectivity fit, shared by the engines (refl_fit_*.c). */
#ifndef IL_REFL_FIT_PRIV_H
#define IL_REFL_FIT_PRIV_H
#include "interlayer/refl_fit.h"

typedef struct {
    int param, dataset, layer;
    il_refl_quantity q;
} il_refl_binding;

typedef struct {
    char name[128];
    size_t n;
    double *q, *r, *w; /* w = 1/dR */
    double *dq;        /* 1σ, NULL when unsmeared or smeared by dq/Q */
    il_refl_layer_model *layers;
    size_t nl;
    il_refl_probe probe;
    double scale, background;
    il_refl_resolution res; /* points fixed while fitting */
    int smeared;
    int auto_points;        /* choose res.points at the start of each run */
} il_refl_fit_set;

/* Per-thread scratch for one evaluation of all datasets. */
typedef struct {
    il_refl_layer_model *layers; /* room for the largest model */
    il_refl_slab *slabs;
    double *model;               /* room for the largest dataset */
} il_refl_work;

struct il_refl_fit {
    il_refl_fit_set *sets;
    size_t nsets;
    char (*pname)[64];
    double *p, *lo, *hi;
    size_t npar;
    il_refl_binding *b;
    size_t nb;
    size_t ndata;
    il_refl_work main_work;
};

il_status il_refl_work_init(const il_refl_fit *f, il_refl_work *w, il_error *err);
void il_refl_work_free(il_refl_work *w);

/* Residuals (R_model - R)/dR of all datasets at p into resid[ndata]. Reentrant given its own
 * work. quad_err (may be NULL) gets the worst quadrature error estimate. */
il_status il_refl_fit_residuals(const il_refl_fit *f, const double *p, il_refl_work *w,
                                double *resid, double *quad_err, il_error *err);

/* χ² at p with a given work (thread-safe); +inf on failure. */
double il_refl_fit_chi2_w(const il_refl_fit *f, const double *p, il_refl_work *w);

/* A per-point objective evaluated with a thread's own work. */
typedef double (*il_refl_point_fn)(const il_refl_fit *f, const double *p, il_refl_work *w);

/* out[i] = fn(f, row i of x) for n parameter vectors (rows of npar values), spread over nt
 * OpenMP threads, thread t using works[t]. Used by the population engines (DE, MCMC). */
void il_refl_fit_eval_rows(const il_refl_fit *f, il_refl_point_fn fn, const double *x, size_t n,
                           double *out, il_refl_work *works, int nt);

/* Threads a population engine uses: opts->nthreads, or all OpenMP offers (1 without OpenMP). */
int il_refl_fit_threads(const il_refl_fit_opts *o);

/* Covariance-based uncertainties and correlations at p (central-difference Jacobian). */
il_status il_refl_fit_covariance(il_refl_fit *f, const double *p, double *sigma, double *corr,
                                 il_error *err);

il_status il_refl_fit_lm(il_refl_fit *f, const il_refl_fit_opts *o, double *p, int *iters,
                         int *converged, il_error *err);
il_status il_refl_fit_de(il_refl_fit *f, const il_refl_fit_opts *o, double *p, int *gens,
                         int *converged, il_error *err);
il_status il_refl_fit_mcmc(il_refl_fit *f, const il_refl_fit_opts *o, const double *start,
                           const double *sigma, il_refl_fit_result *res, il_error *err);

#endif
