/* interlayer iba fit SAMPLE SPECTRUM...: parses, reads the spectra, calls il_iba_fit (iba_fit.h)
 * and prints the parameters; --csv/--json/--plot through the io writers and the plot layer. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"
#include "cli/output.h"
#include "interlayer/iba_fit.h"
#include "interlayer/iba_io.h"
#include "interlayer/plot.h"
#include "interlayer/spectrum.h"

#define MAX_SPECTRA 16
#define MAX_PARAMS 64

typedef struct {
    cli_out out;
    cli_iba_args iba;
    cli_list fit, tie;
    const char *window, *idf_out, *setup;
    int engine, no_reweight;
    double seed, steps, walkers, generations;
    const char *pos[MAX_SPECTRA + 1]; /* SAMPLE SPECTRUM... */
} fit_args;

#define ARG(f) offsetof(fit_args, f)
static const cli_word_value engines[] = {
    {"lm", IL_IBA_FIT_LM}, {"de", IL_IBA_FIT_DE}, {"mcmc", IL_IBA_FIT_MCMC}, {NULL, 0}};

static const cli_opt own_options[] = {
    CLI_OPT_LIST("--fit", ARG(fit)),
    CLI_OPT_LIST("--tie", ARG(tie)),
    CLI_OPT_TEXT("--window", NULL, ARG(window)),
    CLI_OPT_TEXT("--idf-out", NULL, ARG(idf_out)),
    CLI_OPT_TEXT("--setup", NULL, ARG(setup)),
    CLI_OPT_CHOICE("--engine", ARG(engine), engines, "lm, de or mcmc"),
    CLI_OPT_FLAG("--no-reweight", ARG(no_reweight)),
    CLI_OPT_WHOLE("--seed", ARG(seed), 0, 4e9),
    CLI_OPT_WHOLE("--steps", ARG(steps), 1, 1e6),
    CLI_OPT_WHOLE("--walkers", ARG(walkers), 2, 1e5),
    CLI_OPT_WHOLE("--generations", ARG(generations), 1, 1e6),
};

