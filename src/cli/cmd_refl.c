/* interlayer refl: neutron and X-ray reflectometry (validate, sld, simulate, fit). */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "interlayer/outfile.h"
#include "interlayer/plot.h"
#include "interlayer/refl.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"
#include "interlayer/refl_sld.h"
#include "interlayer/refl_stack.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const il_column validate_columns[] = {
    {"test", "ORSO test", "%.0f"},
    {"slabs", "slabs", "%.0f"},
    {"points", "points", "%.0f"},
    {"smeared", "smeared", NULL},
    {"worst_relative_error", "worst rel. error", "%.3g"},
    {"tolerance", "tolerance", "%.0e"},
    {"result", "result", NULL},
};

static int cmd_validate(int argc, char **argv)
{
    il_out_opts out = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer refl validate [--csv|--json] [-o FILE]\n"
                   "  runs the 8 unpolarised cases of the ORSO reflectivity validation suite\n"
                   "  (embedded) and prints the worst relative error of each against its\n"
                   "  tolerance; exit code 1 when any case fails\n");
            return IL_EXIT_OK;
        }
        if ((r = il_out_parse(argc, argv, &i, &out))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        return il_cli_usage("refl validate: unexpected argument '%s'", argv[i]);
    }
    il_refl_validation v[IL_REFL_ORSO_CASES];
    il_error err;
    if (il_refl_validate(v, &err))
        return il_cli_fail(&err);
    il_table *t = il_table_new(validate_columns, sizeof validate_columns / sizeof *validate_columns);
    int all = 1;
    for (int k = 0; k < IL_REFL_ORSO_CASES; k++) {
        long r = il_table_add_row(t);
        il_table_set_num(t, r, 0, v[k].test);
        il_table_set_num(t, r, 1, (double)v[k].nslabs);
        il_table_set_num(t, r, 2, (double)v[k].npoints);
        il_table_set_text(t, r, 3, v[k].smeared ? "yes" : "no");
        il_table_set_num(t, r, 4, v[k].worst_rel_error);
        il_table_set_num(t, r, 5, v[k].tolerance);
        il_table_set_text(t, r, 6, v[k].pass ? "pass" : "FAIL");
        all &= v[k].pass;
    }
    int rc = il_out_emit(&out, t, NULL);
    il_table_free(t);
    if (rc)
        return rc;
    if (!all) {
        fprintf(stderr, "interlayer: refl validate: some ORSO cases are outside tolerance\n");
        return IL_EXIT_FAIL;
    }
    return IL_EXIT_OK;
}

/* ---- shared option handling ----------------------------------------------------------------- */

typedef struct {
    il_refl_probe probe;
    int probe_given;
} probe_opts;

/* --probe neutron|xray, --wavelength Å, --energy (keV or CuKa). Returns 1 consumed, 0 not, -1
 * usage error (printed). */
static int parse_probe(int argc, char **argv, int *i, probe_opts *p)
{
    const char *v;
    int r;
    if ((r = il_opt_value(argc, argv, i, "--probe", &v))) {
        if (r < 0)
            return -1;
        if (strcmp(v, "neutron") == 0)
            p->probe.probe = IL_REFL_NEUTRON;
        else if (strcmp(v, "xray") == 0 || strcmp(v, "x-ray") == 0)
            p->probe.probe = IL_REFL_XRAY;
        else {
            il_cli_usage("--probe '%s': expected neutron or xray", v);
            return -1;
        }
        p->probe_given = 1;
        return 1;
    }
    if ((r = il_opt_value(argc, argv, i, "--wavelength", &v))) {
        if (r < 0)
            return -1;
        char *end;
        double w = strtod(v, &end);
        if (end == v || !(w > 0) || (*end && strcmp(end, "A") && strcmp(end, "Å"))) {
            il_cli_usage("--wavelength '%s': expected a value in Å > 0", v);
            return -1;
        }
        p->probe.wavelength_A = w;
        return 1;
    }
    if ((r = il_opt_value(argc, argv, i, "--energy", &v))) {
        if (r < 0)
            return -1;
        il_error err;
        char *end;
        double e = strtod(v, &end);
        if (end != v && *end == '\0' && e > 0)
            p->probe.energy_keV = e; /* a bare number is keV */
        else if (il_refl_xray_energy(v, &p->probe.energy_keV, &err)) {
            il_cli_usage("--energy: %s", err.message);
            return -1;
        }
        if (!p->probe_given)
            p->probe.probe = IL_REFL_XRAY;
        return 1;
    }
    return 0;
}

static int parse_double(const char *opt, const char *v, double lo, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !isfinite(x) || x < lo) {
        il_cli_usage("%s '%s': expected a number >= %g", opt, v, lo);
        return -1;
    }
    *out = x;
    return 0;
}

