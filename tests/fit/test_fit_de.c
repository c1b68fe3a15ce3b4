/* Differential evolution (il_fit_de) on functions whose global minimum is known analytically.
 * Rastrigin's function f(x) = 10 n + Σ (x_i² - 10 cos 2π x_i) on [-5.12, 5.12]^n (Rastrigin
 * 1974; the standard DE test of Storn & Price 1997) has its only global minimum f = 0 at x = 0
 * and a local minimum near every integer point, the nearest ones with f ≈ 0.995. Passed as the
 * single residual r = sqrt(f) (f >= 0 everywhere), so χ² = f.
 * Reference: x = 0, f = 0. Tolerances: f < 1e-6 (any other basin has f > 0.99, so this proves
 * the global basin was found; inside it f ≈ 4π² |x|², so |x| < 2e-4) for every one of 5 seeds,
 * with the start placed in a local minimum far from the global one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/fit.h"

static const double PI = 3.14159265358979323846;

static il_status rastrigin(void *ctx, void *work, const double *x, double *r, il_error *err)
{
    (void)work, (void)err;
    size_t n = *(const size_t *)ctx;
    double f = 10.0 * (double)n;
    for (size_t i = 0; i < n; i++)
        f += x[i] * x[i] - 10.0 * cos(2.0 * PI * x[i]);
    r[0] = sqrt(fmax(f, 0.0));
    return IL_OK;
}

static void global_minimum(size_t n)
{
    double lo[4], hi[4], start[4];
    for (size_t k = 0; k < n; k++)
        lo[k] = -5.12, hi[k] = 5.12, start[k] = 4.0; /* a local minimum, f ≈ 16 per dim */
    il_fit_problem pb = {n, 1, lo, hi, rastrigin, NULL, NULL, &n};
    for (unsigned long seed = 1; seed <= 5; seed++) {
        il_fit_de_options o;
        il_fit_de_options_default(&o);
        o.seed = seed;
        o.population = 40;
        o.max_gen = 300;
        o.nthreads = 1; /* a cheap function: threads would only add overhead */
        il_fit_result r;
        il_error err = {0};
        assert_int_equal(il_fit_de(&pb, start, &o, &r, &err), IL_OK);
        if (!(r.chi2 < 1e-6))
            fail_msg("n = %zu, seed %lu: f = %g at x0 = %g", n, seed, r.chi2, r.value[0]);
        for (size_t k = 0; k < n; k++)
            assert_true(fabs(r.value[k]) < 2e-4);
        il_fit_result_free(&r);
    }
}

static void rastrigin_2d(void **state)
{
    (void)state;
    global_minimum(2);
}

static void rastrigin_3d(void **state)
{
    (void)state;
    global_minimum(3);
}

/* Same seed, same answer, whatever the number of threads (random numbers are drawn serially). */
static void threads_do_not_change_the_result(void **state)
{
    (void)state;
    size_t n = 2;
    const double lo[2] = {-5.12, -5.12}, hi[2] = {5.12, 5.12};
    il_fit_problem pb = {n, 1, lo, hi, rastrigin, NULL, NULL, &n};
    il_fit_de_options o;
    il_fit_de_options_default(&o);
    o.max_gen = 50;
    il_fit_result a, b;
    o.nthreads = 1;
    assert_int_equal(il_fit_de(&pb, (const double[]){1, 1}, &o, &a, NULL), IL_OK);
    o.nthreads = 2;
    assert_int_equal(il_fit_de(&pb, (const double[]){1, 1}, &o, &b, NULL), IL_OK);
    assert_memory_equal(a.value, b.value, 2 * sizeof(double));
    assert_int_equal(a.iterations, b.iterations);
    il_fit_result_free(&a);
    il_fit_result_free(&b);
}

/* Per-thread workspaces: every evaluation gets one (never NULL), each is made and freed once. */
typedef struct {
    size_t n;
    int made, freed;
} counted;

static il_status counted_new(void *ctx, void **work, il_error *err)
{
    (void)err;
    counted *c = ctx;
    c->made++; /* the engines make workspaces before any thread starts */
    *work = calloc(1, sizeof(double));
    return *work ? IL_OK : IL_ERR_NOMEM;
}

static void counted_free(void *ctx, void *work)
{
    ((counted *)ctx)->freed++;
    free(work);
}

static il_status counted_resid(void *ctx, void *work, const double *x, double *r, il_error *err)
{
    if (!work)
        return il_error_set(err, IL_ERR_INVALID, "no workspace");
    *(double *)work = x[0]; /* scratch written by this thread only */
    return rastrigin(&((counted *)ctx)->n, NULL, x, r, err);
}

