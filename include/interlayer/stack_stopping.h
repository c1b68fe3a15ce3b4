/* Stopping tables for every layer of a stack: the bridge from the stack model (matter) to the
 * stopping engine (physics), used by depth-energy, NDP and ion-beam probes alike. */
#ifndef INTERLAYER_STACK_STOPPING_H
#define INTERLAYER_STACK_STOPPING_H
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/stack.h"
#include "interlayer/stopping.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_stack_stopping il_stack_stopping;

/* Builds one fast stopping object per layer for `ion` (layer composition from its formula,
 * the layer's stopping_factor as the Bragg correction, the given straggling model). The
 * substrate, if any, gets thickness INFINITY. The result does not refer to `stack` after it
 * returns. */
il_status il_stack_stopping_new(const il_stack *stack, il_ion ion, il_straggling_model model,
                                il_stack_stopping **out, il_error *err);
void il_stack_stopping_free(il_stack_stopping *ss);

/* The layers, from the surface down, ready for il_depth_energy and friends. */
size_t il_stack_stopping_count(const il_stack_stopping *ss);
const il_slab *il_stack_stopping_layers(const il_stack_stopping *ss);

/* Builds the stopping target of one layer into caller storage (Z and atoms must hold
 * IL_FORMULA_MAX entries). */
void il_layer_stopping_target(const il_layer *layer, int *Z, double *atoms,
                              il_stopping_target *target);

#ifdef __cplusplus
}
#endif
#endif
