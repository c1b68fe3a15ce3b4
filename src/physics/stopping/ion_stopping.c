/* Stopping of any ion in a compound (interlayer/ion_stopping.h): per element the H or He
 * stopping of the ICRU-49 engine at equal velocity, times the ZBL effective charge for heavier
 * ions, summed by Bragg's rule; tabulated once on a log grid for speed. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/elements.h"
#include "interlayer/ion_stopping.h"
#include "physics/stopping/stopping_internal.h"

#define PER_DECADE 200
#define STRAG_EVERY 8
#define COARSE 4
#define E_LO_keV 1.0
#define PROTON_U 1.007276467
#define ALPHA_U 4.001506179

struct il_ion_stopping {
    int Z1;
    double M1;
    double emax;
    size_t n;
    double u0, inv_h;  /* ln E grid */
    double *S, *W;     /* total stopping eV/tfu, straggling rate keV^2/tfu */
    double h;
    double *R, *Q;     /* range (tfu) and straggling integral (see cumulate) */
    double *E;         /* the grid's energies, keV */
};

static int cumulate(il_ion_stopping *s);

/* Electronic stopping per atom of element Z2, no checks. */
static double se_elem(int Z1, double M1, int Z2, double E_keV)
{
    if (Z1 == 1)
        return il__se_ref(1, Z2, E_keV * PROTON_U / M1, NULL);
    if (Z1 == 2)
        return il__se_ref(2, Z2, E_keV * ALPHA_U / M1, NULL);
    double g = il_ion_effective_charge(Z1, Z2, E_keV / M1);
    return il__se_ref(1, Z2, E_keV * PROTON_U / M1, NULL) * (g * Z1) * (g * Z1);
}

il_status il_ion_stopping_electronic(int Z1, double M1_u, int Z2, double E_keV, double *S_eV_tfu,
                                     il_error *err)
{
    if (Z1 < 1 || Z1 > 92 || Z2 < 1 || Z2 > 92 || !(M1_u > 0.0))
        return il_error_set(err, IL_ERR_INVALID,
                            "ion Z1=%d (mass %g u) in element Z2=%d: expected Z 1..92 and a "
                            "positive mass", Z1, M1_u, Z2);
    if (!(E_keV > 0.0 && E_keV <= 1e6))
        return il_error_set(err, IL_ERR_RANGE,
                            "ion energy %g keV is outside the stopping range (0, 1e6] keV", E_keV);
    *S_eV_tfu = se_elem(Z1, M1_u, Z2, E_keV);
    return IL_OK;
}

/* Bohr straggling rate 4 pi Z1^2 Z2 e^4 = 2.60565e-4 Z1^2 Z2 keV^2/tfu (e^2 = 1.43996e-10
 * keV cm), times Chu's binding factor and the effective charge squared, plus Yang's
 * charge-state term (Yang et al. 1991), as the H/He engine does for its ions. */
static double strag_elem(int Z1, double M1, int Z2, double E_keV, double se,
                         il_straggling_model m)
{
    if (m == IL_STRAG_NONE)
        return 0.0;
    double corr = 1.0;
    if (m != IL_STRAG_BOHR) {
        double MeV_u = E_keV * 1e-3 / M1;
        double g2 = 1.0;
        if (m == IL_STRAG_YANG && Z1 >= 2) {
            double Sp = il__se_ref(1, Z2, E_keV * PROTON_U / M1, NULL);
            g2 = fmin(1.0, se / (Z1 * Z1 * Sp));
        }
        corr = g2 * il__chu_factor(Z2, MeV_u);
        if (m == IL_STRAG_YANG)
            corr += il__yang_extra(Z1, Z2, MeV_u);
    }
    return 2.60565e-4 * (double)Z1 * Z1 * Z2 * corr;
}

