/* Internal to the library: rebuilding a stack layer by layer with a changed formula. Shared by
 * cell (a state's mean Li into its formula) and probes/ndp (an inversion's Li into its formula),
 * which both keep a layer's formula units per cm3 and let its density follow the molar mass. */
#ifndef IL_LAYER_RESPEC_H
#define IL_LAYER_RESPEC_H
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/formula.h"
#include "interlayer/stack.h"

/* Formula units per cm3 of layer L (its atoms per cm3 over its formula's atoms), which the
 * profiles and these rebuilds keep fixed; 0 for an empty formula. */
double il__layer_formula_units_cm3(const il_layer *L);

/* The spec that adds layer L again as it is (thickness in nm; profiles are added apart). Its
 * pointers (name, material, enrichment) point into L. */
void il__layer_spec_of(const il_layer *L, il_layer_spec *sp);

/* f with `count` of element Z per formula unit (natural isotopes when added). At or below
 * min_count the element is dropped, unless it is f's only one; a new element that does not fit
 * in IL_FORMULA_MAX leaves f as it is. */
void il__formula_set_count(il_formula *f, int Z, double count, double min_count);

/* sp's material and density for layer L with formula f instead of its own: formula units per
 * cm3 kept, density from f's molar mass (with L's enrichment). The material text is written
 * to text[size], which must outlive sp's use. */
il_status il__layer_spec_reformulate(const il_layer *L, const il_formula *f, char *text,
                                     size_t size, il_layer_spec *sp, il_error *err);

/* The new Li of layer L (number l of its stack) for il__stack_respec_li: Li per formula unit,
 * or NaN to keep the layer as it is. */
typedef double (*il__li_per_fu_fn)(const il_layer *L, size_t l, const void *ctx);

/* A copy of s in which every layer that li_per_fu gives a number gets that Li per formula unit
 * (il__formula_set_count with min_count, then il__layer_spec_reformulate). The layers'
 * concentration profiles go along, except, with drop_li_profiles, the Li profiles of a layer
 * whose Li was replaced. On failure *out is NULL and *failed the layer that could not be added
 * or given its profiles (for the caller's message), or the count of s when the message already
 * says what failed (the new stack, or a refused formula). */
il_status il__stack_respec_li(const il_stack *s, il__li_per_fu_fn li_per_fu, const void *ctx,
                              double min_count, int drop_li_profiles, il_stack **out,
                              size_t *failed, il_error *err);

#endif
