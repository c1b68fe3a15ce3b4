/* Reflectivity fit problems: datasets with their models, parameters bound to model quantities,
 * residuals and χ² (the driver that hands the problem to the fit layer is refl_fit_run.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/scattering.h"
#include "fit/refl/refl_fit_priv.h"
#include "core/grow.h"

il_status il_refl_fit_new(il_refl_fit **out, il_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? IL_OK : il_error_set(err, IL_ERR_NOMEM, "out of memory");
}

static void set_free(il_refl_fit_set *s)
{
    free(s->q);
    free(s->r);
    free(s->w);
    free(s->dq);
    free(s->layers);
    il_refl_smear_plan_free(s->plan);
    s->plan = NULL;
}

void il_refl_fit_free(il_refl_fit *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nsets; i++)
        set_free(&f->sets[i]);
    free(f->sets);
    free(f->pname);
    free(f->p);
    free(f->lo);
    free(f->hi);
    free(f->b);
    il_refl_work_free(&f->main_work);
    free(f);
}

void il_refl_fit_opts_init(il_refl_fit_opts *o)
{
    memset(o, 0, sizeof *o);
    o->engine = IL_REFL_FIT_LM;
    o->seed = 1;
    o->de_tol = 0.01;
    o->mcmc_steps = 2000;
}

il_status il_refl_fit_add_dataset(il_refl_fit *f, const il_refl_dataset *data,
                                  const il_refl_layer_model *layers, size_t nlayers,
                                  const il_refl_probe *probe, double scale, double background,
                                  const il_refl_resolution *res, int *index, il_error *err)
{
    if (!f || !data || !layers || nlayers < 2 || data->n == 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "a fit dataset needs data points and at least 2 model layers");
    il_refl_fit_set *s = IL_GROW_ONE_ZEROED(f->sets, f->nsets, err);
    if (!s)
        return IL_ERR_NOMEM;
    snprintf(s->name, sizeof s->name, "%s", data->name);
    s->n = data->n;
    s->q = malloc(s->n * sizeof *s->q);
    s->r = malloc(s->n * sizeof *s->r);
    s->w = malloc(s->n * sizeof *s->w);
    s->layers = malloc(nlayers * sizeof *s->layers);
    if (!s->q || !s->r || !s->w || !s->layers) {
        set_free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    memcpy(s->layers, layers, nlayers * sizeof *layers);
    s->nl = nlayers;
    for (size_t i = 0; i < s->n; i++) {
        s->q[i] = data->q_invA[i];
        s->r[i] = data->r[i];
        double dr = data->dr ? data->dr[i] : 0.0;
        if (!(dr > 0.0))
            dr = fabs(data->r[i]) > 0.0 ? fabs(data->r[i]) : 1.0;
        s->w[i] = 1.0 / dr;
    }
    if (probe)
        s->probe = *probe;
    s->scale = scale;
    s->background = background;
    if (res)
        s->res = *res;
    else
        il_refl_resolution_init(&s->res);
    s->auto_points = s->res.points <= 0;
    if (s->res.points <= 0)
        s->res.points = 17;
    if (data->dq) {
        s->dq = malloc(s->n * sizeof *s->dq);
        if (!s->dq) {
            set_free(s);
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < s->n; i++)
            s->dq[i] = data->dq_kind == IL_REFL_DQ_FWHM ? data->dq[i] / IL_FWHM_PER_SIGMA
                                                          : data->dq[i];
        s->res.kind = IL_REFL_DQ_SIGMA;
    }
    s->smeared = s->dq != NULL || s->res.dq_over_q > 0.0;
    f->ndata += s->n;
    if (index)
        *index = (int)f->nsets;
    f->nsets++;
    il_refl_work_free(&f->main_work);
    return IL_OK;
}

il_status il_refl_fit_add_param(il_refl_fit *f, const char *name, double value, double lo,
                                double hi, int *index, il_error *err)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi))
        return il_error_set(err, IL_ERR_INVALID, "parameter '%s': bounds [%g, %g] need lo < hi",
                            name, lo, hi);
    if (!(value >= lo && value <= hi))
        return il_error_set(err, IL_ERR_INVALID,
                            "parameter '%s': start value %g is outside [%g, %g]", name, value, lo,
                            hi);
    size_t n = f->npar + 1;
    const il_grow_slot cols[] = {IL_GROW_SLOT(f->pname), IL_GROW_SLOT(f->p), IL_GROW_SLOT(f->lo),
                                 IL_GROW_SLOT(f->hi)};
    il_status gs = il_grow_arrays(cols, 4, n, err);
    if (gs)
        return gs;
    snprintf(f->pname[f->npar], sizeof f->pname[0], "%s", name ? name : "p");
    f->p[f->npar] = value;
    f->lo[f->npar] = lo;
    f->hi[f->npar] = hi;
    if (index)
        *index = (int)f->npar;
    f->npar = n;
    return IL_OK;
}

il_status il_refl_fit_bind(il_refl_fit *f, int param, int dataset, int layer, il_refl_quantity q,
                           il_error *err)
{
    if (param < 0 || (size_t)param >= f->npar)
        return il_error_set(err, IL_ERR_INVALID, "no parameter %d", param);
    if (dataset >= (int)f->nsets)
        return il_error_set(err, IL_ERR_INVALID, "no dataset %d", dataset);
    int layerless = q == IL_REFL_P_SCALE || q == IL_REFL_P_BACKGROUND || q == IL_REFL_P_DQ_OVER_Q;
    for (size_t d = 0; d < f->nsets; d++) {
        if (dataset >= 0 && (int)d != dataset)
            continue;
        if (!layerless && (layer < 0 || (size_t)layer >= f->sets[d].nl))
            return il_error_set(err, IL_ERR_INVALID,
                                "parameter '%s': dataset %zu has no layer %d", f->pname[param], d,
                                layer);
        if ((q == IL_REFL_P_DENSITY || q == IL_REFL_P_LI6) && f->sets[d].layers[layer].comp.n == 0)
            return il_error_set(err, IL_ERR_INVALID,
                                "parameter '%s': layer '%s' has a fixed SLD, not a composition",
                                f->pname[param], f->sets[d].layers[layer].name);
        if (q == IL_REFL_P_DQ_OVER_Q && f->sets[d].dq)
            return il_error_set(err, IL_ERR_INVALID,
                                "parameter '%s': dataset '%s' has per-point dQ", f->pname[param],
                                f->sets[d].name);
    }
    il_status gs = IL_GROW_ARRAY(f->b, f->nb + 1, err);
    if (gs)
        return gs;
    f->b[f->nb++] = (il_refl_binding){param, dataset, layer, q};
    return IL_OK;
}

size_t il_refl_fit_nparams(const il_refl_fit *f) { return f->npar; }
size_t il_refl_fit_npoints(const il_refl_fit *f) { return f->ndata; }
const char *il_refl_fit_param_name(const il_refl_fit *f, int i)
{
    return i >= 0 && (size_t)i < f->npar ? f->pname[i] : NULL;
}
const double *il_refl_fit_values(const il_refl_fit *f) { return f->p; }

il_status il_refl_work_init(const il_refl_fit *f, il_refl_work *w, il_error *err)
{
    size_t nl = 2, nd = 1, ng = 1;
    for (size_t d = 0; d < f->nsets; d++) {
        size_t g = il_refl_smear_plan_nodes(f->sets[d].plan);
        if (g > ng)
            ng = g;
        if (f->sets[d].nl > nl)
            nl = f->sets[d].nl;
        if (f->sets[d].n > nd)
            nd = f->sets[d].n;
    }
    w->layers = malloc(nl * sizeof *w->layers);
    w->slabs = malloc(nl * sizeof *w->slabs);
    w->model = malloc(nd * sizeof *w->model);
    w->grid = malloc(ng * sizeof *w->grid);
    if (!w->layers || !w->slabs || !w->model || !w->grid) {
        il_refl_work_free(w);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    return IL_OK;
}

void il_refl_work_free(il_refl_work *w)
{
    free(w->layers);
    free(w->slabs);
    free(w->model);
    free(w->grid);
    memset(w, 0, sizeof *w);
}

/* Applies the parameters to dataset d: model layers into w->layers and w->slabs. */
static il_status build_model(const il_refl_fit *f, size_t d, const double *p, il_refl_work *w,
                             double *scale, double *bg, double *dqq, il_error *err)
{
    const il_refl_fit_set *s = &f->sets[d];
    memcpy(w->layers, s->layers, s->nl * sizeof *s->layers);
    *scale = s->scale;
    *bg = s->background;
    *dqq = s->res.dq_over_q;
    for (size_t k = 0; k < f->nb; k++) {
        const il_refl_binding *b = &f->b[k];
        if (b->dataset >= 0 && (size_t)b->dataset != d)
            continue;
        double v = p[b->param];
        il_refl_layer_model *L = b->layer >= 0 && (size_t)b->layer < s->nl ? &w->layers[b->layer]
                                                                           : NULL;
        switch (b->q) {
        case IL_REFL_P_THICKNESS: L->thickness_A = v; break;
        case IL_REFL_P_ROUGHNESS: L->roughness_A = v; break;
        case IL_REFL_P_SLD_RE: L->sld_re_1e6 = v; break;
        case IL_REFL_P_SLD_IM: L->sld_im_1e6 = v; break;
        case IL_REFL_P_DENSITY: L->density_g_cm3 = v; break;
        case IL_REFL_P_LI6: L->li6_fraction = v; break;
        case IL_REFL_P_SCALE: *scale = v; break;
        case IL_REFL_P_BACKGROUND: *bg = v; break;
        case IL_REFL_P_DQ_OVER_Q: *dqq = v; break;
        }
    }
    for (size_t j = 0; j < s->nl; j++) {
        il_refl_layer_model *L = &w->layers[j];
        double re, im;
        il_status st = il_refl_layer_sld(L, &s->probe, &re, &im, err);
        if (st)
            return st;
        w->slabs[j] = (il_refl_slab){L->thickness_A < 0 ? 0 : L->thickness_A, re, im,
                                     L->roughness_A < 0 ? 0 : L->roughness_A};
    }
    return IL_OK;
}

