/* Summaries of an ensemble chain. Autocorrelation: the integrated time per parameter with
 * Sokal's automatic window (c = 5) on the walker-averaged autocorrelation function; the chain is
 * trusted (converged) when it is more than 50 such times long. */
#include <math.h>
#include <stdlib.h>

#include "fit/fit_mcmc_stats.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Integrated autocorrelation time of parameter k from chain[step][walker][param]. */
static double autocorr_time(const double *chain, size_t steps, size_t nw, size_t m, size_t k)
{
    if (steps < 4)
        return NAN;
    double *rho = calloc(steps, sizeof *rho);
    if (!rho)
        return NAN;
    size_t maxlag = steps / 2;
    for (size_t w = 0; w < nw; w++) {
        double mean = 0.0;
        for (size_t t = 0; t < steps; t++)
            mean += chain[(t * nw + w) * m + k];
        mean /= (double)steps;
        double c0 = 0.0;
        for (size_t t = 0; t < steps; t++) {
            double d = chain[(t * nw + w) * m + k] - mean;
            c0 += d * d;
        }
        if (c0 <= 0.0)
            continue;
        for (size_t lag = 0; lag < maxlag; lag++) {
            double c = 0.0;
            for (size_t t = 0; t + lag < steps; t++)
                c += (chain[(t * nw + w) * m + k] - mean) *
                     (chain[((t + lag) * nw + w) * m + k] - mean);
            rho[lag] += c / c0 / (double)nw;
        }
    }
    double tau = 1.0;
    for (size_t M = 1; M < maxlag; M++) {
        tau += 2.0 * rho[M] / (rho[0] > 0 ? rho[0] : 1.0);
        if ((double)M >= 5.0 * tau)
            break;
    }
    free(rho);
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
        res->tau[k] = autocorr_time(chain, steps, nw, m, k);
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
