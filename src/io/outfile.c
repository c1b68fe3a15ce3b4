/* Whole-or-nothing output files: a crash or an error never leaves half a result behind.
 *
 * A regular file (or a new one) is written to a temporary next to it and renamed over it at
 * the end, keeping an existing file's mode and, where the process may, its owner. Renaming is
 * only ever done over a regular file: a symbolic link is followed (its target is written, the
 * link stays), a character device or FIFO (-o /dev/null, -o /dev/stdout, a pipe) is written
 * directly, since it holds no earlier result to protect and replacing it would be destructive
 * (as root, renaming over /dev/null replaced the system's null device with a regular file), and
 * anything else (a directory, a socket, a block device) is refused. */
/* realpath is an XSI function. */
#define _XOPEN_SOURCE 700
#include "interlayer/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/outfile_priv.h"

struct il_outfile {
    FILE *fp;
    char *path;   /* as the caller named it (for messages) */
    char *target; /* the file replaced at commit (a symbolic link resolved) */
    char *tmp;    /* the temporary; NULL when writing directly */
    int direct;   /* a device or FIFO written in place */
};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

/* The file a symbolic link at `path` names: realpath when it exists, else the link's text
 * taken relative to the link's directory (the file is then created, as a shell's `>` would).
 * NULL with errno set on failure. */
static char *link_target(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    if (errno != ENOENT)
        return NULL;
    char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = 0;
    const char *slash = strrchr(path, '/');
    if (buf[0] == '/' || !slash)
        return dup_str(buf);
    size_t dir = (size_t)(slash - path) + 1, len = dir + (size_t)n + 1;
    char *t = malloc(len);
    if (t) {
        memcpy(t, path, dir);
        memcpy(t + dir, buf, (size_t)n + 1);
    }
    return t;
}

static il_status fail(il_outfile *f, const char *path, il_error *err, const char *what, int e)
{
    il_outfile_abort(f);
    return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "%s%s", what, e ? strerror(e) : "");
}

il_status il_outfile_open(const char *path, il_outfile **out, il_error *err)
{
    il_outfile *f = calloc(1, sizeof *f);
    if (!f || !(f->path = dup_str(path))) {
        il_outfile_abort(f);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory opening '%s'", path);
    }
    struct stat st;
    int exists = lstat(path, &st) == 0;
    if (exists && S_ISLNK(st.st_mode)) {
        if (!(f->target = link_target(path)))
            return fail(f, path, err, "cannot follow the symbolic link: ", errno);
        exists = stat(f->target, &st) == 0;
    } else if (!(f->target = dup_str(path))) {
        il_outfile_abort(f);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory opening '%s'", path);
    }
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        /* In place: nothing to keep whole, and the device must stay what it is. */
        f->direct = 1;
        if (!(f->fp = fopen(f->target, "w")))
            return fail(f, path, err, "cannot write: ", errno);
        *out = f;
        return IL_OK;
    }
    if (exists && !S_ISREG(st.st_mode))
        return fail(f, path, err,
                    S_ISDIR(st.st_mode) ? "is a directory; name a file to write"
                                        : "is not a regular file, a device or a FIFO; refusing "
                                          "to replace it",
                    0);
    size_t n = strlen(f->target);
    if (!(f->tmp = malloc(n + 16))) {
        il_outfile_abort(f);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory opening '%s'", path);
    }
    snprintf(f->tmp, n + 16, "%s.tmp.XXXXXX", f->target);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        int e = errno;
        free(f->tmp);
        f->tmp = NULL;
        return fail(f, path, err, "cannot write: ", e);
    }
    if (exists) {
        /* The replacement keeps the file's permissions and, where allowed (root, or the
         * owner itself), its owner and group. */
        if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
            /* not permitted: the file becomes the writer's, as any rewrite by it would */
        }
        fchmod(fd, st.st_mode & 07777);
    } else {
        /* mkstemp makes 0600; results are meant to be shared like any file the user writes. */
        fchmod(fd, 0644);
    }
    if (!(f->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        return fail(f, path, err, "cannot write: ", e);
    }
    *out = f;
    return IL_OK;
}

FILE *il_outfile_stream(il_outfile *f) { return f->fp; }

const char *il_outfile_tmp_path(const il_outfile *f) { return f->direct ? f->target : f->tmp; }

int il__outfile_direct(const il_outfile *f) { return f->direct; }

il_status il_outfile_commit(il_outfile *f, il_error *err)
{
    int bad = ferror(f->fp);
    int e = errno;
    if (fclose(f->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    f->fp = NULL;
    if (!bad && !f->direct && rename(f->tmp, f->target) != 0) {
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
    free(f->target);
    free(f->path);
    free(f);
}
