/* The ion-beam part of the advisor: the verdicts (advise_iba.c) and the ion paths through the
 * stack they are computed with (advise_iba_path.c). */
#ifndef IL_ADVISE_IBA_H
#define IL_ADVISE_IBA_H
#include <stddef.h>

#include "interlayer/ion_stopping.h"
#include "interlayer/stack.h"

/* One ion's stopping in every layer of a stack. */
typedef struct {
    const il_stack *s;
    size_t n;
    il_ion_stopping **st;
} il__iba_path;

il_status il__iba_path_new(const il_stack *s, int Z1, double M1_u, il__iba_path *p,
                           il_error *err);
void il__iba_path_free(il__iba_path *p);
/* Mean energy (keV, 0 when stopped) after crossing depths z0..z1 (nm) going down (down = 1) or
 * up, along a path at angle acos(cos_path) from the normal; var_keV2 (may be NULL) carries the
 * energy variance (incoming variance scaled, straggling added). */
double il__iba_cross(const il__iba_path *p, double z0_nm, double z1_nm, int down, double cos_path,
                     double E_keV, double *var_keV2);
/* Stopping (keV per nm of path) of the ion at E_keV in layer `layer`. */
double il__iba_keV_nm(const il__iba_path *p, size_t layer, double E_keV);
/* Index of the layer holding depth z (the substrate below the last finite layer). */
size_t il__iba_layer_at(const il_stack *s, double z_nm);
/* Standard atomic weight of element Z (u). */
double il__iba_mass_u(int Z);

#endif