/* A model from a stack (include/interlayer/stack.h): the same stack the other probes read. */
static il_status model_from_stack(const char *arg, il_refl_model **out, il_error *err)
{
    il_stack *stk;
    il_status st = il_stack_load(arg, NULL, &stk, err);
    if (st)
        return st;
    il_refl_model *m = calloc(1, sizeof *m);
    if (!m) {
        il_stack_free(stk);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    m->scale = 1.0;
    il_refl_resolution_init(&m->res);
    st = il_refl_stack_layers(stk, &m->layers, &m->nlayers, err);
    il_stack_free(stk);
    if (st) {
        il_refl_model_free(m);
        return st;
    }
    *out = m;
    return IL_OK;
}

/* A model argument: a YAML reflectometry model file or the inline ORSO form
 * ('air | LiNbO3 200 5 | Si', Å); failing both, a project stack (YAML stack file or inline
 * 'LiNbO3 20nm li6=1 | Si'). The first form's error is reported when none fits. */
static il_status load_model(const char *arg, il_refl_model **out, il_error *err)
{
    il_error first;
    FILE *f = fopen(arg, "rb");
    il_status st;
    if (f) {
        fclose(f);
        st = il_refl_model_load(arg, out, &first);
    } else {
        il_refl_model *m = calloc(1, sizeof *m);
        if (!m)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        m->scale = 1.0;
        il_refl_resolution_init(&m->res);
        st = il_refl_model_parse(arg, "<model>", &m->layers, &m->nlayers, &first);
        if (st)
            il_refl_model_free(m);
        else
            *out = m;
    }
    if (!st)
        return IL_OK;
    if (model_from_stack(arg, out, NULL) == IL_OK)
        return IL_OK;
    if (err)
        *err = first;
    return st;
}

/* Slabs of a model for a probe (caller frees). */
static il_status model_slabs(const il_refl_layer_model *L, size_t n, const il_refl_probe *p,
                             il_refl_slab **out, il_error *err)
{
    il_refl_slab *s = malloc(n * sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t j = 0; j < n; j++) {
        double re, im;
        il_status st = il_refl_layer_sld(&L[j], p, &re, &im, err);
        if (st) {
            free(s);
            return st;
        }
        s[j] = (il_refl_slab){L[j].thickness_A, re, im, L[j].roughness_A};
    }
    *out = s;
    return IL_OK;
}

/* SLD profile (depth, real, imaginary) of slabs on a grid covering all interfaces ± 4σ. */
static il_status sld_profile(const il_refl_slab *s, size_t n, size_t npts, double **z,
                             double **re, double **im, il_error *err)
{
    double total = 0.0, smax = 0.0;
    for (size_t j = 1; j + 1 < n; j++)
        total += s[j].thickness_A;
    for (size_t j = 1; j < n; j++)
        smax = s[j].roughness_A > smax ? s[j].roughness_A : smax;
    double margin = 4.0 * smax + 0.05 * total + 10.0;
    *z = malloc(npts * sizeof **z);
    *re = malloc(npts * sizeof **re);
    *im = malloc(npts * sizeof **im);
    if (!*z || !*re || !*im)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < npts; k++)
        (*z)[k] = -margin + (total + 2.0 * margin) * (double)k / (double)(npts - 1);
    return il_refl_profile(s, n, *z, npts, *re, *im, err);
}

static int plot_profile(const char *path, const il_refl_slab *s, size_t n, il_error *err)
{
    double *z = NULL, *re = NULL, *im = NULL;
    il_status st = sld_profile(s, n, 1000, &z, &re, &im, err);
    if (!st) {
        il_plot_series ser[2] = {{z, re, NULL, 1000, "Re SLD", IL_PLOT_LINE},
                                 {z, im, NULL, 1000, "Im SLD", IL_PLOT_LINE}};
        il_plot_axes ax = {"SLD profile", "depth (Å)", "SLD (1e-6 Å⁻²)", 0, 0};
        st = il_plot_xy(path, &ax, ser, 2, err);
    }
    free(z);
    free(re);
    free(im);
    return st;
}

/* ---- refl sld ----------------------------------------------------------------------------------- */

static const il_column sld_columns[] = {
    {"name", "layer", NULL},
    {"thickness_A", "thickness (Å)", "%.4g"},
    {"roughness_A", "roughness (Å)", "%.4g"},
    {"density_g_cm3", "density (g/cm3)", "%.4g"},
    {"sld_real", "SLD (1e-6/Å²)", "%.5g"},
    {"sld_imag", "iSLD (1e-6/Å²)", "%.4g"},
};

