/* Fitting: recovery of known parameters from simulated data with realistic noise (the fitted
 * values must fall within their stated uncertainties of the truth in most seeds), co-refinement
 * of two contrasts sharing parameters, differential evolution from a poor start, and MCMC
 * against the LM covariance. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/refl_fit.h"
#include "interlayer/refl_model.h"

/* air | film 250 Å SLD 2.0 σ 4 | SiO2 15 Å 3.47 σ 3 | Si 2.07 σ 3 */
static void model(il_refl_layer_model L[4])
{
    memset(L, 0, 4 * sizeof *L);
    snprintf(L[0].name, sizeof L[0].name, "air");
    snprintf(L[1].name, sizeof L[1].name, "film");
    L[1].thickness_A = 250, L[1].sld_re_1e6 = 2.0, L[1].roughness_A = 4;
    snprintf(L[2].name, sizeof L[2].name, "SiO2");
    L[2].thickness_A = 15, L[2].sld_re_1e6 = 3.47, L[2].roughness_A = 3;
    snprintf(L[3].name, sizeof L[3].name, "Si");
    L[3].sld_re_1e6 = 2.07, L[3].roughness_A = 3;
    for (int j = 0; j < 4; j++)
        L[j].li6_fraction = -1;
}

/* Simulated measurement: dR = 3 % of R plus a 2e-7 floor (counting statistics of a typical
 * neutron reflectometer with background), Gaussian noise of that size, dQ/Q = 3 % (1σ). */
static il_refl_dataset simulate(const il_refl_slab *s, size_t ns, double bg, gsl_rng *rng,
                                size_t n, int smear)
{
    il_refl_dataset d = {.n = n};
    snprintf(d.name, sizeof d.name, "sim");
    d.q_invA = malloc(n * sizeof(double));
    d.r = malloc(n * sizeof(double));
    d.dr = malloc(n * sizeof(double));
    d.dq = smear ? malloc(n * sizeof(double)) : NULL;
    for (size_t i = 0; i < n; i++) {
        d.q_invA[i] = 0.008 * pow(0.25 / 0.008, (double)i / (double)(n - 1));
        if (smear)
            d.dq[i] = 0.03 * d.q_invA[i];
    }
    il_refl_resolution res;
    il_refl_resolution_init(&res);
    res.tol = 1e-7;
    if (smear)
        il_refl_smeared(s, ns, d.q_invA, d.dq, n, &res, 1.0, bg, d.r, NULL, NULL);
    else
        il_refl_reflectivity(s, ns, d.q_invA, n, 1.0, bg, d.r, NULL);
    for (size_t i = 0; i < n; i++) {
        d.dr[i] = 0.03 * d.r[i] + 2e-7;
        d.r[i] += gsl_ran_gaussian(rng, d.dr[i]);
    }
    return d;
}

static void free_data(il_refl_dataset *d)
{
    free(d->q_invA);
    free(d->r);
    free(d->dr);
    free(d->dq);
}

static const il_refl_slab truth_slabs[] = {
    {0, 0, 0, 0}, {250, 2.0, 0, 4}, {15, 3.47, 0, 3}, {0, 2.07, 0, 3}};

/* Eight seeds, five parameters each: |fit - truth| <= 2σ in at least 80 % of the 40 cases
 * (a Gaussian estimator would give 95 %; the margin allows for the mild non-linearity). */
