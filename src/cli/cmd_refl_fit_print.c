/* The output of `interlayer refl fit` (see cmd_refl_fit.h). */
#include "cli/cmd_refl_fit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"
#include "cli/output.h"
#include "interlayer/outfile.h"
#include "interlayer/plot.h"
#include "interlayer/refl.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"

static const cli_column fit_columns[] = {
    {"name", "parameter", NULL},
    {"value", "value", "%.6g"},
    {"sigma", "± 1σ", "%.3g"},
    {"min", "min", "%.4g"},
    {"max", "max", "%.4g"},
    {"note", "note", NULL},
    {"tau_steps", "τ (steps)", "%.3g"},
};

/* The fitted curve of dataset d (n points), or NULL when it cannot be had (caller frees). */
static double *fit_curve(il_refl_fit *f, size_t d, size_t n)
{
    double *rf = malloc(n * sizeof *rf);
    if (rf && il_refl_fit_curve(f, (int)d, NULL, rf, NULL)) {
        free(rf);
        return NULL;
    }
    return rf;
}

/* One row of the table and one JSON object per free parameter, and the correlation matrix. */
static cli_table *parameters(const il_refl_fit_opts *o, const il_refl_model *m, size_t np,
                             const il_refl_fit_result *res, json_t *jp, json_t *jc)
{
    cli_table *t = cli_table_new(fit_columns, o->engine == IL_REFL_FIT_MCMC ? 7 : 6);
    size_t pi = 0;
    for (size_t k = 0; k < m->nparams; k++) {
        if (!m->params[k].free)
            continue;
        long row = cli_table_add_row(t);
        cli_table_set_text(t, row, 0, m->params[k].name);
        cli_table_set_num(t, row, 1, res->value[pi]);
        cli_table_set_num(t, row, 2, res->sigma[pi]);
        cli_table_set_num(t, row, 3, m->params[k].lo);
        cli_table_set_num(t, row, 4, m->params[k].hi);
        /* at a bound the curvature-based σ means little: say so */
        double span = m->params[k].hi - m->params[k].lo;
        const char *note = res->value[pi] - m->params[k].lo < 1e-3 * span   ? "at min"
                           : m->params[k].hi - res->value[pi] < 1e-3 * span ? "at max"
                                                                            : "";
        cli_table_set_text(t, row, 5, note);
        if (res->tau)
            cli_table_set_num(t, row, 6, res->tau[pi]);
        json_t *jo = json_object();
        json_object_set_new(jo, "at_bound", json_boolean(note[0] != 0));
        json_object_set_new(jo, "name", json_string(m->params[k].name));
        json_object_set_new(jo, "value", cli_json_number(res->value[pi]));
        json_object_set_new(jo, "sigma", cli_json_number(res->sigma[pi]));
        json_object_set_new(jo, "min", cli_json_number(m->params[k].lo));
        json_object_set_new(jo, "max", cli_json_number(m->params[k].hi));
        if (res->tau)
            json_object_set_new(jo, "autocorrelation_time_steps", cli_json_number(res->tau[pi]));
        json_array_append_new(jp, jo);
        json_t *row_c = json_array();
        for (size_t b = 0; b < np; b++)
            json_array_append_new(row_c, cli_json_number(res->corr[pi * np + b]));
        json_array_append_new(jc, row_c);
        pi++;
    }
    return t;
}

/* Data and fitted curve of each dataset. */
static json_t *curves_json(il_refl_fit *f, const il_refl_dataset *const *sets, size_t nsets)
{
    json_t *jcurves = json_array();
    for (size_t d = 0; d < nsets; d++) {
        const il_refl_dataset *ds = sets[d];
        double *rf = fit_curve(f, d, ds->n);
        if (!rf)
            continue;
        json_t *jd = json_object(), *a = json_array(), *b = json_array(), *c = json_array();
        for (size_t i = 0; i < ds->n; i++) {
            json_array_append_new(a, cli_json_number(ds->q_invA[i]));
            json_array_append_new(b, cli_json_number(ds->r[i]));
            json_array_append_new(c, cli_json_number(rf[i]));
        }
        json_object_set_new(jd, "name", json_string(ds->name));
        json_object_set_new(jd, "q", a);
        json_object_set_new(jd, "r", b);
        json_object_set_new(jd, "r_fit", c);
        json_array_append_new(jcurves, jd);
        free(rf);
    }
    return jcurves;
}

