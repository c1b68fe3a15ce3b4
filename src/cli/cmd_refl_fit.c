/* interlayer refl fit: fit a model to one or several reflectivity data files (LM, DE or MCMC). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mpi_start.h"
#include "cli/cmd_refl_common.h"
#include "cli/cmd_refl_fit.h"
#include "cli/output.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"

#ifdef IL_HAVE_MPI
#include <mpi.h>
#include <stdlib.h>
#endif

typedef struct {
    cli_out out;
    const char *model, *curves, *profile_plot, *profile_csv, *batch, *batch_out;
    int engine, dq_fwhm, exact_resolution, timing;
    double seed, steps, walkers, generations;
    const char *data[64];
} fit_args;

#define ARG(f) offsetof(fit_args, f)
static const cli_word_value engines[] = {
    {"lm", IL_REFL_FIT_LM}, {"de", IL_REFL_FIT_DE}, {"mcmc", IL_REFL_FIT_MCMC}, {NULL, 0}};

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--model", NULL, ARG(model)),
    CLI_OPT_TEXT("--curves", NULL, ARG(curves)),
    CLI_OPT_TEXT("--profile-plot", NULL, ARG(profile_plot)),
    CLI_OPT_TEXT("--profile-csv", NULL, ARG(profile_csv)),
    CLI_OPT_CHOICE("--engine", ARG(engine), engines, "lm, de or mcmc"),
    CLI_OPT_NUMBER("--seed", ARG(seed), 0),
    /* bounded so that a count never overflows the int the library takes (1e12 used to wrap
     * and silently run the default); the library also bounds walkers x steps in memory */
    CLI_OPT_WHOLE("--steps", ARG(steps), 1, 1e6),
    CLI_OPT_WHOLE("--walkers", ARG(walkers), 2, 1e5),
    CLI_OPT_NUMBER("--generations", ARG(generations), 0),
    CLI_OPT_FLAG("--dq-fwhm", ARG(dq_fwhm)),
    CLI_OPT_FLAG("--exact-resolution", ARG(exact_resolution)),
    CLI_OPT_FLAG("--timing", ARG(timing)),
    CLI_OPT_TEXT("--batch", NULL, ARG(batch)),
    CLI_OPT_TEXT("--batch-out", NULL, ARG(batch_out)),
};

