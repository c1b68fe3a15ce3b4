/* A depth profile of one element given as points (piecewise linear, or steps), turned into the
 * model's per-slice concentrations (the average over each slice, by 16-point sampling). Inside
 * [first depth, last depth] (steps: from the first depth to the bottom) the points replace the
 * stack's own concentration; outside it the stack's value stays. */
#include <math.h>

#include "probes/ndp/ndp_model_priv.h"

static double value_at(il_ndp_points_kind kind, const double *z, const double *c, size_t n,
                       double d)
{
    size_t k = 0;
    while (k + 1 < n && z[k + 1] <= d)
        k++;
    if (kind == IL_NDP_POINTS_STEPS || k + 1 >= n || z[k + 1] == z[k])
        return c[k];
    double t = (d - z[k]) / (z[k + 1] - z[k]);
    return c[k] + t * (c[k + 1] - c[k]);
}

il_status il_ndp_points_to_slices(const il_ndp_model *m, int Z, il_ndp_points_kind kind,
                                  const double *depth_nm, const double *conc, size_t n,
                                  double *out, il_error *err)
{
    if (n < 1)
        return il_error_set(err, IL_ERR_INVALID, "a depth profile needs at least one point");
    for (size_t k = 0; k < n; k++) {
        if (!isfinite(depth_nm[k]) || !isfinite(conc[k]) || conc[k] < 0)
            return il_error_set(err, IL_ERR_INVALID,
                                "profile point %zu: depth %g nm, concentration %g: need finite "
                                "values and a concentration >= 0",
                                k + 1, depth_nm[k], conc[k]);
        if (k > 0 && depth_nm[k] < depth_nm[k - 1])
            return il_error_set(err, IL_ERR_INVALID,
                                "profile point %zu: depth %g nm is above the previous point (%g "
                                "nm); depths must not decrease",
                                k + 1, depth_nm[k], depth_nm[k - 1]);
    }
    il_ndp_model_concentration(m, Z, out);
    double z0 = depth_nm[0], z1 = depth_nm[n - 1];
    if (kind == IL_NDP_POINTS_STEPS)
        z1 = INFINITY; /* the last step holds down to the bottom of the model */
    for (size_t s = 0; s < m->ns; s++) {
        double a = m->edge[s], b = m->edge[s + 1], acc = 0;
        int inside = 0;
        for (int q = 0; q < 16; q++) {
            double d = a + (b - a) * (q + 0.5) / 16;
            if (d >= z0 && d <= z1) {
                acc += value_at(kind, depth_nm, conc, n, d);
                inside++;
            } else {
                acc += out[s];
            }
        }
        if (inside)
            out[s] = acc / 16;
    }
    return IL_OK;
}
