/* PIGE: particle-induced gamma-ray yields of a stack (e.g. the 478 keV gamma of
 * 7Li(p,p'gamma)7Li, the lithium line of battery PIGE), from a given excitation function.
 *
 * The beam (il_iba_options: ion, energy, energy spread, tilt alpha, fluence; the straggling
 * model and the accurate flag) slows down through the layers; each layer contributes
 *   counts = fluence x Omega x efficiency x integral n(x) sigma(E(x)) dx / cos(alpha),
 * n the target nuclide's share of the atoms, sigma the excitation function (mb/sr at the gamma
 * detector's angle, an R33 block or a two-column table turned into an il_sigma_table), Omega
 * the options' solid_angle_msr and efficiency the gamma detector's intrinsic full-energy-peak
 * efficiency at the line. For a thick layer this is the thick-target yield
 * fluence Omega eps f integral_{E_out}^{E_in} sigma(E) / S(E) dE, S the stopping per atom of
 * the layer. The target nuclide is the table's (Zeds and Masses: 3 and 7 for 7Li). */
#ifndef INTERLAYER_IBA_PIGE_H
#define INTERLAYER_IBA_PIGE_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/iba.h"
#include "interlayer/iba_sigma.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t layer;           /* index in the stack (the substrate last) */
    double counts;          /* gamma counts in the peak */
    double beam_top_keV;    /* mean beam energy entering the layer */
    double beam_bottom_keV; /* leaving it, or where the counting ended (beam stopped: 0;
                               below the table: sigma is 0 from there on) */
    double target_tfu;      /* target nuclide crossed along the path, 1e15 atoms/cm2 */
} il_iba_pige_row;

/* Fills one row per layer the beam reaches (up to max; NULL rows: count only) into *n and the
 * total into *total (may be NULL). IL_ERR_INVALID for bad options or efficiency outside
 * (0, 1]; IL_ERR_RANGE when the beam energy lies above the table. */
IL_API il_status il_iba_pige(const il_stack *stack, const il_iba_options *o,
                             const il_sigma_table *sigma, double efficiency,
                             il_iba_pige_row *rows, size_t max, size_t *n, double *total,
                             il_error *err);

#ifdef __cplusplus
}
#endif
#endif
