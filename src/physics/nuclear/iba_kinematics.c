/* Non-relativistic two-body kinematics for RBS, EBS, ERDA and NRA (interlayer/iba_kinematics.h). */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/iba_kinematics.h"

#define DEG (IL_PI / 180.0)

double il_iba_max_angle_deg(double M1, double M2)
{
    return M1 > M2 ? asin(M2 / M1) / DEG : 180.0;
}

int il_iba_reaction_energy(double M1, double M2, double M3, double M4, double Q, double E1,
                           double theta_deg, double E3[2])
{
    (void)M2; /* mass conservation M1 + M2 = M3 + M4 (+ Q/c^2) is the caller's */
    E3[0] = E3[1] = 0.0;
    if (!(E1 > 0.0) || !(M1 > 0.0) || !(M3 > 0.0) || !(M4 > 0.0))
        return 0;
    double c = cos(theta_deg * DEG);
    double a = sqrt(M1 * M3 * E1) * c;
    double disc = a * a + (M3 + M4) * (M4 * Q + (M4 - M1) * E1);
    if (disc < 0.0)
        return 0;
    double r = sqrt(disc);
    int n = 0;
    double p = (a + r) / (M3 + M4), m = (a - r) / (M3 + M4);
    if (p > 0.0)
        E3[n++] = p * p;
    /* the - root exists where it stays positive: a > r, only for a forward-moving centre of
     * mass faster than the product in it */
    if (m > 0.0 && r > 0.0)
        E3[n++] = m * m;
    return n;
}

int il_iba_kfactor(double M1, double M2, double theta_deg, double K[2])
{
    double E3[2];
    int n = il_iba_reaction_energy(M1, M2, M1, M2, 0.0, 1.0, theta_deg, E3);
    K[0] = E3[0];
    K[1] = E3[1];
    return n;
}

double il_iba_recoil_factor(double M1, double M2, double phi_deg)
{
    if (!(phi_deg >= 0.0 && phi_deg < 90.0))
        return 0.0;
    double c = cos(phi_deg * DEG);
    return 4.0 * M1 * M2 * c * c / ((M1 + M2) * (M1 + M2));
}