static void recovery_lm(void **state)
{
    (void)state;
    const double truth[5] = {250, 2.0, 4, 3, 2e-7};
    int inside = 0, total = 0;
    for (unsigned long seed = 1; seed <= 8; seed++) {
        gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(rng, seed);
        il_refl_dataset d = simulate(truth_slabs, 4, 2e-7, rng, 100, 1);
        il_refl_layer_model L[4];
        model(L);
        L[1].thickness_A = 230, L[1].sld_re_1e6 = 1.8, L[1].roughness_A = 6, L[3].roughness_A = 5;
        il_refl_fit *f;
        assert_int_equal(il_refl_fit_new(&f, NULL), IL_OK);
        il_error err;
        int p[5];
        assert_int_equal(il_refl_fit_add_dataset(f, &d, L, 4, NULL, 1.0, 0.0, NULL, NULL, &err),
                         IL_OK);
        il_refl_fit_add_param(f, "film.thickness", 230, 150, 350, &p[0], &err);
        il_refl_fit_add_param(f, "film.sld", 1.8, 0, 4, &p[1], &err);
        il_refl_fit_add_param(f, "film.rough", 6, 0, 15, &p[2], &err);
        il_refl_fit_add_param(f, "Si.rough", 5, 0, 15, &p[3], &err);
        il_refl_fit_add_param(f, "background", 1e-7, 0, 1e-5, &p[4], &err);
        il_refl_fit_bind(f, p[0], -1, 1, IL_REFL_P_THICKNESS, &err);
        il_refl_fit_bind(f, p[1], -1, 1, IL_REFL_P_SLD_RE, &err);
        il_refl_fit_bind(f, p[2], -1, 1, IL_REFL_P_ROUGHNESS, &err);
        il_refl_fit_bind(f, p[3], -1, 3, IL_REFL_P_ROUGHNESS, &err);
        il_refl_fit_bind(f, p[4], -1, 0, IL_REFL_P_BACKGROUND, &err);
        il_refl_fit_result r;
        il_refl_fit_opts o;
        il_refl_fit_opts_init(&o);
        assert_int_equal(il_refl_fit_run(f, &o, &r, &err), IL_OK);
        int here = 0;
        double ct, cf;
        il_refl_fit_chi2(f, truth, &ct, NULL);
        il_refl_fit_chi2(f, r.value, &cf, NULL);
        /* the fit must not be worse than the truth: LM reached the minimum */
        assert_true(cf <= ct * (1 + 1e-9));
        for (int k = 0; k < 5; k++) {
            here += fabs(r.value[k] - truth[k]) <= 2.0 * r.sigma[k];
            total++;
        }
        inside += here;
        print_message("seed %lu: d = %.2f ± %.2f, sld = %.4f ± %.4f, χ²_red %.3f, χ²(truth) - "
                      "χ²(fit) = %.1f, %d/5 within 2σ, quadrature error %.1e\n",
                      seed, r.value[0], r.sigma[0], r.value[1], r.sigma[1], r.chi2_red, ct - cf,
                      here, r.quad_err);
        assert_true(r.quad_err < 1e-3);
        assert_true(r.chi2_red < 2.0);
        il_refl_fit_result_free(&r);
        il_refl_fit_free(f);
        free_data(&d);
        gsl_rng_free(rng);
    }
    print_message("%d of %d fitted values within 2σ of the truth\n", inside, total);
    assert_true(inside >= (int)(0.80 * total));
}

/* Two contrasts of one sample: a LiNbO3 film (composition, 6Li fraction unknown) on Si measured
 * against air and against D2O. Thickness and 6Li fraction are shared, backgrounds are per
 * dataset. Truth: 6Li fraction 0.5, 400 Å. Within 3σ. */
