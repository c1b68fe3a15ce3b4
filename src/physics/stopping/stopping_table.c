/* The fast evaluator: stopping, CSDA range and straggling integrals of one ion in one target,
 * tabulated on a log-spaced energy grid.
 *
 * Grid: E_i = E_lo exp(i h), E_lo = 10 eV, 256 nodes per decade up to the table top.
 * S between nodes: linear in ln E (one log per evaluation, no exp); below E_lo proportional
 * to sqrt(E) (velocity-proportional). Measured interpolation error vs direct evaluation:
 * tests/physics/test_stopping_fast.c.
 * R(E) = integral_0^E dE'/S (keV over keV/tfu = tfu): at nodes by 4-point Gauss-Legendre on each interval (in ln E),
 * between nodes cubic Hermite in ln E with the exact slope dR/dlnE = E/S at the nodes.
 * Q(E) = integral_{E_lo}^E W(E')/S(E')^3 dE' (W = dOmega^2/dx) the same way; it carries the
 * straggling through thick layers (docs/physics.md). */
#include <math.h>
#include <stdlib.h>

#include "physics/stopping/stopping_compound.h"
#include "physics/stopping/stopping_sweep.h"
#include "physics/stopping/stopping_table.h"

#define IL_TABLE_E_LO_KEV 0.01
#define IL_TABLE_PER_DECADE 256
/* The straggling rate is smooth (no table nodes in it that matter at 1e-3): computed on every
 * 8th node and interpolated linearly in ln E in between, which saves most of the build time. */
#define IL_W_STRIDE 8

static double lin(const il_stopping *s, const double *y, double E)
{
    double t = (log(E) - s->u0) * s->inv_h;
    if (!(t > 0.0)) /* also NaN: no undefined conversion below */
        return y[0];
    if (t >= (double)(s->n - 1))
        return y[s->n - 1];
    size_t i = (size_t)t;
    double f = t - (double)i;
    return y[i] + f * (y[i + 1] - y[i]);
}

double il_stopping_eval(const il_stopping *s, double E_keV)
{
    if (E_keV < s->E_lo)
        return s->S[0] * sqrt(E_keV > 0.0 ? E_keV / s->E_lo : 0.0);
    return lin(s, s->S, E_keV);
}

double il_stopping_eval_electronic(const il_stopping *s, double E_keV)
{
    if (E_keV < s->E_lo)
        return s->Se[0] * sqrt(E_keV > 0.0 ? E_keV / s->E_lo : 0.0);
    return lin(s, s->Se, E_keV);
}

double il_stopping_straggling_rate(const il_stopping *s, double E_keV)
{
    return lin(s, s->W, E_keV);
}

/* Cubic Hermite in u = ln E of a cumulative integral y with slope dy/du = d at the nodes. */
static double hermite(const il_stopping *s, const double *y, const double *d, size_t i, double f)
{
    double f2 = f * f, f3 = f2 * f;
    double h00 = 2 * f3 - 3 * f2 + 1, h10 = f3 - 2 * f2 + f, h01 = -2 * f3 + 3 * f2,
           h11 = f3 - f2;
    return h00 * y[i] + h10 * s->h * d[i] + h01 * y[i + 1] + h11 * s->h * d[i + 1];
}

static double hermite_slope(const il_stopping *s, const double *y, const double *d, size_t i,
                            double f)
{
    double f2 = f * f;
    return (6 * f2 - 6 * f) * y[i] / s->h + (3 * f2 - 4 * f + 1) * d[i] +
           (-6 * f2 + 6 * f) * y[i + 1] / s->h + (3 * f2 - 2 * f) * d[i + 1];
}

/* A cumulative quantity (R or Q) at E, E in [E_lo, E_top]. */
static double cumulative(const il_stopping *s, const double *y, const double *d, double E)
{
    double t = (log(E) - s->u0) * s->inv_h;
    if (!(t > 0.0))
        return y[0];
    if (t >= (double)(s->n - 1))
        return y[s->n - 1];
    size_t i = (size_t)t;
    return hermite(s, y, d, i, t - (double)i);
}

