/* Reading a whole input file into memory, for the parsers in src/io (internal). */
#ifndef IL_CORE_READ_FILE_H
#define IL_CORE_READ_FILE_H
#include <stddef.h>

#include "interlayer/error.h"

/* Reads `path` into a new buffer (*data, NUL-terminated, free() it) of *len bytes. Reads in
 * chunks rather than trusting a size from fseek, so pipes work too. A file larger than
 * max_bytes is refused (IL_ERR_RANGE) before it fills memory. `what` names the file's kind in
 * errors ("stack file", "spectrum"). A missing file is IL_ERR_NOT_FOUND, other failures
 * IL_ERR_IO; every error carries the path. */
il_status il_read_file(const char *path, size_t max_bytes, const char *what, char **data,
                       size_t *len, il_error *err);

#endif
