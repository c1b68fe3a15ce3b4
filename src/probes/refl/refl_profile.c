/* SLD profile of a slab model with error-function interfaces, and its slicing into sharp
 * microslabs with a guaranteed bound on the staircase error (see refl.h for the bound). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

#include "probes/refl/refl_kernel.h"

#define MAX_SLICES 1000000

#define SQRT3 1.73205080756887729353

/* Fraction of the step completed at z: the normal CDF, or a linear ramp of full width √12 σ
 * (the width of a uniform distribution of rms σ). */
static double step(double z, double zj, double sigma, il_refl_shape shape)
{
    if (!(sigma > 0.0))
        return z > zj ? 1.0 : z < zj ? 0.0 : 0.5;
    if (shape == IL_REFL_SHAPE_LINEAR) {
        double t = (z - zj) / (2.0 * SQRT3 * sigma) + 0.5;
        return t <= 0.0 ? 0.0 : t >= 1.0 ? 1.0 : t;
    }
    return 0.5 * erfc(-(z - zj) / (sigma * 1.41421356237309504880));
}

/* Profile at one depth given precomputed interface depths. */
static void profile_at(const il_refl_slab *s, size_t n, const double *zi, il_refl_shape shape,
                       double z, double *re, double *im)
{
    double r = s[0].sld_re_1e6, i = s[0].sld_im_1e6;
    for (size_t j = 1; j < n; j++) {
        double f = step(z, zi[j], s[j].roughness_A, shape);
        r += (s[j].sld_re_1e6 - s[j - 1].sld_re_1e6) * f;
        i += (s[j].sld_im_1e6 - s[j - 1].sld_im_1e6) * f;
    }
    *re = r;
    *im = i;
}

static il_status interface_depths(const il_refl_slab *s, size_t n, double **zi, il_error *err)
{
    *zi = malloc(n * sizeof **zi);
    if (!*zi)
        return il_error_set(err, IL_ERR_NOMEM, "SLD profile: out of memory");
    (*zi)[0] = 0.0;
    for (size_t j = 1; j < n; j++)
        (*zi)[j] = j == 1 ? 0.0 : (*zi)[j - 1] + s[j - 1].thickness_A;
    return IL_OK;
}

il_status il_refl_profile(const il_refl_slab *slabs, size_t nslabs, const double *z_A, size_t nz,
                          double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    return il_refl_profile_shape(slabs, nslabs, IL_REFL_SHAPE_ERF, z_A, nz, sld_re_1e6,
                                 sld_im_1e6, err);
}

