/* Ion-beam analysis spectra of a stack: RBS/EBS, ERDA (with a range foil) and NRA, by the slab
 * algorithm (per isotope, per layer, in sublayers), as SIMNRA and NDF compute them. Physics
 * sources: docs/iba.md.
 *
 * Conventions. Angles in degrees: alpha the incidence angle and beta the exit angle, both from
 * the sample normal; theta the scattering (or recoil, or reaction) angle in the lab. Energies in
 * keV; widths given as FWHM; the fluence is a number of incident particles; the solid angle in
 * msr. Channel k collects the energies from E(k - 1/2) to E(k + 1/2), with the calibration
 * E(x) = offset + gain x + quad x^2 (keV). Counts are expected counts (no noise). */
#ifndef INTERLAYER_IBA_H
#define INTERLAYER_IBA_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/iba_cross_section.h"
#include "interlayer/iba_sigma.h"
#include "interlayer/probe.h"
#include "interlayer/stack.h"
#include "interlayer/stopping.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    IL_IBA_RBS = 0, /* backscattered beam ions (RBS; EBS with non-Rutherford tables) */
    IL_IBA_ERDA,    /* forward recoils of the sample's atoms */
    IL_IBA_NRA      /* products of the reactions given as sigma tables (R33) */
} il_iba_technique;

typedef enum {
    IL_IBA_IBM = 0, /* beam, normal and detector in one plane: beta = |180 - theta - alpha| */
    IL_IBA_CORNELL, /* detector below the beam, tilt axis along the beam-detector plane:
                       cos(beta) = -cos(theta) cos(alpha) */
    IL_IBA_GENERAL  /* alpha, beta and theta as given */
} il_iba_geometry;

/* An absorber in front of the detector (the ERDA range foil): one material. */
typedef struct {
    const int *Z;           /* elements */
    const double *atoms;    /* atoms per formula unit */
    size_t n;               /* 0: no foil */
    double areal_tfu;       /* thickness, 1e15 atoms/cm2 */
} il_iba_foil;

/* Detector resolution of one kind of detected particle (A = 0: every isotope of Z); particles
 * not listed have the options' resolution_keV. */
typedef struct {
    int Z, A;
    double fwhm_keV;
} il_iba_particle_resolution;

typedef struct {
    il_iba_technique technique;
    int beam_Z, beam_A;        /* 4He: 2, 4 */
    double energy_keV;
    double energy_spread_keV;  /* FWHM of the beam's energy distribution */
    il_iba_geometry geometry;
    double theta_deg;          /* 165 for RBS, 30 for ERDA */
    double alpha_deg;          /* incidence from the normal (the tilt); 0 */
    double beta_deg;           /* exit from the normal; used with IL_IBA_GENERAL only */
    double fluence;            /* incident particles; 1e12 */
    double solid_angle_msr;    /* 1 */
    double resolution_keV;     /* detector FWHM; 15 */
    size_t channels;           /* 1024 */
    double cal_offset_keV, cal_gain_keV, cal_quad_keV; /* 0, 2, 0 */
    il_screening screening;    /* Andersen */
    il_straggling_model straggling; /* Yang (Bohr x Chu x gamma^2 + Yang) */
    int accurate;              /* 1: finer sublayers and exact sigma(E) slab averages */
    const il_sigma_table *const *sigma; /* non-Rutherford (RBS) and reaction (NRA) tables */
    size_t n_sigma;
    il_iba_foil foil;          /* absorber in front of the detector */
    int detect_Z;              /* ERDA/NRA: only this detected particle Z (0: all) */
    /* Detector and counting chain (docs/iba.md "Detector"); every field 0 is "off", so the
     * spectrum and its calibration are those of the fields above. */
    const il_iba_particle_resolution *particle_resolution; /* FWHM per detected particle */
    size_t n_particle_resolution;
    int pulse_height_defect;   /* 1: Si detector pulse-height defect (nuclear stopping) */
    double detector_window_tfu; /* Si dead layer (front window) of the detector; 0 */
    double real_time_s, live_time_s; /* both > 0: counts x live/real (dead time) */
    double pileup_time_us;     /* pulse-pair resolving time; > 0 with real_time_s: pile-up */
    double beam_spot_mm;       /* beam spot width (FWHM) seen from the detector; 0 */
    double aperture_mm;        /* detector aperture width in the scattering plane; 0 */
    double detector_distance_mm; /* sample to aperture; > 0 for the kinematic broadening */
    int multiple_scattering;   /* 1: energy spread from small-angle multiple scattering (the
                                  path lengths and the scattering angle; docs/iba.md); 0 */
    int dual_scattering;       /* 1: RBS adds particles scattered twice at large angles
                                  (SIMNRA's dual scattering; docs/iba.md); 0 */
} il_iba_options;

