/* Stopping and straggling of ANY ion (1 <= Z1 <= 92, any mass) in an element or compound: the
 * projectiles and recoils of ion-beam analysis (4He, 7Li, 12C, 16O, 35Cl, 127I, 197Au beams;
 * 1H, 7Li, 14N recoils).
 *
 *  - Z1 = 1 and Z1 = 2: the H and He stopping of stopping.h (ICRU 49 tables and fits) at equal
 *    velocity, so 4He here gives the same electronic stopping as `interlayer stopping 4He`.
 *  - Z1 >= 3: the heavy-ion scaling of Ziegler, Biersack and Littmark (The Stopping and Range of
 *    Ions in Solids, Pergamon 1985, ch. 3): S_HI = S_p(v) (gamma Z1)^2 with the proton stopping
 *    S_p at the same velocity and the Brandt-Kitagawa effective charge fraction gamma (ionisation
 *    fraction from ZBL's fit, screening length with ZBL's per-target factor, target Fermi
 *    velocities from ZBL's table).
 *  - Nuclear stopping: ZBL universal (il_stopping_nuclear_zbl).
 *  - Straggling: Bohr, with Chu's binding correction and Yang's charge-state term (Q. Yang et al.,
 *    NIM B 61 (1991) 149), the effective charge entering as gamma^2.
 * Accuracy against measured heavy-ion stopping: docs/iba.md.
 *
 * Units: energies keV (total kinetic energy), stopping eV/tfu, straggling rate keV^2/tfu. */
#ifndef INTERLAYER_ION_STOPPING_H
#define INTERLAYER_ION_STOPPING_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/stopping.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Effective charge fraction gamma of ion Z1 at energy per mass E_keV_u (keV/u) in element Z2,
 * ZBL 1985 (about 0..1; ZBL's low-velocity correction can lift it a few % above 1); 1 for
 * Z1 <= 2 (their tables already contain it). */
IL_API double il_ion_effective_charge(int Z1, int Z2, double E_keV_u);

/* Electronic stopping (eV/tfu) of ion (Z1, M1_u) at E_keV in element Z2 (1..92), without
 * the nuclear part. IL_ERR_RANGE outside (0, 1e6 keV], IL_ERR_INVALID for a bad Z or mass. */
IL_API il_status il_ion_stopping_electronic(int Z1, double M1_u, int Z2, double E_keV,
                                            double *S_eV_tfu, il_error *err);

typedef struct il_ion_stopping il_ion_stopping;

/* A fast evaluator (log grid, 200 points per decade from 1 keV to emax_keV) for ion (Z1, M1_u)
 * in `target` (its factor, exclude_nuclear and straggling are honoured; user tables are not).
 * emax_keV <= 0 means 100 MeV. Immutable; may be shared between threads. */
IL_API il_status il_ion_stopping_new(int Z1, double M1_u, const il_stopping_target *target,
                                     double emax_keV, il_ion_stopping **out, il_error *err);
IL_API void il_ion_stopping_free(il_ion_stopping *s);

/* Total stopping (eV/tfu) and straggling rate (keV^2/tfu) at E_keV; clamped to the grid's ends
 * (below 1 keV the stopping is taken proportional to velocity). */
IL_API double il_ion_stopping_eval(const il_ion_stopping *s, double E_keV);
IL_API double il_ion_stopping_straggling_rate(const il_ion_stopping *s, double E_keV);
IL_API double il_ion_stopping_emax_keV(const il_ion_stopping *s);

/* Mean energy after crossing areal_tfu (>= 0) of the target, starting at E_keV, and the
 * straggling variance carried along (linear propagation: the incoming variance scaled by
 * (S_out/S_in)^2 plus the straggling accumulated on the way). Returns 0 keV when the ion stops.
 * var_keV2 may be NULL. */
IL_API double il_ion_stopping_advance(const il_ion_stopping *s, double E_keV, double areal_tfu,
                                      double *var_keV2);

#ifdef __cplusplus
}
#endif
#endif
