/* NDP on stacks of many thin layers (issue 12, section 7): for N alternating layers
 * 'LiCoO2 1nm | Li3PO4 1nm | ... | Si' (N counts the substrate), the time to build the forward
 * model and simulate one spectrum, and the heap the model holds. Layers of one material share
 * their stopping tables, so the heap should grow only by the per-layer bookkeeping, not by a
 * table (~240 KB for alpha + triton) per layer. Prints figures; asserts nothing.
 * Usage: ndp_layers [N ...]   (default 512 1024 2048 4095) */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/interlayer.h"
#include "interlayer/ndp_simulate.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Bytes the process holds on the heap (small blocks and mmap-ed large ones). */
static double heap_bytes(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (double)mi.uordblks + (double)mi.hblkhd;
}

static il_stack *alternating(size_t n, il_error *err)
{
    size_t cap = 16 * n + 16;
    char *text = malloc(cap), *p = text;
    if (!text)
        return NULL;
    for (size_t i = 0; i + 1 < n; i++)
        p += snprintf(p, cap - (size_t)(p - text), "%s | ", i % 2 ? "Li3PO4 1nm" : "LiCoO2 1nm");
    snprintf(p, cap - (size_t)(p - text), "Si");
    il_stack *s = NULL;
    il_stack_parse(text, NULL, &s, err);
    free(text);
    return s;
}

static int run(size_t n)
{
    il_error err;
    il_stack *s = alternating(n, &err);
    if (!s) {
        fprintf(stderr, "ndp_layers: %s\n", err.message);
        return 1;
    }
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_ndp_model *m = NULL;
    il_ndp_sim *r = NULL;
    double h0 = heap_bytes(), t0 = now_s();
    if (il_ndp_model_new(s, &ins, &m, &err)) {
        fprintf(stderr, "ndp_layers: %s\n", err.message);
        return 1;
    }
    double t_model = now_s() - t0, heap = heap_bytes() - h0;
    t0 = now_s();
    if (il_ndp_simulate(m, 0, NULL, &r, &err)) {
        fprintf(stderr, "ndp_layers: %s\n", err.message);
        return 1;
    }
    double t_sim = now_s() - t0;
    printf("%6zu layers: model %7.3f s, simulate %7.3f s, model heap %8.1f MB (%6.1f KB/layer)\n",
           n, t_model, t_sim, heap / 1e6, heap / 1e3 / (double)n);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
    return 0;
}

int main(int argc, char **argv)
{
    static const size_t dflt[] = {512, 1024, 2048, 4095};
    int rc = 0;
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            rc |= run((size_t)strtoul(argv[i], NULL, 10));
    else
        for (size_t i = 0; i < sizeof dflt / sizeof *dflt; i++)
            rc |= run(dflt[i]);
    return rc;
}
