/* The common probe interface (probe.h) and its two techniques, checked against what does not
 * depend on the wrappers:
 *  - NDP: forward equals il_ndp_simulate's expected counts for the same stack and instrument
 *    (the probe only copies them: agreement to 1e-12 relative), and the calibration factor
 *    scales the signal above the background only.
 *  - Reflectivity of a bare Si substrate equals the analytic single-interface Fresnel
 *    reflectivity |(k0 - k1)/(k0 + k1)|² with k1² = k0² - 4π(ρ - iρ'')·1e-6 (Born & Wolf §1.5),
 *    to 1e-10 relative (both are closed forms in double precision; written as
 *    (k0² - k1²)/(k0 + k1)² there is no cancellation, so ~1e-14 is expected).
 *  - A single film on Si equals the Airy sum of a film (r01 + r12 e^{2ik1d}) / (1 + r01 r12
 *    e^{2ik1d}), again to 1e-10, and the probe's smeared path equals il_refl_smeared on the
 *    slabs built by hand from the stack bridge.
 * The SLDs come from il_refl_stack_profile (the stack's SLD at a depth inside each medium); Si's is
 * checked against the published 2.074e-6 Å⁻² (NIST SLD calculator, 2.329 g/cm³) to 0.5 %. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/constants.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "support/stack_of.h"
#include "interlayer/probe.h"
#include "interlayer/refl_stack.h"


static void ndp_forward_is_simulation(void **state)
{
    (void)state;
    il_stack *s = stack_of("LiCoO2 200nm | Li3PO4 300nm | Si");
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.bkg_flat_cps_keV = 0.02; /* a background, so that calibration has something to leave */
    il_error err = {0};
    il_ndp_model *m;
    il_ndp_sim *sim;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    assert_int_equal(il_ndp_simulate(m, 0, NULL, &sim, &err), IL_OK);

    il_probe *p;
    assert_int_equal(il_probe_ndp_new(&ins, &p, &err), IL_OK);
    assert_string_equal(il_probe_name(p), "ndp");
    size_t n = sim->n_channels;
    double *ch = malloc(n * sizeof *ch), *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++)
        ch[i] = (double)i;
    /* forward before prepare is refused */
    assert_int_equal(il_probe_forward(p, ch, n, y, &err), IL_ERR_INVALID);
    assert_int_equal(il_probe_prepare(p, s, &err), IL_OK);
    assert_int_equal(il_probe_forward(p, ch, n, y, &err), IL_OK);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(fabs(y[i] - sim->counts[i]) <= 1e-12 * fabs(sim->counts[i]));
        total += y[i];
    }
    assert_true(total > 1e4); /* a real spectrum, not zeros compared with zeros */

    /* calibration 2: twice the signal above the background, the background itself kept */
    assert_int_equal(il_probe_set(p, "calibration", 2.0, &err), IL_OK);
    assert_int_equal(il_probe_forward(p, ch, n, y, &err), IL_OK);
    for (size_t i = 0; i < n; i++) {
        double want = 2.0 * sim->counts[i] - sim->background[i];
        assert_true(fabs(y[i] - want) <= 1e-12 * fabs(want) + 1e-12);
    }
    /* the analytic derivative (the signal part) against the interface's finite differences
     * of a copy whose jacobian is not asked: same numbers since the signal is linear */
    double *d = malloc(n * sizeof *d);
    assert_int_equal(il_probe_jacobian(p, "calibration", ch, n, d, &err), IL_OK);
    for (size_t i = 0; i < n; i++)
        assert_true(fabs(d[i] - (sim->counts[i] - sim->background[i])) <=
                    1e-12 * sim->counts[i] + 1e-12);

    /* a clone is not prepared but keeps the parameters */
    il_probe *c;
    double v;
    assert_int_equal(il_probe_clone(p, &c, &err), IL_OK);
    assert_int_equal(il_probe_get(c, "calibration", &v, &err), IL_OK);
    assert_true(v == 2.0);
    assert_int_equal(il_probe_forward(c, ch, n, y, &err), IL_ERR_INVALID);

    /* channels off the axis */
    double bad = 2.5;
    assert_int_equal(il_probe_forward(p, &bad, 1, y, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "2.5"));

    il_probe_free(c);
    il_probe_free(p);
    free(d);
    free(ch);
    free(y);
    il_ndp_sim_free(sim);
    il_ndp_model_free(m);
    il_stack_free(s);
}

static double complex kz(double k0, double re, double im)
{
    return csqrt(k0 * k0 - 4.0 * IL_PI * (re - I * im) * 1e-6);
}

static void sld_at(const il_stack *s, const il_refl_probe *kind, double z_A, double *re,
                   double *im)
{
    il_error err = {0};
    assert_int_equal(il_refl_stack_profile(s, kind, &z_A, 1, re, im, &err), IL_OK);
}

