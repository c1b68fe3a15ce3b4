/* The digital twin (cell_twin.h, cell_io.h) on the Si | Li3PO4 | LiCoO2 thin-film cell:
 *  - Li conservation seen through the probe: every Li atom of the stack lies within the range
 *    of the 2727 keV tritons, so the expected spectra's total counts above background are
 *    proportional to the 6Li in the stack, which the cell conserves while Li moves between
 *    layers: the totals of all acquisitions agree to 5e-3 (the 10 nm slicing of moving
 *    profiles and the alphas from deep Li losing more energy shift counts between channels,
 *    not in or out: measured 3e-12, bound set at 5e-3); the spectra themselves change by
 *    several % of their counts (the Li moved), which the test checks too;
 *  - the files are what the real-data readers take: il_operando_files_load finds every
 *    spectrum at its index time with its live time; the cycler record read by
 *    il_ndp_cycler_load gives back the charge the ledger counted (constant-current protocol:
 *    the trapezoidal rule is exact across the steps, 1e-9 relative). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell.h"
#include "interlayer/cell_io.h"
#include "interlayer/cell_twin.h"
#include "interlayer/ndp_io.h"
#include "interlayer/ndp_series.h"
#include "interlayer/operando_io.h"
#include "interlayer/refl.h"
#include "interlayer/refl_stack.h"

static il_cell_result *run_cell(void)
{
    il_cell_params p;
    il_stack *s = NULL;
    il_error err;
    if (il_cell_params_load(IL_SOURCE_DIR "/examples/cell/si-li3po4-licoo2.yaml", &p, &s, &err))
        fail_msg("%s", err.message);
    il_cell *c = NULL;
    if (il_cell_new(&p, s, &c, &err))
        fail_msg("%s", err.message);
    il_cell_protocol *pr = NULL;
    if (il_cell_protocol_parse("Charge at 10 uA/cm2 for 1 hour; Discharge at 10 uA/cm2 for 30 min",
                               "t", &pr, &err))
        fail_msg("%s", err.message);
    il_cell_options o;
    il_cell_options_default(&o);
    o.save_every_s = 600;
    il_cell_result *r = NULL;
    if (il_cell_run(c, pr, &o, &r, &err))
        fail_msg("%s", err.message);
    il_cell_protocol_free(pr);
    il_cell_free(c);
    il_stack_free(s);
    return r;
}

static void conservation_through_ndp(void **state)
{
    (void)state;
    il_cell_result *r = run_cell();
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    ins.bkg_flat_cps_keV = ins.bkg_tail_cps_keV = 0;
    il_cell_twin_options o;
    il_cell_twin_options_default(&o);
    o.poisson = 0;
    il_cell_twin *t = NULL;
    il_error err;
    if (il_cell_twin_run(r, &ins, &o, &t, &err))
        fail_msg("%s", err.message);
    assert_int_equal(t->n_spectra, 9); /* 90 min saved every 10 min */
    double ref = 0;
    for (size_t j = 0; j < t->n_channels; j++)
        ref += t->reference[j];
    double worst = 0, moved = 0;
    for (size_t k = 0; k < t->n_spectra; k++) {
        double sum = 0, diff = 0;
        for (size_t j = 0; j < t->n_channels; j++) {
            sum += t->counts[k * t->n_channels + j];
            diff += fabs(t->counts[k * t->n_channels + j] * t->reference_live_s / t->live_s[k] -
                         t->reference[j]);
        }
        moved = fmax(moved, diff / ref);
        sum *= t->reference_live_s / t->live_s[k];
        worst = fmax(worst, fabs(sum / ref - 1));
    }
    print_message("NDP totals of the states agree to %.2e; spectra differ from the pristine "
                  "one by up to %.2e of the counts\n", worst, moved);
    /* and the check is not on spectra that do not change: the Li really moved */
    assert_true(moved > 1e-2);
    assert_true(ref > 1e4);
    assert_true(worst < 5e-3);
    il_cell_twin_free(t);
    il_cell_result_free(r);
}

