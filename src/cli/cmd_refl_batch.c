/* interlayer refl fit --batch: one model fitted to many datasets, each on its own (a folder of
 * data files or an index file naming them). One result file per dataset (OUTDIR/<file>.json),
 * a summary table (OUTDIR/summary.csv and a few lines on stdout). A dataset that cannot be read
 * or fitted is reported in the summary with its error; the others are still fitted. Under MPI
 * the datasets are dealt round-robin to the ranks (each fits its own on its threads) and rank 0
 * gathers the summary. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/cmd_refl_fit.h"
#include "interlayer/outfile.h"
#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"

#ifdef IL_HAVE_MPI
#include <mpi.h>
#endif

enum { MAX_FILES = 100000, ROW = 2048 };

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int data_name(const char *n)
{
    const char *dot = strrchr(n, '.');
    return n[0] != '.' && dot &&
           (!strcmp(dot, ".ort") || !strcmp(dot, ".txt") || !strcmp(dot, ".dat"));
}

/* The data files: the .ort/.txt/.dat files of a folder in name order, or the lines of an index
 * file (paths relative to the index; blank lines and '#' comments skipped). *files (free each
 * and the array) receives *n paths. Returns 0, or prints the problem and returns nonzero. */
static int list_files(const char *src, char ***files, size_t *n)
{
    struct stat st;
    *files = NULL;
    *n = 0;
    if (stat(src, &st) != 0)
        return cli_usage("refl fit --batch: %s: %s", src, strerror(errno));
    char **v = calloc(MAX_FILES, sizeof *v);
    if (!v)
        return cli_usage("refl fit --batch: out of memory");
    size_t k = 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(src);
        if (!d) {
            free(v);
            return cli_usage("refl fit --batch: %s: %s", src, strerror(errno));
        }
        struct dirent *e;
        while ((e = readdir(d)) && k < MAX_FILES)
            if (data_name(e->d_name)) {
                size_t len = strlen(src) + strlen(e->d_name) + 2;
                v[k] = malloc(len);
                if (v[k])
                    snprintf(v[k++], len, "%s/%s", src, e->d_name);
            }
        closedir(d);
        qsort(v, k, sizeof *v, cmp_str);
    } else {
        FILE *f = fopen(src, "r");
        if (!f) {
            free(v);
            return cli_usage("refl fit --batch: %s: %s", src, strerror(errno));
        }
        const char *slash = strrchr(src, '/');
        int dirlen = slash ? (int)(slash - src + 1) : 0;
        char line[4096];
        while (fgets(line, sizeof line, f) && k < MAX_FILES) {
            char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            p[strcspn(p, "\r\n")] = '\0';
            if (!*p || *p == '#')
                continue;
            size_t len = strlen(p) + (size_t)dirlen + 1;
            v[k] = malloc(len);
            if (!v[k])
                continue;
            if (*p == '/')
                snprintf(v[k++], len, "%s", p);
            else
                snprintf(v[k++], len, "%.*s%s", dirlen, src, p);
        }
        fclose(f);
    }
    if (k == 0) {
        free(v);
        return cli_usage("refl fit --batch: no data files in %s", src);
    }
    *files = v;
    *n = k;
    return 0;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* CSV field: quoted, inner quotes doubled (error messages may hold commas). */
static void csv_text(char *buf, size_t size, const char *s)
{
    size_t o = 0;
    if (o + 1 < size)
        buf[o++] = '"';
    for (; *s && o + 3 < size; s++) {
        if (*s == '"')
            buf[o++] = '"';
        buf[o++] = *s == '\n' ? ' ' : *s;
    }
    if (o + 1 < size)
        buf[o++] = '"';
    buf[o < size ? o : size - 1] = '\0';
}

