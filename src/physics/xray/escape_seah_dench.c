/* Attenuation length of slow electrons from the universal curves of M. P. Seah and W. A. Dench,
 * Surf. Interface Anal. 1 (1979) 2, eqs. (5) and (6), in monolayers of thickness a (nm):
 *   elements:            λ_m = 538 / E² + 0.41 (a E)^0.5
 *   inorganic compounds: λ_m = 2170 / E² + 0.72 (a E)^0.5
 * with E the electron energy above the Fermi level (eV) and a³ the mean volume per atom.
 * TPP-2M stops at 50 eV; total electron yield is carried by secondary electrons of a few eV to a
 * few tens of eV (B. H. Frazer et al., Surf. Sci. 537 (2003) 161; J. Stöhr, NEXAFS
 * Spectroscopy, Springer 1992, Sec. 5.3), whose escape is what Seah and Dench fitted down to
 * ~1 eV. Its 2170/E² term is why insulators give TEY depths of ~10 nm and metals of a few nm. */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/xray_depth.h"

il_status il_electron_attenuation_seah_dench_nm(const il_composition *c, double density_g_cm3,
                                                double energy_eV, double *length_nm,
                                                il_error *err)
{
    if (!c || !length_nm)
        return il_error_set(err, IL_ERR_INVALID, "Seah-Dench: NULL argument");
    if (!(energy_eV >= 1) || !(density_g_cm3 > 0))
        return il_error_set(err, IL_ERR_RANGE,
                            "Seah-Dench: energy %g eV must be >= 1 and density %g g/cm3 > 0",
                            energy_eV, density_g_cm3);
    double M = 0, atoms = 0;
    il_status st = il_composition_molar_mass(c, &M, err);
    if (st)
        return st;
    for (size_t i = 0; i < c->n; i++)
        atoms += c->atoms[i];
    if (!(M > 0) || !(atoms > 0))
        return il_error_set(err, IL_ERR_INVALID, "Seah-Dench: empty composition");
    /* mean volume per atom (cm³) -> monolayer thickness a (nm) */
    double vol_cm3 = M / (density_g_cm3 * IL_AVOGADRO * atoms);
    double a_nm = cbrt(vol_cm3) * 1e7;
    double E = energy_eV;
    int compound = c->n > 1;
    double lam_ml = compound ? 2170.0 / (E * E) + 0.72 * sqrt(a_nm * E)
                             : 538.0 / (E * E) + 0.41 * sqrt(a_nm * E);
    *length_nm = lam_ml * a_nm;
    return IL_OK;
}

il_status il_xas_tey_depth_nm(const il_composition *c, double density_g_cm3, double *depth_nm,
                              il_error *err)
{
    double L = 0;
    il_status st =
        il_electron_attenuation_seah_dench_nm(c, density_g_cm3, IL_TEY_SECONDARY_eV, &L, err);
    if (st)
        return st;
    *depth_nm = 3.0 * L; /* 95 % of the escaping secondaries, as for photoelectrons */
    return IL_OK;
}
