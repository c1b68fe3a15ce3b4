/* Internals shared by the stopping engine's source files (not part of the public API). */
#ifndef IL_PHYSICS_STOPPING_INTERNAL_H
#define IL_PHYSICS_STOPPING_INTERNAL_H
#include "interlayer/constants.h"
#include "interlayer/stopping.h"


/* Reference ion whose tables serve an ion: the proton for hydrogen isotopes, the alpha for
 * helium isotopes. E_ref = E * m_ref / m_ion puts the reference ion at the same velocity. */
typedef struct {
    int Z1;           /* 1 or 2 */
    double m_ion_u;   /* nuclear masses */
    double m_ref_u;
    double to_ref;    /* m_ref / m_ion */
} il_ion_ref;

il_status il__ion_ref(il_ion ion, il_ion_ref *ref, il_error *err);

/* Electronic stopping (eV/tfu) of the reference ion (proton if Z1 == 1, alpha if Z1 == 2) at
 * reference energy E_ref_keV > 0 in element Z (1..92), from the built-in sources, no range
 * checks. *src (may be NULL) says what served it. */
double il__se_ref(int Z1, int Z, double E_ref_keV, il_stop_source *src);

/* Pieces, exposed for tests and the source-comparison tools. */
double il__se_fit(int Z1, int Z, double E_ref_keV);   /* ICRU-49 fit, any energy */
double il__se_bethe(int Z1, int Z, double E_ref_keV); /* Bethe, no shell corrections */
double il__fit_switch_keV(int Z1);                    /* where the fit hands over to Bethe */
int il__se_table(int Z1, int Z, double E_ref_keV, double *S_eV_tfu); /* 0 if Z untabulated */
double il__table_emax_ref_keV(int Z1);
/* Lowest reference energy (keV) of the ASTAR/PSTAR tables (1 keV). */
double il__table_emin_ref_keV(int Z1);

/* Building blocks shared with the sweep evaluator (stopping_sweep.c), which must give the
 * same numbers as il__se_ref. */
double il__approx_I_eV(int Z);
void il__bethe_kinematics(int Z1, double E_ref_keV, double *beta2, double *gamma2);
double il__bethe_with(int Z1, int Z, double beta2, double gamma2, double I_eV);
double il__zbl_sn(double eps);
#include "data/tables.h"
/* The ASTAR (Z1 = 2) or PSTAR (Z1 = 1) rows of element Z; 0 if untabulated. */
size_t il__star_rows(int Z1, int Z, const il_row_star **rows);

/* Straggling, Chu correction factor (Yang et al. 1991 fit to Chu's tables) for target Z2 at
 * E/M1 in MeV/u; 1 for Z2 = 1 (no tabulation). */
double il__chu_factor(int Z2, double MeV_per_u);
/* Yang et al. 1991 charge-state fluctuation term, in units of the Bohr value. */
double il__yang_extra(int Z1, int Z2, double MeV_per_u);

#endif
