/* X-ray attenuation of a composition from xraylib's total cross sections, and the fluorescence
 * information depth built on it. xraylib's errors become il_error here. */
#include <math.h>
#include <xraylib.h>

#include "interlayer/xray_depth.h"

/* Mass of one species' atoms in a formula unit, g/mol: the composition layer's own weights
 * (standard atomic weight, or the isotope's mass), so mass fractions match the molar mass. */
static il_status species_mass(const il_composition *c, size_t i, double *g_mol, il_error *err)
{
    il_composition one = {0};
    one.n = 1;
    one.Z[0] = c->Z[i];
    one.A[0] = c->A[i];
    one.atoms[0] = c->atoms[i];
    return il_composition_molar_mass(&one, g_mol, err);
}

il_status il_xray_mu_per_cm(const il_composition *c, double density_g_cm3, double energy_keV,
                            double *mu_per_cm, il_error *err)
{
    if (!c || !mu_per_cm)
        return il_error_set(err, IL_ERR_INVALID, "il_xray_mu_per_cm: NULL argument");
    if (!(density_g_cm3 > 0) || !(energy_keV > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "X-ray attenuation: density %g g/cm3 and energy %g keV must be > 0",
                            density_g_cm3, energy_keV);
    double M = 0;
    il_status st = il_composition_molar_mass(c, &M, err);
    if (st)
        return st;
    if (!(M > 0))
        return il_error_set(err, IL_ERR_INVALID, "X-ray attenuation: empty composition");
    double mu_rho = 0; /* cm2/g */
    for (size_t i = 0; i < c->n; i++) {
        double m = 0;
        if ((st = species_mass(c, i, &m, err)))
            return st;
        if (m == 0)
            continue;
        xrl_error *xe = NULL;
        double cs = CS_Total(c->Z[i], energy_keV, &xe);
        if (xe) {
            st = il_error_set(err, IL_ERR_RANGE, "xraylib: Z = %d at %g keV: %s", c->Z[i],
                              energy_keV, xe->message);
            xrl_error_free(xe);
            return st;
        }
        mu_rho += m / M * cs;
    }
    *mu_per_cm = mu_rho * density_g_cm3;
    return IL_OK;
}

il_status il_xray_fluorescence_depth_nm(const il_composition *c, double density_g_cm3,
                                        double energy_in_keV, double alpha_rad,
                                        double energy_out_keV, double beta_rad, double *depth_nm,
                                        il_error *err)
{
    if (!depth_nm)
        return il_error_set(err, IL_ERR_INVALID, "il_xray_fluorescence_depth_nm: NULL argument");
    if (!(alpha_rad > 0) || !(beta_rad > 0))
        return il_error_set(err, IL_ERR_INVALID,
                            "fluorescence depth: incidence %g rad and exit %g rad must be > 0",
                            alpha_rad, beta_rad);
    double mu_in = 0, mu_out = 0;
    il_status st = il_xray_mu_per_cm(c, density_g_cm3, energy_in_keV, &mu_in, err);
    if (!st)
        st = il_xray_mu_per_cm(c, density_g_cm3, energy_out_keV, &mu_out, err);
    if (st)
        return st;
    double inv_cm = mu_in / sin(alpha_rad) + mu_out / sin(beta_rad);
    *depth_nm = 1e7 / inv_cm;
    return IL_OK;
}
