/* Reflectivity kernel benchmark: nanoseconds per Q point per interface for a 10-layer and a
 * 100-layer rough stack (absorbing layers, Nevot-Croce roughness on every interface), on one core
 * and on all cores (OpenMP), for the Abeles kernel and the Parratt cross-check. Also one smeared
 * curve, by the exact adaptive path and by the fitting resolution (il_refl_smear_plan), side by
 * side. Prints figures; asserts nothing. For comparison: the C kernel of refnx runs at about
 * 80 ns per Q point per interface on a 2-core Xeon. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/refl.h"
#include "probes/refl/refl_kernel.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* Wall time (for the all-cores figures) and this thread's CPU time (for the 1-core figures: on
 * a shared machine it leaves out the time other processes held the core). */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static il_refl_slab *stack(size_t nlayers)
{
    il_refl_slab *s = malloc((nlayers + 2) * sizeof *s);
    s[0] = (il_refl_slab){0, 0, 0, 0};
    for (size_t j = 1; j <= nlayers; j++)
        s[j] = (il_refl_slab){20.0 + (double)(j % 7), j % 2 ? 5.04 : 2.07, j % 2 ? 0.05 : 0.0,
                              3.0 + (double)(j % 3)};
    s[nlayers + 1] = (il_refl_slab){0, 2.07, 0, 3};
    return s;
}

typedef il_status (*kernel_fn)(const il_refl_slab *, size_t, const double *, size_t, double,
                               double, double *, il_error *);

static il_status mt_all(const il_refl_slab *s, size_t n, const double *q, size_t nq, double sc,
                        double bg, double *r, il_error *e)
{
    return il_refl_reflectivity_mt(s, n, q, nq, sc, bg, r, 0, e);
}

static void run(const char *what, kernel_fn k, size_t nlayers, size_t nq, double min_time,
                int wall)
{
    double (*clk)(void) = wall ? now_s : cpu_s;
    il_refl_slab *s = stack(nlayers);
    double *q = malloc(nq * sizeof *q), *r = malloc(nq * sizeof *r);
    for (size_t i = 0; i < nq; i++)
        q[i] = 0.005 + 0.3 * (double)i / (double)(nq - 1);
    size_t reps = 0;
    double t0 = clk(), t;
    do {
        k(s, nlayers + 2, q, nq, 1.0, 0.0, r, NULL);
        reps++;
        t = clk() - t0;
    } while (t < min_time);
    size_t interfaces = nlayers + 1;
    printf("  %-28s %3zu layers: %8.2f ns per Q point per interface (%zu Q, %zu reps)\n", what,
           nlayers, 1e9 * t / ((double)reps * (double)nq * (double)interfaces), nq, reps);
    free(s);
    free(q);
    free(r);
}

/* One block kernel on its own, 1 core. */
static void run_block(const char *what, il_refl_block_fn k, size_t nlayers, size_t nq)
{
    il_refl_slab *s = stack(nlayers);
    double *q = malloc(nq * sizeof *q), *r = malloc(nq * sizeof *r);
    for (size_t i = 0; i < nq; i++)
        q[i] = 0.005 + 0.3 * (double)i / (double)(nq - 1);
    size_t reps = 0;
    double t0 = cpu_s(), t;
    do {
        for (size_t i = 0; i < nq; i += IL_REFL_BLOCK)
            k(s, nlayers + 2, q + i, nq - i < IL_REFL_BLOCK ? nq - i : IL_REFL_BLOCK, r + i);
        reps++;
        t = cpu_s() - t0;
    } while (t < 0.5);
    printf("  %-28s %3zu layers: %8.2f ns per Q point per interface\n", what, nlayers,
           1e9 * t / ((double)reps * (double)nq * (double)(nlayers + 1)));
    free(s);
    free(q);
    free(r);
}

int main(void)
{
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    int which;
    il_refl_block_kernel(&which);
    static const char *names[] = {"portable C", "AVX2+FMA (SLEEF)", "AVX-512F (SLEEF)"};
    printf("refl: Abeles kernel in blocks of %d Q, dispatched kernel: %s; %d OpenMP threads\n"
           "(1-core figures are thread CPU time; all-cores figures are wall time and suffer\n"
           "when other processes load the machine)\n",
           IL_REFL_BLOCK, names[which], threads);
    for (int w = 0; w <= 2; w++) {
        il_refl_block_fn k = il_refl_block_kernel_named(w);
        if (!k)
            continue;
        char label[64];
        snprintf(label, sizeof label, "%s, 1 core", names[w]);
        run_block(label, k, 10, 2000);
        run_block(label, k, 100, 2000);
    }
    for (int pass = 0; pass < 2; pass++) {
        size_t nl = pass ? 100 : 10;
        run("Abeles, 1 core", il_refl_reflectivity, nl, 2000, 0.5, 0);
        run("Abeles, all cores (wall)", mt_all, nl, 20000, 0.5, 1);
        run("Parratt (complex.h), 1 core", il_refl_parratt, nl, 2000, 0.5, 0);
    }
    /* smeared: 300 points, dQ/Q = 3 % (1σ), full Gaussian converged to 1e-6 */
    il_refl_slab *s = stack(10);
    double q[300], r[300], qerr;
    for (int i = 0; i < 300; i++)
        q[i] = 0.005 + 0.3 * i / 299.0;
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.dq_over_q = 0.03;
    res.tol = 1e-6;
    double t0 = cpu_s(); /* 1 core, like the fast path below */
    il_refl_smeared(s, 12, q, NULL, 300, &res, 1.0, 0.0, r, &qerr, NULL);
    double t_exact = cpu_s() - t0;
    printf("  smeared curve, 10 layers, 300 Q, dQ/Q 3 %%, tol 1e-6: %.2f ms (error estimate "
           "%.1e)\n",
           1e3 * t_exact, qerr);
    /* the same curve through a resolution plan (shared grid, fixed weights) as a fit uses it,
     * at 1e-5 (1e-3 of 1 % error bars); made once, then evaluated many times */
    il_refl_smear_plan *plan;
    t0 = now_s();
    if (il_refl_smear_plan_new(q, NULL, 300, &res, s, 12, 1e-5, &plan, NULL) == IL_OK) {
        double t_make = now_s() - t0;
        double *work = malloc(il_refl_smear_plan_nodes(plan) * sizeof *work);
        size_t reps = 0;
        double t1 = cpu_s(), t;
        do {
            il_refl_smear_plan_eval(plan, s, 12, 1.0, 0.0, work, r, NULL);
            reps++;
            t = cpu_s() - t1;
        } while (t < 0.3);
        printf("  smeared curve, same, fitting resolution (accuracy 1e-5, error %.1e vs exact):"
               " %.3f ms per curve, %zu grid nodes (%.1f per point; plan made in %.1f ms)\n"
               "    exact / fast: %.0f x\n",
               il_refl_smear_plan_error(plan), 1e3 * t / (double)reps,
               il_refl_smear_plan_nodes(plan), il_refl_smear_plan_nodes(plan) / 300.0,
               1e3 * t_make, t_exact / (t / (double)reps));
        free(work);
        il_refl_smear_plan_free(plan);
    }
    free(s);
    return 0;
}
