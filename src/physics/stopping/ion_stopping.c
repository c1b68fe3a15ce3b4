/* Stopping of any ion in a compound (interlayer/ion_stopping.h): per element the H or He
 * stopping of the ICRU-49 engine at equal velocity, times the ZBL effective charge for heavier
 * ions, summed by Bragg's rule; tabulated once on a log grid for speed. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/elements.h"
#include "interlayer/ion_stopping.h"
#include "physics/stopping/stopping_internal.h"

#define PER_DECADE 200
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
};

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
static double strag_elem(int Z1, double M1, int Z2, double E_keV, il_straggling_model m)
{
    if (m == IL_STRAG_NONE)
        return 0.0;
    double corr = 1.0;
    if (m != IL_STRAG_BOHR) {
        double MeV_u = E_keV * 1e-3 / M1;
        double g2 = 1.0;
        if (m == IL_STRAG_YANG && Z1 >= 2) {
            double Sp = il__se_ref(1, Z2, E_keV * PROTON_U / M1, NULL);
            g2 = fmin(1.0, se_elem(Z1, M1, Z2, E_keV) / (Z1 * Z1 * Sp));
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
    s->S = malloc(s->n * sizeof *s->S);
    s->W = malloc(s->n * sizeof *s->W);
    if (!s->S || !s->W) {
        il_ion_stopping_free(s);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    double factor = t->factor > 0.0 ? t->factor : 1.0;
    for (size_t i = 0; i < s->n; i++) {
        double E = exp(s->u0 + h * (double)i);
        double se = 0.0, sn = 0.0, w = 0.0;
        for (size_t k = 0; k < t->n; k++) {
            double f = t->atoms[k] / sum;
            if (f == 0.0)
                continue;
            int Z2 = t->Z[k];
            se += f * se_elem(Z1, M1_u, Z2, E);
            if (!t->exclude_nuclear)
                sn += f * il_stopping_nuclear_zbl(Z1, M1_u, Z2,
                                                  il_element_by_z(Z2)->atomic_weight_u, E);
            w += f * strag_elem(Z1, M1_u, Z2, E, t->straggling);
        }
        s->S[i] = factor * se + sn;
        s->W[i] = w;
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

/* RK4 in areal density with steps that lose at most 2 % of the energy; the variance follows
 * d(var)/dx = W - 2 var S'(E), i.e. var scales with S(E)^2 along the path (linear propagation,
 * as docs/physics.md explains for the H/He paths) plus the new straggling. */
double il_ion_stopping_advance(const il_ion_stopping *s, double E, double x, double *var)
{
    double v = var ? *var : 0.0;
    while (x > 0.0 && E > 0.0) {
        double S0 = il_ion_stopping_eval(s, E);
        double dx = fmin(x, 0.02 * E * 1e3 / S0);
        double k1 = S0 * 1e-3;
        double k2 = il_ion_stopping_eval(s, E - 0.5 * dx * k1) * 1e-3;
        double k3 = il_ion_stopping_eval(s, E - 0.5 * dx * k2) * 1e-3;
        double E1 = E - dx * k3;
        if (E1 <= 0.0) {
            E = 0.0;
            v = 0.0;
            break;
        }
        double k4 = il_ion_stopping_eval(s, E - dx * k3) * 1e-3;
        double En = E - dx * (k1 + 2.0 * k2 + 2.0 * k3 + k4) / 6.0;
        if (En <= 0.01) {
            E = 0.0;
            v = 0.0;
            break;
        }
        if (var) {
            double Sn = il_ion_stopping_eval(s, En);
            double r = Sn / S0;
            double Wm = il_ion_stopping_straggling_rate(s, 0.5 * (E + En));
            /* straggling born mid-step scales with (S_end / S_mid)^2 ~ r */
            v = v * r * r + Wm * dx * r;
        }
        E = En;
        x -= dx;
    }
    if (var)
        *var = v;
    return E;
}
