/* interlayer refl simulate: the reflectivity of a model, optionally smeared and with noise. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"
#include "cli/output.h"
#include "interlayer/plot.h"
#include "interlayer/refl.h"
#include "interlayer/refl_data.h"

typedef struct {
    cli_out out;
    cli_refl_probe probe;
    const char *ort;
    double q_min, q_max, points, dq_over_q, noise, noise_floor, seed, scale, background;
    int fwhm, log_q;
    const char *model[1];
} simulate_args;

#define ARG(f) offsetof(simulate_args, f)
static const cli_opt own_options[] = {
    CLI_OPT_NUMBER("--q-min", ARG(q_min), 0),
    CLI_OPT_NUMBER("--q-max", ARG(q_max), 0),
    CLI_OPT_NUMBER("--points", ARG(points), 2),
    /* dQ/Q beyond 0.5 puts much of the Gaussian at Q < 0; noise beyond 100 % of R, a scale
     * beyond 100 or a background beyond R = 1 describe no reflectometer. */
    CLI_OPT_RANGE("--dq-over-q", ARG(dq_over_q), 0, 0.5),
    CLI_OPT_RANGE("--noise", ARG(noise), 0, 1),
    CLI_OPT_RANGE("--noise-floor", ARG(noise_floor), 0, 1),
    CLI_OPT_NUMBER("--seed", ARG(seed), 0),
    CLI_OPT_RANGE("--scale", ARG(scale), 0, 100),
    CLI_OPT_RANGE("--background", ARG(background), 0, 1),
    CLI_OPT_TEXT("--ort", NULL, ARG(ort)),
    CLI_OPT_FLAG("--fwhm", ARG(fwhm)),
    CLI_OPT_FLAG("--log-q", ARG(log_q)),
};

static const cli_verb simulate_verb = {
    .name = "refl simulate",
    .help = "usage: interlayer refl simulate MODEL [--q-min 0.005] [--q-max 0.3]\n"
            "         [--points 500] [--log-q] [--dq-over-q F [--fwhm]] [--scale S]\n"
            "         [--background B] [--noise REL [--noise-floor A] [--seed N]]\n"
            "         [--probe neutron|xray] [--wavelength Å] [--energy keV|CuKa]\n"
            "         [--ort FILE.ort] [--csv|--json] [-o FILE] [--plot R.svg]\n"
            "  Reflectivity of MODEL (YAML file or 'air | LiNbO3 200 5 | Si', Å).\n"
            "  --dq-over-q: Gaussian resolution dQ/Q, 1σ unless --fwhm (full Gaussian,\n"
            "  quadrature converged to 1e-8). --noise adds Gaussian noise of\n"
            "  dR = REL·R + floor (simulated data; dR is written out).\n",
    CLI_SETS(CLI_OUT_SET(simulate_args),
             CLI_SET(cli_refl_probe_options, ARG(probe)),
             CLI_SET(own_options, 0)),
    CLI_POSITIONAL(simulate_args, model),
    .unknown = "unexpected argument",
};

static const cli_column sim_columns[] = {
    {"q_invA", "Q (1/Å)", "%.6g"},
    {"r", "R", "%.6e"},
    {"dr", "dR", "%.3e"},
};

/* A simulated curve on n points. */
typedef struct {
    size_t n;
    double *q, *r, *dr;
    int noisy; /* --noise or --noise-floor: dR is part of the result */
} curve;

/* R(Q) of the slabs on the Q grid, smeared with --dq-over-q, then the noise. */
static il_status compute(const simulate_args *a, const il_refl_slab *s, size_t ns, double scale,
                         double bg, curve *c, il_error *err)
{
    size_t n = c->n;
    il_status st = il_refl_q_grid(a->q_min, a->q_max, n, a->log_q, c->q, err);
    if (st)
        return st;
    if (a->dq_over_q > 0) {
        il_refl_resolution res;
        il_refl_resolution_init(&res);
        res.kind = a->fwhm ? IL_REFL_DQ_FWHM : IL_REFL_DQ_SIGMA;
        res.dq_over_q = a->dq_over_q;
        st = il_refl_smeared(s, ns, c->q, NULL, n, &res, scale, bg, c->r, NULL, err);
    } else {
        st = il_refl_reflectivity_mt(s, ns, c->q, n, scale, bg, c->r, 0, err);
    }
    if (st)
        return st;
    return il_refl_add_noise(c->r, c->dr, n, a->noise, a->noise_floor, (unsigned long)a->seed,
                             err);
}

