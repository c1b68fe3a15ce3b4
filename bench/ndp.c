/* NDP benchmark: prints (asserts nothing about time)
 *  - the time to build the forward model of the default cell (stopping tables, exit energies),
 *  - the time to simulate one 1024-channel alpha + triton spectrum with it (aim: < 5 ms, one
 *    core),
 *  - the time to invert an operando series of 1000 spectra (aim: < 10 s on 2 cores; run with
 *    OMP_NUM_THREADS=2 or pass the thread count as the first argument). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "interlayer/interlayer.h"
#include "interlayer/ndp_series.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    size_t nser = argc > 2 ? (size_t)atol(argv[2]) : 1000;
#ifdef _OPENMP
    omp_set_num_threads(threads);
#else
    threads = 1;
#endif
    il_error err;
    il_stack *s;
    if (il_stack_default_cell(&s, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    /* The fastest of 20 builds: one build takes ~10 ms, which a shared machine disturbs often. */
    il_ndp_model *m = NULL;
    double t_model = INFINITY, t0;
    for (int i = 0; i < 20; i++) {
        il_ndp_model_free(m);
        t0 = now();
        if (il_ndp_model_new(s, &ins, &m, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        t_model = fmin(t_model, now() - t0);
    }
    int reps = 200;
    il_ndp_sim *r = NULL;
    t0 = now();
    for (int i = 0; i < reps; i++) {
        il_ndp_sim_free(r);
        il_ndp_simulate(m, 0, NULL, &r, &err);
    }
    double t_sim = (now() - t0) / reps;
    printf("ndp model of the default cell, fastest of 20 (%zu slices of %.0f nm, %zu particles, "
           "%d angle bins): %.1f ms\n",
           il_ndp_model_n_slices(m), ins.slice_nm, il_ndp_model_n_particles(m), ins.angle_bins,
           1e3 * t_model);
    printf("ndp simulate one %d-channel alpha+triton spectrum: %.3f ms (aim < 5 ms, 1 core)\n",
           ins.channels, 1e3 * t_sim);

    /* An operando series: Poisson samples of the cell (counting noise only). */
    size_t nch = r->n_channels;
    double *data = malloc(nser * nch * sizeof *data), *ref = malloc(nch * sizeof *ref);
    const double **cp = malloc(nser * sizeof *cp);
    double *times = malloc(nser * sizeof *times);
    il_ndp_poisson_sample(r->counts, nch, 1, ref, NULL);
    for (size_t i = 0; i < nser; i++) {
        il_ndp_poisson_sample(r->counts, nch, 1000 + i, data + i * nch, NULL);
        cp[i] = data + i * nch;
        times[i] = 600.0 * (double)i;
    }
    il_ndp_series_input in;
    il_ndp_series_input_default(&in);
    in.n = nser;
    in.counts = cp;
    in.time_s = times;
    in.reference = ref;
    in.cathode_layer = 2;
    il_ndp_series *out;
    t0 = now();
    if (il_ndp_series_run(m, &in, &out, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    double t_ser = now() - t0;
    printf("ndp invert a %zu-spectrum operando series on %d thread(s): %.2f s (aim < 10 s on 2 "
           "cores; %.2f ms per spectrum)\n",
           nser, threads, t_ser, 1e3 * t_ser / (double)nser);
    il_ndp_series_free(out);
    free(data), free(ref), free(cp), free(times);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
    return 0;
}
