/* IBA benchmark: one 1024-channel RBS spectrum (2 MeV 4He, 165 deg) of the review's six-layer
 * Au/Si/LiPON/LiCoO2/Au/Al cell on one core, everything included (stopping tables of every
 * layer, the slab algorithm, binning), in the fast and the accurate mode; and a six-parameter
 * LM fit (five thicknesses and the fluence x solid-angle scale) of that spectrum from a start
 * 10-20 % off, through the shared fit layer. Prints figures; asserts nothing. */
#include <stdio.h>
#include <time.h>

#include <math.h>

#include "interlayer/fit.h"
#include "interlayer/fit_stack.h"
#include "interlayer/iba.h"
#include "interlayer/iba_fit.h"
#include "interlayer/stack.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* CPU seconds of this process: on a shared, loaded machine the fair "one core" figure. */
static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Best wall time of reps spectra; *cpu_best (may be NULL): the best CPU time. */
static double run_cpu(const il_stack *s, const il_iba_options *o, int reps, double *cpu_best)
{
    il_error err;
    double best = 1e9, cbest = 1e9;
    for (int r = 0; r < reps; r++) {
        il_iba_spectrum *sp;
        double t0 = now_s(), c0 = cpu_s();
        if (il_iba_simulate(s, o, &sp, &err) != IL_OK) {
            fprintf(stderr, "iba: %s\n", err.message);
            return -1;
        }
        double dt = now_s() - t0, dc = cpu_s() - c0;
        best = dt < best ? dt : best;
        cbest = dc < cbest ? dc : cbest;
        il_iba_spectrum_free(sp);
    }
    if (cpu_best)
        *cpu_best = cbest;
    return best;
}

static double run(const il_stack *s, const il_iba_options *o, int reps)
{
    return run_cpu(s, o, reps, NULL);
}

/* LM from a perturbed start on the noiseless spectrum (the solution is the truth). */
static double fit_time(const char *cell, const il_iba_options *o, int *iters, double *cpu)
{
    il_error err;
    il_stack *truth, *guess;
    il_probe *p;
    if (il_stack_parse(cell, NULL, &truth, &err) || il_probe_iba_new(o, &p, &err) ||
        il_probe_prepare(p, truth, &err))
        return -1;
    static double ch[1024], y[1024], sg[1024];
    size_t n = 0;
    for (int i = 0; i < 1024; i++)
        ch[i] = i;
    if (il_probe_forward(p, ch, 1024, y, &err))
        return -1;
    for (int i = 0; i < 1024; i++)
        if (y[i] > 10.0)
            ch[n] = ch[i], sg[n] = sqrt(y[i]), y[n++] = y[i];
    static const char *targets[6] = {"1.thickness_nm", "2.thickness_nm", "3.thickness_nm",
                                     "4.thickness_nm", "5.thickness_nm", "iba:scale"};
    static const double start[6] = {55, 230, 1150, 450, 90, 1.15};
    static const double lo[6] = {10, 50, 300, 100, 20, 0.5}, hi[6] = {200, 600, 3000, 1500, 400, 2};
    il_stack_parse(cell, NULL, &guess, &err);
    il_fit_stack *f;
    if (il_fit_stack_new(guess, &f, &err) || il_fit_stack_add_term(f, NULL, p, ch, y, sg, n, 1.0,
                                                                   &err))
        return -1;
    for (int k = 0; k < 6; k++)
        if (il_fit_stack_add_param(f, NULL, targets[k], start[k], lo[k], hi[k], NULL, &err)) {
            fprintf(stderr, "fit: %s\n", err.message);
            return -1;
        }
    il_fit_problem pb;
    double p0[6];
    il_fit_lm_options lm;
    il_fit_lm_options_default(&lm);
    il_fit_result r;
    double t0 = now_s(), c0 = cpu_s();
    if (il_fit_stack_problem(f, &pb, p0, &err) || il_fit_lm(&pb, p0, &lm, &r, &err))
        return -1;
    double dt = now_s() - t0;
    *cpu = cpu_s() - c0;
    *iters = r.iterations;
    il_fit_result_free(&r);
    il_fit_stack_free(f);
    il_stack_free(guess);
    il_stack_free(truth);
    il_probe_free(p);
    return dt;
}

/* The same six parameters through il_iba_fit, the whole job of `iba fit` (whole counts as data;
 * reweight: the second, model-weighted LM pass). */
