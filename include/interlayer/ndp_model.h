/* NDP forward model (stack -> spectrum): building it and asking it about its geometry, its
 * particles and its response. Simulation, inversion, the parametric fit and calibration, all
 * built on it, are in ndp_simulate.h, ndp_invert.h, ndp_fit.h and ndp_calibrate.h; reading
 * files for NDP is in ndp_io.h.
 *
 * The stack is cut into depth slices (ins->slice_nm, aligned with the layer interfaces). For
 * every reaction of every isotope present (tables in ndp.h) and each charged particle the
 * stopping engine knows (1H..4He; heavy recoils such as 7Li and 14C are not followed), the model
 * computes with il_depth_energy_curve the energy and straggling with which a particle born at
 * each slice boundary reaches the detector, for every exit-angle node of the detector (dead
 * layer, foil and gas in front of it are crossed after the sample). A slice then deposits a box
 * between the energies from its top and bottom, broadened by straggling and the detector's
 * Gaussian resolution, integrated exactly over each channel, holding
 *   counts = fluence_rate x live_time x sigma(E_n) x atoms/cm2 in the slice x Omega_k / 4 pi.
 * Particles are emitted isotropically, so each angle node takes its solid angle's share. */
#ifndef INTERLAYER_NDP_MODEL_H
#define INTERLAYER_NDP_MODEL_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_ndp_model il_ndp_model;

/* Builds the model (copies what it needs from stack and instrument; they may be freed after).
 * Immutable afterwards: may be shared between threads. */
IL_API il_status il_ndp_model_new(const il_stack *stack, const il_ndp_instrument *ins,
                                  il_ndp_model **out, il_error *err);
IL_API void il_ndp_model_free(il_ndp_model *m);

IL_API const il_ndp_instrument *il_ndp_model_instrument(const il_ndp_model *m);

/* Depth slices: n slices, edges n+1 values (nm from the surface), the layer of each slice. */
IL_API size_t il_ndp_model_n_slices(const il_ndp_model *m);
IL_API const double *il_ndp_model_slice_edges_nm(const il_ndp_model *m);
IL_API size_t il_ndp_model_slice_layer(const il_ndp_model *m, size_t slice);
IL_API size_t il_ndp_model_n_layers(const il_ndp_model *m);
IL_API const char *il_ndp_model_layer_name(const il_ndp_model *m, size_t layer);
/* Depth of the top of each layer (nm), n_layers + 1 values (the last: bottom of the model). */
IL_API double il_ndp_model_layer_top_nm(const il_ndp_model *m, size_t layer);

/* The charged particles followed. */
typedef struct {
    char key[32];         /* "alpha", "triton" for 6Li; else "<target>_<particle>_<id>" */
    char reaction[32];    /* "6Li_na_3H" */
    int target_Z, target_A;
    int Z, A;
    double E0_keV;
    double sigma_b;       /* cross section of the channel at the instrument's neutron energy */
} il_ndp_particle;

IL_API size_t il_ndp_model_n_particles(const il_ndp_model *m);
IL_API const il_ndp_particle *il_ndp_model_particle(const il_ndp_model *m, size_t p);

/* Response to element Z: R[ch * n_slices + s] = expected counts in channel ch per
 * `unit_atoms_cm3` of Z in slice s (isotopic mix of the slice's layer). */
IL_API il_status il_ndp_response(const il_ndp_model *m, int Z, double unit_atoms_cm3, double *R,
                                 il_error *err);

/* Concentration (atoms/cm3) of element Z in each slice as the stack gives it. */
IL_API void il_ndp_model_concentration(const il_ndp_model *m, int Z, double *conc);

/* Depth resolution (FWHM, nm) of particle p at each of the n depths: the energy spread
 * (straggling, detector, spread of exit angles over the detector) over the slope of the mean
 * exit energy with depth. NaN where the particle no longer escapes. Also the mean exit energy. */
IL_API il_status il_ndp_depth_resolution(const il_ndp_model *m, size_t p, const double *depth_nm,
                                         size_t n, double *fwhm_nm, double *mean_exit_keV,
                                         il_error *err);

/* Depth (nm) from which particle p leaves with mean energy E (the classic energy-to-depth
 * conversion); NaN when E is above the birth energy or below the deepest exit energy. */
IL_API double il_ndp_energy_to_depth_nm(const il_ndp_model *m, size_t p, double E_keV);

/* Classic conversion (what facilities do): each channel of particle p's window is mapped to a
 * depth through the mean exit energy, and its counts to a concentration through the local
 * depth interval of the channel. n_channels outputs (NaN outside the particle's window). */
IL_API il_status il_ndp_classic_profile(const il_ndp_model *m, size_t p, const double *counts,
                                        double *depth_nm, double *conc_atoms_cm3, il_error *err);

/* A copy of the stack whose layers hold li_atoms_cm2[l] Li (NaN: unchanged), other atoms per cm3
 * kept, density from the new molar mass: the stopping for a self-consistent second inversion. */
IL_API il_status il_ndp_stack_with_li(const il_stack *s, const double *li_atoms_cm2, il_stack **out,
                                      il_error *err);

/* A copy of the stack with the top thickness_nm of layer `host` made a layer of its own named
 * `name` (same material; the host keeps the rest): the structure for an interlayer that an
 * analysis found, to be filled with its Li by il_ndp_stack_with_li. */
IL_API il_status il_ndp_stack_with_interlayer(const il_stack *s, size_t host, double thickness_nm,
                                              const char *name, il_stack **out, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
