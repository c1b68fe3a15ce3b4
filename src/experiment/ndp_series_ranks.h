/* The spectra of an operando series dealt to MPI ranks (internal to src/experiment). Without a
 * communicator, or in a build without MPI, every spectrum is this process's and sharing does
 * nothing. */
#ifndef IL_NDP_SERIES_RANKS_H
#define IL_NDP_SERIES_RANKS_H
#include <stddef.h>

#include "interlayer/ndp_invert.h"

/* 1 if spectrum i is inverted by this rank (round robin: i mod size == rank). */
int il__series_mine(size_t i, void *comm);

/* After a loop in which each rank filled prof[i] for its own i: every rank receives every
 * profile (allocated like `shape` where it has none; bit-exact copies of the owner's numbers),
 * and the ranks agree on failure: *st becomes the first failing rank's status and *err its
 * error. rows (may be NULL): n rows of `width` doubles per spectrum, also copied from owners. */
void il__series_share(il_ndp_profile **prof, size_t n, const il_ndp_profile *shape,
                      double *rows, size_t width, void *comm, int *st, il_error *err);

#endif
