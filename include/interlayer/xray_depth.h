/* How deep X-ray and electron spectroscopies see: the X-ray refractive index and attenuation of
 * a composition (xraylib), the penetration depth of grazing-incidence X-rays with refraction,
 * electron inelastic mean free paths (TPP-2M), and the information depths of XPS, HAXPES and XAS
 * in electron and fluorescence yield built from them. Technique-neutral physics: the advisor
 * (advise.h) and any later X-ray probe read these numbers. Lengths in nm, photon energies in
 * keV, electron kinetic energies in eV, angles in radians from the surface. */
#ifndef INTERLAYER_XRAY_DEPTH_H
#define INTERLAYER_XRAY_DEPTH_H
#include "interlayer/export.h"

#include "interlayer/composition.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Refractive index n = 1 - δ + iβ of a composition at energy_keV, from its X-ray SLD
 * (il_sld_xray): δ = λ² Re ρ / 2π, β = λ² Im ρ / 2π. */
IL_API il_status il_xray_index(const il_composition *c, double density_g_cm3, double energy_keV,
                               double *delta, double *beta, il_error *err);

/* Critical angle of total external reflection, sqrt(2δ), radians. */
IL_API double il_xray_critical_angle_rad(double delta);

/* 1/e penetration depth of the X-ray intensity below a flat surface for incidence at
 * theta_rad, refraction included (Parratt 1954; small angles):
 *   z = λ / (4π B),  B = sqrt( ( sqrt((θ² - 2δ)² + 4β²) - (θ² - 2δ) ) / 2 ).
 * Far above θc it tends to sin θ / μ with μ = 4πβ/λ; below θc to λ / (4π sqrt(2δ - θ²)), the
 * evanescent wave. NaN for theta_rad <= 0 or energy_keV <= 0. */
IL_API double il_xray_penetration_depth_nm(double delta, double beta, double energy_keV,
                                           double theta_rad);

/* Penetration depth (nm) of a beam at grazing incidence theta_rad on a thick layer of this
 * composition: δ from f1 (il_xray_index) and β = μλ/4π from the total attenuation
 * (il_xray_mu_per_cm), since scattering out of the beam removes intensity as absorption does;
 * near an absorption edge this also avoids the coarse edge of the f2 tables. */
IL_API il_status il_xray_grazing_depth_nm(const il_composition *c, double density_g_cm3,
                                          double energy_keV, double theta_rad, double *depth_nm,
                                          il_error *err);

/* Linear attenuation coefficient (1/cm) and its inverse, the attenuation length (nm), of a
 * composition at energy_keV from xraylib's total cross sections (CS_Total: photoelectric +
 * coherent + incoherent), weighted by mass fraction. */
IL_API il_status il_xray_mu_per_cm(const il_composition *c, double density_g_cm3,
                                   double energy_keV, double *mu_per_cm, il_error *err);

/* Electron inelastic mean free path by the TPP-2M formula (S. Tanuma, C. J. Powell, D. R. Penn,
 * Surf. Interface Anal. 21 (1994) 165), nm, for kinetic energy energy_eV (the formula is fitted
 * for 50 eV .. 2 keV and used to ~30 keV, IMFP IX 2011). Nv, the valence electrons per formula
 * unit, is counted by il_valence_electrons; band_gap_eV is 0 for metals. IL_ERR_RANGE below
 * 50 eV. */
IL_API il_status il_electron_imfp_tpp2m_nm(const il_composition *c, double density_g_cm3,
                                           double band_gap_eV, double energy_eV, double *imfp_nm,
                                           il_error *err);

/* Valence electrons of element Z as TPP-2M counts them (Tanuma et al. 1991): s and p electrons
 * of the outer shell for main-group elements, s + d for transition metals (group number), 3 for
 * the lanthanides; 0 for Z outside 1..92. */
IL_API int il_valence_electrons(int Z);

/* Information depth of a photoelectron or Auger signal: the depth from which 95 % of the
 * unscattered electrons come, 3 λ cos(takeoff from the normal). */
IL_API double il_electron_information_depth_nm(double imfp_nm, double emission_from_normal_rad);

/* Attenuation length (nm) of electrons of energy_eV (>= 1 eV above the Fermi level) from the
 * Seah-Dench universal curves (Surf. Interface Anal. 1 (1979) 2): the element curve for a pure
 * element, the inorganic-compound curve otherwise. Meant for the slow secondary electrons below
 * TPP-2M's 50 eV floor. */
IL_API il_status il_electron_attenuation_seah_dench_nm(const il_composition *c,
                                                       double density_g_cm3, double energy_eV,
                                                       double *length_nm, il_error *err);

/* Secondary-electron energy (eV) taken as representative of total electron yield: the secondary
 * distribution peaks at a few eV and its mean lies near 10 eV (Frazer et al. 2003). */
#define IL_TEY_SECONDARY_eV 10.0

/* Information depth (nm) of XAS in total electron yield: 3 Seah-Dench attenuation lengths of
 * IL_TEY_SECONDARY_eV electrons, since secondaries, not the primary Auger electrons, carry the
 * yield. About 15 nm in oxides, ~5 nm in metals. */
IL_API il_status il_xas_tey_depth_nm(const il_composition *c, double density_g_cm3,
                                     double *depth_nm, il_error *err);

/* Information depth of fluorescence yield (XAS-TFY, XRF): 1/(μ_in/sin α + μ_out/sin β), the 1/e
 * depth of a signal excited at energy_in_keV under incidence alpha_rad and leaving at
 * energy_out_keV under exit beta_rad (both from the surface). */
IL_API il_status il_xray_fluorescence_depth_nm(const il_composition *c, double density_g_cm3,
                                               double energy_in_keV, double alpha_rad,
                                               double energy_out_keV, double beta_rad,
                                               double *depth_nm, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
