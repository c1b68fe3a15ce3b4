/* Elements Z = 1..92 and their isotopes, embedded from data/elements (see its README). */
#ifndef INTERLAYER_ELEMENTS_H
#define INTERLAYER_ELEMENTS_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/constants.h"
#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IL_Z_MAX 92

typedef struct {
    int Z;
    const char *symbol;
    const char *name;
    double atomic_weight_u;   /* standard atomic weight (CIAAW 2021, abridged) */
    double density_g_cm3;     /* element at 20 C; gases as the liquid at the boiling point */
    const char *density_note; /* "" or a caveat such as "T=-252.87" */
} il_element;

typedef struct {
    int Z;
    int A;
    double mass_u;    /* AME2020 atomic mass */
    double abundance; /* natural abundance as a fraction (NIST representative; 6Li 0.0759) */
} il_isotope;

/* NULL when Z is outside 1..92. */
IL_API const il_element *il_element_by_z(int Z);
/* Exact, case-sensitive symbol ("Li", "Co"); NULL when unknown. */
IL_API const il_element *il_element_by_symbol(const char *symbol);
/* Like il_element_by_symbol, but fills err with "unknown element 'Xx'; did you mean 'X'?". */
IL_API il_status il_element_lookup(const char *symbol, const il_element **out, il_error *err);

#define IL_MAX_NATURAL_ISOTOPES 10 /* Sn has the most: 10 */

/* Copies up to `max` naturally occurring isotopes of Z (lightest first) into `out` and returns
 * how many there are (0 for none, e.g. Tc). `out` may be NULL to count only. */
IL_API size_t il_element_isotopes(int Z, il_isotope *out, size_t max);

/* Atomic mass of any nuclide in AME2020 (Z = 0, A = 1 is the neutron). */
IL_API il_status il_nuclide_mass_u(int Z, int A, double *mass_u, il_error *err);

/* Natural abundance (fraction) of isotope A of element Z; 0 for one that does not occur. */
IL_API double il_isotope_abundance(int Z, int A);

#ifdef __cplusplus
}
#endif
#endif
