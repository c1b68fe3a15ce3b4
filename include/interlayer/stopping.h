/* Stopping, ranges and energy straggling of light ions (1H 2H 3H 3He 4He) in elements and
 * compounds, and their paths through a stack of layers. Formulas, sources and validity ranges:
 * docs/physics.md.
 *
 * Units: ion energy in keV (total kinetic energy of the ion, not per nucleon); stopping in
 * eV/(1e15 atoms/cm2) ("eV/tfu"); areal density in tfu = 1e15 atoms/cm2; lengths in nm;
 * number densities in atoms/cm3; energy spreads (sigma, not FWHM) in keV. */
#ifndef INTERLAYER_STOPPING_H
#define INTERLAYER_STOPPING_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/composition.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ions ----------------------------------------------------------------------------------- */

typedef enum {
    IL_ION_P = 0, /* 1H,  "p" */
    IL_ION_D,     /* 2H,  "d" */
    IL_ION_T,     /* 3H,  "t" */
    IL_ION_HE3,   /* 3He, "h" (helion) */
    IL_ION_ALPHA, /* 4He, "alpha" */
    IL_ION_COUNT
} il_ion;

typedef struct {
    il_ion ion;
    const char *name;  /* canonical: "1H" "2H" "3H" "3He" "4He" */
    const char *alias; /* "p" "d" "t" "h" "alpha" */
    int Z;
    int A;
    /* Nuclear (bare-ion) mass in u: AME2020 atomic mass minus Z electron masses plus the
     * electron binding energy. The ion tables (ICRU 49) and the kinematics of reaction products
     * refer to the bare nucleus; the difference from the atomic mass is 5.5e-4 relative for
     * the proton and 2.7e-4 for the alpha. */
    double mass_u;
    double atomic_mass_u; /* AME2020 atomic mass, for reference */
} il_ion_info;

/* Fills `info` for `ion`; IL_ERR_INVALID for an ion outside the enum. */
IL_API il_status il_ion_get(il_ion ion, il_ion_info *info, il_error *err);

/* The ion that is the nucleus (Z, A), e.g. a reaction product: (2, 4) is IL_ION_ALPHA.
 * IL_ERR_NOT_FOUND for a nuclide the stopping engine does not cover (7Li, 14C, ...). */
IL_API il_status il_ion_from_nuclide(int Z, int A, il_ion *ion, il_error *err);

/* Accepts "1H" "H" "p" "proton", "2H" "d" "D" "deuteron", "3H" "t" "T" "triton", "3He" "h"
 * "helion", "4He" "He" "alpha" "a" (case-insensitive except that "h" alone is the helion and
 * "H" the proton). Unknown text: IL_ERR_NOT_FOUND with a "did you mean" suggestion. */
IL_API il_status il_ion_parse(const char *text, il_ion *ion, il_error *err);

/* ---- stopping of one element at one energy (direct evaluation, not fast) -------------------- */

typedef enum {
    IL_STOP_SRC_TABLE = 0,   /* NIST ASTAR (He) / PSTAR (H) table, ICRU Report 49 */
    IL_STOP_SRC_FIT,         /* ICRU-49 / Ziegler / Andersen-Ziegler coefficient fit */
    IL_STOP_SRC_FIT_BETHE,   /* above 1 MeV/u, untabulated: fit continued by Bethe scaling */
    IL_STOP_SRC_USER,        /* a user-supplied table or scale factor */
    IL_STOP_SRC_MIXED,       /* a compound whose elements are served by different sources */
    IL_STOP_SRC_EXTRAPOLATED /* below the data's lowest energy (1 keV reference energy): the
                              * value at 1 keV (table or fit) scaled with velocity
                              * (Lindhard-Scharff) */
} il_stop_source;

/* "ASTAR table", "PSTAR table" cannot be told apart here: "table", "ICRU-49 fit",
 * "ICRU-49 fit + Bethe scaling", "user", "mixed", "extrapolated below 1 keV". */
IL_API const char *il_stop_source_name(il_stop_source src);

typedef struct {
    double electronic_eV_tfu;
    double nuclear_eV_tfu; /* ZBL universal */
    double total_eV_tfu;   /* electronic + nuclear */
    il_stop_source source; /* what served the electronic part at this energy */
} il_stopping_value;

/* Highest ion energy (keV) the data cover for `ion` (the ASTAR/PSTAR table top scaled to the
 * ion at equal velocity: 1 GeV for 4He, 10 GeV for protons). Below the lowest tabulated
 * energy the electronic stopping is taken proportional to velocity, so the lower end is 0;
 * such values carry the source IL_STOP_SRC_EXTRAPOLATED. */
IL_API double il_stopping_emax_keV(il_ion ion);

