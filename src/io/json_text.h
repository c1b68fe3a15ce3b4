/* The text of a result document, shared by io's result writers: one format (indent 2, ten
 * significant digits, a final newline) for every JSON file the library writes. */
#ifndef IL_IO_JSON_TEXT_H
#define IL_IO_JSON_TEXT_H
#include <jansson.h>

#include "interlayer/error.h"

/* Dumps doc (and releases it, also on failure) into *text (malloc'd, free() it). */
il_status il__json_text(json_t *doc, char **text, il_error *err);
/* Writes text to path through il_outfile: whole or not at all. */
il_status il__write_text(const char *path, const char *text, il_error *err);
/* The end of every result writer's _write_json/_write_csv: st is what the text maker returned;
 * when IL_OK, text is written as il__write_text does and freed, else st is returned (the
 * maker made no text). */
il_status il__write_made_text(const char *path, il_status st, char *text, il_error *err);
/* A number, or null when it is not finite. */
json_t *il__json_number(double v);
/* An array of numbers (not finite: null). */
json_t *il__json_numbers(const double *v, size_t n);

#endif