static void corefine_li6(void **state)
{
    (void)state;
    il_refl_layer_model L[3];
    memset(L, 0, sizeof L);
    snprintf(L[0].name, sizeof L[0].name, "air");
    snprintf(L[1].name, sizeof L[1].name, "LiNbO3");
    L[1].comp.n = 3;
    L[1].comp.Z[0] = 3, L[1].comp.Z[1] = 41, L[1].comp.Z[2] = 8;
    L[1].comp.atoms[0] = 1, L[1].comp.atoms[1] = 1, L[1].comp.atoms[2] = 3;
    L[1].density_g_cm3 = 4.65, L[1].thickness_A = 400, L[1].roughness_A = 5;
    L[1].li6_fraction = 0.5;
    snprintf(L[2].name, sizeof L[2].name, "Si");
    L[2].sld_re_1e6 = 2.07, L[2].roughness_A = 3;
    L[0].li6_fraction = L[2].li6_fraction = -1;
    il_refl_layer_model L2[3];
    memcpy(L2, L, sizeof L);
    L2[0].sld_re_1e6 = 6.36; /* measured through D2O */
    il_refl_probe pr = {IL_REFL_NEUTRON, 1.798, 0};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 42);
    il_refl_slab s1[3], s2[3];
    for (int j = 0; j < 3; j++) {
        double re, im;
        il_refl_layer_sld(&L[j], &pr, &re, &im, NULL);
        s1[j] = (il_refl_slab){L[j].thickness_A, re, im, L[j].roughness_A};
        il_refl_layer_sld(&L2[j], &pr, &re, &im, NULL);
        s2[j] = (il_refl_slab){L2[j].thickness_A, re, im, L2[j].roughness_A};
    }
    il_refl_dataset d1 = simulate(s1, 3, 1e-7, rng, 120, 0);
    il_refl_dataset d2 = simulate(s2, 3, 3e-7, rng, 120, 0);
    L[1].li6_fraction = L2[1].li6_fraction = 0.2;
    L[1].thickness_A = L2[1].thickness_A = 380;
    il_refl_fit *f;
    assert_int_equal(il_refl_fit_new(&f, NULL), IL_OK);
    il_error err;
    int a, b, p[4];
    il_refl_fit_add_dataset(f, &d1, L, 3, &pr, 1, 0, NULL, &a, &err);
    il_refl_fit_add_dataset(f, &d2, L2, 3, &pr, 1, 0, NULL, &b, &err);
    il_refl_fit_add_param(f, "li6", 0.2, 0, 1, &p[0], &err);
    il_refl_fit_add_param(f, "thickness", 380, 300, 500, &p[1], &err);
    il_refl_fit_add_param(f, "bg1", 1e-7, 0, 1e-5, &p[2], &err);
    il_refl_fit_add_param(f, "bg2", 1e-7, 0, 1e-5, &p[3], &err);
    assert_int_equal(il_refl_fit_bind(f, p[0], -1, 1, IL_REFL_P_LI6, &err), IL_OK);
    il_refl_fit_bind(f, p[1], -1, 1, IL_REFL_P_THICKNESS, &err);
    il_refl_fit_bind(f, p[2], a, 0, IL_REFL_P_BACKGROUND, &err);
    il_refl_fit_bind(f, p[3], b, 0, IL_REFL_P_BACKGROUND, &err);
    il_refl_fit_result r;
    assert_int_equal(il_refl_fit_run(f, NULL, &r, &err), IL_OK);
    print_message("co-refinement: 6Li = %.4f ± %.4f, d = %.2f ± %.2f, corr %.2f, χ²_red %.2f\n",
                  r.value[0], r.sigma[0], r.value[1], r.sigma[1], r.corr[1], r.chi2_red);
    assert_true(fabs(r.value[0] - 0.5) <= 3 * r.sigma[0]);
    assert_true(fabs(r.value[1] - 400) <= 3 * r.sigma[1]);
    assert_true(fabs(r.corr[0 * 4 + 1] - r.corr[1 * 4 + 0]) < 1e-12);
    il_refl_fit_result_free(&r);
    il_refl_fit_free(f);
    free_data(&d1);
    free_data(&d2);
    gsl_rng_free(rng);
}

static il_refl_fit *simple_problem(il_refl_dataset *d, double t0, double s0)
{
    il_refl_layer_model L[4];
    model(L);
    il_refl_fit *f;
    assert_int_equal(il_refl_fit_new(&f, NULL), IL_OK);
    il_refl_fit_add_dataset(f, d, L, 4, NULL, 1.0, 2e-7, NULL, NULL, NULL);
    int p0, p1;
    il_refl_fit_add_param(f, "thickness", t0, 100, 400, &p0, NULL);
    il_refl_fit_add_param(f, "sld", s0, 0, 5, &p1, NULL);
    il_refl_fit_bind(f, p0, -1, 1, IL_REFL_P_THICKNESS, NULL);
    il_refl_fit_bind(f, p1, -1, 1, IL_REFL_P_SLD_RE, NULL);
    return f;
}

/* From a start in the wrong fringe LM alone can stall in a local minimum; DE searches the whole
 * box. Pass: χ²_red < 1.5 and thickness within 3σ of the truth. */
