/* Text and files of result documents (json_text.h). */
#include "io/json_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/outfile.h"

il_status il__json_text(json_t *doc, char **text, il_error *err)
{
    /* Ten significant digits keep every number a double prints meaningfully. */
    char *body = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(doc);
    size_t n = body ? strlen(body) : 0;
    char *out = body ? malloc(n + 2) : NULL;
    if (!out) {
        free(body);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    memcpy(out, body, n);
    out[n] = '\n', out[n + 1] = '\0';
    free(body);
    *text = out;
    return IL_OK;
}

il_status il__write_text(const char *path, const char *text, il_error *err)
{
    if (!path)
        return il_error_set(err, IL_ERR_INVALID, "no path to write to");
    il_outfile *of;
    il_status st = il_outfile_open(path, &of, err);
    if (st)
        return st;
    if (fputs(text, il_outfile_stream(of)) < 0) {
        il_outfile_abort(of);
        return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "could not write");
    }
    return il_outfile_commit(of, err);
}

il_status il__write_made_text(const char *path, il_status st, char *text, il_error *err)
{
    if (st)
        return st;
    st = il__write_text(path, text, err);
    free(text);
    return st;
}

json_t *il__json_number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

json_t *il__json_numbers(const double *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, il__json_number(v[i]));
    return a;
}
