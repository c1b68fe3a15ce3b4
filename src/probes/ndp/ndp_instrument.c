/* NDP instrument: defaults, validation and the energy calibration of the detector. */
#include <math.h>
#include <string.h>

#include "interlayer/ndp.h"
#include "interlayer/constants.h"

void il_ndp_instrument_default(il_ndp_instrument *ins)
{
    memset(ins, 0, sizeof *ins);
    ins->fluence_rate_n_cm2_s = 1e9;
    ins->live_time_s = 3600;
    ins->neutron_meV = IL_NEUTRON_THERMAL_meV;
    ins->geometry = IL_NDP_GEOMETRY_DETECTOR;
    ins->distance_mm = 50;
    ins->area_mm2 = 50;
    ins->angle_deg = 0;
    ins->solid_angle_sr = 0.02;
    ins->exit_angle_deg = 0;
    ins->angle_bins = 6;
    ins->channels = 1024;
    ins->gain_keV = 3.0;
    ins->offset_keV = 0;
    ins->quadratic_keV = 0;
    ins->fwhm_keV = 20;
    ins->dead_layer_nm = 0;
    strcpy(ins->detector_material, "Si");
    ins->gas_pressure_mbar = 0;
    ins->gas_temperature_K = 293.15;
    ins->foil_nm = 0;
    ins->bkg_flat_cps_keV = 0;
    ins->bkg_tail_cps_keV = 0;
    ins->bkg_tail_decay_keV = 100;
    ins->slice_nm = 10;
}

static il_status need(il_error *err, int ok, const char *field, double v, const char *want)
{
    if (ok)
        return IL_OK;
    return il_error_set(err, IL_ERR_INVALID, "instrument: %s = %g, expected %s", field, v, want);
}

#define POS(f) need(err, isfinite(ins->f) && ins->f > 0, #f, ins->f, "a finite value > 0")
#define NONNEG(f) need(err, isfinite(ins->f) && ins->f >= 0, #f, ins->f, "a finite value >= 0")

il_status il_ndp_instrument_check(const il_ndp_instrument *ins, il_error *err)
{
    il_status st;
    if ((st = POS(fluence_rate_n_cm2_s)) || (st = POS(live_time_s)) || (st = POS(neutron_meV)) ||
        (st = POS(distance_mm)) || (st = POS(fwhm_keV)) || (st = NONNEG(dead_layer_nm)) ||
        (st = NONNEG(gas_pressure_mbar)) || (st = POS(gas_temperature_K)) ||
        (st = NONNEG(foil_nm)) || (st = NONNEG(bkg_flat_cps_keV)) ||
        (st = NONNEG(bkg_tail_cps_keV)) || (st = POS(bkg_tail_decay_keV)) || (st = POS(slice_nm)))
        return st;
    /* Upper bounds with their reason in the message: a beam 1e4 times the brightest NDP beam
     * (~1e9 n/cm2/s), ten years of counting, and the 1 keV up to which the 1/v capture cross
     * sections the model uses hold. */
    if ((st = need(err, ins->fluence_rate_n_cm2_s <= IL_NDP_MAX_FLUENCE_RATE, "fluence_rate_n_cm2_s",
                   ins->fluence_rate_n_cm2_s,
                   "0 < rate <= 1e13 n/cm2/s (1e4 x the brightest NDP beam)")) ||
        (st = need(err, ins->live_time_s <= IL_NDP_MAX_LIVE_TIME_S, "live_time_s",
                   ins->live_time_s, "0 < time <= 3.2e8 s (ten years)")) ||
        (st = need(err, ins->neutron_meV <= IL_NDP_MAX_NEUTRON_meV, "neutron_meV",
                   ins->neutron_meV,
                   "0 < energy <= 1e6 meV (1 keV: the 1/v cross sections hold below it)")))
        return st;
    if (ins->geometry == IL_NDP_GEOMETRY_DETECTOR) {
        if ((st = POS(area_mm2)) ||
            (st = need(err, isfinite(ins->angle_deg) && ins->angle_deg >= 0 && ins->angle_deg < 90,
                       "angle_deg", ins->angle_deg, "0 <= angle < 90 degrees")))
            return st;
    } else if (ins->geometry == IL_NDP_GEOMETRY_SOLID_ANGLE) {
        if ((st = need(err, isfinite(ins->solid_angle_sr) && ins->solid_angle_sr > 0 &&
                                ins->solid_angle_sr <= 2 * IL_PI,
                       "solid_angle_sr", ins->solid_angle_sr, "0 < solid angle <= 2 pi sr")) ||
            (st = need(err, isfinite(ins->exit_angle_deg) && ins->exit_angle_deg >= 0 &&
                                ins->exit_angle_deg < 90,
                       "exit_angle_deg", ins->exit_angle_deg, "0 <= angle < 90 degrees")))
            return st;
    } else {
        return il_error_set(err, IL_ERR_INVALID, "instrument: unknown geometry %d",
                            (int)ins->geometry);
    }
    if (ins->angle_bins < 1 || ins->angle_bins > 64)
        return il_error_set(err, IL_ERR_INVALID, "instrument: angle_bins = %d, expected 1..64",
                            ins->angle_bins);
    if (ins->channels < 2 || ins->channels > (1 << 20))
        return il_error_set(err, IL_ERR_INVALID, "instrument: channels = %d, expected 2..1048576",
                            ins->channels);
    if (!isfinite(ins->gain_keV) || !isfinite(ins->offset_keV) || !isfinite(ins->quadratic_keV))
        return il_error_set(err, IL_ERR_INVALID, "instrument: calibration must be finite");
    /* The calibration must rise over the whole spectrum, or energies would not map to channels. */
    double n = ins->channels;
    if (ins->gain_keV - ins->quadratic_keV <= 0 || ins->gain_keV + 2 * ins->quadratic_keV * n <= 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "instrument: calibration gain %g keV/ch, quadratic %g keV/ch^2 does not "
                            "increase over channels 0..%d",
                            ins->gain_keV, ins->quadratic_keV, ins->channels);
    if (ins->foil_nm > 0 && ins->foil[0] == '\0')
        return il_error_set(err, IL_ERR_INVALID, "instrument: foil_nm = %g but no foil material",
                            ins->foil_nm);
    if (ins->gas[0] && ins->gas_pressure_mbar <= 0)
        return il_error_set(err, IL_ERR_INVALID, "instrument: gas '%s' needs gas_pressure_mbar > 0",
                            ins->gas);
    return IL_OK;
}

double il_ndp_channel_energy_keV(const il_ndp_instrument *ins, double ch)
{
    return ins->offset_keV + ins->gain_keV * ch + ins->quadratic_keV * ch * ch;
}

double il_ndp_energy_channel(const il_ndp_instrument *ins, double E)
{
    double a = ins->quadratic_keV, b = ins->gain_keV, c = ins->offset_keV - E;
    if (fabs(a) < 1e-15 * fabs(b))
        return -c / b;
    double disc = b * b - 4 * a * c;
    if (disc < 0)
        return NAN;
    /* The root on the rising branch; written to avoid cancellation. */
    double q = -0.5 * (b + copysign(sqrt(disc), b));
    double r1 = q / a, r2 = c / q;
    double lo = -0.5 - 1e-9, hi = ins->channels;
    if (r2 >= lo && (r2 <= hi || !(r1 >= lo && r1 <= hi)))
        return r2;
    return r1;
}
