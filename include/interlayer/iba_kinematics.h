/* Two-body kinematics of ion-beam analysis (non-relativistic, as RBS/ERDA/NRA codes use: the
 * relativistic correction is below 1e-3 for MeV light ions). Angles in degrees in the
 * laboratory frame, energies in keV, masses in u. Formulas: J.R. Tesmer, M. Nastasi (eds.),
 * Handbook of Modern Ion Beam Materials Analysis (MRS 1995), ch. 4 and app. 1; W.-K. Chu,
 * J.W. Mayer, M.-A. Nicolet, Backscattering Spectrometry (1978), ch. 2. */
#ifndef INTERLAYER_IBA_KINEMATICS_H
#define INTERLAYER_IBA_KINEMATICS_H
#include "interlayer/export.h"

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Elastic kinematic factor K = E1/E0 of projectile M1 scattered by target M2 through theta:
 *   K = [(x cos(theta) +/- sqrt(1 - x^2 sin^2(theta))) / (1 + x)]^2,  x = M1/M2.
 * K[0] takes the + sign; when M1 > M2 a second solution (- sign) exists below the largest
 * scattering angle asin(M2/M1) and goes to K[1]. Returns the number of solutions (0, 1 or 2;
 * 0 when M1 >= M2 and theta is beyond the largest angle). */
IL_API int il_iba_kfactor(double M1_u, double M2_u, double theta_deg, double K[2]);

/* Largest lab scattering angle (deg) of M1 on M2: asin(M2/M1) when M1 > M2, else 180. */
IL_API double il_iba_max_angle_deg(double M1_u, double M2_u);

/* Recoil factor E2/E0 of target M2 knocked forward at phi (0 <= phi < 90) by projectile M1:
 * 4 M1 M2 cos^2(phi) / (M1 + M2)^2; 0 for phi >= 90. */
IL_API double il_iba_recoil_factor(double M1_u, double M2_u, double phi_deg);

/* Energy of the light product (mass M3) emitted at theta in projectile (M1, E1) + target (M2 at
 * rest) -> M3 + M4 with Q value Q_keV:
 *   sqrt(E3) = [sqrt(M1 M3 E1) cos(theta) +/- sqrt(M1 M3 E1 cos^2(theta)
 *              + (M3 + M4)(M4 Q + (M4 - M1) E1))] / (M3 + M4).
 * E3[0] is the + root; E3[1] the - root when it is physical (positive square root). Returns
 * the number of solutions (0 below threshold or beyond the largest angle). */
IL_API int il_iba_reaction_energy(double M1_u, double M2_u, double M3_u, double M4_u,
                                  double Q_keV, double E1_keV, double theta_deg, double E3[2]);

#ifdef __cplusplus
}
#endif
#endif
