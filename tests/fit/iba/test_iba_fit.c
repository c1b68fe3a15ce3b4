/* The IBA probe in the shared fit layer: a synthetic-data round trip. A 2 MeV 4He RBS spectrum
 * of Au 30 nm / LiCoO2 300 nm / Si gets counting noise (Gaussian of variance mu, 10 seeds); LM through
 * il_fit_stack recovers both thicknesses and the fluence x solid-angle scale, each within 3 of
 * its own 1-sigma uncertainty, with chi2/dof consistent with 1 (5 sigma of its spread). A wrong
 * fit (a biased probe or a broken Jacobian) fails these by far. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "interlayer/interlayer.h"
#include "support/stack_of.h"

#define NCH 512
#define NP 3

/* xorshift64* and Box-Muller: a normal deviate */
static double uniform(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return ((*s * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

static double gauss(uint64_t *s)
{
    double u = uniform(s), v = uniform(s);
    return sqrt(-2.0 * log(u > 0 ? u : 1e-300)) * cos(2.0 * 3.14159265358979323846 * v);
}


static void round_trip(void **state)
{
    (void)state;
    il_error err;
    il_iba_options o;
    il_iba_options_default(&o);
    o.channels = NCH;
    o.cal_gain_keV = 4.0;
    o.fluence = 2e13;
    il_probe *p;
    assert_int_equal(il_probe_iba_new(&o, &p, &err), IL_OK);
    il_stack *truth = stack_of("Au 30nm name=top | LiCoO2 300nm name=cathode | Si");
    assert_int_equal(il_probe_prepare(p, truth, &err), IL_OK);
    double ch[NCH], mu[NCH], cnt[NCH], sig[NCH];
    for (int i = 0; i < NCH; i++)
        ch[i] = i;
    assert_int_equal(il_probe_forward(p, ch, NCH, mu, &err), IL_OK);
    size_t nn = 0;
    for (int i = 0; i < NCH; i++)
        if (mu[i] >= 10.0)
            ch[nn] = ch[i], mu[nn++] = mu[i];
    assert_true(nn > 100);
    static const char *targets[NP] = {"top.thickness_nm", "cathode.thickness_nm", "iba:scale"};
    static const double want[NP] = {30.0, 300.0, 1.0};
    static const double start[NP] = {24.0, 360.0, 1.2}, lo[NP] = {5, 100, 0.5},
                        hi[NP] = {80, 600, 2.0};
    for (unsigned seed = 1; seed <= 10; seed++) {
        /* Gaussian counting noise of the Poisson variance (every channel holds >= 10 counts),
         * so the weights 1/mu are exact and chi2/dof has a known spread */
        uint64_t rng = 0x9E3779B97F4A7C15ULL * seed;
        for (size_t i = 0; i < nn; i++) {
            sig[i] = sqrt(mu[i]);
            cnt[i] = mu[i] + sig[i] * gauss(&rng);
        }
        il_stack *guess = stack_of("Au 24nm name=top | LiCoO2 360nm name=cathode | Si");
        il_fit_stack *f;
        assert_int_equal(il_fit_stack_new(guess, &f, &err), IL_OK);
        il_stack_free(guess);
        assert_int_equal(il_fit_stack_add_term(f, NULL, p, ch, cnt, sig, nn, 1.0, &err), IL_OK);
        for (int k = 0; k < NP; k++)
            if (il_fit_stack_add_param(f, NULL, targets[k], start[k], lo[k], hi[k], NULL, &err))
                fail_msg("%s", err.message);
        il_fit_problem pb;
        double p0[NP];
        assert_int_equal(il_fit_stack_problem(f, &pb, p0, &err), IL_OK);
        il_fit_lm_options lm;
        il_fit_lm_options_default(&lm);
        il_fit_result r;
        if (il_fit_lm(&pb, p0, &lm, &r, &err))
            fail_msg("%s", err.message);
        il_fit_stack_result res;
        if (il_fit_stack_result_at(f, r.value, &res, &err))
            fail_msg("%s", err.message);
        double nu = (double)res.dof;
        il_fit_stack_result at;
        assert_int_equal(il_fit_stack_result_at(f, want, &at, &err), IL_OK);
        printf("seed %2u: chi2/N at truth %.3f, %d iterations, stop %d;", seed,
               at.chi2 / (double)nn, r.iterations, (int)r.stop);
        il_fit_stack_result_free(&at);
        for (int k = 0; k < NP; k++) {
            printf("  %s %.4f +- %.4f (%+.2f sigma)", targets[k], res.value[k], res.sigma[k],
                   (res.value[k] - want[k]) / res.sigma[k]);
            assert_true(res.sigma[k] > 0 && fabs(res.value[k] - want[k]) < 3.0 * res.sigma[k]);
        }
        printf("  chi2/dof %.3f\n", res.chi2 / nu);
        /* Gaussian weights from the counts: chi2/dof ~ 1 within 5 sigma of sqrt(2/nu) */
        assert_true(fabs(res.chi2 / nu - 1.0) < 5.0 * sqrt(2.0 / nu));
        il_fit_stack_result_free(&res);
        il_fit_result_free(&r);
        il_fit_stack_free(f);
    }
    il_stack_free(truth);
    il_probe_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(round_trip)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
