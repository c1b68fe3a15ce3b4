/* Stopping tables for every layer of a stack, and for media outside it (an instrument's foil,
 * gas, detector dead layer): the bridge from the stack model (matter) to the stopping engine
 * (physics), used by depth-energy, NDP and ion-beam probes alike. */
#ifndef INTERLAYER_STACK_STOPPING_H
#define INTERLAYER_STACK_STOPPING_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/stack.h"
#include "interlayer/stopping.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_stack_stopping il_stack_stopping;

/* Builds one fast stopping object per layer for `ion` (il_layer_stopping_target:
 * the layer's stopping_factor as the Bragg correction, the given straggling model). The
 * substrate, if any, gets thickness INFINITY. The result does not refer to `stack` after it
 * returns. */
IL_API il_status il_stack_stopping_new(const il_stack *stack, il_ion ion, il_straggling_model model,
                                       il_stack_stopping **out, il_error *err);
IL_API void il_stack_stopping_free(il_stack_stopping *ss);

/* The layers, from the surface down, ready for il_depth_energy and friends. */
IL_API size_t il_stack_stopping_count(const il_stack_stopping *ss);
IL_API const il_slab *il_stack_stopping_layers(const il_stack_stopping *ss);

/* A medium that is not a layer of the stack (a detector's dead layer, a foil, a gas), or one
 * layer on its own: the stopping of `ion` in `formula`, with `factor` multiplying the electronic
 * stopping (<= 0 means 1) and the given straggling model. Built exactly as the layers of
 * il_stack_stopping_new, so a probe that mixes both sees one convention. */
IL_API il_status il_formula_stopping_new(const il_formula *formula, double factor, il_ion ion,
                                         il_straggling_model model, il_stopping **out,
                                         il_error *err);

/* The stopping target of a composition (factor <= 0 means 1); it points into `c`, which must
 * outlive it. Isotopes stop like their element (the engine sums species of one Z): electronic
 * stopping depends on the target's electrons, and an isotope's mass changes the nuclear part
 * by under 1 % of a quantity that is itself under 1 % at NDP energies. The straggling model is
 * left at its default, IL_STRAG_YANG. */
IL_API void il_composition_stopping_target(const il_composition *c, double factor,
                                           il_stopping_target *target);

/* The stopping target of one layer: its composition (il_layer_composition, written to
 * *storage, which must outlive the target) and its stopping_factor. */
IL_API il_status il_layer_stopping_target(const il_layer *layer, il_composition *storage,
                                          il_stopping_target *target, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
