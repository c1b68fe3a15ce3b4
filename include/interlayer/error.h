/* Status codes and the error object every fallible libinterlayer function fills. */
#ifndef INTERLAYER_ERROR_H
#define INTERLAYER_ERROR_H
#include "interlayer/export.h"
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    IL_OK = 0,
    IL_ERR_INVALID,   /* an argument or value is outside what is allowed */
    IL_ERR_PARSE,     /* malformed text: formula, stack, number, file content */
    IL_ERR_NOT_FOUND, /* unknown element, material, ion, file */
    IL_ERR_RANGE,     /* a value outside the range the data or method covers */
    IL_ERR_IO,        /* reading or writing a file failed */
    IL_ERR_NOMEM,     /* out of memory */
    IL_ERR_NUMERIC    /* a numerical method did not converge */
} il_status;

/* Filled by the library; the caller owns it (usually on the stack). `file` is empty and
 * `line`/`column` are 0 when the error is not tied to a place in an input. */
typedef struct {
    il_status code;
    char file[256];
    int line;
    int column;
    char message[768];
} il_error;

/* Resets `err` to IL_OK with no message. Safe on NULL. */
IL_API void il_error_clear(il_error *err);

/* Records an error not tied to a place; returns `code` so callers can `return il_error_set(...)`. */
IL_API il_status il_error_set(il_error *err, il_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records an error at file:line:column (file may be NULL or "" for inline text). */
IL_API il_status il_error_set_at(il_error *err, il_status code, const char *file, int line,
                                 int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Puts a prefix in front of the message ("layer 3: " + message), keeping the place. */
IL_API void il_error_prefix(il_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes "file:line:column: message" (or only the parts that are known) into buf. */
IL_API const char *il_error_format(const il_error *err, char *buf, size_t size);

/* A short name for a status, e.g. "parse error". */
IL_API const char *il_status_name(il_status code);

#ifdef __cplusplus
}
#endif
#endif
