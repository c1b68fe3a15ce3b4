/* Linear inverse engines of the fit layer: recover non-negative amounts x (per bin) from counts
 * y that follow y ~ Poisson(R x + b), with R a response matrix (channels x bins) that a probe
 * provides (NDP: ndp_model.h) and b a known background. The engines know no technique; tests
 * run them on synthetic matrices with known answers (tests/fit/test_linv_*.c). */
#ifndef INTERLAYER_LINV_H
#define INTERLAYER_LINV_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A linear Poisson problem. R is row-major: R[ch * n_bins + j] = expected counts in channel ch
 * per unit amount in bin j (>= 0). background may be NULL (zero). Not owned. */
typedef struct {
    size_t n_channels, n_bins;
    const double *R;
    const double *background;
} il_linv_problem;

/* ---- Poisson maximum likelihood (MLEM / EM, Shepp & Vardi 1982) ----------------------------- */

typedef enum {
    IL_LINV_STOP_CONVERGED = 0, /* until the relative change of x falls below tol */
    IL_LINV_STOP_DISCREPANCY    /* at the first iterate whose Poisson deviance <= number of
                                  channels with counts expected (early stopping regularises) */
} il_linv_stop_rule;

typedef struct {
    int max_iter;          /* default 2000 */
    double tol;            /* default 1e-6 */
    il_linv_stop_rule stop; /* default IL_LINV_STOP_DISCREPANCY */
    /* Layer breaks (default none): bin indices at which a new segment (layer) starts. With
     * breaks, a flat start is replaced by the maximum-likelihood profile that is constant in
     * each segment (EM on the segment amounts, run to convergence); the bin-level iterations
     * then start from it, so what early stopping leaves unresolved stays inside its layer
     * instead of being smoothed across interfaces. Not owned. */
    const size_t *breaks;
    size_t n_breaks;
} il_linv_mlem_options;

IL_API void il_linv_mlem_options_default(il_linv_mlem_options *o);

/* x (n_bins) holds the starting point on entry (all > 0; all zeros are replaced by a flat start,
 * or the segment-wise constant one with breaks) and the estimate on return. Non-negativity is
 * kept by the multiplicative update.
 * *iterations (may be NULL) receives the number of iterations done, *deviance the final Poisson
 * deviance 2 sum[y ln(y/mu) - (y - mu)]. */
IL_API il_status il_linv_mlem(const il_linv_problem *p, const double *counts,
                              const il_linv_mlem_options *opt, double *x, int *iterations,
                              double *deviance, il_error *err);

/* Why il_linv_mlem_run stopped. */
typedef enum {
    IL_LINV_MLEM_TARGET = 1, /* the deviance reached the number of channels (discrepancy) */
    IL_LINV_MLEM_STALLED,    /* discrepancy rule: the deviance fell by less than 2 % of its
                                noise sqrt(2 n) over 50 iterations (the rest is noise fitting) */
    IL_LINV_MLEM_CONVERGED,  /* converged rule: relative change of x below tol */
    IL_LINV_MLEM_ITERATIONS  /* max_iter done (the cap, or the fixed count asked for) */
} il_linv_mlem_stop;

typedef struct {
    int iterations;
    double deviance;      /* at the estimate */
    double target;        /* the discrepancy target (number of channels with counts expected) */
    il_linv_mlem_stop stop;
} il_linv_mlem_info;

/* il_linv_mlem with the reason it stopped (info may be NULL). */
IL_API il_status il_linv_mlem_run(const il_linv_problem *p, const double *counts,
                                  const il_linv_mlem_options *opt, double *x,
                                  il_linv_mlem_info *info, il_error *err);
/* One line for people: "deviance reached the target", ... */
IL_API const char *il_linv_mlem_stop_text(il_linv_mlem_stop stop);

/* ---- Tikhonov-regularised weighted least squares ------------------------------------------ */

typedef enum {
    IL_LINV_LAMBDA_FIXED = 0,   /* use the given lambda */
    IL_LINV_LAMBDA_DISCREPANCY, /* chi^2 = number of channels (Morozov) */
    IL_LINV_LAMBDA_LCURVE,      /* corner of the L-curve (maximum curvature, GSL lcorner) */
    IL_LINV_LAMBDA_GCV          /* minimum of generalised cross-validation */
} il_linv_lambda_rule;

/* Minimises sum_i (y_i - b_i - (R x)_i)^2 / var_i + lambda^2 ||L x||^2, where L penalises the
 * first difference between neighbouring bins except across the "breaks" (layer interfaces,
 * where a step is physical) and the value of the first bin of each segment. The weighted,
 * transformed matrix is decomposed once (GSL SVD), so solving for many spectra with the same
 * variances, and scanning lambda, are cheap. */
typedef struct il_linv_tikhonov il_linv_tikhonov;

/* variances: n_channels values > 0 (e.g. expected counts, floored at 1). breaks: n_breaks bin
 * indices j at which a new segment starts (may be NULL). */
IL_API il_status il_linv_tikhonov_new(const il_linv_problem *p, const double *variances,
                                      const size_t *breaks, size_t n_breaks, il_linv_tikhonov **out,
                                      il_error *err);
