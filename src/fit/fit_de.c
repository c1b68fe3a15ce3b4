/* Differential evolution (Storn & Price, J. Global Optim. 11 (1997) 341), rand/1/bin or
 * best/1/bin inside the parameter bounds. Trial vectors are drawn serially from one random
 * stream and evaluated in parallel (OpenMP), so the result does not depend on the number of
 * threads. The starting values are one member of the initial population. Stopping: the spread
 * of the population's χ² (standard deviation against the mean, the rule of SciPy's
 * differential_evolution), so a run ends once the population has gathered in one basin. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/options_or_default.h"
#include "fit/fit_pool.h"

void il_fit_de_options_default(il_fit_de_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->max_gen = 300;
    o->tol = 0.01;
    o->F = 0.7;
    o->CR = 0.9;
}

/* Trial i: mutant x_a + F (x_b - x_d) from three distinct other members (best/1: x_a is the
 * best member, ib), crossed with x_i. */
static void make_trial(const il_fit_problem *pb, const double *x, size_t np, size_t i, double F,
                       double CR, long ib, gsl_rng *rng, double *trial)
{
    size_t m = pb->n_params;
    const double *lo = pb->lower, *hi = pb->upper;
    size_t a, b, d;
    do
        a = gsl_rng_uniform_int(rng, np);
    while (a == i);
    do
        b = gsl_rng_uniform_int(rng, np);
    while (b == i || b == a);
    do
        d = gsl_rng_uniform_int(rng, np);
    while (d == i || d == a || d == b);
    if (ib >= 0)
        a = (size_t)ib;
    size_t jr = gsl_rng_uniform_int(rng, m);
    for (size_t k = 0; k < m; k++) {
        double v = x[i * m + k];
        if (k == jr || gsl_rng_uniform(rng) < CR) {
            v = x[a * m + k] + F * (x[b * m + k] - x[d * m + k]);
            /* out of bounds: a random point between the parent and the bound */
            if (v < lo[k])
                v = lo[k] + gsl_rng_uniform(rng) * (x[i * m + k] - lo[k]);
            else if (v > hi[k])
                v = hi[k] - gsl_rng_uniform(rng) * (hi[k] - x[i * m + k]);
        }
        trial[i * m + k] = v;
    }
}

/* Member 0 is start; the others uniform in the bounds, or a Latin hypercube: each parameter's
 * range cut into np - 1 strata, one member per stratum in a random order. */
static void init_population(const il_fit_problem *pb, const double *start, size_t np, int latin,
                            gsl_rng *rng, double *x)
{
    size_t m = pb->n_params;
    for (size_t k = 0; k < m; k++)
        x[k] = start[k];
    for (size_t k = 0; k < m; k++) {
        double lo = pb->lower[k], w = pb->upper[k] - pb->lower[k];
        for (size_t i = 1; i < np; i++)
            x[i * m + k] = latin ? lo + w * ((double)(i - 1) + gsl_rng_uniform(rng)) /
                                            (double)(np - 1)
                                 : 0.0;
        if (latin) /* Fisher–Yates shuffle of the strata over members 1..np-1 */
            for (size_t i = np - 1; i > 1; i--) {
                size_t j = 1 + gsl_rng_uniform_int(rng, i);
                double t = x[i * m + k];
                x[i * m + k] = x[j * m + k];
                x[j * m + k] = t;
            }
    }
    if (!latin) /* the original order of draws: member by member */
        for (size_t i = 1; i < np; i++)
            for (size_t k = 0; k < m; k++)
                x[i * m + k] = pb->lower[k] + (pb->upper[k] - pb->lower[k]) * gsl_rng_uniform(rng);
}

/* The spread rule: std(χ²) <= atol + tol |mean χ²| over the population (all finite). */
static int spread_met(const double *c, size_t np, double tol, double atol)
{
    double mean = 0.0, var = 0.0;
    for (size_t i = 0; i < np; i++) {
        if (!isfinite(c[i]))
            return 0;
        mean += c[i];
    }
    mean /= (double)np;
    for (size_t i = 0; i < np; i++)
        var += (c[i] - mean) * (c[i] - mean);
    return sqrt(var / (double)np) <= atol + tol * fabs(mean);
}

il_status il_fit_de(const il_fit_problem *pb, const double *start, const il_fit_de_options *opt,
                    il_fit_result *res, il_error *err)
{
    il_fit_de_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_fit_de_options_default);
    memset(res, 0, sizeof *res); /* a failed call leaves nothing to free */
    if (!pb->lower || !pb->upper)
        return il_error_set(err, IL_ERR_INVALID, "differential evolution needs bounds");
    size_t m = pb->n_params;
    size_t np = o.population > 0 ? (size_t)o.population : 10 * m;
    if (np < 20) /* rand/1 needs four distinct members; fewer than 20 explore poorly */
        np = 20;
    int maxgen = o.max_gen > 0 ? o.max_gen : 300;
    double tol = o.tol >= 0 ? o.tol : 0.01, atol = o.atol > 0 ? o.atol : 0.0;
    il_status st = il_fit_result_init(res, m, err);
    if (st)
        return st;
    il_fit_pool pool = {0};
    double *x = malloc(np * m * sizeof *x), *trial = malloc(np * m * sizeof *trial);
    double *c = malloc(np * sizeof *c), *ct = malloc(np * sizeof *ct);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!x || !trial || !c || !ct || !rng)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = il_fit_pool_init(&pool, pb, o.nthreads, o.mpi_comm, err);
    if (st)
        goto done;
    gsl_rng_set(rng, o.seed);
    init_population(pb, start, np, o.latin, rng, x);
    il_fit_eval_rows(&pool, il_fit_pool_chi2, x, np, c);
    res->evaluations = np;
    int g;
    res->stop = IL_FIT_STOP_MAX_ITER;
    for (g = 0; g < maxgen; g++) {
        long ib = -1;
        if (o.strategy == IL_FIT_DE_BEST1) {
            ib = 0;
            for (size_t i = 1; i < np; i++)
                if (c[i] < c[ib])
                    ib = (long)i;
        }
        double F = o.dither ? 0.5 + 0.5 * gsl_rng_uniform(rng) : o.F;
        for (size_t i = 0; i < np; i++)
            make_trial(pb, x, np, i, F, o.CR, ib, rng, trial);
        il_fit_eval_rows(&pool, il_fit_pool_chi2, trial, np, ct);
        res->evaluations += np;
        for (size_t i = 0; i < np; i++)
            if (ct[i] <= c[i]) {
                memcpy(x + i * m, trial + i * m, m * sizeof *x);
                c[i] = ct[i];
            }
        if (spread_met(c, np, tol, atol)) {
            res->converged = 1;
            res->stop = IL_FIT_STOP_CONVERGED;
            g++;
            break;
        }
    }
    size_t ib = 0;
    for (size_t i = 1; i < np; i++)
        if (c[i] < c[ib])
            ib = i;
    if (!isfinite(c[ib])) {
        st = il_error_set(err, IL_ERR_NUMERIC, "differential evolution: no finite χ² found");
        goto done;
    }
    memcpy(res->value, x + ib * m, m * sizeof *x);
    res->chi2 = c[ib];
    res->iterations = g;
done:
    il_fit_pool_free(&pool);
    free(x);
    free(trial);
    free(c);
    free(ct);
    if (rng)
        gsl_rng_free(rng);
    if (st)
        il_fit_result_free(res);
    return st;
}
