/* Output options shared by every verb: --csv, --json, -o FILE, --plot FILE.svg|.png|.pdf. */
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H
#include <jansson.h>
#include <stdio.h>

#include "interlayer/outfile.h"

#include "cli/options.h"
#include "cli/table.h"

typedef struct {
    int csv;
    int json;
    const char *output; /* -o FILE: write there (whole or not at all) instead of stdout */
    const char *plot;   /* --plot FILE */
} cli_out;

/* --csv, --json, --plot FILE, --output/-o FILE into a cli_out: put
 * CLI_SET(cli_out_options, offsetof(args, out)) among a verb's option sets. */
extern const cli_opt cli_out_options[4];
/* That set for an argument struct type T whose cli_out member is named `out`. */
#define CLI_OUT_SET(T) CLI_SET(cli_out_options, offsetof(T, out))

/* Prints `table` as text, CSV or (if json_doc is NULL) the table's JSON array; with --json and
 * a json_doc, prints json_doc instead. Honors -o. Returns an exit code. */
int cli_out_emit(const cli_out *o, const cli_table *table, json_t *json_doc);

/* A JSON number, or null when v is not finite: jansson's json_real refuses NaN and infinity
 * (returns NULL), and setting NULL silently drops the field or shifts an array. Every number
 * a verb puts into JSON goes through here. */
json_t *cli_json_number(double v);
/* Writes a JSON document to a path (whole or not at all) or to stdout when path is NULL. */
int cli_out_write_json(const char *path, json_t *doc);
/* Writes a table as CSV to a path (whole or not at all), or to stdout when path is NULL. */
int cli_out_write_csv(const char *path, const cli_table *table);
/* A JSON document into an open stream, formatted as every verb's --json. 0 or -1. */
int cli_out_dump_json(FILE *f, json_t *doc);
/* -o FILE for verbs that print as they go: the stream to print into (stdout when path is NULL,
 * *of NULL), or NULL after the error has been printed. cli_out_end puts the file in place when
 * rc is CLI_EXIT_OK and drops it otherwise (nothing half-written); it returns the exit code. */
FILE *cli_out_begin(const char *path, il_outfile **of);
int cli_out_end(il_outfile *of, int rc);

#endif
