/* Reflectivity fit problems: datasets with their models, parameters bound to model quantities,
 * residuals and χ², covariance, and the driver that runs an engine (refl_fit_{lm,de,mcmc}.c). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/gsl_errors.h"
#include "interlayer/scattering.h"
#include "probes/refl/refl_fit_priv.h"

#ifdef _OPENMP
#include <omp.h>
#endif

il_refl_fit *il_refl_fit_new(void) { return calloc(1, sizeof(il_refl_fit)); }

static void set_free(il_refl_fit_set *s)
{
    free(s->q);
    free(s->r);
    free(s->w);
    free(s->dq);
    free(s->layers);
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
    o->de_tol = 1e-6;
    o->mcmc_steps = 2000;
}

il_status il_refl_layer_sld(const il_refl_layer_model *l, const il_refl_probe *p, double *re,
                            double *im, il_error *err)
{
    if (l->ncomp == 0) {
        *re = l->sld_re_1e6;
        *im = l->sld_im_1e6;
        return IL_OK;
    }
    if (l->ncomp > IL_REFL_COMP_MAX)
        return il_error_set(err, IL_ERR_INVALID, "layer '%s': more than %d components", l->name,
                            IL_REFL_COMP_MAX);
    /* natural Li split into 6Li / 7Li when a fraction is set */
    int Z[2 * IL_REFL_COMP_MAX], A[2 * IL_REFL_COMP_MAX];
    double n[2 * IL_REFL_COMP_MAX];
    size_t k = 0;
    for (size_t i = 0; i < l->ncomp; i++) {
        if (l->li6_fraction >= 0.0 && l->Z[i] == 3 && l->A[i] == 0) {
            double x = l->li6_fraction > 1.0 ? 1.0 : l->li6_fraction;
            Z[k] = 3, A[k] = 6, n[k++] = l->atoms[i] * x;
            Z[k] = 3, A[k] = 7, n[k++] = l->atoms[i] * (1.0 - x);
        } else {
            Z[k] = l->Z[i], A[k] = l->A[i], n[k++] = l->atoms[i];
        }
    }
    il_status st;
    if (p->probe == IL_REFL_XRAY)
        st = il_sld_xray(Z, A, n, k, l->density_g_cm3, 0.0,
                         p->energy_keV > 0 ? p->energy_keV : IL_XRAY_CU_KA_keV, re, im, err);
    else
        st = il_sld_neutron(Z, A, n, k, l->density_g_cm3, 0.0,
                            p->wavelength_A > 0 ? p->wavelength_A
                                                : IL_NEUTRON_THERMAL_WAVELENGTH_A,
                            0, re, im, err);
    if (st)
        il_error_prefix(err, "layer '%s': ", l->name);
    return st;
}

