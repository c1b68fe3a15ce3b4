/* interlayer refl fit --batch: one model fitted to many datasets, each on its own (a folder of
 * data files or an index file naming them). One result file per dataset (OUTDIR/<file>.json),
 * a summary table (OUTDIR/summary.csv and a few lines on stdout). A dataset that cannot be read
 * or fitted is reported in the summary with its error; the others are still fitted. Under MPI
 * the datasets are dealt round-robin to the ranks (each fits its own on its threads) and rank 0
 * gathers the summary. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/cmd_refl_fit.h"
#include "interlayer/outfile.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"


static const char *const data_exts[] = {".ort", ".txt", ".dat", NULL};

/* Fits one file; writes OUTDIR/<file>.json and the summary row (without a newline). */
static void fit_one(const il_refl_model *m, const char *path, const char *outdir,
                    const il_refl_fit_opts *o, il_refl_dq_kind kind, char *row)
{
    il_error err;
    il_error_clear(&err);
    il_refl_data *d = NULL;
    il_refl_fit *f = NULL;
    il_refl_fit_result res = {0};
    il_refl_read_opts ro = {kind};
    const il_refl_dataset *sets[64];
    size_t nsets = 0;
    il_status st = il_refl_data_load(path, &ro, &d, &err);
    if (!st) {
        for (size_t j = 0; j < il_refl_data_count(d) && nsets < 64; j++)
            sets[nsets++] = il_refl_data_get(d, j);
        st = il_refl_model_make_fit(m, sets, nsets, &f, &err);
    }
    if (!st)
        st = il_refl_fit_run(f, o, &res, &err);
    char out[4096];
    snprintf(out, sizeof out, "%s/%s.json", outdir, cli_batch_base_name(path));
    json_t *doc = NULL;
    if (!st) {
        doc = json_object();
        json_t *jp = json_array();
        size_t pi = 0;
        for (size_t k = 0; k < m->nparams; k++) {
            if (!m->params[k].free)
                continue;
            json_t *p = json_object();
            json_object_set_new(p, "name", json_string(m->params[k].name));
            json_object_set_new(p, "value", json_real(res.value[pi]));
            json_object_set_new(p, "sigma", json_real(res.sigma[pi]));
            json_array_append_new(jp, p);
            pi++;
        }
        json_object_set_new(doc, "file", json_string(path));
        json_object_set_new(doc, "parameters", jp);
        json_object_set_new(doc, "chi2", json_real(res.chi2));
        json_object_set_new(doc, "chi2_reduced", json_real(res.chi2_red));
        json_object_set_new(doc, "points", json_integer((json_int_t)res.ndata));
        json_object_set_new(doc, "converged", json_boolean(res.converged));
        json_object_set_new(doc, "evaluations", json_integer((json_int_t)res.evaluations));
        il_outfile *of;
        st = il_outfile_open(out, &of, &err);
        if (!st) {
            json_dumpf(doc, il_outfile_stream(of), JSON_INDENT(2) | JSON_REAL_PRECISION(10));
            fputc('\n', il_outfile_stream(of));
            st = il_outfile_commit(of, &err);
        }
    }
    if (st) {
        char buf[1200];
        cli_batch_failed_row(row, path, 2, il_error_format(&err, buf, sizeof buf));
    } else {
        int w = cli_batch_ok_row(row, path);
        w += snprintf(row + w, CLI_BATCH_ROW - (size_t)w, "%.6g,%d,", res.chi2_red, res.converged);
        for (size_t k = 0; k < res.npar && w > 0 && w < CLI_BATCH_ROW; k++)
            w += snprintf(row + w, CLI_BATCH_ROW - (size_t)w, ",%.8g,%.3g", res.value[k],
                          res.sigma[k]);
    }
    json_decref(doc);
    il_refl_fit_result_free(&res);
    il_refl_fit_free(f);
    il_refl_data_free(d);
}

/* What every dataset of the batch is fitted with. */
typedef struct {
    const il_refl_model *m;
    const char *outdir;
    const il_refl_fit_opts *o;
    il_refl_dq_kind kind;
} batch_args;

static void fit_job(void *user, const char *path, char *row)
{
    const batch_args *b = user;
    fit_one(b->m, path, b->outdir, b->o, b->kind, row);
}

int cli_refl_fit_batch(const il_refl_model *m, const char *source, const char *outdir,
                       const il_refl_fit_opts *opts, il_refl_dq_kind kind, void *comm)
{
    il_refl_fit_opts o = *opts;
    o.mpi_comm = NULL; /* each rank fits whole datasets */
    char header[CLI_BATCH_ROW];
    int w = snprintf(header, sizeof header, "file,status,chi2_reduced,converged,error");
    for (size_t k = 0; k < m->nparams && w > 0 && w < CLI_BATCH_ROW; k++)
        if (m->params[k].free)
            w += snprintf(header + w, sizeof header - (size_t)w, ",%s,%s_sigma",
                          m->params[k].name, m->params[k].name);
    batch_args b = {m, outdir, &o, kind};
    cli_batch_job job = {"refl fit", data_exts, "datasets", header, "fitted", fit_job, &b, NULL};
    return cli_batch_run(&job, source, outdir, comm);
}
