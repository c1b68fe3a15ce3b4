/* The global and the sampling engine of il_iba_fit against the local one, on data where the
 * answer is known: 2 MeV 4He RBS of Au 30 nm / Si (256 channels), Poisson counts (GSL mt19937,
 * one seed), Au thickness and the fluence x solid-angle scale free.
 *
 * - LM from a near start gives the reference optimum v_lm +- s_lm (from (J^T J)^-1).
 * - DE searches the whole default box (thickness 1/20..20 x start, scale 1/10..10 x) from a
 *   start 2.5 x off. It must end at the same optimum: |v_de - v_lm| < 0.2 s_lm and chi2 no more
 *   than 0.1 above LM's (a global engine stopping anywhere else would be far outside: the box
 *   is ~1000 s_lm wide).
 * - MCMC started at a near point: for two well-determined parameters the posterior is close to
 *   the Gaussian of LM's covariance, so its centre lies within 0.5 s_lm of v_lm and its width
 *   (half the 16-84 % interval) within 30 % of s_lm. The tolerance is the Monte-Carlo error of
 *   a width from ~ 16 walkers x 300 steps with an autocorrelation of tens of steps (~ 6-8 %),
 *   times four. A sampler that does not sample (width near 0) or walks off fails by far.
 * - The thickness is within 3 s_lm of the truth for every engine. */
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

#define NCH 256
#define FIRST 40
#define TRUTH_NM 30.0

typedef struct {
    il_iba_options o;
    double cnt[NCH];
    il_stack *guess;
} engines_data;


static int setup(void **state)
{
    static engines_data d;
    il_error err;
    il_iba_options_default(&d.o);
    d.o.channels = NCH;
    d.o.cal_offset_keV = 200.0;
    d.o.cal_gain_keV = 7.0;
    d.o.fluence = 2e13;
    il_stack *truth = stack_of("Au 30nm name=top | Si");
    il_iba_spectrum *sp;
    if (il_iba_simulate(truth, &d.o, &sp, &err))
        fail_msg("%s", err.message);
    const double *mu = il_iba_spectrum_total(sp);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    for (int i = 0; i < NCH; i++)
        d.cnt[i] = mu[i] > 0 ? (double)gsl_ran_poisson(rng, mu[i]) : 0.0;
    gsl_rng_free(rng);
    il_iba_spectrum_free(sp);
    il_stack_free(truth);
    d.guess = stack_of("Au 27nm name=top | Si");
    *state = &d;
    return 0;
}

static int teardown(void **state)
{
    engines_data *d = *state;
    il_stack_free(d->guess);
    return 0;
}

/* Fits with `engine` from thickness `t0` and scale `s0` (bounds: the defaults) */
static void fit(engines_data *d, il_iba_fit_engine engine, double t0, double s0,
                il_iba_fit_result *r)
{
    il_error err;
    il_iba_fit_spectrum s = {NULL, &d->o, d->cnt, NCH, FIRST, 0};
    il_iba_fit_param par[2] = {{"top.thickness_nm", t0, NAN, NAN, {NULL}},
                               {"iba1:scale", s0, NAN, NAN, {NULL}}};
    il_iba_fit_options fo;
    il_iba_fit_options_default(&fo);
    fo.engine = engine;
    fo.seed = 3;
    if (engine == IL_IBA_FIT_MCMC) {
        fo.walkers = 16;
        fo.steps = 300;
    }
    if (il_iba_fit(d->guess, &s, 1, par, 2, &fo, r, &err))
        fail_msg("engine %d: %s", (int)engine, err.message);
    printf("engine %d: thickness %.4f +- %.4f nm, scale %.5f +- %.5f, chi2 %.3f, %zu spectra\n",
           (int)engine, r->fit.value[0], r->fit.sigma[0], r->fit.value[1], r->fit.sigma[1],
           r->fit.chi2, r->evaluations);
}

static void de_and_mcmc_agree_with_lm(void **state)
{
    engines_data *d = *state;
    il_iba_fit_result lm, de, mc;
    fit(d, IL_IBA_FIT_LM, 27.0, 1.1, &lm);
    double v = lm.fit.value[0], s = lm.fit.sigma[0];
    assert_true(s > 0 && fabs(v - TRUTH_NM) < 3.0 * s);

    /* the global engine from far away */
    fit(d, IL_IBA_FIT_DE, 67.5, 2.5, &de);
    assert_true(fabs(de.fit.value[0] - v) < 0.2 * s);
    assert_true(fabs(de.fit.value[1] - lm.fit.value[1]) < 0.2 * lm.fit.sigma[1]);
    assert_true(de.fit.chi2 <= lm.fit.chi2 + 0.1);

    /* the sampler: centre and width of the posterior */
    fit(d, IL_IBA_FIT_MCMC, 27.0, 1.1, &mc);
    assert_true(fabs(mc.fit.value[0] - v) < 0.5 * s);
    assert_true(fabs(mc.fit.sigma[0] / s - 1.0) < 0.3);
    assert_true(fabs(mc.fit.sigma[1] / lm.fit.sigma[1] - 1.0) < 0.3);
    assert_true(mc.acceptance > 0.05 && mc.acceptance < 0.95);
    assert_true(fabs(mc.fit.value[0] - TRUTH_NM) < 3.0 * s);

    il_iba_fit_result_free(&lm);
    il_iba_fit_result_free(&de);
    il_iba_fit_result_free(&mc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(de_and_mcmc_agree_with_lm)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
