/* interlayer ndp invert: the Li depth profile and layer inventories from a measured spectrum. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mpi_start.h"
#include "cli/cmd_ndp_common.h"
#include "cli/cmd_ndp_invert.h"
#include "cli/output.h"
#include "cli/plot_layers.h"
#include "interlayer/plot.h"


/* The largest spectrum `ndp invert` takes (see where it is checked). */
#define CLI_NDP_INVERT_MAX_CHANNELS 8192

/* A poor fit (CLI_NDP_MAX_CHI2_PER_CHANNEL, cmd_ndp_invert.h) is written, a warning names the
 * number, and the exit status is this unless --accept-poor-fit. */
#define CLI_NDP_POOR_FIT 3

typedef struct {
    cli_ndp_instr_args instr;
    const char *stack, *plot, *method, *lambda, *fit_interlayer, *self_consistent, *truth;
    const char *batch, *batch_out;
    const char *output; /* -o FILE: the result there (whole or not at all) instead of stdout */
    int json, csv, no_systematic, unconstrained, mlem_flat_start, accept_poor_fit;
    double mlem_resample; /* > 0: full resampling with that many replicas */
    const char *spectrum[1];
} invert_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--stack", NULL, offsetof(invert_args, stack)),
    CLI_OPT_TEXT("--plot", NULL, offsetof(invert_args, plot)),
    CLI_OPT_TEXT("--method", NULL, offsetof(invert_args, method)),
    CLI_OPT_TEXT("--lambda", NULL, offsetof(invert_args, lambda)),
    CLI_OPT_TEXT("--fit-interlayer", NULL, offsetof(invert_args, fit_interlayer)),
    CLI_OPT_TEXT("--self-consistent", NULL, offsetof(invert_args, self_consistent)),
    CLI_OPT_TEXT("--truth", NULL, offsetof(invert_args, truth)),
    CLI_OPT_TEXT("--batch", NULL, offsetof(invert_args, batch)),
    CLI_OPT_TEXT("--batch-out", NULL, offsetof(invert_args, batch_out)),
    CLI_OPT_TEXT("--output", "-o", offsetof(invert_args, output)),
    CLI_OPT_FLAG("--json", offsetof(invert_args, json)),
    CLI_OPT_FLAG("--csv", offsetof(invert_args, csv)),
    CLI_OPT_FLAG("--no-systematic", offsetof(invert_args, no_systematic)),
    CLI_OPT_FLAG("--unconstrained", offsetof(invert_args, unconstrained)),
    CLI_OPT_FLAG("--mlem-flat-start", offsetof(invert_args, mlem_flat_start)),
    CLI_OPT_FLAG("--accept-poor-fit", offsetof(invert_args, accept_poor_fit)),
    CLI_OPT_WHOLE("--mlem-resample", offsetof(invert_args, mlem_resample), 2, 1e5),
};

