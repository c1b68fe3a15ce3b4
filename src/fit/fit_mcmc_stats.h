/* Internal: summaries of an ensemble MCMC chain. */
#ifndef IL_FIT_MCMC_STATS_H
#define IL_FIT_MCMC_STATS_H
#include "interlayer/fit.h"

/* Integrated autocorrelation time (in steps) of parameter k of chain[step][walker][param]
 * (steps × nw × m): Sokal's automatic window (c = 5) on the walker-averaged normalised
 * autocorrelation function (emcee's estimator). NAN for fewer than 4 steps or constant chains. */
double il_fit_autocorr_time(const double *chain, size_t steps, size_t nw, size_t m, size_t k);

/* From chain[step][walker][param] (steps × nw × m): res->value (median), res->sigma (half the
 * 16–84 % interval), res->corr, res->tau (integrated autocorrelation times) and res->converged
 * (steps > 50 τ_max). Allocates sigma, corr and tau; res->value must exist. */
il_status il_fit_mcmc_summarise(const double *chain, size_t steps, size_t nw, size_t m,
                                il_fit_result *res, il_error *err);
#endif
