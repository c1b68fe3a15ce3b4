/* Parametric fit and calibration on synthetic spectra with known answers:
 *  - a Li interlayer (1e17 atoms/cm2 in the top 20 nm of the Si, at the Li3PO4/Si interface)
 *    on top of uniform layers, Poisson noise: the fit, started from its own data-derived values,
 *    returns amount and layer concentrations within 3 of its standard uncertainties (single
 *    seed, several parameters); the thickness, far below the depth resolution there, is either
 *    within 3 sigma of 20 nm or reported at a bound (never with sigma 0);
 *  - energy calibration: the alpha and triton edges of a LiCoO2 layer located in a spectrum
 *    simulated with offset 10 keV and gain 2.9 keV/ch give back that line to 0.5 keV over the
 *    spectrum (edge location to a tenth of a channel);
 *  - intensity: a spectrum with 10 % more fluence gives the factor 1.10 within 3 sigma. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "interlayer/ndp_calibrate.h"
#include "interlayer/ndp_fit.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

static il_stack *parse(const char *t)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(t, NULL, &s, &err) != IL_OK)
        fail_msg("%s", err.message);
    return s;
}

static void interlayer_fit(void **state)
{
    (void)state;
    il_stack *s = parse("Pt 50nm | LiCoO2 700nm | Li3PO4 1.5um | Si 200nm | Cu 300nm");
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.slice_nm = 5;
    ins.live_time_s = 600;
    il_ndp_model *m;
    il_error err;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    size_t ns = il_ndp_model_n_slices(m);
    const double *e = il_ndp_model_slice_edges_nm(m);
    double *c = malloc(ns * sizeof *c);
    il_ndp_model_concentration(m, 3, c);
    const double z0 = 2250, amt = 1e17, t = 20;
    for (size_t j = 0; j < ns; j++) {
        double a = fmax(e[j], z0), b = fmin(e[j + 1], z0 + t);
        if (b > a)
            c[j] += amt * (b - a) / t / ((e[j + 1] - e[j]) * 1e-7);
    }
    il_ndp_sim *r;
    assert_int_equal(il_ndp_simulate(m, 3, c, &r, &err), IL_OK);
    double *y = malloc(r->n_channels * sizeof *y);
    il_ndp_poisson_sample(r->counts, r->n_channels, 5, y, NULL);
    il_ndp_fit *f;
    assert_int_equal(il_ndp_fit_new(m, &f, &err), IL_OK);
    double truth[5];
    for (size_t l = 0; l < 5; l++)
        truth[l] = f->layer_conc[l];
    f->interlayer = 1;
    f->il_depth_nm = 2200; /* the interface nearest: 2250 */
    assert_int_equal(il_ndp_fit_run(m, y, f, &err), IL_OK);
    print_message("fit: interface %.1f nm, thickness %.1f +- %.1f nm (bound %d, %g..%g), amount "
                  "%.4g +- %.2g, resolution %.0f nm, chi2/dof %.3f\n",
                  f->il_depth_nm, f->il_thickness_nm, f->il_thickness_sigma,
                  f->il_thickness_at_bound, f->il_thickness_lo_nm, f->il_thickness_hi_nm,
                  f->il_atoms_cm2, f->il_atoms_cm2_sigma, f->il_resolution_nm, f->chi2_per_dof);
    assert_true(fabs(f->il_depth_nm - z0) < 1e-9 && f->il_host == 3);
    assert_int_equal(f->il_atoms_at_bound, 0);
    assert_true(f->il_atoms_cm2_sigma > 0);
    assert_true(fabs(f->il_atoms_cm2 - amt) < 3 * f->il_atoms_cm2_sigma);
    if (f->il_thickness_at_bound == 0)
        assert_true(f->il_thickness_sigma > 0 && fabs(f->il_thickness_nm - t) < 3 * f->il_thickness_sigma);
    else
        assert_true(isnan(f->il_thickness_sigma));
    /* bounds from the resolution: the range stays below twice the FWHM at the interface */
    assert_true(f->il_resolution_nm > 10 && f->il_thickness_hi_nm <= 2 * f->il_resolution_nm + 1e-9);
    assert_true(f->chi2_per_dof < 1.3);
    for (size_t l = 0; l < 5; l++)
        if (!f->layer_fixed[l])
            assert_true(fabs(f->layer_conc[l] - truth[l]) < 3 * f->layer_conc_sigma[l] + 1e17);
    il_ndp_fit_free(f);
    free(y);
    free(c);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
}

/* A spectrum without any interlayer, noise-free: the amount's optimum is its lower bound 0, and
 * the fit must say so (at_bound -1, sigma NaN), not report 0 +- 0. */
static void parameter_at_bound(void **state)
{
    (void)state;
    il_stack *s = parse("Pt 50nm | LiCoO2 700nm | Li3PO4 1.5um | Si 200nm | Cu 300nm");
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_ndp_model *m;
    il_error err;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    il_ndp_sim *r;
    assert_int_equal(il_ndp_simulate(m, 0, NULL, &r, &err), IL_OK);
    il_ndp_fit *f;
    assert_int_equal(il_ndp_fit_new(m, &f, &err), IL_OK);
    f->interlayer = 1;
    f->il_depth_nm = 2250;
    assert_int_equal(il_ndp_fit_run(m, r->counts, f, &err), IL_OK);
    print_message("no interlayer: amount %.3g (bound %d, sigma %g), thickness %.1f (bound %d)\n",
                  f->il_atoms_cm2, f->il_atoms_at_bound, f->il_atoms_cm2_sigma,
                  f->il_thickness_nm, f->il_thickness_at_bound);
    assert_true(f->il_atoms_cm2 < 1e14);
    assert_int_equal(f->il_atoms_at_bound, -1);
    assert_true(isnan(f->il_atoms_cm2_sigma));
    /* the interlayer as a layer of its own: the host's top 20 nm split off, the rest kept */
    il_stack *s2;
    assert_int_equal(il_ndp_stack_with_interlayer(s, 3, 20, "interlayer", &s2, &err), IL_OK);
    assert_int_equal(il_stack_count(s2), il_stack_count(s) + 1);
    assert_string_equal(il_stack_layer(s2, 3)->name, "interlayer");
    assert_true(fabs(il_stack_layer(s2, 3)->thickness_nm - 20) < 1e-9);
    assert_true(fabs(il_stack_layer(s2, 4)->thickness_nm - 180) < 1e-9);
    assert_true(fabs(il_stack_thickness_nm(s2) - il_stack_thickness_nm(s)) < 1e-9);
    il_stack_free(s2);
    assert_int_equal(il_ndp_stack_with_interlayer(s, 3, 250, "x", &s2, &err), IL_ERR_INVALID);
    assert_null(s2);
    il_ndp_fit_free(f);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
}

