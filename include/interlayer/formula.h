/* Chemical formulas: parsing ("Li1.5Al0.5Ge1.5(PO4)3", "Li[6]CoO2"), atom and mass fractions
 * and expansion into isotopes with optional enrichment. Molar masses and number densities are
 * computed from a formula's composition (composition.h, il_composition_from_formula). */
#ifndef INTERLAYER_FORMULA_H
#define INTERLAYER_FORMULA_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/elements.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IL_FORMULA_MAX 32       /* distinct species (element or isotope) in one formula */
#define IL_FORMULA_TEXT_MAX 256 /* longest formula text accepted, in bytes */
#define IL_ENRICH_MAX 8         /* isotope enrichments attached to one layer */
/* Most isotopes a formula can expand into. */
#define IL_FORMULA_ISOTOPES_MAX (IL_FORMULA_MAX * IL_MAX_NATURAL_ISOTOPES)

/* A parsed formula, a plain value type (copy it freely). Species are in order of first
 * appearance; a species repeated in the text ("CH3COOH") is merged into one entry.
 * A[i] == 0 means the element with its natural isotopic mix; A[i] > 0 an explicit isotope. */
typedef struct {
    size_t n;
    int Z[IL_FORMULA_MAX];
    int A[IL_FORMULA_MAX];
    double count[IL_FORMULA_MAX]; /* atoms per formula unit, > 0 */
} il_formula;

/* The fraction (0..1) of isotope A among the atoms of element Z. Applied to the natural atoms of
 * Z in a formula (explicit isotopes like Li[6] stay as written). The rest (1 - sum of the given
 * fractions of Z) is shared by the other natural isotopes of Z in their natural proportion, so
 * {3, 6, 0.95} turns Li into 95 % 6Li and 5 % 7Li. */
typedef struct {
    int Z;
    int A;
    double fraction;
} il_enrichment;

/* One isotope of an expanded formula. A == 0 only for an element without natural isotopes
 * (Tc, Pm, ...), which is then kept whole with its standard atomic weight. */
typedef struct {
    int Z;
    int A;
    double count;  /* atoms per formula unit */
    double mass_u; /* atomic mass of this isotope (AME2020) */
} il_formula_isotope;

/* Parses a formula in the notation of the Python package periodictable:
 *   elements with counts   Li3PO4, Li2.9PO3.3N0.46, Li7La3Zr2O12
 *   groups, nested         Li1.5Al0.5Ge1.5(PO4)3, (Li2S)0.75(P2S5)0.25, Ca((OH)2)3
 *   isotopes               Li[6]CoO2, H[2]2O; D and T are short for H[2] and H[3]
 * Blanks before and after the formula are ignored, inside it they are an error.
 * Errors (IL_ERR_PARSE, or IL_ERR_NOT_FOUND for an unknown element) set err->column to the
 * 1-based byte column of the offending character, and the message reads
 * "Li3P%O4: column 4: unexpected '%'". Counts must be finite and > 0. */
IL_API il_status il_formula_parse(const char *text, il_formula *out, il_error *err);

/* Writes the formula back as text ("LiCoO2", "Li[6]CoO2"); groups are flattened. Counts are
 * written in plain decimals with 10 significant digits, so the text parses again. Returns buf. */
IL_API const char *il_formula_format(const il_formula *f, char *buf, size_t size);

/* True when both have the same species with counts equal to a relative 1e-9 (order ignored). */
IL_API int il_formula_equal(const il_formula *a, const il_formula *b);

/* Total atoms per formula unit. */
IL_API double il_formula_atoms(const il_formula *f);

/* Checks an enrichment list: fractions in [0, 1], Z in 1..92, A a known nuclide, the fractions of
 * one element summing to at most 1, and when they sum to less than 1 some other natural isotope
 * left to take the rest. `enr` may be NULL when n == 0. */
IL_API il_status il_enrichment_check(const il_enrichment *enr, size_t n, il_error *err);

/* Fraction of the atoms (resp. of the mass) carried by each species f->Z[i]/f->A[i]; `out`
 * has room for f->n values. The mass of an enriched element's atom is the enrichment-weighted
 * mean of its isotope masses; the molar mass is il_composition_molar_mass's. */
IL_API il_status il_formula_atom_fractions(const il_formula *f, double *out, il_error *err);
IL_API il_status il_formula_mass_fractions(const il_formula *f, const il_enrichment *enr,
                                           size_t n_enr, double *out, il_error *err);

/* Expands the formula into isotopes with their atoms per formula unit, natural elements by their
 * natural abundance (NIST representative composition, 6Li 7.59 %) or by `enr`. Species of the
 * same (Z, A) are merged, ordered by Z then A. `out` has room for `max` entries
 * (IL_FORMULA_ISOTOPES_MAX is always enough); *n_out receives the count. */
IL_API il_status il_formula_isotopes(const il_formula *f, const il_enrichment *enr, size_t n_enr,
                                     il_formula_isotope *out, size_t max, size_t *n_out,
                                     il_error *err);

/* Atoms of isotope (Z, A) per formula unit after enrichment (A = 0: all atoms of Z). */
IL_API double il_formula_isotope_count(const il_formula *f, const il_enrichment *enr, size_t n_enr,
                                       int Z, int A);

#ifdef __cplusplus
}
#endif
#endif
