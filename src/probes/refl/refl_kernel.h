/* Internal pieces shared by the reflectivity kernels (not installed). */
#ifndef IL_REFL_KERNEL_H
#define IL_REFL_KERNEL_H
#include <math.h>
#include <stddef.h>

#include "interlayer/refl.h"

/* 4π·1e-6: turns an SLD in 1e-6 Å⁻² into the k² offset in Å⁻². */
#define IL_REFL_FOURPI_E6 (4.0 * 3.14159265358979323846 * 1e-6)

/* Q values handled together: the layer loop runs once per block, the inner loops over the block
 * are independent and the compiler can vectorise them. */
#define IL_REFL_BLOCK 8

/* Reflectivity |r|^2 of m <= IL_REFL_BLOCK values of Q (no scale/background). */
void il_refl_abeles_block(const il_refl_slab *s, size_t n, const double *q, size_t m, double *R);

typedef void (*il_refl_block_fn)(const il_refl_slab *s, size_t n, const double *q, size_t m,
                                 double *R);
/* The fastest block kernel this CPU runs (refl_abeles_simd.c); *which (may be NULL) receives
 * 0 portable, 1 AVX2+FMA, 2 AVX-512F. */
il_refl_block_fn il_refl_block_kernel(int *which);
/* A given kernel (0, 1, 2), or NULL when the CPU or the build lacks it. For tests and bench. */
il_refl_block_fn il_refl_block_kernel_named(int which);

/* Checks the arguments common to all reflectivity entry points. */
il_status il_refl_check_args(const il_refl_slab *slabs, size_t nslabs, const void *q,
                             const void *out, size_t nq, il_error *err);

#endif
