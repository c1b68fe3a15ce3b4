/* Inside physics/stopping: the depth-energy curve of a stack of many layers through an exit map
 * tabulated on an energy grid (path_grid.c), used by il_depth_energy_curve. */
#ifndef IL_PHYSICS_STOPPING_PATH_GRID_H
#define IL_PHYSICS_STOPPING_PATH_GRID_H
#include <stddef.h>

#include "interlayer/stopping.h"

/* Up to this many layers il_depth_energy_curve always takes the direct path: it costs little
 * there, and stays the reference the grid is tested against. */
#define IL__CURVE_GRID_LAYERS 64

/* Advances b by x_nm in one slab (path.c); returns 1 if the particle stopped inside. */
int il__path_advance(const il_stopping *s, double atoms_cm3, double x_nm, il_beam *b);

/* 1 when the grid costs less than the direct path for these depths (more than
 * IL__CURVE_GRID_LAYERS layers and the depths cross enough of them). */
int il__depth_energy_grid_pays(const il_slab *L, size_t n, const double *depth_nm, size_t m);

/* il_depth_energy_curve for layers already checked, through the grid. */
il_status il__depth_energy_curve_grid(const il_slab *L, size_t n, double E0_keV, double inv_cos,
                                      const double *depth_nm, size_t m, il_beam *exit,
                                      il_error *err);
#endif