/* Why the engine stopped, in words. */
static const char *stop_text(const il_refl_fit_opts *o, const il_refl_fit_result *res)
{
    if (res->stop == IL_FIT_STOP_NO_PROGRESS)
        return "no further decrease of χ² possible";
    if (res->stop == IL_FIT_STOP_MAX_ITER)
        return o->engine == IL_REFL_FIT_DE     ? "generation budget used up (not converged)"
               : o->engine == IL_REFL_FIT_MCMC ? "chain shorter than 50 τ (not converged)"
                                               : "iteration budget used up (not converged)";
    return o->engine == IL_REFL_FIT_DE     ? "converged: population χ² spread below tolerance"
           : o->engine == IL_REFL_FIT_MCMC ? "converged: chain longer than 50 τ"
                                           : "converged";
}

static const char *stop_key(il_fit_stop s)
{
    return s == IL_FIT_STOP_NO_PROGRESS ? "no_progress"
           : s == IL_FIT_STOP_MAX_ITER  ? "max_iterations"
                                        : "converged";
}

/* Resolution, evaluation count and stop reason (and, on request, timing) in the JSON. */
static void run_json(json_t *doc, const il_refl_fit_result *res, int timing)
{
    json_object_set_new(doc, "stop", json_string(stop_key(res->stop)));
    json_object_set_new(doc, "iterations", json_integer(res->iterations));
    json_object_set_new(doc, "evaluations", json_integer((json_int_t)res->evaluations));
    if (res->quad_nodes) {
        json_t *r = json_object();
        json_object_set_new(r, "grid_nodes", json_integer((json_int_t)res->quad_nodes));
        json_object_set_new(r, "accuracy", cli_json_number(res->quad_target));
        json_object_set_new(r, "error_vs_exact", cli_json_number(res->quad_err));
        json_object_set_new(doc, "resolution", r);
    }
    if (res->ess > 0)
        json_object_set_new(doc, "effective_samples", cli_json_number(res->ess));
    if (timing) {
        json_t *t = json_object();
        json_object_set_new(t, "seconds", cli_json_number(res->seconds));
        json_object_set_new(t, "seconds_per_evaluation",
                            cli_json_number(res->evaluations ? res->seconds / (double)res->evaluations
                                                       : NAN));
        if (res->ess > 0)
            json_object_set_new(t, "effective_samples_per_second",
                                cli_json_number(res->ess / res->seconds));
        json_object_set_new(doc, "timing", t);
    }
}

static void run_text(const il_refl_fit_opts *o, const il_refl_fit_result *res, int timing)
{
    printf("stopped: %s after %d %s; %zu model evaluations\n", stop_text(o, res), res->iterations,
           o->engine == IL_REFL_FIT_DE     ? "generations (then LM polish)"
           : o->engine == IL_REFL_FIT_MCMC ? "steps"
                                           : "iterations",
           res->evaluations);
    if (res->quad_nodes)
        printf("resolution: shared grid of %zu Q nodes, error %.2g against the exact path at "
               "the solution (asked %.2g = 1e-3 of the smallest dR/R)\n",
               res->quad_nodes, res->quad_err, res->quad_target);
    if (o->engine == IL_REFL_FIT_MCMC && res->ess > 0)
        printf("MCMC: %.0f effective samples (samples / max τ)\n", res->ess);
    if (timing) {
        printf("timing: %.3g s, %.3g ms per model evaluation", res->seconds,
               res->evaluations ? 1e3 * res->seconds / (double)res->evaluations : NAN);
        if (res->ess > 0)
            printf(", %.3g effective samples per second", res->ess / res->seconds);
        printf("\n");
    }
}

/* The correlations people should know about (|r| > 0.8), on one line. */
static void print_correlations(const il_refl_model *m, size_t np, const il_refl_fit_result *res)
{
    int any = 0;
    const char *names[256];
    size_t nn = 0;
    for (size_t k = 0; k < m->nparams && nn < 256; k++)
        if (m->params[k].free)
            names[nn++] = m->params[k].name;
    for (size_t a = 0; a < nn; a++)
        for (size_t b = a + 1; b < nn; b++)
            if (fabs(res->corr[a * np + b]) > 0.8) {
                printf("%s %s / %s %+.2f", any ? "," : "strong correlations:", names[a], names[b],
                       res->corr[a * np + b]);
                any = 1;
            }
    if (any)
        printf("\n");
}