static void de_global(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    il_refl_dataset d = simulate(truth_slabs, 4, 2e-7, rng, 150, 0);
    il_refl_fit *f = simple_problem(&d, 130, 4.5);
    il_refl_fit_opts o;
    il_refl_fit_opts_init(&o);
    o.engine = IL_REFL_FIT_DE;
    o.max_iter = 150;
    il_refl_fit_result r;
    il_error err;
    assert_int_equal(il_refl_fit_run(f, &o, &r, &err), IL_OK);
    print_message("DE: d = %.2f ± %.2f, sld %.4f, χ²_red %.3f after %d generations\n",
                  r.value[0], r.sigma[0], r.value[1], r.chi2_red, r.iterations);
    assert_true(r.chi2_red < 1.5);
    assert_true(fabs(r.value[0] - 250) <= 3 * r.sigma[0]);
    il_refl_fit_result_free(&r);
    il_refl_fit_free(f);
    free_data(&d);
    gsl_rng_free(rng);
}

/* MCMC on a well-determined two-parameter problem: the posterior is close to Gaussian, so its
 * 1σ widths agree with the LM covariance (within 25 %: sampling noise of ~1000 effective samples
 * is ~3 %, the rest is non-Gaussianity), the acceptance fraction is healthy (0.2-0.8) and the
 * chain is much longer than the autocorrelation time. */
static void mcmc_matches_covariance(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 3);
    il_refl_dataset d = simulate(truth_slabs, 4, 2e-7, rng, 100, 0);
    il_refl_fit *f = simple_problem(&d, 245, 2.1);
    il_refl_fit_result lm, mc;
    il_error err;
    assert_int_equal(il_refl_fit_run(f, NULL, &lm, &err), IL_OK);
    il_refl_fit_opts o;
    il_refl_fit_opts_init(&o);
    o.engine = IL_REFL_FIT_MCMC;
    o.mcmc_steps = 1500;
    o.seed = 11;
    assert_int_equal(il_refl_fit_run(f, &o, &mc, &err), IL_OK);
    print_message("MCMC: d = %.3f ± %.3f (LM %.3f ± %.3f), sld ± %.5f (LM %.5f), acceptance "
                  "%.2f, τ = %.1f, %.1f steps, corr %.3f (LM %.3f)\n",
                  mc.value[0], mc.sigma[0], lm.value[0], lm.sigma[0], mc.sigma[1], lm.sigma[1],
                  mc.acceptance, mc.tau[0], mc.tau[1], mc.corr[1], lm.corr[1]);
    for (int k = 0; k < 2; k++) {
        assert_true(fabs(mc.sigma[k] / lm.sigma[k] - 1.0) < 0.25);
        assert_true(fabs(mc.value[k] - lm.value[k]) < 0.5 * lm.sigma[k]);
        assert_true(mc.tau[k] > 0 && 50 * mc.tau[k] < 1500);
    }
    assert_true(mc.acceptance > 0.2 && mc.acceptance < 0.8);
    assert_true(mc.converged);
    assert_true(fabs(mc.corr[1] - lm.corr[1]) < 0.1);
    assert_int_equal(mc.nsamples, 1500 * 32);
    il_refl_fit_result_free(&lm);
    il_refl_fit_result_free(&mc);
    il_refl_fit_free(f);
    free_data(&d);
    gsl_rng_free(rng);
}

/* Neutrons and X-rays on one sample: a LiNbO3 film (composition) on Si, thickness and density
 * shared, each dataset with its own probe (YAML model). Simulated with the true values (300 Å,
 * 4.50 g/cm³); both recovered within 3σ, and the X-ray data (high contrast, Cu Kα) dominate. */