double il__range_tfu(const il_stopping *s, double E_keV)
{
    if (E_keV <= 0.0)
        return 0.0;
    if (E_keV < s->E_lo) /* S = S0 sqrt(E/E_lo) below: R = 2 sqrt(E E_lo) / S0 */
        return s->R[0] * sqrt(E_keV / s->E_lo);
    return cumulative(s, s->R, s->dR, E_keV);
}

double il__q(const il_stopping *s, double E_keV)
{
    if (E_keV < s->E_lo)
        return s->Q[0];
    return cumulative(s, s->Q, s->dQ, E_keV);
}

/* Inverse of the range: the energy whose CSDA range is R_tfu (0 for R <= 0). */
double il__energy_at_range(const il_stopping *s, double R_tfu)
{
    if (R_tfu <= 0.0)
        return 0.0;
    if (R_tfu < s->R[0])
        return s->E_lo * (R_tfu / s->R[0]) * (R_tfu / s->R[0]);
    if (R_tfu >= s->R[s->n - 1])
        return s->E_top;
    size_t lo = 0, hi = s->n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->R[mid] <= R_tfu)
            lo = mid;
        else
            hi = mid;
    }
    /* Newton on the monotone Hermite piece, starting from the linear guess */
    double f = (R_tfu - s->R[lo]) / (s->R[hi] - s->R[lo]);
    for (int it = 0; it < 8; it++) {
        double g = hermite(s, s->R, s->dR, lo, f) - R_tfu;
        double dg = hermite_slope(s, s->R, s->dR, lo, f) * s->h;
        double step = g / dg;
        f -= step;
        if (f < 0.0)
            f = 0.0;
        if (f > 1.0)
            f = 1.0;
        if (fabs(step) < 1e-13)
            break;
    }
    return exp(s->u0 + ((double)lo + f) * s->h);
}

static il_status range_check(const il_stopping *s, double E_keV, il_error *err)
{
    if (!(E_keV > 0.0 && E_keV <= s->E_top))
        return il_error_set(err, IL_ERR_RANGE,
                            "ion energy %g keV is outside the stopping table range (0, %g] keV",
                            E_keV, s->E_top);
    return IL_OK;
}

il_status il_stopping_at(const il_stopping *s, double E_keV, double *S_eV_tfu, il_error *err)
{
    il_status st = range_check(s, E_keV, err);
    if (st == IL_OK)
        *S_eV_tfu = il_stopping_eval(s, E_keV);
    return st;
}

il_status il_stopping_range_tfu(const il_stopping *s, double E_keV, double *range_tfu,
                                il_error *err)
{
    il_status st = range_check(s, E_keV, err);
    if (st == IL_OK)
        *range_tfu = il__range_tfu(s, E_keV);
    return st;
}

/* 4-point Gauss-Legendre on [0, 1] */
static const double gl_x[4] = {0.0694318442029737, 0.3300094782075719, 0.6699905217924281,
                               0.9305681557970263};
static const double gl_w[4] = {0.1739274225687269, 0.3260725774312731, 0.3260725774312731,
                               0.1739274225687269};

