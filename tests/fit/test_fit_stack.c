/* Fits of one stack across techniques (fit_stack.h).
 *
 * Joint fit: synthetic data of a LiCoO2 film on Li3PO4 on Si with known thicknesses, cathode
 * density, reflectivity scale and NDP calibration, made with the probes at the truth plus noise
 * from fixed seeds: NDP counts Poisson-sampled (il_ndp_poisson_sample) with 1σ = √(expected) (the
 * known Poisson variance, so no Neyman bias), neutron reflectivity with Gaussian noise of
 * 1σ = 3 % R + 1e-7. LM starts 10 % away from the truth in every parameter (and in the stack
 * it is given). Reflectivity fringes make the χ² surface multimodal: from 17 % off in the
 * cathode thickness LM stops in a neighbouring minimum (χ²/ν = 34), which is what DE is for.
 * Checks:
 *  - each parameter within 3σ of the truth, σ from (JᵀJ)⁻¹ (correct χ² errors for correctly
 *    weighted data; not rescaled);
 *  - χ²/ν within 1 ± 5√(2/ν): χ² of ν degrees of freedom has mean ν and sd √(2ν), so this
 *    band fails a correct model with probability < 1e-6, while a wrong model or mis-scaled
 *    residual (e.g. a missing √weight) lands far outside; the same band per term with its
 *    number of points.
 * Ties: one roughness for two interfaces is written to both and recovered from noise-free data;
 * MCMC on that problem gives the truth and the covariance's σ.
 * Errors: unknown layers, fields, terms and probe parameters name the offending text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/fit.h"
#include "interlayer/fit_stack.h"
#include "interlayer/ndp_simulate.h"
#include "support/stack_of.h"


/* Gaussian deviates for the test's noise: xorshift64* and Box–Muller (fixed seed). */
static double uniform(uint64_t *x)
{
    *x ^= *x >> 12, *x ^= *x << 25, *x ^= *x >> 27;
    return ((*x * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}
static double gauss(uint64_t *x)
{
    double u = uniform(x), v = uniform(x);
    return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(2.0 * 3.14159265358979323846 * v);
}

static il_probe *prepared(il_probe *p, const il_stack *s)
{
    il_error err = {0};
    if (il_probe_prepare(p, s, &err))
        fail_msg("%s", err.message);
    return p;
}

#define NQ 150
enum { T_CAT, T_RHO, T_ELE, T_SCALE, T_CAL, NP };
static const double truth[NP] = {60.0, 4.8, 100.0, 0.95, 1.1};
static const double start[NP] = {66.0, 5.2, 92.0, 1.0, 1.0};
static const char *const targets[NP] = {"cathode.thickness_nm", "cathode.density_g_cm3",
                                       "electrolyte.thickness_nm", "refl:scale",
                                       "ndp:calibration"};

static void joint_ndp_refl_fit(void **state)
{
    (void)state;
    il_error err = {0};
    il_stack *s = stack_of("LiCoO2 60nm name=cathode density=4.8 | Li3PO4 100nm "
                           "name=electrolyte | Si");
    /* the probes at the truth */
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_refl_probe kind = {IL_REFL_NEUTRON, 0, 0};
    il_probe *ndp, *refl;
    assert_int_equal(il_probe_ndp_new(&ins, &ndp, &err), IL_OK);
    assert_int_equal(il_probe_refl_new(&kind, NULL, 0.02, truth[T_SCALE], 0.0, &refl, &err),
                     IL_OK);
    assert_int_equal(il_probe_set(ndp, "calibration", truth[T_CAL], &err), IL_OK);
    prepared(ndp, s);
    prepared(refl, s);

    /* NDP: every channel with at least 10 expected counts (chosen on the truth, not the noise) */
    size_t nch = (size_t)ins.channels, nn = 0;
    double *ch = malloc(nch * sizeof *ch), *mu = malloc(nch * sizeof *mu);
    double *cnt = malloc(nch * sizeof *cnt), *sig = malloc(nch * sizeof *sig);
    for (size_t i = 0; i < nch; i++)
        ch[i] = (double)i;
    assert_int_equal(il_probe_forward(ndp, ch, nch, mu, &err), IL_OK);
    for (size_t i = 0; i < nch; i++)
        if (mu[i] >= 10.0)
            ch[nn] = ch[i], mu[nn++] = mu[i];
    assert_true(nn > 50);
    assert_int_equal(il_ndp_poisson_sample(mu, nn, 20261203, cnt, &err), IL_OK);
    for (size_t i = 0; i < nn; i++)
        sig[i] = sqrt(mu[i]);

    /* reflectivity */
    double q[NQ], R[NQ], dR[NQ];
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < NQ; i++)
        q[i] = 0.006 + 0.19 * i / (NQ - 1.0);
    assert_int_equal(il_probe_forward(refl, q, NQ, R, &err), IL_OK);
    for (int i = 0; i < NQ; i++) {
        dR[i] = 0.03 * R[i] + 1e-7;
        R[i] += dR[i] * gauss(&seed);
    }

    /* the fit starts from a stack with the wrong values in it too */
    il_stack *guess = stack_of("LiCoO2 70nm name=cathode | Li3PO4 85nm name=electrolyte | Si");
    il_fit_stack *f;
    assert_int_equal(il_fit_stack_new(guess, &f, &err), IL_OK);
    il_stack_free(guess);
    assert_int_equal(il_probe_set(ndp, "calibration", 1.0, &err), IL_OK);
    assert_int_equal(il_fit_stack_add_term(f, NULL, ndp, ch, cnt, sig, nn, 1.0, &err), IL_OK);
    assert_int_equal(il_fit_stack_add_term(f, NULL, refl, q, R, dR, NQ, 1.0, &err), IL_OK);
    static const double lo[NP] = {20, 3.5, 30, 0.5, 0.5}, hi[NP] = {150, 6.0, 250, 1.5, 2.0};
    for (int k = 0; k < NP; k++)
        if (il_fit_stack_add_param(f, NULL, targets[k], start[k], lo[k], hi[k], NULL, &err))
            fail_msg("%s", err.message);
    /* a fixed instrument parameter stays out of the engine's vector */
    assert_int_equal(il_fit_stack_add_param(f, NULL, "refl:background", 0.0, -1e-5, 1e-5, NULL,
                                            &err),
                     IL_OK);
    assert_int_equal(il_fit_stack_fix(f, "refl:background", 1, 0.0, &err), IL_OK);
    assert_int_equal(il_fit_stack_n_free(f), NP);
    assert_string_equal(il_fit_stack_free_name(f, T_CAL), "ndp:calibration");

    il_fit_problem pb;
    double p0[NP];
    assert_int_equal(il_fit_stack_problem(f, &pb, p0, &err), IL_OK);
    assert_int_equal(pb.n_residuals, nn + NQ);
    /* the callback at the truth: χ² of the noise alone, ~ the number of points */
    il_fit_stack_result at;
    assert_int_equal(il_fit_stack_result_at(f, truth, &at, &err), IL_OK);
    print_message("chi2/N at the truth %.4f (N %zu)\n", at.chi2 / (double)(nn + NQ), nn + NQ);
    il_fit_stack_result_free(&at);

    il_fit_lm_options o;
    il_fit_lm_options_default(&o);
    il_fit_result r;
    if (il_fit_lm(&pb, p0, &o, &r, &err))
        fail_msg("%s", err.message);
    il_fit_stack_result res;
    if (il_fit_stack_result_at(f, r.value, &res, &err))
        fail_msg("%s", err.message);
    double nu = (double)res.dof;
    for (int k = 0; k < NP; k++)
        print_message("%-26s %10.5f ± %.5f (truth %g, %+.2f σ)\n", targets[k], res.value[k],
                      res.sigma[k], truth[k], (res.value[k] - truth[k]) / res.sigma[k]);
    print_message("chi2/dof %.4f (dof %zu); ndp %.4f (%zu points), refl %.4f (%zu points); "
                  "%d LM iterations\n",
                  res.chi2 / nu, res.dof, res.chi2_term[0] / res.n_term[0], res.n_term[0],
                  res.chi2_term[1] / res.n_term[1], res.n_term[1], r.iterations);
    for (int k = 0; k < NP; k++)
        assert_true(res.sigma[k] > 0 && fabs(res.value[k] - truth[k]) < 3.0 * res.sigma[k]);
    assert_true(fabs(res.chi2 / nu - 1.0) < 5.0 * sqrt(2.0 / nu));
    assert_true(fabs(res.chi2 - r.chi2) <= 1e-9 * r.chi2);
    for (size_t t = 0; t < 2; t++) {
        double n = (double)res.n_term[t];
        assert_true(fabs(res.chi2_term[t] / n - 1.0) < 5.0 * sqrt(2.0 / n));
    }

    /* the population engines run the same problem with a workspace (stack and probe copies)
     * per thread: a short DE gives the same numbers on one thread and on two */
    il_fit_de_options d;
    il_fit_de_options_default(&d);
    d.population = 20;
    d.max_gen = 3;
    il_fit_result de1, de2;
    d.nthreads = 1;
    assert_int_equal(il_fit_de(&pb, r.value, &d, &de1, &err), IL_OK);
    d.nthreads = 2;
    assert_int_equal(il_fit_de(&pb, r.value, &d, &de2, &err), IL_OK);
    assert_memory_equal(de1.value, de2.value, NP * sizeof(double));
    assert_true(de1.chi2 == de2.chi2 && de1.chi2 <= r.chi2 * (1 + 1e-12));
    il_fit_result_free(&de1);
    il_fit_result_free(&de2);

    /* the fitted stack carries the values */
    il_stack *fit;
    assert_int_equal(il_fit_stack_apply(f, r.value, &fit, &err), IL_OK);
    assert_true(fabs(il_stack_layer(fit, 0)->thickness_nm - r.value[T_CAT]) < 1e-12);
    assert_true(fabs(il_stack_layer(fit, 0)->density_g_cm3 - r.value[T_RHO]) < 1e-12);
    assert_true(fabs(il_stack_layer(fit, 1)->thickness_nm - r.value[T_ELE]) < 1e-12);
    il_stack_free(fit);

    il_fit_stack_result_free(&res);
    il_fit_result_free(&r);
    il_fit_stack_free(f);
    il_probe_free(ndp);
    il_probe_free(refl);
    free(ch), free(mu), free(cnt), free(sig);
    il_stack_free(s);
}

/* One roughness for both interfaces of the film stack. */
static void tied_roughness(void **state)
{
    (void)state;
    il_error err = {0};
    il_stack *truth_s = stack_of("LiCoO2 50nm name=a rough=1.2nm | Li3PO4 80nm name=b "
                                 "rough=1.2nm | Si");
    il_refl_probe kind = {IL_REFL_NEUTRON, 0, 0};
    il_probe *refl;
    assert_int_equal(il_probe_refl_new(&kind, NULL, 0.0, 1.0, 0.0, &refl, &err), IL_OK);
    prepared(refl, truth_s);
    double q[NQ], R[NQ], dR[NQ];
    for (int i = 0; i < NQ; i++)
        q[i] = 0.01 + 0.25 * i / (NQ - 1.0);
    assert_int_equal(il_probe_forward(refl, q, NQ, R, &err), IL_OK);
    for (int i = 0; i < NQ; i++)
        dR[i] = 0.01 * R[i];

    il_stack *s = stack_of("LiCoO2 50nm name=a | Li3PO4 80nm name=b | Si");
    il_fit_stack *f;
    assert_int_equal(il_fit_stack_new(s, &f, &err), IL_OK);
    assert_int_equal(il_fit_stack_add_term(f, "nr", refl, q, R, dR, NQ, 1.0, &err), IL_OK);
    assert_int_equal(il_fit_stack_add_param(f, "rough", "a.roughness_nm", 0.5, 0.0, 3.0, NULL,
                                            &err),
                     IL_OK);
    assert_int_equal(il_fit_stack_tie(f, "rough", "2.roughness_nm", &err), IL_OK);
    assert_int_equal(il_fit_stack_n_free(f), 1);

    double p = 2.0;
    il_stack *out;
    assert_int_equal(il_fit_stack_apply(f, &p, &out, &err), IL_OK);
    assert_true(il_stack_layer(out, 0)->roughness_nm == 2.0);
    assert_true(il_stack_layer(out, 1)->roughness_nm == 2.0);
    assert_true(il_stack_layer(out, 2)->roughness_nm == 0.0);
    il_stack_free(out);

    /* noise-free data: LM lands on 1.2 (to 1e-6: the driver's step tolerance, with margin) */
    il_fit_problem pb;
    double p0;
    assert_int_equal(il_fit_stack_problem(f, &pb, &p0, &err), IL_OK);
    assert_true(p0 == 0.5);
    il_fit_lm_options o;
    il_fit_lm_options_default(&o);
    il_fit_result r;
    assert_int_equal(il_fit_lm(&pb, &p0, &o, &r, &err), IL_OK);
    assert_true(fabs(r.value[0] - 1.2) < 1e-6);
    assert_true(r.chi2 < 1e-10);

    /* MCMC runs the same problem: on noise-free data the posterior is centred on the truth and,
     * the model being close to linear over ±σ, its width is the (JᵀJ)⁻¹ σ. With 32 walkers x
     * 400 steps the sampling error of the median is ~0.03 σ and of the width a few %; the
     * bands (0.3 σ, 15 %) leave room for the nonlinearity. */
    il_fit_stack_result cov;
    assert_int_equal(il_fit_stack_result_at(f, r.value, &cov, &err), IL_OK);
    il_fit_mcmc_options mo;
    il_fit_mcmc_options_default(&mo);
    mo.steps = 400;
    il_fit_result mc;
    assert_int_equal(il_fit_mcmc(&pb, r.value, cov.sigma, &mo, &mc, &err), IL_OK);
    print_message("tied roughness: LM %.6f ± %.3g nm, MCMC %.6f ± %.3g nm (acceptance %.2f)\n",
                  r.value[0], cov.sigma[0], mc.value[0], mc.sigma[0], mc.acceptance);
    assert_true(fabs(mc.value[0] - 1.2) < 0.3 * cov.sigma[0]);
    assert_true(fabs(mc.sigma[0] / cov.sigma[0] - 1.0) < 0.15);
    il_fit_result_free(&mc);
    il_fit_stack_result_free(&cov);
    il_fit_result_free(&r);

    il_fit_stack_free(f);
    il_probe_free(refl);
    il_stack_free(s);
    il_stack_free(truth_s);
}

static void expect_error(il_fit_stack *f, const char *target, il_status code, const char *text)
{
    il_error err = {0};
    il_status st = il_fit_stack_add_param(f, NULL, target, 1.0, 0.0, 2.0, NULL, &err);
    if (st != code || !strstr(err.message, text))
        fail_msg("%s: status %d, message \"%s\"; want %d with \"%s\"", target, st, err.message,
                 code, text);
}

static void errors_name_the_target(void **state)
{
    (void)state;
    il_error err = {0};
    il_stack *s = stack_of("LiCoO2 50nm name=cathode | Li3PO4 80nm | Si");
    il_refl_probe kind = {IL_REFL_NEUTRON, 0, 0};
    il_probe *refl;
    assert_int_equal(il_probe_refl_new(&kind, NULL, 0.0, 1.0, 0.0, &refl, &err), IL_OK);
    double q = 0.02, R = 0.1, dR = 0.01;
    il_fit_stack *f;
    assert_int_equal(il_fit_stack_new(s, &f, &err), IL_OK);
    assert_int_equal(il_fit_stack_add_term(f, NULL, refl, &q, &R, &dR, 1, 1.0, &err), IL_OK);

    expect_error(f, "cathode.thicknes_nm", IL_ERR_NOT_FOUND, "'thicknes_nm'");
    expect_error(f, "cathod.thickness_nm", IL_ERR_NOT_FOUND, "'cathod'");
    expect_error(f, "4.thickness_nm", IL_ERR_NOT_FOUND, "'4'");
    expect_error(f, "refl:scael", IL_ERR_NOT_FOUND, "'scael'");
    expect_error(f, "ndp:calibration", IL_ERR_NOT_FOUND, "no term 'ndp'");
    expect_error(f, "cathode.frac:Na", IL_ERR_INVALID, "Z = 11");
    expect_error(f, "cathode.frac:Li[6]", IL_ERR_INVALID, "isotopes");
    expect_error(f, "cathode.frac:Co%", IL_ERR_PARSE, "cathode.frac:Co%");
    expect_error(f, "3.thickness_nm", IL_ERR_INVALID, "substrate");
    expect_error(f, "cathode.iso:B10", IL_ERR_INVALID, "Z = 5");
    expect_error(f, "thickness", IL_ERR_INVALID, "LAYER.field");
    assert_int_equal(il_fit_stack_n_free(f), 0);

    /* the ones that exist: by name, by index, isotope keys in any spelling, a probe parameter */
    assert_int_equal(il_fit_stack_add_param(f, NULL, "cathode.li6_fraction", 0.5, 0, 1, NULL,
                                            &err),
                     IL_OK);
    assert_int_equal(il_fit_stack_add_param(f, NULL, "Li3PO4.iso:6Li", 0.5, 0, 1, NULL, &err),
                     IL_OK);
    assert_int_equal(il_fit_stack_add_param(f, NULL, "3.roughness_nm", 0.5, 0, 1, NULL, &err),
                     IL_OK);
    assert_int_equal(il_fit_stack_add_param(f, "s", "refl:scale", 1, 0.5, 1.5, NULL, &err),
                     IL_OK);
    /* a duplicate name, a tie to an unknown parameter, bad bounds */
    assert_int_equal(il_fit_stack_add_param(f, "s", "refl:background", 0, -1, 1, NULL, &err),
                     IL_ERR_INVALID);
    assert_int_equal(il_fit_stack_tie(f, "nope", "cathode.roughness_nm", &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "'nope'"));
    assert_int_equal(il_fit_stack_add_param(f, NULL, "cathode.density_g_cm3", 5, 6, 4, NULL,
                                            &err),
                     IL_ERR_INVALID);
    /* an enrichment the stack refuses is reported when the parameter is added */
    assert_int_equal(il_fit_stack_add_param(f, NULL, "cathode.iso:Li7", 0.9, 0.0, 1.0, NULL,
                                            &err),
                     IL_ERR_INVALID);
    assert_int_equal(il_fit_stack_n_free(f), 4);

    il_fit_stack_free(f);
    il_probe_free(refl);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(errors_name_the_target),
        cmocka_unit_test(tied_roughness),
        cmocka_unit_test(joint_ndp_refl_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