int cli_refl_fit_report(const cli_out *out, const il_refl_fit_opts *o, const il_refl_model *m,
                        il_refl_fit *f, const il_refl_fit_result *res,
                        const il_refl_dataset *const *sets, size_t nsets, int timing)
{
    static const char *engines[] = {"lm", "de", "mcmc"};
    size_t np = il_refl_fit_nparams(f);
    json_t *doc = json_object(), *jp = json_array(), *jc = json_array();
    cli_table *t = parameters(o, m, np, res, jp, jc);
    json_object_set_new(doc, "engine", json_string(engines[o->engine]));
    json_object_set_new(doc, "parameters", jp);
    json_object_set_new(doc, "correlation", jc);
    json_object_set_new(doc, "chi2", cli_json_number(res->chi2));
    json_object_set_new(doc, "chi2_reduced", cli_json_number(res->chi2_red));
    json_object_set_new(doc, "points", json_integer((json_int_t)res->ndata));
    json_object_set_new(doc, "converged", json_boolean(res->converged));
    json_object_set_new(doc, "quadrature_error", cli_json_number(res->quad_err));
    run_json(doc, res, timing);
    if (o->engine == IL_REFL_FIT_MCMC) {
        json_object_set_new(doc, "acceptance", cli_json_number(res->acceptance));
        json_object_set_new(doc, "samples", json_integer((json_int_t)res->nsamples));
    }
    json_object_set_new(doc, "curves", curves_json(f, sets, nsets));
    int text = !out->json && !out->csv && !out->output;
    if (text)
        printf("%zu datasets, %zu points, %zu parameters, engine %s: χ² = %.6g, reduced "
               "%.4g%s\n",
               nsets, res->ndata, np, engines[o->engine], res->chi2, res->chi2_red,
               res->converged ? "" : " (not converged)");
    int rc = cli_out_emit(out, t, doc);
    if (text && o->engine == IL_REFL_FIT_MCMC)
        printf("MCMC: acceptance %.2f, %zu samples%s\n", res->acceptance, res->nsamples,
               res->converged ? " (chain > 50 τ)" : " (chain shorter than 50 τ: run longer)");
    if (text)
        print_correlations(m, np, res);
    if (text)
        run_text(o, res, timing);
    if (text && res->plan_rebuilds)
        printf("resolution: the grid's error at the solution exceeded its target; made again "
               "there %d time%s%s, fit polished with LM\n",
               res->plan_rebuilds, res->plan_rebuilds == 1 ? "" : "s",
               res->quad_nodes ? "" : " (no grid reached the target: per-point quadrature rules)");
    if (text && res->quad_err > 1e-3)
        printf("warning: resolution quadrature error %.2g at the solution\n", res->quad_err);
    else if (text && res->quad_nodes && res->quad_err > res->quad_target)
        /* the grid was made at the start; the solution moved far (e.g. a fitted backing SLD
         * moved the critical edge) */
        printf("warning: the resolution grid's error at the solution exceeds its target: fit "
               "again from the solution, or use --exact-resolution\n");
    json_decref(doc);
    cli_table_free(t);
    return rc;
}

/* --curves: data and fit as CSV (dataset, q, r, dr, r_fit). */
int cli_refl_fit_write_curves(const char *path, il_refl_fit *f, const il_refl_dataset *const *sets,
                              size_t nsets)
{
    il_error err;
    il_outfile *of;
    if (il_outfile_open(path, &of, &err))
        return cli_fail(&err);
    FILE *fp = il_outfile_stream(of);
    fprintf(fp, "dataset,q_invA,r,dr,r_fit\n");
    for (size_t d = 0; d < nsets; d++) {
        const il_refl_dataset *ds = sets[d];
        double *rf = fit_curve(f, d, ds->n);
        if (rf)
            for (size_t i = 0; i < ds->n; i++)
                fprintf(fp, "%zu,%.10g,%.10g,%.6g,%.10g\n", d, ds->q_invA[i], ds->r[i],
                        ds->dr ? ds->dr[i] : 0.0, rf[i]);
        free(rf);
    }
    if (il_outfile_commit(of, &err))
        return cli_fail(&err);
    return CLI_EXIT_OK;
}

