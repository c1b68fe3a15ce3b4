/* Vectorised Abeles kernels (AVX2 + FMA, AVX-512F) with SLEEF's vector exp and sincos, chosen
 * at run time by what the CPU offers; the portable kernel in refl_abeles.c is the fallback and
 * the reference. Compiled for these instruction sets with target pragmas (GCC), so the library
 * itself still runs on any x86-64. Other compilers and CPUs get the portable kernel. */
#include "probes/refl/refl_kernel.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define IL_REFL_HAVE_SIMD 1

/* immintrin.h first, under the default target, so that each intrinsic keeps only its own
 * target (read under a wider pragma they would all require AVX-512 and could not be inlined into
 * the AVX2 kernel). sleef.h declares its vector functions only when the compiler targets the
 * instruction set, so it is read with both enabled. */
#include <immintrin.h>
#pragma GCC push_options
#pragma GCC target("avx2,fma,avx512f")
#include <sleef.h>
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2,fma")

#define KNAME abeles_block_avx2
#define W 4
#define VEXP(x) ((KV)Sleef_expd4_u10avx2((__m256d)(x)))
#define VSQRT(x) ((KV)_mm256_sqrt_pd((__m256d)(x))) /* hardware, correctly rounded */
#define VSINCOS(arg_, s_, c_)                                                                       \
    do {                                                                                       \
        Sleef___m256d_2 sc_ = Sleef_sincosd4_u35avx2((__m256d)(arg_));                            \
        (s_) = (KV)sc_.x;                                                                       \
        (c_) = (KV)sc_.y;                                                                       \
    } while (0)
#define KV KV4
#define KM KM4
#include "probes/refl/refl_abeles_simd_body.h"
#undef KV
#undef KM
#undef KNAME
#undef W
#undef VEXP
#undef VSQRT
#undef VSINCOS
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f")

#define KNAME abeles_block_avx512
#define W 8
#define VEXP(x) ((KV)Sleef_expd8_u10avx512f((__m512d)(x)))
#define VSQRT(x) ((KV)_mm512_sqrt_pd((__m512d)(x)))
#define VSINCOS(arg_, s_, c_)                                                                       \
    do {                                                                                       \
        Sleef___m512d_2 sc_ = Sleef_sincosd8_u35avx512f((__m512d)(arg_));                         \
        (s_) = (KV)sc_.x;                                                                       \
        (c_) = (KV)sc_.y;                                                                       \
    } while (0)
#define KV KV8
#define KM KM8
#include "probes/refl/refl_abeles_simd_body.h"
#undef KV
#undef KM
#pragma GCC pop_options
#endif

/* __builtin_cpu_supports reads what libgcc's constructor found at start-up (no call to
 * __builtin_cpu_init here: it would write shared state from every thread). */
il_refl_block_fn il_refl_block_kernel(int *which)
{
#ifdef IL_REFL_HAVE_SIMD
    if (__builtin_cpu_supports("avx512f")) {
        if (which)
            *which = 2;
        return abeles_block_avx512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        if (which)
            *which = 1;
        return abeles_block_avx2;
    }
#endif
    if (which)
        *which = 0;
    return il_refl_abeles_block;
}

il_refl_block_fn il_refl_block_kernel_named(int which)
{
#ifdef IL_REFL_HAVE_SIMD
    if (which == 2 && __builtin_cpu_supports("avx512f"))
        return abeles_block_avx512;
    if (which == 1 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return abeles_block_avx2;
#endif
    return which == 0 ? il_refl_abeles_block : NULL;
}
