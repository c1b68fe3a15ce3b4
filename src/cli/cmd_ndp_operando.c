/* interlayer ndp operando DIR --stack STACK [--reference FILE] [--cycler FILE] [--index FILE]
 *                           [--cell-area CM2] [--cathode N] -o OUTDIR
 * Reads a folder of spectra (time order from the files' start times, or from an index CSV with
 * columns `file,time_s[,live_time_s]` on the cycler's clock), inverts them all and writes CSV
 * tables, a JSON summary and plots into OUTDIR.
 * Times: with file timestamps, t = 0 is the start of the reference acquisition; with an index,
 * times are on the cycler's clock and the reference is taken to end at t = 0 (measured just
 * before cycling starts). The cycler's `Test Time / s` is on the same clock.
 * The analysis is the library's (operando.h), the files too (operando_io.h); this verb parses
 * the options, calls them in order and prints a short report. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "cli/cli.h"
#include "cli/mpi_start.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"
#include "interlayer/ndp_io.h"
#include "interlayer/ndp_series.h"
#include "interlayer/operando.h"
#include "interlayer/operando_io.h"

typedef struct {
    const char *stack_arg, *ref_arg, *cyc_arg, *idx_arg, *outdir, *area_s, *cath_s, *method,
        *selfc, *minf, *nsig;
    cli_ndp_instr_args ia;
    const char *dir[1];
} operando_args;

#define ARG(f) offsetof(operando_args, f)

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--stack", NULL, ARG(stack_arg)),
    CLI_OPT_TEXT("--reference", NULL, ARG(ref_arg)),
    CLI_OPT_TEXT("--cycler", NULL, ARG(cyc_arg)),
    CLI_OPT_TEXT("--index", NULL, ARG(idx_arg)),
    CLI_OPT_TEXT("-o", "--output", ARG(outdir)),
    CLI_OPT_TEXT("--cell-area", NULL, ARG(area_s)),
    CLI_OPT_TEXT("--cathode", NULL, ARG(cath_s)),
    CLI_OPT_TEXT("--method", NULL, ARG(method)),
    CLI_OPT_TEXT("--self-consistent", NULL, ARG(selfc)),
    CLI_OPT_TEXT("--min-fraction", NULL, ARG(minf)),
    CLI_OPT_TEXT("--nsigma", NULL, ARG(nsig)),
};

static const cli_verb operando_verb = {
    .name = "ndp operando",
    .help = "usage: interlayer ndp operando DIR --stack STACK [--reference FILE]\n"
            "         [--cycler FILE] [--index FILE] [--cell-area CM2] [--cathode N]\n"
            "         [--method tikhonov|mlem] [--self-consistent N] [--nsigma 3]\n"
            "         [--min-fraction F] [instrument options]\n"
            "         -o OUTDIR\n" CLI_NDP_INSTR_HELP,
    /* The instrument options first, as everywhere in `ndp`. */
    CLI_SETS(CLI_SET(cli_ndp_instr_options, ARG(ia)), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(operando_args, dir),
    .unknown = "unknown option",
};

/* What the verb loaded; freed in one place whatever step failed. */
typedef struct {
    il_operando_files *files;
    il_stack *stack;
    il_ndp_model *model;
    il_ndp_cycler *cycler;
    il_operando_result *result;
} operando_run;

static void operando_run_free(operando_run *r)
{
    il_operando_result_free(r->result);
    il_ndp_cycler_free(r->cycler);
    il_ndp_model_free(r->model);
    il_stack_free(r->stack);
    il_operando_files_free(r->files);
}

static void progress_cb(void *user, size_t done, size_t total)
{
    cli_ndp_progress_bar(user, done, total);
}

/* CLI_RUN: go on; otherwise the exit code (help printed, or a usage error). */
static int parse_args(int argc, char **argv, operando_args *a)
{
    a->method = "tikhonov";
    CLI_PARSE_OR_RETURN(&operando_verb, argc, argv, a);
    if (!a->dir[0] || !a->stack_arg || !a->outdir)
        return cli_usage("usage: interlayer ndp operando DIR --stack STACK -o OUTDIR "
                         "[--reference FILE] [--cycler FILE] [--index FILE]");
    return CLI_RUN;
}

