/* Cell model benchmark: 100 cycles of the review's Si | Li3PO4 | LiCoO2 thin-film cell
 * (examples/cell/si-li3po4-licoo2.yaml) at C/5 with a CV hold, and the twin's cost per saved
 * state (stack -> NDP model -> expected spectrum) for the example instrument. Prints figures
 * (CPU time of this thread, the capacity of the first and last cycle, the worst ledger error);
 * asserts nothing. Run from the source tree: build/bench/cell. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/interlayer.h"

static double cpu_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *cell = argc > 1 ? argv[1] : "examples/cell/si-li3po4-licoo2.yaml";
    const char *instr = argc > 2 ? argv[2] : "examples/ndp/instrument.yaml";
    il_error err;
    il_cell_params p;
    il_stack *s = NULL;
    il_cell *c = NULL;
    il_cell_protocol *pr = NULL;
    char buf[1200];
    if (il_cell_params_load(cell, &p, &s, &err) || il_cell_new(&p, s, &c, &err) ||
        il_cell_protocol_parse("100 x (Charge at C/5 until 4.2 V; Hold at 4.2 V until 1 uA/cm2; "
                               "Rest for 10 min; Discharge at C/5 until 3.0 V; Rest for 10 min)",
                               "bench", &pr, &err)) {
        fprintf(stderr, "bench cell: %s\n", il_error_format(&err, buf, sizeof buf));
        return 1;
    }
    il_cell_options o;
    il_cell_options_default(&o);
    o.save_every_s = 3600;
    o.sample_every_s = 600;
    il_cell_result *r = NULL;
    double t0 = cpu_s();
    if (il_cell_run(c, pr, &o, &r, &err)) {
        fprintf(stderr, "bench cell: %s\n", il_error_format(&err, buf, sizeof buf));
        return 1;
    }
    double t_run = cpu_s() - t0;
    size_t n = il_cell_result_n_samples(r), nc = il_cell_result_n_cycles(r);
    double worst = 0;
    for (size_t i = 0; i < n; i++)
        worst = fmax(worst, il_cell_result_sample(r, i)->ledger.relative_error);
    const il_cell_sample *last = il_cell_result_sample(r, n - 1);
    printf("100 cycles of %s: %.3f s CPU, %.4g h simulated, %zu samples, %zu saved states\n",
           p.name, t_run, last->time_s / 3600, n, il_cell_result_n_states(r));
    printf("  discharge capacity: cycle 1 %.4g uAh/cm2, cycle %zu %.4g uAh/cm2; ledger closes to "
           "%.1e\n", il_cell_result_cycle(r, 0)->discharge_uAh_cm2, nc,
           il_cell_result_cycle(r, nc - 1)->discharge_uAh_cm2, worst);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    if (il_ndp_instrument_load(instr, &ins, &err)) {
        fprintf(stderr, "bench cell: %s\n", il_error_format(&err, buf, sizeof buf));
        return 1;
    }
    /* the twin on the first 20 saved states */
    il_cell_result *r20 = NULL;
    il_cell *c2 = NULL;
    il_cell_protocol *p2 = NULL;
    il_cell_new(&p, s, &c2, &err);
    il_cell_protocol_parse("Charge at C/5 for 200 min", "bench", &p2, &err);
    o.save_every_s = ins.live_time_s;
    il_cell_twin *tw = NULL;
    if (il_cell_run(c2, p2, &o, &r20, &err)) {
        fprintf(stderr, "bench cell: %s\n", il_error_format(&err, buf, sizeof buf));
        return 1;
    }
    t0 = cpu_s();
    if (il_cell_twin_run(r20, &ins, NULL, &tw, &err)) {
        fprintf(stderr, "bench cell: %s\n", il_error_format(&err, buf, sizeof buf));
        return 1;
    }
    double t_twin = cpu_s() - t0;
    printf("twin: %zu acquisitions of %.4g s from %zu states: %.1f ms CPU per saved state\n",
           tw->n_spectra, ins.live_time_s, il_cell_result_n_states(r20),
           1e3 * t_twin / (double)il_cell_result_n_states(r20));
    il_cell_twin_free(tw);
    il_cell_result_free(r20);
    il_cell_protocol_free(p2);
    il_cell_free(c2);
    il_cell_result_free(r);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
    return 0;
}
