/* Neutron depth profiling (NDP): the instrument description.
 *
 * A thermal neutron captured by 6Li, 10B, 3He, 14N, 17O, ... emits two charged particles back to
 * back with fixed energies (6Li(n,a)3H: alpha 2055.8 keV, triton 2727.7 keV). Those that reach
 * the detector have lost energy on their way out, so their energy tells the depth of the capture.
 * The forward model is in ndp_model.h, the inverse methods in linv.h, operando bookkeeping in
 * ndp_operando.h. The reactions themselves (energies, cross sections) are physics data, shared
 * with other techniques: nuclear.h. */
#ifndef INTERLAYER_NDP_H
#define INTERLAYER_NDP_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/nuclear.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- instrument ---------------------------------------------------------------------------- */

typedef enum {
    IL_NDP_GEOMETRY_DETECTOR = 0, /* a disc detector: distance, active area, angle: integrated */
    IL_NDP_GEOMETRY_SOLID_ANGLE   /* a plain solid angle, all particles at one exit angle */
} il_ndp_geometry;

#define IL_NDP_NAME_MAX 64

typedef struct {
    /* beam */
    double fluence_rate_n_cm2_s; /* thermal-equivalent neutron fluence rate */
    double live_time_s;
    double neutron_meV;          /* neutron energy the 1/v cross sections are taken at */
    /* geometry */
    il_ndp_geometry geometry;
    double distance_mm;          /* sample spot to detector centre */
    double area_mm2;             /* active area of the (circular) detector */
    double angle_deg;            /* detector axis to the sample normal */
    double solid_angle_sr;       /* IL_NDP_GEOMETRY_SOLID_ANGLE only */
    double exit_angle_deg;       /* IL_NDP_GEOMETRY_SOLID_ANGLE only: exit angle to the normal */
    int angle_bins;              /* bins of exit angle the detector's spread is split into */
    /* detector: E_keV = offset + gain*ch + quadratic*ch^2, channel centres at whole numbers */
    int channels;
    double gain_keV;
    double offset_keV;
    double quadratic_keV;
    double fwhm_keV;             /* Gaussian resolution of detector + electronics */
    double dead_layer_nm;        /* of the detector material below */
    char detector_material[IL_NDP_NAME_MAX]; /* "Si" */
    /* between sample and detector */
    char gas[IL_NDP_NAME_MAX];   /* "" = vacuum; else a material name or formula ("N2", "He") */
    double gas_pressure_mbar;
    double gas_temperature_K;
    char foil[IL_NDP_NAME_MAX];  /* "" = none; else a material in front of the detector */
    double foil_nm;
    /* low-energy background model, counts per keV per second: flat + amp * exp(-E / decay) */
    double bkg_flat_cps_keV;
    double bkg_tail_cps_keV;
    double bkg_tail_decay_keV;
    /* depth sub-slicing of the forward model */
    double slice_nm;
} il_ndp_instrument;

/* A typical cold/thermal NDP station: 1e9 n/cm2/s, 3600 s, 1024 channels of 3 keV,
 * 20 keV FWHM, a 50 mm2 detector at 50 mm on the normal, vacuum. */
IL_API void il_ndp_instrument_default(il_ndp_instrument *ins);
/* The largest fluence rate (n/cm2/s), live time (s) and neutron energy (meV) accepted: 1e4 x the
 * brightest NDP beam, ten years, and 1 keV (where the 1/v capture cross sections stop holding). */
#define IL_NDP_MAX_FLUENCE_RATE 1e13
#define IL_NDP_MAX_LIVE_TIME_S 3.2e8
#define IL_NDP_MAX_NEUTRON_meV 1e6
/* Every value finite and in range; a message naming the field and the range otherwise. */
IL_API il_status il_ndp_instrument_check(const il_ndp_instrument *ins, il_error *err);
/* Reading an instrument file: il_ndp_instrument_load in ndp_io.h. */

/* Energy (keV) at fractional channel ch, and the inverse (NaN when outside the calibration). */
IL_API double il_ndp_channel_energy_keV(const il_ndp_instrument *ins, double ch);
IL_API double il_ndp_energy_channel(const il_ndp_instrument *ins, double E_keV);

/* One node of the exit-angle distribution seen by the detector. */
typedef struct {
    double weight_sr;    /* solid angle carried by this node */
    double cos_exit;     /* cosine of the exit angle to the sample normal (mean of 1/cos) */
    double cos_detector; /* cosine of the angle of incidence on the detector face */
    double distance_mm;  /* path from sample to detector */
} il_ndp_angle_node;

/* Total solid angle (sr) of the geometry: the disc integrated exactly over its area. */
IL_API double il_ndp_solid_angle_sr(const il_ndp_instrument *ins);
/* The same as a fraction of the full sphere (Omega / 4 pi): the share of an isotropic
 * emission that reaches the detector. */
IL_API double il_ndp_solid_angle_fraction(const il_ndp_instrument *ins);
/* The exit-angle distribution: the detector disc integrated by Gauss quadrature and binned into
 * ins->angle_bins nodes in cos(exit angle). Weights sum to il_ndp_solid_angle_sr. Returns the
 * number of nodes written (<= max). Particles leaving at grazing angles (cos < 0.02) are kept. */
IL_API size_t il_ndp_angle_distribution(const il_ndp_instrument *ins, il_ndp_angle_node *out,
                                        size_t max, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
