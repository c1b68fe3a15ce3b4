/* interlayer sputter: sputter-etch depth profiles (XPS, AES, ToF-SIMS, GD-OES) with the MRI
 * resolution function of probes/sputter.
 *   sputter simulate STACK --technique T [MRI options] [--elements LIST] [--step LEN]
 *   sputter deconvolve PROFILE.csv --technique T [MRI options] [--regularisation L]
 * This file holds the dispatch, the MRI options both verbs share and `simulate`;
 * cmd_sputter_deconvolve.c the other verb. The library computes and writes the documents. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_sputter.h"

static const char usage[] =
    "usage: interlayer sputter VERB [ARGS...]\n\nverbs:\n"
    "  simulate     the measured sputter depth profile of each element of a stack\n"
    "  deconvolve   the true profile behind a measured sputter profile\n"
    "Run 'interlayer sputter VERB --help' for the options of a verb.\n";

const cli_opt cli_sputter_mri_options[4] = {
    CLI_OPT_TEXT("--technique", NULL, offsetof(cli_sputter_mri, technique)),
    CLI_OPT_NUMBER("--mixing", offsetof(cli_sputter_mri, w_nm), 0),
    CLI_OPT_NUMBER("--roughness", offsetof(cli_sputter_mri, sigma_nm), 0),
    CLI_OPT_NUMBER("--information-depth", offsetof(cli_sputter_mri, lambda_nm), 0),
};

void cli_sputter_mri_init(cli_sputter_mri *m)
{
    m->technique = NULL;
    m->w_nm = m->sigma_nm = m->lambda_nm = NAN;
}

int cli_sputter_mri_resolve(const char *verb, const cli_sputter_mri *m, const il_stack *s,
                            il_sputter_technique *t, il_mri_params *p)
{
    il_error err;
    if (!m->technique)
        return cli_usage("sputter %s: --technique xps|aes|tof-sims|gd-oes is required", verb);
    if (il_sputter_technique_parse(m->technique, t, &err))
        return cli_usage("sputter %s: --technique: %s", verb, err.message);
    if (il_sputter_mri_defaults(s, *t, p, &err))
        return cli_fail(&err);
    if (!isnan(m->w_nm))
        p->w_nm = m->w_nm;
    if (!isnan(m->sigma_nm))
        p->sigma_nm = m->sigma_nm;
    if (!isnan(m->lambda_nm))
        p->lambda_nm = m->lambda_nm;
    return 0;
}

int cli_sputter_emit(const cli_out *o, const char *text)
{
    il_outfile *of;
    FILE *f = cli_out_begin(o->output, &of);
    if (!f)
        return CLI_EXIT_FAIL;
    fputs(text, f);
    return cli_out_end(of, CLI_EXIT_OK);
}

typedef struct {
    cli_out out;
    cli_sputter_mri mri;
    const char *elements, *step, *depth;
    const char *pos[1];
} simulate_args;

static const cli_opt simulate_options[] = {
    CLI_OPT_TEXT("--elements", NULL, offsetof(simulate_args, elements)),
    CLI_OPT_TEXT("--step", NULL, offsetof(simulate_args, step)),
    CLI_OPT_TEXT("--depth", NULL, offsetof(simulate_args, depth)),
};

static const cli_verb simulate_verb = {
    .name = "sputter simulate",
    .help =
        "usage: interlayer sputter simulate STACK --technique xps|aes|tof-sims|gd-oes\n"
        "         [--mixing NM] [--roughness NM] [--information-depth NM]\n"
        "         [--elements LIST] [--step LEN] [--depth LEN] [--csv|--json] [-o FILE]\n"
        "         [--plot FILE.svg|.png|.pdf]\n"
        "  The sputter depth profile of each element of STACK (a file, an inline stack or\n"
        "  'default'): the true atomic fraction against sputtered depth convolved with the\n"
        "  mixing-roughness-information-depth (MRI) function of S. Hofmann.\n"
        "  --technique: sets typical MRI parameters (Hofmann, Rep. Prog. Phys. 61 (1998) 827):\n"
        "          xps w 2 nm, lambda = mean TPP-2M IMFP of 1.39 keV electrons in the stack;\n"
        "          aes w 2 nm, lambda = IMFP at 500 eV; tof-sims w 1 nm, lambda 0.3 nm;\n"
        "          gd-oes w 3 nm, lambda 0.3 nm; roughness 0\n"
        "  --mixing, --roughness, --information-depth: override w, sigma, lambda (nm)\n"
        "  --elements: element symbols, comma separated (default: all in the stack)\n"
        "  --step: depth step (default: depth resolution / 10, at least 0.05 nm)\n"
        "  --depth: deepest depth (default: the layers plus 5 depth resolutions)\n"
        "  Without --csv or --json: the MRI parameters, then the CSV columns depth_nm,\n"
        "  <El>_true, <El>_measured. Depths are calibrated sputtered depths: different\n"
        "  sputter rates and preferential sputtering (Li reads low) are not modelled.\n",
    CLI_SETS(CLI_OUT_SET(simulate_args),
             CLI_SET(cli_sputter_mri_options, offsetof(simulate_args, mri)),
             CLI_SET(simulate_options, 0)),
    CLI_POSITIONAL(simulate_args, pos),
    .unknown = "unknown option",
};

/* the elements asked for, or all of the stack's, in Z order */
static int elements_of(const simulate_args *a, const il_stack *s, int *Z, size_t *nz)
{
    *nz = 0;
    if (a->elements) {
        for (const char *p = a->elements; *p;) {
            size_t len = strcspn(p, ",");
            char sym[8];
            snprintf(sym, sizeof sym, "%.*s", (int)(len < sizeof sym ? len : sizeof sym - 1), p);
            const il_element *e;
            il_error err;
            if (il_element_lookup(sym, &e, &err))
                return cli_usage("sputter simulate: --elements: %s", err.message);
            if (*nz < CLI_LIST_MAX)
                Z[(*nz)++] = e->Z;
            p += len + (p[len] == ',');
        }
        return *nz ? 0 : cli_usage("sputter simulate: --elements: no element given");
    }
    for (size_t i = 0; i < il_stack_count(s); i++) {
        il_layer_element el[IL_FORMULA_MAX];
        size_t n = il_layer_elements(il_stack_layer(s, i), el, IL_FORMULA_MAX);
        for (size_t k = 0; k < n; k++) {
            size_t j = 0;
            while (j < *nz && Z[j] != el[k].Z)
                j++;
            if (j == *nz && *nz < CLI_LIST_MAX)
                Z[(*nz)++] = el[k].Z;
        }
    }
    for (size_t i = 1; i < *nz; i++) /* Z order, as the layers list them */
        for (size_t j = i; j > 0 && Z[j - 1] > Z[j]; j--) {
            int t = Z[j];
            Z[j] = Z[j - 1];
            Z[j - 1] = t;
        }
    return 0;
}