#define NQ 300
static void q_axis(double *q)
{
    for (int i = 0; i < NQ; i++) /* through the critical edge (Q_c of Si ~ 0.0102 / Å) */
        q[i] = 0.002 + 0.3 * i / (NQ - 1.0);
}

static double worst; /* largest relative difference seen by assert_rel, for the record */

static void assert_rel(double got, double want, double rel, const char *what, double q)
{
    double d = fabs(got - want) / fabs(want);
    worst = d > worst ? d : worst;
    if (!(fabs(got - want) <= rel * fabs(want)))
        fail_msg("%s at Q = %g: got %.15g, want %.15g (rel %g)", what, q, got, want, rel);
}

static void refl_bare_substrate_is_fresnel(void **state)
{
    (void)state;
    il_stack *s = stack_of("Si");
    il_refl_probe kind = {IL_REFL_NEUTRON, 0, 0};
    double re, im;
    sld_at(s, &kind, 100.0, &re, &im);
    print_message("Si SLD %.4f e-6/A2 (published 2.074)\n", re);
    assert_rel(re, 2.074, 5e-3, "Si SLD", 0);
    worst = 0;

    il_probe *p;
    il_error err = {0};
    assert_int_equal(il_probe_refl_new(&kind, NULL, 0.0, 1.0, 0.0, &p, &err), IL_OK);
    assert_int_equal(il_probe_prepare(p, s, &err), IL_OK);
    double q[NQ], r[NQ];
    q_axis(q);
    assert_int_equal(il_probe_forward(p, q, NQ, r, &err), IL_OK);
    for (int i = 0; i < NQ; i++) {
        double k0 = q[i] / 2;
        double complex k1 = kz(k0, re, im);
        double complex rf = 4.0 * IL_PI * (re - I * im) * 1e-6 / ((k0 + k1) * (k0 + k1));
        double want = creal(rf * conj(rf));
        assert_rel(r[i], want, 1e-10, "Fresnel", q[i]);
    }
    print_message("bare Si vs Fresnel: worst relative difference %.2e\n", worst);
    /* scale and background as named parameters */
    assert_int_equal(il_probe_set(p, "scale", 0.9, &err), IL_OK);
    assert_int_equal(il_probe_set(p, "background", 1e-6, &err), IL_OK);
    double r2[NQ];
    assert_int_equal(il_probe_forward(p, q, NQ, r2, &err), IL_OK);
    for (int i = 0; i < NQ; i++)
        assert_rel(r2[i], 0.9 * r[i] + 1e-6, 1e-13, "scale/background", q[i]);
    il_probe_free(p);
    il_stack_free(s);
}

