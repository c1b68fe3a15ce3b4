/* Posterior sampling with the affine-invariant ensemble sampler of Goodman & Weare (Commun.
 * Appl. Math. Comput. Sci. 5 (2010) 65), stretch move with a = 2, the ensemble split in two
 * halves updated in turn (as in emcee) so each half is evaluated in parallel. Posterior:
 * exp(-χ²/2) with flat priors inside the bounds. Diagnostics: acceptance fraction and the
 * integrated autocorrelation time per parameter (Sokal's automatic window, c = 5, on the
 * walker-averaged autocorrelation function). Proposals are drawn serially from one random
 * stream, so results do not depend on the number of threads. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probes/refl/refl_fit_priv.h"


#define MAX_SAMPLES_VALUES 50000000u

static double log_post(const il_refl_fit *f, const double *x, il_refl_work *w)
{
    for (size_t k = 0; k < f->npar; k++)
        if (!(x[k] >= f->lo[k] && x[k] <= f->hi[k]))
            return -INFINITY;
    double c = il_refl_fit_chi2_w(f, x, w);
    return isfinite(c) ? -0.5 * c : -INFINITY;
}

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
    size_t M;
    for (M = 1; M < maxlag; M++) {
        tau += 2.0 * rho[M] / (rho[0] > 0 ? rho[0] : 1.0);
        if ((double)M >= 5.0 * tau)
            break;
    }
    free(rho);
    return tau;
}


il_status il_refl_fit_mcmc(il_refl_fit *f, const il_refl_fit_opts *o, const double *start,
                           const double *sigma, il_refl_fit_result *res, il_error *err)
{
    size_t m = f->npar;
    size_t nw = o->mcmc_walkers > 0 ? (size_t)o->mcmc_walkers : 2 * m + 2;
    if (nw < 32 && o->mcmc_walkers <= 0)
        nw = 32;
    if (nw < 2 * m + 2)
        nw = 2 * m + 2;
    nw += nw % 2;
    size_t steps = o->mcmc_steps > 0 ? (size_t)o->mcmc_steps : 2000;
    size_t burn = o->mcmc_burn > 0 ? (size_t)o->mcmc_burn : steps / 2;
    if ((double)steps * (double)nw * (double)m > MAX_SAMPLES_VALUES)
        return il_error_set(err, IL_ERR_RANGE, "MCMC: %zu walkers x %zu steps is too many", nw,
                            steps);
    int nt = il_refl_fit_threads(o);
    size_t half = nw / 2;
    double *x = malloc(nw * m * sizeof *x), *lp = malloc(nw * sizeof *lp);
    double *y = malloc(half * m * sizeof *y), *ly = malloc(half * sizeof *ly);
    double *z = malloc(half * sizeof *z);
    double *chain = malloc(steps * nw * m * sizeof *chain);
    il_refl_work *works = calloc((size_t)nt, sizeof *works);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    il_status st = IL_OK;
    if (!x || !lp || !y || !ly || !z || !chain || !works || !rng) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory for MCMC");
        goto done;
    }
    for (int t = 0; t < nt && !st; t++)
        st = il_refl_work_init(f, &works[t], err);
    if (st)
        goto done;
    gsl_rng_set(rng, o->seed);
    /* Start in a ball around the optimum of width ~σ/2 (inside the bounds). */
    for (size_t w = 0; w < nw; w++)
        for (size_t k = 0; k < m; k++) {
            double s = sigma[k] > 0 && isfinite(sigma[k]) ? sigma[k] : 0.0;
            s = fmin(s, 0.1 * (f->hi[k] - f->lo[k]));
            if (s <= 0.0)
                s = 1e-4 * (f->hi[k] - f->lo[k]);
            /* reflect at the bounds rather than clip: clipped walkers would sit exactly on a
             * bound together, and a stretch move between equal coordinates never leaves it */
            double v = start[k] + 0.5 * s * gsl_ran_gaussian(rng, 1.0);
            if (v < f->lo[k])
                v = f->lo[k] + (f->lo[k] - v);
            if (v > f->hi[k])
                v = f->hi[k] - (v - f->hi[k]);
            if (!(v > f->lo[k] && v < f->hi[k]))
                v = f->lo[k] + (f->hi[k] - f->lo[k]) * gsl_rng_uniform_pos(rng);
            x[w * m + k] = v;
        }
    il_refl_fit_eval_rows(f, log_post, x, nw, lp, works, nt);
    const double a = 2.0;
    size_t accepted = 0, proposed = 0;
    for (size_t it = 0; it < burn + steps; it++) {
        for (int h = 0; h < 2; h++) {
            size_t off = (size_t)h * half, other = (size_t)(1 - h) * half;
            for (size_t i = 0; i < half; i++) {
                size_t j = other + gsl_rng_uniform_int(rng, half);
                double u = gsl_rng_uniform(rng);
                z[i] = ((a - 1.0) * u + 1.0) * ((a - 1.0) * u + 1.0) / a;
                for (size_t k = 0; k < m; k++)
                    y[i * m + k] = x[j * m + k] + z[i] * (x[(off + i) * m + k] - x[j * m + k]);
            }
            il_refl_fit_eval_rows(f, log_post, y, half, ly, works, nt);
            for (size_t i = 0; i < half; i++) {
                double lnr = (double)(m - 1) * log(z[i]) + ly[i] - lp[off + i];
                int acc = isfinite(ly[i]) && log(gsl_rng_uniform_pos(rng)) < lnr;
                if (acc) {
                    memcpy(x + (off + i) * m, y + i * m, m * sizeof *x);
                    lp[off + i] = ly[i];
                }
                if (it >= burn) {
                    accepted += (size_t)acc;
                    proposed++;
                }
            }
        }
        if (it >= burn)
            memcpy(chain + (it - burn) * nw * m, x, nw * m * sizeof *x);
    }
    res->acceptance = proposed ? (double)accepted / (double)proposed : 0.0;
    res->tau = malloc(m * sizeof *res->tau);
    double *col = malloc(steps * nw * sizeof *col), *mean = calloc(m, sizeof *mean);
    if (!res->tau || !col || !mean) {
        free(col);
        free(mean);
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory for MCMC results");
        goto done;
    }
    size_t ns = steps * nw;
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
    res->iterations = (int)(burn + steps);
    res->converged = taumax > 0 && (double)steps > 50.0 * taumax;
    res->nsamples = ns;
    res->samples = chain;
    chain = NULL;
done:
    if (works)
        for (int t = 0; t < nt; t++)
            il_refl_work_free(&works[t]);
    free(works);
    free(x);
    free(lp);
    free(y);
    free(ly);
    free(z);
    free(chain);
    if (rng)
        gsl_rng_free(rng);
    return st;
}