static double job_time(const char *cell, const il_iba_options *o, int reweight, size_t *evals,
                       double *cpu)
{
    il_error err;
    il_stack *truth, *guess;
    il_iba_spectrum *sp;
    if (il_stack_parse(cell, NULL, &truth, &err) || il_iba_simulate(truth, o, &sp, &err))
        return -1;
    static double y[1024];
    const double *mu = il_iba_spectrum_total(sp);
    for (int i = 0; i < 1024; i++)
        y[i] = floor(mu[i] + 0.5);
    il_iba_spectrum_free(sp);
    il_stack_free(truth);
    if (il_stack_parse(cell, NULL, &guess, &err))
        return -1;
    il_iba_fit_spectrum d = {NULL, o, y, 1024, 0, 0};
    static const char *targets[6] = {"1.thickness_nm", "2.thickness_nm", "3.thickness_nm",
                                     "4.thickness_nm", "5.thickness_nm", "iba1:scale"};
    static const double start[6] = {58, 170, 1150, 420, 115, 0.85};
    il_iba_fit_param par[6];
    for (int k = 0; k < 6; k++)
        par[k] = (il_iba_fit_param){targets[k], start[k], NAN, NAN, {NULL}};
    il_iba_fit_options fo;
    il_iba_fit_options_default(&fo);
    fo.reweight = reweight;
    il_iba_fit_result r;
    double t0 = now_s(), c0 = cpu_s();
    il_status st = il_iba_fit(guess, &d, 1, par, 6, &fo, &r, &err);
    double dt = now_s() - t0;
    *cpu = cpu_s() - c0;
    if (st)
        fprintf(stderr, "il_iba_fit: %s\n", err.message);
    *evals = r.evaluations;
    il_iba_fit_result_free(&r);
    il_stack_free(guess);
    return st ? -1 : dt;
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
    double fast_cpu = 0.0;
    double fast = run_cpu(s, &o, 20, &fast_cpu);
    o.accurate = 1;
    double acc = run(s, &o, 5);
    printf("RBS 1024 channels, 6 layers (%s):\n", cell);
    printf("  fast mode     %.2f ms wall, %.2f ms CPU per spectrum (best of 20; target < 5 ms)\n",
           fast * 1e3, fast_cpu * 1e3);
    printf("  accurate mode %.2f ms per spectrum (best of 5)\n", acc * 1e3);
    /* the detector chain on: dead time, pile-up, a resolution per particle, Si dead layer,
     * pulse-height defect, kinematic broadening */
    il_iba_options d = o;
    d.accurate = 0;
    static const il_iba_particle_resolution res[1] = {{2, 4, 14.0}};
    d.particle_resolution = res;
    d.n_particle_resolution = 1;
    d.real_time_s = 100.0;
    d.live_time_s = 95.0;
    d.pileup_time_us = 1.0;
    d.detector_window_tfu = 50.0;
    d.pulse_height_defect = 1;
    d.beam_spot_mm = 1.0;
    d.aperture_mm = 5.0;
    d.detector_distance_mm = 80.0;
    double det = run(s, &d, 20);
    printf("  fast mode, detector chain on (pile-up, dead time, PHD, window, kinematic\n"
           "  broadening, per-particle resolution) %.2f ms per spectrum (best of 20)\n",
           det * 1e3);
    o.accurate = 0;
    int it = 0;
    double fc = 0.0;
    double ft = fit_time(cell, &o, &it, &fc);
    printf("six-parameter LM fit (5 thicknesses + scale, start 10-20 %% off): %.3f s wall, "
           "%.3f s CPU, %d iterations (target < 1 s)\n", ft, fc, it);
    size_t e1 = 0, e2 = 0;
    double c1 = 0, c2 = 0;
    double j1 = job_time(cell, &o, 0, &e1, &c1), j2 = job_time(cell, &o, 1, &e2, &c2);
    /* the spectrum again, after the fits: the load may have changed meanwhile */
    double fast2_cpu = 0.0, fast2 = run_cpu(s, &o, 20, &fast2_cpu);
    printf("il_iba_fit, same six parameters, whole counts (target < 1 s):\n"
           "  one LM pass     %.3f s wall, %.3f s CPU, %zu spectra (%.2f ms wall, %.2f ms CPU "
           "each)\n"
           "  with 2nd pass   %.3f s wall, %.3f s CPU, %zu spectra (%.2f ms wall, %.2f ms CPU "
           "each)\n"
           "  one spectrum alone, this run (best of 20): before the fits %.2f ms wall, %.2f ms "
           "CPU; after %.2f ms wall, %.2f ms CPU\n"
           "  (wall > CPU: the process waited for a core; on an idle core the two agree)\n",
           j1, c1, e1, 1e3 * j1 / (double)(e1 ? e1 : 1), 1e3 * c1 / (double)(e1 ? e1 : 1), j2,
           c2, e2, 1e3 * j2 / (double)(e2 ? e2 : 1), 1e3 * c2 / (double)(e2 ? e2 : 1),
           fast * 1e3, fast_cpu * 1e3, fast2 * 1e3, fast2_cpu * 1e3);
    il_stack_free(s);
    return fast < 0 || acc < 0 || det < 0 || ft < 0 || j1 < 0 || j2 < 0 || fast2 < 0;
}
