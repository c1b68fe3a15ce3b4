/* Internal: the dataset list behind il_refl_data and helpers shared by its readers. */
#ifndef IL_REFL_DATA_PRIV_H
#define IL_REFL_DATA_PRIV_H
#include "interlayer/refl_data.h"

struct il_refl_data {
    size_t n, cap;
    il_refl_dataset *sets;
};

/* A growing set of rows with up to 4 columns. */
typedef struct {
    size_t n, cap;
    int ncols;
    double *col[4];
} il_refl_rows;

void il_refl_rows_free(il_refl_rows *r);
il_status il_refl_rows_push(il_refl_rows *r, const double *v, il_error *err);

/* The next line of text[0..len) from *pos: *line and *ll (without the '\n'); *pos moves past
 * it. Returns 0 once the text is used up. Both the column and the ORSO readers walk text so. */
int il_refl_next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *ll);

/* Parses the numbers of one data line (blank, tab or comma separated) into v (up to max);
 * *ncols receives how many. Errors name label:line:column. */
il_status il_refl_parse_numbers(const char *line, size_t len, const char *label, int lineno,
                                double *v, int max, int *ncols, il_error *err);

/* Moves rows into a new dataset at the end of d (rows are emptied). Columns 0..3 = Q, R, dR, dQ;
 * q_scale multiplies Q and dQ (unit conversion). */
il_status il_refl_data_take(il_refl_data *d, il_refl_rows *rows, const char *name,
                            il_refl_dq_kind kind, double q_scale, il_error *err);

il_status il_refl_read_ort(const char *text, size_t len, const char *label, il_refl_data *d,
                           il_error *err);

#endif
