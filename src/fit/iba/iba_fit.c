/* The whole IBA fit (include/interlayer/iba_fit.h): terms of the IBA probe, one per spectrum,
 * the parameters with their default bounds, the engine, the uncertainties and the fitted
 * spectra. No optimiser of its own: fit_stack.h and fit.h do the work. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "fit/fit_stack_priv.h"
#include "fit/iba/iba_gof.h"
#include "interlayer/iba_fit.h"

void il_iba_fit_options_default(il_iba_fit_options *o)
{
    memset(o, 0, sizeof *o);
    o->engine = IL_IBA_FIT_LM;
    o->reweight = 1;
    o->seed = 1;
}

void il_iba_fit_result_free(il_iba_fit_result *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->start);
    il_fit_stack_result_free(&r->fit);
    il_stack_free(r->stack);
    for (size_t k = 0; k < r->n_spectra && r->model; k++)
        il_iba_spectrum_free(r->model[k]);
    free(r->model);
    free(r->options);
    free(r->chi2_expected);
    free(r->chi2_expected_sd);
    memset(r, 0, sizeof *r);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Bounds a physicist would accept without thinking, by what the target is (see the header). */
static void default_bounds(const char *t, double v, double *lo, double *hi)
{
    double a = fabs(v) > 0 ? fabs(v) : 1.0;
    if (ends_with(t, ":cal_offset_keV"))
        *lo = v - 200.0, *hi = v + 200.0;
    else if (ends_with(t, ":cal_gain_keV"))
        *lo = 0.5 * a, *hi = 2.0 * a;
    else if (ends_with(t, ":cal_quad_keV"))
        *lo = v - 1e-3, *hi = v + 1e-3;
    else if (ends_with(t, ":resolution_keV") || ends_with(t, ":spread_keV"))
        *lo = 0.0, *hi = 5.0 * a + 50.0;
    else if (ends_with(t, ":scale"))
        *lo = a / 10.0, *hi = a * 10.0;
    else if (strstr(t, ".iso:") || ends_with(t, ".li6_fraction"))
        *lo = 0.0, *hi = 1.0;
    else if (ends_with(t, ".roughness_nm"))
        *lo = 0.0, *hi = 5.0 * a + 10.0;
    else
        *lo = a / 20.0, *hi = a * 20.0;
}

/* The fit definition with channel weights sigma^2 = max(w, 1), w the data (model NULL) or the
 * model of an earlier pass. */
static il_status build(const il_stack *stack, const il_iba_fit_spectrum *sp, size_t ns,
                       il_probe *const *probes, const il_iba_fit_param *params, size_t np,
                       const double *start, const double *lower, const double *upper,
                       double *const *model, il_fit_stack **out, il_error *err)
{
    il_fit_stack *f;
    il_status st = il_fit_stack_new(stack, &f, err);
    if (st)
        return st;
    for (size_t k = 0; k < ns && !st; k++) {
        size_t first = sp[k].first, last = sp[k].last ? sp[k].last : sp[k].channels - 1;
        size_t n = last - first + 1;
        double *buf = malloc(3 * n * sizeof *buf);
        if (!buf) {
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
            break;
        }
        double *axis = buf, *val = buf + n, *sig = buf + 2 * n;
        for (size_t i = 0; i < n; i++) {
            axis[i] = (double)(first + i);
            val[i] = sp[k].counts[first + i];
            double w = model ? model[k][i] : val[i];
            sig[i] = sqrt(fmax(w, 1.0));
        }
        char name[32];
        snprintf(name, sizeof name, "iba%zu", k + 1);
        st = il_fit_stack_add_term(f, sp[k].name ? sp[k].name : name, probes[k], axis, val, sig,
                                   n, 1.0, err);
        free(buf);
    }
    for (size_t j = 0; j < np && !st; j++) {
        st = il_fit_stack_add_param(f, params[j].target, params[j].target, start[j], lower[j],
                                    upper[j], NULL, err);
        for (size_t t = 0; t < 8 && params[j].ties[t] && !st; t++)
            st = il_fit_stack_tie(f, params[j].target, params[j].ties[t], err);
    }
    IL_RETURN_BUILT(st, f, il_fit_stack_free, out);
}

