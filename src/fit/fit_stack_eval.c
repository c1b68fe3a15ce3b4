/* A stack fit as an il_fit_problem: per-thread copies of the stack and probes, the residual
 * callback, the fitted stack, and χ² per term with uncertainties. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit_stack_priv.h"
#include "core/grow.h"

/* One engine thread's copies: the stack the parameters are written to, the terms' probes, and
 * a model buffer as long as the longest dataset. */
typedef struct {
    il_stack *stack;
    il_probe **probes;
    size_t n_probes;
    double *model;
} fs_work;

static void work_free(void *ctx, void *work)
{
    fs_work *w = work;
    (void)ctx;
    if (!w)
        return;
    for (size_t k = 0; k < w->n_probes; k++)
        il_probe_free(w->probes[k]);
    free(w->probes);
    free(w->model);
    il_stack_free(w->stack);
    free(w);
}

static il_status work_new(void *ctx, void **out, il_error *err)
{
    const il_fit_stack *f = ctx;
    *out = NULL;
    fs_work *w = calloc(1, sizeof *w);
    size_t nmax = 1;
    for (size_t k = 0; k < f->n_terms; k++)
        nmax = f->terms[k].n > nmax ? f->terms[k].n : nmax;
    if (w) {
        w->probes = calloc(f->n_terms + 1, sizeof *w->probes);
        w->model = malloc(nmax * sizeof *w->model);
    }
    if (!w || !w->probes || !w->model) {
        work_free(ctx, w);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    il_status st = il_stack_clone(f->base, &w->stack, err);
    for (size_t k = 0; k < f->n_terms && !st; k++, w->n_probes++)
        st = il_probe_clone(f->terms[k].probe, &w->probes[k], err);
    if (st) {
        work_free(ctx, w);
        return st;
    }
    *out = w;
    return IL_OK;
}

/* Sets the parameters, then for each term: prepare, forward, (model - data)/σ·√w. chi2_term
 * (may be NULL) receives each term's Σ r². */
static il_status eval(const il_fit_stack *f, fs_work *w, const double *p, double *resid,
                      double *chi2_term, il_error *err)
{
    il_status st = il_fs_apply_all(f, p, w->stack, w->probes, err);
    size_t at = 0;
    for (size_t k = 0; k < f->n_terms && !st; k++) {
        const fs_term *t = &f->terms[k];
        st = il_probe_prepare(w->probes[k], w->stack, err);
        if (!st)
            st = il_probe_forward(w->probes[k], t->axis, t->n, w->model, err);
        if (st) {
            il_error_prefix(err, "term '%s': ", t->name);
            break;
        }
        double c2 = 0;
        for (size_t i = 0; i < t->n; i++) {
            double r = (w->model[i] - t->values[i]) / t->sigma[i] * t->sqrt_weight;
            resid[at + i] = r;
            c2 += r * r;
        }
        if (chi2_term)
            chi2_term[k] = c2;
        at += t->n;
    }
    return st;
}

static il_status residual(void *ctx, void *work, const double *p, double *resid, il_error *err)
{
    return eval(ctx, work, p, resid, NULL, err);
}

il_status il_fit_stack_problem(il_fit_stack *f, il_fit_problem *pb, double *start, il_error *err)
{
    size_t nf = il_fit_stack_n_free(f);
    if (f->n_terms == 0)
        return il_error_set(err, IL_ERR_INVALID, "stack fit: no terms (add a probe and data)");
    if (nf == 0)
        return il_error_set(err, IL_ERR_INVALID, "stack fit: no free parameters");
    if (nf > f->bounds_cap) {
        const il_grow_slot bounds[] = {IL_GROW_SLOT(f->lower), IL_GROW_SLOT(f->upper)};
        il_status gs = il_grow_arrays(bounds, 2, nf, err);
        if (gs)
            return gs;
        f->bounds_cap = nf;
    }
    double *lo = f->lower, *hi = f->upper;
    int bounded = 0;
    for (size_t i = 0, k = 0; i < f->n_params; i++) {
        const fs_param *q = &f->params[i];
        if (q->fixed)
            continue;
        lo[k] = q->lower;
        hi[k] = q->upper;
        if (start)
            start[k] = q->start;
        bounded |= isfinite(q->lower);
        k++;
    }
    if (bounded)
        for (size_t k = 0; k < nf; k++)
            if (!isfinite(lo[k]))
                return il_error_set(err, IL_ERR_INVALID,
                                    "stack fit: parameter '%s' is unbounded while others have "
                                    "bounds; give every free parameter bounds, or none",
                                    il_fit_stack_free_name(f, k));
    memset(pb, 0, sizeof *pb);
    pb->n_params = nf;
    pb->n_residuals = il_fit_stack_n_residuals(f);
    pb->lower = bounded ? lo : NULL;
    pb->upper = bounded ? hi : NULL;
    pb->residual = residual;
    pb->work_new = work_new;
    pb->work_free = work_free;
    pb->ctx = f;
    return IL_OK;
}

il_status il_fit_stack_apply(const il_fit_stack *f, const double *p, il_stack **out,
                             il_error *err)
{
    *out = NULL;
    fs_work *w;
    il_status st = work_new((void *)f, (void **)&w, err);
    if (st)
        return st;
    st = il_fs_apply_all(f, p, w->stack, w->probes, err);
    if (!st) {
        *out = w->stack;
        w->stack = NULL;
    }
    work_free(NULL, w);
    return st;
}

void il_fit_stack_result_free(il_fit_stack_result *r)
{
    if (!r)
        return;
    free(r->value);
    free(r->sigma);
    free(r->corr);
    free(r->chi2_term);
    free(r->n_term);
    memset(r, 0, sizeof *r);
}

il_status il_fit_stack_result_at(il_fit_stack *f, const double *p, il_fit_stack_result *out,
                                 il_error *err)
{
    memset(out, 0, sizeof *out);
    il_fit_problem pb;
    il_status st = il_fit_stack_problem(f, &pb, NULL, err);
    if (st)
        return st;
    size_t np = pb.n_params, nr = pb.n_residuals;
    out->n_params = np;
    out->n_terms = f->n_terms;
    out->value = malloc(np * sizeof(double));
    out->sigma = malloc(np * sizeof(double));
    out->corr = malloc(np * np * sizeof(double));
    out->chi2_term = calloc(f->n_terms, sizeof(double));
    out->n_term = calloc(f->n_terms, sizeof(size_t));
    double *resid = malloc(nr * sizeof *resid);
    fs_work *w = NULL;
    if (!out->value || !out->sigma || !out->corr || !out->chi2_term || !out->n_term || !resid)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st)
        st = work_new(f, (void **)&w, err);
    if (!st)
        st = eval(f, w, p, resid, out->chi2_term, err);
    if (!st)
        st = il_fit_covariance(&pb, p, out->sigma, out->corr, err);
    if (!st) {
        memcpy(out->value, p, np * sizeof(double));
        for (size_t k = 0; k < f->n_terms; k++) {
            out->n_term[k] = f->terms[k].n;
            out->chi2 += out->chi2_term[k];
        }
        out->dof = nr > np ? nr - np : 0;
    }
    work_free(NULL, w);
    free(resid);
    if (st)
        il_fit_stack_result_free(out);
    return st;
}
