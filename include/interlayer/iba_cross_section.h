/* Cross sections of ion-beam analysis, in mb/sr (laboratory frame), energies in keV, angles in
 * degrees, masses in u:
 *  - Rutherford scattering in the lab frame (Darwin's transformation of the CM formula; for
 *    M1 > M2 each of the two kinematic solutions has its own cross section);
 *  - electron screening: Andersen (H.H. Andersen et al., Phys. Rev. A 21 (1980) 1891), the
 *    default, or L'Ecuyer (J. L'Ecuyer et al., NIM 160 (1979) 337);
 *  - the recoil cross section of ERDA;
 *  - Mott scattering of identical nuclei (coincidence ERDA of 7Li on 7Li).
 * Formulas: Tesmer & Nastasi, Handbook of Modern Ion Beam Materials Analysis (1995), app. 6-7;
 * the SIMNRA user's guide (M. Mayer, IPP 9/113) for the screening factors. */
#ifndef INTERLAYER_IBA_CROSS_SECTION_H
#define INTERLAYER_IBA_CROSS_SECTION_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    IL_SCREEN_ANDERSEN = 0, /* default */
    IL_SCREEN_LECUYER,
    IL_SCREEN_NONE
} il_screening;

/* The screening factor F (multiplies Rutherford) for Z1 on Z2 at lab energy E_keV, CM energy
 * E_cm = E M2/(M1+M2), CM scattering angle theta_cm_deg:
 *   Andersen: F = (1 + V1/(2 E_cm))^2 / (1 + V1/E_cm + (V1/(2 E_cm sin(theta_cm/2)))^2)^2,
 *             V1 = 0.04873 Z1 Z2 sqrt(Z1^(2/3) + Z2^(2/3)) keV;
 *   L'Ecuyer: F = 1 - 0.049 Z1 Z2^(4/3) / E_cm[keV]. */
IL_API double il_iba_screening(il_screening model, int Z1, double M1_u, int Z2, double M2_u,
                               double E_keV, double theta_cm_deg);

/* Rutherford cross section (mb/sr, lab) of projectile (Z1, M1, E_keV) scattered by (Z2, M2)
 * through lab angle theta_deg, for kinematic solution `branch` (0: the + root; 1: the - root,
 * which exists only for M1 > M2), times the screening factor. 0 where the solution does not
 * exist. Unscreened, for M1 < M2 this equals
 *   (Z1 Z2 e^2 / 4E)^2 4 [sqrt(1 - x^2 sin^2) + cos]^2 / (sin^4 sqrt(1 - x^2 sin^2)). */
IL_API double il_iba_rutherford_mb(int Z1, double M1_u, int Z2, double M2_u, double E_keV,
                                   double theta_deg, int branch, il_screening screening);

/* Recoil cross section (mb/sr, lab) of target (Z2, M2) knocked out at phi_deg (< 90) by
 * (Z1, M1, E_keV): (Z1 Z2 e^2 (M1 + M2) / (2 M2 E))^2 / cos^3(phi), times the screening
 * factor at the corresponding CM angle 180 - 2 phi. */
IL_API double il_iba_recoil_mb(int Z1, double M1_u, int Z2, double M2_u, double E_keV,
                               double phi_deg, il_screening screening);

/* Mott cross section (mb/sr, lab) for identical nuclei (Z, M, spin s = spin_twice/2) at lab
 * energy E_keV, one particle detected at lab angle theta_deg (< 90; scattered and recoil
 * cannot be told apart):
 *   (Z^2 e^2 / E)^2 cos(theta) [1/sin^4 + 1/cos^4 + 2 (-1)^(2s)/(2s+1)
 *                               cos(eta ln tan^2 theta) / (sin^2 cos^2)],
 * eta = Z^2 alpha c / v the Sommerfeld parameter (N.F. Mott, Proc. R. Soc. A 126 (1930) 259;
 * Bromley et al., Phys. Rev. 123 (1961) 878). */
IL_API double il_iba_mott_mb(int Z, double M_u, int spin_twice, double E_keV, double theta_deg);

#ifdef __cplusplus
}
#endif
#endif
