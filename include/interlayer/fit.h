/* Nonlinear engines of the fit layer: Levenberg–Marquardt (GSL), differential evolution and an
 * affine-invariant ensemble MCMC, plus the covariance of a least-squares optimum.
 *
 * The engines know no technique. A problem is a residual vector r(p) of n_residuals values
 * (already divided by their standard deviations) over n_params parameters with optional bounds;
 * the objective is χ² = Σ r_i². A technique (or several: a joint objective is a residual callback
 * that concatenates the terms of each technique) supplies the callback and a context pointer.
 *
 * Reentrancy: the population engines (DE, MCMC) evaluate many points at once over OpenMP
 * threads. Each thread gets a workspace of its own from work_new (scratch the callback may
 * write, e.g. a model buffer); the context itself is only read. Results do not depend on the
 * number of threads: random numbers are drawn serially from one stream. */
#ifndef INTERLAYER_FIT_H
#define INTERLAYER_FIT_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* r(p): writes n_residuals values to resid. work is the calling thread's workspace (NULL when the
 * problem has no work_new). Must be reentrant for distinct works. */
typedef il_status (*il_fit_residual_fn)(void *ctx, void *work, const double *p, double *resid,
                                        il_error *err);
/* Creates one per-thread workspace (*work) for the callback. */
typedef il_status (*il_fit_work_new_fn)(void *ctx, void **work, il_error *err);
typedef void (*il_fit_work_free_fn)(void *ctx, void *work);

typedef struct {
    size_t n_params;
    size_t n_residuals;
    /* n_params values each, lower < upper; not owned. LM: both NULL for an unbounded problem;
     * DE and MCMC need them (DE draws its population inside, MCMC has flat priors on them). */
    const double *lower, *upper;
    il_fit_residual_fn residual;
    il_fit_work_new_fn work_new;   /* may be NULL: the callback gets work = NULL */
    il_fit_work_free_fn work_free; /* may be NULL */
    void *ctx;
} il_fit_problem;

/* Why an engine stopped. */
typedef enum {
    IL_FIT_STOP_CONVERGED = 0, /* the engine's convergence test was met */
    IL_FIT_STOP_MAX_ITER,      /* iteration (generation, step) budget used up */
    IL_FIT_STOP_NO_PROGRESS    /* LM: no further decrease of χ² possible (GSL_ENOPROG) */
} il_fit_stop;

/* What an engine returns. Arrays are owned by the result: il_fit_result_free. */
typedef struct {
    size_t n_params;
    double *value;      /* LM, DE: best point; MCMC: posterior median */
    double chi2;        /* Σ r² at value (LM, DE); NAN for MCMC */
    int iterations;     /* LM iterations, DE generations, MCMC steps including burn-in */
    int converged;      /* LM: GSL's test met; DE: spread rule met; MCMC: steps > 50 τ_max */
    size_t evaluations; /* residual evaluations made by the engine */
    il_fit_stop stop;
    int engine_status;  /* the underlying library's own code (GSL's for LM), 0 otherwise */
    double *covar;      /* LM with options.covariance: n_params² (JᵀJ)⁻¹ at value (GSL's
                           gsl_multifit_nlinear_covar on the final Jacobian, no rescaling by
                           χ²/dof), else NULL. Unbounded problems only: with bounds it is in the
                           transformed coordinates; use il_fit_covariance there. */
    /* MCMC only (else 0 / NULL) */
    double *sigma;      /* half the 16–84 % interval per parameter */
    double *corr;       /* n_params² correlation matrix of the samples, row-major */
    double acceptance;  /* mean acceptance fraction (0.2–0.5 is healthy) */
    double *tau;        /* integrated autocorrelation time per parameter, in steps (Sokal's
                           automatic window, c = 5, on the walker-averaged autocorrelation) */
    double ess;         /* effective samples: n_samples / max τ */
    size_t n_samples;   /* samples kept: walkers × steps after burn-in */
    double *samples;    /* n_samples × n_params, row-major */
} il_fit_result;

IL_API void il_fit_result_free(il_fit_result *res);

/* ---- Levenberg–Marquardt ---------------------------------------------------------------- */

typedef struct {
    int max_iter;     /* default 200 */
    double xtol;      /* GSL driver tests (gsl_multifit_nlinear_driver): step, default 1e-10 */
    double gtol;      /* gradient, default 1e-10 */
    double ftol;      /* residual change, default 1e-12 */
    int covariance;   /* nonzero: fill result.covar (default 0) */
} il_fit_lm_options;

IL_API void il_fit_lm_options_default(il_fit_lm_options *o);