static int cmd_sld(int argc, char **argv)
{
    il_out_opts out = {0};
    probe_opts po = {0};
    const char *model = NULL;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer refl sld MODEL [--probe neutron|xray] [--wavelength Å]\n"
                   "                              [--energy keV|CuKa|MoKa] [--csv|--json] [-o F]\n"
                   "                              [--plot profile.svg]\n"
                   "  MODEL: a YAML model file or an inline model 'air | LiNbO3 200 5 li6=1 | Si'\n"
                   "  (thickness and roughness in Å), or a stack ('LiNbO3 20nm li6=1 | Si' or a\n"
                   "  stack YAML file). Prints each layer's SLD in 1e-6 Å⁻²;\n"
                   "  --plot draws the SLD profile along depth (error-function interfaces).\n");
            return IL_EXIT_OK;
        }
        if ((r = il_out_parse(argc, argv, &i, &out)) || (r = parse_probe(argc, argv, &i, &po))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        if ((argv[i][0] == '-' && argv[i][1]) || model)
            return il_cli_usage("refl sld: unexpected argument '%s'", argv[i]);
        model = argv[i];
    }
    if (!model)
        return il_cli_usage("refl sld: give a MODEL (see --help)");
    il_error err;
    il_refl_model *m;
    if (load_model(model, &m, &err))
        return il_cli_fail(&err);
    il_refl_probe p = m->probe;
    if (po.probe_given || po.probe.wavelength_A > 0 || po.probe.energy_keV > 0) {
        if (po.probe_given || po.probe.energy_keV > 0)
            p.probe = po.probe.probe;
        if (po.probe.wavelength_A > 0)
            p.wavelength_A = po.probe.wavelength_A;
        if (po.probe.energy_keV > 0)
            p.energy_keV = po.probe.energy_keV;
    }
    il_refl_slab *s;
    if (model_slabs(m->layers, m->nlayers, &p, &s, &err)) {
        il_refl_model_free(m);
        return il_cli_fail(&err);
    }
    il_table *t = il_table_new(sld_columns, sizeof sld_columns / sizeof *sld_columns);
    json_t *layers = json_array();
    for (size_t j = 0; j < m->nlayers; j++) {
        const il_refl_layer_model *L = &m->layers[j];
        long r = il_table_add_row(t);
        il_table_set_text(t, r, 0, L->name);
        if (j > 0 && j + 1 < m->nlayers)
            il_table_set_num(t, r, 1, L->thickness_A);
        if (j > 0)
            il_table_set_num(t, r, 2, L->roughness_A);
        if (L->ncomp)
            il_table_set_num(t, r, 3, L->density_g_cm3);
        il_table_set_num(t, r, 4, s[j].sld_re_1e6);
        il_table_set_num(t, r, 5, s[j].sld_im_1e6);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(L->name));
        json_object_set_new(o, "thickness_A", json_real(L->thickness_A));
        json_object_set_new(o, "roughness_A", json_real(L->roughness_A));
        json_object_set_new(o, "sld_real", json_real(s[j].sld_re_1e6));
        json_object_set_new(o, "sld_imag", json_real(s[j].sld_im_1e6));
        json_array_append_new(layers, o);
    }
    json_t *doc = json_object();
    json_object_set_new(doc, "probe", json_string(p.probe == IL_REFL_XRAY ? "xray" : "neutron"));
    if (p.probe == IL_REFL_XRAY)
        json_object_set_new(doc, "energy_keV",
                            json_real(p.energy_keV > 0 ? p.energy_keV : IL_REFL_CU_KA_KEV));
    else
        json_object_set_new(doc, "wavelength_A",
                            json_real(p.wavelength_A > 0 ? p.wavelength_A
                                                         : IL_REFL_THERMAL_WAVELENGTH_A));
    json_object_set_new(doc, "unit", json_string("1e-6 A^-2"));
    json_object_set_new(doc, "layers", layers);
    if (!out.json && !out.csv && !out.output) {
        if (p.probe == IL_REFL_XRAY)
            printf("X-rays, %.4g keV\n", p.energy_keV > 0 ? p.energy_keV : IL_REFL_CU_KA_KEV);
        else
            printf("neutrons, %.4g Å\n",
                   p.wavelength_A > 0 ? p.wavelength_A : IL_REFL_THERMAL_WAVELENGTH_A);
    }
    int rc = il_out_emit(&out, t, doc);
    if (!rc && out.plot && plot_profile(out.plot, s, m->nlayers, &err))
        rc = il_cli_fail(&err);
    json_decref(doc);
    il_table_free(t);
    free(s);
    il_refl_model_free(m);
    return rc;
}

/* ---- refl simulate ------------------------------------------------------------------------------ */