/* Checks the spectra and makes one probe each. */
static il_status make_probes(const il_iba_fit_spectrum *sp, size_t ns, il_probe **probes,
                             il_error *err)
{
    for (size_t k = 0; k < ns; k++) {
        if (!sp[k].options || !sp[k].counts || sp[k].channels == 0)
            return il_error_set(err, IL_ERR_INVALID, "iba fit: spectrum %zu has no data", k + 1);
        size_t last = sp[k].last ? sp[k].last : sp[k].channels - 1;
        if (sp[k].first > last || last >= sp[k].channels)
            return il_error_set(err, IL_ERR_INVALID, "iba fit: spectrum %zu: channels %zu..%zu "
                                "outside its 0..%zu", k + 1, sp[k].first, last,
                                sp[k].channels - 1);
        for (size_t i = 0; i < sp[k].channels; i++)
            if (!(sp[k].counts[i] >= 0.0) || !isfinite(sp[k].counts[i]))
                return il_error_set(err, IL_ERR_INVALID, "iba fit: spectrum %zu, channel %zu: "
                                    "count %g is not a number of counts", k + 1, i,
                                    sp[k].counts[i]);
        il_iba_options o = *sp[k].options;
        o.channels = sp[k].channels;
        il_status st = il_probe_iba_new(&o, &probes[k], err);
        if (st)
            return st;
    }
    return IL_OK;
}

/* Runs the chosen engine from p0; the best point goes into p. */
static il_status run_engine(il_fit_stack *f, const il_iba_fit_options *o, double *p,
                            il_iba_fit_result *out, il_error *err)
{
    il_fit_problem pb;
    double *p0 = malloc(il_fit_stack_n_free(f) * sizeof *p0);
    if (!p0)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st = il_fit_stack_problem(f, &pb, p0, err);
    il_fit_result r = {0};
    if (!st && o->engine == IL_IBA_FIT_DE) {
        il_fit_de_options de;
        il_fit_de_options_default(&de);
        de.seed = o->seed;
        if (o->generations > 0)
            de.max_gen = o->generations;
        de.nthreads = 1;
        if (!(st = il_fit_de(&pb, p0, &de, &r, err)))
            memcpy(p0, r.value, pb.n_params * sizeof *p0);
        out->evaluations += r.evaluations;
        il_fit_result_free(&r);
        memset(&r, 0, sizeof r);
    }
    if (!st) {
        /* LM refines (after DE: polishes DE's best point; before MCMC: finds its start) */
        il_fit_lm_options lm;
        il_fit_lm_options_default(&lm);
        if (o->max_iter > 0)
            lm.max_iter = o->max_iter;
        st = il_fit_lm(&pb, p0, &lm, &r, err);
    }
    if (!st && o->engine == IL_IBA_FIT_MCMC) {
        /* walkers start in a ball of the LM uncertainties around the LM optimum */
        il_fit_stack_result lin = {0};
        memcpy(p0, r.value, pb.n_params * sizeof *p0);
        out->evaluations += r.evaluations;
        il_fit_result_free(&r);
        memset(&r, 0, sizeof r);
        st = il_fit_stack_result_at(f, p0, &lin, err);
        il_fit_mcmc_options mc;
        il_fit_mcmc_options_default(&mc);
        mc.seed = o->seed;
        mc.steps = o->steps > 0 ? o->steps : 400;
        mc.walkers = o->walkers;
        mc.nthreads = 1;
        if (!st)
            st = il_fit_mcmc(&pb, p0, lin.sigma, &mc, &r, err);
        il_fit_stack_result_free(&lin);
        out->acceptance = r.acceptance;
    }
    if (!st) {
        memcpy(p, r.value, pb.n_params * sizeof *p);
        out->iterations = r.iterations;
        out->evaluations += r.evaluations;
        out->converged = r.converged;
        if (o->engine == IL_IBA_FIT_MCMC) {
            /* the posterior's own spread and correlations replace the linearised ones */
            st = il_fit_stack_result_at(f, p, &out->fit, err);
            if (!st) {
                memcpy(out->fit.sigma, r.sigma, pb.n_params * sizeof *p);
                memcpy(out->fit.corr, r.corr, pb.n_params * pb.n_params * sizeof *p);
            }
        }
    }
    il_fit_result_free(&r);
    free(p0);
    return st;
}

