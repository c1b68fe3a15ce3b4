/* The end of a constructor (internal). Every `il_x_new(..., il_x **out, il_error *err)` and
 * reader ends the same way: on failure the half-built object is freed and *out is left alone,
 * on success *out takes it. Stated once here, so each constructor names only what it built and
 * how that is freed. */
#ifndef IL_CORE_BUILT_H
#define IL_CORE_BUILT_H

#include "interlayer/error.h"

/* Returns from the calling constructor: st after free_fn(obj) when st is a failure, else IL_OK
 * with *out = obj. */
#define IL_RETURN_BUILT(st, obj, free_fn, out)                                                     \
    do {                                                                                           \
        if (st) {                                                                                  \
            free_fn(obj);                                                                          \
            return (st);                                                                           \
        }                                                                                          \
        *(out) = (obj);                                                                            \
        return IL_OK;                                                                              \
    } while (0)

#endif
