/* Tabulated cross sections and their exact averages over a slab's energy distribution
 * (interlayer/iba_sigma.h).
 *
 * The table is written as sigma(E) = c0 + sum_k d_k (E - E_k)_+ + sum_k h_k [E >= E_k]: the
 * outside value plus ramps that change the slope at each node and jumps (at the table's ends
 * and at a repeated energy). With the antiderivative P(E) and u ~ N(0, s^2):
 *   E_u[(m + u)_+^2] = (m^2 + s^2) Phi(m/s) + m s phi(m/s),
 * so E_u[P(x + u)] = P(x) + sum_k d_k/2 (E_u[(x - E_k + u)_+^2] - (x - E_k)_+^2) + the jumps'
 * like terms (prim_smeared). Ramps far
 * below x (m > 8 s) add d_k s^2 / 2 each: their sum is s^2/2 times the slope of sigma at x - 8 s;
 * ramps far above add nothing. The box mean is then (E[P(b+u)] - E[P(a+u)]) / (b - a). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/iba_sigma.h"

struct il_sigma_table {
    il_sigma_info info;
    size_t n;          /* distinct energies */
    double *U;         /* distinct energies, ascending */
    double *R;         /* value just above U[j] (start of segment j) */
    double *slope;     /* slope on [U[j], U[j+1]); 0 on the last */
    double *P;         /* antiderivative at U[j], P[0] = 0 */
    double *d, *h;     /* slope change (ramp) and jump at U[j] */
    size_t points;
};

#define FAR 8.0

static double outside_value(const il_sigma_table *t)
{
    return t->info.unit == IL_SIGMA_RATIO ? 1.0 : 0.0;
}

il_status il_sigma_table_new(const il_sigma_info *info, const double *E, const double *sg,
                             size_t n, il_sigma_table **out, il_error *err)
{
    *out = NULL;
    if (n < 2)
        return il_error_set(err, IL_ERR_INVALID, "cross-section table has %zu point(s); "
                            "expected at least 2", n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(E[i]) || !isfinite(sg[i]) || sg[i] < 0.0 || E[i] < 0.0)
            return il_error_set(err, IL_ERR_INVALID, "cross-section point %zu: E=%g keV, "
                                "sigma=%g: expected finite, non-negative values", i + 1, E[i],
                                sg[i]);
        if (i && E[i] < E[i - 1])
            return il_error_set(err, IL_ERR_INVALID, "cross-section point %zu: energy %g keV "
                                "below the previous %g keV; expected ascending energies", i + 1,
                                E[i], E[i - 1]);
    }
    if (!(E[n - 1] > E[0]))
        return il_error_set(err, IL_ERR_INVALID, "cross-section table spans no energy range");
    il_sigma_table *t = calloc(1, sizeof *t);
    double *L = malloc(n * sizeof *L);
    if (t) {
        t->U = malloc(n * sizeof *t->U);
        t->R = malloc(n * sizeof *t->R);
        t->slope = malloc(n * sizeof *t->slope);
        t->P = malloc(n * sizeof *t->P);
        t->d = malloc(n * sizeof *t->d);
        t->h = malloc(n * sizeof *t->h);
    }
    if (!t || !L || !t->U || !t->R || !t->slope || !t->P || !t->d || !t->h) {
        free(L);
        il_sigma_table_free(t);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    t->info = *info;
    t->points = n;
    /* distinct energies; a repeated energy is a step from its first to its last value */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && E[i] == t->U[m - 1]) {
            t->R[m - 1] = sg[i];
            continue;
        }
        t->U[m] = E[i];
        L[m] = sg[i];
        t->R[m] = sg[i];
        m++;
    }
    t->n = m;
    double o = outside_value(t);
    double prev = 0.0;
    t->P[0] = 0.0;
    for (size_t j = 0; j < m; j++) {
        t->slope[j] = j + 1 < m ? (L[j + 1] - t->R[j]) / (t->U[j + 1] - t->U[j]) : 0.0;
        t->d[j] = t->slope[j] - prev;
        prev = t->slope[j];
        if (j == 0)
            t->h[j] = t->R[0] - o;
        else if (j + 1 == m)
            t->h[j] = o - L[j];
        else
            t->h[j] = t->R[j] - L[j];
        if (j + 1 < m)
            t->P[j + 1] = t->P[j] + 0.5 * (t->R[j] + L[j + 1]) * (t->U[j + 1] - t->U[j]);
    }
    t->R[m - 1] = o; /* above the last energy: the outside value */
    free(L);
    *out = t;
    return IL_OK;
}

