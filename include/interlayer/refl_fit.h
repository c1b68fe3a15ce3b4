/* Fitting slab models to reflectivity data: parameters with bounds, shared between datasets
 * (co-refinement of contrasts, neutrons and X-rays together). The problem is handed to the fit
 * layer's engines (fit.h): Levenberg–Marquardt (GSL), differential evolution (OpenMP over the
 * population) and an affine-invariant ensemble MCMC with convergence diagnostics. χ² uses the
 * data's dR.
 *
 * A model layer has either a fixed SLD or a composition (Z, A, atoms) + density from which the
 * SLD follows for the dataset's probe; composition layers can fit density and 6Li fraction. */
#ifndef INTERLAYER_REFL_FIT_H
#define INTERLAYER_REFL_FIT_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/fit.h"
#include "interlayer/refl.h"
#include "interlayer/refl_layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_refl_fit il_refl_fit;

IL_API il_status il_refl_fit_new(il_refl_fit **out, il_error *err);
IL_API void il_refl_fit_free(il_refl_fit *f);

/* Adds a dataset (copied) with its own model (copied: nlayers >= 2 including fronting and
 * backing), probe, scale, background and resolution (NULL: the data's dq if any, else none).
 * While fitting, the smeared curve comes from a resolution plan (il_refl_smear_plan: one kernel
 * evaluation on a shared Q grid, fixed weights) made at the start of il_refl_fit_run at the
 * starting values, accurate to 1e-3 of the dataset's smallest relative error bar (dR/R) against
 * the exact adaptive path; the result reports the plan's error measured at the solution
 * (quad_err) and the accuracy asked. With res->points given, a fitted dQ/Q, or
 * il_refl_fit_opts.exact_resolution, a fixed Gauss–Legendre rule per point keeps χ² smooth
 * instead: res->points if given, else the smallest of 17, 33, ... 1025 points whose estimated
 * relative error at the start is below 1e-4.
 * Points with dR <= 0 or no dR are weighted as
 * dR = R (relative error 1). Returns the dataset index in *index (may be NULL). */
IL_API il_status il_refl_fit_add_dataset(il_refl_fit *f, const il_refl_dataset *data,
                                         const il_refl_layer_model *layers, size_t nlayers,
                                         const il_refl_probe *probe, double scale,
                                         double background, const il_refl_resolution *res,
                                         int *index, il_error *err);

/* A free parameter with starting value and bounds lo < hi; *index receives its number. */
IL_API il_status il_refl_fit_add_param(il_refl_fit *f, const char *name, double value, double lo,
                                       double hi, int *index, il_error *err);

/* Makes parameter `param` set `q` of layer `layer` of dataset `dataset` (dataset < 0: of every
 * dataset). Binding one parameter to several targets shares it. */
IL_API il_status il_refl_fit_bind(il_refl_fit *f, int param, int dataset, int layer,
                                  il_refl_quantity q, il_error *err);

IL_API size_t il_refl_fit_nparams(const il_refl_fit *f);
IL_API size_t il_refl_fit_npoints(const il_refl_fit *f);
IL_API const char *il_refl_fit_param_name(const il_refl_fit *f, int param);

/* χ² = Σ ((R_model - R)/dR)² over all datasets at parameter values p (NULL: current values). */
IL_API il_status il_refl_fit_chi2(il_refl_fit *f, const double *p, double *chi2, il_error *err);

/* Model curve of dataset d at its own Q values (p NULL: current values). */
IL_API il_status il_refl_fit_curve(il_refl_fit *f, int dataset, const double *p, double *r_out,
                                   il_error *err);
/* The dataset's slab model at p (*slabs owned by f, valid until the next call). */
IL_API il_status il_refl_fit_slabs(il_refl_fit *f, int dataset, const double *p,
                                   const il_refl_slab **slabs, size_t *n, il_error *err);

typedef enum { IL_REFL_FIT_LM, IL_REFL_FIT_DE, IL_REFL_FIT_MCMC } il_refl_engine;

