/* Resolution windows at layer breaks (see ndp_window.h). Why half the excess: the data put the
 * excess somewhere within +-w of the break but cannot tell the side; an estimate that splits it
 * is off by at most half of it when the truth is all on one side, so half the excess as one
 * sigma covers that worst case at 1 sigma. */
#include "fit/ndp/ndp_window.h"

#include <math.h>

#include "probes/ndp/ndp_model_priv.h"

double il__ndp_resolution_at(const il_ndp_model *m, double z)
{
    double best = NAN;
    for (size_t p = 0; p < m->np; p++) {
        if (m->part[p].target_Z != 3)
            continue;
        double w;
        if (il_ndp_depth_resolution(m, p, &z, 1, &w, NULL, NULL) == IL_OK && isfinite(w) &&
            !(w >= best))
            best = w;
    }
    return best;
}

/* Mean of layer l's slices whose centre is at distance [d0, d1) from z_b. */
static double level(const il_ndp_model *m, const double *conc, size_t l, double z_b, double d0,
                    double d1, int *found)
{
    double sum = 0, width = 0;
    for (size_t s = 0; s < m->ns; s++) {
        if (m->slice_layer[s] != l)
            continue;
        double d = fabs(0.5 * (m->edge[s] + m->edge[s + 1]) - z_b), h = m->edge[s + 1] - m->edge[s];
        if (d >= d0 && d < d1)
            sum += conc[s] * h, width += h;
    }
    *found = width > 0;
    return width > 0 ? sum / width : 0;
}

static double layer_level(const il_ndp_model *m, const double *conc, size_t l, double z_b,
                          double w)
{
    int ok;
    double v = level(m, conc, l, z_b, w, 2 * w, &ok);
    if (!ok)
        v = level(m, conc, l, z_b, w, INFINITY, &ok);
    if (!ok)
        v = level(m, conc, l, z_b, 0, w, &ok);
    return v;
}

double il__ndp_window_excess(const il_ndp_model *m, const double *conc, double z_b, double w,
                             size_t up, size_t dn, double *inside)
{
    double cu = layer_level(m, conc, up, z_b, w), cd = layer_level(m, conc, dn, z_b, w);
    double ex = 0, all = 0;
    for (size_t s = 0; s < m->ns; s++) {
        double a = fmax(m->edge[s], z_b - w), b = fmin(m->edge[s + 1], z_b + w);
        if (b <= a)
            continue;
        size_t l = m->slice_layer[s];
        double base = l == up ? cu : l == dn ? cd : conc[s];
        ex += (conc[s] - base) * (b - a) * 1e-7;
        all += conc[s] * (b - a) * 1e-7;
    }
    if (inside)
        *inside = all;
    return ex;
}

void il__ndp_spill(const il_ndp_model *m, const double *conc, double *spill)
{
    for (size_t l = 0; l < m->nl; l++)
        spill[l] = 0;
    for (size_t s = 1; s < m->ns; s++) {
        size_t up = m->slice_layer[s - 1], dn = m->slice_layer[s];
        if (up == dn)
            continue;
        double z_b = m->edge[s], w = il__ndp_resolution_at(m, z_b);
        if (!isfinite(w))
            continue;
        double h = 0.5 * fabs(il__ndp_window_excess(m, conc, z_b, w, up, dn, NULL));
        spill[up] = hypot(spill[up], h);
        spill[dn] = hypot(spill[dn], h);
    }
}
