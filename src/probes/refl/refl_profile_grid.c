/* Where to draw an SLD profile, and R·Q⁴: presentation choices that every program showing a
 * slab model needs the same way. */
#include <math.h>

#include "interlayer/refl.h"

il_status il_refl_profile_grid(const il_refl_slab *s, size_t n, size_t npts, double *z,
                               il_error *err)
{
    if (!s || n < 2 || npts < 2 || !z)
        return il_error_set(err, IL_ERR_INVALID,
                            "profile grid: need at least 2 slabs and 2 points");
    double total = 0.0, smax = 0.0;
    for (size_t j = 1; j + 1 < n; j++)
        total += s[j].thickness_A;
    for (size_t j = 1; j < n; j++)
        smax = s[j].roughness_A > smax ? s[j].roughness_A : smax;
    double margin = 4.0 * smax + 0.05 * total + 10.0;
    for (size_t k = 0; k < npts; k++)
        z[k] = -margin + (total + 2.0 * margin) * (double)k / (double)(npts - 1);
    return IL_OK;
}

void il_refl_times_q4(const double *q, const double *y, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = y[i] * pow(q[i], 4);
}
