/* Operando series on a synthetic charge with a known answer: Li leaves the LiCoO2 at a
 * constant rate, most of it fills the Si anode uniformly, and from spectrum 4 on a Li-rich
 * interlayer (20 nm) grows at the Li3PO4/Si interface. The cycler record is the constant current
 * that moves exactly that Li. Checks:
 *  - Faraday: Li lost from the cathode / Li the charge accounts for = 1 within 3 sigma (the
 *    NDP side's counting + regularisation uncertainty), for every spectrum after the first;
 *  - the growth detector (3 sigma over 2 consecutive spectra) fires at the Li3PO4/Si interface
 *    at spectrum 4 or 5 (index 3 or 4: the first amount is 3e16 atoms/cm2, near threshold) with a
 *    depth within 20 nm of the interlayer's centroid (10 nm below the interface), and at no
 *    other interface;
 *  - the progress callback sees every spectrum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "interlayer/ndp_series.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

static void progress(void *user, size_t done, size_t total)
{
    size_t *seen = user;
    if (done > seen[0])
        seen[0] = done;
    seen[1] = total;
}

static void series(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_parse("Pt 50nm | LiCoO2 700nm | Li3PO4 1.5um | Si 200nm | Cu 300nm",
                                    NULL, &s, &err),
                     IL_OK);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_ndp_model *m;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    size_t ns = il_ndp_model_n_slices(m), nch = (size_t)ins.channels;
    const double *e = il_ndp_model_slice_edges_nm(m);
    double *c0 = malloc(ns * sizeof *c0), *c = malloc(ns * sizeof *c);
    il_ndp_model_concentration(m, 3, c0);
    const size_t N = 7; /* spectra after the reference */
    const double rate = 2e16;   /* Li/cm2 leaving the cathode per spectrum interval */
    const double dt = 700;      /* s between spectrum starts (600 s live + dead) */
    double *spec[7], times[7], *reference = NULL;
    double zif = il_ndp_model_layer_top_nm(m, 3);
    double ref_time = 0;
    for (size_t i = 0; i <= N; i++) {
        double moved = rate * (double)i * 6; /* at the middle of acquisition i (0 = reference) */
        double il = i >= 4 ? 3e16 * (double)(i - 3) : 0;
        for (size_t j = 0; j < ns; j++) {
            size_t l = il_ndp_model_slice_layer(m, j);
            double w = (e[j + 1] - e[j]) * 1e-7;
            c[j] = c0[j];
            if (l == 1)
                c[j] -= moved / (700e-7);
            if (l == 3)
                c[j] += (moved - il) / (200e-7);
            double mid = 0.5 * (e[j] + e[j + 1]);
            if (l == 3 && mid - zif < 20)
                c[j] += il / (20e-7) * fmin(1, (zif + 20 - e[j]) * 1e-7 / w);
        }
        il_ndp_sim *r;
        assert_int_equal(il_ndp_simulate(m, 3, c, &r, &err), IL_OK);
        double *y = malloc(nch * sizeof *y);
        il_ndp_poisson_sample(r->counts, nch, 100 + i, y, NULL);
        il_ndp_sim_free(r);
        if (i == 0) {
            reference = y;
            continue;
        }
        spec[i - 1] = y;
        /* spectrum i (1-based) is centred at ref_time + i*dt: it starts 300 s earlier */
        times[i - 1] = ref_time + (double)i * dt - 300;
    }
    /* The cycler: constant current moving rate*6 Li/cm2 per dt on 1 cm2. */
    il_ndp_cycler cy;
    double t[2] = {0, 1e5}, v[2] = {3.9, 4.2}, I[2];
    I[0] = I[1] = rate * 6 / dt * 1.602176634e-19;
    cy.n = 2, cy.time_s = t, cy.voltage_V = v, cy.current_A = I;
    il_ndp_series_input in;
    il_ndp_series_input_default(&in);
    in.n = N;
    in.counts = (const double *const *)spec;
    in.time_s = times;
    in.reference = reference;
    in.reference_time_s = 0;
    in.cycler = &cy;
    in.area_cm2 = 1;
    in.cathode_layer = 1;
    size_t seen[2] = {0, 0};
    in.progress = progress;
    in.progress_user = seen;
    il_ndp_series *out;
    assert_int_equal(il_ndp_series_run(m, &in, &out, &err), IL_OK);
    assert_int_equal(seen[0], seen[1]);
    assert_true(seen[1] >= N);
    for (size_t i = 0; i < out->n; i++) {
        const il_ndp_faraday *f = &out->faraday[i];
        double d = f->li_measured_atoms_cm2 - f->li_expected_atoms_cm2;
        print_message("spectrum %zu: lost %.4g +- %.2g, charge says %.4g, excess at Li3PO4/Si "
                      "%.3g +- %.2g\n",
                      i + 1, f->li_measured_atoms_cm2, f->li_measured_sigma_atoms_cm2,
                      f->li_expected_atoms_cm2, out->excess[2 * out->n + i],
                      out->excess_sigma[2 * out->n + i]);
        assert_true(fabs(d) < 3 * f->li_measured_sigma_atoms_cm2);
    }
    for (size_t k = 0; k < out->n_interfaces; k++) {
        if (k == 2) {
            print_message("growth first seen in spectrum %zu (true onset: spectrum 4), at %.1f nm "
                          "(interface %.1f nm)\n",
                          out->first[k] + 1, out->growth_depth_nm[k], zif);
            assert_true(out->first[k] == 3 || out->first[k] == 4);
            /* the interlayer's own centroid is 10 nm below the interface */
            assert_true(fabs(out->growth_depth_nm[k] - (zif + 10)) < 20);
        } else {
            assert_int_equal(out->first[k], out->n);
        }
    }
    il_ndp_series_free(out);
    for (size_t i = 0; i < N; i++)
        free(spec[i]);
    free(reference);
    free(c0), free(c);
    il_ndp_model_free(m);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(series)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
