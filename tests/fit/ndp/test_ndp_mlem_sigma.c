/* MLEM counting uncertainties: the fast estimate against full resampling (issue 11).
 *  1. The round-trip stack of tests/probes/ndp (default cell charged, 20 nm Li2O interlayer,
 *     600 s): the MLEM estimate stops at its layer-wise start, so the fast sigma is the inverse
 *     Fisher information of the layer amounts. Reference: full resampling, 400 Poisson replicas
 *     each solved from scratch with the stopping rule. Every layer holding Li (amount > 3 sigma)
 *     agrees to 10 %: a sigma from 400 replicas has a relative precision of 1/sqrt(2 x 399)
 *     = 3.5 %, so 10 % is about 3 of those; the Fisher value itself is first order in 1/counts
 *     (> 1e4 counts per layer here).
 *  2. The stopping rule says why it stopped, and the fast path is much cheaper: on the same
 *     data the fast inversion costs less than a tenth of the full resampling's CPU time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "interlayer/interlayer.h"

static void fisher_matches_resampling(void **state)
{
    (void)state;
    il_stack *s = NULL;
    il_error err;
    assert_int_equal(il_stack_parse("Kapton 1um | Pt 50nm | Li0.8CoO2 700nm density=4.978 | "
                                    "Li3PO4 1.5um | Li2O 20nm name=interlayer | Li0.44Si 180nm "
                                    "density=2.58 | Cu 500nm | Si",
                                    NULL, &s, &err),
                     IL_OK);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.live_time_s = 600;
    il_ndp_model *m;
    assert_int_equal(il_ndp_model_new(s, &ins, &m, &err), IL_OK);
    il_ndp_sim *r;
    assert_int_equal(il_ndp_simulate(m, 0, NULL, &r, &err), IL_OK);
    double *y = malloc(r->n_channels * sizeof *y);
    assert_int_equal(il_ndp_poisson_sample(r->counts, r->n_channels, 1, y, &err), IL_OK);
    il_ndp_invert_options o;
    il_ndp_invert_options_default(&o);
    o.method = IL_NDP_METHOD_MLEM;
    o.systematic = 0;
    o.self_consistent = 0;
    il_ndp_profile *fast, *full;
    clock_t t0 = clock();
    assert_int_equal(il_ndp_invert(m, s, y, &o, &fast, &err), IL_OK);
    clock_t t1 = clock();
    o.mlem_uncertainty = IL_NDP_MLEM_SIGMA_RESAMPLE;
    o.resample = 400;
    assert_int_equal(il_ndp_invert(m, s, y, &o, &full, &err), IL_OK);
    clock_t t2 = clock();
    assert_int_equal(fast->mlem_sigma, IL_NDP_MLEM_SIGMA_FISHER);
    assert_int_equal(full->mlem_sigma, IL_NDP_MLEM_SIGMA_RESAMPLE);
    assert_int_equal(fast->mlem_stop, IL_LINV_MLEM_TARGET);
    int compared = 0;
    for (size_t l = 0; l < fast->n_layers; l++) {
        double a = fast->li_atoms_cm2_sigma[l], b = full->li_atoms_cm2_sigma[l];
        print_message("layer %zu: %.4e at/cm2, sigma fast %.3e, resampled %.3e (%+.1f %%)\n", l,
                      fast->li_atoms_cm2[l], a, b, b > 0 ? 100 * (a / b - 1) : 0.0);
        /* the same estimate either way */
        assert_true(fast->li_atoms_cm2[l] == full->li_atoms_cm2[l]);
        if (fast->li_atoms_cm2[l] > 3 * b) {
            assert_true(fabs(a / b - 1) < 0.10);
            compared++;
        }
    }
    assert_int_equal(compared, 4); /* cathode, electrolyte, interlayer, anode */
    double cf = (double)(t1 - t0) / CLOCKS_PER_SEC, cr = (double)(t2 - t1) / CLOCKS_PER_SEC;
    print_message("CPU: fast %.3f s, full resampling (400) %.2f s\n", cf, cr);
    assert_true(cf < 0.1 * cr);
    il_ndp_profile_free(fast);
    il_ndp_profile_free(full);
    free(y);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
}

/* Data no non-negative profile can fit: the discrepancy target is out of reach and the stall
 * rule, not the iteration cap, stops MLEM, and says so. */
static void stall_rule_stops(void **state)
{
    (void)state;
    il_linv_problem pr;
    /* Two bins, three channels; channel 1 sees both bins but counted nothing, so no x >= 0
     * fits all three: the deviance stays far above the 3 channels. */
    double R[] = {1, 0, 1, 1, 0, 1};
    double y[] = {1000, 0, 1000};
    pr.n_channels = 3;
    pr.n_bins = 2;
    pr.R = R;
    pr.background = NULL;
    double x[2] = {0, 0};
    il_linv_mlem_options mo;
    il_linv_mlem_options_default(&mo);
    il_linv_mlem_info info;
    il_error err;
    assert_int_equal(il_linv_mlem_run(&pr, y, &mo, x, &info, &err), IL_OK);
    print_message("stopped: %s after %d iterations, deviance %.1f (target %.0f)\n",
                  il_linv_mlem_stop_text(info.stop), info.iterations, info.deviance, info.target);
    assert_int_equal(info.stop, IL_LINV_MLEM_STALLED);
    assert_true(info.iterations < mo.max_iter);
    assert_true(info.deviance > info.target);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fisher_matches_resampling),
        cmocka_unit_test(stall_rule_stops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