IL_API void il_iba_options_default(il_iba_options *o);

/* The exit angle the options give (deg from the normal). IL_ERR_INVALID (naming the angles)
 * when the geometry cannot be realised: beta >= 90 (the detector behind the surface), alpha
 * outside [0, 90), theta outside (0, 180). */
IL_API il_status il_iba_exit_angle(const il_iba_options *o, double *beta_deg, il_error *err);

typedef struct il_iba_spectrum il_iba_spectrum;

/* One contribution: target isotope (Z, A) in one layer, detected particle (pZ, pA). */
typedef struct {
    size_t layer;        /* index in the stack (the substrate last) */
    int Z, A;            /* target isotope */
    int pZ, pA;          /* detected particle */
    const double *counts; /* channels values */
} il_iba_part;

/* Simulates the spectrum of `stack`. IL_ERR_INVALID for bad options (one line naming the value);
 * IL_ERR_RANGE when the beam energy lies outside a cross-section table it must use. */
IL_API il_status il_iba_simulate(const il_stack *stack, const il_iba_options *o,
                                 il_iba_spectrum **out, il_error *err);
IL_API void il_iba_spectrum_free(il_iba_spectrum *s);
IL_API size_t il_iba_spectrum_channels(const il_iba_spectrum *s);
/* Sum of all contributions. */
IL_API const double *il_iba_spectrum_total(const il_iba_spectrum *s);
/* Energy (keV) at channel coordinate x (the calibration). */
IL_API double il_iba_spectrum_energy_keV(const il_iba_spectrum *s, double x);
IL_API size_t il_iba_spectrum_n_parts(const il_iba_spectrum *s);
IL_API const il_iba_part *il_iba_spectrum_part(const il_iba_spectrum *s, size_t i);
/* The pile-up spectrum (counts moved out of the singles into sum pulses) when pile-up is on
 * (il_iba_options.pileup_time_us > 0), else NULL; already included in the total. */
IL_API const double *il_iba_spectrum_pileup(const il_iba_spectrum *s);
/* Adds the parts of element Z (any isotope, any layer; Z = 0: all) into sum[channels] (which is
 * zeroed first). */
IL_API void il_iba_spectrum_element(const il_iba_spectrum *s, int Z, double *sum);
/* Counting noise: counts[channels] drawn as independent Poisson variates whose means are the
 * total (GSL mt19937 seeded with `seed`: the same seed gives the same counts). Whole numbers. */
IL_API il_status il_iba_spectrum_sample(const il_iba_spectrum *s, uint64_t seed, double *counts,
                                        il_error *err);

/* The kinematics table people look up, per layer and element (natural isotopic mix: the
 * abundance-weighted mass): the kinematic factor (RBS), recoil factor (ERDA) or reaction energy
 * ratio, the energy detected from the surface (K E0), from the top and the bottom of the layer
 * (beam and exit losses through the layers above, mean energies, no straggling), and the depth
 * scale of the layer for that element (keV detected per nm of depth). The substrate's bottom is
 * taken where the detected energy reaches 0 or after 10 um. */
typedef struct {
    size_t layer;
    int Z;
    double mass_u;
    double factor;          /* K, recoil factor; 0 when the element cannot be seen */
    double surface_keV;     /* factor x E0 */
    double top_keV, bottom_keV;
    double beam_top_keV;    /* mean beam energy at the layer's top */
    double depth_scale_keV_nm;
} il_iba_kinematics_row;

/* Fills up to max rows (NULL rows: count only); returns the number of rows in *n. */
IL_API il_status il_iba_kinematics(const il_stack *stack, const il_iba_options *o,
                                   il_iba_kinematics_row *rows, size_t max, size_t *n,
                                   il_error *err);

/* IBA as a probe (probe.h) for the fit layer: prepare keeps a copy of the stack; forward
 * returns the expected counts (il_iba_simulate with `o`) at the channels on the axis (0-based
 * channel numbers). Parameters: "scale" (multiplies fluence x solid angle; 1),
 * "cal_offset_keV", "cal_gain_keV", "cal_quad_keV", "resolution_keV", "spread_keV" (starting at
 * `o`'s values). The sigma tables, foil arrays and particle resolutions `o` points to must
 * outlive the probe. */
IL_API il_status il_probe_iba_new(const il_iba_options *o, il_probe **out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