static const cli_verb fit_verb = {
    .name = "refl fit",
    .help = "usage: interlayer refl fit [DATA...] --model MODEL.yaml\n"
            "         [--engine lm|de|mcmc] [--seed N] [--generations N] [--steps N]\n"
            "         [--walkers N] [--dq-fwhm] [--exact-resolution] [--timing]\n"
            "         [--curves FILE.csv] [--batch DIR|INDEX --batch-out OUTDIR]\n"
            "         [--profile-plot SLD.svg] [--profile-csv SLD.csv] [--csv|--json]\n"
            "         [-o FILE] [--plot R.svg]\n"
            "  DATA: ORSO .ort or 2-4 column text (Q, R, dR, dQ); several files are\n"
            "  co-refined (the model's 'datasets' list gives per-file overrides and may\n"
            "  name the files itself). --dq-fwhm: the text files' dQ is a FWHM (ORSO\n"
            "  files say so themselves). Smeared data are fitted through a shared Q grid\n"
            "  accurate to 1e-3 of the smallest relative error bar (reported);\n"
            "  --exact-resolution: per-point quadrature rules instead (slower).\n"
            "  --timing: wall time, time per model evaluation, MCMC effective samples/s.\n"
            "  --batch: fit the model to every .ort/.txt/.dat file of DIR (or each file\n"
            "  an INDEX file lists, one per line) on its own: OUTDIR/<file>.json each and\n"
            "  OUTDIR/summary.csv; files that fail are listed, the others still fitted.\n"
#ifdef IL_HAVE_MPI
            "  Under mpirun or srun: DE and MCMC evaluations spread over the MPI ranks\n"
            "  (same result as one process for a seed); rank 0 writes the output.\n"
#endif

            "  Prints the parameters with 1σ uncertainties;\n"
            "  --json adds correlations, χ², the fitted curves and MCMC diagnostics.\n"
            "  --curves: data and fit as CSV; --profile-*: the SLD profile along depth of\n"
            "  the first dataset's model, with a 16-84 % band from the posterior when\n"
            "  --engine mcmc.\n",
    CLI_SETS(CLI_OUT_SET(fit_args), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(fit_args, data),
    .unknown = "unexpected option",
    .too_many = "at most 64 data files",
};

/* Data from the command line, else the files the model names (relative to the model). paths
 * holds the latter. Returns the number of files, or 0 after a usage error (printed). */
static size_t data_files(const fit_args *a, const il_refl_model *m, const char **data,
                         char (*paths)[1024])
{
    size_t ndata = 0;
    while (ndata < 64 && a->data[ndata]) {
        data[ndata] = a->data[ndata];
        ndata++;
    }
    if (ndata)
        return ndata;
    const char *slash = strrchr(a->model, '/');
    int dirlen = slash ? (int)(slash - a->model + 1) : 0;
    for (size_t k = 0; k < m->nsets && k < 64; k++) {
        if (!m->sets[k].file[0]) {
            cli_usage("refl fit: dataset %zu of the model names no file", k + 1);
            return 0;
        }
        if (m->sets[k].file[0] == '/')
            snprintf(paths[k], sizeof paths[k], "%s", m->sets[k].file);
        else
            snprintf(paths[k], sizeof paths[k], "%.*s%s", dirlen, a->model, m->sets[k].file);
        data[ndata++] = paths[k];
    }
    if (ndata == 0)
        cli_usage("refl fit: no data files");
    return ndata;
}

/* Reads the data files (files[k] to free) and lists their datasets. */
static int read_data(const char *const *data, size_t ndata, il_refl_dq_kind dq_kind,
                     il_refl_data **files, const il_refl_dataset **sets, size_t *nsets)
{
    il_refl_read_opts ro = {dq_kind};
    il_error err;
    *nsets = 0;
    for (size_t k = 0; k < ndata; k++) {
        if (il_refl_data_load(data[k], &ro, &files[k], &err))
            return cli_fail(&err);
        for (size_t j = 0; j < il_refl_data_count(files[k]) && *nsets < 64; j++)
            sets[(*nsets)++] = il_refl_data_get(files[k], j);
    }
    return CLI_EXIT_OK;
}

/* The fit and everything it writes (quiet: fit only, as ranks other than 0 do). */
static int fit(const fit_args *a, const il_refl_fit_opts *o, const il_refl_model *m,
               const il_refl_dataset *const *sets, size_t nsets, int quiet)
{
    il_error err;
    il_refl_fit *f = NULL;
    il_refl_fit_result res = {0};
    int rc = CLI_EXIT_OK;
    if (il_refl_model_make_fit(m, sets, nsets, &f, &err))
        rc = cli_fail(&err);
    if (!rc && il_refl_fit_run(f, o, &res, &err))
        rc = cli_fail(&err);
    /* a fit that ends where the model cannot be evaluated (χ² = inf or nan) found nothing:
     * its parameters are the start values or worse, so it is a failure, not a result */
    if (!rc && !isfinite(res.chi2)) {
        il_error_set(&err, IL_ERR_NUMERIC,
                     "refl fit: the fit ended at chi2 = %g: the model cannot reproduce the data "
                     "anywhere it searched (check the data's units, the bounds and the start "
                     "values)",
                     res.chi2);
        rc = cli_fail(&err);
    }
    if (quiet) {
        il_refl_fit_result_free(&res);
        il_refl_fit_free(f);
        return rc;
    }
    if (!rc)
        rc = cli_refl_fit_report(&a->out, o, m, f, &res, sets, nsets, a->timing);
    if (!rc && a->curves)
        rc = cli_refl_fit_write_curves(a->curves, f, sets, nsets);
    if (!rc && a->out.plot)
        rc = cli_refl_fit_plot(a->out.plot, f, sets, nsets);
    if (!rc && (a->profile_plot || a->profile_csv))
        rc = cli_refl_fit_write_profile(a->profile_plot, a->profile_csv, f, &res);
    il_refl_fit_result_free(&res);
    il_refl_fit_free(f);
    return rc;
}

int cli_refl_fit(int argc, char **argv)
{
    fit_args a = {.engine = -1, .seed = 1};
    CLI_PARSE_OR_RETURN(&fit_verb, argc, argv, &a);
    if (!a.model)
        return cli_usage("refl fit: give --model MODEL.yaml (see --help)");
    il_refl_fit_opts o;
    il_refl_fit_opts_init(&o);
    if (a.engine >= 0)
        o.engine = (il_refl_engine)a.engine;
    o.seed = (unsigned long)a.seed;
    o.exact_resolution = a.exact_resolution;
    o.mcmc_steps = (int)a.steps;
    o.mcmc_walkers = (int)a.walkers;
    if (a.generations > 0)
        o.max_iter = (int)a.generations;
    il_error err;
    il_refl_model *m;
    if (il_refl_model_load(a.model, &m, &err))
        return cli_fail(&err);
    /* Under mpirun or srun DE and MCMC spread their evaluations over the ranks (a batch: the
     * datasets); every rank runs the same fit and rank 0 alone writes. */
    cli_mpi mp = cli_mpi_start();
    int rank = mp.rank;
    void *comm = mp.comm;
    il_refl_dq_kind kind = a.dq_fwhm ? IL_REFL_DQ_FWHM : IL_REFL_DQ_SIGMA;
    const char *data[64];
    char paths[64][1024];
    size_t ndata = 0;
    il_refl_data *files[64] = {0};
    if (a.batch || a.batch_out) {
        if (!a.batch || !a.batch_out)
            rc = cli_usage("refl fit: --batch and --batch-out go together");
        else
            rc = cli_refl_fit_batch(m, a.batch, a.batch_out, &o, kind, comm);
    } else {
        o.mpi_comm = comm;
        ndata = data_files(&a, m, data, paths);
        const il_refl_dataset *sets[64];
        size_t nsets = 0;
        if (ndata == 0)
            rc = CLI_EXIT_USAGE;
        else
            rc = read_data(data, ndata, kind, files, sets, &nsets);
        if (!rc)
            rc = fit(&a, &o, m, sets, nsets, rank != 0);
    }
    cli_mpi_end(&mp);
    for (size_t k = 0; k < ndata; k++)
        il_refl_data_free(files[k]);
    il_refl_model_free(m);
    return rc;
}