static il_status eval_set(const il_refl_fit *f, size_t d, const double *p, il_refl_work *w,
                          double *quad_err, il_error *err)
{
    const il_refl_fit_set *s = &f->sets[d];
    double scale, bg, dqq;
    il_status st = build_model(f, d, p, w, &scale, &bg, &dqq, err);
    if (st)
        return st;
    if (s->plan) {
        if (quad_err) /* measured against the exact path by il_refl_fit_check_plans */
            *quad_err = 0.0;
        return il_refl_smear_plan_eval(s->plan, w->slabs, s->nl, scale, bg, w->grid, w->model,
                                       err);
    }
    if (s->smeared) {
        il_refl_resolution res = s->res;
        res.dq_over_q = dqq;
        return il_refl_smeared(w->slabs, s->nl, s->q, s->dq, s->n, &res, scale, bg, w->model,
                               quad_err, err);
    }
    if (quad_err)
        *quad_err = 0.0;
    return il_refl_reflectivity(w->slabs, s->nl, s->q, s->n, scale, bg, w->model, err);
}

il_status il_refl_fit_residuals(const il_refl_fit *f, const double *p, il_refl_work *w,
                                double *resid, double *quad_err, il_error *err)
{
    size_t k = 0;
    double worst = 0.0;
    w->evals++;
    for (size_t d = 0; d < f->nsets; d++) {
        const il_refl_fit_set *s = &f->sets[d];
        double qe = 0.0;
        il_status st = eval_set(f, d, p, w, quad_err ? &qe : NULL, err);
        if (st)
            return st;
        if (qe > worst)
            worst = qe;
        for (size_t i = 0; i < s->n; i++)
            resid[k++] = (w->model[i] - s->r[i]) * s->w[i];
    }
    if (quad_err)
        *quad_err = worst;
    return IL_OK;
}

