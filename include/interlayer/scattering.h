/* Scattering of neutrons and X-rays by atoms, and the scattering length density (SLD) of a
 * composition: neutrons (bound coherent scattering lengths and cross sections of elements and
 * isotopes, embedded from data/scattering/) and X-rays (anomalous scattering factors from
 * xraylib). Technique-neutral: reflectometry uses it today; SANS, neutron imaging or an
 * absorption correction would use the same numbers.
 *
 * A composition is an il_composition (composition.h): species Z[i], A[i] (0 = the natural
 * isotopic mixture, otherwise one isotope) with atoms[i] per formula unit. An isotope mixture is
 * several entries of the same Z, e.g. Li enriched to 95 % 6Li in LiNbO3:
 * Z = {3, 3, 41, 8}, A = {6, 7, 0, 0}, atoms = {0.95, 0.05, 1, 3}.
 * SLDs are in 1e-6 Å⁻², positive imaginary part = absorption (the sign reflectometry uses). */
#ifndef INTERLAYER_SCATTERING_H
#define INTERLAYER_SCATTERING_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/composition.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IL_NEUTRON_THERMAL_WAVELENGTH_A 1.798 /* 2200 m/s, where σ_abs is tabulated */
#define IL_XRAY_CU_KA_keV 8.048               /* Cu Kα1, 1.5406 Å */
#define IL_XRAY_MO_KA_keV 17.479              /* Mo Kα1, 0.7093 Å */
#define IL_HC_keV_A 12.398419843320026        /* h c in keV·Å (CODATA 2018, exact) */

/* ---- one atom ------------------------------------------------------------------------------ */

/* Bound coherent scattering length of element Z (A = 0) or one isotope, in fm, and its
 * imaginary part (Sears sign: b = b' - i b'', so b_im_fm <= 0) at wavelength_A. For an element
 * tabulated only as its single stable isotope (Be, Na, Nb, ...) A = 0 gives that isotope.
 * b'' = σ_abs(λ)/(2λ) with σ_abs ∝ λ (the 1/v law): for 1/v absorbers b'' does not depend on λ.
 * For resonant absorbers flagged energy-dependent (Gd, Sm, Cd, Eu, ...) the tabulated thermal
 * b'' is returned where it exists; the 1/v law is then only an approximation. */
IL_API il_status il_scattering_neutron_b(int Z, int A, double wavelength_A, double *b_re_fm,
                                         double *b_im_fm, il_error *err);

/* Neutron cross sections of element Z (A = 0) or one isotope, in barn: absorption at 2200 m/s
 * (scale with λ / IL_NEUTRON_THERMAL_WAVELENGTH_A for other wavelengths, the 1/v law) and
 * incoherent scattering. Either pointer may be NULL. A value the table does not give is NaN;
 * IL_ERR_NOT_FOUND when the nuclide is not in the table at all. */
IL_API il_status il_scattering_neutron_sigma(int Z, int A, double *sigma_abs_b, double *sigma_inc_b,
                                             il_error *err);

/* X-ray atomic scattering factors of element Z at photon energy_keV (xraylib's range, about
 * 1..500 keV), in electrons: f1 = Z + f' (forward scattering), f2 = f'' >= 0 (absorption).
 * IL_ERR_RANGE with xraylib's message when it has no value. */
IL_API il_status il_scattering_xray_f(int Z, double energy_keV, double *f1, double *f2,
                                      il_error *err);

/* Photon energy from a name or a value: "CuKa", "Cu Kα", "Cu-Ka1", "MoKa", or a number with a
 * unit: "8.048keV", "8048 eV", "1.5406A" / "1.5406 Å" (a wavelength). */
IL_API il_status il_xray_energy_parse(const char *text, double *energy_keV, il_error *err);

/* ---- a composition --------------------------------------------------------------------------- */

enum {
    /* Add incoherent scattering as attenuation: b'' += σ_inc/(2λ) (refnx/periodictable do not). */
    IL_SLD_INCOHERENT = 1
};

/* Neutron SLD ρ = Σ N_i b_i, N_i = atoms_i · density / M · N_A with M from
 * il_composition_molar_mass. density_g_cm3 >= 0; wavelength_A > 0 (use
 * IL_NEUTRON_THERMAL_WAVELENGTH_A for thermal). */
IL_API il_status il_sld_neutron(const il_composition *c, double density_g_cm3, double wavelength_A,
                                unsigned flags, double *sld_re_1e6, double *sld_im_1e6,
                                il_error *err);

/* X-ray SLD ρ = r_e Σ N_i (f1_i + i f2_i) with il_scattering_xray_f at energy_keV. The
 * isotopes (A) only change the molar mass. */
IL_API il_status il_sld_xray(const il_composition *c, double density_g_cm3, double energy_keV,
                             double *sld_re_1e6, double *sld_im_1e6, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
