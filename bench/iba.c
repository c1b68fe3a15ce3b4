/* IBA benchmark: one 1024-channel RBS spectrum (2 MeV 4He, 165 deg) of the review's six-layer
 * Au/Si/LiPON/LiCoO2/Au/Al cell on one core, everything included (stopping tables of every
 * layer, the slab algorithm, binning), in the fast and the accurate mode. Prints figures;
 * asserts nothing. */
#include <stdio.h>
#include <time.h>

#include "interlayer/iba.h"
#include "interlayer/stack.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double run(const il_stack *s, const il_iba_options *o, int reps)
{
    il_error err;
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
        il_iba_spectrum *sp;
        double t0 = now_s();
        if (il_iba_simulate(s, o, &sp, &err) != IL_OK) {
            fprintf(stderr, "iba: %s\n", err.message);
            return -1;
        }
        double dt = now_s() - t0;
        best = dt < best ? dt : best;
        il_iba_spectrum_free(sp);
    }
    return best;
}

int main(void)
{
    const char *cell = "Au 50nm | Si 200nm | LiPON 1um | LiCoO2 500nm | Au 100nm | Al";
    il_stack *s;
    il_error err;
    if (il_stack_parse(cell, NULL, &s, &err) != IL_OK) {
        fprintf(stderr, "stack: %s\n", err.message);
        return 1;
    }
    il_iba_options o;
    il_iba_options_default(&o);
    double fast = run(s, &o, 20);
    o.accurate = 1;
    double acc = run(s, &o, 5);
    printf("RBS 1024 channels, 6 layers (%s):\n", cell);
    printf("  fast mode     %.2f ms per spectrum (best of 20; target < 5 ms)\n", fast * 1e3);
    printf("  accurate mode %.2f ms per spectrum (best of 5)\n", acc * 1e3);
    il_stack_free(s);
    return fast < 0 || acc < 0;
}