il_status il_stopping_new(il_ion ion, const il_stopping_target *target, il_stopping **out,
                          il_error *err)
{
    *out = NULL;
    il_compound c;
    il_status st = il__compound_init(&c, ion, target, err);
    if (st != IL_OK)
        return st;
    double data_top = il_stopping_emax_keV(ion);
    double top = target->emax_keV;
    if (top == 0.0)
        top = fmin(1e5, data_top);
    if (!(top > 1.0 && top <= data_top))
        return il_error_set(err, IL_ERR_RANGE,
                            "stopping table top %g keV must be in (1, %g] keV for this ion",
                            target->emax_keV, data_top);
    il_stopping *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory for a stopping table");
    s->ion = ion;
    s->nel = c.n;
    for (size_t i = 0; i < c.n; i++) {
        s->Z[i] = c.Z[i];
        s->frac[i] = c.frac[i];
        s->src[i] = c.user[i] ? IL_STOP_SRC_USER : il_stopping_element_source(ion, c.Z[i]);
    }
    s->E_lo = IL_TABLE_E_LO_KEV;
    s->E_top = top;
    double decades = log10(top / s->E_lo);
    s->n = (size_t)ceil(decades * IL_TABLE_PER_DECADE) + 1;
    s->u0 = log(s->E_lo);
    s->h = log(top / s->E_lo) / (double)(s->n - 1);
    s->inv_h = 1.0 / s->h;
    double *mem = malloc(8 * s->n * sizeof(double));
    if (!mem) {
        free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory for a stopping table");
    }
    s->S = mem;
    s->Se = mem + s->n;
    s->W = mem + 2 * s->n;
    s->R = mem + 3 * s->n;
    s->dR = mem + 4 * s->n;
    s->Q = mem + 5 * s->n;
    s->dQ = mem + 6 * s->n;
    double *E = mem + 7 * s->n;
    /* Sweep evaluators: the same numbers as il__compound_eval, much faster along the grid.
     * ev[0..n): the ion's reference; for He with Yang straggling also protons ev[n..2n) for
     * the effective-charge ratio. */
    int need_p = c.straggling == IL_STRAG_YANG && c.ref.Z1 == 2;
    il_sweep_el *ev = malloc((need_p ? 2 : 1) * c.n * sizeof *ev);
    if (!ev) {
        free(mem);
        free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory for a stopping table");
    }
    double nuc_pre[IL_Z_MAX], nuc_eps[IL_Z_MAX], g2[IL_Z_MAX];
    for (size_t k = 0; k < c.n; k++) {
        il__sweep_init(&ev[k], c.ref.Z1, c.Z[k]);
        if (need_p)
            il__sweep_init(&ev[c.n + k], 1, c.Z[k]);
        double M1 = c.ref.m_ion_u, M2 = c.mass_u[k], Z1 = c.ref.Z1, Z2 = c.Z[k];
        double zsum = pow(Z1, 0.23) + pow(Z2, 0.23);
        nuc_eps[k] = 32.53 * M2 / (Z1 * Z2 * (M1 + M2) * zsum);
        nuc_pre[k] = 8.462 * Z1 * Z2 * M1 / ((M1 + M2) * zsum);
    }
    for (size_t i = 0; i < s->n; i++) {
        E[i] = exp(s->u0 + (double)i * s->h);
        if (i == s->n - 1)
            E[i] = top; /* exact top despite rounding */
        double se = 0.0, sn = 0.0;
        for (size_t k = 0; k < c.n; k++) {
            double e = c.user[k] ? il__compound_element_se(&c, k, E[i], NULL)
                                 : il__sweep_se(&ev[k], E[i] * c.ref.to_ref);
            se += c.frac[k] * e;
            if (c.nuclear)
                sn += c.frac[k] * nuc_pre[k] * il__zbl_sn(nuc_eps[k] * E[i]);
        }
        s->Se[i] = c.factor * se;
        s->S[i] = s->Se[i] + sn;
        if (i % IL_W_STRIDE == 0 || i == s->n - 1) {
            if (need_p)
                for (size_t k = 0; k < c.n; k++) {
                    double Sp = il__sweep_se(&ev[c.n + k], E[i] * 1.007276467 / c.ref.m_ion_u);
                    double She = il__sweep_se(&ev[k], E[i] * c.ref.to_ref);
                    g2[k] = fmin(1.0, She / (4.0 * Sp));
                }
            s->W[i] = il__compound_straggling_rate_g(&c, E[i], need_p ? g2 : NULL);
        }
    }
    free(ev);
    for (size_t i = 0; i < s->n; i++) {
        if (i % IL_W_STRIDE != 0 && i != s->n - 1) {
            size_t a = i - i % IL_W_STRIDE, b = a + IL_W_STRIDE < s->n ? a + IL_W_STRIDE : s->n - 1;
            s->W[i] = s->W[a] + (s->W[b] - s->W[a]) * (double)(i - a) / (double)(b - a);
        }
        double Sk = s->S[i] * 1e-3; /* keV/tfu */
        s->dR[i] = E[i] / Sk;
        s->dQ[i] = E[i] * s->W[i] / (Sk * Sk * Sk);
    }
    /* R(E_lo): the part below 10 eV matters at 1e-4 for ranges of ~100 keV (nuclear stopping
     * there is not velocity-proportional), so it is integrated from the direct stopping over
     * 1e-4 E_lo .. E_lo (8 x 4-point Gauss-Legendre in ln E), plus a sqrt(E) tail below. */
    {
        double a = log(s->E_lo * 1e-4), step = (s->u0 - a) / 8.0, r = 0.0;
        double se, sn;
        il__compound_eval(&c, s->E_lo * 1e-4, &se, &sn);
        r = 2.0 * s->E_lo * 1e-4 / ((se + sn) * 1e-3);
        for (int seg = 0; seg < 8; seg++)
            for (int k = 0; k < 4; k++) {
                double Ek = exp(a + (seg + gl_x[k]) * step);
                il__compound_eval(&c, Ek, &se, &sn);
                r += gl_w[k] * step * Ek / ((se + sn) * 1e-3);
            }
        s->R[0] = r;
    }
    s->Q[0] = 0.0;
    for (size_t i = 0; i + 1 < s->n; i++) {
        double r = 0.0, q = 0.0;
        for (int k = 0; k < 4; k++) {
            double f = gl_x[k];
            double Ek = exp(s->u0 + ((double)i + f) * s->h);
            double S = (s->S[i] + f * (s->S[i + 1] - s->S[i])) * 1e-3; /* keV/tfu */
            double W = s->W[i] + f * (s->W[i + 1] - s->W[i]);
            r += gl_w[k] * Ek / S;
            q += gl_w[k] * Ek * W / (S * S * S);
        }
        s->R[i + 1] = s->R[i] + r * s->h;
        s->Q[i + 1] = s->Q[i] + q * s->h;
    }
    *out = s;
    return IL_OK;
}

