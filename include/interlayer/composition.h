/* The make-up of a material as the physics sees it: a list of species (an element with its
 * natural isotopic mix, or one isotope) with their atoms per formula unit. Stopping targets,
 * scattering length densities, NDP and every later technique read this one type, and every
 * quantity derived from a make-up is computed here, once:
 *   molar mass (g/mol)                       il_composition_molar_mass
 *   number density (atoms/cm3 from g/cm3)    il_composition_number_density
 *   atoms of one element / isotope per cm3   il_composition_atoms_cm3
 *   thickness nm <-> areal density tfu       il_nm_to_tfu / il_tfu_to_nm (tfu = 1e15 atoms/cm2)
 *   thickness um -> mass thickness mg/cm2    il_um_to_mg_cm2
 * A stack layer's composition comes from il_layer_composition (stack.h). */
#ifndef INTERLAYER_COMPOSITION_H
#define INTERLAYER_COMPOSITION_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/formula.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most species in one composition: a full formula (IL_FORMULA_MAX) with a few enriched
 * elements split into their isotopes fits with room to spare. */
#define IL_COMPOSITION_MAX 64

/* A plain value type (copy it freely; it owns no memory). Species i is element Z[i] with
 * atoms[i] atoms per formula unit (>= 0); A[i] == 0 means the natural isotopic mix (standard
 * atomic weight), A[i] > 0 that one isotope (AME2020 mass). The same Z may occur several times
 * (6Li and 7Li of an enriched Li). The order is meaningful only in that sums run in it:
 * il_composition_from_formula keeps the formula's order and puts an enriched element's isotopes
 * in its place (see there). */
typedef struct {
    size_t n;
    int Z[IL_COMPOSITION_MAX];
    int A[IL_COMPOSITION_MAX];
    double atoms[IL_COMPOSITION_MAX];
} il_composition;

/* The composition of a formula with enrichments (checked with il_enrichment_check). Species in
 * formula order; a natural element that an enrichment names is replaced, in its place, by its
 * isotopes: first the natural ones in order of mass number, then enriched isotopes that do not
 * occur in nature in the order of `enr`; isotopes left with no atoms are dropped. Explicit
 * isotopes (Li[6]) and unenriched elements stay as written. IL_ERR_RANGE beyond
 * IL_COMPOSITION_MAX species. */
IL_API il_status il_composition_from_formula(const il_formula *f, const il_enrichment *enr,
                                             size_t n_enr, il_composition *out, il_error *err);

/* Appends one species (Z 1..92, A 0 or a known nuclide, atoms finite and >= 0); no merging.
 * IL_ERR_RANGE when the composition is full. */
IL_API il_status il_composition_add(il_composition *c, int Z, int A, double atoms, il_error *err);

/* Replaces every natural Li species (Z = 3, A = 0) by 6Li with the fraction `li6_fraction` of its
 * atoms and 7Li with the rest (both entries kept, even at 0 atoms), in place; a fraction above 1
 * counts as 1. Reflectometry fits the 6Li fraction of a layer this way. IL_ERR_INVALID for a
 * negative or non-finite fraction, IL_ERR_RANGE when the split does not fit. */
IL_API il_status il_composition_set_li6_fraction(il_composition *c, double li6_fraction,
                                                 il_error *err);

/* Total atoms per formula unit. */
IL_API double il_composition_atoms(const il_composition *c);

/* Atoms per formula unit of element Z (A = 0: all its atoms) or of isotope A of Z; natural
 * species contribute by natural abundance. */
IL_API double il_composition_count(const il_composition *c, int Z, int A);

/* Molar mass of one formula unit, g/mol: sum of atoms[i] times the standard atomic weight
 * (CIAAW 2021, A = 0) or the isotope mass (AME2020, A > 0), in species order. IL_ERR_NOT_FOUND
 * for an element without a standard atomic weight given as A = 0 (Tc, Pm, ...). */
IL_API il_status il_composition_molar_mass(const il_composition *c, double *g_mol, il_error *err);

/* Atoms per cm3 at mass density density_g_cm3 (> 0): rho * N_A * atoms / molar mass. */
IL_API il_status il_composition_number_density(const il_composition *c, double density_g_cm3,
                                               double *atoms_cm3, il_error *err);

/* Atoms per cm3 of element Z (A = 0) or isotope (Z, A) in a material of this composition with
 * `atoms_cm3` atoms per cm3 in all: atoms_cm3 * il_composition_count / il_composition_atoms. */
IL_API double il_composition_atoms_cm3(const il_composition *c, double atoms_cm3, int Z, int A);

/* Thickness (nm) <-> areal density (tfu = 1e15 atoms/cm2) at atoms_cm3 atoms per cm3. */
IL_API double il_nm_to_tfu(double nm, double atoms_cm3);
IL_API double il_tfu_to_nm(double tfu, double atoms_cm3);
/* A length (um) of matter of mass density density_g_cm3 as mass per area (mg/cm2), the unit
 * range tables often use. */
IL_API double il_um_to_mg_cm2(double length_um, double density_g_cm3);

#ifdef __cplusplus
}
#endif
#endif
