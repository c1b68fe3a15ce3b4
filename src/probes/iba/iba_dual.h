/* Dual scattering of the IBA probe (internal; iba_dual.c). */
#ifndef IL_PROBES_IBA_DUAL_H
#define IL_PROBES_IBA_DUAL_H
#include "probes/iba/iba_priv.h"

/* Adds the counts of beam particles scattered twice at large angles (RBS) to sp. */
il_status il__iba_dual(const iba_setup *S, il_iba_spectrum *sp, il_error *err);

#endif
