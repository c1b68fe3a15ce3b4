/* il_ndp_reduce: a synthetic measurement of known truth is recovered within its stated
 * uncertainty.
 *
 * Three runs are made with the forward model (il_ndp_simulate, Poisson-sampled, fixed seeds):
 *  - sample: LiF 300 nm on Si, truth = the layer's 6Li atoms/cm2 (from its formula and density);
 * *  - blank: bare Si (a 100 nm top slab of it, for the model to have a slice);
 *  - reference: 1.018e15 atoms/cm2 of 10B (SRM 2137's certified amount) on Si.
 * Each run has its own fluence rate, live and real time; the detector counts during the live
 * time, the monitor (efficiency 1e-6 per n/cm2) during the real time. The background is made
 * beam-correlated (flat counts per keV proportional to the fluence rate), as a facility's blank
 * is, so monitor normalisation removes it exactly. Truth for the calibration: fluence x solid
 * angle / 4 pi of the sample run = fluence rate x real time x il_ndp_solid_angle_fraction (the
 * dead-time-corrected counts stand for the real time).
 * Tolerance: the truth within 2 stated standard uncertainties (k = 2, ~95 %); the seeds are
 * fixed, so the test is deterministic. The stated uncertainty must also be sensible: between the
 * certified density's 1.7 % (it cannot be less) and 5 % (counting adds ~1.5 % here), so a
 * reduction that inflated its errors to pass would fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/ndp_model.h"
#include "interlayer/ndp_reduce.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

#define MONITOR_PER_N_CM2 1e-6
#define BKG_PER_FLUENCE_RATE 2e-13 /* cps/keV per (n/cm2/s): 2e-4 cps/keV at 1e9 */

typedef struct {
    double counts[4096];
    size_t n;
    double live, real, monitor;
} run_data;

static il_stack *parse(const char *t)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(t, NULL, &s, &err) != IL_OK)
        fail_msg("%s", err.message);
    return s;
}

static void base_instrument(il_ndp_instrument *ins)
{
    il_ndp_instrument_default(ins);
    ins->neutron_meV = 25.3; /* thermal: the fluence is then the thermal-equivalent one */
}

/* A Poisson-sampled run of stack `text` at fluence rate phi, live and real times. */
static void make_run(const char *text, double phi, double live, double real, uint64_t seed,
                     run_data *d)
{
    il_ndp_instrument ins;
    base_instrument(&ins);
    ins.fluence_rate_n_cm2_s = phi;
    ins.live_time_s = live;
    ins.bkg_flat_cps_keV = BKG_PER_FLUENCE_RATE * phi;
    il_stack *s = parse(text);
    il_error err;
    il_ndp_model *m = NULL;
    il_ndp_sim *sim = NULL;
    if (il_ndp_model_new(s, &ins, &m, &err) || il_ndp_simulate(m, 0, NULL, &sim, &err))
        fail_msg("%s", err.message);
    assert_true(sim->n_channels <= 4096);
    d->n = sim->n_channels;
    if (il_ndp_poisson_sample(sim->counts, d->n, seed, d->counts, &err))
        fail_msg("%s", err.message);
    double mon_expected = MONITOR_PER_N_CM2 * phi * real, mon;
    if (il_ndp_poisson_sample(&mon_expected, 1, seed + 1000, &mon, &err))
        fail_msg("%s", err.message);
    d->live = live, d->real = real, d->monitor = mon;
    il_ndp_sim_free(sim);
    il_ndp_model_free(m);
    il_stack_free(s);
}

static il_ndp_run as_run(const char *name, const run_data *d)
{
    return (il_ndp_run){.name = name, .source = name, .counts = d->counts, .n_channels = d->n,
                        .file_live_time_s = d->live, .file_real_time_s = d->real,
                        .live_time_s = NAN, .real_time_s = NAN, .monitor_counts = d->monitor,
                        .monitor_sigma = NAN};
}

static size_t channel_of(double E_keV)
{
    il_ndp_instrument ins;
    base_instrument(&ins);
    return (size_t)lround(il_ndp_energy_channel(&ins, E_keV));
}

