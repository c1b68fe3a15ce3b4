/* The NDP model's link to the stopping engine, kept in one translation unit so the model code
 * depends only on these few calls (media, ranges, exit-energy curves). */
#ifndef IL_NDP_EXIT_H
#define IL_NDP_EXIT_H
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/formula.h"

#define NDP_N_IONS 5 /* 1H 2H 3H 3He 4He, the order of il_ion */

typedef struct il_stopping il_stopping;

typedef struct {
    il_stopping *s[NDP_N_IONS];
    double atoms_cm3;
    double thickness_nm; /* INFINITY for a substrate */
} ndp_medium;

/* Index of the ion (Z, A) in il_ion order, or -1 when the stopping engine does not cover it. */
int ndp_ion_index(int Z, int A);
/* Stopping tables for the ions flagged in need[] for a medium of formula f. */
il_status ndp_medium_make(const il_formula *f, double factor, const int *need, ndp_medium *md,
                          il_error *err);
void ndp_medium_free(ndp_medium *md);
/* CSDA range (nm) of ion at E0 in the medium; NaN on failure. */
double ndp_range_nm(const ndp_medium *md, int ion, double E0_keV);

/* One "layer" crossed on the way out: a medium and the thickness it has along the sample
 * normal for this exit angle. */
typedef struct {
    const ndp_medium *md;
    double thickness_nm;
} ndp_exit_layer;

/* Exit energy and straggling sigma of ion born with E0 at each depth (nm, measured from the top
 * of lay[0]), leaving at theta_deg from the normal (il_depth_energy_curve). */
il_status ndp_exit_curve(const ndp_exit_layer *lay, size_t n, int ion, double E0_keV,
                         double theta_deg, const double *depth_nm, size_t m, double *E_keV,
                         double *sigma_keV, il_error *err);

#endif