void il_sigma_table_free(il_sigma_table *t)
{
    if (!t)
        return;
    free(t->U);
    free(t->R);
    free(t->slope);
    free(t->P);
    free(t->d);
    free(t->h);
    free(t);
}

const il_sigma_info *il_sigma_table_info(const il_sigma_table *t)
{
    return &t->info;
}

size_t il_sigma_table_count(const il_sigma_table *t)
{
    return t->points;
}

void il_sigma_table_range(const il_sigma_table *t, double *lo, double *hi)
{
    *lo = t->U[0];
    *hi = t->U[t->n - 1];
}

/* Index of the last distinct energy <= x, or (size_t)-1 below the first. */
static size_t seg(const il_sigma_table *t, double x)
{
    if (!(x >= t->U[0]))
        return (size_t)-1;
    size_t lo = 0, hi = t->n - 1;
    if (x >= t->U[hi])
        return hi;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->U[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

double il_sigma_table_eval(const il_sigma_table *t, double x)
{
    size_t j = seg(t, x);
    if (j == (size_t)-1)
        return outside_value(t);
    return t->R[j] + t->slope[j] * (x - t->U[j]);
}

/* Antiderivative from U[0] (the outside value below it). */
static double prim(const il_sigma_table *t, double x)
{
    size_t j = seg(t, x);
    if (j == (size_t)-1)
        return outside_value(t) * (x - t->U[0]);
    double hx = x - t->U[j];
    return t->P[j] + hx * (t->R[j] + 0.5 * t->slope[j] * hx);
}

static double slope_at(const il_sigma_table *t, double x)
{
    size_t j = seg(t, x);
    return j == (size_t)-1 ? 0.0 : t->slope[j];
}

static double Phi(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

static double phi(double z)
{
    return exp(-0.5 * z * z) / sqrt(2.0 * 3.14159265358979323846);
}

/* First distinct energy above x - FAR s (the ones below act only through the slope). */
static size_t first_near(const il_sigma_table *t, double x, double s)
{
    size_t k = seg(t, x - FAR * s);
    return k == (size_t)-1 ? 0 : k + 1;
}

/* E_u[P(x + u)], u ~ N(0, s^2): ramps add d/2 (G2(m) - m_+^2), jumps h (G1(m) - m_+), with
 * G1 = m Phi + s phi = E[(m+u)_+], G2 = (m^2 + s^2) Phi + m s phi = E[(m+u)_+^2]. */
static double prim_smeared(const il_sigma_table *t, double x, double s)
{
    double p = prim(t, x);
    if (!(s > 0.0))
        return p;
    p += 0.5 * s * s * slope_at(t, x - FAR * s);
    for (size_t k = first_near(t, x, s); k < t->n && t->U[k] <= x + FAR * s; k++) {
        double m = x - t->U[k], z = m / s, mp = m > 0.0 ? m : 0.0;
        double P1 = Phi(z), p1 = phi(z);
        p += 0.5 * t->d[k] * ((m * m + s * s) * P1 + m * s * p1 - mp * mp);
        p += t->h[k] * (m * P1 + s * p1 - mp);
    }
    return p;
}

/* E_u[sigma(x + u)]: ramps add d (G1(m) - m_+), jumps h (Phi(m/s) - [m > 0]). */
static double value_smeared(const il_sigma_table *t, double x, double s)
{
    double v = il_sigma_table_eval(t, x);
    if (!(s > 0.0))
        return v;
    for (size_t k = first_near(t, x, s); k < t->n && t->U[k] <= x + FAR * s; k++) {
        double m = x - t->U[k], z = m / s;
        double P1 = Phi(z);
        v += t->d[k] * (m * P1 + s * phi(z) - (m > 0.0 ? m : 0.0));
        v += t->h[k] * (P1 - (m >= 0.0 ? 1.0 : 0.0));
    }
    return v;
}

double il_sigma_table_mean(const il_sigma_table *t, double a, double b, double s)
{
    if (a > b) {
        double c = a;
        a = b;
        b = c;
    }
    if (b - a < 1e-9 * fmax(1.0, b))
        return value_smeared(t, 0.5 * (a + b), s);
    return (prim_smeared(t, b, s) - prim_smeared(t, a, s)) / (b - a);
}
