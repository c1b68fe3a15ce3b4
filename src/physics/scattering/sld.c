/* Scattering length densities of a composition: Σ over atoms of number density times the
 * neutron scattering length or the X-ray scattering factor (see scattering.h). */
#include <math.h>

#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/scattering.h"

/* N_A·1e-24: atoms per Å³ from (g/cm³)/(g/mol). */
#define NA_PER_A3 0.602214076

/* Formula units per Å³ at density_g_cm3; also checks the composition. The SLD sums b_i or f_i
 * per formula unit first and multiplies by this once, so it is kept apart from
 * il_composition_number_density (atoms/cm³); the molar mass is the composition's. */
static il_status formula_units_A3(const il_composition *c, double density_g_cm3, double *out,
                                  il_error *err)
{
    if (!c || c->n == 0)
        return il_error_set(err, IL_ERR_INVALID, "empty composition");
    if (!(density_g_cm3 >= 0.0) || !isfinite(density_g_cm3))
        return il_error_set(err, IL_ERR_INVALID, "mass density %g g/cm³ must be >= 0",
                            density_g_cm3);
    double M;
    il_status st = il_composition_molar_mass(c, &M, err);
    if (st)
        return st;
    if (!(M > 0.0))
        return il_error_set(err, IL_ERR_INVALID, "composition has zero mass");
    *out = density_g_cm3 / M * NA_PER_A3;
    return IL_OK;
}

il_status il_sld_neutron(const il_composition *c, double density_g_cm3, double wavelength_A,
                         unsigned flags, double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    double nf;
    il_status st = formula_units_A3(c, density_g_cm3, &nf, err);
    if (st)
        return st;
    double re = 0.0, im = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        double bre, bim;
        if ((st = il_scattering_neutron_b(c->Z[i], c->A[i], wavelength_A, &bre, &bim, err)))
            return st;
        double sinc;
        if ((flags & IL_SLD_INCOHERENT) &&
            il_scattering_neutron_sigma(c->Z[i], c->A[i], NULL, &sinc, NULL) == IL_OK &&
            isfinite(sinc))
            bim -= sinc / (2.0 * wavelength_A) * 1e-3;
        re += c->atoms[i] * bre;
        im += c->atoms[i] * bim;
    }
    /* N (Å⁻³) · b (fm = 1e-5 Å) → Å⁻²; in 1e-6 Å⁻² that is a factor 10 */
    if (sld_re_1e6)
        *sld_re_1e6 = nf * re * 10.0;
    if (sld_im_1e6)
        *sld_im_1e6 = -nf * im * 10.0; /* positive = absorbing */
    return IL_OK;
}

il_status il_sld_xray(const il_composition *c, double density_g_cm3, double energy_keV,
                      double *sld_re_1e6, double *sld_im_1e6, il_error *err)
{
    double nf;
    il_status st = formula_units_A3(c, density_g_cm3, &nf, err);
    if (st)
        return st;
    if (!(energy_keV > 0.0) || !isfinite(energy_keV))
        return il_error_set(err, IL_ERR_INVALID, "photon energy %g keV must be > 0", energy_keV);
    double f1 = 0.0, f2 = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        double f1i, f2i;
        if ((st = il_scattering_xray_f(c->Z[i], energy_keV, &f1i, &f2i, err)))
            return st;
        f1 += c->atoms[i] * f1i;
        f2 += c->atoms[i] * f2i;
    }
    if (sld_re_1e6)
        *sld_re_1e6 = IL_CLASSICAL_ELECTRON_RADIUS_A * nf * f1 * 1e6;
    if (sld_im_1e6)
        *sld_im_1e6 = IL_CLASSICAL_ELECTRON_RADIUS_A * nf * f2 * 1e6;
    return IL_OK;
}
