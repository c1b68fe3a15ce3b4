/* Internal to matter: the files that change a stack's layers in place. */
#ifndef IL_STACK_INTERNAL_H
#define IL_STACK_INTERNAL_H
#include <stddef.h>

#include "interlayer/stack.h"

/* Layer i of the stack, writable (NULL when i is out of range). Callers keep the layer's
 * derived numbers consistent; stack.c's setters recompute them. */
il_layer *il__stack_layer_mut(il_stack *s, size_t i);

#endif