static void files_read_as_real_data(void **state)
{
    (void)state;
    il_cell_result *r = run_cell();
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_cell_twin *t = NULL;
    il_error err;
    if (il_cell_twin_run(r, &ins, NULL, &t, &err))
        fail_msg("%s", err.message);
    char dir[] = "/tmp/il_cell_twin_XXXXXX";
    assert_non_null(mkdtemp(dir));
    if (il_cell_twin_write(dir, t, &ins, r, &err))
        fail_msg("%s", err.message);
    char series[64], index[96], cycler[96];
    snprintf(series, sizeof series, "%s/series", dir);
    snprintf(index, sizeof index, "%s/index.csv", series);
    snprintf(cycler, sizeof cycler, "%s/cycler.csv", dir);
    il_operando_files *f = NULL;
    if (il_operando_files_load(series, index, NULL, &f, &err))
        fail_msg("%s", err.message);
    assert_int_equal(f->n, t->n_spectra);
    for (size_t k = 0; k < f->n; k++) {
        assert_true(fabs(f->frames[k].time_s - 600.0 * (double)k) < 1e-6);
        assert_true(fabs(f->frames[k].live_s - 600.0) < 1e-6);
    }
    il_operando_files_free(f);
    il_ndp_cycler *cy = NULL;
    if (il_ndp_cycler_load(cycler, &cy, &err))
        fail_msg("%s", err.message);
    const il_cell_sample *last = il_cell_result_sample(r, il_cell_result_n_samples(r) - 1);
    double q = il_ndp_cycler_charge_C(cy, 0, last->time_s);
    assert_true(fabs(q - last->ledger.charge_C_cm2) < 1e-9 * fabs(2 * 10e-6 * 3600));
    il_ndp_cycler_free(cy);
    il_cell_twin_free(t);
    il_cell_result_free(r);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A saved state goes to the reflectometry model unchanged: the neutron SLD in the middle of the
 * lithiated Si anode is n_Si (b_Si + x b_Li) with x the state's Li per Si there and n_Si the
 * Si atoms per cm3 (kept), b_Si = 4.1491 fm and b_Li = -1.90 fm (natural Li; Sears, Neutron
 * News 3 (1992) 26); 1e-3, the rounding of the tabulated b. And it did change: the pristine
 * Si is 2.07e-6 A^-2. */
static void reflectometry_takes_a_state(void **state)
{
    (void)state;
    il_cell_result *r = run_cell();
    il_stack *s = NULL;
    il_error err;
    size_t k = il_cell_result_n_states(r) / 2;
    if (il_cell_result_state_stack(r, k, &s, &err))
        fail_msg("%s", err.message);
    size_t anode = 0;
    for (size_t i = 0; i < il_stack_count(s); i++)
        if (strcmp(il_stack_layer(s, i)->name, "anode") == 0)
            anode = i;
    const il_layer *l = il_stack_layer(s, anode);
    double mid = 0.5 * l->thickness_nm;
    double x = il_layer_count_at(l, 3, 0, mid, mid);
    double z_A = (il_stack_layer_top_nm(s, anode) + mid) * 10;
    il_refl_probe p;
    memset(&p, 0, sizeof p);
    p.probe = IL_REFL_NEUTRON;
    double sld;
    if (il_refl_stack_profile(s, &p, &z_A, 1, &sld, NULL, &err))
        fail_msg("%s", err.message);
    /* Si atoms per cm3: the formula units (the state's formula holds the layer's mean Li) */
    double n_si = l->atoms_cm3 / il_formula_atoms(&l->formula);
    double want = n_si * (4.1491 + x * -1.90) * 1e-13 * 1e-16 * 1e6; /* 1e-6 A^-2 */
    print_message("state %zu: x = %.4f Li per Si mid-anode, SLD %.5f (expected %.5f) 1e-6/A2\n",
                  k + 1, x, sld, want);
    assert_true(x > 0.05);
    assert_true(fabs(sld - want) < 1e-3 * fabs(want));
    assert_true(sld < 2.0);
    il_stack_free(s);
    il_cell_result_free(r);
}

/* The twin's reflectivity: total reflection below the critical edge (Q = 0.005 1/A is below
 * Qc = sqrt(16 pi SLD) = 0.0102 1/A of the Si wafer and of every layer's SLD here, so R = 1
 * up to absorption, 1e-3), and the lithiated state's curve differs from the pristine one. */
static void twin_reflectivity(void **state)
{
    (void)state;
    il_cell_result *r = run_cell();
    il_cell_twin_refl_options o;
    il_cell_twin_refl_options_default(&o);
    o.n_q = 40;
    double q[40], R0[40], R1[40];
    il_error err;
    size_t last = il_cell_result_n_states(r) - 1;
    if (il_cell_twin_reflectivity(r, 0, &o, q, R0, &err) ||
        il_cell_twin_reflectivity(r, last / 2, &o, q, R1, &err))
        fail_msg("%s", err.message);
    assert_true(fabs(R0[0] - 1) < 1e-3);
    double diff = 0;
    for (size_t i = 0; i < 40; i++) {
        assert_true(R0[i] > 0 && R0[i] <= 1 + 1e-9);
        diff = fmax(diff, fabs(R1[i] / R0[i] - 1));
    }
    print_message("reflectivity of state %zu differs from the pristine one by up to %.1f %%\n",
                  last / 2 + 1, 100 * diff);
    assert_true(diff > 0.01);
    il_cell_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conservation_through_ndp),
        cmocka_unit_test(files_read_as_real_data),
        cmocka_unit_test(reflectometry_takes_a_state),
        cmocka_unit_test(twin_reflectivity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