static void recovers_truth(void **state)
{
    (void)state;
    static run_data smp, blank, ref;
    const double phi_s = 1.0e9, phi_b = 1.2e9, phi_r = 0.7e9;
    make_run("LiF 300nm | Si", phi_s, 3600, 4000, 11, &smp);
    make_run("Si 100nm | Si", phi_b, 3000, 3100, 22, &blank);
    make_run("B 1.018tfu b10=1 | Si", phi_r, 7000, 7600, 33, &ref);
    il_ndp_run rs = as_run("sample", &smp), rb = as_run("background", &blank),
               rr = as_run("reference", &ref);
    il_ndp_reduce_options o;
    il_ndp_reduce_options_default(&o);
    /* 10B(n,a) alphas at 1472 and 1776 keV (the 7Li recoils at 840 and 1014 keV left out);
     * 6Li(n,a)3H tritons from 2727 keV down by their loss in 300 nm of LiF. */
    o.ref_window_lo_ch = channel_of(1300), o.ref_window_hi_ch = channel_of(1900);
    o.li_window_lo_ch = channel_of(2350), o.li_window_hi_ch = channel_of(2900);
    il_ndp_reduction *r = NULL;
    il_error err;
    if (il_ndp_reduce(&rs, &rb, &rr, &o, &r, &err))
        fail_msg("%s", err.message);

    il_stack *s = parse("LiF 300nm | Si");
    double li6_truth = il_stack_layer(s, 0)->li6_atoms_cm2;
    il_stack_free(s);
    il_ndp_instrument ins;
    base_instrument(&ins);
    double F_truth = phi_s * 4000 * il_ndp_solid_angle_fraction(&ins);

    double rel_F = r->fluence_omega_sigma_n_cm2 / r->fluence_omega_n_cm2;
    double rel_li = r->li6_atoms_cm2_sigma / r->li6_atoms_cm2;
    print_message("F = %.5g +- %.3g (truth %.5g), 6Li = %.5g +- %.3g (truth %.5g)\n",
                  r->fluence_omega_n_cm2, r->fluence_omega_sigma_n_cm2, F_truth,
                  r->li6_atoms_cm2, r->li6_atoms_cm2_sigma, li6_truth);
    assert_true(fabs(r->fluence_omega_n_cm2 - F_truth) < 2 * r->fluence_omega_sigma_n_cm2);
    assert_true(fabs(r->li6_atoms_cm2 - li6_truth) < 2 * r->li6_atoms_cm2_sigma);
    assert_true(rel_F > 0.017 && rel_F < 0.05);
    assert_true(rel_li > 0.017 && rel_li < 0.05);
    /* The step numbers: dead-time fraction 1 - live/real exactly; the blank's share. */
    assert_true(fabs(r->run[0].dead_time_fraction - 0.1) < 1e-12);
    assert_true(fabs(r->run[2].dead_time_fraction - (1 - 7000.0 / 7600)) < 1e-12);
    assert_true(r->background_counts_subtracted > 0);
    il_ndp_reduction_free(r);
}

/* Analytic limits on hand-made spectra: no blank, no dead time; the reference window holds
 * exactly N sigma F counts, so F per monitor is known in closed form, and doubling the
 * reference's monitor halves it. */
static void analytic_scaling(void **state)
{
    (void)state;
    double s[8] = {0, 100, 400, 0, 0, 0, 0, 0}, ref[8] = {0, 0, 0, 0, 0, 5000, 5000, 0};
    il_ndp_run rs = {.name = "sample", .counts = s, .n_channels = 8, .file_live_time_s = 10,
                     .file_real_time_s = 10, .live_time_s = NAN, .real_time_s = NAN,
                     .monitor_counts = 1e6, .monitor_sigma = 0};
    il_ndp_run rr = rs;
    rr.name = "reference", rr.counts = ref, rr.monitor_counts = 2e6;
    il_ndp_reduce_options o;
    il_ndp_reduce_options_default(&o);
    o.ref_window_lo_ch = 5, o.ref_window_hi_ch = 6, o.li_window_lo_ch = 1, o.li_window_hi_ch = 2;
    il_ndp_reduction *r = NULL;
    il_error err;
    if (il_ndp_reduce(&rs, NULL, &rr, &o, &r, &err))
        fail_msg("%s", err.message);
    double f = 1e4 / (2e6 * o.ref_areal_density_atoms_cm2 * r->ref_xs_b * 1e-24); /* b -> cm2 */
    assert_true(fabs(r->fluence_omega_per_monitor_n_cm2 / f - 1) < 1e-12);
    /* 6Li = 500 counts / (sigma_Li F_s), F_s = f x 1e6: the cross-section ratio times
     * the certified density times the monitor-normalised count ratio. */
    double li = o.ref_areal_density_atoms_cm2 * (r->ref_xs_b / r->li_xs_b) * (500 / 1e6) /
                (1e4 / 2e6);
    assert_true(fabs(r->li6_atoms_cm2 / li - 1) < 1e-12);
    assert_true(fabs(r->li_xs_b - 940) < 1e-9 && fabs(r->ref_xs_b - 3837) < 1e-9);
    il_ndp_reduction_free(r);
}

/* A run without live time is an error naming the run and how to give it; an explicit value
 * is used and reported as given. A negative monitor is refused. */
static void missing_time_and_bad_monitor(void **state)
{
    (void)state;
    double c[4] = {1, 2, 3, 4};
    il_ndp_run rs = {.name = "sample", .source = "s.csv", .counts = c, .n_channels = 4,
                     .file_live_time_s = NAN, .file_real_time_s = 10, .live_time_s = NAN,
                     .real_time_s = NAN, .monitor_counts = 100, .monitor_sigma = NAN};
    il_ndp_run rr = rs;
    rr.name = "reference", rr.file_live_time_s = 10;
    il_ndp_reduce_options o;
    il_ndp_reduce_options_default(&o);
    o.ref_window_lo_ch = 0, o.ref_window_hi_ch = 3;
    il_ndp_reduction *r = NULL;
    il_error err;
    assert_int_equal(il_ndp_reduce(&rs, NULL, &rr, &o, &r, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "sample"));
    assert_non_null(strstr(err.message, "live_time_s"));
    rs.live_time_s = 8;
    assert_int_equal(il_ndp_reduce(&rs, NULL, &rr, &o, &r, &err), IL_OK);
    assert_int_equal(r->run[0].live_source, IL_NDP_TIME_GIVEN);
    assert_true(fabs(r->run[0].dead_time_fraction - 0.2) < 1e-12);
    il_ndp_reduction_free(r);
    rr.monitor_counts = -5;
    assert_int_equal(il_ndp_reduce(&rs, NULL, &rr, &o, &r, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "monitor"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recovers_truth),
        cmocka_unit_test(analytic_scaling),
        cmocka_unit_test(missing_time_and_bad_monitor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
