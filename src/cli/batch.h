/* Batch mode shared by `refl fit --batch` and `ndp invert --batch`: the file list (a folder or
 * an index file), the summary rows (one fixed-size row per dataset, so ranks can fill their own
 * and rank 0 assemble them with one reduction) and the summary table and report. */
#ifndef CLI_BATCH_H
#define CLI_BATCH_H
#include <stddef.h>

enum { CLI_BATCH_MAX_FILES = 100000, CLI_BATCH_ROW = 2048 };

/* The data files: those of folder `src` whose extension (case-insensitive) is one of `exts`
 * (NULL-terminated, with the dot) in name order, or the lines of an index file (paths relative
 * to the index; blank lines and '#' comments skipped). *files (free with cli_batch_free_files)
 * receives *n paths. Returns 0, or prints "VERB: problem" and returns nonzero. */
int cli_batch_list_files(const char *verb, const char *src, const char *const *exts,
                         char ***files, size_t *n);
void cli_batch_free_files(char **files, size_t n);

const char *cli_batch_base_name(const char *path);

/* CSV field: quoted, inner quotes doubled (error messages may hold commas). */
void cli_batch_csv_text(char *buf, size_t size, const char *s);

/* A failed row: "<file>,failed,<empty fields>,<message>" with n_empty empty fields. */
void cli_batch_failed_row(char *row, const char *path, int n_empty, const char *message);
/* The start of a success row, "<file>,ok,"; returns its length (the rest goes at row + that). */
int cli_batch_ok_row(char *row, const char *path);

/* Rows of every rank to rank 0 (comm: an MPI_Comm *, or NULL): all (rank 0 only) receives the
 * n rows; other ranks' rows stay zero in `rows`, so a bitwise OR assembles them. */
void cli_batch_gather(const char *rows, char *all, size_t n, void *comm);

/* Rank 0: writes OUTDIR/summary.csv (header line, then the rows) through the atomic writer,
 * prints "N datasets: K <done>, F failed (...)" and each failure's message; returns the exit
 * status (CLI_EXIT_FAIL when any failed). */
int cli_batch_summary(const char *outdir, const char *header, const char *all, size_t n,
                      const char *done);

/* One batch run: every file of `source` (see cli_batch_list_files) handed to `one`, rank r of
 * an MPI run (comm, or NULL) taking files r, r + size, ...; rank 0 then writes the summary (see
 * cli_batch_summary). */
typedef struct {
    const char *verb;              /* "ndp invert": prefixes the messages */
    const char *const *exts;       /* data file extensions, NULL-terminated */
    const char *items;             /* "spectra": names the files in the out-of-memory message */
    const char *header;            /* summary.csv's header line */
    const char *done;              /* "inverted": the summary's word for a success */
    /* fills `row` (CLI_BATCH_ROW bytes, zeroed) for the file at `path` */
    void (*one)(void *user, const char *path, char *row);
    void *user;
    void (*progress)(void *user, size_t done, size_t total); /* on rank 0; NULL: none */
} cli_batch_job;

/* Makes outdir, runs the job, returns the exit status (CLI_EXIT_USAGE when the files cannot be
 * listed or outdir made, with the message printed). */
int cli_batch_run(const cli_batch_job *job, const char *source, const char *outdir, void *comm);

#endif
