/* Output options shared by every verb: --csv, --json, -o FILE, --plot FILE.svg|.png|.pdf. */
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H
#include <jansson.h>

#include "cli/table.h"

typedef struct {
    int csv;
    int json;
    const char *output; /* -o FILE: write there (whole or not at all) instead of stdout */
    const char *plot;   /* --plot FILE */
} cli_out;

/* If argv[*i] is an output option, consumes it (and its value, advancing *i) and returns 1;
 * returns 0 when it is not one; on a missing value prints a usage error and returns -1. */
int cli_out_parse(int argc, char **argv, int *i, cli_out *o);

/* Prints `table` as text, CSV or (if json_doc is NULL) the table's JSON array; with --json and
 * a json_doc, prints json_doc instead. Honors -o. Returns an exit code. */
int cli_out_emit(const cli_out *o, const cli_table *table, json_t *json_doc);

/* Writes a JSON document to a path (whole or not at all) or to stdout when path is NULL. */
int cli_out_write_json(const char *path, json_t *doc);
/* Writes a table as CSV to a path (whole or not at all). */
int cli_out_write_csv(const char *path, const cli_table *table);

/* Looks for "--name VALUE" style option; returns 1 and sets *value when argv[*i] matches. */
int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);

#endif
