/* The goodness of fit il_iba_fit reports (chi2_expected, chi2_expected_sd) against what Poisson
 * data really give: a sparse RBS spectrum (Au 20 nm / LiCoO2 250 nm / Si, 2 MeV 4He, a fluence
 * low enough that most channels above the Si edge expect 0.05-3 counts, like the demo's noisy
 * fit), 20 seeds of Poisson counts (GSL mt19937), Au thickness and scale fitted, with the
 * default reweighted pass (weights max(model, 1)) and without it (weights max(n, 1)).
 *
 * Criterion, model weights (the default): over the 20 seeds the mean of chi2 - chi2_expected is
 * within 3 standard errors of 0, the standard error being the reported sd / sqrt(20) (the
 * channels are independent, so the reported sd is the spread of chi2 if the expectation is
 * right; 3 se: P(fail) 0.3 % for a right expectation). Measured: +4.2 (se 5.3); with 100 seeds
 * +1.7 (se 2.4).
 * Count weights: the fit itself leans on the low counts (Neyman's chi2), so chi2 at its optimum
 * falls further below the per-channel expectation than the free parameters' share: with 100
 * seeds -19 of 185 (-10 %, 8 se). The reported number is then an approximation, documented as
 * such (docs/iba.md); the criterion is |mean difference| <= 12 % of the expectation.
 * The same data also show why dof is the wrong yardstick here: the expectation is below
 * 0.85 dof, and chi2 - dof misses 0 by far more than 3 se (checked, so the test cannot pass by
 * reporting dof). */
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
#define NSEED 20
#define FIRST 60


static void run(int reweight)
{
    il_error err;
    il_iba_options o;
    il_iba_options_default(&o);
    o.channels = NCH;
    o.cal_offset_keV = 200.0;
    o.cal_gain_keV = 5.0;
    o.fluence = 2e11;
    il_stack *truth = stack_of("Au 20nm name=top | LiCoO2 250nm name=cathode | Si");
    il_stack *guess = stack_of("Au 23nm name=top | LiCoO2 250nm name=cathode | Si");
    double mu[NCH], cnt[NCH];
    il_iba_spectrum *sp;
    if (il_iba_simulate(truth, &o, &sp, &err))
        fail_msg("%s", err.message);
    memcpy(mu, il_iba_spectrum_total(sp), sizeof mu);
    il_iba_spectrum_free(sp);
    int sparse = 0;
    for (int i = FIRST; i < NCH; i++)
        sparse += mu[i] < 1.0;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double d_exp = 0.0, d_dof = 0.0, sd = 0.0, e_over_dof = 0.0, e = 0.0;
    for (unsigned long seed = 1; seed <= NSEED; seed++) {
        gsl_rng_set(rng, 1000 + seed);
        for (int i = 0; i < NCH; i++)
            cnt[i] = mu[i] > 0 ? (double)gsl_ran_poisson(rng, mu[i]) : 0.0;
        il_iba_fit_spectrum s = {NULL, &o, cnt, NCH, FIRST, 0};
        il_iba_fit_param par[2] = {{"top.thickness_nm", 23.0, NAN, NAN, {NULL}},
                                   {"iba1:scale", 1.1, NAN, NAN, {NULL}}};
        il_iba_fit_options fo;
        il_iba_fit_options_default(&fo);
        fo.reweight = reweight;
        il_iba_fit_result r;
        if (il_iba_fit(guess, &s, 1, par, 2, &fo, &r, &err))
            fail_msg("seed %lu: %s", seed, err.message);
        assert_non_null(r.chi2_expected);
        /* one spectrum: its numbers are the totals */
        assert_float_equal(r.chi2_expected[0], r.chi2_expected_total, 1e-9);
        d_exp += r.fit.chi2 - r.chi2_expected_total;
        d_dof += r.fit.chi2 - (double)r.fit.dof;
        sd += r.chi2_expected_sd_total;
        e += r.chi2_expected_total;
        e_over_dof += r.chi2_expected_total / (double)r.fit.dof;
        il_iba_fit_result_free(&r);
    }
    d_exp /= NSEED, d_dof /= NSEED, sd /= NSEED, e_over_dof /= NSEED, e /= NSEED;
    double se = sd / sqrt((double)NSEED);
    printf("reweight %d: %d of %d channels expect < 1 count; mean chi2 - expected %+.2f, "
           "mean chi2 - dof %+.2f, standard error %.2f; expected/dof %.3f\n",
           reweight, sparse, NCH - FIRST, d_exp, d_dof, se, e_over_dof);
    if (reweight)
        assert_true(fabs(d_exp) <= 3.0 * se);
    else
        assert_true(fabs(d_exp) <= 0.12 * e);
    assert_true(e_over_dof < 0.85);
    assert_true(fabs(d_dof) > 3.0 * se);
    gsl_rng_free(rng);
    il_stack_free(guess);
    il_stack_free(truth);
}

static void model_weights(void **state)
{
    (void)state;
    run(1);
}

static void count_weights(void **state)
{
    (void)state;
    run(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(model_weights),
                                       cmocka_unit_test(count_weights)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
