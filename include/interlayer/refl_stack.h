/* Reflectometry of the project's stacks (include/interlayer/stack.h): the same stack the other
 * probes read becomes a slab model and an SLD profile. */
#ifndef INTERLAYER_REFL_STACK_H
#define INTERLAYER_REFL_STACK_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/refl.h"
#include "interlayer/refl_layer.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Model layers for a stack, beam side first: a vacuum fronting medium, every layer (thickness
 * nm -> Å; composition, density and isotope enrichment from the stack, enriched elements split
 * into their isotopes) and the substrate as backing medium (vacuum when the stack has none).
 * A stack layer's roughness (its lower interface) becomes the top-interface roughness of the
 * model layer below it. *layers (free()) receives *n entries. */
IL_API il_status il_refl_stack_layers(const il_stack *s, il_refl_layer_model **layers, size_t *n,
                                      il_error *err);

/* SLD profile of a stack for a probe at depths z_A[] (Å below the stack's surface; negative is
 * the vacuum above), with error-function interfaces (il_refl_profile). Either output may be NULL. */
IL_API il_status il_refl_stack_profile(const il_stack *s, const il_refl_probe *probe,
                                       const double *z_A, size_t nz, double *sld_re_1e6,
                                       double *sld_im_1e6, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
