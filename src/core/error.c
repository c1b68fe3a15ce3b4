/* The error object: a code, a message a user can act on, and where in the input it happened. */
#include "interlayer/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void il_error_clear(il_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
}

static void set_message(il_error *err, const char *fmt, va_list ap)
{
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

il_status il_error_set(il_error *err, il_status code, const char *fmt, ...)
{
    if (!err)
        return code;
    il_error_clear(err);
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, fmt, ap);
    va_end(ap);
    return code;
}

il_status il_error_set_at(il_error *err, il_status code, const char *file, int line, int column,
                          const char *fmt, ...)
{
    if (!err)
        return code;
    il_error_clear(err);
    err->code = code;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, fmt, ap);
    va_end(ap);
    return code;
}

void il_error_prefix(il_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[256], old[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof old);
    /* Concatenate by hand: a long message may be cut, and that is fine. */
    size_t np = strlen(prefix), cap = sizeof err->message - 1;
    if (np > cap)
        np = cap;
    memcpy(err->message, prefix, np);
    size_t no = strnlen(old, sizeof old);
    if (no > cap - np)
        no = cap - np;
    memcpy(err->message + np, old, no);
    err->message[np + no] = '\0';
}

const char *il_error_format(const il_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return "";
    if (!err) {
        snprintf(buf, size, "unknown error");
        return buf;
    }
    if (err->file[0] && err->line > 0 && err->column > 0)
        snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->column, err->message);
    else if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->message);
    else if (err->column > 0)
        snprintf(buf, size, "column %d: %s", err->column, err->message);
    else
        snprintf(buf, size, "%s", err->message);
    return buf;
}

const char *il_status_name(il_status code)
{
    switch (code) {
    case IL_OK: return "ok";
    case IL_ERR_INVALID: return "invalid value";
    case IL_ERR_PARSE: return "parse error";
    case IL_ERR_NOT_FOUND: return "not found";
    case IL_ERR_RANGE: return "out of range";
    case IL_ERR_IO: return "input/output error";
    case IL_ERR_NOMEM: return "out of memory";
    case IL_ERR_NUMERIC: return "numerical failure";
    }
    return "unknown status";
}
