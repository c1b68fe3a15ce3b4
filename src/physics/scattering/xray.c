/* X-ray atomic scattering factors through xraylib, which is the only file that calls it: its
 * error objects are turned into il_error here. */
#include <math.h>
#include <xraylib.h>

#include "interlayer/scattering.h"

il_status il_scattering_xray_f(int Z, double energy_keV, double *f1, double *f2, il_error *err)
{
    xrl_error *xe = NULL;
    double fp = Fi(Z, energy_keV, &xe);
    double fpp = xe ? 0.0 : Fii(Z, energy_keV, &xe);
    if (xe) {
        il_status st = il_error_set(err, IL_ERR_RANGE, "xraylib: Z = %d at %g keV: %s", Z,
                                    energy_keV, xe->message);
        xrl_error_free(xe);
        return st;
    }
    if (f1)
        *f1 = Z + fp;
    /* xraylib returns f'' with a negative sign (f = f0 + f' - i f''); absorption is f2 > 0 */
    if (f2)
        *f2 = fabs(fpp);
    return IL_OK;
}
