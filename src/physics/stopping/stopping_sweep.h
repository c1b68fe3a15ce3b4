/* Table-building evaluator of one element's built-in electronic stopping (internal). */
#ifndef IL_PHYSICS_STOPPING_SWEEP_H
#define IL_PHYSICS_STOPPING_SWEEP_H
#include <stddef.h>

#include "physics/stopping/stopping_internal.h"

#define IL_SWEEP_MAX_ROWS 160

typedef struct {
    size_t n, cur;
    double E[IL_SWEEP_MAX_ROWS], lnE[IL_SWEEP_MAX_ROWS], lnS[IL_SWEEP_MAX_ROWS];
    double S0, Slast, M;
} il_sweep_tab;

typedef struct {
    int Z1, Z, kind; /* kind 0: table; 1: fit, Bethe-continued above Esw */
    int Zlo, Zhi;
    double Esw, w, I, Ilo, Ihi, klo_sw, khi_sw, fit_over_bethe_sw;
    il_sweep_tab tab, lo, hi; /* tab for kind 0; lo, hi: the tabulated neighbours */
} il_sweep_el;

void il__sweep_init(il_sweep_el *ev, int Z1, int Z);
/* Same value as il__se_ref(Z1, Z, E_ref_keV); fastest when called with increasing energies. */
double il__sweep_se(il_sweep_el *ev, double E_ref_keV);

#endif
