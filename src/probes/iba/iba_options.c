/* Options of the IBA probe: defaults and the geometry (interlayer/iba.h). */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/iba.h"

void il_iba_options_default(il_iba_options *o)
{
    *o = (il_iba_options){
        .technique = IL_IBA_RBS,
        .beam_Z = 2,
        .beam_A = 4,
        .energy_keV = 2000.0,
        .geometry = IL_IBA_IBM,
        .theta_deg = 165.0,
        .fluence = 1e12,
        .solid_angle_msr = 1.0,
        .resolution_keV = 15.0,
        .channels = 1024,
        .cal_gain_keV = 2.0,
        .screening = IL_SCREEN_ANDERSEN,
        .straggling = IL_STRAG_YANG,
    };
}

il_status il_iba_exit_angle(const il_iba_options *o, double *beta, il_error *err)
{
    if (!(o->theta_deg > 0.0 && o->theta_deg < 180.0))
        return il_error_set(err, IL_ERR_INVALID, "scattering angle %g deg: expected 0 < theta "
                            "< 180", o->theta_deg);
    if (!(o->alpha_deg >= 0.0 && o->alpha_deg < 90.0))
        return il_error_set(err, IL_ERR_INVALID, "incidence angle (tilt) %g deg: expected 0 <= "
                            "alpha < 90 from the sample normal", o->alpha_deg);
    double b;
    switch (o->geometry) {
    case IL_IBA_IBM:
        b = fabs(180.0 - o->theta_deg - o->alpha_deg);
        break;
    case IL_IBA_CORNELL: {
        double d = IL_PI / 180.0;
        double c = -cos(o->theta_deg * d) * cos(o->alpha_deg * d);
        b = c > -1.0 && c < 1.0 ? acos(c) / d : (c >= 1.0 ? 0.0 : 180.0);
        break;
    }
    default:
        b = o->beta_deg;
        break;
    }
    if (!(b >= 0.0 && b < 90.0))
        return il_error_set(err, IL_ERR_INVALID,
                            "geometry cannot be realised: theta %g deg, alpha %g deg give an "
                            "exit angle of %g deg from the normal (the detector must see the "
                            "surface: beta < 90)", o->theta_deg, o->alpha_deg, b);
    *beta = b;
    return IL_OK;
}
