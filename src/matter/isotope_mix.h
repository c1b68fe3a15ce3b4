/* Shared inside matter/: the isotopic mix of one element after enrichment (formula.c defines
 * it; formula expansion and compositions both split elements with it, so a split is done one
 * way only). Not part of the public API. */
#ifndef IL_MATTER_ISOTOPE_MIX_H
#define IL_MATTER_ISOTOPE_MIX_H
#include "interlayer/formula.h"

/* Up to `max` isotopes of element Z with their fraction of the element's atoms (in .count) and
 * their mass: enriched isotopes first in the order of `enr`, then the other natural isotopes in
 * table order sharing the rest by natural abundance. Returns the number of isotopes (0 when Z
 * has no natural isotopes and no enrichment), or -1 with err set. `enr` must have passed
 * il_enrichment_check. */
int il__element_mix(int Z, const il_enrichment *enr, size_t n_enr, il_formula_isotope *out,
                    size_t max, il_error *err);

/* Can isotope A of element Z be a layer's species (formula.c defines it)? One with a natural
 * abundance, or a long-lived radionuclide (H-3, C-14, ...); not Li-9 (178 ms). */
int il__isotope_usable(int Z, int A);

#endif
