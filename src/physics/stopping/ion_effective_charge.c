/* The effective charge of a heavy ion (Z1 >= 3) in a solid, as Ziegler, Biersack and Littmark
 * scale proton stopping to heavy ions (J.F. Ziegler, J.P. Biersack, U. Littmark, The Stopping
 * and Range of Ions in Solids, Pergamon 1985, ch. 3; the effective-charge theory of W. Brandt
 * and M. Kitagawa, Phys. Rev. B 25 (1982) 5631):
 *   v_r  relative velocity of ion and target electrons (Fermi gas of velocity v_F, in v0 units),
 *   y_r  = v_r / (v0 Z1^(2/3)), q = 1 - exp(-(-0.803 y^0.3 + 1.3167 y^0.6 + 0.38157 y
 *        + 0.008983 y^2))  the ionisation fraction (ZBL's fit to measured charge states),
 *   L    the screening length of the ion's bound electrons (ZBL's piecewise form times a
 *        per-target factor), gamma = q + (1 - q) ln(1 + (4 L v_F / 1.919)^2) / (2 v_F^2),
 *   and a small low-velocity correction 1 + (0.18 + 0.0015 Z2) exp(-(7.6 - ln E)^2) / Z1^2.
 * The target data (Fermi velocities in v0, screening-length factors) are ZBL's tables as
 * transcribed in Geant4's G4IonisParamElm (numbers only). */
#include <math.h>

#include "interlayer/ion_stopping.h"

static const double fermi_v0[92] = {
    1.0309,  0.15976, 0.59782, 1.0781,  1.0486,  1.0,     1.058,   0.93942, 0.74562, 0.3424,
    0.45259, 0.71074, 0.90519, 0.97411, 0.97184, 0.89852, 0.70827, 0.39816, 0.36552, 0.62712,
    0.81707, 0.9943,  1.1423,  1.2381,  1.1222,  0.92705, 1.0047,  1.2,     1.0661,  0.97411,
    0.84912, 0.95,    1.0903,  1.0429,  0.49715, 0.37755, 0.35211, 0.57801, 0.77773, 1.0207,
    1.029,   1.2542,  1.122,   1.1241,  1.0882,  1.2709,  1.2542,  0.90094, 0.74093, 0.86054,
    0.93155, 1.0047,  0.55379, 0.43289, 0.32636, 0.5131,  0.695,   0.72591, 0.71202, 0.67413,
    0.71418, 0.71453, 0.5911,  0.70263, 0.68049, 0.68203, 0.68121, 0.68532, 0.68715, 0.61884,
    0.71801, 0.83048, 1.1222,  1.2381,  1.045,   1.0733,  1.0953,  1.2381,  1.2879,  0.78654,
    0.66401, 0.84912, 0.88433, 0.80746, 0.43357, 0.41923, 0.43638, 0.51464, 0.73087, 0.81065,
    1.9578,  1.0257};

static const double screen_factor[92] = {
    1.0,  1.0,  1.1,  1.06, 1.01, 1.03, 1.04, 0.99, 0.95, 0.9,  0.82, 0.81, 0.83, 0.88, 1.0,
    0.95, 0.97, 0.99, 0.98, 0.97, 0.98, 0.97, 0.96, 0.93, 0.91, 0.9,  0.88, 0.9,  0.9,  0.9,
    0.9,  0.85, 0.9,  0.9,  0.91, 0.92, 0.9,  0.9,  0.9,  0.9,  0.9,  0.88, 0.9,  0.88, 0.88,
    0.9,  0.9,  0.88, 0.9,  0.9,  0.9,  0.9,  0.96, 1.2,  0.9,  0.88, 0.88, 0.85, 0.9,  0.9,
    0.92, 0.95, 0.99, 1.03, 1.05, 1.07, 1.08, 1.1,  1.08, 1.08, 1.08, 1.08, 1.09, 1.09, 1.1,
    1.11, 1.12, 1.13, 1.14, 1.15, 1.17, 1.2,  1.18, 1.17, 1.17, 1.16, 1.16, 1.16, 1.16, 1.16,
    1.16, 1.16};

double il_ion_effective_charge(int Z1, int Z2, double E_keV_u)
{
    if (Z1 <= 2 || Z2 < 1 || Z2 > 92 || !(E_keV_u > 0.0))
        return 1.0;
    double vF = fermi_v0[Z2 - 1];
    double z13 = cbrt((double)Z1), z23 = z13 * z13;
    /* 25 keV/u is the Bohr velocity v0 */
    double v = sqrt(E_keV_u / 25.0) / vF; /* ion velocity in units of v_F */
    double vr = v >= 1.0 ? v * vF * (1.0 + 1.0 / (5.0 * v * v))
                         : 0.75 * vF * (1.0 + 2.0 * v * v / 3.0 - pow(v, 4) / 15.0);
    double yr = fmax(fmax(0.13, vr / z23), 1.0 / z23);
    double a = -0.803 * pow(yr, 0.3) + 1.3167 * pow(yr, 0.6) + 0.38157 * yr + 0.008983 * yr * yr;
    double q = fmin(1.0, fmax(0.0, 1.0 - exp(-fmin(a, 50.0))));
    /* screening length (in Bohr radii) of the electrons the ion still carries */
    double b = fmin(0.43, fmax(0.32, 0.12 + 0.025 * Z1)) / z13;
    double l0 = (0.8 - q * fmin(1.2, 0.6 + Z1 / 30.0)) / z13;
    double q_hi = fmax(0.0, 0.9 - 0.025 * Z1);
    double zc = 0.025 * fmin(16.0, (double)Z1);
    double l1;
    if (q < 0.2)
        l1 = 0.0;
    else if (q < q_hi)
        l1 = b * (q - 0.2) / fabs(q_hi - 0.2000001);
    else if (q < fmax(0.0, 1.0 - zc))
        l1 = b;
    else
        l1 = b * (1.0 - q) / zc;
    double L = fmax(l1, l0 * screen_factor[Z2 - 1]);
    double x = 4.0 * L * vF / 1.919;
    double zeta = q + (1.0 - q) * log(1.0 + x * x) / (2.0 * vF * vF);
    double t = 7.6 - fmax(0.0, log(E_keV_u));
    zeta *= 1.0 + (0.18 + 0.0015 * Z2) * exp(-t * t) / ((double)Z1 * Z1);
    return zeta;
}
