/* The NDP model's link to the stopping engine, through the stack->stopping bridge
 * (stack_stopping.h): the sample's layers come from il_stack_stopping_new, one per ion that a
 * reaction emits; the media in front of the detector from il_formula_stopping_new. Kept in one
 * translation unit so the model code depends only on these few calls. */
#ifndef IL_NDP_EXIT_H
#define IL_NDP_EXIT_H
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/formula.h"
#include "interlayer/stack_stopping.h"

/* The sample for every ion flagged in need[] (IL_ION_COUNT entries): ss[ion] holds the stack's
 * layers from the surface down, NULL for ions not needed. */
il_status ndp_sample_make(const il_stack *stack, const int *need, il_stack_stopping **ss,
                          il_error *err);
void ndp_sample_free(il_stack_stopping **ss);

/* A medium between sample and detector (dead layer, foil, gas): stopping of each needed ion. */
typedef struct {
    il_stopping *s[IL_ION_COUNT];
    double atoms_cm3;
    double thickness_nm;
} ndp_medium;

/* Stopping tables for the ions flagged in need[] for a medium of formula f. */
il_status ndp_medium_make(const il_formula *f, const int *need, ndp_medium *md, il_error *err);
void ndp_medium_free(ndp_medium *md);

/* CSDA range (nm) of an ion born with E0 in one slab (its stopping is the ion's); NaN on
 * failure. */
double ndp_range_nm(const il_slab *slab, double E0_keV);

/* Exit energy and straggling sigma of ion born with E0 at each depth (nm, measured from the top
 * of lay[0]), leaving at theta_deg from the normal (il_depth_energy_curve). */
il_status ndp_exit_curve(const il_slab *lay, size_t n, double E0_keV, double theta_deg,
                         const double *depth_nm, size_t m, double *E_keV, double *sigma_keV,
                         il_error *err);

#endif
