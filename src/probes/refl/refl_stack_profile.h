/* Slicing of profiled stack layers for reflectometry (internal; refl_stack.c's only helper). */
#ifndef IL_REFL_STACK_PROFILE_H
#define IL_REFL_STACK_PROFILE_H
#include <stddef.h>

#include "interlayer/refl_layer.h"
#include "interlayer/stack.h"

/* Largest SLD change (1e-6 Å⁻², real part, neutrons at 1.798 Å and Cu Kα X-rays each) within one
 * sublayer of a profiled layer, and the most sublayers one layer may become; when the cap would
 * be passed the bound is relaxed until the cap holds. 0.01e-6 Å⁻² is 2 % of the neutron SLD
 * change of a full Li3PO4 -> LiPO4 delithiation (0.49e-6 Å⁻²), and its effect on R is below
 * 1e-3 relative in tests/probes/refl/test_refl_stack_profile.c. */
#define IL_REFL_PROFILE_MAX_STEP_1E6 0.01
#define IL_REFL_PROFILE_MAX_SLICES 400

/* Replaces every model layer that stands for a stack layer with profiles (entry i + 1 for stack
 * layer i, as il_refl_stack_layers makes them) by sublayers with each its mean composition; the
 * first keeps the layer's top roughness, the others are sharp. *layers is reallocated and *n
 * updated; a stack without profiles leaves both untouched. */
il_status refl_stack_slice_profiles(const il_stack *s, il_refl_layer_model **layers, size_t *n,
                                    il_error *err);

#endif