il_status il_refl_profile_shape(const il_refl_slab *slabs, size_t nslabs, il_refl_shape shape,
                                const double *z_A, size_t nz, double *sld_re_1e6,
                                double *sld_im_1e6, il_error *err)
{
    il_status st = il_refl_check_args(slabs, nslabs, z_A, z_A, nz, err);
    double *zi;
    if (st || (st = interface_depths(slabs, nslabs, &zi, err)))
        return st;
    for (size_t k = 0; k < nz; k++) {
        double re, im;
        profile_at(slabs, nslabs, zi, shape, z_A[k], &re, &im);
        if (sld_re_1e6)
            sld_re_1e6[k] = re;
        if (sld_im_1e6)
            sld_im_1e6[k] = im;
    }
    free(zi);
    return IL_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

il_status il_refl_slice(const il_refl_slab *slabs, size_t nslabs, double max_dev_1e6,
                        il_refl_slab **out, size_t *nout, double *top_A, il_error *err)
{
    return il_refl_slice_shape(slabs, nslabs, IL_REFL_SHAPE_ERF, max_dev_1e6, out, nout, top_A,
                               err);
}

il_status il_refl_slice_shape(const il_refl_slab *slabs, size_t nslabs, il_refl_shape shape,
                              double max_dev_1e6, il_refl_slab **out, size_t *nout,
                              double *top_A, il_error *err)
{
    il_status st = il_refl_check_args(slabs, nslabs, slabs, slabs, 0, err);
    if (st)
        return st;
    if (!(max_dev_1e6 > 0.0) || !isfinite(max_dev_1e6))
        return il_error_set(err, IL_ERR_INVALID, "slicing: tolerance %g must be > 0", max_dev_1e6);
    double *zi;
    if ((st = interface_depths(slabs, nslabs, &zi, err)))
        return st;
    /* The total graded contrast, real and imaginary parts apart, sets the window half-width K σ. */
    double tot_re = 0.0, tot_im = 0.0;
    const double inv_sqrt_2pi = 0.39894228040143267794;
    for (size_t j = 1; j < nslabs; j++) {
        double sg = slabs[j].roughness_A;
        if (sg <= 0.0)
            continue;
        double dre = fabs(slabs[j].sld_re_1e6 - slabs[j - 1].sld_re_1e6);
        double dim = fabs(slabs[j].sld_im_1e6 - slabs[j - 1].sld_im_1e6);
        tot_re += dre;
        tot_im += dim;
    }
    double tot = fmax(tot_re, tot_im);
    double K = 0.0;
    if (shape == IL_REFL_SHAPE_LINEAR) {
        K = SQRT3; /* the ramp ends at ±√3 σ: no tails */
    } else if (tot > 0.0) {
        double p = 0.5 * max_dev_1e6 / tot;
        K = p < 0.5 ? gsl_cdf_ugaussian_Qinv(p) : 0.0;
    }
    /* Cut points: sharp interfaces and the ends of every graded window [z_j - Kσ, z_j + Kσ]. */
    size_t ncut = 0;
    double *cut = malloc(2 * nslabs * sizeof *cut);
    if (!cut) {
        free(zi);
        return il_error_set(err, IL_ERR_NOMEM, "slicing: out of memory");
    }
    for (size_t j = 1; j < nslabs; j++) {
        double sg = slabs[j].roughness_A;
        if (sg > 0.0) {
            cut[ncut++] = zi[j] - K * sg;
            cut[ncut++] = zi[j] + K * sg;
        } else {
            cut[ncut++] = zi[j];
        }
    }
    qsort(cut, ncut, sizeof *cut, cmp_double);
    /* Count the slices: a segment inside some graded window is cut to width <= h, others are
     * flat to within the tails and take one slab. */
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            *out = malloc((total + 2) * sizeof **out);
            if (!*out) {
                free(zi);
                free(cut);
                return il_error_set(err, IL_ERR_NOMEM, "slicing: out of memory for %zu slabs",
                                    total + 2);
            }
            (*out)[0] = slabs[0];
            total = 0;
        }
        for (size_t c = 0; c + 1 < ncut; c++) {
            double a = cut[c], b = cut[c + 1], mid = 0.5 * (a + b);
            if (!(b > a))
                continue;
            /* Slope bound for this segment: full density peak for the interfaces whose window
             * holds it, the density at K σ for the others (their tails). */
            int graded = 0;
            double sre = 0.0, sim = 0.0;
            /* peak slope per unit step: φ(0)/σ (erf) or 1/(√12 σ) (ramp); tails: φ(K)/σ or 0 */
            const double tail = shape == IL_REFL_SHAPE_LINEAR ? 0.0 : exp(-0.5 * K * K);
            const double peak = shape == IL_REFL_SHAPE_LINEAR ? 1.0 / (2.0 * SQRT3) : inv_sqrt_2pi;
            for (size_t j = 1; j < nslabs; j++) {
                double sg = slabs[j].roughness_A;
                if (!(sg > 0.0))
                    continue;
                int in = mid > zi[j] - K * sg && mid < zi[j] + K * sg;
                double f = (in ? peak : inv_sqrt_2pi * tail) / sg;
                graded |= in;
                sre += fabs(slabs[j].sld_re_1e6 - slabs[j - 1].sld_re_1e6) * f;
                sim += fabs(slabs[j].sld_im_1e6 - slabs[j - 1].sld_im_1e6) * f;
            }
            /* (1 - 1e-6): a ramp meets the bound exactly, keep rounding on the safe side */
            double hs = 2.0 * (1.0 - 1e-6) * max_dev_1e6 / fmax(sre, sim);
            size_t m = graded ? (size_t)ceil((b - a) / hs) : 1;
            if (m == 0)
                m = 1;
            if (pass == 0) {
                total += m;
                if (total > MAX_SLICES) {
                    free(zi);
                    free(cut);
                    return il_error_set(err, IL_ERR_RANGE,
                                        "slicing to %g would need more than %d slabs",
                                        max_dev_1e6, MAX_SLICES);
                }
                continue;
            }
            double w = (b - a) / (double)m;
            for (size_t k = 0; k < m; k++) {
                il_refl_slab *o = &(*out)[1 + total++];
                double re, im;
                profile_at(slabs, nslabs, zi, shape, a + (k + 0.5) * w, &re, &im);
                *o = (il_refl_slab){w, re, im, 0.0};
            }
        }
    }
    (*out)[1 + total] = slabs[nslabs - 1];
    (*out)[1 + total].roughness_A = 0.0;
    *nout = total + 2;
    if (top_A)
        *top_A = ncut ? cut[0] : 0.0;
    free(zi);
    free(cut);
    return IL_OK;
}
