/* Batch mode pieces shared by refl fit and ndp invert (see batch.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "interlayer/outfile.h"

#ifdef IL_HAVE_MPI
#include <mpi.h>
#endif

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int data_name(const char *n, const char *const *exts)
{
    const char *dot = strrchr(n, '.');
    if (n[0] == '.' || !dot)
        return 0;
    for (size_t k = 0; exts[k]; k++)
        if (!strcasecmp(dot, exts[k]))
            return 1;
    return 0;
}

void cli_batch_free_files(char **files, size_t n)
{
    for (size_t i = 0; files && i < n; i++)
        free(files[i]);
    free(files);
}

static size_t from_dir(const char *src, const char *const *exts, char **v, DIR *d)
{
    size_t k = 0;
    struct dirent *e;
    while ((e = readdir(d)) && k < CLI_BATCH_MAX_FILES)
        if (data_name(e->d_name, exts)) {
            size_t len = strlen(src) + strlen(e->d_name) + 2;
            v[k] = malloc(len);
            if (v[k])
                snprintf(v[k++], len, "%s/%s", src, e->d_name);
        }
    qsort(v, k, sizeof *v, cmp_str);
    return k;
}

static size_t from_index(const char *src, char **v, FILE *f)
{
    const char *slash = strrchr(src, '/');
    int dirlen = slash ? (int)(slash - src + 1) : 0;
    char line[4096];
    size_t k = 0;
    while (fgets(line, sizeof line, f) && k < CLI_BATCH_MAX_FILES) {
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
    return k;
}

int cli_batch_list_files(const char *verb, const char *src, const char *const *exts,
                         char ***files, size_t *n)
{
    struct stat st;
    *files = NULL;
    *n = 0;
    if (stat(src, &st) != 0)
        return cli_usage("%s --batch: %s: %s", verb, src, strerror(errno));
    char **v = calloc(CLI_BATCH_MAX_FILES, sizeof *v);
    if (!v)
        return cli_usage("%s --batch: out of memory", verb);
    size_t k = 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(src);
        if (!d) {
            free(v);
            return cli_usage("%s --batch: %s: %s", verb, src, strerror(errno));
        }
        k = from_dir(src, exts, v, d);
        closedir(d);
    } else {
        FILE *f = fopen(src, "r");
        if (!f) {
            free(v);
            return cli_usage("%s --batch: %s: %s", verb, src, strerror(errno));
        }
        k = from_index(src, v, f);
        fclose(f);
    }
    if (k == 0) {
        free(v);
        return cli_usage("%s --batch: no data files in %s", verb, src);
    }
    *files = v;
    *n = k;
    return 0;
}

const char *cli_batch_base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void cli_batch_csv_text(char *buf, size_t size, const char *s)
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

void cli_batch_failed_row(char *row, const char *path, int n_empty, const char *message)
{
    char name[600], msg[1300];
    cli_batch_csv_text(name, sizeof name, path);
    cli_batch_csv_text(msg, sizeof msg, message);
    snprintf(row, CLI_BATCH_ROW, "%s,failed,%.*s%s", name, n_empty, ",,,,,,,,,,,,,,,,", msg);
}

int cli_batch_ok_row(char *row, const char *path)
{
    char name[600];
    cli_batch_csv_text(name, sizeof name, path);
    return snprintf(row, CLI_BATCH_ROW, "%s,ok,", name);
}

/* The message of a failed row: its last field, unquoted (quotes inside stay doubled). */
static void print_failure(const char *row)
{
    const char *f = strstr(row, ",failed,");
    const char *q = f ? strchr(f, '"') : NULL;
    if (!q) {
        printf("failed: %s\n", row);
        return;
    }
    size_t len = strlen(q + 1);
    printf("failed: %.*s\n", (int)(len && q[len] == '"' ? len - 1 : len), q + 1);
}

void cli_batch_gather(const char *rows, char *all, size_t n, void *comm)
{
#ifdef IL_HAVE_MPI
    int size = 1;
    if (comm)
        MPI_Comm_size(*(MPI_Comm *)comm, &size);
    if (comm && size > 1) {
        MPI_Reduce(rows, all, (int)(n * CLI_BATCH_ROW), MPI_BYTE, MPI_BOR, 0, *(MPI_Comm *)comm);
        return;
    }
#else
    (void)comm;
#endif
    if (all)
        memcpy(all, rows, n * CLI_BATCH_ROW);
}

int cli_batch_summary(const char *outdir, const char *header, const char *all, size_t n,
                      const char *done)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/summary.csv", outdir);
    il_outfile *of;
    il_error err;
    int rc = CLI_EXIT_OK;
    size_t failed = 0;
    if (il_outfile_open(path, &of, &err)) {
        rc = cli_fail(&err);
    } else {
        FILE *fp = il_outfile_stream(of);
        fprintf(fp, "%s\n", header);
        for (size_t i = 0; i < n; i++)
            fprintf(fp, "%s\n", all + i * CLI_BATCH_ROW);
        if (il_outfile_commit(of, &err))
            rc = cli_fail(&err);
    }
    for (size_t i = 0; i < n; i++)
        failed += strstr(all + i * CLI_BATCH_ROW, ",failed,") != NULL;
    printf("%zu datasets: %zu %s, %zu failed (results in %s/, table %s)\n", n, n - failed, done,
           failed, outdir, path);
    for (size_t i = 0; i < n; i++)
        if (strstr(all + i * CLI_BATCH_ROW, ",failed,")) /* the message names the file */
            print_failure(all + i * CLI_BATCH_ROW);
    if (failed && !rc)
        rc = CLI_EXIT_FAIL;
    return rc;
}

int cli_batch_run(const cli_batch_job *job, const char *source, const char *outdir, void *comm)
{
    int rank = 0, size = 1;
#ifdef IL_HAVE_MPI
    if (comm) {
        MPI_Comm_rank(*(MPI_Comm *)comm, &rank);
        MPI_Comm_size(*(MPI_Comm *)comm, &size);
    }
#endif
    char **files;
    size_t n;
    if (cli_batch_list_files(job->verb, source, job->exts, &files, &n))
        return CLI_EXIT_USAGE;
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        cli_batch_free_files(files, n);
        return cli_usage("%s --batch: cannot make %s: %s", job->verb, outdir, strerror(errno));
    }
    /* rows of other ranks stay zero, so a bitwise OR over the ranks assembles the table */
    char *rows = calloc(n, CLI_BATCH_ROW), *all = rank == 0 ? calloc(n, CLI_BATCH_ROW) : NULL;
    if (!rows || (rank == 0 && !all)) {
        free(rows);
        free(all);
        cli_batch_free_files(files, n);
        return cli_usage("%s --batch: out of memory for %zu %s", job->verb, n, job->items);
    }
    for (size_t i = (size_t)rank; i < n; i += (size_t)size) {
        job->one(job->user, files[i], rows + i * CLI_BATCH_ROW);
        if (rank == 0 && job->progress)
            job->progress(job->user, i + 1, n);
    }
    cli_batch_gather(rows, all, n, comm);
    int rc = CLI_EXIT_OK;
    if (rank == 0)
        rc = cli_batch_summary(outdir, job->header, all, n, job->done);
    cli_batch_free_files(files, n);
    free(rows);
    free(all);
    return rc;
}