static void refl_film_is_airy_and_slab_path(void **state)
{
    (void)state;
    il_stack *s = stack_of("LiCoO2 50nm | Si");
    il_refl_probe kind = {IL_REFL_NEUTRON, 0, 0};
    double re1, im1, re2, im2;
    sld_at(s, &kind, 250.0, &re1, &im1);
    sld_at(s, &kind, 1000.0, &re2, &im2);
    const double d = 500.0; /* Å */
    worst = 0;

    il_probe *p;
    il_error err = {0};
    assert_int_equal(il_probe_refl_new(&kind, NULL, 0.0, 1.0, 0.0, &p, &err), IL_OK);
    assert_int_equal(il_probe_prepare(p, s, &err), IL_OK);
    double q[NQ], r[NQ];
    q_axis(q);
    assert_int_equal(il_probe_forward(p, q, NQ, r, &err), IL_OK);
    for (int i = 0; i < NQ; i++) {
        double k0 = q[i] / 2;
        double complex k1 = kz(k0, re1, im1), k2 = kz(k0, re2, im2);
        double complex r01 = (k0 - k1) / (k0 + k1), r12 = (k1 - k2) / (k1 + k2);
        double complex ph = cexp(2.0 * I * k1 * d);
        double complex rr = (r01 + r12 * ph) / (1.0 + r01 * r12 * ph);
        assert_rel(r[i], creal(rr * conj(rr)), 1e-10, "Airy film", q[i]);
    }
    print_message("LiCoO2 film vs Airy: worst relative difference %.2e\n", worst);
    worst = 0;

    /* smeared: the probe against il_refl_smeared on slabs made by hand from the bridge */
    il_refl_layer_model *L;
    size_t n;
    assert_int_equal(il_refl_stack_layers(s, &L, &n, &err), IL_OK);
    il_refl_slab *sl = malloc(n * sizeof *sl);
    for (size_t j = 0; j < n; j++) {
        double a, b;
        assert_int_equal(il_refl_layer_sld(&L[j], &kind, &a, &b, &err), IL_OK);
        sl[j] = (il_refl_slab){L[j].thickness_A, a, b, L[j].roughness_A};
    }
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.dq_over_q = 0.03;
    double want[NQ];
    assert_int_equal(il_refl_smeared(sl, n, q, NULL, NQ, &res, 1.0, 0.0, want, NULL, &err),
                     IL_OK);
    assert_int_equal(il_probe_set(p, "dq_over_q", 0.03, &err), IL_OK);
    assert_int_equal(il_probe_forward(p, q, NQ, r, &err), IL_OK);
    for (int i = 0; i < NQ; i++)
        assert_rel(r[i], want[i], 1e-14, "smeared", q[i]);

    /* per-point widths equal to 3 % of Q, given as FWHM: the same as dq_over_q = 0.03 */
    double dq[NQ];
    for (int i = 0; i < NQ; i++)
        dq[i] = 0.03 * q[i] * 2.0 * sqrt(2.0 * log(2.0));
    assert_int_equal(il_probe_set(p, "dq_over_q", 0.0, &err), IL_OK);
    assert_int_equal(il_probe_refl_set_dq(p, dq, NQ, IL_REFL_DQ_FWHM, &err), IL_OK);
    assert_int_equal(il_probe_forward(p, q, NQ, r, &err), IL_OK);
    for (int i = 0; i < NQ; i++)
        assert_rel(r[i], want[i], 1e-12, "per-point dQ", q[i]);
    assert_int_equal(il_probe_forward(p, q, NQ - 1, r, &err), IL_ERR_INVALID);
    assert_int_equal(il_probe_refl_set_dq(p, NULL, 0, IL_REFL_DQ_SIGMA, &err), IL_OK);
    assert_int_equal(il_probe_set(p, "dq_over_q", 0.03, &err), IL_OK);

    /* d R / d scale: the analytic derivative equals the unscaled reflectivity */
    double dr[NQ];
    assert_int_equal(il_probe_jacobian(p, "scale", q, NQ, dr, &err), IL_OK);
    for (int i = 0; i < NQ; i++)
        assert_rel(dr[i], want[i], 1e-14, "dR/dscale", q[i]);
    /* finite differences (no analytic derivative for dq_over_q): against a difference
     * quotient with a 100x larger step; both O(h²), agreeing to 1e-4 relative where R is
     * not at a fringe extremum, so only the sum of |dR| is compared */
    assert_int_equal(il_probe_jacobian(p, "dq_over_q", q, NQ, dr, &err), IL_OK);
    double up[NQ], dn[NQ], h = 1e-4, sum_fd = 0, sum_big = 0;
    assert_int_equal(il_probe_set(p, "dq_over_q", 0.03 + h, &err), IL_OK);
    assert_int_equal(il_probe_forward(p, q, NQ, up, &err), IL_OK);
    assert_int_equal(il_probe_set(p, "dq_over_q", 0.03 - h, &err), IL_OK);
    assert_int_equal(il_probe_forward(p, q, NQ, dn, &err), IL_OK);
    for (int i = 0; i < NQ; i++) {
        sum_fd += fabs(dr[i]);
        sum_big += fabs((up[i] - dn[i]) / (2 * h));
    }
    assert_rel(sum_fd, sum_big, 1e-3, "sum |dR/d(dq/q)|", 0);

    free(sl);
    free(L);
    il_probe_free(p);
    il_stack_free(s);
}

static void unknown_parameter_is_named(void **state)
{
    (void)state;
    il_refl_probe kind = {IL_REFL_NEUTRON, 0, 0};
    il_probe *p;
    il_error err = {0};
    assert_int_equal(il_probe_refl_new(&kind, NULL, 0.0, 1.0, 0.0, &p, &err), IL_OK);
    assert_int_equal(il_probe_set(p, "scael", 1.0, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "'scael'"));
    assert_non_null(strstr(err.message, "scale, background, dq_over_q"));
    assert_int_equal(il_probe_set(p, "scale", -1.0, &err), IL_ERR_INVALID);
    assert_int_equal(il_probe_param_count(p), 3);
    assert_string_equal(il_probe_param_name(p, 1), "background");
    assert_null(il_probe_param_name(p, 3));
    il_probe_free(p);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    assert_int_equal(il_probe_ndp_new(&ins, &p, &err), IL_OK);
    assert_int_equal(il_probe_refl_set_dq(p, NULL, 0, IL_REFL_DQ_SIGMA, &err), IL_ERR_INVALID);
    assert_int_equal(il_probe_set(p, "calibration", -1, &err), IL_ERR_INVALID);
    il_probe_free(p);
    ins.channels = 0; /* an instrument il_ndp_instrument_check refuses */
    assert_int_equal(il_probe_ndp_new(&ins, &p, &err), IL_ERR_INVALID);
    assert_null(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ndp_forward_is_simulation),
        cmocka_unit_test(refl_bare_substrate_is_fresnel),
        cmocka_unit_test(refl_film_is_airy_and_slab_path),
        cmocka_unit_test(unknown_parameter_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