/* The error message of a failed summary row, unquoted (quotes inside stay doubled). */
static const char *message_of(char *row)
{
    char *m = strstr(row, ",failed,,,\"");
    if (!m)
        return row;
    m += strlen(",failed,,,\"");
    size_t len = strlen(m);
    if (len && m[len - 1] == '"')
        m[len - 1] = '\0';
    return m;
}

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
    snprintf(out, sizeof out, "%s/%s.json", outdir, base_name(path));
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
    char name[600], msg[1300];
    csv_text(name, sizeof name, path);
    if (st) {
        char buf[1200];
        csv_text(msg, sizeof msg, il_error_format(&err, buf, sizeof buf));
        snprintf(row, ROW, "%s,failed,,,%s", name, msg);
    } else {
        int w = snprintf(row, ROW, "%s,ok,%.6g,%d,", name, res.chi2_red, res.converged);
        for (size_t k = 0; k < res.npar && w > 0 && w < ROW; k++)
            w += snprintf(row + w, ROW - (size_t)w, ",%.8g,%.3g", res.value[k], res.sigma[k]);
    }
    json_decref(doc);
    il_refl_fit_result_free(&res);
    il_refl_fit_free(f);
    il_refl_data_free(d);
}

int cli_refl_fit_batch(const il_refl_model *m, const char *source, const char *outdir,
                       const il_refl_fit_opts *opts, il_refl_dq_kind kind, void *comm)
{
    int rank = 0, size = 1;
#ifdef IL_HAVE_MPI
    if (comm) {
        MPI_Comm_rank(*(MPI_Comm *)comm, &rank);
        MPI_Comm_size(*(MPI_Comm *)comm, &size);
    }
#else
    (void)comm;
#endif
    char **files;
    size_t n;
    if (list_files(source, &files, &n))
        return CLI_EXIT_USAGE;
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        for (size_t i = 0; i < n; i++)
            free(files[i]);
        free(files);
        return cli_usage("refl fit --batch: cannot make %s: %s", outdir, strerror(errno));
    }
    il_refl_fit_opts o = *opts;
    o.mpi_comm = NULL; /* each rank fits whole datasets */
    /* rows of other ranks stay zero, so a bitwise OR over the ranks assembles the table */
    char *rows = calloc(n, ROW), *all = rank == 0 ? calloc(n, ROW) : NULL;
    if (!rows || (rank == 0 && !all)) {
        free(rows);
        free(all);
        return cli_usage("refl fit --batch: out of memory for %zu datasets", n);
    }
    for (size_t i = (size_t)rank; i < n; i += (size_t)size)
        fit_one(m, files[i], outdir, &o, kind, rows + i * ROW);
    int gathered = 0;
#ifdef IL_HAVE_MPI
    if (comm && size > 1) {
        MPI_Reduce(rows, all, (int)(n * ROW), MPI_BYTE, MPI_BOR, 0, *(MPI_Comm *)comm);
        gathered = 1;
    }
#endif
    if (!gathered && all)
        memcpy(all, rows, n * ROW);
    int rc = CLI_EXIT_OK;
    if (rank == 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/summary.csv", outdir);
        il_outfile *of;
        il_error err;
        size_t failed = 0;
        if (il_outfile_open(path, &of, &err)) {
            rc = cli_fail(&err);
        } else {
            FILE *fp = il_outfile_stream(of);
            fprintf(fp, "file,status,chi2_reduced,converged,error");
            for (size_t k = 0; k < m->nparams; k++)
                if (m->params[k].free)
                    fprintf(fp, ",%s,%s_sigma", m->params[k].name, m->params[k].name);
            fputc('\n', fp);
            for (size_t i = 0; i < n; i++)
                fprintf(fp, "%s\n", all + i * ROW);
            if (il_outfile_commit(of, &err))
                rc = cli_fail(&err);
        }
        for (size_t i = 0; i < n; i++)
            failed += strstr(all + i * ROW, ",failed,") != NULL;
        printf("%zu datasets: %zu fitted, %zu failed (results in %s/, table %s)\n", n,
               n - failed, failed, outdir, path);
        for (size_t i = 0; i < n; i++)
            if (strstr(all + i * ROW, ",failed,")) /* the message names the file already */
                printf("failed: %s\n", message_of(all + i * ROW));
        if (failed && !rc)
            rc = CLI_EXIT_FAIL;
    }
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    free(rows);
    free(all);
    return rc;
}