static void neutron_xray_corefine(void **state)
{
    (void)state;
    const char *yaml =
        "layers:\n"
        "  - {name: air, sld: 0}\n"
        "  - {name: film, material: LiNbO3, density: {value: 4.3, min: 3.5, max: 5},\n"
        "     thickness: {value: 290, min: 250, max: 350}, roughness: 4}\n"
        "  - {name: Si, material: Si, roughness: 3}\n"
        "datasets:\n"
        "  - {probe: neutron, wavelength: 1.798}\n"
        "  - {probe: xray, energy: CuKa, background: 1e-8}\n";
    il_refl_model *m;
    il_error err;
    assert_int_equal(il_refl_model_parse_yaml(yaml, strlen(yaml), "nx.yaml", &m, &err), IL_OK);
    assert_int_equal(m->sets[1].probe.probe, IL_REFL_XRAY);
    il_refl_dataset d[2];
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 99);
    for (int k = 0; k < 2; k++) {
        il_refl_slab s[3];
        for (int j = 0; j < 3; j++) {
            il_refl_layer_model L = m->sets[k].layers[j];
            if (j == 1)
                L.thickness_A = 300, L.density_g_cm3 = 4.50;
            double re, im;
            assert_int_equal(il_refl_layer_sld(&L, &m->sets[k].probe, &re, &im, &err), IL_OK);
            s[j] = (il_refl_slab){L.thickness_A, re, im, L.roughness_A};
        }
        d[k] = simulate(s, 3, k ? 1e-8 : 2e-7, rng, 120, 0);
    }
    const il_refl_dataset *dd[2] = {&d[0], &d[1]};
    il_refl_fit *f;
    assert_int_equal(il_refl_model_make_fit(m, dd, 2, &f, &err), IL_OK);
    il_refl_fit_result r;
    assert_int_equal(il_refl_fit_run(f, NULL, &r, &err), IL_OK);
    print_message("neutron + X-ray: density %.4f ± %.4f, thickness %.3f ± %.3f, χ²_red %.2f\n",
                  r.value[0], r.sigma[0], r.value[1], r.sigma[1], r.chi2_red);
    assert_true(fabs(r.value[0] - 4.50) <= 3 * r.sigma[0]);
    assert_true(fabs(r.value[1] - 300) <= 3 * r.sigma[1]);
    il_refl_fit_result_free(&r);
    il_refl_fit_free(f);
    il_refl_model_free(m);
    free_data(&d[0]);
    free_data(&d[1]);
    gsl_rng_free(rng);
}

/* DE and MCMC draw their random numbers serially and only evaluate in parallel, so 1 and 2
 * threads give the same numbers, bit for bit (reproducible fits whatever the machine). */
static void thread_count_independent(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 5);
    il_refl_dataset d = simulate(truth_slabs, 4, 2e-7, rng, 80, 0);
    for (int engine = 0; engine < 2; engine++) {
        double v[2][2];
        for (int t = 0; t < 2; t++) {
            il_refl_fit *f = simple_problem(&d, 240, 2.2);
            il_refl_fit_opts o;
            il_refl_fit_opts_init(&o);
            o.engine = engine ? IL_REFL_FIT_MCMC : IL_REFL_FIT_DE;
            o.max_iter = engine ? 0 : 40;
            o.mcmc_steps = 200;
            o.nthreads = t + 1;
            il_refl_fit_result r;
            assert_int_equal(il_refl_fit_run(f, &o, &r, NULL), IL_OK);
            v[t][0] = r.value[0];
            v[t][1] = r.sigma[0];
            il_refl_fit_result_free(&r);
            il_refl_fit_free(f);
        }
        assert_true(v[0][0] == v[1][0] && v[0][1] == v[1][1]);
    }
    free_data(&d);
    gsl_rng_free(rng);
}

static void bad_setup(void **state)
{
    (void)state;
    il_refl_fit *f;
    assert_int_equal(il_refl_fit_new(&f, NULL), IL_OK);
    il_error err;
    int p;
    assert_int_equal(il_refl_fit_add_param(f, "x", 5, 1, 0, &p, &err), IL_ERR_INVALID);
    assert_int_equal(il_refl_fit_add_param(f, "x", 5, 0, 1, &p, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "outside"));
    il_refl_fit_result r;
    assert_int_equal(il_refl_fit_run(f, NULL, &r, &err), IL_ERR_INVALID);
    il_refl_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(recovery_lm), cmocka_unit_test(corefine_li6),
        cmocka_unit_test(de_global), cmocka_unit_test(mcmc_matches_covariance),
        cmocka_unit_test(neutron_xray_corefine), cmocka_unit_test(thread_count_independent),
        cmocka_unit_test(bad_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
