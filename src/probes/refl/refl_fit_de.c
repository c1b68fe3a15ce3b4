/* Differential evolution (Storn & Price, J. Global Optim. 11 (1997) 341), rand/1/bin with
 * F = 0.7, CR = 0.9, inside the parameter bounds. Trial vectors are drawn serially from one
 * random stream and evaluated in parallel (OpenMP), so the result does not depend on the number
 * of threads. The starting values are one member of the initial population. */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probes/refl/refl_fit_priv.h"

il_status il_refl_fit_de(il_refl_fit *f, const il_refl_fit_opts *o, double *p, int *gens,
                         int *converged, il_error *err)
{
    size_t m = f->npar;
    size_t np = o->de_population > 0 ? (size_t)o->de_population : 10 * m;
    if (np < 20)
        np = 20;
    int maxgen = o->max_iter > 0 ? o->max_iter : 300;
    double tol = o->de_tol > 0 ? o->de_tol : 1e-6;
    const double F = 0.7, CR = 0.9;
    int nt = il_refl_fit_threads(o);
    double *x = malloc(np * m * sizeof *x), *trial = malloc(np * m * sizeof *trial);
    double *c = malloc(np * sizeof *c), *ct = malloc(np * sizeof *ct);
    il_refl_work *works = calloc((size_t)nt, sizeof *works);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    il_status st = IL_OK;
    if (!x || !trial || !c || !ct || !works || !rng) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int t = 0; t < nt && !st; t++)
        st = il_refl_work_init(f, &works[t], err);
    if (st)
        goto done;
    gsl_rng_set(rng, o->seed);
    for (size_t i = 0; i < np; i++)
        for (size_t k = 0; k < m; k++)
            x[i * m + k] = i == 0 ? p[k]
                                  : f->lo[k] + (f->hi[k] - f->lo[k]) * gsl_rng_uniform(rng);
    il_refl_fit_eval_rows(f, il_refl_fit_chi2_w, x, np, c, works, nt);
    int g;
    *converged = 0;
    for (g = 0; g < maxgen; g++) {
        for (size_t i = 0; i < np; i++) {
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
            size_t jr = gsl_rng_uniform_int(rng, m);
            for (size_t k = 0; k < m; k++) {
                double v = x[i * m + k];
                if (k == jr || gsl_rng_uniform(rng) < CR) {
                    v = x[a * m + k] + F * (x[b * m + k] - x[d * m + k]);
                    /* out of bounds: a random point between the parent and the bound */
                    if (v < f->lo[k])
                        v = f->lo[k] + gsl_rng_uniform(rng) * (x[i * m + k] - f->lo[k]);
                    else if (v > f->hi[k])
                        v = f->hi[k] - gsl_rng_uniform(rng) * (f->hi[k] - x[i * m + k]);
                }
                trial[i * m + k] = v;
            }
        }
        il_refl_fit_eval_rows(f, il_refl_fit_chi2_w, trial, np, ct, works, nt);
        double best = INFINITY, worst = 0.0;
        for (size_t i = 0; i < np; i++) {
            if (ct[i] <= c[i]) {
                memcpy(x + i * m, trial + i * m, m * sizeof *x);
                c[i] = ct[i];
            }
            best = fmin(best, c[i]);
            worst = fmax(worst, c[i]);
        }
        if (isfinite(worst) && worst - best <= tol * best) {
            *converged = 1;
            g++;
            break;
        }
    }
    size_t ib = 0;
    for (size_t i = 1; i < np; i++)
        if (c[i] < c[ib])
            ib = i;
    if (!isfinite(c[ib]))
        st = il_error_set(err, IL_ERR_NUMERIC, "differential evolution: no finite χ² found");
    else
        memcpy(p, x + ib * m, m * sizeof *p);
    *gens = g;
done:
    if (works)
        for (int t = 0; t < nt; t++)
            il_refl_work_free(&works[t]);
    free(works);
    free(x);
    free(trial);
    free(c);
    free(ct);
    if (rng)
        gsl_rng_free(rng);
    return st;
}
