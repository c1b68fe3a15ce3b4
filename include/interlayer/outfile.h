/* Output files that appear whole or not at all: write to "<path>.tmp.XXXXXX", then rename. */
#ifndef INTERLAYER_OUTFILE_H
#define INTERLAYER_OUTFILE_H
#include "interlayer/export.h"
#include <stdio.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_outfile il_outfile;

/* Opens a temporary file next to `path` (next to its target when `path` is a symbolic link,
 * which stays a link). Write through il_outfile_stream(). An existing file's mode (and owner,
 * where the process may set it) is kept. A character device or FIFO (/dev/null, /dev/stdout, a
 * pipe) is written in place and never replaced; a directory or other special file is refused. */
IL_API il_status il_outfile_open(const char *path, il_outfile **out, il_error *err);
IL_API FILE *il_outfile_stream(il_outfile *f);
/* Flushes, closes and renames into place; on any write error the temporary is removed and the
 * target is left untouched. Frees `f` in every case. */
IL_API il_status il_outfile_commit(il_outfile *f, il_error *err);
/* Removes the temporary and frees `f` (for error paths). Safe on NULL. */
IL_API void il_outfile_abort(il_outfile *f);
/* The temporary file's path, for writers (such as PLplot) that need a file name (the device
 * itself when writing in place). */
IL_API const char *il_outfile_tmp_path(const il_outfile *f);

#ifdef __cplusplus
}
#endif
#endif
