/* Parsing YAML text with libfyaml the one way every reader here needs (internal): quietly,
 * with its diagnostics turned into an il_error at file:line:column, and with the inputs that
 * make libfyaml 0.7 loop forever refused first. */
#ifndef IL_IO_YAML_DOC_H
#define IL_IO_YAML_DOC_H
#include <libfyaml.h>
#include <stddef.h>

#include "interlayer/error.h"

typedef struct {
    struct fy_document *doc; /* NULL for text without any document (empty, comments only) */
    struct fy_diag *diag;
} il_yaml_doc;

/* Where the text sits in its file, for errors: YAML embedded in another format (the ORSO
 * header, behind "# ") starts at line first_line and column 1 + col_shift. */
typedef struct {
    const char *label; /* file name, or "<string>" */
    int first_line;    /* 0 or 1: the text starts the file */
    int col_shift;
    const char *what;  /* names the text in messages: "malformed YAML <what>: ..."; may be NULL */
} il_yaml_source;

/* Refuses bytes that are not UTF-8, NUL and other control characters (YAML forbids them) and
 * directive lines ('%' in column 1: libfyaml 0.7 hangs on some malformed ones, found by
 * fuzzing), then parses. On success *out holds the document (free with il_yaml_doc_free). */
il_status il_yaml_doc_parse(const char *text, size_t len, const il_yaml_source *src,
                            il_yaml_doc *out, il_error *err);
void il_yaml_doc_free(il_yaml_doc *d);

/* The root node, or NULL for an empty document. */
struct fy_node *il_yaml_doc_root(const il_yaml_doc *d);
/* The root node in *root when it is a mapping (what every reader's file is); otherwise a parse
 * error at label:1:1 saying `expected` ("an instrument file is a mapping of ..."). */
il_status il_yaml_doc_mapping(const il_yaml_doc *d, const char *label, const char *expected,
                              struct fy_node **root, il_error *err);

/* Walks a mapping: `*it` starts NULL; each call gives the next pair's key node, its text (NULL
 * when the key is not a scalar, for the reader to refuse in its own words) and its value node,
 * and returns 1; 0 after the last pair. */
int il_yaml_next_pair(struct fy_node *map, void **it, struct fy_node **key_node, const char **key,
                      struct fy_node **value);

/* Where a scalar node starts: 1-based *line and *col, and 1. For anything else (NULL, a
 * mapping or sequence: libfyaml 0.7 marks scalars only) *line = *col = 0 and 0; each reader
 * decides which scalar stands for a container. */
int il_yaml_scalar_mark(struct fy_node *n, int *line, int *col);

/* A `code` error at scalar node n's place in file `label` (0:0 for anything else, as
 * il_yaml_scalar_mark): fmt with the texts a and b (a NULL b reads as ""), the message cut at
 * 599 characters. The readers whose nodes are scalars or say where they stand use it. */
il_status il_yaml_fail_at(il_error *err, il_status code, const char *label, struct fy_node *n,
                          const char *fmt, const char *a, const char *b);

#endif
