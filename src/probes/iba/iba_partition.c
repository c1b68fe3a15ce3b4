/* Sublayers of a layer with concentration profiles: placed by a cumulative measure (energy loss
 * plus concentration change), so they crowd where a profile is steep and stay wide where it is
 * flat.
 *
 * Why: a sublayer spreads its counts evenly between the detected energies of its top and
 * bottom with the sublayer's mean composition, so a step in a profile (an interlayer's Li, a
 * diffusion front) inside a sublayer is smeared over that sublayer's energy width. Equal
 * sublayers small enough for the steepest spot would be wasted everywhere else.
 *
 * The measure of depth interval j on a grid of IBA_PART_GRID points is n_E / GRID (the equal
 * share of the n_E sublayers the energy loss needs) + sum_i |delta f_i| / IBA_PART_DF, f_i the
 * atom fraction of isotope i relative to its largest value in the layer: no sublayer spans more
 * than about IBA_PART_DF (2 %) of the full swing of any isotope's fraction. Boundaries are the measure's quantiles, linear inside grid intervals, so they move
 * continuously with the thickness (a fit's finite differences need that). */
#include <math.h>

#include "interlayer/composition.h"
#include "probes/iba/iba_priv.h"

#define IBA_PART_DF 0.02

/* Atom fractions at depth z_nm into f[] (matched to the order il_layer_isotopes_at gives). */
static size_t fractions(const il_layer *l, double z_nm, double *f, int *key, size_t max)
{
    il_layer_isotope li[IL_FORMULA_ISOTOPES_MAX];
    size_t n = il_layer_isotopes_at(l, z_nm, z_nm, li, IL_FORMULA_ISOTOPES_MAX);
    double tot = 0.0;
    for (size_t i = 0; i < n; i++)
        tot += li[i].atoms_cm3;
    size_t m = 0;
    for (size_t i = 0; i < n && m < max; i++, m++) {
        f[m] = tot > 0.0 ? li[i].atoms_cm3 / tot : 0.0;
        key[m] = li[i].Z * 1000 + li[i].A;
    }
    return m;
}

/* Largest fraction of each isotope over the grid (keys in k[], values in m[]); the count. */
static size_t maxima(const il_layer *l, double thick_nm, int *k, double *m, size_t max)
{
    size_t n = 0;
    double f[IL_FORMULA_ISOTOPES_MAX];
    int key[IL_FORMULA_ISOTOPES_MAX];
    for (size_t j = 0; j <= IBA_PART_GRID; j++) {
        size_t nf = fractions(l, thick_nm * (double)j / IBA_PART_GRID, f, key,
                              IL_FORMULA_ISOTOPES_MAX);
        for (size_t i = 0; i < nf; i++) {
            size_t a = 0;
            while (a < n && k[a] != key[i])
                a++;
            if (a == n && n < max) {
                k[n] = key[i];
                m[n++] = 0.0;
            }
            if (a < n && f[i] > m[a])
                m[a] = f[i];
        }
    }
    return n;
}

static double scale_of(const int *k, const double *m, size_t n, int key)
{
    for (size_t a = 0; a < n; a++)
        if (k[a] == key)
            return m[a] > 0.0 ? m[a] : 1.0;
    return 1.0;
}

size_t il__iba_partition(const il_layer *l, double thick_tfu, double n_energy, double *C)
{
    const size_t G = IBA_PART_GRID;
    double fa[IL_FORMULA_ISOTOPES_MAX], fb[IL_FORMULA_ISOTOPES_MAX], mx[IL_FORMULA_ISOTOPES_MAX];
    int ka[IL_FORMULA_ISOTOPES_MAX], kb[IL_FORMULA_ISOTOPES_MAX], km[IL_FORMULA_ISOTOPES_MAX];
    double thick_nm = il_tfu_to_nm(thick_tfu, l->atoms_cm3);
    size_t nm = maxima(l, thick_nm, km, mx, IL_FORMULA_ISOTOPES_MAX);
    size_t na = fractions(l, 0.0, fa, ka, IL_FORMULA_ISOTOPES_MAX);
    C[0] = 0.0;
    for (size_t j = 1; j <= G; j++) {
        size_t nb = fractions(l, thick_nm * (double)j / (double)G, fb, kb,
                              IL_FORMULA_ISOTOPES_MAX);
        /* variation between neighbours relative to each isotope's largest fraction (a 1 %
         * interlayer of Li counts as much as a 50 % one); an isotope present on one side
         * only counts its whole fraction */
        double tv = 0.0;
        for (size_t b = 0; b < nb; b++) {
            double prev = 0.0;
            for (size_t a = 0; a < na; a++)
                if (ka[a] == kb[b])
                    prev = fa[a];
            tv += fabs(fb[b] - prev) / scale_of(km, mx, nm, kb[b]);
        }
        for (size_t a = 0; a < na; a++) {
            int seen = 0;
            for (size_t b = 0; b < nb; b++)
                seen |= ka[a] == kb[b];
            if (!seen)
                tv += fa[a] / scale_of(km, mx, nm, ka[a]);
        }
        C[j] = C[j - 1] + n_energy / (double)G + tv / IBA_PART_DF;
        for (size_t b = 0; b < nb; b++) {
            fa[b] = fb[b];
            ka[b] = kb[b];
        }
        na = nb;
    }
    double n = ceil(C[G] - 1e-9);
    return (size_t)fmin(fmax(n, 1.0), 1e5);
}

double il__iba_partition_at(const double *C, size_t n, size_t k, double thick_tfu)
{
    const size_t G = IBA_PART_GRID;
    if (k >= n)
        return thick_tfu;
    double t = C[G] * (double)k / (double)n;
    size_t lo = 0, hi = G; /* C[lo] <= t < C[hi] */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (C[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    double w = C[hi] - C[lo];
    double u = w > 0.0 ? (t - C[lo]) / w : 0.0;
    return thick_tfu * ((double)lo + u) / (double)G;
}