/* Trust region with LM steps and a finite-difference Jacobian, from start (n_params values).
 * With bounds, p = lo + (hi - lo)(1 + sin u)/2 (the MINUIT transformation), so every trial point
 * is inside them. IL_OK also when the budget ran out or no progress was possible (see
 * result.stop); an error (the callback's own, or IL_ERR_NUMERIC) when the callback fails or
 * GSL gives up, e.g. on non-finite residuals. */
IL_API il_status il_fit_lm(const il_fit_problem *pb, const double *start,
                           const il_fit_lm_options *opt, il_fit_result *res, il_error *err);

/* ---- differential evolution ------------------------------------------------------------- */

/* Mutation: rand/1 (x_a + F (x_b - x_c), the classic, slow and robust) or best/1 (the best
 * member + F (x_a - x_b): faster, SciPy's default). */
typedef enum { IL_FIT_DE_RAND1 = 0, IL_FIT_DE_BEST1 = 1 } il_fit_de_strategy;

typedef struct {
    unsigned long seed; /* default 1; same seed, same result */
    int population;     /* 0 (default): 10 n_params; at least 20 */
    int max_gen;        /* default 300 */
    /* Population-spread stopping rule (SciPy's differential_evolution): stop when the standard
     * deviation of the population's χ² is <= atol + tol · |mean χ²|. The population then sits in
     * one basin, and a local method finishes faster than DE would (defaults 0.01, 0). */
    double tol, atol;
    double F, CR;       /* differential weight and crossover probability (0.7, 0.9) */
    /* nonzero: F drawn uniformly from [0.5, 1) each generation instead of fixed (dithering,
     * Das et al. 2005; SciPy's default), which speeds convergence (default 0) */
    int dither;
    il_fit_de_strategy strategy; /* default IL_FIT_DE_RAND1 */
    int latin;          /* nonzero: first population by Latin hypercube, else uniform (0) */
    int nthreads;       /* <= 0: OpenMP default */
    /* An MPI_Comm * (library built with Open MPI, see il_fit_mpi_enabled): every rank of the
     * communicator calls il_fit_de with the same arguments, the population's evaluations are
     * spread over the ranks, and every rank returns the same result as one process would.
     * NULL (default): this process alone. */
    void *mpi_comm;
} il_fit_de_options;

IL_API void il_fit_de_options_default(il_fit_de_options *o);

/* DE with binomial crossover inside the bounds (required); start is one member of the first
 * population. The population is replaced generation by generation (all trials of a generation
 * are made from the previous one), so they can be evaluated in parallel. result.stop says why it
 * ended: IL_FIT_STOP_CONVERGED (spread rule met) or IL_FIT_STOP_MAX_ITER (max_gen used up). */
IL_API il_status il_fit_de(const il_fit_problem *pb, const double *start,
                           const il_fit_de_options *opt, il_fit_result *res, il_error *err);

/* ---- ensemble MCMC ---------------------------------------------------------------------- */

typedef struct {
    unsigned long seed; /* default 1 */
    int walkers;        /* 0 (default): max(2 n_params + 2, 32); rounded up to even */
    int steps;          /* per walker after burn-in (default 2000) */
    int burn;           /* 0 (default): steps / 2 */
    double stretch;     /* Goodman–Weare stretch scale a (default 2) */
    int nthreads;       /* <= 0: OpenMP default */
    void *mpi_comm;     /* as for DE: the walkers' evaluations spread over the ranks */
} il_fit_mcmc_options;

IL_API void il_fit_mcmc_options_default(il_fit_mcmc_options *o);

/* Samples the posterior exp(-χ²/2) with flat priors inside the bounds (required). Walkers start
 * in a ball of width scale/2 around start (scale: n_params values, e.g. the covariance
 * sigmas; <= 0 or non-finite: 1e-4 of the range). */
IL_API il_status il_fit_mcmc(const il_fit_problem *pb, const double *start, const double *scale,
                             const il_fit_mcmc_options *opt, il_fit_result *res, il_error *err);

/* 1 when the library was built with Open MPI (the mpi_comm options are used), else 0. */
IL_API int il_fit_mpi_enabled(void);

/* ---- uncertainties at an optimum -------------------------------------------------------- */

/* Standard deviations (n_params) and correlation matrix (n_params², row-major) from (JᵀJ)⁻¹ at p,
 * J by central differences (step 1e-5 max(|p_k|, 1e-3 (hi_k - lo_k)); without bounds
 * 1e-5 max(|p_k|, 1e-8)). The inverse is taken by SVD of the equilibrated matrix, dropping
 * directions the data do not constrain. */
IL_API il_status il_fit_covariance(const il_fit_problem *pb, const double *p, double *sigma,
                                   double *corr, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
