/* One way to read an input file whole, with the errors a user can act on. */
#include "core/read_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

il_status il_read_file(const char *path, size_t max_bytes, const char *what, char **data,
                       size_t *len, il_error *err)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return il_error_set_at(err, errno == ENOENT ? IL_ERR_NOT_FOUND : IL_ERR_IO, path, 0, 0,
                               "cannot open the %s: %s", what, strerror(errno));
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap + 1);
    il_status st = IL_OK;
    while (buf) {
        if (n == cap) {
            if (cap >= max_bytes) {
                st = il_error_set_at(err, IL_ERR_RANGE, path, 0, 0,
                                     "%s larger than %zu bytes: refused", what, max_bytes);
                break;
            }
            size_t ncap = cap * 2 > max_bytes ? max_bytes : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        n += k;
        if (k == 0) {
            if (ferror(f))
                st = il_error_set_at(err, IL_ERR_IO, path, 0, 0, "cannot read the %s: %s", what,
                                     strerror(errno));
            break;
        }
    }
    fclose(f);
    if (!buf)
        return il_error_set_at(err, IL_ERR_NOMEM, path, 0, 0, "out of memory reading the %s",
                               what);
    if (st) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return IL_OK;
}