il_status il_refl_fit_add_dataset(il_refl_fit *f, const il_refl_dataset *data,
                                  const il_refl_layer_model *layers, size_t nlayers,
                                  const il_refl_probe *probe, double scale, double background,
                                  const il_refl_resolution *res, int *index, il_error *err)
{
    if (!f || !data || !layers || nlayers < 2 || data->n == 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "a fit dataset needs data points and at least 2 model layers");
    il_refl_fit_set *ns = realloc(f->sets, (f->nsets + 1) * sizeof *ns);
    if (!ns)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    f->sets = ns;
    il_refl_fit_set *s = &f->sets[f->nsets];
    memset(s, 0, sizeof *s);
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
            s->dq[i] = data->dq_kind == IL_REFL_DQ_FWHM ? data->dq[i] / IL_REFL_FWHM_PER_SIGMA
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
    char(*pn)[64] = realloc(f->pname, n * sizeof *pn);
    if (pn)
        f->pname = pn;
    double *p = realloc(f->p, n * sizeof *p);
    if (p)
        f->p = p;
    double *l = realloc(f->lo, n * sizeof *l);
    if (l)
        f->lo = l;
    double *h = realloc(f->hi, n * sizeof *h);
    if (h)
        f->hi = h;
    if (!pn || !p || !l || !h)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
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
        if ((q == IL_REFL_P_DENSITY || q == IL_REFL_P_LI6) && f->sets[d].layers[layer].ncomp == 0)
            return il_error_set(err, IL_ERR_INVALID,
                                "parameter '%s': layer '%s' has a fixed SLD, not a composition",
                                f->pname[param], f->sets[d].layers[layer].name);
        if (q == IL_REFL_P_DQ_OVER_Q && f->sets[d].dq)
            return il_error_set(err, IL_ERR_INVALID,
                                "parameter '%s': dataset '%s' has per-point dQ", f->pname[param],
                                f->sets[d].name);
    }
    il_refl_binding *nb = realloc(f->b, (f->nb + 1) * sizeof *nb);
    if (!nb)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    f->b = nb;
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
    size_t nl = 2, nd = 1;
    for (size_t d = 0; d < f->nsets; d++) {
        if (f->sets[d].nl > nl)
            nl = f->sets[d].nl;
        if (f->sets[d].n > nd)
            nd = f->sets[d].n;
    }
    w->layers = malloc(nl * sizeof *w->layers);
    w->slabs = malloc(nl * sizeof *w->slabs);
    w->model = malloc(nd * sizeof *w->model);
    if (!w->layers || !w->slabs || !w->model) {
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

double il_refl_fit_chi2_w(const il_refl_fit *f, const double *p, il_refl_work *w)
{
    double chi2 = 0.0;
    for (size_t d = 0; d < f->nsets; d++) {
        const il_refl_fit_set *s = &f->sets[d];
        if (eval_set(f, d, p, w, NULL, NULL))
            return INFINITY;
        for (size_t i = 0; i < s->n; i++) {
            double r = (w->model[i] - s->r[i]) * s->w[i];
            chi2 += r * r;
        }
    }
    return isfinite(chi2) ? chi2 : INFINITY;
}

static il_status ensure_work(il_refl_fit *f, il_error *err)
{
    if (f->main_work.model)
        return IL_OK;
    return il_refl_work_init(f, &f->main_work, err);
}

il_status il_refl_fit_chi2(il_refl_fit *f, const double *p, double *chi2, il_error *err)
{
    il_status st = ensure_work(f, err);
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
    il_status st = ensure_work(f, err);
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
    il_status st = ensure_work(f, err);
    double scale, bg, dqq;
    if (st || (st = build_model(f, (size_t)dataset, p ? p : f->p, &f->main_work, &scale, &bg,
                                &dqq, err)))
        return st;
    *slabs = f->main_work.slabs;
    *n = f->sets[dataset].nl;
    return IL_OK;
}

il_status il_refl_fit_covariance(il_refl_fit *f, const double *p, double *sigma, double *corr,
                                 il_error *err)
{
    size_t n = f->ndata, m = f->npar;
    il_status st = ensure_work(f, err);
    if (st)
        return st;
    double *J = malloc(n * m * sizeof *J), *r1 = malloc(n * sizeof *r1);
    double *r2 = malloc(n * sizeof *r2), *pp = malloc(m * sizeof *pp);
    gsl_matrix *A = gsl_matrix_alloc(m, m), *V = gsl_matrix_alloc(m, m);
    gsl_vector *S = gsl_vector_alloc(m), *work = gsl_vector_alloc(m);
    if (!J || !r1 || !r2 || !pp || !A || !V || !S || !work) {
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        goto done;
    }
    memcpy(pp, p, m * sizeof *pp);
    for (size_t k = 0; k < m && !st; k++) {
        /* central differences; step small against both the value and the allowed range */
        double h = 1e-5 * fmax(fabs(p[k]), 1e-3 * (f->hi[k] - f->lo[k]));
        pp[k] = p[k] + h;
        st = il_refl_fit_residuals(f, pp, &f->main_work, r1, NULL, err);
        pp[k] = p[k] - h;
        if (!st)
            st = il_refl_fit_residuals(f, pp, &f->main_work, r2, NULL, err);
        pp[k] = p[k];
        for (size_t i = 0; i < n && !st; i++)
            J[i * m + k] = (r1[i] - r2[i]) / (2.0 * h);
    }
    if (st)
        goto done;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double s = 0.0;
            for (size_t i = 0; i < n; i++)
                s += J[i * m + a] * J[i * m + b];
            gsl_matrix_set(A, a, b, s);
        }
    /* (JᵀJ)⁻¹ by SVD of the equilibrated matrix D A D, D = diag(1/sqrt(A_kk)): parameters
     * differ by many orders of magnitude (background 1e-7, thickness 1e2), and without the
     * scaling the cut-off below would drop well-determined directions. Directions the data do
     * not constrain (relative singular value < 1e-12) are dropped. */
    double *dsc = pp; /* reuse: the parameter vector is no longer needed */
    for (size_t a = 0; a < m; a++) {
        double d = gsl_matrix_get(A, a, a);
        dsc[a] = d > 0.0 ? 1.0 / sqrt(d) : 1.0;
    }
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            gsl_matrix_set(A, a, b, gsl_matrix_get(A, a, b) * dsc[a] * dsc[b]);
    gsl_linalg_SV_decomp(A, V, S, work);
    double smax = gsl_vector_get(S, 0);
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double c = 0.0;
            for (size_t k = 0; k < m; k++) {
                double sk = gsl_vector_get(S, k);
                if (sk > 1e-12 * smax)
                    c += gsl_matrix_get(V, a, k) * gsl_matrix_get(A, b, k) / sk;
            }
            corr[a * m + b] = c * dsc[a] * dsc[b]; /* covariance for now */
        }
    for (size_t a = 0; a < m; a++)
        sigma[a] = sqrt(fmax(corr[a * m + a], 0.0));
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double d = sigma[a] * sigma[b];
            corr[a * m + b] = d > 0.0 ? corr[a * m + b] / d : (a == b ? 1.0 : 0.0);
        }
