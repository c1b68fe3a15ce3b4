/* Depth profile points from a text file: two numeric columns, depth (nm) and concentration
 * (atoms/cm3), separated by a comma, semicolon, tab or blanks; '#' comments and one header
 * line allowed. Errors carry file:line:column. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/ndp_io.h"
#include "core/grow.h"
#include "core/decimal.h"

il_status il_ndp_points_load(const char *path, double **depth_nm, double **conc, size_t *n,
                             il_error *err)
{
    *depth_nm = *conc = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return il_error_set_at(err, IL_ERR_IO, path, 0, 0, "cannot open profile file");
    char line[1024];
    int ln = 0, header_ok = 1;
    size_t cap = 0;
    il_status st = IL_OK;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        char *end;
        double v[2];
        int k = 0;
        char *q = p;
        for (; k < 2; k++) {
            while (*q == ' ' || *q == '\t')
                q++;
            v[k] = il_decimal_strtod(q, &end);
            if (end == q)
                break;
            q = end;
            while (*q == ' ' || *q == '\t')
                q++;
            if (k == 0 && (*q == ',' || *q == ';'))
                q++;
        }
        while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
            q++;
        if (k < 2 || (*q != '\0' && *q != '#')) {
            if (header_ok && k == 0 && *n == 0) {
                header_ok = 0; /* one header line */
                continue;
            }
            st = il_error_set_at(err, IL_ERR_PARSE, path, ln, (int)(q - line) + 1,
                                 "expected two numbers: depth_nm, concentration (atoms/cm3)");
            break;
        }
        header_ok = 0;
        const il_grow_slot cols[] = {IL_GROW_SLOT(*depth_nm), IL_GROW_SLOT(*conc)};
        if ((st = il_grow_room(cols, 2, *n, &cap, 64, err)))
            break;
        (*depth_nm)[*n] = v[0];
        (*conc)[*n] = v[1];
        (*n)++;
    }
    fclose(f);
    if (!st && *n == 0)
        st = il_error_set_at(err, IL_ERR_PARSE, path, ln, 1, "no profile points in the file");
    if (st) {
        free(*depth_nm);
        free(*conc);
        *depth_nm = *conc = NULL;
        *n = 0;
    }
    return st;
}
