/* Stopping benchmark: compound stopping evaluations per second on one core (4He in LiCoO2, fast
 * table), range/energy-after evaluations per second, and the time to build the tables of a
 * 10-layer stack. Prints figures; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/stopping.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
    il_error err;
    int Z[] = {3, 27, 8};
    double n[] = {1, 1, 2};
    il_stopping_target t = {.Z = Z, .atoms = n, .n = 3};
    il_stopping *s;
    if (il_stopping_new(IL_ION_ALPHA, &t, &s, &err) != IL_OK) {
        fprintf(stderr, "stopping: %s\n", err.message);
        return 1;
    }

    /* energies spread over the table so branch prediction and cache see real use */
    enum { NE = 4096 };
    static double E[NE];
    for (int i = 0; i < NE; i++)
        E[i] = 10.0 + 4990.0 * (double)((i * 2654435761u) % NE) / NE;
    long reps = 5000;
    volatile double sink = 0.0;
    double t0 = now_s();
    for (long r = 0; r < reps; r++) {
        double acc = 0.0;
        for (int i = 0; i < NE; i++)
            acc += il_stopping_eval(s, E[i]);
        sink += acc;
    }
    double dt = now_s() - t0;
    printf("compound stopping (4He in LiCoO2, fast table): %.3g evaluations/s\n",
           (double)reps * NE / dt);

    il_slab seg = {s, 1e23, 1e9};
    il_path_segment ps = {s, 1e23, 1e9};
    reps = 200;
    t0 = now_s();
    for (long r = 0; r < reps; r++)
        for (int i = 0; i < NE; i++) {
            il_beam in = {E[i], 0.0}, out;
            il_path_advance(&ps, 1, in, 500.0, &out, NULL);
            sink += out.E_keV;
        }
    dt = now_s() - t0;
    printf("energy after 500 nm (with straggling): %.3g evaluations/s\n", (double)reps * NE / dt);
    (void)seg;

    /* 10-layer stack: build every layer's tables */
    int Zs[10][3] = {{78}, {3, 27, 8}, {3, 15, 8}, {3, 15, 8}, {14}, {3}, {29}, {3, 9},
                     {13, 8}, {6}};
    double ns[10][3] = {{1}, {1, 1, 2}, {3, 1, 4}, {3, 1, 4}, {1}, {1}, {1}, {1, 1}, {2, 3}, {1}};
    size_t nz[10] = {1, 3, 3, 3, 1, 1, 1, 2, 2, 1};
    int rounds = 10;
    t0 = now_s();
    for (int r = 0; r < rounds; r++) {
        il_stopping *layers[10];
        for (int k = 0; k < 10; k++) {
            il_stopping_target tk = {.Z = Zs[k], .atoms = ns[k], .n = nz[k]};
            if (il_stopping_new(IL_ION_ALPHA, &tk, &layers[k], &err) != IL_OK) {
                fprintf(stderr, "layer %d: %s\n", k + 1, err.message);
                return 1;
            }
        }
        for (int k = 0; k < 10; k++)
            il_stopping_free(layers[k]);
    }
    dt = (now_s() - t0) / rounds;
    printf("tables of a 10-layer stack (4He, 10 eV..100 MeV, 256 nodes/decade): %.2f ms\n",
           dt * 1e3);
    il_stopping_free(s);
    return sink == 12345.0; /* keeps the loops */
}