/* Fitted options of spectrum k: the probe's parameters at the fit. */
static il_status fitted_options(const il_fit_stack *f, size_t k, const il_iba_options *in,
                                il_iba_options *o, il_error *err)
{
    *o = *in;
    const il_probe *p = f->terms[k].probe;
    double v[6];
    static const char *const names[6] = {"scale",          "cal_offset_keV", "cal_gain_keV",
                                         "cal_quad_keV",   "resolution_keV", "spread_keV"};
    for (int i = 0; i < 6; i++) {
        il_status st = il_probe_get(p, names[i], &v[i], err);
        if (st)
            return st;
    }
    o->fluence = in->fluence * v[0];
    o->cal_offset_keV = v[1];
    o->cal_gain_keV = v[2];
    o->cal_quad_keV = v[3];
    o->resolution_keV = v[4];
    o->energy_spread_keV = v[5];
    return IL_OK;
}

/* The fitted stack, options and spectra at p. */
static il_status finish(il_fit_stack *f, const il_iba_fit_spectrum *sp, size_t ns,
                        const double *p, il_iba_fit_result *out, il_error *err)
{
    il_status st = il_fit_stack_apply(f, p, &out->stack, err);
    if (st)
        return st;
    /* set the probes' parameters (il_fit_stack_apply sets the stack's only) */
    il_stack *scratch;
    il_probe **probes = malloc(f->n_terms * sizeof *probes);
    if (!probes)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < f->n_terms; k++)
        probes[k] = f->terms[k].probe;
    if ((st = il_stack_clone(f->base, &scratch, err)) == IL_OK) {
        st = il_fs_apply_all(f, p, scratch, probes, err);
        il_stack_free(scratch);
    }
    free(probes);
    out->n_spectra = ns;
    out->options = calloc(ns, sizeof *out->options);
    out->model = calloc(ns, sizeof *out->model);
    if (!st && (!out->options || !out->model))
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < ns && !st; k++) {
        st = fitted_options(f, k, sp[k].options, &out->options[k], err);
        out->options[k].channels = sp[k].channels;
        if (!st)
            st = il_iba_simulate(out->stack, &out->options[k], &out->model[k], err);
    }
    return st;
}

/* Each term's model at p (the stack's and the probes' parameters set), into model[k]. */
static il_status models_at(const il_fit_stack *f, const double *p, double **model, il_error *err)
{
    il_probe **c = calloc(f->n_terms, sizeof *c);
    il_stack *s = NULL;
    il_status st = c ? il_stack_clone(f->base, &s, err)
                     : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < f->n_terms && !st; k++)
        st = il_probe_clone(f->terms[k].probe, &c[k], err);
    if (!st)
        st = il_fs_apply_all(f, p, s, c, err);
    for (size_t k = 0; k < f->n_terms && !st; k++) {
        if (!(model[k] = malloc(f->terms[k].n * sizeof *model[k])))
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        if (!st)
            st = il_probe_prepare(c[k], s, err);
        if (!st)
            st = il_probe_forward(c[k], f->terms[k].axis, f->terms[k].n, model[k], err);
    }
    for (size_t k = 0; c && k < f->n_terms; k++)
        il_probe_free(c[k]);
    free(c);
    il_stack_free(s);
    return st;
}

/* The chi2 expected for Poisson counts drawn from the model at p, with the final pass's weights:
 * max(wmodel, 1) (reweighted) or max(n, 1) (wmodel NULL). See iba_fit.h. */
static il_status expectation(const il_fit_stack *f, const double *p, double *const *wmodel,
                             il_iba_fit_result *out, il_error *err)
{
    size_t ns = f->n_terms, all = 0, nfree = il_fit_stack_n_free(f);
    double **mu = calloc(ns, sizeof *mu);
    out->chi2_expected = calloc(ns, sizeof *out->chi2_expected);
    out->chi2_expected_sd = calloc(ns, sizeof *out->chi2_expected_sd);
    il_status st = mu && out->chi2_expected && out->chi2_expected_sd
                       ? models_at(f, p, mu, err)
                       : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < ns; k++)
        all += f->terms[k].n;
    double tot = 0.0, var = 0.0;
    for (size_t k = 0; k < ns && !st; k++) {
        double m = 0.0, v = 0.0;
        for (size_t i = 0; i < f->terms[k].n; i++) {
            double a, b;
            il__iba_gof_channel(mu[k][i], wmodel ? fmax(wmodel[k][i], 1.0) : -1.0, &a, &b);
            m += a;
            v += b;
        }
        m -= (double)nfree * (double)f->terms[k].n / (double)all;
        out->chi2_expected[k] = m;
        out->chi2_expected_sd[k] = sqrt(v);
        tot += m;
        var += v;
    }
    out->chi2_expected_total = tot;
    out->chi2_expected_sd_total = sqrt(var);
    for (size_t k = 0; mu && k < ns; k++)
        free(mu[k]);
    free(mu);
    return st;
}

