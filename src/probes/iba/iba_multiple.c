/* Small-angle multiple scattering (docs/iba.md "Multiple scattering"): the angular spread of an
 * ion after a path through a layer, from the Sigmund-Winterbon theory for the Thomas-Fermi
 * potential (P. Sigmund, K.B. Winterbon, NIM 119 (1974) 541) in reduced variables:
 *   tau = pi a^2 N t (reduced thickness), a = 0.8853 a0 (Z1^2/3 + Z2^2/3)^-1/2 (Lindhard),
 *   alpha~ = (E a / (2 Z1 Z2 e^2)) alpha (reduced angle, E the ion's lab energy),
 * with the half width at half maximum alpha~_1/2(tau) of the angular distribution tabulated by
 * G. Amsel, G. Battistig, A. L'Hoir, NIM B 201 (2003) 325 (table at tau = 2^n, n = -10..12;
 * numbers as listed in the JaBS sources), interpolated log-log. The distribution is replaced by
 * the Gaussian of the same half width (sd = HWHM / 1.1774) for each projected angle; the
 * elements of a compound (their share c of the atoms, tau_i = pi a_i^2 c_i N t) and successive
 * layers add their variances. */
#include <math.h>

#include "interlayer/constants.h"
#include "probes/iba/iba_multiple.h"

static const double amsel_hwhm[23] = {
    2.894e-05, 8.797e-05, 2.665e-04, 8.005e-04, 2.362e-03, 6.723e-03, 1.799e-02, 4.414e-02,
    9.811e-02, 1.988e-01, 3.730e-01, 6.599e-01, 1.117e+00, 1.830e+00, 2.923e+00, 4.581e+00,
    7.705e+00, 1.080e+01, 1.633e+01, 2.451e+01, 3.657e+01, 5.427e+01, 8.020e+01};
#define N_MIN (-10)
#define N_TAB 23

double il__iba_ms_reduced_hwhm(double tau)
{
    if (!(tau > 0.0))
        return 0.0;
    double l = log2(tau) - N_MIN; /* table index, fractional */
    /* beyond the table: the power law of its last interval */
    int i = l < 0.0 ? 0 : l >= N_TAB - 1 ? N_TAB - 2 : (int)floor(l);
    double f = l - i;
    return exp((1.0 - f) * log(amsel_hwhm[i]) + f * log(amsel_hwhm[i + 1]));
}

double il__iba_ms_var(int Z1, const il_composition *c, double path_tfu, double E_keV)
{
    if (!(path_tfu > 0.0) || !(E_keV > 0.0) || c->n == 0)
        return 0.0;
    double tot = 0.0;
    for (size_t i = 0; i < c->n; i++)
        tot += c->atoms[i];
    double z13 = pow((double)Z1, 2.0 / 3.0), var = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->atoms[i] > 0.0))
            continue;
        int Z2 = c->Z[i];
        double a_A = 0.8853 * IL_BOHR_RADIUS_A / sqrt(z13 + pow((double)Z2, 2.0 / 3.0));
        double a_cm = a_A * 1e-8;
        double tau = IL_PI * a_cm * a_cm * (c->atoms[i] / tot) * path_tfu * 1e15;
        double mu = E_keV * (a_A * 1e5) / (2.0 * Z1 * Z2 * IL_E2_keV_fm);
        double sd = il__iba_ms_reduced_hwhm(tau) / mu / sqrt(2.0 * log(2.0));
        var += sd * sd;
    }
    return var;
}
