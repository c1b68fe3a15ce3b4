/* The MRI depth resolution function (Hofmann) on a grid, and its convolution with a profile.
 * Each of the three parts is integrated exactly over the bins (so the discrete kernel sums to
 * one for any bin width) and the parts are convolved discretely. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/sputter.h"

#define MRI_MAX_BINS 1000000
#define TAIL 12.0 /* exponential tails cut at exp(-12) = 6e-6, Gaussian at 6 σ */

double il_mri_depth_resolution_nm(const il_mri_params *p)
{
    if (!p)
        return NAN;
    double a = 2.0 * p->sigma_nm, b = 1.668 * p->lambda_nm, c = 1.668 * p->w_nm;
    return sqrt(a * a + b * b + c * c);
}

/* a part of the kernel: values over bins lo..hi (bin k covers [(k - 1/2) dz, (k + 1/2) dz]) */
typedef struct {
    long lo, hi;
    double *v;
} part;

static double cdf_exp_up(double u, double w) /* mixing: density exp(-(u+w)/w)/w on u >= -w */
{
    return u <= -w ? 0.0 : 1.0 - exp(-(u + w) / w);
}
static double cdf_exp_down(double u, double l) /* info depth: exp(u/l)/l on u <= 0 */
{
    return u >= 0 ? 1.0 : exp(u / l);
}
static double cdf_gauss(double u, double s) { return 0.5 * erfc(-u / (s * sqrt(2.0))); }

static int part_make(part *p, int kind, double par, double dz)
{
    if (!(par > 0)) { /* a delta function */
        p->lo = p->hi = 0;
        p->v = malloc(sizeof(double));
        if (!p->v)
            return -1;
        p->v[0] = 1.0;
        return 0;
    }
    double ulo, uhi;
    if (kind == 0) {
        ulo = -par;
        uhi = (TAIL - 1.0) * par;
    } else if (kind == 1) {
        ulo = -TAIL * par;
        uhi = 0;
    } else {
        ulo = -6.0 * par;
        uhi = 6.0 * par;
    }
    p->lo = (long)floor(ulo / dz + 0.5) - 1;
    p->hi = (long)ceil(uhi / dz - 0.5) + 1;
    if (p->hi - p->lo + 1 > MRI_MAX_BINS)
        return -2;
    p->v = malloc((size_t)(p->hi - p->lo + 1) * sizeof(double));
    if (!p->v)
        return -1;
    double sum = 0;
    for (long k = p->lo; k <= p->hi; k++) {
        double a = (k - 0.5) * dz, b = (k + 0.5) * dz, x;
        if (kind == 0)
            x = cdf_exp_up(b, par) - cdf_exp_up(a, par);
        else if (kind == 1)
            x = cdf_exp_down(b, par) - cdf_exp_down(a, par);
        else
            x = cdf_gauss(b, par) - cdf_gauss(a, par);
        p->v[k - p->lo] = x;
        sum += x;
    }
    for (long k = p->lo; k <= p->hi; k++) /* the cut tails go back in: the kernel keeps area 1 */
        p->v[k - p->lo] /= sum;
    return 0;
}

static int part_conv(const part *a, const part *b, part *out)
{
    out->lo = a->lo + b->lo;
    out->hi = a->hi + b->hi;
    if (out->hi - out->lo + 1 > MRI_MAX_BINS)
        return -2;
    out->v = calloc((size_t)(out->hi - out->lo + 1), sizeof(double));
    if (!out->v)
        return -1;
    for (long i = a->lo; i <= a->hi; i++)
        for (long j = b->lo; j <= b->hi; j++)
            out->v[i + j - out->lo] += a->v[i - a->lo] * b->v[j - b->lo];
    return 0;
}

static il_status check(const il_mri_params *p, double dz, il_error *err)
{
    if (!p)
        return il_error_set(err, IL_ERR_INVALID, "MRI: NULL parameters");
    if (!(p->w_nm >= 0) || !(p->sigma_nm >= 0) || !(p->lambda_nm >= 0) || !isfinite(p->w_nm) ||
        !isfinite(p->sigma_nm) || !isfinite(p->lambda_nm))
        return il_error_set(err, IL_ERR_INVALID,
                            "MRI parameters w = %g nm, sigma = %g nm, lambda = %g nm: each must "
                            "be finite and >= 0",
                            p->w_nm, p->sigma_nm, p->lambda_nm);
    if (!(dz > 0) || !isfinite(dz))
        return il_error_set(err, IL_ERR_INVALID, "MRI: depth step %g nm must be > 0", dz);
    return IL_OK;
}