/* The analysis settings from the options; -1 when all are valid, else the exit code. */
static int analysis_options(const operando_args *a, il_operando_options *o)
{
    il_error err;
    il_operando_options_default(o);
    if (a->area_s && (il_parse_number(a->area_s, &o->area_cm2, &err) || !(o->area_cm2 > 0)))
        return cli_usage("ndp operando: --cell-area '%s' must be a number > 0 (cm2)",
                            a->area_s);
    il_ndp_series_input *in = &o->series;
    if (a->selfc) {
        char *end;
        long k = strtol(a->selfc, &end, 10);
        if (*end || k < 0 || k > 10)
            return cli_usage("ndp operando: --self-consistent '%s' must be 0..10 passes",
                                a->selfc);
        in->self_consistent = (int)k;
    }
    if (a->minf && (il_parse_number(a->minf, &in->min_fraction, &err) || in->min_fraction < 0 ||
                    in->min_fraction >= 1))
        return cli_usage("ndp operando: --min-fraction '%s' must be in [0, 1)", a->minf);
    if (a->nsig && (il_parse_number(a->nsig, &in->nsigma, &err) || !(in->nsigma > 0)))
        return cli_usage("ndp operando: --nsigma '%s' must be a number > 0", a->nsig);
    if (!strcmp(a->method, "mlem"))
        in->invert.method = IL_NDP_METHOD_MLEM;
    else if (strcmp(a->method, "tikhonov"))
        return cli_usage("ndp operando: --method '%s' unknown (tikhonov, mlem)", a->method);
    in->progress = progress_cb;
    return -1;
}

/* --cathode N (1-based) against the stack; -1 when valid or not given. */
static int cathode_option(const char *cath_s, const il_stack *s, il_operando_options *o)
{
    if (!cath_s)
        return -1;
    char *end;
    long k = strtol(cath_s, &end, 10);
    if (*end || k < 1 || (size_t)k > il_stack_count(s))
        return cli_usage("ndp operando: --cathode '%s' must be a layer number 1..%zu", cath_s,
                            il_stack_count(s));
    o->cathode_layer = (size_t)(k - 1);
    return -1;
}

/* Spectra on one clock, the instrument they were taken with, the stack and model, the cycler
 * record. */
static il_status load_inputs(const operando_args *a, operando_run *r, il_error *err)
{
    il_status st = il_operando_files_load(a->dir[0], a->idx_arg, a->ref_arg, &r->files, err);
    if (st)
        return st;
    il_operando_files *f = r->files;
    il_operando_frame *ref = f->reference_spectrum ? &f->reference : NULL;
    if ((st = il_operando_align(f->frames, f->n, ref, f->clock, err)))
        return st;
    il_ndp_instrument ins;
    if ((st = cli_ndp_instr_build(&a->ia, &ins, err)))
        return st;
    /* Calibration, channels and live time from the reference, else the earliest spectrum. */
    const char *from = ref ? a->ref_arg : f->paths[f->frames[0].source];
    cli_ndp_adapt_instrument(ref ? f->reference_spectrum : f->spectra[f->frames[0].source], from,
                             &ins);
    /* Spectra with no live time, in the file or the index, are counted for the instrument's. */
    size_t no_live = 0, first = 0;
    for (size_t i = f->n; i-- > 0;)
        if (!(f->frames[i].live_s > 0))
            no_live++, first = i;
    if (no_live)
        fprintf(stderr,
                "interlayer: note: %zu spectra (the first %s) give no live time in the file or "
                "the index; using the instrument's, %.10g s, for them\n",
                no_live, f->frames[first].file, ins.live_time_s);
    if ((st = il_operando_check_channels(f->frames, f->n, (size_t)ins.channels, err)))
        return st;
    if ((st = cli_stack_load(a->stack_arg, &r->stack, err)))
        return st;
    if ((st = il_ndp_model_new(r->stack, &ins, &r->model, err)))
        return st;
    if (a->cyc_arg && (st = il_ndp_cycler_load(a->cyc_arg, &r->cycler, err)))
        return st;
    return IL_OK;
}

