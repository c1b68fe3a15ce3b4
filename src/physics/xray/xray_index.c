/* The X-ray refractive index of a composition and the grazing-incidence penetration depth it
 * sets. δ and β come from the X-ray SLD (scattering/sld.c), so reflectometry and this file agree
 * on the same f1, f2. */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/scattering.h"
#include "interlayer/xray_depth.h"

il_status il_xray_index(const il_composition *c, double density_g_cm3, double energy_keV,
                        double *delta, double *beta, il_error *err)
{
    if (!(energy_keV > 0))
        return il_error_set(err, IL_ERR_INVALID, "X-ray energy %g keV: must be > 0", energy_keV);
    double re = 0, im = 0;
    il_status st = il_sld_xray(c, density_g_cm3, energy_keV, &re, &im, err);
    if (st)
        return st;
    double lambda_A = IL_HC_keV_A / energy_keV;
    /* SLD in 1e-6 Å⁻²: n = 1 - λ²ρ/2π for the real part, the imaginary part alike */
    double k = lambda_A * lambda_A / (2.0 * IL_PI) * 1e-6;
    if (delta)
        *delta = k * re;
    if (beta)
        *beta = k * im;
    return IL_OK;
}

double il_xray_critical_angle_rad(double delta) { return delta > 0 ? sqrt(2.0 * delta) : 0.0; }

double il_xray_penetration_depth_nm(double delta, double beta, double energy_keV, double theta_rad)
{
    if (!(theta_rad > 0) || !(energy_keV > 0))
        return NAN;
    double lambda_nm = IL_HC_keV_A / energy_keV / 10.0;
    double a = theta_rad * theta_rad - 2.0 * delta;
    /* B is Im sqrt(θ² - 2δ + 2iβ), written so that no cancellation occurs below θc */
    double r = hypot(a, 2.0 * beta);
    double B = a < 0 ? sqrt((r - a) / 2.0) : beta / sqrt((r + a) / 2.0);
    if (!(B > 0))
        return INFINITY;
    return lambda_nm / (4.0 * IL_PI * B);
}

il_status il_xray_grazing_depth_nm(const il_composition *c, double density_g_cm3,
                                   double energy_keV, double theta_rad, double *depth_nm,
                                   il_error *err)
{
    if (!depth_nm)
        return il_error_set(err, IL_ERR_INVALID, "il_xray_grazing_depth_nm: NULL argument");
    if (!(theta_rad > 0))
        return il_error_set(err, IL_ERR_INVALID, "grazing angle %g rad: must be > 0", theta_rad);
    double delta = 0, mu = 0;
    il_status st = il_xray_index(c, density_g_cm3, energy_keV, &delta, NULL, err);
    if (!st)
        st = il_xray_mu_per_cm(c, density_g_cm3, energy_keV, &mu, err);
    if (st)
        return st;
    double lambda_cm = IL_HC_keV_A / energy_keV * 1e-8;
    double beta = mu * lambda_cm / (4.0 * IL_PI);
    *depth_nm = il_xray_penetration_depth_nm(delta, beta, energy_keV, theta_rad);
    return IL_OK;
}
