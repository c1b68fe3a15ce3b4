/* Nuclear reaction data: charged-particle reactions of thermal neutrons (6Li(n,a)3H, 10B(n,a)7Li,
 * 3He(n,p)3H, 14N(n,p)14C, ...) with their Q values, the energies of the two products, branch
 * fractions and 2200 m/s cross sections. Technique-neutral: neutron depth profiling reads the
 * particle energies, ion-beam NRA will read the same Q values and masses.
 *
 * Data: data/nuclear/neutron_reactions.csv, embedded at build time (sources in its README).
 * Energies in keV, cross sections in barn, neutron energies in meV. */
#ifndef INTERLAYER_NUCLEAR_H
#define INTERLAYER_NUCLEAR_H
#include <stddef.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thermal neutron energy (2200 m/s) in meV, the reference of the tabulated cross sections. */
#define IL_NEUTRON_THERMAL_meV 25.3

/* One reaction channel. A plain value: its strings point into the embedded table. */
typedef struct {
    const char *id;           /* "6Li_na_3H"; a trailing x: residual in an excited state */
    const char *target;       /* "6Li" */
    int target_Z, target_A;
    const char *particle[2];  /* "4He", "3H": [0] the light particle, [1] the recoil */
    int particle_Z[2], particle_A[2];
    double particle_keV[2];   /* kinetic energies at birth (capture of a neutron at rest) */
    double excitation_keV;    /* level the residual is left in */
    double Q_keV;             /* Q to that level (ground-state Q minus the excitation) */
    double branch_fraction;   /* share of captures going to this channel (0 = not evaluated) */
    double sigma_thermal_b;   /* 2200 m/s cross section of the reaction (10B: all (n,a)) */
    const char *sigma_source;
} il_reaction;

/* Number of reaction channels in the table. */
size_t il_reaction_count(void);
/* Copies channel i (0 <= i < il_reaction_count()); IL_ERR_RANGE otherwise. */
il_status il_reaction_get(size_t i, il_reaction *out, il_error *err);
/* By id ("6Li_na_3H"); IL_ERR_NOT_FOUND with a "did you mean" suggestion otherwise. */
il_status il_reaction_find(const char *id, il_reaction *out, il_error *err);
/* The channels of target nuclide (Z, A), in table order; copies up to max into out (may be
 * NULL) and returns how many exist. */
size_t il_reactions_of(int Z, int A, il_reaction *out, size_t max);
/* Cross section in barn of this channel (sigma_thermal * branch_fraction) at neutron energy
 * E (meV), scaled as 1/v: sigma(E) = sigma_th * sqrt(25.3 meV / E). E <= 0 means thermal. */
double il_reaction_sigma_b(const il_reaction *r, double neutron_meV);

#ifdef __cplusplus
}
#endif
#endif
