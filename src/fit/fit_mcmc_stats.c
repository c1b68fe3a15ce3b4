/* Summaries of an ensemble chain. Autocorrelation: the integrated time per parameter,
 * τ = 1 + 2 Σ_{t=1}^{M} ρ(t), with Sokal's automatic window (the smallest M >= c τ(M), c = 5;
 * A. Sokal, "Monte Carlo methods in statistical mechanics", 1997) on the walker-averaged
 * normalised autocorrelation function, the estimator emcee uses for ensemble samplers
 * (Foreman-Mackey et al., PASP 125 (2013) 306; emcee 3 autocorr.integrated_time). The chain is
 * trusted (converged) when it is more than 50 such times long, emcee's recommendation. */
#include <math.h>
#include <stdlib.h>

#include "fit/fit_mcmc_stats.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Autocovariance at one lag, summed over walkers after dividing each by its variance c0[w]
 * (the walker-averaged normalised ACF of emcee, times nw). */
static double acf_at(const double *chain, size_t steps, size_t nw, size_t m, size_t k,
                     const double *mean, const double *c0, size_t lag)
{
    double sum = 0.0;
    for (size_t w = 0; w < nw; w++) {
        if (c0[w] <= 0.0)
            continue;
        double c = 0.0;
        for (size_t t = 0; t + lag < steps; t++)
            c += (chain[(t * nw + w) * m + k] - mean[w]) *
                 (chain[((t + lag) * nw + w) * m + k] - mean[w]);
        sum += c / c0[w];
    }
    return sum;
}

double il_fit_autocorr_time(const double *chain, size_t steps, size_t nw, size_t m, size_t k)
{
    if (steps < 4 || nw == 0)
        return NAN;
    double *mean = calloc(nw, sizeof *mean), *c0 = calloc(nw, sizeof *c0);
    if (!mean || !c0) {
        free(mean);
        free(c0);
        return NAN;
    }
    size_t live = 0;
    for (size_t w = 0; w < nw; w++) {
        for (size_t t = 0; t < steps; t++)
            mean[w] += chain[(t * nw + w) * m + k];
        mean[w] /= (double)steps;
        for (size_t t = 0; t < steps; t++) {
            double d = chain[(t * nw + w) * m + k] - mean[w];
            c0[w] += d * d;
        }
        live += c0[w] > 0.0;
    }
    double tau = NAN;
    if (live > 0) {
        /* ρ(0) = 1 for every live walker: the average is the sum over live walkers / live.
         * Lags are computed only until the window closes: O(steps · nw · 5τ), not steps². */
        tau = 1.0;
        for (size_t M = 1; M < steps / 2; M++) {
            tau += 2.0 * acf_at(chain, steps, nw, m, k, mean, c0, M) / (double)live;
            if ((double)M >= 5.0 * tau)
                break;
        }
    }
    free(mean);
    free(c0);
    return tau;
}

il_status il_fit_mcmc_summarise(const double *chain, size_t steps, size_t nw, size_t m,
                                il_fit_result *res, il_error *err)
{
    res->sigma = malloc(m * sizeof *res->sigma);
    res->corr = malloc(m * m * sizeof *res->corr);
    res->tau = malloc(m * sizeof *res->tau);
    size_t ns = steps * nw;
    double *col = malloc(ns * sizeof *col), *mean = calloc(m, sizeof *mean);
    if (!res->sigma || !res->corr || !res->tau || !col || !mean) {
        free(col);
        free(mean);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory for MCMC results");
    }
    double taumax = 0.0;
    for (size_t k = 0; k < m; k++) {
        res->tau[k] = il_fit_autocorr_time(chain, steps, nw, m, k);
        if (res->tau[k] > taumax)
            taumax = res->tau[k];
        for (size_t s = 0; s < ns; s++) {
            col[s] = chain[s * m + k];
            mean[k] += col[s] / (double)ns;
        }
        qsort(col, ns, sizeof *col, cmp_double);
        /* the 1σ quantiles of a normal distribution: 15.87 % and 84.13 % */
        double q16 = col[(size_t)(0.1587 * (double)(ns - 1))];
        double q50 = col[(ns - 1) / 2], q84 = col[(size_t)(0.8413 * (double)(ns - 1))];
        res->value[k] = q50;
        res->sigma[k] = 0.5 * (q84 - q16);
    }
    for (size_t p = 0; p < m; p++)
        for (size_t q = 0; q < m; q++) {
            double c = 0.0, vp = 0.0, vq = 0.0;
            for (size_t s = 0; s < ns; s++) {
                double dp = chain[s * m + p] - mean[p], dq = chain[s * m + q] - mean[q];
                c += dp * dq;
                vp += dp * dp;
                vq += dq * dq;
            }
            res->corr[p * m + q] = vp > 0 && vq > 0 ? c / sqrt(vp * vq) : (p == q ? 1.0 : 0.0);
        }
    free(col);
    free(mean);
    res->converged = taumax > 0 && (double)steps > 50.0 * taumax;
    res->stop = res->converged ? IL_FIT_STOP_CONVERGED : IL_FIT_STOP_MAX_ITER;
    return IL_OK;
}
