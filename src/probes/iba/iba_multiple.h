/* Small-angle multiple scattering of the IBA probe (internal; iba_multiple.c). */
#ifndef IL_PROBES_IBA_MULTIPLE_H
#define IL_PROBES_IBA_MULTIPLE_H
#include "interlayer/composition.h"

/* Sigmund-Winterbon reduced half width (HWHM) of the angular distribution at reduced thickness
 * tau (Amsel et al. 2003 table, log-log interpolation, power-law ends). */
double il__iba_ms_reduced_hwhm(double tau);
/* Variance (rad^2) of one projected angle of ion Z1 of energy E_keV after a path of path_tfu
 * (1e15 atoms/cm2 along the path) through material c. */
double il__iba_ms_var(int Z1, const il_composition *c, double path_tfu, double E_keV);

#endif