/* Electronic + nuclear stopping of `ion` at energy E_keV in element Z (1..92).
 * IL_ERR_RANGE when E_keV is not in (0, il_stopping_emax_keV], naming the value and range. */
IL_API il_status il_stopping_element(il_ion ion, int Z, double E_keV, il_stopping_value *out,
                                     il_error *err);

/* Which source serves element Z for this ion at low energy: TABLE or FIT. */
IL_API il_stop_source il_stopping_element_source(il_ion ion, int Z);

/* ZBL universal nuclear stopping, eV/tfu, for projectile (Z1, M1) on target atom (Z2, M2) at
 * lab energy E_keV (Ziegler, Biersack, Littmark 1985). 0 for E_keV <= 0. */
IL_API double il_stopping_nuclear_zbl(int Z1, double M1_u, int Z2, double M2_u, double E_keV);

/* ---- compounds ------------------------------------------------------------------------------ */

/* A user's own electronic stopping for one element. Either a scale factor applied to the
 * built-in value (n == 0), or a table (n >= 2, ascending energies, positive values; log-log
 * interpolation; outside the table the built-in value is scaled to join the nearest end). */
typedef struct {
    int Z;
    double scale;             /* used when n == 0; must be > 0 */
    const double *energy_keV; /* ion energy, keV */
    const double *S_eV_tfu;   /* electronic stopping */
    size_t n;
} il_stopping_user;

typedef enum {
    IL_STRAG_YANG = 0, /* Bohr x (Chu factor x effective-charge ratio) + Yang charge-state term */
    IL_STRAG_CHU,      /* Bohr x Chu factor */
    IL_STRAG_BOHR,     /* Bohr */
    IL_STRAG_NONE
} il_straggling_model;

/* What a layer is made of, for stopping purposes. A zero-initialised struct plus Z/atoms/n is
 * a valid default (factor 1, nuclear stopping included, Yang straggling, Emax 100 MeV). */
typedef struct {
    const int *Z;            /* n elements, each 1..92 (repeats are summed) */
    const double *atoms;     /* atoms per formula unit (any positive scale; normalised) */
    size_t n;
    double factor;           /* multiplies the compound's electronic stopping; 0 means 1 */
    const il_stopping_user *user; /* per-element overrides, n_user entries (may be NULL) */
    size_t n_user;
    int exclude_nuclear;     /* 1: totals are electronic only */
    il_straggling_model straggling;
    double emax_keV;         /* top of the fast table; 0 means min(100 MeV, data top) */
} il_stopping_target;

typedef struct {
    int Z;
    double atom_fraction;
    il_stopping_value value; /* per atom of this element (not weighted by the fraction) */
} il_stopping_part;

/* Bragg additivity: S = factor * sum_i f_i S_e,i + sum_i f_i S_n,i (f_i atom fractions).
 * `parts` (may be NULL) receives one entry per distinct element, in order of first
 * appearance; *n_parts (may be NULL) their number. total->source is the common source or
 * IL_STOP_SRC_MIXED. */
IL_API il_status il_stopping_compound(il_ion ion, const il_stopping_target *target, double E_keV,
                                      il_stopping_value *total, il_stopping_part *parts,
                                      size_t *n_parts, il_error *err);

/* ---- the fast evaluator ------------------------------------------------------------------- */

typedef struct il_stopping il_stopping;

/* Precomputes stopping, CSDA range and straggling tables on a log energy grid (256 points per
 * decade) for `ion` in `target`. The object is immutable and may be shared between threads. */
IL_API il_status il_stopping_new(il_ion ion, const il_stopping_target *target, il_stopping **out,
                                 il_error *err);
IL_API void il_stopping_free(il_stopping *s);

IL_API il_ion il_stopping_get_ion(const il_stopping *s);
IL_API double il_stopping_table_emax_keV(const il_stopping *s);
/* Distinct elements (in order of first appearance) and the source serving each one at low
 * energy (TABLE / FIT, or USER when overridden). */
IL_API size_t il_stopping_n_elements(const il_stopping *s);
IL_API void il_stopping_element_info(const il_stopping *s, size_t i, int *Z, double *atom_fraction,
                                     il_stop_source *source);

/* Total (or electronic) stopping in eV/tfu. No checks: E_keV must be in (0, table emax]; values
 * outside are clamped to the ends. Relative error vs il_stopping_compound < 1e-4. */
IL_API double il_stopping_eval(const il_stopping *s, double E_keV);
IL_API double il_stopping_eval_electronic(const il_stopping *s, double E_keV);

/* Checked variant: IL_ERR_RANGE outside (0, table emax]. */
IL_API il_status il_stopping_at(const il_stopping *s, double E_keV, double *S_eV_tfu,
                                il_error *err);