static const cli_verb invert_verb = {
    .name = "ndp invert",
    .help = cli_ndp_help_text,
    CLI_SETS(CLI_SET(cli_ndp_instr_options, offsetof(invert_args, instr)), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(invert_args, spectrum),
    .unknown = "unknown option",
};

static const cli_word_value methods[] = {{"tikhonov", IL_NDP_METHOD_TIKHONOV},
                                         {"mlem", IL_NDP_METHOD_MLEM},
                                         {"classic", IL_NDP_METHOD_CLASSIC},
                                         {NULL, 0}};
static const cli_word_value lambda_rules[] = {{"gcv", IL_LINV_LAMBDA_GCV},
                                              {"discrepancy", IL_LINV_LAMBDA_DISCREPANCY},
                                              {"lcurve", IL_LINV_LAMBDA_LCURVE},
                                              {NULL, 0}};

/* The inversion settings from the options (checked once SPECTRUM and --stack are known). */
static int read_options(const invert_args *a, il_ndp_invert_options *o, double *il_depth_nm)
{
    il_ndp_invert_options_default(o);
    o->systematic = !a->no_systematic;
    o->nonneg = !a->unconstrained;
    o->mlem_layers = !a->mlem_flat_start;
    if (a->mlem_resample > 0) {
        o->mlem_uncertainty = IL_NDP_MLEM_SIGMA_RESAMPLE;
        o->resample = (int)a->mlem_resample;
    }
    if (a->self_consistent) {
        char *end;
        long k = strtol(a->self_consistent, &end, 10);
        if (!strcmp(a->self_consistent, "auto"))
            k = IL_NDP_SELF_CONSISTENT_AUTO;
        else if (*end || k < 0 || k > 10)
            return cli_usage("ndp invert: --self-consistent '%s' must be 0..10 passes or auto",
                             a->self_consistent);
        o->self_consistent = (int)k;
    }
    int method, rule;
    if (cli_word("ndp invert", "--method", a->method, methods, "tikhonov, mlem, classic",
                 &method) ||
        cli_word("ndp invert", "--lambda", a->lambda, lambda_rules, "gcv, discrepancy, lcurve",
                 &rule))
        return CLI_EXIT_USAGE;
    o->method = (il_ndp_method)method;
    o->lambda_rule = (il_linv_lambda_rule)rule;
    *il_depth_nm = 0;
    il_error err;
    if (a->fit_interlayer && strcmp(a->fit_interlayer, "auto") &&
        il_parse_length_nm(a->fit_interlayer, il_depth_nm, &err))
        return cli_usage("ndp invert: --fit-interlayer: %s (or 'auto': every interface)",
                         err.message);
    if (a->fit_interlayer && o->method != IL_NDP_METHOD_TIKHONOV)
        return cli_usage("ndp invert: --fit-interlayer needs --method tikhonov");
    return CLI_RUN;
}

/* The truth's Li per layer of model m (--truth, loaded before the long work), or NULL. */
static int truth_inventories(const il_stack *t, const il_ndp_model *m, double **li)
{
    *li = NULL;
    if (!t)
        return CLI_EXIT_OK;
    il_error err;
    *li = malloc(il_ndp_model_n_layers(m) * sizeof **li);
    if (!*li) {
        il_error_set(&err, IL_ERR_NOMEM, "out of memory");
        return cli_fail(&err);
    }
    if (il_ndp_truth_inventories(t, m, *li, &err))
        return cli_fail(&err);
    return CLI_EXIT_OK;
}

/* The warning and exit status of a fit that cannot describe the spectrum (see
 * CLI_NDP_MAX_CHI2_PER_CHANNEL). */
static int judge_fit(const invert_args *a, const cli_ndp_measurement *me, double chi2,
                     double lambda)
{
    size_t n = il_spectrum_n_channels(me->sp);
    double per = chi2 / (double)n;
    if (!(per > CLI_NDP_MAX_CHI2_PER_CHANNEL) || a->accept_poor_fit)
        return CLI_EXIT_OK;
    fprintf(stderr,
            "interlayer: warning: %s: the inversion leaves chi2 %.4g over %zu channels, %.3g "
            "per channel (above %g): the result does not describe this spectrum; check the "
            "stack, the energy calibration (offset, gain), that the spectrum is of this "
            "sample, and the smoothing (lambda %.4g; --lambda); exit %d (--accept-poor-fit to "
            "accept it)\n",
            a->spectrum[0], chi2, n, per, CLI_NDP_MAX_CHI2_PER_CHANNEL, lambda,
            CLI_NDP_POOR_FIT);
    return CLI_NDP_POOR_FIT;
}

/* The regularised inversion, or the structure-aware analysis with an interlayer chosen by BIC,
 * and their output. */
static int invert_profile(const invert_args *a, const il_ndp_invert_options *o, double il_depth_nm,
                          const cli_ndp_measurement *me)
{
    il_error err;
    const double *y = il_spectrum_counts(me->sp);
    il_ndp_profile *p = NULL;
    il_ndp_structure *an = NULL;
    il_ndp_structure_options so;
    il_ndp_structure_options_default(&so);
    so.invert = *o;
    so.depth_nm = il_depth_nm;
    int rc = CLI_EXIT_OK;
    il_stack *truth_stack = NULL;
    if (a->truth && cli_stack_load(a->truth, &truth_stack, &err))
        return cli_fail(&err);
    if (!a->fit_interlayer && il_ndp_invert(me->m, me->s, y, o, &p, &err))
        rc = cli_fail(&err);
    if (a->fit_interlayer && il_ndp_structure_analyse(me->s, &me->ins, y, &so, &an, &err))
        rc = cli_fail(&err);
    /* what is printed belongs to the structure analysed last */
    cli_ndp_measurement shown = *me;
    if (an) {
        shown.m = an->model;
        p = an->profile;
    }
    double *truth = NULL;
    if (rc == CLI_EXIT_OK)
        rc = truth_inventories(truth_stack, shown.m, &truth);
    il_outfile *of = NULL;
    FILE *fp = rc == CLI_EXIT_OK ? cli_out_begin(a->output, &of) : NULL;
    if (rc == CLI_EXIT_OK && !fp)
        rc = CLI_EXIT_FAIL;
    if (rc == CLI_EXIT_OK && a->json && an)
        rc = cli_ndp_structure_json(fp, a->method, &shown, an, so.bic_margin);
    else if (rc == CLI_EXIT_OK && a->json)
        rc = cli_ndp_invert_json(fp, a->method, &shown, p, NULL);
    else if (rc == CLI_EXIT_OK && a->csv)
        rc = cli_ndp_invert_csv(fp, &shown, p);
    else if (rc == CLI_EXIT_OK) {
        cli_ndp_invert_text(fp, a->method, &shown, p, truth);
        if (an)
            cli_ndp_structure_text(fp, &shown, an, so.bic_margin, truth);
    }
    if (fp)
        rc = cli_out_end(of, rc);
    if (rc == CLI_EXIT_OK && a->plot) {
        il_plot_series ser = {p->depth_nm, p->conc, p->conc_sigma, p->n_bins, "Li", IL_PLOT_STEPS};
        il_plot_axes ax = {"Li depth profile", "depth (nm)", "Li (atoms/cm3)", 0, 0};
        cli_plot_layers pl;
        int marked = cli_plot_layers_ndp(me->m, &pl) == 0;
        if (il_plot_xy_layers(a->plot, &ax, marked ? &pl.layers : NULL, &ser, 1, &err))
            rc = cli_fail(&err);
        if (marked)
            cli_plot_layers_free(&pl);
    }
    if (rc == CLI_EXIT_OK)
        rc = judge_fit(a, me, p->chi2, p->lambda);
    free(truth);
    il_stack_free(truth_stack);
    if (an)
        il_ndp_structure_free(an);
    else
        il_ndp_profile_free(p);
    return rc;
}

/* --batch DIR|INDEX --batch-out OUTDIR. Started by mpirun or srun (Open MPI's or Slurm's PMI
 * variables set), the spectra are dealt to the ranks; a plain start does not touch MPI. */
static int invert_batch(const invert_args *a)
{
    if (!a->batch || !a->batch_out || !a->stack)
        return cli_usage("ndp invert: --batch DIR|INDEX, --batch-out OUTDIR and --stack go "
                         "together");
    if (a->spectrum[0])
        return cli_usage("ndp invert: --batch takes its spectra from %s, not '%s'", a->batch,
                         a->spectrum[0]);
    if (a->fit_interlayer || a->truth || a->plot || a->json || a->csv || a->output)
        return cli_usage("ndp invert --batch: --fit-interlayer, --truth, --plot, --json, --csv "
                         "and -o are per spectrum (each result is written as JSON in OUTDIR)");
    il_ndp_invert_options o;
    double il_depth_nm;
    int rc = read_options(a, &o, &il_depth_nm);
    if (rc != CLI_RUN)
        return rc;
    if (o.method == IL_NDP_METHOD_CLASSIC)
        return cli_usage("ndp invert --batch: --method classic has no per-layer result");
    cli_mpi mp = cli_mpi_start();
    rc = cli_ndp_invert_batch(&a->instr, a->stack, &o, a->method, a->batch, a->batch_out, mp.comm);
    cli_mpi_end(&mp);
    return rc;
}

int cli_ndp_invert(int argc, char **argv)
{
    invert_args a = {.method = "tikhonov", .lambda = "gcv"};
    CLI_PARSE_OR_RETURN(&invert_verb, argc, argv, &a);
    if (a.batch || a.batch_out)
        return invert_batch(&a);
    if (!a.spectrum[0] || !a.stack)
        return cli_usage("usage: interlayer ndp invert SPECTRUM --stack STACK [options]");
    il_ndp_invert_options o;
    double il_depth_nm;
    if ((rc = read_options(&a, &o, &il_depth_nm)) != CLI_RUN)
        return rc;
    il_error err;
    cli_ndp_measurement me = {0};
    if (cli_ndp_load_measurement(&a.instr, a.spectrum[0], a.stack, 0, &me.ins, &me.sp, &me.s, &err))
        return cli_fail(&err);
    /* The response matrix and the solves grow with channels x depth bins: 16384 channels took
     * 69 s, 65536 minutes and 3.3 GB, for no gain (an NDP detector resolves ~20 keV over a
     * few MeV: a few hundred channels). Refused with the remedy rather than run for minutes. */
    if (il_spectrum_n_channels(me.sp) > CLI_NDP_INVERT_MAX_CHANNELS) {
        rc = cli_usage("ndp invert: %s has %zu channels; the inversion takes up to %d (its time "
                       "and memory grow with the channel count, and a detector of ~20 keV "
                       "resolution needs a few hundred): sum neighbouring channels first",
                       a.spectrum[0], il_spectrum_n_channels(me.sp),
                       CLI_NDP_INVERT_MAX_CHANNELS);
        il_stack_free(me.s);
        il_spectrum_free(me.sp);
        return rc;
    }
    rc = CLI_EXIT_OK;
    if (il_ndp_model_new(me.s, &me.ins, &me.m, &err))
        rc = cli_fail(&err);
    else if (o.method == IL_NDP_METHOD_CLASSIC) {
        il_outfile *of;
        FILE *fp = cli_out_begin(a.output, &of);
        rc = fp ? cli_out_end(of, cli_ndp_invert_classic(fp, &me, a.json, a.csv)) : CLI_EXIT_FAIL;
    }
    else
        rc = invert_profile(&a, &o, il_depth_nm, &me);
    il_ndp_model_free(me.m);
    il_stack_free(me.s);
    il_spectrum_free(me.sp);
    return rc;
}
