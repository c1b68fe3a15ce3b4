/* Whole-or-nothing output folders (internal): a command that writes several files into one
 * folder builds them in a sibling folder and swaps it in at the end, so a failure part way
 * leaves the earlier folder as it was (or none at all), never a mix of old and new files. */
#ifndef IL_IO_OUTDIR_PRIV_H
#define IL_IO_OUTDIR_PRIV_H
#include <stddef.h>

#include "interlayer/error.h"

typedef struct {
    char *target; /* the folder replaced at commit (a symbolic link resolved) */
    char *tmp;    /* the sibling being written */
} il_outdir;

/* Whether `dir` may be replaced by a folder of the files `names`: it does not exist, or it is a
 * folder holding only files of those names (an earlier result). Anything else (a file, a folder
 * with other content, which might be the user's data) is refused with the reason. */
il_status il__outdir_check(const char *dir, const char *const *names, size_t n, il_error *err);

/* Checks as above and creates the sibling d->tmp to write into. */
il_status il__outdir_open(const char *dir, const char *const *names, size_t n, il_outdir *d,
                          il_error *err);

/* Puts d->tmp in the place of d->target (exchanged in one step where the system can) and
 * removes what was there. On failure the earlier folder is kept and d->tmp removed. */
il_status il__outdir_commit(il_outdir *d, il_error *err);

/* Removes d->tmp and everything in it; frees d. */
void il__outdir_abort(il_outdir *d);
#endif
