/* Internal to the NDP fits: the depth resolution at a depth and the excess Li a profile holds
 * within a resolution window of a layer break (the interlayer start values, the resolution
 * spill of the inventories and the operando interlayer window). */
#ifndef IL_NDP_WINDOW_H
#define IL_NDP_WINDOW_H
#include <stddef.h>

#include "interlayer/ndp_model.h"

/* Smallest depth resolution (FWHM, nm) any Li particle has at depth z: what the joint alpha +
 * triton inversion resolves there. NaN when none escapes. */
double il__ndp_resolution_at(const il_ndp_model *m, double z_nm);

/* Li (atoms/cm2) that conc (atoms/cm3 per slice) holds within [z_b - w, z_b + w] above the
 * levels of the layer above (up) and below (dn) the break at z_b, each level the mean of that
 * layer's slices between w and 2w from the break (the whole layer outside the window if it is
 * thinner; its window mean if nothing is left, so a thin layer adds no excess of its own).
 * *inside (may be NULL): all the Li in the window. */
double il__ndp_window_excess(const il_ndp_model *m, const double *conc, double z_b, double w,
                             size_t up, size_t dn, double *inside);

/* Resolution spill per layer (n_layers values): for every break, half the absolute window
 * excess, given to both layers next to it, summed in quadrature per layer. */
void il__ndp_spill(const il_ndp_model *m, const double *conc, double *spill);

#endif