static const cli_verb fit_verb = {
    .name = "iba fit",
    .help =
        "usage: interlayer iba fit SAMPLE SPECTRUM[,KEY=VALUE...]...\n"
        "         --fit TARGET[=START[:LO:HI]]... [--tie PARAM=TARGET]...\n"
        "         [--window FIRST:LAST] [--engine lm|de|mcmc] [--seed N]\n"
        "         [--generations N] [--steps N] [--walkers N] [--no-reweight]\n"
        "         [--multiple-scattering] [--dual-scattering]\n"
        "         [options of 'iba simulate' | --setup FILE.xnra]\n"
        "         [--csv|--json] [-o FILE] [--plot FILE.svg] [--idf-out FILE.xnra]\n"
        "  Fits measured spectra (.Spe, .Chn, N42, CSV counts, .xnra) of the stack\n"
        "  SAMPLE at once. The options of 'iba simulate' set every spectrum's beam,\n"
        "  geometry and detector; KEY=VALUE after a spectrum changes them for that one\n"
        "  (angle=140, tilt=30, energy=3MeV, beam=p, technique=erda, r33=FILE,\n"
        "  window=100:900, setup=FILE.xnra). --setup FILE.xnra: beam, geometry,\n"
        "  detector and calibration from an IDF/SIMNRA file; an .xnra spectrum brings\n"
        "  its own (--r33, --foil, --detect, --accurate, --multiple-scattering,\n"
        "  --dual-scattering still apply); FILE,spectrum=K:\n"
        "  the K-th spectrum of an IDF file with several (1 by default).\n"
        "  --fit frees a target: LAYER.thickness_nm, LAYER.frac:Li (atoms per formula\n"
        "  unit; frac:CoO2 keeps Co:O = 1:2), LAYER.iso:Li6, LAYER.density_g_cm3,\n"
        "  LAYER.roughness_nm, and per spectrum scale (fluence x solid angle),\n"
        "  cal_offset_keV, cal_gain_keV, cal_quad_keV, resolution_keV, spread_keV:\n"
        "  written bare they are freed for each spectrum (iba1:scale, iba2:scale).\n"
        "  START, LO, HI default to the current value and to bounds by kind.\n"
        "  --tie: PARAM also sets TARGET (one gain for two spectra). LM by default;\n"
        "  de: global search, then LM; mcmc: posterior 1-sigma and correlations.\n"
        "  Weights: the counts, then a second pass with the model (--no-reweight).\n"
        "  Prints the parameters with 1-sigma uncertainties and chi2 next to the chi2\n"
        "  Poisson counts of the fitted model would give (many channels below one\n"
        "  count make chi2/dof small for a right model); --csv: the\n"
        "  fitted spectra (data, fit, each element); --json: everything; --plot: data,\n"
        "  fit and each element per spectrum (spectrum k > 1 into FILE-k.svg);\n"
        "  --idf-out: the fitted stack, setup, data and fit as IDF/.xnra (spectrum\n"
        "  k > 1 into FILE-k.xnra).\n",
    CLI_SETS(CLI_OUT_SET(fit_args), CLI_SET(cli_iba_options, ARG(iba)), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(fit_args, pos),
    .unknown = "unexpected option",
    .too_many = "at most 16 spectra",
};

/* Only the iba options, for the KEY=VALUE overrides of one spectrum. */
static const cli_verb override_verb = {
    .name = "iba fit",
    CLI_SETS(CLI_SET(cli_iba_options, 0)),
    .unknown = "unknown spectrum setting",
};

/* "FIRST:LAST" channels. */
static int parse_window(const char *text, size_t *first, size_t *last)
{
    char *end;
    double a = strtod(text, &end), b;
    if (*end != ':' || !(a >= 0 && a == floor(a)))
        goto bad;
    b = strtod(end + 1, &end);
    if (*end || !(b > a && b == floor(b) && b < 1e7))
        goto bad;
    *first = (size_t)a;
    *last = (size_t)b;
    return 0;
bad:
    return cli_usage("iba fit: window '%s': expected FIRST:LAST channels, FIRST < LAST", text);
}

/* One spectrum argument: the file and its KEY=VALUE settings on a copy of the common options. */
typedef struct {
    char text[1024];
    const char *path;
    cli_iba_args args;
    cli_iba_setup setup;
    int have_setup;
    il_spectrum *data;
    const char *setup_path; /* IDF file with the beam, geometry and detector, or NULL */
    il_iba_idf *idf;        /* the spectrum itself as IDF (data and setup) */
    size_t first, last;
    size_t which; /* spectrum=K: the K-th <spectrum> of an IDF file (1: the first) */
} spec_in;

/* The setup of an IDF file in place of the options' beam, geometry and detector; the R33
 * tables, foil, detected element and accurate mode stay the command line's. */
static void take_setup(il_iba_options *o, const il_iba_options *file)
{
    il_iba_options t = *file;
    t.sigma = o->sigma;
    t.n_sigma = o->n_sigma;
    t.foil = o->foil;
    t.detect_Z = o->detect_Z;
    t.accurate = t.accurate || o->accurate;
    t.multiple_scattering = t.multiple_scattering || o->multiple_scattering;
    t.dual_scattering = t.dual_scattering || o->dual_scattering;
    *o = t;
}

static int read_spectrum(const char *arg, const fit_args *a, spec_in *s)
{
    if (strlen(arg) >= sizeof s->text)
        return cli_usage("iba fit: spectrum argument too long");
    snprintf(s->text, sizeof s->text, "%s", arg);
    s->args = a->iba;
    s->args.r33.n = a->iba.r33.n;
    s->first = 0;
    s->last = 0;
    if (a->window && parse_window(a->window, &s->first, &s->last))
        return CLI_EXIT_USAGE;
    char *save = NULL, *tok = strtok_r(s->text, ",", &save);
    s->path = tok ? tok : s->text;
    while ((tok = strtok_r(NULL, ",", &save))) {
        char *eq = strchr(tok, '=');
        if (eq)
            *eq = '\0';
        if (strcmp(tok, "setup") == 0) {
            if (!eq || !eq[1])
                return cli_usage("iba fit: setup needs =FILE.xnra");
            s->setup_path = eq + 1;
            continue;
        }
        if (strcmp(tok, "spectrum") == 0) {
            char *end = NULL;
            unsigned long k = eq ? strtoul(eq + 1, &end, 10) : 0;
            if (!eq || end == eq + 1 || *end || k < 1 || k > 1000)
                return cli_usage("iba fit: %s: spectrum needs =K, a whole number 1..1000 (the "
                                 "K-th spectrum of the IDF file)", s->path);
            s->which = (size_t)k;
            continue;
        }
        if (strcmp(tok, "window") == 0) {
            if (!eq || parse_window(eq + 1, &s->first, &s->last))
                return eq ? CLI_EXIT_USAGE : cli_usage("iba fit: window needs =FIRST:LAST");
            continue;
        }
        char opt[64];
        snprintf(opt, sizeof opt, "--%s", tok);
        char *argv[3] = {opt, eq ? eq + 1 : NULL, NULL};
        int argc = eq ? 2 : 1, i = 0;
        int rc = cli_parse_one(&override_verb, argc, argv, &i, &s->args);
        if (rc == 0)
            return cli_usage("iba fit: %s: unknown setting '%s' (the options of 'iba "
                             "simulate' without the dashes)", s->path, tok);
        if (rc != 1)
            return rc;
    }
    il_error err;
    if (cli_iba_setup_from(&s->args, &s->setup, &err)) {
        il_error_prefix(&err, "%s: ", s->path);
        return cli_fail(&err);
    }
    s->have_setup = 1;
    if (cli_iba_is_idf(s->path)) {
        if (il_iba_idf_load(s->path, &s->idf, &err))
            return cli_fail(&err);
        /* spectrum=K picks one of several; the sample is the file's, shared by all */
        const il_iba_idf *e = s->idf;
        size_t k = 1;
        for (; e && k < (s->which ? s->which : 1); k++)
            e = e->next;
        if (!e)
            return cli_usage("iba fit: %s: spectrum=%zu, but the file holds %zu spectra",
                             s->path, s->which, k - 1);
        if (!e->data)
            return cli_usage("iba fit: %s holds no measured spectrum", s->path);
        take_setup(&s->setup.o, &e->options);
        if (il_spectrum_new(e->n_data, &s->data, &err))
            return cli_fail(&err);
        memcpy(il_spectrum_counts_mut(s->data), e->data, e->n_data * sizeof(double));
    } else if (s->which) {
        return cli_usage("iba fit: %s: spectrum=K applies to IDF/.xnra files only", s->path);
    } else if (il_spectrum_load(s->path, IL_SPECTRUM_AUTO, &s->data, &err)) {
        return cli_fail(&err);
    }
    const char *setup = s->setup_path ? s->setup_path : s->idf ? NULL : a->setup;
    if (setup) {
        il_iba_idf *d;
        if (il_iba_idf_load(setup, &d, &err))
            return cli_fail(&err);
        take_setup(&s->setup.o, &d->options);
        il_iba_idf_free(d);
    }
    s->setup.o.channels = il_spectrum_n_channels(s->data);
    if (s->last >= s->setup.o.channels)
        return cli_usage("iba fit: %s: window ends at channel %zu, the spectrum at %zu", s->path,
                         s->last, s->setup.o.channels - 1);
    return CLI_EXIT_OK;
}

static int parse_number(const char *t, const char *what, const char *arg, double *v)
{
    if (!*t)
        return 0; /* empty: the default */
    char *end;
    *v = strtod(t, &end);
    if (*end || !isfinite(*v))
        return cli_usage("iba fit: --fit %s: %s '%s' is not a number", arg, what, t);
    return 0;
}

/* --fit TARGET[=START[:LO:HI]]: one parameter, or one per spectrum for a bare probe
 * parameter. Target texts are kept in names[]. */
static int add_fit(const char *arg, size_t ns, il_iba_fit_param *p, char (*names)[160], size_t *np)
{
    char t[128];
    if (strlen(arg) >= sizeof t)
        return cli_usage("iba fit: --fit %.40s...: too long", arg);
    snprintf(t, sizeof t, "%s", arg);
    char *eq = strchr(t, '=');
    double start = NAN, lo = NAN, hi = NAN;
    if (eq) {
        *eq = '\0';
        char *c1 = strchr(eq + 1, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (c1 && !c2)
            return cli_usage("iba fit: --fit %s: expected TARGET=START:LO:HI", arg);
        if (c1)
            *c1 = '\0', *c2 = '\0';
        if (parse_number(eq + 1, "start", arg, &start) ||
            (c1 && (parse_number(c1 + 1, "lower bound", arg, &lo) ||
                    parse_number(c2 + 1, "upper bound", arg, &hi))))
            return CLI_EXIT_USAGE;
    }
    int bare = !strchr(t, '.') && !strchr(t, ':');
    for (size_t k = 0; k < (bare ? ns : 1); k++) {
        if (*np == MAX_PARAMS)
            return cli_usage("iba fit: at most %d parameters", MAX_PARAMS);
        if (bare)
            snprintf(names[*np], sizeof names[*np], "iba%zu:%s", k + 1, t);
        else
            snprintf(names[*np], sizeof names[*np], "%s", t);
        p[*np] = (il_iba_fit_param){names[*np], start, lo, hi, {NULL}};
        (*np)++;
    }
    return 0;
}

/* --tie PARAM=TARGET */
static int add_tie(const char *arg, il_iba_fit_param *p, size_t np, char (*names)[160],
                   size_t *nt)
{
    const char *eq = strchr(arg, '=');
    if (!eq)
        return cli_usage("iba fit: --tie %s: expected PARAM=TARGET", arg);
    for (size_t j = 0; j < np; j++) {
        if (strncmp(p[j].target, arg, (size_t)(eq - arg)) || p[j].target[eq - arg])
            continue;
        size_t t = 0;
        while (t < 8 && p[j].ties[t])
            t++;
        if (t == 8 || *nt == MAX_PARAMS)
            return cli_usage("iba fit: --tie %s: too many ties", arg);
        snprintf(names[*nt], sizeof names[*nt], "%s", eq + 1);
        p[j].ties[t] = names[(*nt)++];
        return 0;
    }
    return cli_usage("iba fit: --tie %s: no --fit parameter '%.*s'", arg, (int)(eq - arg), arg);
}

/* Data, fit and each element's part of spectrum k. */
static int plot_one(const char *path, const il_iba_fit_result *r, const il_iba_fit_spectrum *d,
                    size_t k)
{
    const il_iba_spectrum *m = r->model[k];
    size_t nch = il_iba_spectrum_channels(m);
    int Z[CLI_LIST_MAX];
    size_t ne = il_iba_spectrum_elements(m, Z, CLI_LIST_MAX - 2);
    double *buf = malloc((ne + 1) * nch * sizeof *buf);
    if (!buf) {
        il_error err;
        il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        return cli_fail(&err);
    }
    double *E = buf;
    for (size_t i = 0; i < nch; i++)
        E[i] = il_iba_spectrum_energy_keV(m, (double)i);
    il_plot_series s[CLI_LIST_MAX];
    s[0] = (il_plot_series){E, d->counts, NULL, nch, "data", IL_PLOT_POINTS};
    s[1] = (il_plot_series){E, il_iba_spectrum_total(m), NULL, nch, "fit", IL_PLOT_LINE};
    size_t ns = 2;
    for (size_t i = 0; i < ne; i++) {
        double *y = buf + (i + 1) * nch;
        il_iba_spectrum_element(m, Z[i], y);
        s[ns++] = (il_plot_series){E, y, NULL, nch, il_element_by_z(Z[i])->symbol,
                                   IL_PLOT_LINE};
    }
    const il_iba_options *o = &r->options[k];
    char title[200];
    snprintf(title, sizeof title, "%s fit: %d%s %.4g MeV, %g deg, chi2 %.4g (Poisson %.4g)",
             o->technique == IL_IBA_ERDA ? "ERDA" : o->technique == IL_IBA_NRA ? "NRA" : "RBS",
             o->beam_A, il_element_by_z(o->beam_Z)->symbol, o->energy_keV / 1e3, o->theta_deg,
             r->fit.chi2_term[k], r->chi2_expected[k]);
    il_plot_axes ax = {.title = title, .xlabel = "energy (keV)", .ylabel = "counts per channel"};
    il_error err;
    int rc = il_plot_xy(path, &ax, s, ns, &err) ? cli_fail(&err) : CLI_EXIT_OK;
    free(buf);
    return rc;
}

static int plot_all(const char *path, const il_iba_fit_result *r, const il_iba_fit_spectrum *d,
                    size_t n)
{
    int rc = plot_one(path, r, d, 0);
    const char *dot = strrchr(path, '.');
    int stem = dot ? (int)(dot - path) : (int)strlen(path);
    for (size_t k = 1; k < n && !rc; k++) {
        char p[1100];
        snprintf(p, sizeof p, "%.*s-%zu%s", stem, path, k + 1, dot ? dot : "");
        rc = plot_one(p, r, d, k);
    }
    return rc;
}

/* --idf-out: one IDF file per spectrum, the way plot_all names them. */
static int write_idf(const char *path, const il_iba_fit_result *r, const il_iba_fit_spectrum *d,
                     size_t n)
{
    const char *dot = strrchr(path, '.');
    int stem = dot ? (int)(dot - path) : (int)strlen(path);
    for (size_t k = 0; k < n; k++) {
        char p[1100];
        if (k == 0)
            snprintf(p, sizeof p, "%s", path);
        else
            snprintf(p, sizeof p, "%.*s-%zu%s", stem, path, k + 1, dot ? dot : "");
        il_error err;
        if (il_iba_idf_write(p, r->stack, &r->options[k], d[k].counts, d[k].channels,
                             r->model[k], &err))
            return cli_fail(&err);
    }
    return CLI_EXIT_OK;
}

static int report(const fit_args *a, const il_iba_fit_result *r, const il_iba_fit_spectrum *d,
                  size_t n)
{
    il_error err;
    char *text = NULL;
    int rc = CLI_EXIT_OK;
    if (a->out.json || a->out.csv) {
        il_status st = a->out.json ? il_iba_fit_json(r, d, n, &text, &err)
                                   : il_iba_fit_csv(r, d, n, &text, &err);
        if (!st && a->out.output)
            st = a->out.json ? il_iba_fit_write_json(a->out.output, r, d, n, &err)
                             : il_iba_fit_write_csv(a->out.output, r, d, n, &err);
        else if (!st)
            fputs(text, stdout);
        free(text);
        return st ? cli_fail(&err) : CLI_EXIT_OK;
    }
    static const cli_column cols[] = {{"parameter", "parameter", "%s"},
                                      {"start", "start", "%.6g"},
                                      {"value", "value", "%.6g"},
                                      {"sigma", "1 sigma", "%.2g"}};
    cli_table *t = cli_table_new(cols, 4);
    for (size_t j = 0; j < r->n_params; j++) {
        long row = cli_table_add_row(t);
        cli_table_set_text(t, row, 0, r->name[j]);
        cli_table_set_num(t, row, 1, r->start[j]);
        cli_table_set_num(t, row, 2, r->fit.value[j]);
        cli_table_set_num(t, row, 3, r->fit.sigma[j]);
    }
    rc = cli_out_emit(&a->out, t, NULL);
    cli_table_free(t);
    if (!rc && !a->out.output) {
        static const char *eng[] = {"lm", "de", "mcmc"};
        printf("engine %s, %d iterations, %zu spectra computed%s; chi2 = %.6g, dof %zu, "
               "reduced %.4g\n",
               eng[r->engine], r->iterations, r->evaluations,
               r->converged ? "" : " (not converged)", r->fit.chi2, r->fit.dof,
               r->fit.dof ? r->fit.chi2 / (double)r->fit.dof : NAN);
        printf("  for Poisson counts of the fitted model chi2 would be %.6g +- %.3g "
               "(chi2/that %.4g)\n",
               r->chi2_expected_total, r->chi2_expected_sd_total,
               r->fit.chi2 / r->chi2_expected_total);
        for (size_t k = 0; k < n; k++)
            printf("  spectrum %zu: chi2 %.6g over %zu channels, Poisson %.6g +- %.3g\n", k + 1,
                   r->fit.chi2_term[k], r->fit.n_term[k], r->chi2_expected[k],
                   r->chi2_expected_sd[k]);
        char buf[4096];
        printf("fitted stack: %s\n", il_stack_format(r->stack, buf, sizeof buf));
    }
    return rc;
}

int cli_iba_fit(int argc, char **argv)
{
    fit_args a = {.engine = IL_IBA_FIT_LM, .seed = 1};
    cli_iba_args_init(&a.iba);
    CLI_PARSE_OR_RETURN(&fit_verb, argc, argv, &a);
    rc = CLI_EXIT_OK;
    size_t ns = 0;
    while (ns < MAX_SPECTRA && a.pos[ns + 1])
        ns++;
    if (!a.pos[0] || ns == 0)
        return cli_usage("usage: interlayer iba fit SAMPLE SPECTRUM... --fit TARGET ... "
                         "(see --help)");
    if (a.fit.n == 0)
        return cli_usage("iba fit: nothing to fit: give --fit TARGET (e.g. --fit scale "
                         "--fit 1.thickness_nm)");
    static spec_in in[MAX_SPECTRA];
    static il_iba_fit_param par[MAX_PARAMS];
    static char names[MAX_PARAMS][160], tnames[MAX_PARAMS][160];
    il_iba_fit_spectrum sp[MAX_SPECTRA];
    size_t np = 0, nt = 0, nread = 0;
    il_stack *stack = NULL;
    il_iba_fit_result r = {0};
    il_error err;
    for (size_t i = 0; i < a.fit.n && !rc; i++)
        rc = add_fit(a.fit.v[i], ns, par, names, &np);
    for (size_t i = 0; i < a.tie.n && !rc; i++)
        rc = add_tie(a.tie.v[i], par, np, tnames, &nt);
    if (!rc && il_stack_load(a.pos[0], NULL, &stack, &err))
        rc = cli_fail(&err);
    for (size_t k = 0; k < ns && !rc; k++, nread++) {
        memset(&in[k], 0, sizeof in[k]);
        rc = read_spectrum(a.pos[k + 1], &a, &in[k]);
        if (!rc)
            sp[k] = (il_iba_fit_spectrum){NULL, &in[k].setup.o, il_spectrum_counts(in[k].data),
                                          il_spectrum_n_channels(in[k].data), in[k].first,
                                          in[k].last};
    }
    if (!rc) {
        il_iba_fit_options fo;
        il_iba_fit_options_default(&fo);
        fo.engine = (il_iba_fit_engine)a.engine;
        fo.reweight = !a.no_reweight;
        fo.seed = (unsigned long)a.seed;
        fo.steps = (int)a.steps;
        fo.walkers = (int)a.walkers;
        fo.generations = (int)a.generations;
        if (il_iba_fit(stack, sp, ns, par, np, &fo, &r, &err))
            rc = cli_fail(&err);
    }
    if (!rc)
        rc = report(&a, &r, sp, ns);
    if (!rc && a.out.plot)
        rc = plot_all(a.out.plot, &r, sp, ns);
    if (!rc && a.idf_out)
        rc = write_idf(a.idf_out, &r, sp, ns);
    il_iba_fit_result_free(&r);
    for (size_t k = 0; k <= nread && k < ns; k++) {
        if (in[k].have_setup)
            cli_iba_setup_clear(&in[k].setup);
        il_spectrum_free(in[k].data);
        il_iba_idf_free(in[k].idf);
    }
    il_stack_free(stack);
    return rc;
}