typedef struct {
    il_refl_engine engine;
    unsigned long seed;   /* DE and MCMC random numbers; same seed, same result */
    int max_iter;         /* LM iterations (default 200); DE generations (default 300) */
    int de_population;    /* 0: max(20, 10 * nparams) */
    double de_tol;        /* DE stops when std(χ²) of the population <= de_tol · mean χ² (0.01;
                             see il_fit_de_options), then LM polishes */
    int mcmc_walkers;     /* 0: max(2 nparams + 2, 32), rounded up to even */
    int mcmc_steps;       /* per walker after burn-in (default 2000) */
    int mcmc_burn;        /* default: mcmc_steps / 2 */
    int nthreads;         /* DE/MCMC population evaluations; <= 0: OpenMP default */
    int exact_resolution; /* 1: per-point quadrature rules instead of the resolution plan */
    void *mpi_comm;       /* MPI_Comm * for DE and MCMC (see il_fit_de_options), else NULL */
} il_refl_fit_opts;

IL_API void il_refl_fit_opts_init(il_refl_fit_opts *o);

typedef struct {
    size_t npar, ndata;
    double *value;       /* best fit (LM, DE) or posterior median (MCMC) */
    double *sigma;       /* 1σ: from the covariance (LM, DE) or half the 16-84 % interval (MCMC) */
    double *corr;        /* npar x npar correlation matrix, row-major */
    double chi2, chi2_red;
    int iterations;
    int converged;       /* LM: GSL's test met; DE: spread below de_tol; MCMC: steps > 50 τ */
    double quad_err;     /* largest relative quadrature error at the solution: with resolution
                            plans measured against the exact path, else the rule's estimate */
    double quad_target;  /* accuracy asked of the resolution plans (0: no plan used) */
    size_t quad_nodes;   /* Q nodes of the plans' shared grids (0: no plan used) */
    il_fit_stop stop;    /* why the engine stopped (DE: the global stage, before the polish) */
    size_t evaluations;  /* model evaluations (all datasets once) in the whole run */
    double seconds;      /* wall time of the run */
    double ess;          /* MCMC: effective samples, nsamples / max τ (else 0) */
    /* MCMC only (else 0 / NULL) */
    double acceptance;   /* mean acceptance fraction (0.2-0.5 is healthy) */
    double *tau;         /* integrated autocorrelation time per parameter, in steps */
    size_t nsamples;     /* samples kept (walkers x steps after burn-in) */
    double *samples;     /* nsamples x npar, row-major (for SLD bands); NULL otherwise */
    int plan_rebuilds;   /* LM and DE: times the resolution plans were made again at the
                            solution (their error there exceeded the target) and LM polished */
} il_refl_fit_result;

/* Runs the engine from the current values; on success the parameters take the result's values
 * and `res` (free with il_refl_fit_result_free) is filled. DE is followed by an LM polish so
 * that uncertainties come from the curvature at the optimum. */
IL_API il_status il_refl_fit_run(il_refl_fit *f, const il_refl_fit_opts *opts,
                                 il_refl_fit_result *res, il_error *err);
IL_API void il_refl_fit_result_free(il_refl_fit_result *res);

/* Parameter values currently held (npar values). */
IL_API const double *il_refl_fit_values(const il_refl_fit *f);

/* The 16–84 % band of the real SLD of dataset `dataset` at depths z_A[0..nz) over `nsamples`
 * MCMC samples taken evenly from res->samples (sample k is row (res->nsamples / nsamples) · k):
 * at each depth the profiles' values are sorted and p16, p84 get the order statistics of rank
 * floor(0.16 (nsamples - 1)) and floor(0.84 (nsamples - 1)). IL_ERR_INVALID without samples. */
IL_API il_status il_refl_fit_sld_band(il_refl_fit *f, int dataset, const il_refl_fit_result *res,
                                      size_t nsamples, const double *z_A, size_t nz, double *p16,
                                      double *p84, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
