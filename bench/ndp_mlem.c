/* NDP MLEM uncertainties, before and after (issue 11), in one run: a 1024-channel spectrum of
 * the round-trip stack (default cell charged, 20 nm Li2O interlayer, 600 s) inverted with MLEM
 *  (a) on its own stack: the estimate is the layer-wise start, sigma from the Fisher information;
 *  (b) on the stack without the interlayer (a structure the data do not match): bin iterations
 *      run, sigma from replicas at the estimate's iteration count;
 * each against full resampling (50 replicas each solved with the stopping rule, the method
 * before; --mlem-resample 50 on the command line). Prints wall and CPU time (all threads), the
 * iterations and why MLEM stopped, and each layer's sigma both ways. Asserts nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/interlayer.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void one(const char *label, const il_stack *truth, const char *analysed, int reps)
{
    il_error err;
    il_stack *s;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_ndp_model *mt, *m;
    il_ndp_sim *r;
    if (il_stack_parse(analysed, NULL, &s, &err) || il_ndp_model_new(truth, &ins, &mt, &err) ||
        il_ndp_model_new(s, &ins, &m, &err) || il_ndp_simulate(mt, 0, NULL, &r, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    double *y = malloc(r->n_channels * sizeof *y);
    il_ndp_poisson_sample(r->counts, r->n_channels, 1, y, &err);
    il_ndp_profile *p[2];
    double wall[2], cpu[2];
    for (int k = 0; k < 2; k++) {
        il_ndp_invert_options o;
        il_ndp_invert_options_default(&o);
        o.method = IL_NDP_METHOD_MLEM;
        o.systematic = 0;
        o.self_consistent = 0;
        if (k == 0) {
            o.mlem_uncertainty = IL_NDP_MLEM_SIGMA_RESAMPLE;
            o.resample = reps;
        }
        double t0 = now();
        clock_t c0 = clock();
        if (il_ndp_invert(m, s, y, &o, &p[k], &err)) {
            fprintf(stderr, "%s\n", err.message);
            exit(1);
        }
        wall[k] = now() - t0;
        cpu[k] = (double)(clock() - c0) / CLOCKS_PER_SEC;
    }
    printf("%s: %zu channels, %zu bins; %d bin iterations (%s)\n", label, r->n_channels,
           p[1]->n_bins, p[1]->iterations,
           il_linv_mlem_stop_text((il_linv_mlem_stop)p[1]->mlem_stop));
    printf("  before (full resampling, %d replicas): %.3f s wall, %.3f s CPU\n", reps, wall[0],
           cpu[0]);
    printf("  after (%s): %.3f s wall, %.3f s CPU\n",
           p[1]->mlem_sigma == IL_NDP_MLEM_SIGMA_FISHER ? "Fisher information"
                                                        : "replicas at the iteration count",
           wall[1], cpu[1]);
    printf("  %-12s %12s %11s %11s %8s\n", "layer", "Li (at/cm2)", "sigma new", "resampled",
           "ratio");
    for (size_t l = 0; l < p[1]->n_layers; l++)
        if (p[0]->li_atoms_cm2_sigma[l] > 0)
            printf("  %-12zu %12.4e %11.3e %11.3e %8.3f\n", l, p[1]->li_atoms_cm2[l],
                   p[1]->li_atoms_cm2_sigma[l], p[0]->li_atoms_cm2_sigma[l],
                   p[1]->li_atoms_cm2_sigma[l] / p[0]->li_atoms_cm2_sigma[l]);
    il_ndp_profile_free(p[0]);
    il_ndp_profile_free(p[1]);
    free(y);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_ndp_model_free(mt);
    il_stack_free(s);
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 50;
    const char *truth = "Kapton 1um | Pt 50nm | Li0.8CoO2 700nm density=4.978 | Li3PO4 1.5um | "
                        "Li2O 20nm name=interlayer | Li0.44Si 180nm density=2.58 | Cu 500nm | Si";
    il_stack *t;
    il_error err;
    if (il_stack_parse(truth, NULL, &t, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    one("(a) own stack", t, truth, reps);
    one("(b) stack without the interlayer", t,
        "Kapton 1um | Pt 50nm | Li0.8CoO2 700nm density=4.978 | Li3PO4 1.52um | "
        "Li0.44Si 180nm density=2.58 | Cu 500nm | Si",
        reps);
    il_stack_free(t);
    return 0;
}
