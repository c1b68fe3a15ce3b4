/* The fast evaluator's layout (internal) and the range/straggling primitives paths use. */
#ifndef IL_PHYSICS_STOPPING_TABLE_H
#define IL_PHYSICS_STOPPING_TABLE_H
#include "interlayer/elements.h"
#include "interlayer/stopping.h"

struct il_stopping {
    il_ion ion;
    size_t nel;
    int Z[IL_Z_MAX];
    double frac[IL_Z_MAX];
    il_stop_source src[IL_Z_MAX];
    double E_lo, E_top;       /* keV */
    double u0, h, inv_h;      /* ln E grid */
    size_t n;
    double *S, *Se, *W;       /* total, electronic eV/tfu; straggling rate keV^2/tfu */
    double *R, *dR;           /* CSDA range (tfu) and dR/dlnE at the nodes */
    double *Q, *dQ;           /* straggling integral (tfu^2) and dQ/dlnE */
};

double il__range_tfu(const il_stopping *s, double E_keV);
double il__energy_at_range(const il_stopping *s, double R_tfu);
double il__q(const il_stopping *s, double E_keV);

#endif
