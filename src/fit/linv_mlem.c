/* Poisson maximum likelihood by expectation-maximisation (Shepp & Vardi, IEEE TMI 1 (1982) 113;
 * Richardson-Lucy in optics): x_j <- x_j / s_j * sum_i R_ij y_i / (R x + b)_i, s_j = sum_i R_ij.
 * Each step raises the likelihood and keeps x >= 0. Responses such as NDP's are banded (a bin
 * lights up a window of channels), so each column's non-zero channel range is found once and
 * the products run only over it. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/options_or_default.h"
#include "interlayer/linv.h"
#include "core/poisson.h"

void il_linv_mlem_options_default(il_linv_mlem_options *o)
{
    o->max_iter = 2000;
    o->tol = 1e-6;
    o->stop = IL_LINV_STOP_DISCREPANCY;
    o->breaks = NULL;
    o->n_breaks = 0;
}

/* The ML profile constant in each segment: EM on the segment amounts c_g with the summed
 * response Rg_i = sum_{j in g} R_ij (a well-posed problem with few unknowns), to convergence.
 * x_j = c_g(j) on return for bins with response. */
static il_status segment_start(const il_linv_problem *p, const double *y, const size_t *lo,
                               const size_t *hi, const double *s, const size_t *breaks,
                               size_t n_breaks, double *x, il_error *err)
{
    size_t m = p->n_channels, n = p->n_bins;
    size_t *seg = malloc(n * sizeof *seg);
    char *start = calloc(n, 1);
    if (!seg || !start) {
        free(seg), free(start);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t b = 0; b < n_breaks; b++)
        if (breaks[b] < n)
            start[breaks[b]] = 1;
    size_t ng = 0;
    for (size_t j = 0; j < n; j++) {
        if (j > 0 && start[j])
            ng++;
        seg[j] = ng;
    }
    ng++;
    double *Rg = calloc(m * ng, sizeof *Rg), *sg = calloc(ng, sizeof *sg),
           *c = malloc(ng * sizeof *c), *mu = malloc(m * sizeof *mu),
           *ratio = malloc(m * sizeof *ratio);
    il_status st = IL_OK;
    if (!Rg || !sg || !c || !mu || !ratio) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    double ysum = 0, ssum = 0;
    for (size_t i = 0; i < m; i++)
        ysum += y[i];
    for (size_t j = 0; j < n; j++) {
        for (size_t i = lo[j]; i < hi[j]; i++)
            Rg[i * ng + seg[j]] += p->R[i * n + j];
        sg[seg[j]] += s[j];
        ssum += s[j];
    }
    for (size_t g = 0; g < ng; g++)
        c[g] = ysum > 0 ? ysum / ssum : 1e-6;
    /* EM converges sublinearly on weakly seen segments: a generous cap, relative tolerance
     * 1e-9 on the predicted counts (far below counting noise). */
    for (int it = 0; it < 20000; it++) {
        for (size_t i = 0; i < m; i++) {
            double v = p->background ? p->background[i] : 0;
            for (size_t g = 0; g < ng; g++)
                v += Rg[i * ng + g] * c[g];
            mu[i] = v;
            ratio[i] = v > 0 ? y[i] / v : 0;
        }
        double change = 0, norm = 0;
        for (size_t g = 0; g < ng; g++) {
            if (sg[g] <= 0)
                continue;
            double acc = 0;
            for (size_t i = 0; i < m; i++)
                acc += Rg[i * ng + g] * ratio[i];
            double nc = c[g] * acc / sg[g];
            change += fabs(nc - c[g]) * sg[g];
            norm += nc * sg[g];
            c[g] = nc;
        }
        if (norm > 0 && change / norm < 1e-9)
            break;
    }
    for (size_t j = 0; j < n; j++)
        x[j] = s[j] > 0 ? c[seg[j]] : 0;
done:
    free(seg), free(start), free(Rg), free(sg), free(c), free(mu), free(ratio);
    return st;
}

double il_linv_poisson_deviance(const double *y, const double *mu, size_t n)
{
    double d = 0;
    for (size_t i = 0; i < n; i++) {
        if (mu[i] <= 0)
            continue;
        d += y[i] > 0 ? y[i] * log(y[i] / mu[i]) - (y[i] - mu[i]) : mu[i];
    }
    return 2 * d;
}

static il_status check_problem(const il_linv_problem *p, const double *y, il_error *err)
{
    if (!p || !p->R || p->n_channels == 0 || p->n_bins == 0)
        return il_error_set(err, IL_ERR_INVALID, "empty response matrix");
    for (size_t i = 0; i < p->n_channels * p->n_bins; i++)
        if (!(p->R[i] >= 0) || !isfinite(p->R[i]))
            return il_error_set(err, IL_ERR_INVALID,
                                "response matrix element (%zu, %zu) = %g; must be finite, >= 0",
                                i / p->n_bins, i % p->n_bins, p->R[i]);
    for (size_t i = 0; y && i < p->n_channels; i++)
        if (!(y[i] >= 0) || !isfinite(y[i]))
            return il_error_set(err, IL_ERR_INVALID, "counts in channel %zu = %g; must be >= 0",
                                i, y[i]);
    return IL_OK;
}

