/* interlayer refl simulate: the reflectivity of a model, optionally smeared and with noise. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"
#include "cli/output.h"
#include "interlayer/plot.h"
#include "interlayer/refl.h"
#include "interlayer/refl_data.h"

static const cli_column sim_columns[] = {
    {"q_invA", "Q (1/Å)", "%.6g"},
    {"r", "R", "%.6e"},
    {"dr", "dR", "%.3e"},
};

int cli_refl_simulate(int argc, char **argv)
{
    cli_out out = {0};
    cli_refl_probe po = {0};
    const char *model = NULL, *ort = NULL;
    double qmin = 0.005, qmax = 0.3, npts = 500, dqq = 0.0, noise = 0.0, floor_ = 0.0, seed = 1;
    double scale = NAN, bg = NAN;
    int fwhm = 0, logq = 0;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer refl simulate MODEL [--q-min 0.005] [--q-max 0.3]\n"
                   "         [--points 500] [--log-q] [--dq-over-q F [--fwhm]] [--scale S]\n"
                   "         [--background B] [--noise REL [--noise-floor A] [--seed N]]\n"
                   "         [--probe neutron|xray] [--wavelength Å] [--energy keV|CuKa]\n"
                   "         [--ort FILE.ort] [--csv|--json] [-o FILE] [--plot R.svg]\n"
                   "  Reflectivity of MODEL (YAML file or 'air | LiNbO3 200 5 | Si', Å).\n"
                   "  --dq-over-q: Gaussian resolution dQ/Q, 1σ unless --fwhm (full Gaussian,\n"
                   "  quadrature converged to 1e-8). --noise adds Gaussian noise of\n"
                   "  dR = REL·R + floor (simulated data; dR is written out).\n");
            return CLI_EXIT_OK;
        }
        if ((r = cli_out_parse(argc, argv, &i, &out)) ||
            (r = cli_refl_parse_probe(argc, argv, &i, &po))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        const cli_refl_num_opt nums[] = {{"--q-min", &qmin, 0},      {"--q-max", &qmax, 0},
                                     {"--points", &npts, 2},     {"--dq-over-q", &dqq, 0},
                                     {"--noise", &noise, 0},     {"--noise-floor", &floor_, 0},
                                     {"--seed", &seed, 0},       {"--scale", &scale, 0},
                                     {"--background", &bg, 0}};
        if ((r = cli_refl_parse_numbers(argc, argv, &i, nums, sizeof nums / sizeof *nums))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if ((r = cli_opt_value(argc, argv, &i, "--ort", &ort))) {
            if (r < 0)
                return CLI_EXIT_USAGE;
            continue;
        }
        if (strcmp(argv[i], "--fwhm") == 0) {
            fwhm = 1;
            continue;
        }
        if (strcmp(argv[i], "--log-q") == 0) {
            logq = 1;
            continue;
        }
        if ((argv[i][0] == '-' && argv[i][1]) || model)
            return cli_usage("refl simulate: unexpected argument '%s'", argv[i]);
        model = argv[i];
    }
    if (!model)
        return cli_usage("refl simulate: give a MODEL (see --help)");
    if (!(qmax > qmin) || npts > 1e7)
        return cli_usage("refl simulate: need --q-max > --q-min and at most 1e7 points");
    if (logq && !(qmin > 0))
        return cli_usage("refl simulate: --log-q needs --q-min > 0");
    il_error err;
    il_refl_model *m;
    if (cli_refl_load_model(model, &m, &err))
        return cli_fail(&err);
    il_refl_probe p = m->probe;
    cli_refl_apply_probe(&po, &p);
    if (isnan(scale))
        scale = m->scale;
    if (isnan(bg))
        bg = m->background;
    size_t n = (size_t)npts;
    il_refl_slab *s = NULL;
    double *q = malloc(n * sizeof *q), *r = malloc(n * sizeof *r), *dr = malloc(n * sizeof *dr);
    int rc = CLI_EXIT_OK;
    if (!q || !r || !dr) {
        rc = cli_fail(&(il_error){.code = IL_ERR_NOMEM, .message = "out of memory"});
        goto done;
    }
    if (cli_refl_model_slabs(m->layers, m->nlayers, &p, &s, &err)) {
        rc = cli_fail(&err);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        q[i] = logq ? qmin * pow(qmax / qmin, (double)i / (double)(n - 1))
                    : qmin + (qmax - qmin) * (double)i / (double)(n - 1);
    il_status st;
    if (dqq > 0) {
        il_refl_resolution res;
        il_refl_resolution_init(&res);
        res.kind = fwhm ? IL_REFL_DQ_FWHM : IL_REFL_DQ_SIGMA;
        res.dq_over_q = dqq;
        st = il_refl_smeared(s, m->nlayers, q, NULL, n, &res, scale, bg, r, NULL, &err);
    } else {
        st = il_refl_reflectivity_mt(s, m->nlayers, q, n, scale, bg, r, 0, &err);
    }
    if (st) {
        rc = cli_fail(&err);
        goto done;
    }
    gsl_rng *rng = NULL;
    if (noise > 0 || floor_ > 0) {
        rng = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(rng, (unsigned long)seed);
    }
    for (size_t i = 0; i < n; i++) {
        dr[i] = noise * r[i] + floor_;
        if (rng)
            r[i] += gsl_ran_gaussian(rng, dr[i]);
    }
    if (rng)
        gsl_rng_free(rng);
    cli_table *t = cli_table_new(sim_columns, rng || noise > 0 ? 3 : 2);
    json_t *jq = json_array(), *jr = json_array(), *jdr = json_array();
    for (size_t i = 0; i < n; i++) {
        long row = cli_table_add_row(t);
        cli_table_set_num(t, row, 0, q[i]);
        cli_table_set_num(t, row, 1, r[i]);
        if (noise > 0 || floor_ > 0)
            cli_table_set_num(t, row, 2, dr[i]);
        json_array_append_new(jq, json_real(q[i]));
        json_array_append_new(jr, json_real(r[i]));
        json_array_append_new(jdr, json_real(dr[i]));
    }
    json_t *doc = json_object();
    json_object_set_new(doc, "q", jq);
    json_object_set_new(doc, "r", jr);
    if (noise > 0 || floor_ > 0)
        json_object_set_new(doc, "dr", jdr);
    else
        json_decref(jdr);
    rc = cli_out_emit(&out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    if (!rc && ort) {
        double *dq = NULL;
        if (dqq > 0 && (dq = malloc(n * sizeof *dq)))
            for (size_t i = 0; i < n; i++)
                dq[i] = dqq * q[i] / (fwhm ? IL_REFL_FWHM_PER_SIGMA : 1.0);
        il_refl_dataset d = {.n = n, .q_invA = q, .r = r,
                             .dr = noise > 0 || floor_ > 0 ? dr : NULL, .dq = dq,
                             .dq_kind = IL_REFL_DQ_SIGMA};
        snprintf(d.name, sizeof d.name, "simulated");
        snprintf(d.probe, sizeof d.probe, "%s", p.probe == IL_REFL_XRAY ? "x-ray" : "neutron");
        char comment[600];
        snprintf(comment, sizeof comment, "simulated by interlayer refl simulate: %.500s", model);
        if (il_refl_data_write_ort(ort, &d, 1, comment, &err))
            rc = cli_fail(&err);
        free(dq);
    }
    if (!rc && out.plot) {
        il_plot_series ser = {q, r, NULL, n, "R", IL_PLOT_LINE};
        il_plot_axes ax = {"reflectivity", "Q (1/Å)", "R", 0, 1};
        if (il_plot_xy(out.plot, &ax, &ser, 1, &err))
            rc = cli_fail(&err);
    }
done:
    free(s);
    free(q);
    free(r);
    free(dr);
    il_refl_model_free(m);
    return rc;
}