static void print_report(const il_operando_result *res, const char *outdir)
{
    const il_ndp_series *out = res->series;
    const il_ndp_model *m = res->model;
    size_t n = res->n;
    printf("%zu spectra inverted (lambda %.4g); results in %s/\n", n, out->reference->lambda,
           outdir);
    const il_ndp_faraday *q = &out->faraday[n - 1];
    printf("Li inventories, reference -> last spectrum (atoms/cm2; +- non-systematic, "
           "[systematic]), and the Li moved:\n");
    for (size_t l = 0; l < out->n_layers; l++) {
        size_t i = (n - 1) * out->n_layers + l;
        double a = out->reference->li_atoms_cm2[l], b = out->inventory[i];
        if (fabs(a) < 1e14 && fabs(b) < 1e14)
            continue;
        printf("  %-24.24s %11.4e -> %11.4e +- %.2e [%.2e]; moved %+.4e +- %.2e [%.2e]\n",
               il_ndp_model_layer_name(m, l), a, b, out->inventory_sigma[i],
               out->profile[n - 1]->li_atoms_cm2_sys[l], out->moved[i], out->moved_sigma[i],
               out->moved_sys[i]);
    }
    printf("Faraday: Li left the cathode %.4e +- %.2e atoms/cm2", q->li_measured_atoms_cm2,
           q->li_measured_sigma_atoms_cm2);
    if (isfinite(q->ratio))
        printf("; the charge passed accounts for %.4e (%.4g uAh/cm2): ratio %.4f\n",
               q->li_expected_atoms_cm2, q->li_expected_uAh_cm2, q->ratio);
    else
        printf(" (no cycler record)\n");
    int any = 0;
    for (size_t k = 0; k < out->n_interfaces; k++)
        if (out->first[k] < n) {
            any = 1;
            printf("growing interlayer at %s / %s (interface at %.0f nm): found at %.0f nm, "
                   "first in spectrum %zu (t = %.0f s), excess Li %.3e +- %.2e atoms/cm2 at "
                   "the end (window +-%.0f nm = the depth resolution there; it keeps %.0f %% of "
                   "a thin layer's Li, corrected for)\n",
                   il_ndp_model_layer_name(m, k), il_ndp_model_layer_name(m, k + 1),
                   out->interface_nm[k], out->growth_depth_nm[k], out->first[k] + 1,
                   out->mid_time_s[out->first[k]], out->excess[k * n + n - 1],
                   out->excess_sigma[k * n + n - 1], out->window_nm[k], 100 * out->recovered[k]);
        }
    if (!any)
        printf("no interface accumulated Li beyond its uncertainty\n");
}

int cli_ndp_operando(int argc, char **argv)
{
    operando_args a = {0};
    il_operando_options opt;
    int rc = parse_args(argc, argv, &a);
    if (rc < 0)
        rc = analysis_options(&a, &opt);
    if (rc >= 0)
        return rc;
    operando_run r = {0};
    il_error err;
    /* Under mpirun or srun the spectra are inverted across the ranks, every rank reads the
     * inputs and ends with the whole result, rank 0 alone writes and prints. */
    cli_mpi mp = cli_mpi_start();
    int rank = mp.rank;
    if (mp.comm) {
        opt.series.mpi_comm = mp.comm;
        if (rank != 0)
            opt.series.progress = NULL;
    }
    /* -o first: a folder that cannot be replaced is refused before the long analysis */
    if (il_operando_output_check(a.outdir, &err) || load_inputs(&a, &r, &err))
        rc = rank == 0 ? cli_fail(&err) : CLI_EXIT_FAIL;
    if (rc < 0)
        rc = cathode_option(a.cath_s, r.stack, &opt);
    if (rc < 0) {
        il_operando_files *f = r.files;
        const il_operando_frame *ref = f->reference_spectrum ? &f->reference : NULL;
        if (il_operando_run(r.model, r.stack, f->frames, f->n, ref, r.cycler, &opt, &r.result,
                            &err) ||
            (rank == 0 && il_operando_write(a.outdir, r.result, &err)))
            rc = rank == 0 ? cli_fail(&err) : CLI_EXIT_FAIL;
    }
    if (rc < 0) {
        if (rank == 0)
            print_report(r.result, a.outdir);
        rc = CLI_EXIT_OK;
    }
    operando_run_free(&r);
    cli_mpi_end(&mp);
    return rc;
}