/* Straggling rate dOmega^2/dx in keV^2 per tfu at energy E_keV (model of the target). */
IL_API double il_stopping_straggling_rate(const il_stopping *s, double E_keV);

/* CSDA range (integral of dE/S from 0 to E) in tfu. */
IL_API il_status il_stopping_range_tfu(const il_stopping *s, double E_keV, double *range_tfu,
                                       il_error *err);

/* eV/tfu * atoms/cm3 -> keV/um (tfu <-> nm: il_tfu_to_nm / il_nm_to_tfu in composition.h). */
IL_API double il_stopping_keV_per_um(double S_eV_tfu, double atoms_cm3);

/* ---- paths through layers ------------------------------------------------------------------ */

/* One piece of matter crossed by the particle. length_nm is measured along the path; the
 * last segment of a path may be INFINITY (a substrate). */
typedef struct {
    const il_stopping *stopping;
    double atoms_cm3;
    double length_nm;
} il_path_segment;

/* Energy and straggling (sigma) of a particle, keV. */
typedef struct {
    double E_keV;
    double sigma_keV;
} il_beam;

/* Follows a particle entering segments[0] with `in` for path_nm along the path (through the
 * segments in order). A particle that stops reports E_keV = 0, sigma_keV = 0 and IL_OK.
 * IL_ERR_RANGE if path_nm exceeds the total length of the segments. Straggling: linear
 * propagation (see docs/physics.md). */
IL_API il_status il_path_advance(const il_path_segment *segments, size_t n, il_beam in,
                                 double path_nm, il_beam *out, il_error *err);

/* Path length (nm, along the path) after which the particle's mean energy falls to
 * E_target_keV. IL_ERR_RANGE if E_target_keV is not in (0, E_in_keV] or if the segments end
 * before it is reached. */
IL_API il_status il_path_length_to_energy(const il_path_segment *segments, size_t n,
                                          double E_in_keV, double E_target_keV, double *path_nm,
                                          il_error *err);

/* Total length (nm along the path) after which the particle stops (its CSDA range through the
 * segments); INFINITY if it leaves the last (finite) segment with energy left. */
IL_API il_status il_path_range_nm(const il_path_segment *segments, size_t n, double E_in_keV,
                                  double *range_nm, il_error *err);

/* A slab of matter for depth-energy: slabs from the surface down; thickness_nm may be INFINITY for
 * the last one. */
typedef struct {
    const il_stopping *stopping;
    double atoms_cm3;
    double thickness_nm;
} il_slab;

/* A particle born at depth_nm (from the surface) with energy E0_keV (sigma 0) travels toward
 * the surface at theta_deg from the outward normal (0 <= theta < 90); returns its energy and
 * straggling at the surface. A particle that does not reach the surface gets E_keV = 0. */
IL_API il_status il_depth_energy(const il_slab *layers, size_t n, double depth_nm, double E0_keV,
                                 double theta_deg, il_beam *exit, il_error *err);

/* The same for every depth in depth_nm[0..m), writing exit[0..m). */
IL_API il_status il_depth_energy_curve(const il_slab *layers, size_t n, double E0_keV,
                                       double theta_deg, const double *depth_nm, size_t m,
                                       il_beam *exit, il_error *err);

/* A depth-energy table: exit[k] of a particle born at depth_nm[k], depths ascending. */
typedef struct {
    size_t n;
    double *depth_nm;
    il_beam *exit;
} il_depth_energy_table;

/* The depths worth tabulating for a particle of E0_keV born in `layers`: npoints (>= 2) evenly
 * from 0 to max_depth_nm, plus both sides of every interface above max_depth_nm (the depth
 * itself and the next double toward the surface) so that steps in dE/dx show sharply; sorted
 * ascending. max_depth_nm <= 0 means the finite layers' total thickness plus, when the last
 * layer is infinite (a substrate), the particle's range in it: the deepest point it could still
 * leave from. Allocates *depth_nm (free() it); *m is its length. */
IL_API il_status il_depth_energy_grid(const il_slab *layers, size_t n, double E0_keV,
                                      size_t npoints, double max_depth_nm, double **depth_nm,
                                      size_t *m, il_error *err);

/* il_depth_energy_grid followed by il_depth_energy_curve, cut after the first depth from which
 * nothing leaves (that point, with E_keV = 0, is kept). Fills *out; release its arrays with
 * il_depth_energy_table_clear. */
IL_API il_status il_depth_energy_sweep(const il_slab *layers, size_t n, double E0_keV,
                                       double theta_deg, size_t npoints, double max_depth_nm,
                                       il_depth_energy_table *out, il_error *err);
IL_API void il_depth_energy_table_clear(il_depth_energy_table *t);

#ifdef __cplusplus
}
#endif
#endif