il_status il_refl_fit_ensure_work(il_refl_fit *f, il_error *err)
{
    if (f->main_work.model)
        return IL_OK;
    return il_refl_work_init(f, &f->main_work, err);
}

il_status il_refl_fit_chi2(il_refl_fit *f, const double *p, double *chi2, il_error *err)
{
    il_status st = il_refl_fit_ensure_work(f, err);
    if (st)
        return st;
    double *r = malloc((f->ndata ? f->ndata : 1) * sizeof *r);
    if (!r)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    st = il_refl_fit_residuals(f, p ? p : f->p, &f->main_work, r, NULL, err);
    double c = 0.0;
    for (size_t i = 0; i < f->ndata && !st; i++)
        c += r[i] * r[i];
    free(r);
    if (!st)
        *chi2 = c;
    return st;
}

il_status il_refl_fit_curve(il_refl_fit *f, int dataset, const double *p, double *r_out,
                            il_error *err)
{
    if (dataset < 0 || (size_t)dataset >= f->nsets)
        return il_error_set(err, IL_ERR_INVALID, "no dataset %d", dataset);
    il_status st = il_refl_fit_ensure_work(f, err);
    if (st || (st = eval_set(f, (size_t)dataset, p ? p : f->p, &f->main_work, NULL, err)))
        return st;
    memcpy(r_out, f->main_work.model, f->sets[dataset].n * sizeof *r_out);
    return IL_OK;
}