static int emit_curve(const cli_out *out, const curve *c)
{
    cli_table *t = cli_table_new(sim_columns, c->noisy ? 3 : 2);
    json_t *jq = json_array(), *jr = json_array(), *jdr = json_array();
    for (size_t i = 0; i < c->n; i++) {
        long row = cli_table_add_row(t);
        cli_table_set_num(t, row, 0, c->q[i]);
        cli_table_set_num(t, row, 1, c->r[i]);
        if (c->noisy)
            cli_table_set_num(t, row, 2, c->dr[i]);
        json_array_append_new(jq, cli_json_number(c->q[i]));
        json_array_append_new(jr, cli_json_number(c->r[i]));
        json_array_append_new(jdr, cli_json_number(c->dr[i]));
    }
    json_t *doc = json_object();
    json_object_set_new(doc, "q", jq);
    json_object_set_new(doc, "r", jr);
    if (c->noisy)
        json_object_set_new(doc, "dr", jdr);
    else
        json_decref(jdr);
    int rc = cli_out_emit(out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    return rc;
}

/* --ort: the curve as an ORSO file, with its resolution as 1σ dQ. */
static int write_ort(const simulate_args *a, const il_refl_probe *p, const curve *c)
{
    il_error err;
    double *dq = NULL;
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.kind = a->fwhm ? IL_REFL_DQ_FWHM : IL_REFL_DQ_SIGMA;
    res.dq_over_q = a->dq_over_q;
    if (a->dq_over_q > 0 && (dq = malloc(c->n * sizeof *dq)))
        for (size_t i = 0; i < c->n; i++)
            dq[i] = il_refl_resolution_sigma_invA(&res, c->q[i]);
    il_refl_dataset d = {.n = c->n,
                         .q_invA = c->q,
                         .r = c->r,
                         .dr = a->noise > 0 || a->noise_floor > 0 ? c->dr : NULL,
                         .dq = dq,
                         .dq_kind = IL_REFL_DQ_SIGMA};
    snprintf(d.name, sizeof d.name, "simulated");
    snprintf(d.probe, sizeof d.probe, "%s", p->probe == IL_REFL_XRAY ? "x-ray" : "neutron");
    char comment[600];
    snprintf(comment, sizeof comment, "simulated by interlayer refl simulate: %.500s", a->model[0]);
    int rc = CLI_EXIT_OK;
    if (il_refl_data_write_ort(a->ort, &d, 1, comment, &err))
        rc = cli_fail(&err);
    free(dq);
    return rc;
}

static int run(const simulate_args *a, const il_refl_model *m, const il_refl_probe *p, curve *c)
{
    il_error err;
    il_refl_slab *s = NULL;
    int rc = CLI_EXIT_OK;
    double scale = isnan(a->scale) ? m->scale : a->scale;
    double bg = isnan(a->background) ? m->background : a->background;
    if (cli_refl_model_slabs(m->layers, m->nlayers, p, &s, &err) ||
        compute(a, s, m->nlayers, scale, bg, c, &err))
        rc = cli_fail(&err);
    free(s);
    if (!rc)
        rc = emit_curve(&a->out, c);
    if (!rc && a->ort)
        rc = write_ort(a, p, c);
    if (!rc && a->out.plot) {
        il_plot_series ser = {c->q, c->r, NULL, c->n, "R", IL_PLOT_LINE};
        il_plot_axes ax = {"reflectivity", "Q (1/Å)", "R", 0, 1};
        if (il_plot_xy(a->out.plot, &ax, &ser, 1, &err))
            rc = cli_fail(&err);
    }
    return rc;
}

int cli_refl_simulate(int argc, char **argv)
{
    simulate_args a = {
        .q_min = 0.005, .q_max = 0.3, .points = 500, .seed = 1, .scale = NAN, .background = NAN};
    CLI_PARSE_OR_RETURN(&simulate_verb, argc, argv, &a);
    if (!a.model[0])
        return cli_usage("refl simulate: give a MODEL (see --help)");
    if (!(a.q_max > a.q_min) || a.points > 1e7)
        return cli_usage("refl simulate: need --q-max > --q-min and at most 1e7 points");
    if (a.log_q && !(a.q_min > 0))
        return cli_usage("refl simulate: --log-q needs --q-min > 0");
    il_error err;
    il_refl_model *m;
    il_refl_probe p;
    if (cli_refl_load_model_probe(a.model[0], &a.probe, &m, &p, &err))
        return cli_fail(&err);
    curve c = {.n = (size_t)a.points, .noisy = a.noise > 0 || a.noise_floor > 0};
    c.q = malloc(c.n * sizeof *c.q), c.r = malloc(c.n * sizeof *c.r);
    c.dr = malloc(c.n * sizeof *c.dr);
    if (!c.q || !c.r || !c.dr)
        rc = cli_fail(&(il_error){.code = IL_ERR_NOMEM, .message = "out of memory"});
    else
        rc = run(&a, m, &p, &c);
    free(c.q);
    free(c.r);
    free(c.dr);
    il_refl_model_free(m);
    return rc;
}