static void workspaces(void **state)
{
    (void)state;
    counted c = {2, 0, 0};
    const double lo[2] = {-5.12, -5.12}, hi[2] = {5.12, 5.12};
    il_fit_problem pb = {2, 1, lo, hi, counted_resid, counted_new, counted_free, &c};
    il_fit_de_options o;
    il_fit_de_options_default(&o);
    o.max_gen = 20;
    o.nthreads = 2;
    il_fit_result r;
    assert_int_equal(il_fit_de(&pb, (const double[]){1, 1}, &o, &r, NULL), IL_OK);
    assert_true(isfinite(r.chi2));
    assert_true(c.made >= 1);
    assert_int_equal(c.made, c.freed);
    il_fit_result_free(&r);
}

/* The other strategy options (best/1, dithered F, Latin hypercube start) find the same global
 * minimum of Rastrigin's function, to the same tolerance. */
static void rastrigin_best1(void **state)
{
    (void)state;
    size_t n = 2;
    const double lo[2] = {-5.12, -5.12}, hi[2] = {5.12, 5.12};
    il_fit_problem pb = {n, 1, lo, hi, rastrigin, NULL, NULL, &n};
    for (unsigned long seed = 1; seed <= 5; seed++) {
        il_fit_de_options o;
        il_fit_de_options_default(&o);
        o.seed = seed;
        o.population = 40;
        o.strategy = IL_FIT_DE_BEST1;
        o.dither = 1;
        o.latin = 1;
        o.tol = 0.0;
        o.atol = 1e-9; /* the minimum is 0: an absolute spread */
        o.nthreads = 1;
        il_fit_result r;
        assert_int_equal(il_fit_de(&pb, (const double[]){4, 4}, &o, &r, NULL), IL_OK);
        if (!(r.chi2 < 1e-6))
            fail_msg("seed %lu: f = %g", seed, r.chi2);
        il_fit_result_free(&r);
    }
}

/* The population-spread stopping rule on a bowl with a known minimum: residuals (x - 0.3,
 * 2 (y + 0.2), 1), so χ² = 1 + (x - 0.3)² + 4 (y + 0.2)², minimum 1 at (0.3, -0.2). With
 * tol 0.01 DE must stop by the rule well before the budget and say so, with the best member
 * within 1 % of the minimum χ² (the spread rule leaves the population's χ² within a few % of
 * each other; the best is at least as close). Without a
 * reachable rule (tol = atol = 0) it must run the budget out and say that instead. The
 * evaluation count is np per generation plus the first population. */
static il_status bowl(void *ctx, void *work, const double *x, double *r, il_error *err)
{
    (void)ctx, (void)work, (void)err;
    r[0] = x[0] - 0.3;
    r[1] = 2.0 * (x[1] + 0.2);
    r[2] = 1.0;
    return IL_OK;
}

static void spread_rule(void **state)
{
    (void)state;
    const double lo[2] = {-1, -1}, hi[2] = {1, 1};
    il_fit_problem pb = {2, 3, lo, hi, bowl, NULL, NULL, NULL};
    il_fit_de_options o;
    il_fit_de_options_default(&o);
    o.nthreads = 1;
    o.latin = 1;
    il_fit_result r;
    assert_int_equal(il_fit_de(&pb, (const double[]){-0.9, 0.9}, &o, &r, NULL), IL_OK);
    print_message("tol 0.01: stop %d after %d generations, χ² %.6f at (%.4f, %.4f), %zu "
                  "evaluations\n",
                  (int)r.stop, r.iterations, r.chi2, r.value[0], r.value[1], r.evaluations);
    assert_int_equal(r.stop, IL_FIT_STOP_CONVERGED);
    assert_true(r.converged);
    assert_true(r.iterations < o.max_gen / 2);
    assert_true(r.chi2 >= 1.0 && r.chi2 <= 1.01);
    assert_int_equal(r.evaluations, 20 * (size_t)(r.iterations + 1)); /* np = 20 (minimum) */
    il_fit_result_free(&r);
    o.tol = 0.0;
    o.max_gen = 25;
    assert_int_equal(il_fit_de(&pb, (const double[]){-0.9, 0.9}, &o, &r, NULL), IL_OK);
    assert_int_equal(r.stop, IL_FIT_STOP_MAX_ITER);
    assert_false(r.converged);
    assert_int_equal(r.iterations, 25);
    il_fit_result_free(&r);
}

static void needs_bounds(void **state)
{
    (void)state;
    size_t n = 1;
    il_fit_problem pb = {n, 1, NULL, NULL, rastrigin, NULL, NULL, &n};
    il_fit_result r;
    assert_int_equal(il_fit_de(&pb, (const double[]){1}, NULL, &r, NULL), IL_ERR_INVALID);
    assert_null(r.value);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rastrigin_2d),
        cmocka_unit_test(rastrigin_3d),
        cmocka_unit_test(threads_do_not_change_the_result),
        cmocka_unit_test(workspaces),
        cmocka_unit_test(rastrigin_best1),
        cmocka_unit_test(spread_rule),
        cmocka_unit_test(needs_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
