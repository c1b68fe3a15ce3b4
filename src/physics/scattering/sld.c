/* Scattering length densities of a composition: Σ over atoms of number density times the
 * neutron scattering length or the X-ray scattering factor (see scattering.h). */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/scattering.h"

/* Classical electron radius, Å (CODATA 2018). */
/* N_A·1e-24: atoms per Å³ from (g/cm³)/(g/mol). */
#define NA_PER_A3 0.602214076

static il_status check_composition(const int *Z, const double *atoms, size_t n, il_error *err)
{
    if (n == 0 || !Z || !atoms)
        return il_error_set(err, IL_ERR_INVALID, "empty composition");
    for (size_t i = 0; i < n; i++) {
        if (!il_element_by_z(Z[i]))
            return il_error_set(err, IL_ERR_INVALID, "composition entry %zu: Z = %d is not 1..%d",
                                i, Z[i], IL_Z_MAX);
        if (!(atoms[i] >= 0.0) || !isfinite(atoms[i]))
            return il_error_set(err, IL_ERR_INVALID,
                                "composition entry %zu: %g atoms per formula unit", i, atoms[i]);
    }
    return IL_OK;
}

il_status il_sld_molar_mass(const int *Z, const int *A, const double *atoms, size_t n,
                            double *g_mol, il_error *err)
{
    il_status st = check_composition(Z, atoms, n, err);
    if (st)
        return st;
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        double mi;
        if (A && A[i] > 0) {
            if ((st = il_nuclide_mass_u(Z[i], A[i], &mi, err)))
                return st;
        } else {
            mi = il_element_by_z(Z[i])->atomic_weight_u;
            if (!isfinite(mi))
                return il_error_set(err, IL_ERR_NOT_FOUND,
                                    "%s has no standard atomic weight; give the isotope",
                                    il_element_by_z(Z[i])->symbol);
        }
        m += atoms[i] * mi;
    }
    *g_mol = m;
    return IL_OK;
}

/* Formula units per Å³. */
static il_status formula_density(const int *Z, const int *A, const double *atoms, size_t n,
                                 double density_g_cm3, double molar_mass_g_mol, double *out,
                                 il_error *err)
{
    if (!(density_g_cm3 >= 0.0) || !isfinite(density_g_cm3))
        return il_error_set(err, IL_ERR_INVALID, "mass density %g g/cm³ must be >= 0",
                            density_g_cm3);
    double M = molar_mass_g_mol;
    if (!(M > 0.0)) {
        il_status st = il_sld_molar_mass(Z, A, atoms, n, &M, err);
        if (st)
            return st;
        if (!(M > 0.0))
            return il_error_set(err, IL_ERR_INVALID, "composition has zero mass");
    }
    *out = density_g_cm3 / M * NA_PER_A3;
    return IL_OK;
}

il_status il_sld_neutron(const int *Z, const int *A, const double *atoms, size_t n,
                         double density_g_cm3, double molar_mass_g_mol, double wavelength_A,
                         unsigned flags, double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    il_status st = check_composition(Z, atoms, n, err);
    double nf;
    if (st || (st = formula_density(Z, A, atoms, n, density_g_cm3, molar_mass_g_mol, &nf, err)))
        return st;
    double re = 0.0, im = 0.0;
    for (size_t i = 0; i < n; i++) {
        double bre, bim;
        int Ai = A ? A[i] : 0;
        if ((st = il_scattering_neutron_b(Z[i], Ai, wavelength_A, &bre, &bim, err)))
            return st;
        double sinc;
        if ((flags & IL_SLD_INCOHERENT) &&
            il_scattering_neutron_sigma(Z[i], Ai, NULL, &sinc, NULL) == IL_OK && isfinite(sinc))
            bim -= sinc / (2.0 * wavelength_A) * 1e-3;
        re += atoms[i] * bre;
        im += atoms[i] * bim;
    }
    /* N (Å⁻³) · b (fm = 1e-5 Å) → Å⁻²; in 1e-6 Å⁻² that is a factor 10 */
    if (sld_re_1e6)
        *sld_re_1e6 = nf * re * 10.0;
    if (sld_im_1e6)
        *sld_im_1e6 = -nf * im * 10.0; /* positive = absorbing */
    return IL_OK;
}

il_status il_sld_xray(const int *Z, const int *A, const double *atoms, size_t n,
                      double density_g_cm3, double molar_mass_g_mol, double energy_keV,
                      double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    il_status st = check_composition(Z, atoms, n, err);
    double nf;
    if (st || (st = formula_density(Z, A, atoms, n, density_g_cm3, molar_mass_g_mol, &nf, err)))
        return st;
    if (!(energy_keV > 0.0) || !isfinite(energy_keV))
        return il_error_set(err, IL_ERR_INVALID, "photon energy %g keV must be > 0", energy_keV);
    double f1 = 0.0, f2 = 0.0;
    for (size_t i = 0; i < n; i++) {
        double f1i, f2i;
        if ((st = il_scattering_xray_f(Z[i], energy_keV, &f1i, &f2i, err)))
            return st;
        f1 += atoms[i] * f1i;
        f2 += atoms[i] * f2i;
    }
    if (sld_re_1e6)
        *sld_re_1e6 = IL_CLASSICAL_ELECTRON_RADIUS_A * nf * f1 * 1e6;
    if (sld_im_1e6)
        *sld_im_1e6 = IL_CLASSICAL_ELECTRON_RADIUS_A * nf * f2 * 1e6;
    return IL_OK;
}