done:
    free(J);
    free(r1);
    free(r2);
    free(pp);
    if (A)
        gsl_matrix_free(A);
    if (V)
        gsl_matrix_free(V);
    if (S)
        gsl_vector_free(S);
    if (work)
        gsl_vector_free(work);
    return st;
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
static il_status choose_points(il_refl_fit *f, il_error *err)
{
    for (size_t d = 0; d < f->nsets; d++) {
        il_refl_fit_set *s = &f->sets[d];
        if (!s->smeared || !s->auto_points)
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

il_status il_refl_fit_run(il_refl_fit *f, const il_refl_fit_opts *opts, il_refl_fit_result *res,
                          il_error *err)
{
    memset(res, 0, sizeof *res);
    if (!f || f->nsets == 0 || f->npar == 0)
        return il_error_set(err, IL_ERR_INVALID, "nothing to fit: no dataset or no parameter");
    il_gsl_errors_off();
    il_refl_fit_opts o;
    if (opts)
        o = *opts;
    else
        il_refl_fit_opts_init(&o);
    il_status st = ensure_work(f, err);
    if (!st)
        st = choose_points(f, err);
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
    int it = 0, conv = 0;
    if (o.engine == IL_REFL_FIT_DE) {
        st = il_refl_fit_de(f, &o, p, &it, &conv, err);
        int it2 = 0, conv2 = 0;
        if (!st) /* polish: the optimum's curvature gives the uncertainties */
            st = il_refl_fit_lm(f, &o, p, &it2, &conv2, err);
    } else {
        st = il_refl_fit_lm(f, &o, p, &it, &conv, err);
    }
    if (!st)
        st = il_refl_fit_covariance(f, p, res->sigma, res->corr, err);
    if (!st && o.engine == IL_REFL_FIT_MCMC) {
        st = il_refl_fit_mcmc(f, &o, p, res->sigma, res, err);
        if (!st)
            memcpy(p, res->value, m * sizeof *p);
    } else if (!st) {
        memcpy(res->value, p, m * sizeof *p);
        res->iterations = it;
        res->converged = conv;
    }
    if (!st) {
        double *r = malloc(f->ndata * sizeof *r);
        if (!r)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        else
            st = il_refl_fit_residuals(f, p, &f->main_work, r, &res->quad_err, err);
        double c = 0.0;
        for (size_t i = 0; i < f->ndata && !st; i++)
            c += r[i] * r[i];
        free(r);
        res->chi2 = c;
        res->chi2_red = f->ndata > m ? c / (double)(f->ndata - m) : NAN;
        if (!st)
            memcpy(f->p, p, m * sizeof *p);
    }
    free(p);
    if (st)
        il_refl_fit_result_free(res);
    return st;
}

void il_refl_fit_eval_rows(const il_refl_fit *f, il_refl_point_fn fn, const double *x, size_t n,
                           double *out, il_refl_work *works, int nt)
{
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic) num_threads(nt)
#endif
    for (long i = 0; i < (long)n; i++) {
#ifdef _OPENMP
        int t = omp_get_thread_num();
#else
        int t = 0;
#endif
        out[i] = fn(f, x + (size_t)i * f->npar, &works[t]);
    }
    (void)nt;
}

int il_refl_fit_threads(const il_refl_fit_opts *o)
{
#ifdef _OPENMP
    return o->nthreads > 0 ? o->nthreads : omp_get_max_threads();
#else
    (void)o;
    return 1;
#endif
}
