/* One YAML entry point for all readers: safe input, no printing, errors with their place. */
#include "io/yaml_doc.h"

#include <stdio.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at u[i] (1..4), or 0 when it is not valid UTF-8
 * (stray continuation bytes, overlong forms, surrogates, code points above U+10FFFF). */
static size_t utf8_sequence(const unsigned char *u, size_t i, size_t len)
{
    unsigned char c = u[i];
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 1;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 2;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 3;
    else
        return 0;
    for (size_t k = 1; k <= n; k++)
        if (i + k >= len || (u[i + k] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] >= 0xA0) ||
        (c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] >= 0x90))
        return 0;
    return n + 1;
}

static il_status refuse_unsafe(const char *text, size_t len, const il_yaml_source *src,
                               il_error *err)
{
    const unsigned char *u = (const unsigned char *)text;
    int line = src->first_line > 0 ? src->first_line : 1, col = 1;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c == '\n' || c == '\r') { /* YAML breaks lines at CR too */
            line += c == '\n';
            col = 1;
            i++;
            continue;
        }
        const char *why = NULL;
        size_t n = utf8_sequence(u, i, len);
        if (n == 0)
            why = "is not UTF-8 text (YAML files are UTF-8)";
        else if ((c < 0x20 && c != '\t') || c == 0x7f)
            why = "is a control character, which YAML does not allow";
        else if (c == '%' && col == 1)
            return il_error_set_at(err, IL_ERR_PARSE, src->label, line, col + src->col_shift,
                                   "YAML directives ('%%' lines) are not supported");
        if (why)
            return il_error_set_at(err, IL_ERR_PARSE, src->label, line, col + src->col_shift,
                                   "byte 0x%02X %s", c, why);
        i += n;
        col++;
    }
    return IL_OK;
}

/* The 1-based line where a second document starts, 0 when there is none (or the stream breaks
 * before one: the document build reports that). fy_document_build_from_string reads the first
 * document and drops the rest in silence, so the stream is walked once more, event by event,
 * counting document starts; no diagnostics are printed (FYPCF_QUIET, a diag of our own). */
static int second_document_line(const char *text, size_t len)
{
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = NULL;
    struct fy_diag *diag = fy_diag_create(&dcfg);
    if (!diag)
        return 0;
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG;
    cfg.diag = diag;
    struct fy_parser *fyp = fy_parser_create(&cfg);
    int docs = 0, line = 0;
    if (fyp && fy_parser_set_string(fyp, text, len) == 0) {
        struct fy_event *e;
        while (!line && (e = fy_parser_parse(fyp))) {
            if (e->type == FYET_DOCUMENT_START && ++docs == 2) {
                const struct fy_mark *m = fy_event_start_mark(e);
                line = m ? m->line + 1 : 1;
            }
            fy_parser_event_free(fyp, e);
        }
    }
    if (fyp)
        fy_parser_destroy(fyp);
    fy_diag_destroy(diag);
    return line;
}

il_status il_yaml_doc_parse(const char *text, size_t len, const il_yaml_source *src,
                            il_yaml_doc *out, il_error *err)
{
    memset(out, 0, sizeof *out);
    il_status st = refuse_unsafe(text, len, src, err);
    if (st)
        return st;
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL; /* never print: diagnostics are collected and returned as the error */
    dcfg.output_fn = NULL;
    dcfg.colorize = false;
    out->diag = fy_diag_create(&dcfg);
    if (!out->diag)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    fy_diag_set_collect_errors(out->diag, true);
    struct fy_parse_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG;
    cfg.diag = out->diag;
    out->doc = fy_document_build_from_string(&cfg, text, len);
    if (out->doc) {
        int second = second_document_line(text, len);
        if (!second)
            return IL_OK;
        int first = src->first_line > 0 ? src->first_line : 1;
        il_yaml_doc_free(out);
        return il_error_set_at(err, IL_ERR_PARSE, src->label, first + second - 1, 1,
                               "a second YAML document%s%s starts here: one file holds one "
                               "document (the rest would be ignored); split it or remove the "
                               "'---'",
                               src->what ? " in " : "", src->what ? src->what : "");
    }
    void *it = NULL;
    struct fy_diag_error *de = fy_diag_errors_iterate(out->diag, &it);
    if (!de)
        return IL_OK; /* no document and no complaint: empty or comments only */
    /* collected diagnostics carry 1-based line and column (unlike fy_mark) */
    int first = src->first_line > 0 ? src->first_line : 1;
    st = il_error_set_at(err, IL_ERR_PARSE, src->label, first + de->line - 1,
                         de->column + src->col_shift, "malformed YAML%s%s: %s",
                         src->what ? " " : "", src->what ? src->what : "",
                         de->msg ? de->msg : "syntax error");
    il_yaml_doc_free(out);
    return st;
}

void il_yaml_doc_free(il_yaml_doc *d)
{
    if (d->doc)
        fy_document_destroy(d->doc);
    if (d->diag)
        fy_diag_destroy(d->diag);
    d->doc = NULL;
    d->diag = NULL;
}

struct fy_node *il_yaml_doc_root(const il_yaml_doc *d)
{
    return d->doc ? fy_document_root(d->doc) : NULL;
}

il_status il_yaml_doc_mapping(const il_yaml_doc *d, const char *label, const char *expected,
                              struct fy_node **root, il_error *err)
{
    *root = il_yaml_doc_root(d);
    if (!*root || !fy_node_is_mapping(*root))
        return il_error_set_at(err, IL_ERR_PARSE, label, 1, 1, "%s", expected);
    return IL_OK;
}

int il_yaml_scalar_mark(struct fy_node *n, int *line, int *col)
{
    struct fy_token *t = n && fy_node_is_scalar(n) ? fy_node_get_scalar_token(n) : NULL;
    const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;
    *line = m ? m->line + 1 : 0; /* fy_mark counts from 0 */
    *col = m ? m->column + 1 : 0;
    return m != NULL;
}

int il_yaml_next_pair(struct fy_node *map, void **it, struct fy_node **key_node, const char **key,
                      struct fy_node **value)
{
    struct fy_node_pair *p = fy_node_mapping_iterate(map, it);
    if (!p)
        return 0;
    *key_node = fy_node_pair_key(p);
    *key = *key_node && fy_node_is_scalar(*key_node) ? fy_node_get_scalar0(*key_node) : NULL;
    *value = fy_node_pair_value(p);
    return 1;
}

il_status il_yaml_fail_at(il_error *err, il_status code, const char *label, struct fy_node *n,
                          const char *fmt, const char *a, const char *b)
{
    int line, col;
    il_yaml_scalar_mark(n, &line, &col);
    char msg[600];
    /* a message longer than msg is cut there, as it always was; only a failed format is
     * replaced (the place still points at the input) */
    if (snprintf(msg, sizeof msg, fmt, a, b ? b : "") < 0)
        msg[0] = '\0';
    return il_error_set_at(err, code, label, line, col, "%s", msg);
}