static void energy_and_intensity(void **state)
{
    (void)state;
    il_stack *s = parse("Pt 50nm | LiCoO2 2um | Si");
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.offset_keV = 10;
    ins.gain_keV = 2.9;
    il_ndp_model *m;
    il_error err;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    il_ndp_sim *r;
    assert_int_equal(il_ndp_simulate(m, 0, NULL, &r, &err), IL_OK);
    double ch[2], E[2];
    for (size_t p = 0; p < 2; p++) {
        /* the energy a particle from the Pt/LiCoO2 interface keeps (mean over the detector) */
        double fw, mean, z = 50;
        assert_int_equal(il_ndp_depth_resolution(m, p, &z, 1, &fw, &mean, &err), IL_OK);
        E[p] = mean;
        double guess = (mean - 10) / 2.9;
        ch[p] = il_ndp_find_edge(r->counts, r->n_channels, guess - 10, 25);
    }
    double off, gain, q;
    assert_int_equal(il_ndp_calibrate_energy(ch, E, 2, 0, &off, &gain, &q, &err), IL_OK);
    print_message("calibration: offset %.2f keV, gain %.5f keV/ch\n", off, gain);
    for (double c = 0; c < 1024; c += 100)
        assert_true(fabs(off + gain * c - (10 + 2.9 * c)) < 0.5 + 1e-3 * c);
    /* intensity */
    il_ndp_instrument ins2 = ins;
    ins2.fluence_rate_n_cm2_s *= 1.1;
    il_ndp_model *m2;
    assert_int_equal(il_ndp_model_new(s, &ins2, &m2, &err), IL_OK);
    il_ndp_sim *r2;
    assert_int_equal(il_ndp_simulate(m2, 0, NULL, &r2, &err), IL_OK);
    double *y = malloc(r2->n_channels * sizeof *y);
    il_ndp_poisson_sample(r2->counts, r2->n_channels, 9, y, NULL);
    double fac, fs;
    assert_int_equal(il_ndp_calibrate_intensity(m, y, 200, 1000, &fac, &fs, &err), IL_OK);
    print_message("intensity factor %.5f +- %.5f\n", fac, fs);
    assert_true(fabs(fac - 1.1) < 3 * fs);
    double bad[1] = {1};
    assert_int_equal(il_ndp_calibrate_energy(bad, bad, 1, 0, &off, &gain, &q, &err),
                     IL_ERR_INVALID);
    free(y);
    il_ndp_sim_free(r);
    il_ndp_sim_free(r2);
    il_ndp_model_free(m);
    il_ndp_model_free(m2);
    il_stack_free(s);
}

static void depth_points(void **state)
{
    (void)state;
    /* A linear Li ramp from 0 at 100 nm to 4e22 at 300 nm inside 400 nm of Si: the slice
     * averages integrate to the trapezoid 0.5 * 4e22 * 200e-7 = 4e17 Li/cm2 (exact for a linear
     * function sampled at slice midpoints, to rounding); steps keep their values. */
    il_stack *s = parse("Si 400nm | Cu");
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.slice_nm = 5;
    il_ndp_model *m;
    il_error err;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    size_t ns = il_ndp_model_n_slices(m);
    const double *e = il_ndp_model_slice_edges_nm(m);
    double *c = malloc(ns * sizeof *c);
    double z[2] = {100, 300}, v[2] = {0, 4e22};
    assert_int_equal(il_ndp_points_to_slices(m, 3, IL_NDP_POINTS_LINEAR, z, v, 2, c, &err), IL_OK);
    double tot = 0;
    for (size_t j = 0; j < ns; j++)
        tot += c[j] * (e[j + 1] - e[j]) * 1e-7;
    assert_true(fabs(tot / 4e17 - 1) < 1e-9);
    double zs[2] = {0, 200}, vs[2] = {1e22, 3e22};
    assert_int_equal(il_ndp_points_to_slices(m, 3, IL_NDP_POINTS_STEPS, zs, vs, 2, c, &err), IL_OK);
    assert_true(fabs(c[0] / 1e22 - 1) < 1e-12 && fabs(c[ns / 2 - 1] / 1e22 - 1) < 1e-12 &&
                fabs(c[ns / 2] / 3e22 - 1) < 1e-12);
    double bad[2] = {300, 100};
    assert_int_equal(il_ndp_points_to_slices(m, 3, IL_NDP_POINTS_LINEAR, bad, v, 2, c, &err),
                     IL_ERR_INVALID);
    free(c);
    il_ndp_model_free(m);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(depth_points),
        cmocka_unit_test(interlayer_fit),
        cmocka_unit_test(parameter_at_bound),
        cmocka_unit_test(energy_and_intensity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
