/* The spectrum object of the IBA probe (internal). */
#ifndef IL_PROBES_IBA_SPECTRUM_PRIV_H
#define IL_PROBES_IBA_SPECTRUM_PRIV_H
#include "interlayer/iba.h"

struct il_iba_spectrum {
    size_t n;
    double offset, gain, quad;
    double *total;
    double *edge; /* n + 1 channel edges, keV */
    size_t n_parts, cap;
    il_iba_part *parts;
    double **data;
    double *pileup; /* sum pulses (NULL: pile-up off) */
};

il_status il__iba_spectrum_new(const il_iba_options *o, il_iba_spectrum **out, il_error *err);
/* The counts array of one contribution, created on first use. */
il_status il__iba_spectrum_part(il_iba_spectrum *s, size_t layer, int Z, int A, int pZ, int pA,
                                double **counts, il_error *err);
/* Adds `counts` spread evenly over detected energies [a, b] and convolved with a Gaussian of
 * standard deviation sd (keV) to `part` and to the total, integrated exactly over each
 * channel. */
void il__iba_bin(il_iba_spectrum *s, double *part, double counts, double a, double b, double sd);

/* Dead time (counts x live/real) and pile-up (iba_pileup.c), applied once to a finished
 * spectrum, after any roughness average (pile-up is not linear in the spectrum). */
il_status il__iba_finish(const il_iba_options *o, il_iba_spectrum *s, il_error *err);

#endif
