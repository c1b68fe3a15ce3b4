/* Internal: NNLS on the normal equations that also hands back the Cholesky factor of the free
 * block, so callers can propagate uncertainties without factorising again. */
#ifndef IL_FIT_LINV_NNLS_H
#define IL_FIT_LINV_NNLS_H
#include <stddef.h>

#include "interlayer/error.h"

/* As il_linv_nnls_gram; in addition (when Lf and ord are non-NULL): ord[0..*np-1] the free
 * variables in factor order and Lf (n x n buffer, row-major, leading dimension n) the lower
 * Cholesky factor of G restricted to them in that order: G[ord, ord] = Lf Lf^T. */
il_status il_linv_nnls_gram_factor(size_t n, const double *G, const double *h, const char *warm,
                                  double *x, char *passive, int *iterations, double *Lf,
                                  size_t *ord, size_t *np, il_error *err);

/* Solves Lf Lf^T v = b in place (p x p factor from il_linv_nnls_gram_factor, leading dim n). */
void il_linv_chol_solve(const double *Lf, size_t n, size_t p, double *b);
#endif
