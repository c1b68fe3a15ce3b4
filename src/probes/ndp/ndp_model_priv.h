/* Internals of the NDP forward model shared by the model, simulation and inversion sources. */
#ifndef IL_NDP_MODEL_PRIV_H
#define IL_NDP_MODEL_PRIV_H
#include "interlayer/ndp_calibrate.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"

#define NDP_MAX_REACTIONS 64
#define NDP_MAX_ANGLES 64

struct il_ndp_model {
    il_ndp_instrument ins;
    size_t nl;                 /* layers (substrate included) */
    char (*layer_name)[64];
    double *layer_top;         /* nl + 1 */
    size_t nr;                 /* reactions (rows of the table) */
    il_reaction rx[NDP_MAX_REACTIONS];
    double *iso_cm3;           /* [l * nr + r]: target isotope atoms/cm3 in layer l */
    double *frac;              /* [l * nr + r]: isotope fraction of its element in layer l */
    size_t ns;                 /* slices */
    double *edge;              /* ns + 1 */
    size_t *slice_layer;
    double *slice_iso;         /* [s * nr + r]: target isotope atoms/cm3 in slice s, the layer's
                                  concentration profiles applied (ndp_profile.c) */
    size_t nk;
    il_ndp_angle_node ang[NDP_MAX_ANGLES];
    double omega_sr;
    size_t np;
    il_ndp_particle part[2 * NDP_MAX_REACTIONS];
    size_t part_rx[2 * NDP_MAX_REACTIONS]; /* reaction index of particle p */
    double *exitE;             /* [(p * nk + k) * (ns + 1) + b] */
    double *exitS;             /* straggling sigma, same layout */
    size_t nch;
    double *ch_edge;           /* nch + 1 energies of channel edges */
    double *ch_centre;
    double *bkg;               /* nch */
};

/* Counts per atom/cm3 in slice s, from reaction-particle p, over all angle nodes (the product
 * fluence x time x sigma x thickness x Omega / 4 pi), and the angle share of node k. */
/* Fills m->slice_iso from the stack (layers without profiles: their iso_cm3, bit for bit). */
il_status ndp_slice_isotopes(il_ndp_model *m, const il_stack *stack, il_error *err);

double ndp_slice_factor(const il_ndp_model *m, size_t p, size_t s);

#endif
