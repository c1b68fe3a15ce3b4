/* Whole-or-nothing output folders (see outdir_priv.h). */
/* renameat2 (RENAME_EXCHANGE) and realpath. */
#define _GNU_SOURCE
#include "io/outdir_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static il_status io_error(const char *path, const char *what, int e, il_error *err)
{
    return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "%s: %s", what, strerror(e));
}

static int is_own(const char *name, const char *const *names, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(name, names[k]))
            return 1;
    return 0;
}

il_status il__outdir_check(const char *dir, const char *const *names, size_t n, il_error *err)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return errno == ENOENT ? IL_OK : io_error(dir, "cannot use as output folder", errno, err);
    if (!S_ISDIR(st.st_mode))
        return il_error_set_at(err, IL_ERR_INVALID, dir, 0, 0,
                               "exists and is not a folder: give a folder to write the results "
                               "into");
    DIR *d = opendir(dir);
    if (!d)
        return io_error(dir, "cannot read the output folder", errno, err);
    il_status s = IL_OK;
    struct dirent *de;
    while (!s && (de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
            !is_own(de->d_name, names, n))
            s = il_error_set_at(err, IL_ERR_INVALID, dir, 0, 0,
                                "the output folder holds '%s', which this command does not "
                                "write: it replaces the folder whole, so give a new or empty "
                                "folder (nothing was written)",
                                de->d_name);
    closedir(d);
    return s;
}

/* Removes the files in `dir` (the writer puts no folders there), then `dir`. */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        int fd = dirfd(d);
        struct dirent *de;
        while ((de = readdir(d)))
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                unlinkat(fd, de->d_name, 0);
        closedir(d);
    }
    rmdir(dir);
}

/* "<target>.tmp-<pid>-<k>" created with mkdir (so the umask gives it the usual mode). */
static char *make_sibling(const char *target, const char *tag, il_error *err)
{
    size_t len = strlen(target) + 64;
    char *p = malloc(len);
    if (!p) {
        il_error_set(err, IL_ERR_NOMEM, "out of memory");
        return NULL;
    }
    for (int k = 0; k < 1000; k++) {
        snprintf(p, len, "%s.%s-%ld-%d", target, tag, (long)getpid(), k);
        if (mkdir(p, 0777) == 0)
            return p;
        if (errno != EEXIST) {
            io_error(p, "cannot create a folder beside the output", errno, err);
            break;
        }
    }
    if (errno == EEXIST)
        il_error_set_at(err, IL_ERR_IO, target, 0, 0, "cannot find a free name beside it");
    free(p);
    return NULL;
}

il_status il__outdir_open(const char *dir, const char *const *names, size_t n, il_outdir *d,
                          il_error *err)
{
    d->target = d->tmp = NULL;
    il_status s = il__outdir_check(dir, names, n, err);
    if (s)
        return s;
    /* A symbolic link to a folder: the folder it names is replaced, the link stays. */
    struct stat st;
    if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
        d->target = realpath(dir, NULL);
    else
        d->target = strdup(dir);
    /* "out/" and "out" are one folder; the sibling must not land inside it */
    size_t len = d->target ? strlen(d->target) : 0;
    while (len > 1 && d->target[len - 1] == '/')
        d->target[--len] = '\0';
    if (!d->target)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!(d->tmp = make_sibling(d->target, "tmp", err))) {
        free(d->target);
        d->target = NULL;
        return IL_ERR_IO;
    }
    return IL_OK;
}

void il__outdir_abort(il_outdir *d)
{
    if (d->tmp)
        remove_tree(d->tmp);
    free(d->tmp);
    free(d->target);
    d->tmp = d->target = NULL;
}

il_status il__outdir_commit(il_outdir *d, il_error *err)
{
    struct stat st;
    il_status s = IL_OK;
    if (stat(d->target, &st) != 0) {
        if (rename(d->tmp, d->target) != 0)
            s = io_error(d->target, "cannot move the results into place", errno, err);
    } else if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->target, RENAME_EXCHANGE) == 0) {
        /* d->tmp now holds the earlier results; they go below */
    } else if (errno == EINVAL || errno == ENOSYS) {
        /* no exchange on this file system: move the old folder aside, then the new one in */
        char *old = make_sibling(d->target, "old", err);
        if (!old)
            s = IL_ERR_IO;
        else if (rmdir(old) != 0 || rename(d->target, old) != 0)
            s = io_error(d->target, "cannot move the earlier results aside", errno, err);
        else if (rename(d->tmp, d->target) != 0) {
            s = io_error(d->target, "cannot move the results into place", errno, err);
            rename(old, d->target);
        } else {
            remove_tree(old);
        }
        free(old);
    } else {
        s = io_error(d->target, "cannot move the results into place", errno, err);
    }
    il__outdir_abort(d);
    return s;
}
