/* Layer-aware MLEM on a synthetic layered sample with a known answer (nothing NDP-specific):
 * a Gaussian blur (40 bins -> 200 channels, blur sigma 4 channels over a 5-channel pitch) of a
 * profile made of three layers (constant 50, 10 and 25 per bin), counted with Poisson noise.
 * Reference: the true layer totals (750, 150, 250). With the layer breaks, early-stopped MLEM
 * must (a) give every layer total within 3 resampled sigma in >= 18 of 20 seeds and (b) have
 * smaller total errors than the flat start, which smooths the steps across interfaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "interlayer/linv.h"

enum { M = 200, N = 40, SEEDS = 20 };
static double R[M * N], xtrue[N], ytrue[M];
static const size_t breaks[] = {15, 30};
static const size_t seg_lo[3] = {0, 15, 30}, seg_hi[3] = {15, 30, 40};

static double seg_total(const double *x, int g)
{
    double s = 0;
    for (size_t j = seg_lo[g]; j < seg_hi[g]; j++)
        s += x[j];
    return s;
}

static void layered_inventories(void **state)
{
    (void)state;
    for (size_t j = 0; j < N; j++) {
        xtrue[j] = j < 15 ? 50 : (j < 30 ? 10 : 25);
        for (size_t i = 0; i < M; i++) {
            double d = ((double)i - (5.0 * j + 2)) / 4.0;
            R[i * N + j] = 8.0 * exp(-0.5 * d * d);
        }
    }
    for (size_t i = 0; i < M; i++) {
        ytrue[i] = 0;
        for (size_t j = 0; j < N; j++)
            ytrue[i] += R[i * N + j] * xtrue[j];
    }
    il_linv_problem p = {M, N, R, NULL};
    il_linv_mlem_options flat, lay;
    il_linv_mlem_options_default(&flat);
    il_linv_mlem_options_default(&lay);
    lay.breaks = breaks;
    lay.n_breaks = 2;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 17);
    double err_flat[3] = {0}, err_lay[3] = {0};
    int ok = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
        double y[M], xf[N] = {0}, xl[N] = {0}, mu[M];
        for (size_t i = 0; i < M; i++)
            y[i] = (double)gsl_ran_poisson(rng, ytrue[i]);
        assert_int_equal(il_linv_mlem(&p, y, &flat, xf, NULL, NULL, NULL), IL_OK);
        assert_int_equal(il_linv_mlem(&p, y, &lay, xl, NULL, NULL, NULL), IL_OK);
        /* Resampled sigma of the layered estimate's layer totals, from its fitted spectrum. */
        for (size_t i = 0; i < M; i++) {
            mu[i] = 0;
            for (size_t j = 0; j < N; j++)
                mu[i] += R[i * N + j] * xl[j];
        }
        gsl_rng *r2 = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r2, 1000 + (unsigned long)seed);
        double s1[3] = {0}, s2[3] = {0};
        const int nrep = 30;
        for (int r = 0; r < nrep; r++) {
            double yr[M], xr[N] = {0};
            for (size_t i = 0; i < M; i++)
                yr[i] = (double)gsl_ran_poisson(r2, mu[i]);
            assert_int_equal(il_linv_mlem(&p, yr, &lay, xr, NULL, NULL, NULL), IL_OK);
            for (int g = 0; g < 3; g++) {
                double tg = seg_total(xr, g);
                s1[g] += tg;
                s2[g] += tg * tg;
            }
        }
        gsl_rng_free(r2);
        int all = 1;
        for (int g = 0; g < 3; g++) {
            double truth = seg_total(xtrue, g);
            double mean = s1[g] / nrep, sd = sqrt((s2[g] - nrep * mean * mean) / (nrep - 1));
            double dl = seg_total(xl, g) - truth, df = seg_total(xf, g) - truth;
            err_lay[g] += fabs(dl) / SEEDS;
            err_flat[g] += fabs(df) / SEEDS;
            if (fabs(dl) > 3 * sd)
                all = 0;
            for (size_t j = 0; j < N; j++)
                assert_true(xl[j] >= 0);
        }
        ok += all;
    }
    gsl_rng_free(rng);
    double sum_l = 0, sum_f = 0;
    for (int g = 0; g < 3; g++) {
        print_message("layer %d (true %.0f): mean |error| flat start %.2f, layer start %.2f\n", g,
                      seg_total(xtrue, g), err_flat[g], err_lay[g]);
        sum_l += err_lay[g];
        sum_f += err_flat[g];
    }
    print_message("all layers within 3 sigma: %d/%d seeds\n", ok, SEEDS);
    assert_true(ok >= SEEDS * 9 / 10);
    assert_true(sum_l < sum_f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(layered_inventories)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
