/* Posterior sampling with the affine-invariant ensemble sampler of Goodman & Weare (Commun.
 * Appl. Math. Comput. Sci. 5 (2010) 65), stretch move, the ensemble split in two halves updated
 * in turn (as in emcee) so each half is evaluated in parallel. Posterior: exp(-χ²/2) with flat
 * priors inside the bounds. Proposals are drawn serially from one random stream, so results do
 * not depend on the number of threads. Summaries of the chain are in fit_mcmc_stats.c. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/options_or_default.h"
#include "fit/fit_mcmc_stats.h"
#include "fit/fit_pool.h"

/* Bound on walkers × steps × parameters kept in memory (400 MB of doubles). */
#define MAX_SAMPLES_VALUES 50000000u

void il_fit_mcmc_options_default(il_fit_mcmc_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->steps = 2000;
    o->stretch = 2.0;
}

static int in_bounds(const il_fit_problem *pb, const double *x)
{
    for (size_t k = 0; k < pb->n_params; k++)
        if (!(x[k] >= pb->lower[k] && x[k] <= pb->upper[k]))
            return 0;
    return 1;
}

/* Proposals the callback is run for (the others are rejected by the prior for free); counted
 * serially from the proposals, which every MPI rank holds, so every rank gets the total. */
static size_t count_in_bounds(const il_fit_problem *pb, const double *x, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += (size_t)in_bounds(pb, x + i * pb->n_params);
    return c;
}

static double log_post(const il_fit_pool *pool, int t, const double *x)
{
    const il_fit_problem *pb = pool->pb;
    if (!in_bounds(pb, x))
        return -INFINITY;
    double c = il_fit_pool_chi2(pool, t, x);
    return isfinite(c) ? -0.5 * c : -INFINITY;
}

/* Walkers in a ball of width ~scale/2 around start, inside the bounds. */
static void init_walkers(const il_fit_problem *pb, const double *start, const double *scale,
                         size_t nw, gsl_rng *rng, double *x)
{
    size_t m = pb->n_params;
    const double *lo = pb->lower, *hi = pb->upper;
    for (size_t w = 0; w < nw; w++)
        for (size_t k = 0; k < m; k++) {
            double s = scale[k] > 0 && isfinite(scale[k]) ? scale[k] : 0.0;
            s = fmin(s, 0.1 * (hi[k] - lo[k]));
            if (s <= 0.0)
                s = 1e-4 * (hi[k] - lo[k]);
            /* reflect at the bounds rather than clip: clipped walkers would sit exactly on a
             * bound together, and a stretch move between equal coordinates never leaves it */
            double v = start[k] + 0.5 * s * gsl_ran_gaussian(rng, 1.0);
            if (v < lo[k])
                v = lo[k] + (lo[k] - v);
            if (v > hi[k])
                v = hi[k] - (v - hi[k]);
            if (!(v > lo[k] && v < hi[k]))
                v = lo[k] + (hi[k] - lo[k]) * gsl_rng_uniform_pos(rng);
            x[w * m + k] = v;
        }
}

il_status il_fit_mcmc(const il_fit_problem *pb, const double *start, const double *scale,
                      const il_fit_mcmc_options *opt, il_fit_result *res, il_error *err)
{
    il_fit_mcmc_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_fit_mcmc_options_default);
    memset(res, 0, sizeof *res); /* a failed call leaves nothing to free */
    if (!pb->lower || !pb->upper)
        return il_error_set(err, IL_ERR_INVALID, "MCMC needs bounds (flat priors)");
    size_t m = pb->n_params;
    size_t nw = o.walkers > 0 ? (size_t)o.walkers : 2 * m + 2;
    if (nw < 32 && o.walkers <= 0)
        nw = 32;
    if (nw < 2 * m + 2) /* the stretch move needs more walkers than dimensions */
        nw = 2 * m + 2;
    nw += nw % 2;
    size_t steps = o.steps > 0 ? (size_t)o.steps : 2000;
    size_t burn = o.burn > 0 ? (size_t)o.burn : steps / 2;
    const double a = o.stretch > 1.0 ? o.stretch : 2.0;
    if ((double)steps * (double)nw * (double)m > MAX_SAMPLES_VALUES)
        return il_error_set(err, IL_ERR_RANGE, "MCMC: %zu walkers x %zu steps is too many", nw,
                            steps);
    il_status st = il_fit_result_init(res, m, err);
    if (st)
        return st;
    size_t half = nw / 2;
    il_fit_pool pool = {0};
    double *x = malloc(nw * m * sizeof *x), *lp = malloc(nw * sizeof *lp);
    double *y = malloc(half * m * sizeof *y), *ly = malloc(half * sizeof *ly);
    double *z = malloc(half * sizeof *z);
    double *chain = malloc(steps * nw * m * sizeof *chain);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!x || !lp || !y || !ly || !z || !chain || !rng)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory for MCMC");
    if (!st)
        st = il_fit_pool_init(&pool, pb, o.nthreads, o.mpi_comm, err);
    if (st)
        goto done;
    gsl_rng_set(rng, o.seed);
    init_walkers(pb, start, scale, nw, rng, x);
    il_fit_eval_rows(&pool, log_post, x, nw, lp);
    size_t evals = count_in_bounds(pb, x, nw);
    size_t accepted = 0, proposed = 0;
    for (size_t it = 0; it < burn + steps; it++) {
        for (int h = 0; h < 2; h++) {
            size_t off = (size_t)h * half, other = (size_t)(1 - h) * half;
            for (size_t i = 0; i < half; i++) {
                size_t j = other + gsl_rng_uniform_int(rng, half);
                double u = gsl_rng_uniform(rng);
                /* z ~ g(z) ∝ 1/sqrt(z) on [1/a, a] by inversion */
                z[i] = ((a - 1.0) * u + 1.0) * ((a - 1.0) * u + 1.0) / a;
                for (size_t k = 0; k < m; k++)
                    y[i * m + k] = x[j * m + k] + z[i] * (x[(off + i) * m + k] - x[j * m + k]);
            }
            il_fit_eval_rows(&pool, log_post, y, half, ly);
            evals += count_in_bounds(pb, y, half);
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
    st = il_fit_mcmc_summarise(chain, steps, nw, m, res, err);
    if (st)
        goto done;
    res->chi2 = NAN;
    res->iterations = (int)(burn + steps);
    res->n_samples = steps * nw;
    res->evaluations = evals;
    res->ess = 0.0;
    for (size_t k = 0; k < m; k++) /* the least informative parameter sets the count */
        if (isfinite(res->tau[k]) && res->tau[k] > 0)
            res->ess = fmax(res->ess, res->tau[k]);
    res->ess = res->ess > 0 ? (double)res->n_samples / res->ess : 0.0;
    res->samples = chain;
    chain = NULL;
done:
    il_fit_pool_free(&pool);
    free(x);
    free(lp);
    free(y);
    free(ly);
    free(z);
    free(chain);
    if (rng)
        gsl_rng_free(rng);
    if (st)
        il_fit_result_free(res);
    return st;
}
