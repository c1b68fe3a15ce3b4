/* il_iba_fit, the whole IBA fit: a synthetic-data round trip with Poisson counting noise.
 *
 * Truth: Au 20 nm / LiCoO2 250 nm / Si, two RBS spectra of 2 MeV 4He (165 deg, and 140 deg with
 * the sample tilted 30 deg), both fitted at once. Free (displaced 10-25 % from the truth): both
 * thicknesses, the cathode's Co per formula unit (O fixed at 2, so the Co atomic fraction),
 * and each spectrum's fluence x solid angle: five parameters. 10 seeds (GSL mt19937,
 * gsl_ran_poisson on the expected counts).
 *
 * Criterion, per seed and parameter: |fit - truth| < 3 sigma with sigma the fit's own 1-sigma
 * (P(fail) = 0.27 % each for an unbiased fit with right errors); over the 50 checks at least 25
 * within 1 sigma (68 % expected: 34 +- 3.3, so 25 is ~2.7 sd low: too-large sigmas, which would
 * make the first test easy, fail here). chi2/dof within 5 sqrt(2/dof) of 1, dof counting the
 * channels that expect at least one count (a wrong model or
 * wrong weights fail that by far). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interlayer/interlayer.h"
#include "support/stack_of.h"

#define NCH 400
#define NS 2
#define NP 5


static void round_trip_poisson(void **state)
{
    (void)state;
    il_error err;
    il_iba_options o[NS];
    for (int k = 0; k < NS; k++) {
        il_iba_options_default(&o[k]);
        o[k].channels = NCH;
        o[k].cal_offset_keV = 200.0;
        o[k].cal_gain_keV = 5.0;
        o[k].fluence = 3e13;
    }
    o[1].theta_deg = 140.0;
    o[1].alpha_deg = 30.0;
    il_stack *truth = stack_of("Au 20nm name=top | LiCoO2 250nm name=cathode | Si");
    il_stack *guess = stack_of("Au 24nm name=top | LiCoO2 200nm name=cathode | Si");
    double mu[NS][NCH], cnt[NS][NCH];
    for (int k = 0; k < NS; k++) {
        il_iba_spectrum *sp;
        if (il_iba_simulate(truth, &o[k], &sp, &err))
            fail_msg("%s", err.message);
        memcpy(mu[k], il_iba_spectrum_total(sp), sizeof mu[k]);
        il_iba_spectrum_free(sp);
    }
    static const char *targets[NP] = {"top.thickness_nm", "cathode.thickness_nm",
                                      "cathode.frac:Co", "iba1:scale", "iba2:scale"};
    static const double want[NP] = {20.0, 250.0, 1.0, 1.0, 1.0};
    static const double start[NP] = {24.0, 200.0, 1.2, 0.8, 1.15};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int within1 = 0;
    for (unsigned long seed = 1; seed <= 10; seed++) {
        gsl_rng_set(rng, seed);
        il_iba_fit_spectrum sp[NS];
        for (int k = 0; k < NS; k++) {
            for (int i = 0; i < NCH; i++)
                cnt[k][i] = mu[k][i] > 0 ? (double)gsl_ran_poisson(rng, mu[k][i]) : 0.0;
            /* from just below the Si edge up: the region an analyst fits */
            sp[k] = (il_iba_fit_spectrum){NULL, &o[k], cnt[k], NCH, 100, 0};
        }
        il_iba_fit_param par[NP];
        for (int j = 0; j < NP; j++)
            par[j] = (il_iba_fit_param){targets[j], start[j], NAN, NAN, {NULL}};
        il_iba_fit_options fo;
        il_iba_fit_options_default(&fo);
        il_iba_fit_result r;
        if (il_iba_fit(guess, sp, NS, par, NP, &fo, &r, &err))
            fail_msg("seed %lu: %s", seed, err.message);
        assert_int_equal(r.n_params, NP);
        printf("seed %2lu:", seed);
        for (int j = 0; j < NP; j++) {
            double v = r.fit.value[j], s = r.fit.sigma[j], z = (v - want[j]) / s;
            printf(" %s %.4g+-%.2g (%+.2f)", targets[j], v, s, z);
            assert_true(s > 0 && fabs(z) < 3.0);
            within1 += fabs(z) < 1.0;
        }
        /* channels expecting (almost) nothing add nothing to chi2: count the others */
        double nu = -NP;
        for (int k = 0; k < NS; k++)
            for (int i = 100; i < NCH; i++)
                nu += mu[k][i] >= 1.0;
        printf(" chi2/dof %.3f\n", r.fit.chi2 / nu);
        assert_true(fabs(r.fit.chi2 / nu - 1.0) < 5.0 * sqrt(2.0 / nu));
        /* the fitted stack and spectra come back with the result */
        assert_non_null(r.stack);
        assert_float_equal(il_stack_layer(r.stack, 0)->thickness_nm, r.fit.value[0], 1e-9);
        assert_int_equal(r.n_spectra, NS);
        assert_int_equal(il_iba_spectrum_channels(r.model[1]), NCH);
        assert_float_equal(r.options[1].fluence, o[1].fluence * r.fit.value[4],
                           1e-9 * o[1].fluence);
        il_iba_fit_result_free(&r);
    }
    printf("within 1 sigma: %d of %d\n", within1, 10 * NP);
    assert_true(within1 >= 25);
    gsl_rng_free(rng);
    il_stack_free(guess);
    il_stack_free(truth);
}

/* Bad requests get one clear message naming what is wrong. */
static void errors(void **state)
{
    (void)state;
    il_error err;
    il_iba_options o;
    il_iba_options_default(&o);
    o.channels = 64;
    double c[64] = {0};
    il_stack *s = stack_of("Au 20nm name=top | Si");
    il_iba_fit_spectrum sp = {NULL, &o, c, 64, 0, 0};
    il_iba_fit_param p = {"top.thicknes_nm", NAN, NAN, NAN, {NULL}};
    il_iba_fit_options fo;
    il_iba_fit_options_default(&fo);
    il_iba_fit_result r;
    assert_int_equal(il_iba_fit(s, &sp, 1, &p, 1, &fo, &r, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "thicknes_nm"));
    il_iba_fit_result_free(&r);
    p = (il_iba_fit_param){"top.thickness_nm", 500.0, 1.0, 100.0, {NULL}};
    assert_int_equal(il_iba_fit(s, &sp, 1, &p, 1, &fo, &r, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "outside its bounds"));
    il_iba_fit_result_free(&r);
    sp.first = 70;
    p.start = 20.0;
    assert_int_equal(il_iba_fit(s, &sp, 1, &p, 1, &fo, &r, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "outside its 0..63"));
    il_iba_fit_result_free(&r);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(errors),
                                       cmocka_unit_test(round_trip_poisson)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
