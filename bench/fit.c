/* Fit benchmark: the Platypus fit (examples/refl/platypus_d2o.yaml, 408 points, dQ a FWHM, 8
 * parameters) with LM, DE + LM polish and MCMC, on one thread: wall time, model evaluations, time
 * per evaluation, and that time divided by the bare kernel time measured in the same run (the
 * overhead factor: what the fit machinery costs on top of the reflectivity kernel). The bare
 * kernel is il_refl_reflectivity on as many Q values as the fit's resolution grid has nodes,
 * which is the kernel work one smeared evaluation cannot avoid. Prints figures; asserts nothing.
 *
 * usage: bench/fit [MODEL.yaml [DATA [MCMC_STEPS]]] (run from the source tree; defaults to the
 * example and 500 steps after burn-in, 32 walkers). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/refl_data.h"
#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Seconds per call of the kernel on n Q values spanning [qlo, qhi] for the given slabs. */
static double kernel_time(const il_refl_slab *slabs, size_t ns, double qlo, double qhi, size_t n)
{
    double *q = malloc(n * sizeof *q), *r = malloc(n * sizeof *r);
    for (size_t i = 0; i < n; i++)
        q[i] = qlo + (qhi - qlo) * (double)i / (double)(n > 1 ? n - 1 : 1);
    size_t reps = 0;
    double t0 = now_s(), t;
    do {
        il_refl_reflectivity(slabs, ns, q, n, 1.0, 0.0, r, NULL);
        reps++;
        t = now_s() - t0;
    } while (t < 0.3);
    free(q);
    free(r);
    return t / (double)reps;
}

int main(int argc, char **argv)
{
    const char *model_path = argc > 1 ? argv[1] : "examples/refl/platypus_d2o.yaml";
    const char *data_path = argc > 2 ? argv[2] : "examples/refl/data/c_PLP0011859_q.txt";
    int steps = argc > 3 ? atoi(argv[3]) : 500;
    il_error err;
    il_refl_model *m;
    il_refl_data *d;
    il_refl_read_opts ro = {IL_REFL_DQ_FWHM};
    if (il_refl_model_load(model_path, &m, &err) || il_refl_data_load(data_path, &ro, &d, &err)) {
        fprintf(stderr, "fit bench: %s (run from the source tree)\n", err.message);
        return 1;
    }
    const il_refl_dataset *set = il_refl_data_get(d, 0);
    static const char *names[] = {"LM", "DE + LM", "MCMC"};
    printf("fit: %s, %zu points, one thread; MCMC %d steps after burn-in\n", set->name, set->n,
           steps);
    printf("  %-8s %9s %8s %11s %12s %14s %9s  %s\n", "engine", "wall (s)", "evals",
           "per eval", "bare kernel", "overhead", "χ²", "stop");
    for (int e = 0; e < 3; e++) {
        il_refl_fit *f;
        if (il_refl_model_make_fit(m, &set, 1, &f, &err)) {
            fprintf(stderr, "fit bench: %s\n", err.message);
            return 1;
        }
        il_refl_fit_opts o;
        il_refl_fit_opts_init(&o);
        o.engine = (il_refl_engine)e;
        o.nthreads = 1;
        o.mcmc_steps = steps;
        il_refl_fit_result r;
        double t0 = now_s();
        if (il_refl_fit_run(f, &o, &r, &err)) {
            fprintf(stderr, "fit bench: %s\n", err.message);
            return 1;
        }
        double wall = now_s() - t0;
        const il_refl_slab *slabs;
        size_t ns;
        il_refl_fit_slabs(f, 0, NULL, &slabs, &ns, NULL);
        size_t nodes = r.quad_nodes ? r.quad_nodes : set->n;
        double tk = kernel_time(slabs, ns, set->q_invA[0], set->q_invA[set->n - 1], nodes);
        double per = wall / (double)r.evaluations;
        printf("  %-8s %9.3f %8zu %9.1f µs %9.1f µs %8.2f (%zu Q) %9.3f  %s\n", names[e], wall,
               r.evaluations, 1e6 * per, 1e6 * tk, per / tk, nodes, r.chi2,
               r.stop == IL_FIT_STOP_CONVERGED ? "converged"
               : r.stop == IL_FIT_STOP_MAX_ITER ? "budget used up"
                                                : "no progress");
        if (e == 2)
            printf("  MCMC: %zu samples, %.0f effective (samples / max τ), %.1f effective samples "
                   "per second\n",
                   r.nsamples, r.ess, r.ess / wall);
        il_refl_fit_result_free(&r);
        il_refl_fit_free(f);
    }
    printf("(wall time includes making the resolution plan, which is checked against the exact "
           "adaptive path at the start and at the solution, and the covariance)\n");
    il_refl_data_free(d);
    il_refl_model_free(m);
    return 0;
}