il_status il_refl_fit_slabs(il_refl_fit *f, int dataset, const double *p,
                            const il_refl_slab **slabs, size_t *n, il_error *err)
{
    if (dataset < 0 || (size_t)dataset >= f->nsets)
        return il_error_set(err, IL_ERR_INVALID, "no dataset %d", dataset);
    il_status st = il_refl_fit_ensure_work(f, err);
    double scale, bg, dqq;
    if (st || (st = build_model(f, (size_t)dataset, p ? p : f->p, &f->main_work, &scale, &bg,
                                &dqq, err)))
        return st;
    *slabs = f->main_work.slabs;
    *n = f->sets[dataset].nl;
    return IL_OK;
}

void il_refl_fit_result_free(il_refl_fit_result *res)
{
    if (!res)
        return;
    free(res->value);
    free(res->sigma);
    free(res->corr);
    free(res->tau);
    free(res->samples);
    memset(res, 0, sizeof *res);
}

/* Smeared datasets without a fixed rule: double the quadrature points (17, 33, ... 1025) at the
 * starting parameters until the estimated relative error is below 1e-4 (well under typical
 * relative dR), then keep that rule for the whole run so the objective stays smooth. */
il_status il_refl_fit_choose_points(il_refl_fit *f, il_error *err)
{
    for (size_t d = 0; d < f->nsets; d++) {
        il_refl_fit_set *s = &f->sets[d];
        if (!s->smeared || !s->auto_points || s->plan)
            continue;
        for (int n = 17;; n = 2 * n - 1) {
            s->res.points = n;
            double qe = 0.0;
            il_status st = eval_set(f, d, f->p, &f->main_work, &qe, err);
            if (st)
                return st;
            if (qe < 1e-4 || n >= 1025)
                break;
        }
    }
    return IL_OK;
}


/* 1e-3 of the smallest relative error bar of the set (the fitting resolution's accuracy), kept
 * within [1e-9, 1e-3]. */
static double plan_accuracy(const il_refl_fit_set *s)
{
    double rel = 1.0;
    for (size_t i = 0; i < s->n; i++)
        if (s->r[i] != 0.0 && s->w[i] > 0.0)
            rel = fmin(rel, 1.0 / (s->w[i] * fabs(s->r[i])));
    return fmax(1e-9, fmin(1e-3, 1e-3 * rel));
}

static int dq_fitted(const il_refl_fit *f, size_t d)
{
    for (size_t k = 0; k < f->nb; k++)
        if (f->b[k].q == IL_REFL_P_DQ_OVER_Q && (f->b[k].dataset < 0 || (size_t)f->b[k].dataset == d))
            return 1;
    return 0;
}

il_status il_refl_fit_make_plans(il_refl_fit *f, int exact, il_error *err)
{
    il_status st = il_refl_fit_ensure_work(f, err);
    for (size_t d = 0; d < f->nsets && !st; d++) {
        il_refl_fit_set *s = &f->sets[d];
        il_refl_smear_plan_free(s->plan);
        s->plan = NULL;
        if (exact || !s->smeared || !s->auto_points || dq_fitted(f, d))
            continue;
        double scale, bg, dqq;
        st = build_model(f, d, f->p, &f->main_work, &scale, &bg, &dqq, err);
        if (st)
            break;
        il_refl_resolution res = s->res;
        res.dq_over_q = dqq;
        s->plan_accuracy = plan_accuracy(s);
        st = il_refl_smear_plan_new(s->q, s->dq, s->n, &res, f->main_work.slabs, s->nl,
                                    s->plan_accuracy, &s->plan, err);
        if (st == IL_ERR_NUMERIC) { /* no grid reached the accuracy: per-point rules instead */
            if (err)
                memset(err, 0, sizeof *err);
            st = IL_OK;
        }
    }
    il_refl_work_free(&f->main_work); /* its grid buffer follows the plans */
    return st ? st : il_refl_fit_ensure_work(f, err);
}

il_status il_refl_fit_check_plans(il_refl_fit *f, const double *p, double *error,
                                  double *accuracy, size_t *nodes, il_error *err)
{
    *error = 0.0;
    *accuracy = 0.0;
    *nodes = 0;
    il_status st = il_refl_fit_ensure_work(f, err);
    for (size_t d = 0; d < f->nsets && !st; d++) {
        il_refl_fit_set *s = &f->sets[d];
        if (!s->plan)
            continue;
        double scale, bg, dqq, e = 0.0;
        st = build_model(f, d, p, &f->main_work, &scale, &bg, &dqq, err);
        if (!st)
            st = il_refl_smear_plan_check(s->plan, f->main_work.slabs, s->nl, &e, err);
        *error = fmax(*error, e);
        *accuracy = fmax(*accuracy, s->plan_accuracy);
        *nodes += il_refl_smear_plan_nodes(s->plan);
    }
    return st;
}