const char *il_linv_mlem_stop_text(il_linv_mlem_stop stop)
{
    switch (stop) {
    case IL_LINV_MLEM_TARGET:
        return "deviance reached the number of channels";
    case IL_LINV_MLEM_STALLED:
        return "deviance stalled above the number of channels";
    case IL_LINV_MLEM_CONVERGED:
        return "estimate converged";
    case IL_LINV_MLEM_ITERATIONS:
        return "iteration limit";
    }
    return "unknown";
}

il_status il_linv_mlem(const il_linv_problem *p, const double *y, const il_linv_mlem_options *opt,
                      double *x, int *iterations, double *deviance, il_error *err)
{
    il_linv_mlem_info info;
    il_status st = il_linv_mlem_run(p, y, opt, x, &info, err);
    if (!st && iterations)
        *iterations = info.iterations;
    if (!st && deviance)
        *deviance = info.deviance;
    return st;
}

/* The stall rule: the deviance is compared with its value STALL_WINDOW iterations back. When it
 * fell by less than STALL_FRACTION of its own noise (sqrt(2 n) for n channels) over that window,
 * the target is out of reach of the model (a structure the stack lacks, or a misfit
 * background): going on fits noise at a growing cost and never reaches the target. */
#define STALL_WINDOW 50
#define STALL_FRACTION 0.02

