/* Whole-or-nothing output files: a crash or an error never leaves half a result behind. */
#include "interlayer/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct il_outfile {
    FILE *fp;
    char *path;
    char *tmp;
};

il_status il_outfile_open(const char *path, il_outfile **out, il_error *err)
{
    il_outfile *f = calloc(1, sizeof *f);
    size_t n = strlen(path);
    if (!f || !(f->path = malloc(n + 1)) || !(f->tmp = malloc(n + 16))) {
        il_outfile_abort(f);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory opening '%s'", path);
    }
    memcpy(f->path, path, n + 1);
    snprintf(f->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(f->tmp);
    /* mkstemp makes 0600; results are meant to be shared like any file the user writes. */
    if (fd >= 0)
        fchmod(fd, 0644);
    if (fd < 0 || !(f->fp = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            remove(f->tmp);
        }
        free(f->tmp);
        f->tmp = NULL;
        il_outfile_abort(f);
        return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "cannot write: %s", strerror(e));
    }
    *out = f;
    return IL_OK;
}

FILE *il_outfile_stream(il_outfile *f) { return f->fp; }

const char *il_outfile_tmp_path(const il_outfile *f) { return f->tmp; }

il_status il_outfile_commit(il_outfile *f, il_error *err)
{
    int bad = ferror(f->fp);
    int e = errno;
    if (fclose(f->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    f->fp = NULL;
    if (!bad && rename(f->tmp, f->path) != 0) {
        bad = 1;
        e = errno;
    }
    il_status s = IL_OK;
    if (bad)
        s = il_error_set_at(err, IL_ERR_IO, f->path, 0, 0, "write failed: %s", strerror(e));
    il_outfile_abort(f);
    return s;
}

void il_outfile_abort(il_outfile *f)
{
    if (!f)
        return;
    if (f->fp)
        fclose(f->fp);
    if (f->tmp)
        remove(f->tmp); /* after a successful rename this finds nothing, which is fine */
    free(f->tmp);
    free(f->path);
    free(f);
}
