/* The depth grid of a depth-energy table and the table itself: where to evaluate the exit
 * energy of a particle born in a layered target so that the curve is smooth and its steps at
 * interfaces are sharp. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/stopping.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The deepest point worth tabulating: the finite layers' thickness, plus the particle's range
 * in an infinite last layer (from deeper than that nothing leaves). Summed from the surface
 * down, like the interface depths, so the two agree to the last bit. */
static double default_max_depth(const il_slab *layers, size_t n, double E0_keV)
{
    double t = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(layers[i].thickness_nm))
            t += layers[i].thickness_nm;
    if (n && !isfinite(layers[n - 1].thickness_nm)) {
        double r_nm;
        il_path_segment seg = {layers[n - 1].stopping, layers[n - 1].atoms_cm3, INFINITY};
        if (il_path_range_nm(&seg, 1, E0_keV, &r_nm, NULL) == IL_OK && isfinite(r_nm))
            t += r_nm;
    }
    return t;
}

il_status il_depth_energy_grid(const il_slab *layers, size_t n, double E0_keV, size_t npoints,
                               double max_depth_nm, double **depth_nm, size_t *m, il_error *err)
{
    if (!layers || !n || !depth_nm || !m)
        return il_error_set(err, IL_ERR_INVALID, "depth grid: no layers");
    if (npoints < 2)
        return il_error_set(err, IL_ERR_INVALID, "depth grid: %zu points, need at least 2",
                            npoints);
    double max_nm = max_depth_nm > 0 ? max_depth_nm : default_max_depth(layers, n, E0_keV);
    double *d = malloc((npoints + 2 * n) * sizeof *d);
    if (!d)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < npoints; i++)
        d[k++] = max_nm * (double)i / (double)(npoints - 1);
    double top = 0;
    for (size_t i = 1; i < n; i++) {
        top += layers[i - 1].thickness_nm;
        if (top < max_nm) {
            d[k++] = nextafter(top, 0);
            d[k++] = top;
        }
    }
    qsort(d, k, sizeof *d, cmp_double);
    *depth_nm = d;
    *m = k;
    return IL_OK;
}

il_status il_depth_energy_sweep(const il_slab *layers, size_t n, double E0_keV, double theta_deg,
                                size_t npoints, double max_depth_nm, il_depth_energy_table *out,
                                il_error *err)
{
    if (!out)
        return il_error_set(err, IL_ERR_INVALID, "depth-energy sweep: no output");
    *out = (il_depth_energy_table){0};
    double *depth = NULL;
    size_t m = 0;
    il_status st = il_depth_energy_grid(layers, n, E0_keV, npoints, max_depth_nm, &depth, &m, err);
    if (st)
        return st;
    il_beam *exitb = malloc(m * sizeof *exitb);
    if (!exitb) {
        free(depth);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    st = il_depth_energy_curve(layers, n, E0_keV, theta_deg, depth, m, exitb, err);
    if (st) {
        free(depth);
        free(exitb);
        return st;
    }
    size_t keep = m;
    for (size_t k = 0; k < m; k++)
        if (exitb[k].E_keV <= 0) {
            keep = k + 1;
            break;
        }
    *out = (il_depth_energy_table){keep, depth, exitb};
    return IL_OK;
}

void il_depth_energy_table_clear(il_depth_energy_table *t)
{
    if (!t)
        return;
    free(t->depth_nm);
    free(t->exit);
    *t = (il_depth_energy_table){0};
}
