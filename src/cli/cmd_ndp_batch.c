/* interlayer ndp invert --batch: many spectra of one stack and instrument, each inverted on its
 * own (a folder of spectra or an index file naming them). One result file per spectrum
 * (OUTDIR/<file>.json, the schema of `ndp invert --json`) and a summary table (OUTDIR/summary.csv:
 * per layer the Li found, its counting and its total sigma). A spectrum that cannot be read or
 * inverted is reported in the summary with its error (file:line where the reader knows it); the
 * others are still inverted. Under MPI the spectra are dealt round-robin to the ranks and rank 0
 * writes the summary (the per-spectrum files are written by the rank that inverted them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/cmd_ndp_invert.h"


static const char *const spectrum_exts[] = {".spe", ".chn", ".n42", ".xml", ".csv", ".tsv", NULL};

/* Inverts one spectrum; writes OUTDIR/<file>.json and the summary row (without a newline). */
static void invert_one(const cli_ndp_instr_args *instr, const char *stack_arg,
                       const il_ndp_invert_options *o, const char *method, const char *path,
                       const char *outdir, char *row)
{
    il_error err;
    il_error_clear(&err);
    il_ndp_instrument ins;
    il_spectrum *sp = NULL;
    il_stack *s = NULL;
    il_ndp_model *m = NULL;
    il_ndp_profile *p = NULL;
    il_status st = cli_ndp_load_measurement(instr, path, stack_arg, 0, &ins, &sp, &s, &err);
    if (!st)
        st = il_ndp_model_new(s, &ins, &m, &err);
    if (!st)
        st = il_ndp_invert(m, s, il_spectrum_counts(sp), o, &p, &err);
    char out[4096];
    snprintf(out, sizeof out, "%s/%s.json", outdir, cli_batch_base_name(path));
    if (!st)
        st = il_ndp_inversion_write_json(out, method, m, p, NULL, &ins, &err);
    if (st) {
        char buf[1200];
        cli_batch_failed_row(row, path, 2, il_error_format(&err, buf, sizeof buf));
    } else {
        int w = cli_batch_ok_row(row, path);
        w += snprintf(row + w, CLI_BATCH_ROW - (size_t)w, "%.6g,%zu,", p->chi2, p->n_channels);
        /* a poor fit is inverted and written, and flagged where the summary keeps errors */
        double per = p->chi2 / (double)p->n_channels;
        if (per > CLI_NDP_MAX_CHI2_PER_CHANNEL && w > 0 && w < CLI_BATCH_ROW) {
            char note[300], q[320];
            snprintf(note, sizeof note,
                     "warning: chi2 %.3g per channel, above %g: the result does not describe "
                     "this spectrum (stack, calibration, another sample or too much smoothing)",
                     per, CLI_NDP_MAX_CHI2_PER_CHANNEL);
            cli_batch_csv_text(q, sizeof q, note);
            w += snprintf(row + w, CLI_BATCH_ROW - (size_t)w, "%s", q);
        }
        for (size_t l = 0; l < p->n_layers && w > 0 && w < CLI_BATCH_ROW; l++)
            w += snprintf(row + w, CLI_BATCH_ROW - (size_t)w, ",%.6e,%.3e,%.3e",
                          p->li_atoms_cm2[l], p->li_atoms_cm2_sigma[l], p->li_atoms_cm2_total[l]);
    }
    il_ndp_profile_free(p);
    il_ndp_model_free(m);
    il_stack_free(s);
    il_spectrum_free(sp);
}

/* The summary's header: per layer of the stack its Li, counting and total sigma. */
static int header_of(const char *stack_arg, char *header, size_t size)
{
    il_stack *s;
    il_error err;
    if (cli_stack_load(stack_arg, &s, &err))
        return cli_fail(&err);
    int w = snprintf(header, size, "file,status,chi2,channels,error");
    for (size_t l = 0; l < il_stack_count(s) && w > 0 && (size_t)w < size; l++) {
        char col[200], q[420];
        const char *nm = il_stack_layer(s, l)->name;
        snprintf(col, sizeof col, "%s Li (at/cm2)", nm);
        cli_batch_csv_text(q, sizeof q, col);
        w += snprintf(header + w, size - (size_t)w, ",%s", q);
        snprintf(col, sizeof col, "%s counting sigma", nm);
        cli_batch_csv_text(q, sizeof q, col);
        w += snprintf(header + w, size - (size_t)w, ",%s", q);
        snprintf(col, sizeof col, "%s total sigma", nm);
        cli_batch_csv_text(q, sizeof q, col);
        w += snprintf(header + w, size - (size_t)w, ",%s", q);
    }
    il_stack_free(s);
    return CLI_EXIT_OK;
}

/* What every spectrum of the batch is inverted with. */
typedef struct {
    const cli_ndp_instr_args *instr;
    const char *stack_arg, *method, *outdir;
    const il_ndp_invert_options *o;
} batch_args;

static void invert_job(void *user, const char *path, char *row)
{
    const batch_args *b = user;
    invert_one(b->instr, b->stack_arg, b->o, b->method, path, b->outdir, row);
}

int cli_ndp_invert_batch(const cli_ndp_instr_args *instr, const char *stack_arg,
                         const il_ndp_invert_options *o, const char *method, const char *source,
                         const char *outdir, void *comm)
{
    char header[CLI_BATCH_ROW];
    int rc = header_of(stack_arg, header, sizeof header);
    if (rc)
        return rc;
    batch_args b = {instr, stack_arg, method, outdir, o};
    cli_batch_job job = {"ndp invert", spectrum_exts, "spectra", header, "inverted",
                         invert_job, &b, cli_ndp_progress_bar};
    return cli_batch_run(&job, source, outdir, comm);
}
