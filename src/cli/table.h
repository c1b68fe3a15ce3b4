/* A small column table that every CLI verb prints the same three ways: aligned text for
 * people, CSV (header = field names with units) and JSON (array of objects) for machines. */
#ifndef IL_CLI_TABLE_H
#define IL_CLI_TABLE_H
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    const char *key;   /* machine name with unit, e.g. "thickness_nm" (CSV header, JSON key) */
    const char *label; /* human header, e.g. "thickness (nm)"; NULL: use key */
    const char *fmt;   /* printf format for numbers in the text table, e.g. "%.4g"; NULL: text */
} il_column;

typedef struct il_table il_table;

il_table *il_table_new(const il_column *cols, size_t ncols);
void il_table_free(il_table *t);
/* Appends a row; cells start empty (printed as "" / null). Returns the row index or -1. */
long il_table_add_row(il_table *t);
void il_table_set_num(il_table *t, size_t row, size_t col, double v);
void il_table_set_text(il_table *t, size_t row, size_t col, const char *s);
size_t il_table_rows(const il_table *t);

void il_table_print_text(const il_table *t, FILE *out);
void il_table_print_csv(const il_table *t, FILE *out);
/* New reference to a JSON array with one object per row. */
json_t *il_table_to_json(const il_table *t);

#endif
