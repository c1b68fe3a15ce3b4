/* Runs a reflectivity fit through the fit layer: the datasets' weighted residuals become an
 * il_fit_problem (one il_refl_work per evaluating thread), and the engines (LM, DE + LM polish,
 * LM + MCMC) do the rest. No optimiser lives here. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/built.h"
#include "interlayer/fit.h"
#include "fit/refl/refl_fit_priv.h"

static il_status resid_cb(void *ctx, void *work, const double *p, double *resid, il_error *err)
{
    return il_refl_fit_residuals(ctx, p, work, resid, NULL, err);
}

static il_status work_new_cb(void *ctx, void **work, il_error *err)
{
    il_refl_work *w = calloc(1, sizeof *w);
    if (!w)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st = il_refl_work_init(ctx, w, err);
    IL_RETURN_BUILT(st, w, free, work);
}

/* Works are freed serially by the engine that made them: their counts add up here. */
static void work_free_cb(void *ctx, void *work)
{
    ((il_refl_fit *)ctx)->evals += ((il_refl_work *)work)->evals;
    il_refl_work_free(work);
    free(work);
}

static il_fit_problem make_problem(il_refl_fit *f)
{
    il_fit_problem pb = {f->npar, f->ndata, f->lo, f->hi, resid_cb, work_new_cb, work_free_cb, f};
    return pb;
}

/* After an optimiser returned st: its result r into the m parameters p and the counts it
 * reports (*stop, *evals when given); r is freed. A failure (st) leaves everything alone. */
static il_status take_optimum(il_status st, il_fit_result *r, size_t m, double *p, int *iters,
                              int *conv, il_fit_stop *stop, size_t *evals)
{
    if (st)
        return st;
    memcpy(p, r->value, m * sizeof *p);
    *iters = r->iterations;
    *conv = r->converged;
    if (stop)
        *stop = r->stop;
    if (evals)
        *evals = r->evaluations;
    il_fit_result_free(r);
    return IL_OK;
}

/* Local optimum from p (in/out) by LM; *iters, *conv as the engine reports them. */
static il_status run_lm(const il_fit_problem *pb, const il_refl_fit_opts *o, double *p,
                        int *iters, int *conv, il_fit_stop *stop, il_error *err)
{
    il_fit_lm_options lo;
    il_fit_lm_options_default(&lo);
    if (o->max_iter > 0)
        lo.max_iter = o->max_iter;
    il_fit_result r;
    il_status st = il_fit_lm(pb, p, &lo, &r, err);
    return take_optimum(st, &r, pb->n_params, p, iters, conv, stop, NULL);
}

static il_status run_de(const il_fit_problem *pb, const il_refl_fit_opts *o, double *p,
                        int *gens, int *conv, il_fit_stop *stop, size_t *evals, il_error *err)
{
    il_fit_de_options d;
    il_fit_de_options_default(&d);
    d.seed = o->seed;
    d.population = o->de_population;
    if (o->max_iter > 0)
        d.max_gen = o->max_iter;
    if (o->de_tol > 0)
        d.tol = o->de_tol;
    d.nthreads = o->nthreads;
    /* rand/1/bin from a Latin hypercube: the robust choice for a global search; the spread rule
     * ends it once the population is in one basin, and the LM polish does the rest (on the
     * Platypus example ~100 generations against 300 without reaching tol 1e-6 before) */
    d.latin = 1;
    d.mpi_comm = o->mpi_comm;
    il_fit_result r;
    il_status st = il_fit_de(pb, p, &d, &r, err);
    return take_optimum(st, &r, pb->n_params, p, gens, conv, stop, evals);
}

/* Posterior summaries into res (value, sigma, corr already allocated; tau and samples taken
 * over from the engine's result). */
static il_status run_mcmc(const il_fit_problem *pb, const il_refl_fit_opts *o, const double *p,
                          il_refl_fit_result *res, il_error *err)
{
    il_fit_mcmc_options mo;
    il_fit_mcmc_options_default(&mo);
    mo.seed = o->seed;
    mo.walkers = o->mcmc_walkers;
    mo.steps = o->mcmc_steps;
    mo.burn = o->mcmc_burn;
    mo.nthreads = o->nthreads;
    mo.mpi_comm = o->mpi_comm;
    il_fit_result r;
    il_status st = il_fit_mcmc(pb, p, res->sigma, &mo, &r, err);
    if (st)
        return st;
    size_t m = pb->n_params;
    memcpy(res->value, r.value, m * sizeof *res->value);
    memcpy(res->sigma, r.sigma, m * sizeof *res->sigma);
    memcpy(res->corr, r.corr, m * m * sizeof *res->corr);
    res->acceptance = r.acceptance;
    res->tau = r.tau;
    res->samples = r.samples;
    res->nsamples = r.n_samples;
    res->iterations = r.iterations;
    res->converged = r.converged;
    res->stop = r.stop;
    res->ess = r.ess;
    res->evaluations = r.evaluations;
    r.tau = NULL;
    r.samples = NULL;
    il_fit_result_free(&r);
    return IL_OK;
}

