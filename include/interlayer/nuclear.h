/* Nuclear reaction data: charged-particle reactions of thermal neutrons (6Li(n,a)3H, 10B(n,a)7Li,
 * 3He(n,p)3H, 14N(n,p)14C, ...) with their Q values, the energies of the two products, branch
 * fractions and 2200 m/s cross sections. Technique-neutral: neutron depth profiling reads the
 * particle energies, ion-beam NRA will read the same Q values and masses.
 *
 * Data: data/nuclear/neutron_reactions.csv, embedded at build time (sources in its README).
 * Energies in keV, cross sections in barn, neutron energies in meV. */
#ifndef INTERLAYER_NUCLEAR_H
#define INTERLAYER_NUCLEAR_H
#include "interlayer/export.h"
#include "interlayer/constants.h"
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
IL_API size_t il_reaction_count(void);
/* Copies channel i (0 <= i < il_reaction_count()); IL_ERR_RANGE otherwise. */
IL_API il_status il_reaction_get(size_t i, il_reaction *out, il_error *err);
/* By id ("6Li_na_3H"); IL_ERR_NOT_FOUND with a "did you mean" suggestion otherwise. */
IL_API il_status il_reaction_find(const char *id, il_reaction *out, il_error *err);
/* The channels of target nuclide (Z, A), in table order; copies up to max into out (may be
 * NULL) and returns how many exist. */
IL_API size_t il_reactions_of(int Z, int A, il_reaction *out, size_t max);
/* Cross section in barn of this channel (sigma_thermal * branch_fraction) at neutron energy
 * E (meV), scaled as 1/v: sigma(E) = sigma_th * sqrt(25.3 meV / E). E <= 0 means thermal. */
IL_API double il_reaction_sigma_b(const il_reaction *r, double neutron_meV);

/* ---- two-body kinematics ------------------------------------------------------------------ */


/* A nuclide by charge and mass number; Z = 0, A = 1 is the neutron. */
typedef struct {
    int Z, A;
} il_nuclide;

/* Q value (keV) of target + projectile -> light + heavy, the heavy product left at
 * excitation_keV: Q = (m_target + m_projectile - m_light - m_heavy) c² - excitation, from AME2020
 * atomic masses (the electron masses cancel because charge is conserved). IL_ERR_INVALID when
 * charge or nucleon number is not conserved; IL_ERR_NOT_FOUND for a nuclide without a mass. */
IL_API il_status il_reaction_q_keV(il_nuclide target, il_nuclide projectile, il_nuclide light,
                                   il_nuclide heavy, double excitation_keV, double *Q_keV,
                                   il_error *err);

/* Kinetic energies (keV) of the two products when a system at rest breaks up into masses m1_u
 * and m2_u (u; an excited product's mass includes its excitation) releasing Q_keV: exact
 * relativistic two-body kinematics, E1 = Q (Q + 2 m2 c²) / (2 M c²), M = m1 + m2 + Q/c²; the
 * products fly back to back with equal momenta, so the lighter takes the larger share. This is
 * the capture of a thermal neutron, whose 25 meV are neglected. The reaction table used AME2020
 * atomic masses; bare-nucleus masses shift the 6Li alpha by 0.1 keV. IL_ERR_INVALID for Q < 0
 * or a mass that is not positive. */
IL_API il_status il_two_body_at_rest(double Q_keV, double m1_u, double m2_u, double *E1_keV,
                                     double *E2_keV, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
