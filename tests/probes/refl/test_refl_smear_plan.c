/* The fitting resolution (il_refl_smear_plan: shared Q grid, fixed weights) against two
 * independent references:
 * - the ORSO smeared validation cases 4 and 5 (reference values computed by others with a
 *   10001-point rule over ±3.5σ, not renormalised), within the ORSO tolerance 1e-5 plus the
 *   plan's own accuracy;
 * - the exact adaptive path (il_refl_smeared converged to 1e-10), on the ORSO cases and on the
 *   Platypus data's own resolution (408 points, dQ a FWHM from the file) with the fitted model,
 *   at the accuracy a fit would ask for: 1e-3 of the smallest relative error bar.
 * The plan is built at one model and used at others during a fit, so it is also checked at a
 * perturbed model: within 10× the accuracy (the grid is fine for the data's resolution, not for
 * one model; a factor 10 still keeps the error two orders below the error bars). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "probes/refl/refl_orso_case.h"

/* Worst relative difference between the plan at slabs and the exact adaptive path. */
static double vs_exact(const il_refl_smear_plan *p, const il_refl_slab *s, size_t ns,
                       const double *q, const double *dq, size_t n, il_refl_resolution res)
{
    double *ex = malloc(n * sizeof *ex), *fa = malloc(n * sizeof *fa);
    double *work = malloc(il_refl_smear_plan_nodes(p) * sizeof *work);
    res.points = 0;
    res.tol = 1e-10;
    assert_int_equal(il_refl_smeared(s, ns, q, dq, n, &res, 1.0, 0.0, ex, NULL, NULL), IL_OK);
    assert_int_equal(il_refl_smear_plan_eval(p, s, ns, 1.0, 0.0, work, fa, NULL), IL_OK);
    double w = worst_rel(fa, ex, n);
    free(ex);
    free(fa);
    free(work);
    return w;
}

static void orso(int number)
{
    orso_case c;
    assert_int_equal(orso_case_load(number, &c), 0);
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.truncate_sigma = 3.5;
    res.renormalise = 0;
    const double acc = 1e-6;
    il_refl_smear_plan *p;
    il_error err;
    assert_int_equal(il_refl_smear_plan_new(c.q, c.dq, c.n, &res, c.slabs, c.nslabs, acc, &p,
                                            &err),
                     IL_OK);
    double *out = malloc(c.n * sizeof *out);
    double *work = malloc(il_refl_smear_plan_nodes(p) * sizeof *work);
    assert_int_equal(il_refl_smear_plan_eval(p, c.slabs, c.nslabs, 1.0, 0.0, work, out, &err),
                     IL_OK);
    double wref = worst_rel(out, c.r, c.n);
    double wex = vs_exact(p, c.slabs, c.nslabs, c.q, c.dq, c.n, res);
    for (size_t j = 1; j + 1 < c.nslabs; j++) { /* a different model on the same plan */
        c.slabs[j].thickness_A *= 1.05;
        c.slabs[j].roughness_A *= 1.2;
    }
    double wpert = vs_exact(p, c.slabs, c.nslabs, c.q, c.dq, c.n, res);
    print_message("ORSO test%d: %zu points, %zu grid nodes (%.1f per point); vs reference %.2g "
                  "(tol 1e-5 + %.0e), vs exact %.2g (measured at build %.2g; tol %.0e), "
                  "perturbed model %.2g (tol %.0e)\n",
                  number, c.n, il_refl_smear_plan_nodes(p),
                  (double)il_refl_smear_plan_nodes(p) / (double)c.n, wref, acc, wex,
                  il_refl_smear_plan_error(p), acc, wpert, 10 * acc);
    assert_true(wref <= 1e-5 + acc);
    assert_true(wex <= acc);
    assert_true(wpert <= 10 * acc);
    free(out);
    free(work);
    il_refl_smear_plan_free(p);
    orso_case_free(&c);
}

static void orso4(void **s) { (void)s; orso(4); }
static void orso5(void **s) { (void)s; orso(5); }

/* Platypus D2O data (tests/probes/refl/data/measured, from refnx) with the model the LM fit
 * reaches (docs/reflectometry.md): full Gaussian, dQ column a FWHM. */
static void platypus(void **s)
{
    (void)s;
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/probes/refl/data/measured/c_PLP0011859_q.txt",
             IL_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = 0;
    double q[1000], r[1000], dr[1000], dq[1000];
    while (n < 1000 && fscanf(f, "%lf %lf %lf %lf", &q[n], &r[n], &dr[n], &dq[n]) == 4)
        n++;
    fclose(f);
    assert_int_equal(n, 408);
    double minrel = INFINITY;
    for (size_t i = 0; i < n; i++)
        if (r[i] > 0 && dr[i] > 0)
            minrel = fmin(minrel, dr[i] / r[i]);
    const double acc = 1e-3 * minrel;
    il_refl_slab slabs[4] = {{0, 2.07, 0, 0},
                             {39.04, 3.47, 0, 5.647},
                             {258.9, 2.421, 0, 8.328},
                             {0, 6.36, 0, 3.728}};
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.kind = IL_REFL_DQ_FWHM;
    il_refl_smear_plan *p;
    il_error err;
    assert_int_equal(il_refl_smear_plan_new(q, dq, n, &res, slabs, 4, acc, &p, &err), IL_OK);
    double wex = vs_exact(p, slabs, 4, q, dq, n, res);
    il_refl_slab pert[4] = {{0, 2.07, 0, 0},
                            {30, 3.47, 0, 3},
                            {250, 2.0, 0, 3},
                            {0, 6.36, 0, 3}}; /* the documented start of the fit */
    double wpert = vs_exact(p, pert, 4, q, dq, n, res);
    print_message("Platypus: %zu points, smallest dR/R %.3g, accuracy %.2g: %zu grid nodes; vs "
                  "exact %.2g, at the fit's start model %.2g (tol %.2g)\n",
                  n, minrel, acc, il_refl_smear_plan_nodes(p), wex, wpert, 10 * acc);
    assert_true(wex <= acc);
    assert_true(wpert <= 10 * acc);
    /* it must be cheaper than the exact path's per-point rules: fewer nodes than 17 per point */
    assert_true(il_refl_smear_plan_nodes(p) < 17 * n);
    il_refl_smear_plan_free(p);
}

static void bad_args(void **s)
{
    (void)s;
    il_refl_slab slabs[2] = {{0, 0, 0, 0}, {0, 2.07, 0, 0}};
    double q[2] = {0.01, 0.02}, dq[2] = {0.001, -1};
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    il_refl_smear_plan *p = (void *)1;
    assert_int_equal(il_refl_smear_plan_new(q, dq, 2, &res, slabs, 2, 1e-5, &p, NULL),
                     IL_ERR_INVALID);
    assert_null(p);
    dq[1] = 0.001;
    assert_int_equal(il_refl_smear_plan_new(q, dq, 2, &res, slabs, 2, 0.0, &p, NULL),
                     IL_ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orso4),
        cmocka_unit_test(orso5),
        cmocka_unit_test(platypus),
        cmocka_unit_test(bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
