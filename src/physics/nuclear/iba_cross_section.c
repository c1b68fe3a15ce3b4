/* Rutherford, recoil and Mott cross sections with screening (interlayer/iba_cross_section.h). */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/iba_cross_section.h"

#define DEG (IL_PI / 180.0)
/* fm^2 -> mb: 1 fm^2 = 1e-26 cm^2 = 10 mb */
#define MB_PER_FM2 10.0

double il_iba_screening(il_screening model, int Z1, double M1, int Z2, double M2, double E,
                        double theta_cm_deg)
{
    double Ecm = E * M2 / (M1 + M2);
    if (!(Ecm > 0.0))
        return 1.0;
    if (model == IL_SCREEN_LECUYER)
        return fmax(0.0, 1.0 - 0.049 * Z1 * pow(Z2, 4.0 / 3.0) / Ecm);
    if (model != IL_SCREEN_ANDERSEN)
        return 1.0;
    double V1 = 0.04873 * Z1 * Z2 * sqrt(pow(Z1, 2.0 / 3.0) + pow(Z2, 2.0 / 3.0));
    double s = sin(0.5 * theta_cm_deg * DEG);
    double a = 1.0 + 0.5 * V1 / Ecm;
    double b = V1 / (2.0 * Ecm * s);
    double d = 1.0 + V1 / Ecm + b * b;
    return a * a / (d * d);
}

/* Lab -> CM: sin(Theta - theta) = x sin(theta) (x = M1/M2), Theta = theta + asin(x sin theta)
 * for the + branch, theta + pi - asin(x sin theta) for the - branch; the solid angle ratio
 * dOmega_cm/dOmega_lab = (1 + x^2 + 2 x cos Theta)^(3/2) / |1 + x cos Theta|. */
double il_iba_rutherford_mb(int Z1, double M1, int Z2, double M2, double E, double theta_deg,
                            int branch, il_screening screening)
{
    if (!(E > 0.0) || !(theta_deg > 0.0 && theta_deg <= 180.0))
        return 0.0;
    double th = theta_deg * DEG, x = M1 / M2;
    double xs = x * sin(th);
    if (xs > 1.0 || (branch == 1 && !(x > 1.0)) || (branch == 1 && theta_deg >= 90.0))
        return 0.0;
    double Th = branch == 0 ? th + asin(xs) : th + IL_PI - asin(xs);
    double Ecm = E / (1.0 + x);
    double a = Z1 * Z2 * IL_E2_keV_fm / (4.0 * Ecm); /* fm */
    double s2 = sin(0.5 * Th);
    double sig_cm = a * a / (s2 * s2 * s2 * s2);
    double ct = cos(Th);
    double jac = pow(1.0 + x * x + 2.0 * x * ct, 1.5) / fabs(1.0 + x * ct);
    return sig_cm * jac * MB_PER_FM2 * il_iba_screening(screening, Z1, M1, Z2, M2, E, Th / DEG);
}

double il_iba_recoil_mb(int Z1, double M1, int Z2, double M2, double E, double phi_deg,
                        il_screening screening)
{
    if (!(E > 0.0) || !(phi_deg >= 0.0 && phi_deg < 90.0))
        return 0.0;
    double c = cos(phi_deg * DEG);
    double a = Z1 * Z2 * IL_E2_keV_fm * (M1 + M2) / (2.0 * M2 * E); /* fm */
    return a * a / (c * c * c) * MB_PER_FM2 *
           il_iba_screening(screening, Z1, M1, Z2, M2, E, 180.0 - 2.0 * phi_deg);
}

double il_iba_mott_mb(int Z, double M, int spin_twice, double E, double theta_deg)
{
    if (!(E > 0.0) || !(theta_deg > 0.0 && theta_deg < 90.0) || !(M > 0.0))
        return 0.0;
    double th = theta_deg * DEG;
    double s = sin(th), c = cos(th);
    double a = (double)Z * Z * IL_E2_keV_fm / E; /* fm */
    /* v/c of the projectile = relative velocity, non-relativistic */
    double beta = sqrt(2.0 * E / (M * IL_U_keV));
    double eta = (double)Z * Z * IL_FINE_STRUCTURE / beta;
    double sign = (spin_twice % 2) ? -1.0 : 1.0;
    double t = tan(th);
    double inter = 2.0 * sign / (spin_twice + 1.0) * cos(eta * log(t * t)) / (s * s * c * c);
    return a * a * c * (1.0 / pow(s, 4) + 1.0 / pow(c, 4) + inter) * MB_PER_FM2;
}
