/* Space charge (cell.h): the Debye length, the distance over which a mobile carrier screens a
 * potential step at an interface (the review's Figure 4e). */
#include <math.h>

#include "cell/cell_internal.h"
#include "interlayer/constants.h"

double il_debye_length_nm(double eps_r, double carriers_cm3, double T_K)
{
    if (!(eps_r > 0) || !(carriers_cm3 > 0) || !(T_K > 0))
        return NAN;
    double e = IL_ELEMENTARY_CHARGE_C;
    double lam_m = sqrt(eps_r * IL_VACUUM_PERMITTIVITY_F_PER_M * IL_BOLTZMANN_J_PER_K * T_K /
                        (e * e * carriers_cm3 * 1e6));
    return lam_m * 1e9;
}
