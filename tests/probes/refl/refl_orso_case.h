/* Test helper: loads one case of the ORSO validation suite from tests/probes/refl/data/orso/ (see its
 * README for the format). Header-only; each test includes it once. */
#ifndef IL_TEST_REFL_ORSO_CASE_H
#define IL_TEST_REFL_ORSO_CASE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/refl.h"

typedef struct {
    il_refl_slab *slabs;
    size_t nslabs;
    double *q, *r, *dq; /* dq is 1σ, NULL if the data file has no 4th column */
    size_t n;
} orso_case;

static inline char *orso_path(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/tests/probes/refl/data/orso/%s", IL_SOURCE_DIR, rel);
    return buf;
}

static inline void orso_case_free(orso_case *c)
{
    free(c->slabs);
    free(c->q);
    free(c->r);
    free(c->dq);
    memset(c, 0, sizeof *c);
}

/* Returns 0 on success. */
static inline int orso_case_load(int number, orso_case *c)
{
    char path[1024], name[64], line[1024], layers[1024] = "", data[1024] = "";
    memset(c, 0, sizeof *c);
    snprintf(name, sizeof name, "test%d.txt", number);
    FILE *f = fopen(orso_path(path, sizeof path, name), "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n \t")] = '\0';
        if (!layers[0])
            snprintf(layers, sizeof layers, "%s", line);
        else if (!data[0])
            snprintf(data, sizeof data, "%s", line);
    }
    fclose(f);
    if (!(f = fopen(orso_path(path, sizeof path, layers), "r")))
        return -1;
    size_t cap = 0;
    double v[4];
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3]) != 4)
            continue;
        if (c->nslabs == cap) {
            cap = cap ? 2 * cap : 64;
            c->slabs = realloc(c->slabs, cap * sizeof *c->slabs);
        }
        c->slabs[c->nslabs++] = (il_refl_slab){v[0], v[1], v[2], v[3]};
    }
    fclose(f);
    if (!(f = fopen(orso_path(path, sizeof path, data), "r")))
        return -1;
    cap = 0;
    while (fgets(line, sizeof line, f)) {
        int k = sscanf(line, "%lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3]);
        if (k < 2)
            continue;
        if (c->n == cap) {
            cap = cap ? 2 * cap : 256;
            c->q = realloc(c->q, cap * sizeof *c->q);
            c->r = realloc(c->r, cap * sizeof *c->r);
            c->dq = realloc(c->dq, cap * sizeof *c->dq);
        }
        c->q[c->n] = v[0];
        c->r[c->n] = v[1];
        c->dq[c->n] = k == 4 ? v[3] : 0.0;
        c->n++;
    }
    fclose(f);
    return c->nslabs >= 2 && c->n > 0 ? 0 : -1;
}

static inline double worst_rel(const double *a, const double *ref, size_t n)
{
    double w = 0.0;
    for (size_t i = 0; i < n; i++) {
        double e = fabs(a[i] - ref[i]) / fabs(ref[i]);
        if (!(e <= w))
            w = e; /* NaN propagates as "worst" */
    }
    return w;
}

#endif