/* 1 when an element's true or measured fraction is above 1e-6 somewhere in the profile. */
static int present(const double *truth, const double *measured, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (truth[i] > 1e-6 || measured[i] > 1e-6)
            return 1;
    return 0;
}

static int plot(const char *path, const il_sputter_simulation *r, const il_stack *s)
{
    double *z = malloc(r->n * sizeof *z);
    il_plot_series *ser = calloc(2 * r->nz, sizeof *ser);
    char(*lab)[24] = calloc(2 * r->nz, sizeof *lab);
    size_t nl = il_stack_count(s);
    double *edges = malloc((nl + 1) * sizeof *edges);
    const char **names = malloc((nl + 1) * sizeof *names);
    int rc = CLI_EXIT_OK;
    if (!z || !ser || !lab || !edges || !names) {
        rc = cli_usage("sputter simulate: out of memory");
    } else {
        for (size_t i = 0; i < r->n; i++)
            z[i] = (i + 0.5) * r->dz_nm;
        size_t ns = 0;
        for (size_t k = 0; k < r->nz; k++) {
            /* an element absent from the profiled depth would only add two flat lines at zero
             * and two legend rows */
            if (!present(r->truth + k * r->n, r->measured + k * r->n, r->n))
                continue;
            const char *sym = il_element_by_z(r->Z[k])->symbol;
            snprintf(lab[ns], sizeof lab[0], "%s true", sym);
            snprintf(lab[ns + 1], sizeof lab[0], "%s measured", sym);
            ser[ns] = (il_plot_series){z, r->truth + k * r->n, NULL, r->n, lab[ns], IL_PLOT_STEPS};
            ser[ns + 1] = (il_plot_series){z, r->measured + k * r->n, NULL, r->n, lab[ns + 1],
                                           IL_PLOT_LINE};
            ns += 2;
        }
        for (size_t i = 0; i < nl; i++) {
            edges[i] = il_stack_layer_top_nm(s, i);
            names[i] = il_stack_layer(s, i)->name;
        }
        edges[nl] = il_stack_substrate(s) ? INFINITY : il_stack_thickness_nm(s);
        il_plot_layers layers = {edges, names, nl};
        char title[96];
        snprintf(title, sizeof title, "%s sputter profile (depth resolution %.1f nm)",
                 r->technique, il_mri_depth_resolution_nm(&r->mri));
        il_plot_axes ax = {title, "sputtered depth (nm)", "atomic fraction", 0, 0};
        il_error err;
        if (il_plot_xy_layers(path, &ax, &layers, ser, ns, &err))
            rc = cli_fail(&err);
    }
    free(z);
    free(ser);
    free(lab);
    free(edges);
    free(names);
    return rc;
}

