/* The simulated spectrum: channels, calibration, contributions, and the binning of one slab's
 * counts (a box in detected energy convolved with a Gaussian) into channels, exactly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probes/iba/iba_spectrum_priv.h"

double il_iba_spectrum_energy_keV(const il_iba_spectrum *s, double x)
{
    return s->offset + s->gain * x + s->quad * x * x;
}

il_status il__iba_spectrum_new(const il_iba_options *o, il_iba_spectrum **out, il_error *err)
{
    il_iba_spectrum *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->n = o->channels;
    s->offset = o->cal_offset_keV;
    s->gain = o->cal_gain_keV;
    s->quad = o->cal_quad_keV;
    s->total = calloc(s->n, sizeof *s->total);
    s->edge = malloc((s->n + 1) * sizeof *s->edge);
    if (!s->total || !s->edge) {
        il_iba_spectrum_free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; k <= s->n; k++)
        s->edge[k] = il_iba_spectrum_energy_keV(s, (double)k - 0.5);
    *out = s;
    return IL_OK;
}

void il_iba_spectrum_free(il_iba_spectrum *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_parts; i++)
        free(s->data[i]);
    free(s->data);
    free(s->parts);
    free(s->total);
    free(s->edge);
    free(s->pileup);
    free(s);
}

il_status il__iba_spectrum_part(il_iba_spectrum *s, size_t layer, int Z, int A, int pZ, int pA,
                                double **counts, il_error *err)
{
    for (size_t i = 0; i < s->n_parts; i++) {
        il_iba_part *p = &s->parts[i];
        if (p->layer == layer && p->Z == Z && p->A == A && p->pZ == pZ && p->pA == pA) {
            *counts = s->data[i];
            return IL_OK;
        }
    }
    if (s->n_parts == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 16;
        il_iba_part *np = realloc(s->parts, nc * sizeof *np);
        if (!np)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        s->parts = np;
        double **nd = realloc(s->data, nc * sizeof *nd);
        if (!nd)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        s->data = nd;
        s->cap = nc;
    }
    double *c = calloc(s->n, sizeof *c);
    if (!c)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->data[s->n_parts] = c;
    s->parts[s->n_parts] = (il_iba_part){layer, Z, A, pZ, pA, c};
    s->n_parts++;
    *counts = c;
    return IL_OK;
}

size_t il_iba_spectrum_channels(const il_iba_spectrum *s)
{
    return s->n;
}

const double *il_iba_spectrum_total(const il_iba_spectrum *s)
{
    return s->total;
}

const double *il_iba_spectrum_pileup(const il_iba_spectrum *s)
{
    return s->pileup;
}

size_t il_iba_spectrum_n_parts(const il_iba_spectrum *s)
{
    return s->n_parts;
}

const il_iba_part *il_iba_spectrum_part(const il_iba_spectrum *s, size_t i)
{
    return i < s->n_parts ? &s->parts[i] : NULL;
}

void il_iba_spectrum_element(const il_iba_spectrum *s, int Z, double *sum)
{
    memset(sum, 0, s->n * sizeof *sum);
    for (size_t i = 0; i < s->n_parts; i++)
        if (Z == 0 || s->parts[i].Z == Z)
            for (size_t k = 0; k < s->n; k++)
                sum[k] += s->data[i][k];
}

/* psi(u) = u Phi(u/s) + s phi(u/s): the integral of the Gaussian CDF, so that the fraction of a
 * box [a, b] convolved with N(0, s^2) below x is (psi(x - a) - psi(x - b)) / (b - a). */
static double psi(double u, double s)
{
    if (s <= 0.0)
        return u > 0.0 ? u : 0.0;
    double z = u / s;
    return u * 0.5 * erfc(-z * 0.7071067811865476) + s * 0.3989422804014327 * exp(-0.5 * z * z);
}

static double below(double x, double a, double b, double s)
{
    if (b - a <= 1e-9 * (s + fabs(b))) {
        if (s <= 0.0)
            return x > a ? 1.0 : 0.0;
        return 0.5 * erfc(-(x - 0.5 * (a + b)) / (s * 1.4142135623730951));
    }
    return (psi(x - a, s) - psi(x - b, s)) / (b - a);
}

/* First edge index >= x (edges ascending). */
static size_t edge_at(const il_iba_spectrum *s, double x)
{
    size_t lo = 0, hi = s->n + 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->edge[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void il__iba_bin(il_iba_spectrum *s, double *part, double counts, double a, double b, double sd)
{
    if (!(counts > 0.0))
        return;
    if (a > b) {
        double c = a;
        a = b;
        b = c;
    }
    /* beyond 6 sd the Gaussian holds 1e-9 of the counts */
    double lo = a - 6.0 * sd, hi = b + 6.0 * sd;
    if (hi < s->edge[0] || lo > s->edge[s->n])
        return;
    size_t k0 = edge_at(s, lo);
    k0 = k0 > 0 ? k0 - 1 : 0;
    size_t k1 = edge_at(s, hi);
    if (k1 > s->n)
        k1 = s->n;
    double f0 = below(s->edge[k0], a, b, sd);
    for (size_t k = k0; k < k1; k++) {
        double f1 = below(s->edge[k + 1], a, b, sd);
        double c = counts * (f1 - f0);
        part[k] += c;
        s->total[k] += c;
        f0 = f1;
    }
}
