/* Physical and mathematical constants, defined once for the whole library.
 * Values: CODATA 2018 recommended values (exact where the SI 2019 fixes them). */
#ifndef IL_CONSTANTS_H
#define IL_CONSTANTS_H

#define IL_PI 3.14159265358979323846
/* Full width at half maximum of a Gaussian per standard deviation: 2 sqrt(2 ln 2). */
#define IL_FWHM_PER_SIGMA 2.3548200450309493

#define IL_AVOGADRO 6.02214076e23            /* 1/mol, exact (SI 2019) */
#define IL_ELEMENTARY_CHARGE_C 1.602176634e-19 /* C, exact (SI 2019) */
#define IL_BOLTZMANN_J_PER_K 1.380649e-23     /* J/K, exact (SI 2019) */
#define IL_VACUUM_PERMITTIVITY_F_PER_M 8.8541878128e-12 /* F/m (CODATA 2018) */
#define IL_FARADAY 96485.33212               /* C/mol = N_A e (CODATA 2018) */
#define IL_U_keV 931494.10242                /* 1 u in keV (CODATA 2018) */
#define IL_U_eV 931494102.42                 /* 1 u in eV (CODATA 2018) */
#define IL_ELECTRON_MASS_U 5.48579909065e-4  /* u (CODATA 2018) */
#define IL_CLASSICAL_ELECTRON_RADIUS_A 2.8179403262e-5 /* Å (CODATA 2018) */
#define IL_E2_keV_fm 1439.964548               /* e^2/(4 pi eps0) = alpha hbar c (CODATA 2018) */
#define IL_FINE_STRUCTURE 7.2973525693e-3     /* alpha (CODATA 2018) */
#define IL_BOHR_RADIUS_A 0.529177210903       /* Å (CODATA 2018) */

#endif