/* chi2 and its quadrature error at the solution p, which becomes the fit's current point. */
static il_status chi2_at(il_refl_fit *f, const double *p, size_t m, il_refl_fit_result *res,
                         il_error *err)
{
    double *r = malloc(f->ndata * sizeof *r);
    il_status st = r ? il_refl_fit_residuals(f, p, &f->main_work, r, &res->quad_err, err)
                     : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    double c = 0.0;
    for (size_t i = 0; i < f->ndata && !st; i++)
        c += r[i] * r[i];
    free(r);
    res->chi2 = c;
    res->chi2_red = f->ndata > m ? c / (double)(f->ndata - m) : NAN;
    if (!st)
        memcpy(f->p, p, m * sizeof *p);
    return st;
}

il_status il_refl_fit_run(il_refl_fit *f, const il_refl_fit_opts *opts, il_refl_fit_result *res,
                          il_error *err)
{
    memset(res, 0, sizeof *res);
    if (!f || f->nsets == 0 || f->npar == 0)
        return il_error_set(err, IL_ERR_INVALID, "nothing to fit: no dataset or no parameter");
    il_refl_fit_opts o;
    if (opts)
        o = *opts;
    else
        il_refl_fit_opts_init(&o);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    f->evals = 0;
    il_status st = il_refl_fit_make_plans(f, o.exact_resolution, err);
    if (!st)
        st = il_refl_fit_choose_points(f, err);
    f->main_work.evals = 0; /* choosing the rules is not part of the fit */
    if (st)
        return st;
    size_t m = f->npar;
    res->npar = m;
    res->ndata = f->ndata;
    res->value = malloc(m * sizeof *res->value);
    res->sigma = malloc(m * sizeof *res->sigma);
    res->corr = malloc(m * m * sizeof *res->corr);
    double *p = malloc(m * sizeof *p);
    if (!res->value || !res->sigma || !res->corr || !p) {
        free(p);
        il_refl_fit_result_free(res);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    memcpy(p, f->p, m * sizeof *p);
    il_fit_problem pb = make_problem(f);
    int it = 0, conv = 0;
    il_fit_stop stop = IL_FIT_STOP_CONVERGED;
    /* DE and MCMC report their evaluations themselves: with MPI ranks, this process's works
     * saw only its share, the engine counts them all */
    size_t e0 = f->evals, ne = 0;
    if (o.engine == IL_REFL_FIT_DE) {
        st = run_de(&pb, &o, p, &it, &conv, &stop, &ne, err);
        f->evals = e0 + ne;
        int it2 = 0, conv2 = 0;
        if (!st) /* polish: the optimum's curvature gives the uncertainties */
            st = run_lm(&pb, &o, p, &it2, &conv2, NULL, err);
    } else {
        st = run_lm(&pb, &o, p, &it, &conv, &stop, err);
    }
    if (!st)
        st = il_fit_covariance(&pb, p, res->sigma, res->corr, err);
    if (!st && o.engine == IL_REFL_FIT_MCMC) {
        e0 = f->evals;
        st = run_mcmc(&pb, &o, p, res, err);
        f->evals = e0 + res->evaluations;
        if (!st)
            memcpy(p, res->value, m * sizeof *p);
    } else if (!st) {
        memcpy(res->value, p, m * sizeof *p);
        res->iterations = it;
        res->converged = conv;
        res->stop = stop;
    }
    if (!st)
        st = chi2_at(f, p, m, res, err);
    double plan_err = 0.0;
    if (!st)
        st = il_refl_fit_check_plans(f, p, &plan_err, &res->quad_target, &res->quad_nodes, err);
    /* The plans are made at the start model. A fit that moved far (a fitted film or backing SLD
     * moves the critical edge the grid is graded at) can leave them above their target at the
     * solution: make them again there (or per-point rules where no grid reaches the target) and
     * polish with LM from the solution, at most twice. Not for MCMC: its samples belong to the
     * plan they were drawn with. */
    for (int again = 0; !st && again < 2 && o.engine != IL_REFL_FIT_MCMC && res->quad_nodes &&
                        plan_err > res->quad_target;
         again++) {
        int it2 = 0, conv2 = 0;
        size_t ev = f->main_work.evals;
        st = il_refl_fit_make_plans(f, 0, err); /* at f->p, the solution */
        if (!st)
            st = il_refl_fit_choose_points(f, err);
        f->main_work.evals = ev; /* as at the start: making rules is not fitting */
        if (!st)
            st = run_lm(&pb, &o, p, &it2, &conv2, NULL, err);
        if (!st)
            st = il_fit_covariance(&pb, p, res->sigma, res->corr, err);
        if (!st) {
            memcpy(res->value, p, m * sizeof *p);
            st = chi2_at(f, p, m, res, err);
        }
        if (!st)
            st = il_refl_fit_check_plans(f, p, &plan_err, &res->quad_target, &res->quad_nodes,
                                         err);
        res->plan_rebuilds++;
    }
    res->evaluations = f->evals + f->main_work.evals;
    res->quad_err = fmax(res->quad_err, plan_err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    res->seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    free(p);
    if (st)
        il_refl_fit_result_free(res);
    return st;
}