IL_API void il_linv_tikhonov_free(il_linv_tikhonov *t);

/* Solves for one spectrum. lambda: in for IL_LINV_LAMBDA_FIXED, out always (may be NULL unless
 * FIXED). x: n_bins (negative values are kept: clip them if the amounts must be >= 0).
 * sigma_x (may be NULL): standard deviation of each x_j propagated from the counting variances
 * through the linear estimator (bias from regularisation not included). chi2 may be NULL. */
IL_API il_status il_linv_tikhonov_solve(const il_linv_tikhonov *t, const double *counts,
                                        il_linv_lambda_rule rule, double *lambda, double *x,
                                        double *sigma_x, double *chi2, il_error *err);

/* Registers a linear functional a^T x (a: n_bins weights) evaluated cheaply with every
 * il_linv_tikhonov_solve_ex: O(n) per solve instead of O(n^2). Not thread-safe: register before
 * sharing the object. *index (may be NULL) receives its position. */
IL_API il_status il_linv_tikhonov_add_functional(il_linv_tikhonov *t, const double *a,
                                                 size_t *index, il_error *err);
/* il_linv_tikhonov_solve plus, for every registered functional k, its value fval[k], propagated
 * standard deviation fsigma[k] and smoothing bias estimate fbias[k] (each may be NULL). */
IL_API il_status il_linv_tikhonov_solve_ex(const il_linv_tikhonov *t, const double *counts,
                                           il_linv_lambda_rule rule, double *lambda, double *x,
                                           double *sigma_x, double *chi2, double *fval,
                                           double *fsigma, double *fbias, il_error *err);

/* The same Tikhonov functional minimised subject to x >= 0 (amounts cannot be negative).
 * lambda is chosen by `rule` on the unconstrained problem (or given, FIXED); when the
 * unconstrained solution is already >= 0 it is the answer; otherwise an active-set NNLS
 * (Lawson-Hanson, on the normal equations of the whitened, regularised system) is warm-started
 * on the bins where it is positive. fsigma and fbias are those of the linear estimator
 * restricted to the free (positive) bins, the active set taken as fixed, plus (in quadrature,
 * for fsigma) the unconstrained sigma of the functional's part on the bins held at zero, so an
 * empty layer reads 0 +- what the data could hide there. sigma_x is the unconstrained
 * estimator's (an upper bound of the free-set value). *n_bound (may be NULL) receives the
 * number of bins held at zero. */
IL_API il_status il_linv_tikhonov_solve_nonneg(const il_linv_tikhonov *t, const double *counts,
                                               il_linv_lambda_rule rule, double *lambda, double *x,
                                               double *sigma_x, double *chi2, double *fval,
                                               double *fsigma, double *fbias, size_t *n_bound,
                                               il_error *err);

/* ---- non-negative least squares -------------------------------------------------------------- */

/* Minimises 1/2 x^T G x - h^T x subject to x >= 0 (G: n x n row-major, symmetric positive
 * definite): Lawson-Hanson active set on the normal equations (Bro & de Jong 1997). warm (may be
 * NULL): n flags, a first guess of the free set. passive (may be NULL): n flags out, 1 where
 * x_j is free (> 0). *iterations (may be NULL): passive-set solves done. */
IL_API il_status il_linv_nnls_gram(size_t n, const double *G, const double *h, const char *warm,
                                   double *x, char *passive, int *iterations, il_error *err);

/* min ||A x - y||_2 subject to x >= 0; A is m x n row-major with full column rank. */
IL_API il_status il_linv_nnls(size_t m, size_t n, const double *A, const double *y, double *x,
                              il_error *err);

/* Standard deviation of the linear functional a^T x (a: n_bins weights, e.g. bin widths over a
 * layer to get its inventory) at the given lambda, with all correlations between bins. */
IL_API il_status il_linv_tikhonov_functional_sigma(const il_linv_tikhonov *t, double lambda,
                                                   const double *a, double *sigma, il_error *err);

/* Estimated regularisation bias of a^T x at lambda for these counts: a^T (H - I) x_lambda with H
 * the resolution matrix (the smoothing the penalty imposes; Hansen 1998 sec. 4.6). It is a
 * first-order estimate (x_lambda stands in for the unknown truth) and is reported as an
 * uncertainty of its own, not subtracted. */
IL_API il_status il_linv_tikhonov_functional_bias(const il_linv_tikhonov *t, const double *counts,
                                                  double lambda, const double *a, double *bias,
                                                  il_error *err);

/* ---- uncertainties by resampling ------------------------------------------------------------ */

/* Standard deviation per bin of the MLEM estimate over n_rep Poisson resamplings of `expected`
 * (typically R x_hat + b), from a GSL RNG (mt19937) seeded with `seed`. */
IL_API il_status il_linv_mlem_resample(const il_linv_problem *p, const double *expected,
                                       const il_linv_mlem_options *opt, int n_rep, uint64_t seed,
                                       double *sigma_x, il_error *err);

/* Poisson deviance of counts against mean mu (channels where both are 0 contribute 0). */
IL_API double il_linv_poisson_deviance(const double *counts, const double *mu, size_t n);

#ifdef __cplusplus
}
#endif
#endif