il_status il_iba_fit(const il_stack *stack, const il_iba_fit_spectrum *sp, size_t ns,
                     const il_iba_fit_param *params, size_t np, const il_iba_fit_options *o,
                     il_iba_fit_result *out, il_error *err)
{
    memset(out, 0, sizeof *out);
    out->engine = o->engine;
    if (ns == 0 || np == 0)
        return il_error_set(err, IL_ERR_INVALID, "iba fit: %s", ns ? "no free parameter"
                                                                    : "no spectrum");
    il_probe **probes = calloc(ns, sizeof *probes);
    double *buf = malloc(4 * np * sizeof *buf);
    double **model = calloc(ns, sizeof *model);
    out->name = calloc(np, sizeof *out->name);
    out->start = malloc(np * sizeof *out->start);
    il_fit_stack *f = NULL;
    il_status st = probes && buf && model && out->name && out->start
                       ? make_probes(sp, ns, probes, err)
                       : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    double *start = buf, *lower = buf + np, *upper = buf + 2 * np, *p = buf + 3 * np;
    /* starts and bounds: a definition with placeholder starts reads the current values */
    if (!st) {
        for (size_t j = 0; j < np; j++)
            start[j] = 1.0, lower[j] = 0.0, upper[j] = 2.0;
        il_fit_stack *probe_only;
        if (!(st = build(stack, sp, ns, probes, params, 0, start, lower, upper, NULL,
                         &probe_only, err))) {
            for (size_t j = 0; j < np && !st; j++) {
                double v = params[j].start;
                if (isnan(v))
                    st = il_fs_target_value(probe_only, params[j].target, &v, err);
                start[j] = v;
                default_bounds(params[j].target, v, &lower[j], &upper[j]);
                if (!isnan(params[j].lower))
                    lower[j] = params[j].lower;
                if (!isnan(params[j].upper))
                    upper[j] = params[j].upper;
                if (!st && !(lower[j] <= v && v <= upper[j] && lower[j] < upper[j]))
                    st = il_error_set(err, IL_ERR_INVALID, "iba fit: %s starts at %g, outside "
                                      "its bounds %g..%g", params[j].target, v, lower[j],
                                      upper[j]);
            }
            il_fit_stack_free(probe_only);
        }
    }
    if (!st)
        st = build(stack, sp, ns, probes, params, np, start, lower, upper, NULL, &f, err);
    if (!st) {
        out->n_params = il_fit_stack_n_free(f);
        for (size_t j = 0; j < out->n_params; j++) {
            snprintf(out->name[j], sizeof out->name[j], "%s", il_fit_stack_free_name(f, j));
            out->start[j] = start[j];
        }
        /* MCMC samples once, with the final weights: the first pass is then LM alone */
        il_iba_fit_options first = *o;
        if (o->reweight && o->engine == IL_IBA_FIT_MCMC)
            first.engine = IL_IBA_FIT_LM;
        st = run_engine(f, &first, p, out, err);
    }
    if (!st && o->reweight) {
        /* the second pass: weights from the first pass's model (Pearson's chi2) */
        st = models_at(f, p, model, err);
        il_fit_stack *g = NULL;
        if (!st)
            st = build(stack, sp, ns, probes, params, np, p, lower, upper, model, &g, err);
        if (!st) {
            il_fit_stack_free(f);
            f = g;
            il_iba_fit_options second = *o;
            second.engine = o->engine == IL_IBA_FIT_MCMC ? IL_IBA_FIT_MCMC : IL_IBA_FIT_LM;
            st = run_engine(f, &second, p, out, err);
        } else {
            il_fit_stack_free(g);
        }
    }
    if (!st && o->engine != IL_IBA_FIT_MCMC)
        st = il_fit_stack_result_at(f, p, &out->fit, err);
    if (!st)
        st = finish(f, sp, ns, p, out, err);
    if (!st)
        st = expectation(f, p, o->reweight ? model : NULL, out, err);
    il_fit_stack_free(f);
    for (size_t k = 0; k < ns; k++) {
        if (probes)
            il_probe_free(probes[k]);
        if (model)
            free(model[k]);
    }
    free(probes);
    free(model);
    free(buf);
    return st;
}