il_status il_mri_kernel(const il_mri_params *p, double dz_nm, double *g, size_t *n, size_t *origin,
                        il_error *err)
{
    il_status st = check(p, dz_nm, err);
    if (st)
        return st;
    if (!n || !origin)
        return il_error_set(err, IL_ERR_INVALID, "il_mri_kernel: NULL argument");
    part w = {0}, l = {0}, s = {0}, wl = {0}, all = {0};
    int rc = part_make(&w, 0, p->w_nm, dz_nm);
    if (!rc)
        rc = part_make(&l, 1, p->lambda_nm, dz_nm);
    if (!rc)
        rc = part_make(&s, 2, p->sigma_nm, dz_nm);
    if (!rc)
        rc = part_conv(&w, &l, &wl);
    if (!rc)
        rc = part_conv(&wl, &s, &all);
    if (!rc) {
        size_t len = (size_t)(all.hi - all.lo + 1);
        if (g && len > *n)
            rc = -3;
        else {
            *n = len;
            *origin = (size_t)(-all.lo);
            if (g)
                memcpy(g, all.v, len * sizeof(double));
        }
    }
    free(w.v);
    free(l.v);
    free(s.v);
    free(wl.v);
    free(all.v);
    if (rc == -1)
        return il_error_set(err, IL_ERR_NOMEM, "MRI kernel: out of memory");
    if (rc == -2)
        return il_error_set(err, IL_ERR_RANGE,
                            "MRI kernel: more than %d bins of %g nm; use a coarser depth step",
                            MRI_MAX_BINS, dz_nm);
    if (rc == -3)
        return il_error_set(err, IL_ERR_RANGE, "MRI kernel: buffer of %zu values too small", *n);
    return IL_OK;
}

/* the kernel in a fresh buffer (*g NULL on failure) */
static il_status kernel_alloc(const il_mri_params *p, double dz, double **g, size_t *n,
                              size_t *origin, il_error *err)
{
    *g = NULL;
    il_status st = il_mri_kernel(p, dz, NULL, n, origin, err);
    if (st)
        return st;
    *g = malloc(*n * sizeof(double));
    if (!*g)
        return il_error_set(err, IL_ERR_NOMEM, "MRI kernel: out of memory");
    st = il_mri_kernel(p, dz, *g, n, origin, err);
    if (st) {
        free(*g);
        *g = NULL;
    }
    return st;
}

/* The true-depth index j = i - (k - origin) that kernel value k carries to measured index i;
 * depths outside the grid take the first or last value. */
static size_t source_index(size_t i, size_t k, size_t origin, size_t n)
{
    long j = (long)i - ((long)k - (long)origin);
    return j < 0 ? 0 : j >= (long)n ? n - 1 : (size_t)j;
}

il_status il_mri_matrix(const il_mri_params *p, double dz_nm, size_t n, double *R, il_error *err)
{
    if (!R || n == 0)
        return il_error_set(err, IL_ERR_INVALID, "il_mri_matrix: no matrix");
    double *g = NULL;
    size_t ng = 0, org = 0;
    il_status st = kernel_alloc(p, dz_nm, &g, &ng, &org, err);
    if (st)
        return st;
    memset(R, 0, n * n * sizeof(double));
    /* measured at i: sum over true depth j of c_j g(u = z_i - z_j), u index i - j + origin;
     * depths outside the grid take the first or last value, so their weight goes to j = 0 or
     * j = n - 1 */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < ng; k++)
            R[i * n + source_index(i, k, org, n)] += g[k];
    free(g);
    return IL_OK;
}

il_status il_mri_convolve(const il_mri_params *p, double dz_nm, const double *c, size_t n,
                          double *out, il_error *err)
{
    if (!c || !out || n == 0)
        return il_error_set(err, IL_ERR_INVALID, "il_mri_convolve: no profile");
    double *g = NULL;
    size_t ng = 0, org = 0;
    il_status st = kernel_alloc(p, dz_nm, &g, &ng, &org, err);
    if (st)
        return st;
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t k = 0; k < ng; k++)
            s += g[k] * c[source_index(i, k, org, n)];
        out[i] = s;
    }
    free(g);
    return IL_OK;
}
