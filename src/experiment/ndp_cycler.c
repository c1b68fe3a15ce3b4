/* What a cycler record says between two times: the charge passed and the cell voltage. The
 * record itself is read in io (ndp_cycler_csv.c); the arithmetic lives with the series that
 * needs it, so no probe calls into io. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/ndp_series.h"

void il_ndp_cycler_free(il_ndp_cycler *c)
{
    if (!c)
        return;
    free(c->time_s);
    free(c->voltage_V);
    free(c->current_A);
    free(c);
}

double il_ndp_cycler_charge_C(const il_ndp_cycler *c, double t0, double t1)
{
    double sign = 1;
    if (t1 < t0) {
        double t = t0;
        t0 = t1, t1 = t, sign = -1;
    }
    double q = 0;
    for (size_t i = 0; i + 1 < c->n; i++) {
        double a = c->time_s[i], b = c->time_s[i + 1];
        if (b <= a)
            continue;
        double lo = fmax(a, t0), hi = fmin(b, t1);
        if (hi <= lo)
            continue;
        /* Exact integral of the linear interpolant over [lo, hi]. */
        double ia = c->current_A[i], ib = c->current_A[i + 1];
        double il = ia + (ib - ia) * (lo - a) / (b - a), ih = ia + (ib - ia) * (hi - a) / (b - a);
        q += 0.5 * (il + ih) * (hi - lo);
    }
    return sign * q;
}

double il_ndp_cycler_voltage_V(const il_ndp_cycler *c, double t)
{
    if (c->n == 0)
        return NAN;
    if (t <= c->time_s[0])
        return c->voltage_V[0];
    for (size_t i = 0; i + 1 < c->n; i++)
        if (t <= c->time_s[i + 1]) {
            double a = c->time_s[i], b = c->time_s[i + 1];
            if (b <= a)
                return c->voltage_V[i + 1];
            return c->voltage_V[i] + (c->voltage_V[i + 1] - c->voltage_V[i]) * (t - a) / (b - a);
        }
    return c->voltage_V[c->n - 1];
}