il_status il_ion_stopping_new(int Z1, double M1_u, const il_stopping_target *t, double emax_keV,
                              il_ion_stopping **out, il_error *err)
{
    *out = NULL;
    if (Z1 < 1 || Z1 > 92 || !(M1_u > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "ion Z=%d, mass %g u: expected Z 1..92 and a "
                            "positive mass", Z1, M1_u);
    if (!t || !t->Z || !t->atoms || t->n == 0)
        return il_error_set(err, IL_ERR_INVALID, "stopping target has no elements");
    double sum = 0.0;
    for (size_t k = 0; k < t->n; k++) {
        if (t->Z[k] < 1 || t->Z[k] > 92 || !(t->atoms[k] >= 0.0) || !isfinite(t->atoms[k]))
            return il_error_set(err, IL_ERR_INVALID,
                                "stopping target element %zu: Z=%d, %g atoms (expected Z 1..92 "
                                "and a finite amount >= 0)", k + 1, t->Z[k], t->atoms[k]);
        sum += t->atoms[k];
    }
    if (!(sum > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "stopping target has no atoms");
    double emax = emax_keV > 0.0 ? emax_keV : 1e5;
    if (emax > 1e6 || emax <= 10.0 * E_LO_keV)
        return il_error_set(err, IL_ERR_RANGE, "stopping table top %g keV: expected 10..1e6 keV",
                            emax);
    il_ion_stopping *s = calloc(1, sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    s->Z1 = Z1;
    s->M1 = M1_u;
    s->emax = emax;
    s->u0 = log(E_LO_keV);
    double h = log(10.0) / PER_DECADE;
    s->inv_h = 1.0 / h;
    s->n = (size_t)ceil((log(emax) - s->u0) / h) + 1;
    s->S = calloc(s->n, sizeof *s->S);
    s->E = malloc(s->n * sizeof *s->E);
    s->h = h;
    s->W = malloc(s->n * sizeof *s->W);
    if (!s->S || !s->W || !s->E) {
        il_ion_stopping_free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    double factor = t->factor > 0.0 ? t->factor : 1.0;
    for (size_t i = 0; i < s->n; i++)
        s->E[i] = exp(s->u0 + h * (double)i);
    /* The electronic stopping of each element is evaluated on every COARSE-th node (50 per
     * decade, finer than the ASTAR/PSTAR tables under it) and filled in between by cubic
     * Lagrange interpolation in ln S over ln E (< 1e-5); the straggling rate, smoother still,
     * on every STRAG_EVERY-th node, linearly in between. The H/He engine's evaluations are
     * what cost. */
    size_t nc = (s->n - 1 + COARSE - 1) / COARSE + 1; /* coarse nodes, the last at s->n - 1 */
    double *lc = malloc(nc * sizeof *lc), *se = calloc(s->n, sizeof *se);
    if (!lc || !se) {
        free(lc);
        free(se);
        il_ion_stopping_free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < s->n; i++)
        s->W[i] = 0.0;
    for (size_t k = 0; k < t->n; k++) {
        double f = t->atoms[k] / sum;
        if (f == 0.0)
            continue;
        int Z2 = t->Z[k];
        for (size_t j = 0; j < nc; j++) {
            size_t i = j + 1 == nc ? s->n - 1 : j * COARSE;
            lc[j] = log(se_elem(Z1, M1_u, Z2, s->E[i]));
        }
        for (size_t i = 0; i < s->n; i++) {
            double x = (double)i / COARSE; /* coarse coordinate */
            size_t j = (size_t)x;
            if (j + 1 >= nc)
                j = nc - 2;
            size_t j0 = j >= 1 ? j - 1 : 0;
            if (j0 + 3 >= nc)
                j0 = nc >= 4 ? nc - 4 : 0;
            size_t m = nc >= 4 ? 4 : nc;
            double y = 0.0;
            for (size_t q = 0; q < m; q++) {
                double xq = j0 + q + 1 == nc ? (double)(s->n - 1) / COARSE : (double)(j0 + q);
                double l = 1.0;
                for (size_t r = 0; r < m; r++) {
                    double xr = j0 + r + 1 == nc ? (double)(s->n - 1) / COARSE : (double)(j0 + r);
                    if (r != q)
                        l *= (x - xr) / (xq - xr);
                }
                y += l * lc[j0 + q];
            }
            double sek = exp(y);
            se[i] += f * sek;
            double E = s->E[i];
            if (!t->exclude_nuclear)
                s->S[i] += f * il_stopping_nuclear_zbl(Z1, M1_u, Z2,
                                                       il_element_by_z(Z2)->atomic_weight_u, E);
            if (i % STRAG_EVERY == 0 || i + 1 == s->n)
                s->W[i] += f * strag_elem(Z1, M1_u, Z2, E, sek, t->straggling);
        }
    }
    for (size_t i = 0; i < s->n; i++)
        s->S[i] += factor * se[i];
    free(lc);
    free(se);
    for (size_t i = 0; i < s->n; i++) {
        if (i % STRAG_EVERY == 0 || i + 1 == s->n)
            continue;
        size_t a = i - i % STRAG_EVERY, b = a + STRAG_EVERY < s->n ? a + STRAG_EVERY : s->n - 1;
        s->W[i] = s->W[a] + (s->W[b] - s->W[a]) * (double)(i - a) / (double)(b - a);
    }
    if (cumulate(s)) {
        il_ion_stopping_free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    *out = s;
    return IL_OK;
}

void il_ion_stopping_free(il_ion_stopping *s)
{
    if (!s)
        return;
    free(s->S);
    free(s->W);
    free(s->R);
    free(s->Q);
    free(s->E);
    free(s);
}

double il_ion_stopping_emax_keV(const il_ion_stopping *s)
{
    return s->emax;
}

/* Linear interpolation in ln E: with 200 points per decade the error is below 1e-5. */
static double lookup(const il_ion_stopping *s, const double *y, double E)
{
    if (E <= E_LO_keV)
        return y[0];
    double x = (log(E) - s->u0) * s->inv_h;
    if (x >= (double)(s->n - 1))
        return y[s->n - 1];
    size_t i = (size_t)x;
    double f = x - (double)i;
    return y[i] + f * (y[i + 1] - y[i]);
}

double il_ion_stopping_eval(const il_ion_stopping *s, double E_keV)
{
    if (!(E_keV > 0.0))
        return 0.0;
    if (E_keV < E_LO_keV) /* proportional to velocity below the grid */
        return s->S[0] * sqrt(E_keV / E_LO_keV);
    return lookup(s, s->S, E_keV);
}

double il_ion_stopping_straggling_rate(const il_ion_stopping *s, double E_keV)
{
    return E_keV > 0.0 ? lookup(s, s->W, E_keV) : 0.0;
}

/* Range R(E) = integral_0^E dE / S (tfu; S in eV/tfu, E in keV: x 1e3) and the straggling
 * integral Q(E) = integral_0^E W / S^3 dE, on the grid: Simpson on each interval in u = ln E
 * with the midpoint value of the (linearly interpolated) stopping, so R agrees with what an
 * integration of il_ion_stopping_eval would give; below the grid S ~ sqrt(E) (R = 2 E / S). */
static double dRdu(double E, double S)
{
    return E * 1e3 / S;
}

static double dQdu(double E, double S, double W)
{
    double Sk = S * 1e-3; /* keV per tfu */
    return E * W / (Sk * Sk * Sk);
}

static int cumulate(il_ion_stopping *s)
{
    s->R = malloc(s->n * sizeof *s->R);
    s->Q = malloc(s->n * sizeof *s->Q);
    if (!s->R || !s->Q)
        return -1;
    double E0 = exp(s->u0);
    s->R[0] = 2.0 * E0 * 1e3 / s->S[0];
    /* W ~ constant, S ~ sqrt(E) below the grid: Q = int W E^-3/2 ... = 2 E W / S^3 (keV) / 1 */
    s->Q[0] = 0.0; /* differences only; below the grid no straggling is gathered */
    for (size_t i = 1; i < s->n; i++) {
        double Ea = s->E[i - 1], Eb = s->E[i];
        double Em = exp(s->u0 + s->h * ((double)i - 0.5));
        double Sm = 0.5 * (s->S[i - 1] + s->S[i]), Wm = 0.5 * (s->W[i - 1] + s->W[i]);
        s->R[i] = s->R[i - 1] + s->h / 6.0 *
                                    (dRdu(Ea, s->S[i - 1]) + 4.0 * dRdu(Em, Sm) + dRdu(Eb, s->S[i]));
        s->Q[i] = s->Q[i - 1] + s->h / 6.0 *
                                    (dQdu(Ea, s->S[i - 1], s->W[i - 1]) + 4.0 * dQdu(Em, Sm, Wm) +
                                     dQdu(Eb, s->S[i], s->W[i]));
    }
    return 0;
}

/* Cubic Hermite in u between nodes i and i+1 of y with slopes dy/du at the ends. */
static double hermite(double y0, double y1, double d0, double d1, double t, double h)
{
    double t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * h * d0 + (-2 * t3 + 3 * t2) * y1 +
           (t3 - t2) * h * d1;
}

static double node_E(const il_ion_stopping *s, size_t i)
{
    return s->E[i];
}

/* R(E), Q(E) by cubic Hermite (exact slopes at the nodes). */
static void range_at(const il_ion_stopping *s, double E, double *R, double *Q)
{
    double E0 = exp(s->u0);
    if (E <= E0) {
        double f = sqrt(E / E0);
        *R = s->R[0] * f;
        if (Q)
            *Q = s->Q[0];
        return;
    }
    double x = (log(E) - s->u0) * s->inv_h;
    size_t i = (size_t)x;
    if (i >= s->n - 1) {
        i = s->n - 2;
    }
    double t = x - (double)i;
    double Ea = node_E(s, i), Eb = node_E(s, i + 1);
    *R = hermite(s->R[i], s->R[i + 1], dRdu(Ea, s->S[i]), dRdu(Eb, s->S[i + 1]), t, s->h);
    if (Q)
        *Q = hermite(s->Q[i], s->Q[i + 1], dQdu(Ea, s->S[i], s->W[i]),
                     dQdu(Eb, s->S[i + 1], s->W[i + 1]), t, s->h);
}

/* The energy whose range is r (r > 0): bisection on the nodes, Newton on the cubic. */
static double energy_at(const il_ion_stopping *s, double r)
{
    if (r <= s->R[0]) {
        double f = r / s->R[0];
        return exp(s->u0) * f * f;
    }
    size_t lo = 0, hi = s->n - 1;
    if (r >= s->R[hi])
        return node_E(s, hi);
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->R[mid] <= r)
            lo = mid;
        else
            hi = mid;
    }
    double Ea = node_E(s, lo), Eb = node_E(s, lo + 1);
    double d0 = dRdu(Ea, s->S[lo]), d1 = dRdu(Eb, s->S[lo + 1]);
    double t = (r - s->R[lo]) / (s->R[lo + 1] - s->R[lo]);
    for (int it = 0; it < 4; it++) {
        double t2 = t * t;
        double f = hermite(s->R[lo], s->R[lo + 1], d0, d1, t, s->h) - r;
        double df = (6 * t2 - 6 * t) * s->R[lo] + (3 * t2 - 4 * t + 1) * s->h * d0 +
                    (-6 * t2 + 6 * t) * s->R[lo + 1] + (3 * t2 - 2 * t) * s->h * d1;
        if (!(df > 0.0))
            break;
        t -= f / df;
        t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    }
    return exp(s->u0 + s->h * ((double)lo + t));
}

/* Mean energy from the range tables: E_out = R^-1(R(E) - x). The variance: the incoming one
 * scaled by (S_out / S_in)^2 (linear propagation) plus the straggling gathered on the way,
 * S_out^2 (Q(E) - Q(E_out)) (as docs/physics.md derives for the H/He paths). */
double il_ion_stopping_advance(const il_ion_stopping *s, double E, double x, double *var)
{
    if (!(E > 0.0))
        return 0.0;
    if (!(x > 0.0))
        return E;
    double R, Q;
    range_at(s, E, &R, var ? &Q : NULL);
    if (x >= R) {
        if (var)
            *var = 0.0;
        return 0.0;
    }
    double Eo = energy_at(s, R - x);
    if (var) {
        double Ro, Qo;
        range_at(s, Eo, &Ro, &Qo);
        double r = il_ion_stopping_eval(s, Eo) / il_ion_stopping_eval(s, E);
        double So = il_ion_stopping_eval(s, Eo) * 1e-3;
        *var = *var * r * r + So * So * fmax(0.0, Q - Qo);
    }
    return Eo;
}