/* --plot: R·Q⁴ against Q, the Fresnel decay removed so that the fringes show. */
int cli_refl_fit_plot(const char *path, il_refl_fit *f, const il_refl_dataset *const *sets,
                      size_t nsets)
{
    il_error err;
    int rc = CLI_EXIT_OK;
    il_plot_series ser[32];
    double *buf[32][3] = {{0}};
    size_t ns = 0;
    for (size_t d = 0; d < nsets && ns + 2 <= 32; d++) {
        const il_refl_dataset *ds = sets[d];
        double *y = malloc(ds->n * sizeof *y), *e = malloc(ds->n * sizeof *e);
        double *yf = fit_curve(f, d, ds->n);
        if (!y || !e || !yf) {
            free(y), free(e), free(yf);
            continue;
        }
        il_refl_times_q4(ds->q_invA, ds->r, ds->n, y);
        for (size_t i = 0; i < ds->n; i++)
            e[i] = 0.0;
        if (ds->dr)
            il_refl_times_q4(ds->q_invA, ds->dr, ds->n, e);
        il_refl_times_q4(ds->q_invA, yf, ds->n, yf);
        buf[d][0] = y, buf[d][1] = e, buf[d][2] = yf;
        ser[ns++] =
            (il_plot_series){ds->q_invA, y, ds->dr ? e : NULL, ds->n, ds->name, IL_PLOT_POINTS};
        ser[ns++] = (il_plot_series){ds->q_invA, yf, NULL, ds->n, "fit", IL_PLOT_LINE};
    }
    il_plot_axes ax = {"reflectivity and fit", "Q (1/Å)", "R·Q⁴ (1/Å⁴)", 0, 1};
    if (il_plot_xy(path, &ax, ser, ns, &err))
        rc = cli_fail(&err);
    for (size_t d = 0; d < 32; d++)
        for (int k = 0; k < 3; k++)
            free(buf[d][k]);
    return rc;
}

/* --profile-plot, --profile-csv: SLD profile of the first dataset's model; with MCMC a 16-84 %
 * band from 200 posterior samples. */
int cli_refl_fit_write_profile(const char *plot, const char *csv, il_refl_fit *f,
                               const il_refl_fit_result *res)
{
    il_error err;
    int rc = CLI_EXIT_OK;
    const il_refl_slab *sl;
    size_t nl;
    if (il_refl_fit_slabs(f, 0, NULL, &sl, &nl, &err))
        return cli_fail(&err);
    il_refl_slab *best = malloc(nl * sizeof *best);
    double *z = NULL, *re = NULL, *im = NULL;
    memcpy(best, sl, nl * sizeof *best);
    const size_t NP = 600;
    il_status st = cli_refl_sld_profile(best, nl, NP, &z, &re, &im, &err);
    il_plot_series ser[3] = {{z, re, NULL, NP, "best", IL_PLOT_LINE}};
    size_t ns = 1;
    double *lo = NULL, *hi = NULL;
    if (!st && res->samples && res->nsamples > 0) {
        lo = malloc(NP * sizeof *lo);
        hi = malloc(NP * sizeof *hi);
        if (!lo || !hi)
            st = il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        else
            st = il_refl_fit_sld_band(f, 0, res, 200, z, NP, lo, hi, &err);
        ser[ns++] = (il_plot_series){z, lo, NULL, NP, "16 %", IL_PLOT_LINE};
        ser[ns++] = (il_plot_series){z, hi, NULL, NP, "84 %", IL_PLOT_LINE};
    }
    il_plot_axes ax = {"fitted SLD profile", "depth (Å)", "SLD (1e-6 Å⁻²)", 0, 0};
    if (st || (plot && il_plot_xy(plot, &ax, ser, ns, &err)))
        rc = cli_fail(&err);
    if (!rc && csv) {
        il_outfile *of;
        if (il_outfile_open(csv, &of, &err)) {
            rc = cli_fail(&err);
        } else {
            FILE *fp = il_outfile_stream(of);
            fprintf(fp, "depth_A,sld_real,sld_imag%s\n", lo ? ",sld_real_p16,sld_real_p84" : "");
            for (size_t i = 0; i < NP; i++) {
                fprintf(fp, "%.6g,%.8g,%.8g", z[i], re[i], im[i]);
                if (lo)
                    fprintf(fp, ",%.8g,%.8g", lo[i], hi[i]);
                fputc('\n', fp);
            }
            if (il_outfile_commit(of, &err))
                rc = cli_fail(&err);
        }
    }
    free(best), free(z), free(re), free(im), free(lo), free(hi);
    return rc;
}