void il_stopping_free(il_stopping *s)
{
    if (!s)
        return;
    free(s->S);
    free(s);
}

il_ion il_stopping_get_ion(const il_stopping *s) { return s->ion; }
double il_stopping_table_emax_keV(const il_stopping *s) { return s->E_top; }
size_t il_stopping_n_elements(const il_stopping *s) { return s->nel; }

void il_stopping_element_info(const il_stopping *s, size_t i, int *Z, double *atom_fraction,
                              il_stop_source *source)
{
    if (i >= s->nel)
        return;
    if (Z)
        *Z = s->Z[i];
    if (atom_fraction)
        *atom_fraction = s->frac[i];
    if (source)
        *source = s->src[i];
}

double il_stopping_keV_per_um(double S_eV_tfu, double atoms_cm3)
{
    /* eV per 1e15 atoms/cm2 x atoms/cm3 = 1e-15 eV/cm; 1 um = 1e-4 cm; 1 keV = 1e3 eV */
    return S_eV_tfu * atoms_cm3 * 1e-22;
}

double il_tfu_to_nm(double tfu, double atoms_cm3)
{
    return tfu * 1e15 / atoms_cm3 * 1e7;
}

double il_nm_to_tfu(double nm, double atoms_cm3)
{
    return nm * 1e-7 * atoms_cm3 * 1e-15;
}

double il_um_to_mg_cm2(double length_um, double density_g_cm3)
{
    /* 1 um = 1e-4 cm; 1 g = 1e3 mg */
    return length_um * 1e-4 * density_g_cm3 * 1e3;
}
