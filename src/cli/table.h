/* A small column table that every CLI verb prints the same three ways: aligned text for
 * people, CSV (header = field names with units) and JSON (array of objects) for machines. */
#ifndef CLI_TABLE_H
#define CLI_TABLE_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    const char *key;   /* machine name with unit, e.g. "thickness_nm" (CSV header, JSON key) */
    const char *label; /* human header, e.g. "thickness (nm)"; NULL: use key */
    const char *fmt;   /* printf format for numbers in the text table, e.g. "%.4g"; NULL: text */
} cli_column;

typedef struct cli_table cli_table;

cli_table *cli_table_new(const cli_column *cols, size_t ncols);
void cli_table_free(cli_table *t);
/* Appends a row; cells start empty (printed as "" / null). Returns the row index or -1. */
long cli_table_add_row(cli_table *t);
void cli_table_set_num(cli_table *t, size_t row, size_t col, double v);
void cli_table_set_text(cli_table *t, size_t row, size_t col, const char *s);
size_t cli_table_rows(const cli_table *t);

void cli_table_print_text(const cli_table *t, FILE *out);
void cli_table_print_csv(const cli_table *t, FILE *out);
/* New reference to a JSON array with one object per row. */
json_t *cli_table_to_json(const cli_table *t);

#endif