static const il_column sim_columns[] = {
    {"q_invA", "Q (1/Å)", "%.6g"},
    {"r", "R", "%.6e"},
    {"dr", "dR", "%.3e"},
};

static int cmd_simulate(int argc, char **argv)
{
    il_out_opts out = {0};
    probe_opts po = {0};
    const char *model = NULL, *v, *ort = NULL;
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
            return IL_EXIT_OK;
        }
        if ((r = il_out_parse(argc, argv, &i, &out)) || (r = parse_probe(argc, argv, &i, &po))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        struct {
            const char *name;
            double *dst;
            double lo;
        } nums[] = {{"--q-min", &qmin, 0},      {"--q-max", &qmax, 0},
                    {"--points", &npts, 2},     {"--dq-over-q", &dqq, 0},
                    {"--noise", &noise, 0},     {"--noise-floor", &floor_, 0},
                    {"--seed", &seed, 0},       {"--scale", &scale, 0},
                    {"--background", &bg, 0}};
        int done = 0;
        for (size_t k = 0; k < sizeof nums / sizeof *nums && !done; k++)
            if ((r = il_opt_value(argc, argv, &i, nums[k].name, &v))) {
                if (r < 0 || parse_double(nums[k].name, v, nums[k].lo, nums[k].dst))
                    return IL_EXIT_USAGE;
                done = 1;
            }
        if (done)
            continue;
        if ((r = il_opt_value(argc, argv, &i, "--ort", &ort))) {
            if (r < 0)
                return IL_EXIT_USAGE;
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
            return il_cli_usage("refl simulate: unexpected argument '%s'", argv[i]);
        model = argv[i];
    }
    if (!model)
        return il_cli_usage("refl simulate: give a MODEL (see --help)");
    if (!(qmax > qmin) || npts > 1e7)
        return il_cli_usage("refl simulate: need --q-max > --q-min and at most 1e7 points");
    if (logq && !(qmin > 0))
        return il_cli_usage("refl simulate: --log-q needs --q-min > 0");
    il_error err;
    il_refl_model *m;
    if (load_model(model, &m, &err))
        return il_cli_fail(&err);
    il_refl_probe p = m->probe;
    if (po.probe_given || po.probe.energy_keV > 0)
        p.probe = po.probe.probe;
    if (po.probe.wavelength_A > 0)
        p.wavelength_A = po.probe.wavelength_A;
    if (po.probe.energy_keV > 0)
        p.energy_keV = po.probe.energy_keV;
    if (isnan(scale))
        scale = m->scale;
    if (isnan(bg))
        bg = m->background;
    size_t n = (size_t)npts;
    il_refl_slab *s = NULL;
    double *q = malloc(n * sizeof *q), *r = malloc(n * sizeof *r), *dr = malloc(n * sizeof *dr);
    int rc = IL_EXIT_OK;
    if (!q || !r || !dr) {
        rc = il_cli_fail(&(il_error){.code = IL_ERR_NOMEM, .message = "out of memory"});
        goto done;
    }
    if (model_slabs(m->layers, m->nlayers, &p, &s, &err)) {
        rc = il_cli_fail(&err);
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
        rc = il_cli_fail(&err);
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
    il_table *t = il_table_new(sim_columns, rng || noise > 0 ? 3 : 2);
    json_t *jq = json_array(), *jr = json_array(), *jdr = json_array();
    for (size_t i = 0; i < n; i++) {
        long row = il_table_add_row(t);
        il_table_set_num(t, row, 0, q[i]);
        il_table_set_num(t, row, 1, r[i]);
        if (noise > 0 || floor_ > 0)
            il_table_set_num(t, row, 2, dr[i]);
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
    rc = il_out_emit(&out, t, doc);
    json_decref(doc);
    il_table_free(t);
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
            rc = il_cli_fail(&err);
        free(dq);
    }
    if (!rc && out.plot) {
        il_plot_series ser = {q, r, NULL, n, "R", IL_PLOT_LINE};
        il_plot_axes ax = {"reflectivity", "Q (1/Å)", "R", 0, 1};
        if (il_plot_xy(out.plot, &ax, &ser, 1, &err))
            rc = il_cli_fail(&err);
    }
done:
    free(s);
    free(q);
    free(r);
    free(dr);
    il_refl_model_free(m);
    return rc;
}

/* ---- refl fit ----------------------------------------------------------------------------------- */

static const il_column fit_columns[] = {
    {"name", "parameter", NULL},
    {"value", "value", "%.6g"},
    {"sigma", "± 1σ", "%.3g"},
    {"min", "min", "%.4g"},
    {"max", "max", "%.4g"},
    {"note", "note", NULL},
    {"tau_steps", "τ (steps)", "%.3g"},
};

static int cmd_fit(int argc, char **argv)
{
    il_out_opts out = {0};
    const char *model = NULL, *v, *data[64], *curves = NULL, *profile = NULL, *profile_csv = NULL;
    size_t ndata = 0;
    il_refl_fit_opts o;
    il_refl_fit_opts_init(&o);
    il_refl_read_opts ro = {IL_REFL_DQ_SIGMA};
    double steps = 0, seed = 1, walkers = 0, gens = 0;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: interlayer refl fit [DATA...] --model MODEL.yaml\n"
                   "         [--engine lm|de|mcmc] [--seed N] [--generations N] [--steps N]\n"
                   "         [--walkers N] [--dq-fwhm] [--curves FILE.csv]\n"
                   "         [--profile-plot SLD.svg] [--profile-csv SLD.csv] [--csv|--json]\n"
                   "         [-o FILE] [--plot R.svg]\n"
                   "  DATA: ORSO .ort or 2-4 column text (Q, R, dR, dQ); several files are\n"
                   "  co-refined (the model's 'datasets' list gives per-file overrides and may\n"
                   "  name the files itself). --dq-fwhm: the text files' dQ is a FWHM (ORSO\n"
                   "  files say so themselves). Prints the parameters with 1σ uncertainties;\n"
                   "  --json adds correlations, χ², the fitted curves and MCMC diagnostics.\n"
                   "  --curves: data and fit as CSV; --profile-*: the SLD profile along depth of\n"
                   "  the first dataset's model, with a 16-84 %% band from the posterior when\n"
                   "  --engine mcmc.\n");
            return IL_EXIT_OK;
        }
        if ((r = il_out_parse(argc, argv, &i, &out))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        if ((r = il_opt_value(argc, argv, &i, "--model", &model)) ||
            (r = il_opt_value(argc, argv, &i, "--curves", &curves)) ||
            (r = il_opt_value(argc, argv, &i, "--profile-plot", &profile)) ||
            (r = il_opt_value(argc, argv, &i, "--profile-csv", &profile_csv))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            continue;
        }
        if ((r = il_opt_value(argc, argv, &i, "--engine", &v))) {
            if (r < 0)
                return IL_EXIT_USAGE;
            if (strcmp(v, "lm") == 0)
                o.engine = IL_REFL_FIT_LM;
            else if (strcmp(v, "de") == 0)
                o.engine = IL_REFL_FIT_DE;
            else if (strcmp(v, "mcmc") == 0)
                o.engine = IL_REFL_FIT_MCMC;
            else
                return il_cli_usage("--engine '%s': expected lm, de or mcmc", v);
            continue;
        }
        struct {
            const char *name;
            double *dst;
        } nums[] = {{"--seed", &seed}, {"--steps", &steps}, {"--walkers", &walkers},
                    {"--generations", &gens}};
        int done = 0;
        for (size_t k = 0; k < sizeof nums / sizeof *nums && !done; k++)
            if ((r = il_opt_value(argc, argv, &i, nums[k].name, &v))) {
                if (r < 0 || parse_double(nums[k].name, v, 0, nums[k].dst))
                    return IL_EXIT_USAGE;
                done = 1;
            }
        if (done)
            continue;
        if (strcmp(argv[i], "--dq-fwhm") == 0) {
            ro.dq_kind = IL_REFL_DQ_FWHM;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return il_cli_usage("refl fit: unexpected option '%s'", argv[i]);
        if (ndata == sizeof data / sizeof *data)
            return il_cli_usage("refl fit: at most 64 data files");
        data[ndata++] = argv[i];
    }
    if (!model)
        return il_cli_usage("refl fit: give --model MODEL.yaml (see --help)");
    o.seed = (unsigned long)seed;
    o.mcmc_steps = (int)steps;
    o.mcmc_walkers = (int)walkers;
    if (gens > 0)
        o.max_iter = (int)gens;
    il_error err;
    il_refl_model *m;
    if (il_refl_model_load(model, &m, &err))
        return il_cli_fail(&err);
    /* data: from the command line, else the files the model names (relative to the model) */
    char paths[64][1024];
    if (ndata == 0) {
        const char *slash = strrchr(model, '/');
        int dirlen = slash ? (int)(slash - model + 1) : 0;
        for (size_t k = 0; k < m->nsets && k < 64; k++) {
            if (!m->sets[k].file[0]) {
                il_refl_model_free(m);
                return il_cli_usage("refl fit: dataset %zu of the model names no file", k + 1);
            }
            if (m->sets[k].file[0] == '/')
                snprintf(paths[k], sizeof paths[k], "%s", m->sets[k].file);
            else
                snprintf(paths[k], sizeof paths[k], "%.*s%s", dirlen, model, m->sets[k].file);
            data[ndata++] = paths[k];
        }
    }
    if (ndata == 0) {
        il_refl_model_free(m);
        return il_cli_usage("refl fit: no data files");
    }
    il_refl_data *files[64] = {0};
    const il_refl_dataset *sets[64];
    size_t nsets = 0;
    int rc = IL_EXIT_OK;
    for (size_t k = 0; k < ndata && !rc; k++) {
        if (il_refl_data_read(data[k], &ro, &files[k], &err)) {
            rc = il_cli_fail(&err);
            break;
        }
        for (size_t j = 0; j < il_refl_data_count(files[k]) && nsets < 64; j++)
            sets[nsets++] = il_refl_data_get(files[k], j);
    }
    il_refl_fit *f = NULL;
    il_refl_fit_result res = {0};
    if (!rc && il_refl_model_make_fit(m, sets, nsets, &f, &err))
        rc = il_cli_fail(&err);
    if (!rc && il_refl_fit_run(f, &o, &res, &err))
        rc = il_cli_fail(&err);
    if (!rc) {
        size_t np = il_refl_fit_nparams(f);
        il_table *t = il_table_new(fit_columns, o.engine == IL_REFL_FIT_MCMC ? 7 : 6);
        json_t *doc = json_object(), *jp = json_array(), *jc = json_array();
        size_t pi = 0;
        for (size_t k = 0; k < m->nparams; k++) {
            if (!m->params[k].free)
                continue;
            long row = il_table_add_row(t);
            il_table_set_text(t, row, 0, m->params[k].name);
            il_table_set_num(t, row, 1, res.value[pi]);
            il_table_set_num(t, row, 2, res.sigma[pi]);
            il_table_set_num(t, row, 3, m->params[k].lo);
            il_table_set_num(t, row, 4, m->params[k].hi);
            /* at a bound the curvature-based σ means little: say so */
            double span = m->params[k].hi - m->params[k].lo;
            const char *note = res.value[pi] - m->params[k].lo < 1e-3 * span   ? "at min"
                               : m->params[k].hi - res.value[pi] < 1e-3 * span ? "at max"
                                                                               : "";
            il_table_set_text(t, row, 5, note);
            if (res.tau)
                il_table_set_num(t, row, 6, res.tau[pi]);
            json_t *jo = json_object();
            json_object_set_new(jo, "at_bound", json_boolean(note[0] != 0));
            json_object_set_new(jo, "name", json_string(m->params[k].name));
            json_object_set_new(jo, "value", json_real(res.value[pi]));
            json_object_set_new(jo, "sigma", json_real(res.sigma[pi]));
            json_object_set_new(jo, "min", json_real(m->params[k].lo));
            json_object_set_new(jo, "max", json_real(m->params[k].hi));
            if (res.tau)
                json_object_set_new(jo, "autocorrelation_time_steps", json_real(res.tau[pi]));
            json_array_append_new(jp, jo);
            json_t *row_c = json_array();
            for (size_t b = 0; b < np; b++)
                json_array_append_new(row_c, json_real(res.corr[pi * np + b]));
            json_array_append_new(jc, row_c);
            pi++;
        }
        static const char *engines[] = {"lm", "de", "mcmc"};
        json_object_set_new(doc, "engine", json_string(engines[o.engine]));
        json_object_set_new(doc, "parameters", jp);
        json_object_set_new(doc, "correlation", jc);
        json_object_set_new(doc, "chi2", json_real(res.chi2));
        json_object_set_new(doc, "chi2_reduced", json_real(res.chi2_red));
        json_object_set_new(doc, "points", json_integer((json_int_t)res.ndata));
        json_object_set_new(doc, "converged", json_boolean(res.converged));
        json_object_set_new(doc, "quadrature_error", json_real(res.quad_err));
        if (o.engine == IL_REFL_FIT_MCMC) {
            json_object_set_new(doc, "acceptance", json_real(res.acceptance));
            json_object_set_new(doc, "samples", json_integer((json_int_t)res.nsamples));
        }
        json_t *jcurves = json_array();
        for (size_t d = 0; d < nsets; d++) {
            const il_refl_dataset *ds = sets[d];
            double *rf = malloc(ds->n * sizeof *rf);
            if (!rf || il_refl_fit_curve(f, (int)d, NULL, rf, &err)) {
                free(rf);
                continue;
            }
            json_t *jd = json_object(), *a = json_array(), *b = json_array(), *c = json_array();
            for (size_t i = 0; i < ds->n; i++) {
                json_array_append_new(a, json_real(ds->q_invA[i]));
                json_array_append_new(b, json_real(ds->r[i]));
                json_array_append_new(c, json_real(rf[i]));
            }
            json_object_set_new(jd, "name", json_string(ds->name));
            json_object_set_new(jd, "q", a);
            json_object_set_new(jd, "r", b);
            json_object_set_new(jd, "r_fit", c);
            json_array_append_new(jcurves, jd);
            free(rf);
        }
        json_object_set_new(doc, "curves", jcurves);
        if (!out.json && !out.csv && !out.output)
            printf("%zu datasets, %zu points, %zu parameters, engine %s: χ² = %.6g, reduced "
                   "%.4g%s\n",
                   nsets, res.ndata, np, engines[o.engine], res.chi2, res.chi2_red,
                   res.converged ? "" : " (not converged)");
        rc = il_out_emit(&out, t, doc);
        if (!out.json && !out.csv && !out.output && o.engine == IL_REFL_FIT_MCMC)
            printf("MCMC: acceptance %.2f, %zu samples%s\n", res.acceptance, res.nsamples,
                   res.converged ? " (chain > 50 τ)" : " (chain shorter than 50 τ: run longer)");
        if (!out.json && !out.csv && !out.output) {
            /* the correlations people should know about */
            int any = 0;
            const char *names[256];
            size_t nn = 0;
            for (size_t k = 0; k < m->nparams && nn < 256; k++)
                if (m->params[k].free)
                    names[nn++] = m->params[k].name;
            for (size_t a = 0; a < nn; a++)
                for (size_t b = a + 1; b < nn; b++)
                    if (fabs(res.corr[a * np + b]) > 0.8) {
                        printf("%s %s / %s %+.2f", any ? "," : "strong correlations:", names[a],
                               names[b], res.corr[a * np + b]);
                        any = 1;
                    }
            if (any)
                printf("\n");
        }
        if (!out.json && !out.csv && !out.output && res.quad_err > 1e-3)
            printf("warning: resolution quadrature error %.2g at the solution\n", res.quad_err);
        json_decref(doc);
        il_table_free(t);
        /* curves CSV: dataset, q, r, dr, r_fit */
        if (!rc && curves) {
            il_outfile *of;
            if (il_outfile_open(curves, &of, &err)) {
                rc = il_cli_fail(&err);
            } else {
                FILE *fp = il_outfile_stream(of);
                fprintf(fp, "dataset,q_invA,r,dr,r_fit\n");
                for (size_t d = 0; d < nsets; d++) {
                    const il_refl_dataset *ds = sets[d];
                    double *rf = malloc(ds->n * sizeof *rf);
                    if (rf && !il_refl_fit_curve(f, (int)d, NULL, rf, &err))
                        for (size_t i = 0; i < ds->n; i++)
                            fprintf(fp, "%zu,%.10g,%.10g,%.6g,%.10g\n", d, ds->q_invA[i],
                                    ds->r[i], ds->dr ? ds->dr[i] : 0.0, rf[i]);
                    free(rf);
                }
                if (il_outfile_commit(of, &err))
                    rc = il_cli_fail(&err);
            }
        }
        if (!rc && out.plot) {
            /* R·Q⁴ against Q: the Fresnel decay removed, fringes visible */
            il_plot_series ser[32];
            double *buf[32][3] = {{0}};
            size_t ns = 0;
            for (size_t d = 0; d < nsets && ns + 2 <= 32; d++) {
                const il_refl_dataset *ds = sets[d];
                double *y = malloc(ds->n * sizeof *y), *e = malloc(ds->n * sizeof *e);
                double *yf = malloc(ds->n * sizeof *yf);
                if (!y || !e || !yf || il_refl_fit_curve(f, (int)d, NULL, yf, &err)) {
                    free(y), free(e), free(yf);
                    continue;
                }
                for (size_t i = 0; i < ds->n; i++) {
                    double q4 = pow(ds->q_invA[i], 4);
                    y[i] = ds->r[i] * q4;
                    e[i] = ds->dr ? ds->dr[i] * q4 : 0.0;
                    yf[i] *= q4;
                }
                buf[d][0] = y, buf[d][1] = e, buf[d][2] = yf;
                ser[ns++] = (il_plot_series){ds->q_invA, y, ds->dr ? e : NULL, ds->n, ds->name,
                                             IL_PLOT_POINTS};
                ser[ns++] = (il_plot_series){ds->q_invA, yf, NULL, ds->n, "fit", IL_PLOT_LINE};
            }
            il_plot_axes ax = {"reflectivity and fit", "Q (1/Å)", "R·Q⁴ (1/Å⁴)", 0, 1};
            if (il_plot_xy(out.plot, &ax, ser, ns, &err))
                rc = il_cli_fail(&err);
            for (size_t d = 0; d < 32; d++)
                for (int k = 0; k < 3; k++)
                    free(buf[d][k]);
        }
        if (!rc && (profile || profile_csv)) {
            /* SLD profile of the first dataset's model; with MCMC a 16-84 % band from 200
             * posterior samples */
            const il_refl_slab *sl;
            size_t nl;
            if (il_refl_fit_slabs(f, 0, NULL, &sl, &nl, &err)) {
                rc = il_cli_fail(&err);
            } else {
                il_refl_slab *best = malloc(nl * sizeof *best);
                double *z = NULL, *re = NULL, *im = NULL;
                memcpy(best, sl, nl * sizeof *best);
                const size_t NP = 600;
                il_status st = sld_profile(best, nl, NP, &z, &re, &im, &err);
                il_plot_series ser[3] = {{z, re, NULL, NP, "best", IL_PLOT_LINE}};
                size_t ns = 1;
                double *lo = NULL, *hi = NULL;
                if (!st && res.samples && res.nsamples > 0) {
                    const size_t K = 200;
                    double *prof = malloc(K * NP * sizeof *prof), *col = malloc(K * sizeof *col);
                    lo = malloc(NP * sizeof *lo);
                    hi = malloc(NP * sizeof *hi);
                    for (size_t k = 0; k < K && prof; k++) {
                        const double *pk = res.samples + (res.nsamples / K) * k * np;
                        if (il_refl_fit_slabs(f, 0, pk, &sl, &nl, &err) ||
                            il_refl_profile(sl, nl, z, NP, prof + k * NP, NULL, &err))
                            break;
                    }
                    for (size_t i = 0; i < NP && prof && col && lo && hi; i++) {
                        for (size_t k = 0; k < K; k++)
                            col[k] = prof[k * NP + i];
                        qsort(col, K, sizeof *col, cmp_double);
                        lo[i] = col[(size_t)(0.16 * (K - 1))];
                        hi[i] = col[(size_t)(0.84 * (K - 1))];
                    }
                    ser[ns++] = (il_plot_series){z, lo, NULL, NP, "16 %", IL_PLOT_LINE};
                    ser[ns++] = (il_plot_series){z, hi, NULL, NP, "84 %", IL_PLOT_LINE};
                    free(prof);
                    free(col);
                }
                il_plot_axes ax = {"fitted SLD profile", "depth (Å)", "SLD (1e-6 Å⁻²)", 0, 0};
                if (st || (profile && il_plot_xy(profile, &ax, ser, ns, &err)))
                    rc = il_cli_fail(&err);
                if (!rc && profile_csv) {
                    il_outfile *of;
                    if (il_outfile_open(profile_csv, &of, &err)) {
                        rc = il_cli_fail(&err);
                    } else {
                        FILE *fp = il_outfile_stream(of);
                        fprintf(fp, "depth_A,sld_real,sld_imag%s\n",
                                lo ? ",sld_real_p16,sld_real_p84" : "");
                        for (size_t i = 0; i < NP; i++) {
                            fprintf(fp, "%.6g,%.8g,%.8g", z[i], re[i], im[i]);
                            if (lo)
                                fprintf(fp, ",%.8g,%.8g", lo[i], hi[i]);
                            fputc('\n', fp);
                        }
                        if (il_outfile_commit(of, &err))
                            rc = il_cli_fail(&err);
                    }
                }
                free(best), free(z), free(re), free(im), free(lo), free(hi);
            }
        }
    }
    il_refl_fit_result_free(&res);
    il_refl_fit_free(f);
    for (size_t k = 0; k < ndata; k++)
        il_refl_data_free(files[k]);
    il_refl_model_free(m);
    return rc;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: interlayer refl VERB [ARGS...]\n\nverbs:\n"
               "  validate   run the ORSO validation suite, print the worst error of each case\n"
               "  sld        SLD of each layer of a stack (neutron or X-ray)\n"
               "  simulate   reflectivity of a stack\n"
               "  fit        fit a model to reflectivity data\n"
               "Run 'interlayer refl VERB --help' for the options of a verb.\n");
}

int il_cmd_refl(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return IL_EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        usage(stdout);
        return IL_EXIT_OK;
    }
    if (strcmp(verb, "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(verb, "sld") == 0)
        return cmd_sld(argc - 1, argv + 1);
    if (strcmp(verb, "simulate") == 0)
        return cmd_simulate(argc - 1, argv + 1);
    if (strcmp(verb, "fit") == 0)
        return cmd_fit(argc - 1, argv + 1);
    return il_cli_usage("refl: unknown verb '%s' (validate, sld, simulate, fit)", verb);
}
