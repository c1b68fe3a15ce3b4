/* Internals of the IBA probe shared by its files (not API). */
#ifndef IL_PROBES_IBA_PRIV_H
#define IL_PROBES_IBA_PRIV_H
#include "interlayer/iba.h"
#include "interlayer/ion_stopping.h"

#define IBA_MAX_TYPES 24 /* distinct detected particles (ERDA: one per recoiling isotope) */

typedef struct {
    int Z, A;
    double M; /* nuclear mass used in kinematics: AME2020 atomic mass, u */
} iba_particle;

typedef struct iba_phd iba_phd;

/* Everything a simulation needs that depends on the stack and the options only. */
typedef struct {
    il_iba_options o;
    double cos_a, cos_b, beta_deg;
    double emax_keV;        /* top of the stopping tables */
    iba_particle beam;
    size_t n_layers;
    const il_layer **layer;
    double *areal_tfu;      /* INFINITY for the substrate */
    il_composition *comp;
    il_ion_stopping **beam_stop;         /* per layer */
    size_t n_types;
    iba_particle type[IBA_MAX_TYPES];
    il_ion_stopping **out_stop;          /* [type * n_layers + layer] */
    int shares_beam[IBA_MAX_TYPES];      /* out_stop of this type are beam_stop (not owned) */
    il_ion_stopping *foil_stop[IBA_MAX_TYPES];
    il_ion_stopping *window_stop[IBA_MAX_TYPES]; /* detector dead layer (Si); NULL: none */
    iba_phd *phd[IBA_MAX_TYPES];                 /* pulse-height defect; NULL: off */
    double res2[IBA_MAX_TYPES];                  /* detector variance, keV^2 */
    double geo_sd_rad;                           /* spread of the scattering angle (sd) */
} iba_setup;

il_status il__iba_setup_new(const il_stack *stack, const il_iba_options *o, iba_setup **out,
                            il_error *err);
void il__iba_setup_free(iba_setup *S);
/* Index of the detected particle (Z, A), adding it (and its stopping tables) when new. */
il_status il__iba_type(iba_setup *S, int Z, int A, size_t *index, il_error *err);
/* Energy at the detector of particle `type` born with E_keV at depth x_tfu below the top of
 * `layer`, after the layers above and the foil; *var (may be NULL) is carried along. 0 if it
 * stops. */
double il__iba_exit(const iba_setup *S, size_t type, size_t layer, double x_tfu, double E_keV,
                    double *var);
/* The slab algorithm on a prepared setup (its options: S->o; the layers: S->layer). */
il_status il__iba_run(iba_setup *S, il_iba_spectrum **out, il_error *err);
/* Points S at another stack whose layers have the same compositions, stopping factors and
 * substrate (only thicknesses or profiles differ), keeping every stopping table; IL_ERR_INVALID
 * (nothing changed) when the stacks differ in more than that. */
il_status il__iba_setup_restack(iba_setup *S, const il_stack *stack, il_error *err);

/* Rough layers (roughness_nm > 0, finite, up to 2) of a stack: their indices; the count. */
int il__iba_rough_layers(const il_stack *stack, size_t *idx);
/* The spectrum averaged over the gamma-distributed thicknesses of the rough layers
 * (iba_roughness.c); S must be set up for `stack`. */
il_status il__iba_run_rough(iba_setup *S, const il_stack *stack, il_iba_spectrum **out,
                            il_error *err);

/* Detector (iba_detector.c). The pulse energy (keV) of a particle of energy E stopping in Si,
 * and dPulse/dE in *slope (may be NULL). */
il_status il__iba_phd_new(int Z, double M, double emax_keV, iba_phd **out, il_error *err);
void il__iba_phd_free(iba_phd *p);
double il__iba_phd_pulse(const iba_phd *p, double E, double *slope);
/* The FWHM (keV) for detected particle (Z, A). */
double il__iba_resolution_fwhm(const il_iba_options *o, int Z, int A);

/* Sublayers of a profiled layer (iba_partition.c): fills the cumulative measure C[0..GRID] and
 * returns the number of sublayers n; il__iba_partition_at gives boundary k (0..n, tfu from the
 * layer's top). */
#define IBA_PART_GRID 512
size_t il__iba_partition(const il_layer *l, double thick_tfu, double n_energy, double *C);
double il__iba_partition_at(const double *C, size_t n, size_t k, double thick_tfu);

/* Mass (u) of nuclide (Z, A), or of the natural element when A == 0. */
double il__iba_mass(int Z, int A);

#endif