static int simulate(int argc, char **argv)
{
    simulate_args a = {0};
    cli_sputter_mri_init(&a.mri);
    CLI_PARSE_OR_RETURN(&simulate_verb, argc, argv, &a);
    if (!a.pos[0])
        return cli_usage("usage: interlayer sputter simulate STACK --technique xps|aes|"
                         "tof-sims|gd-oes");
    il_error err;
    double step = NAN, depth = NAN;
    if (a.step && (il_parse_length_nm(a.step, &step, &err) || !(step > 0)))
        return cli_usage("sputter simulate: --step '%s': expected a length > 0 (e.g. 0.5nm)",
                         a.step);
    if (a.depth && (il_parse_length_nm(a.depth, &depth, &err) || !(depth > 0)))
        return cli_usage("sputter simulate: --depth '%s': expected a length > 0 (e.g. 200nm)",
                         a.depth);
    if (a.out.plot && il_plot_path_check(a.out.plot, &err))
        return cli_usage("sputter simulate: --plot: %s", err.message);
    il_stack *s;
    if (cli_stack_load(a.pos[0], &s, &err))
        return cli_fail(&err);
    il_sputter_technique t;
    il_mri_params p;
    int Z[CLI_LIST_MAX];
    size_t nz = 0;
    if ((rc = cli_sputter_mri_resolve("simulate", &a.mri, s, &t, &p)) ||
        (rc = elements_of(&a, s, Z, &nz))) {
        il_stack_free(s);
        return rc;
    }
    double res = il_mri_depth_resolution_nm(&p);
    if (isnan(step))
        step = fmax(res / 10, 0.05);
    if (isnan(depth))
        depth = il_stack_thickness_nm(s) + 5 * res;
    size_t n = (size_t)ceil(depth / step);
    if (n < 2 || n > 200000) {
        il_stack_free(s);
        return cli_usage("sputter simulate: %zu depth points (--depth / --step): expected "
                         "2..200000",
                         n);
    }
    double *truth = malloc(nz * n * sizeof *truth), *meas = malloc(nz * n * sizeof *meas);
    il_status st = truth && meas ? IL_OK : il_error_set(&err, IL_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < nz && !st; k++) {
        st = il_sputter_true_profile(s, Z[k], 0, step, n, truth + k * n, &err);
        if (!st)
            st = il_mri_convolve(&p, step, truth + k * n, n, meas + k * n, &err);
    }
    il_sputter_simulation r = {il_sputter_technique_name(t), p, step, n, Z, nz, truth, meas};
    char *text = NULL;
    if (!st)
        st = a.out.json ? il_sputter_simulation_json(&r, &text, &err)
                        : il_sputter_simulation_csv(&r, &text, &err);
    if (st) {
        rc = cli_fail(&err);
    } else {
        if (!a.out.json && !a.out.csv) { /* text: the parameters first, as comments */
            char *head = NULL;
            size_t hl = 0;
            FILE *h = open_memstream(&head, &hl);
            if (h) {
                fprintf(h,
                        "# %s: mixing %.3g nm, roughness %.3g nm, information depth %.3g nm; "
                        "depth resolution %.3g nm\n%s",
                        r.technique, p.w_nm, p.sigma_nm, p.lambda_nm, res, text);
                fclose(h);
                free(text);
                text = head;
            }
        }
        rc = text ? cli_sputter_emit(&a.out, text) : cli_usage("out of memory");
        if (rc == CLI_EXIT_OK && a.out.plot)
            rc = plot(a.out.plot, &r, s);
    }
    free(text);
    free(truth);
    free(meas);
    il_stack_free(s);
    return rc;
}

static const cli_subcommand verbs[] = {
    {"simulate", simulate},
    {"deconvolve", cli_sputter_deconvolve},
};

int cli_cmd_sputter(int argc, char **argv)
{
    return cli_group("sputter", usage, verbs, sizeof verbs / sizeof verbs[0], argc, argv);
}
