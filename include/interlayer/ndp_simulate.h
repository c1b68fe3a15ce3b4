/* NDP simulation: the expected spectrum of a model (by particle and by layer), depth profiles
 * given as points put onto the model's slices, and Poisson sampling of expected counts. */
#ifndef INTERLAYER_NDP_SIMULATE_H
#define INTERLAYER_NDP_SIMULATE_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdint.h>

#include "interlayer/error.h"
#include "interlayer/ndp_model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t n_channels, n_particles, n_layers;
    double *energy_keV;     /* channel centres */
    double *counts;         /* expected total, background included */
    double *background;     /* the background part */
    double *by_particle;    /* [p * n_channels + ch] */
    double *by_layer;       /* [l * n_channels + ch], all particles */
    double *layer_particle; /* [l * n_particles + p]: counts summed over channels */
    double *layer_particle_born; /* same, before the detector window: all particles emitted
                                    into the solid angle (including those below channel 0) */
} il_ndp_sim;

IL_API void il_ndp_sim_free(il_ndp_sim *s);

/* Counts that layer l of the simulated stack gives, summed over channels: from the 6Li(n,a)3H
 * alpha and triton (m's particles keyed "alpha" and "triton") and from every particle. Any
 * output may be NULL. */
IL_API void il_ndp_sim_layer_counts(const il_ndp_sim *s, const il_ndp_model *m, size_t l,
                                    double *alpha, double *triton, double *total);

/* The expected spectrum of the stack as built. With override_Z > 0 the element's concentration
 * (atoms/cm3) in each slice is taken from conc[slice] instead (isotopic mix of the layer kept;
 * a layer without that element gets its enrichment setting or the natural mix). */
IL_API il_status il_ndp_simulate(const il_ndp_model *m, int override_Z, const double *conc,
                                 il_ndp_sim **out, il_error *err);

/* A depth profile of element Z from points: piecewise linear between them, or steps (each value
 * from its depth down to the next point, the last one to the bottom). Inside [first, last
 * depth] (steps: first depth to the bottom) it replaces the stack's concentration, outside the
 * stack's value stays; conc_out gets the average over each slice
 * (n_slices values), ready for il_ndp_simulate's override. */
typedef enum { IL_NDP_POINTS_LINEAR = 0, IL_NDP_POINTS_STEPS } il_ndp_points_kind;
IL_API il_status il_ndp_points_to_slices(const il_ndp_model *m, int Z, il_ndp_points_kind kind,
                                         const double *depth_nm, const double *conc, size_t n,
                                         double *conc_out, il_error *err);
/* Poisson-samples expected counts with a GSL mt19937 generator seeded with `seed`. */
IL_API il_status il_ndp_poisson_sample(const double *expected, size_t n, uint64_t seed, double *out,
                                       il_error *err);

#ifdef __cplusplus
}
#endif
#endif