il_status il_linv_mlem_run(const il_linv_problem *p, const double *y,
                           const il_linv_mlem_options *opt, double *x, il_linv_mlem_info *info,
                           il_error *err)
{
    il_status st = check_problem(p, y, err);
    if (st)
        return st;
    il_linv_mlem_options o;
    IL_OPTIONS_OR_DEFAULT(&o, opt, il_linv_mlem_options_default);
    size_t m = p->n_channels, n = p->n_bins;
    const double *R = p->R;
    size_t *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
    /* calloc: GCC 12 cannot see that the loop below fills mu before the deviance reads it */
    double *s = malloc(n * sizeof *s), *mu = calloc(m, sizeof *mu), *ratio = malloc(m * sizeof *ratio);
    /* Rt: each column's band stored contiguously (Rt + off[j], hi - lo values): the iterations
     * walk columns, and R is row-major, so this turns strided reads into streaming ones. */
    size_t *off = malloc((n + 1) * sizeof *off);
    double *Rt = NULL;
    if (!lo || !hi || !s || !mu || !ratio || !off) {
        free(lo), free(hi), free(s), free(mu), free(ratio), free(off);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    double ysum = 0;
    for (size_t i = 0; i < m; i++)
        ysum += y[i];
    double ssum = 0;
    for (size_t j = 0; j < n; j++) {
        lo[j] = m, hi[j] = 0, s[j] = 0;
        for (size_t i = 0; i < m; i++)
            if (R[i * n + j] > 0) {
                if (lo[j] == m)
                    lo[j] = i;
                hi[j] = i + 1;
                s[j] += R[i * n + j];
            }
        ssum += s[j];
    }
    off[0] = 0;
    for (size_t j = 0; j < n; j++)
        off[j + 1] = off[j] + (hi[j] > lo[j] ? hi[j] - lo[j] : 0);
    Rt = malloc((off[n] + 1) * sizeof *Rt);
    if (!Rt) {
        free(lo), free(hi), free(s), free(mu), free(ratio), free(off);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t j = 0; j < n; j++)
        for (size_t i = lo[j]; i < hi[j]; i++)
            Rt[off[j] + i - lo[j]] = R[i * n + j];
    /* Flat start with the right total: the count-weighted scale of an all-ones profile. */
    int flat = 1;
    for (size_t j = 0; j < n; j++)
        if (x[j] > 0)
            flat = 0;
    if (flat && o.breaks && o.n_breaks) {
        st = segment_start(p, y, lo, hi, s, o.breaks, o.n_breaks, x, err);
        if (st) {
            free(lo), free(hi), free(s), free(mu), free(ratio), free(off), free(Rt);
            return st;
        }
        /* A segment whose ML amount is 0 would stay 0 under the multiplicative update:
         * floor the start at a tiny positive value so the data can still raise it. */
        double xmax = 0;
        for (size_t j = 0; j < n; j++)
            xmax = fmax(xmax, x[j]);
        for (size_t j = 0; j < n; j++)
            if (s[j] > 0 && !(x[j] > 1e-6 * xmax))
                x[j] = 1e-6 * (xmax > 0 ? xmax : 1);
    }
    for (size_t j = 0; j < n; j++)
        if ((flat && !(o.breaks && o.n_breaks)) || !(x[j] > 0))
            x[j] = s[j] > 0 ? (ysum > 0 ? ysum / ssum : 1e-6) : 0;
    int it = 0;
    double dev = 0;
    size_t nobs = 0;
    double hist[STALL_WINDOW] = {0};
    il_linv_mlem_stop why = IL_LINV_MLEM_ITERATIONS;
    for (; it <= o.max_iter; it++) {
        for (size_t i = 0; i < m; i++)
            mu[i] = p->background ? p->background[i] : 0;
        for (size_t j = 0; j < n; j++) {
            const double *col = Rt + off[j] - lo[j];
            for (size_t i = lo[j]; i < hi[j]; i++)
                mu[i] += col[i] * x[j];
        }
        if (o.stop == IL_LINV_STOP_DISCREPANCY || it == o.max_iter) {
            dev = il_linv_poisson_deviance(y, mu, m);
            nobs = 0;
            for (size_t i = 0; i < m; i++)
                nobs += mu[i] > 0;
            if (o.stop == IL_LINV_STOP_DISCREPANCY && dev <= (double)nobs) {
                why = IL_LINV_MLEM_TARGET;
                break;
            }
            if (o.stop == IL_LINV_STOP_DISCREPANCY && it >= STALL_WINDOW &&
                hist[it % STALL_WINDOW] - dev < STALL_FRACTION * sqrt(2.0 * (double)nobs)) {
                why = IL_LINV_MLEM_STALLED;
                break;
            }
            hist[it % STALL_WINDOW] = dev;
        }
        if (it == o.max_iter)
            break;
        for (size_t i = 0; i < m; i++)
            ratio[i] = mu[i] > 0 ? y[i] / mu[i] : 0;
        double change = 0, norm = 0;
        for (size_t j = 0; j < n; j++) {
            if (s[j] <= 0) {
                x[j] = 0;
                continue;
            }
            double acc = 0;
            const double *col = Rt + off[j] - lo[j];
            for (size_t i = lo[j]; i < hi[j]; i++)
                acc += col[i] * ratio[i];
            double nx = x[j] * acc / s[j];
            change += fabs(nx - x[j]) * s[j];
            norm += nx * s[j];
            x[j] = nx;
        }
        if (o.stop == IL_LINV_STOP_CONVERGED && norm > 0 && change / norm < o.tol) {
            it++;
            why = IL_LINV_MLEM_CONVERGED;
            break;
        }
    }
    if (info) {
        for (size_t i = 0; i < m; i++)
            mu[i] = p->background ? p->background[i] : 0;
        nobs = 0;
        for (size_t j = 0; j < n; j++)
            for (size_t i = lo[j]; i < hi[j]; i++)
                mu[i] += R[i * n + j] * x[j];
        for (size_t i = 0; i < m; i++)
            nobs += mu[i] > 0;
        info->deviance = il_linv_poisson_deviance(y, mu, m);
        info->iterations = it;
        info->target = (double)nobs;
        info->stop = why;
    }
    free(lo), free(hi), free(s), free(mu), free(ratio), free(off), free(Rt);
    return IL_OK;
}

il_status il_linv_mlem_resample(const il_linv_problem *p, const double *expected,
                               const il_linv_mlem_options *opt, int n_rep, uint64_t seed,
                               double *sigma_x, il_error *err)
{
    if (n_rep < 2)
        return il_error_set(err, IL_ERR_INVALID, "resampling needs at least 2 replicas, got %d",
                            n_rep);
    size_t m = p->n_channels, n = p->n_bins;
    double *y = malloc(m * sizeof *y), *x = malloc(n * sizeof *x), *sum = calloc(n, sizeof *sum),
           *sum2 = calloc(n, sizeof *sum2);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!y || !x || !sum || !sum2 || !rng) {
        free(y), free(x), free(sum), free(sum2);
        if (rng)
            gsl_rng_free(rng);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    gsl_rng_set(rng, (unsigned long)seed);
    il_status st = IL_OK;
    for (int r = 0; r < n_rep && !st; r++) {
        for (size_t i = 0; i < m; i++)
            y[i] = il_poisson_draw(rng, expected[i]);
        memset(x, 0, n * sizeof *x);
        st = il_linv_mlem(p, y, opt, x, NULL, NULL, err);
        for (size_t j = 0; j < n; j++) {
            sum[j] += x[j];
            sum2[j] += x[j] * x[j];
        }
    }
    for (size_t j = 0; j < n && !st; j++) {
        double mean = sum[j] / n_rep;
        double var = (sum2[j] - n_rep * mean * mean) / (n_rep - 1);
        sigma_x[j] = var > 0 ? sqrt(var) : 0;
    }
    free(y), free(x), free(sum), free(sum2);
    gsl_rng_free(rng);
    return st;
}
