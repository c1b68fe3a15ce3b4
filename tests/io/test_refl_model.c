/* Sample models from text: the ORSO simple model language and YAML model files. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/refl_model.h"

/* LiNbO3 from the database resolves to a composition; li6 and numbers land where they should;
 * its neutron SLD equals the hand value of test_scattering.c (4.27479 at 4.65 g/cm³, natural
 * Li). */
static void inline_basic(void **state)
{
    (void)state;
    il_refl_layer_model *L;
    size_t n;
    il_error err;
    assert_int_equal(il_refl_model_parse("air | LiNbO3 200 5 density=4.65 | Si 0 3", NULL, &L, &n,
                                         &err),
                     IL_OK);
    assert_int_equal(n, 3);
    assert_string_equal(L[1].name, "LiNbO3");
    assert_true(L[1].thickness_A == 200 && L[1].roughness_A == 5 && L[1].comp.n == 3);
    assert_true(L[2].roughness_A == 3 && L[0].sld_re_1e6 == 0 && L[0].comp.n == 0);
    il_refl_probe p = {IL_REFL_NEUTRON, 1.798, 0};
    double re, im;
    assert_int_equal(il_refl_layer_sld(&L[1], &p, &re, &im, &err), IL_OK);
    assert_true(fabs(re - 4.27479) < 2e-5 * 4.27);
    free(L);
}

static void inline_groups(void **state)
{
    (void)state;
    il_refl_layer_model *L;
    size_t n;
    il_error err;
    assert_int_equal(il_refl_model_parse("air | (film 100 3 sld=5 | Si 50 2 sld=2.07) x 5 | "
                                         "Si sld=2.07",
                                         "m", &L, &n, &err),
                     IL_OK);
    assert_int_equal(n, 12);
    assert_true(L[1].sld_re_1e6 == 5 && L[2].sld_re_1e6 == 2.07 && L[9].sld_re_1e6 == 5);
    free(L);
}

static void inline_errors(void **state)
{
    (void)state;
    il_refl_layer_model *L = NULL;
    size_t n;
    il_error err;
    assert_int_not_equal(il_refl_model_parse("air | LiNbO3 2x0 | Si", "m", &L, &n, &err), IL_OK);
    assert_int_equal(err.column, 14);
    assert_non_null(strstr(err.message, "2x0"));
    assert_int_not_equal(il_refl_model_parse("air | LiCoO3 20 | Si", "m", &L, &n, &err), IL_OK);
    assert_true(err.column >= 7);
    assert_int_not_equal(il_refl_model_parse("air | film 20 li6=2 | Si", "m", &L, &n, &err),
                         IL_OK);
    assert_int_not_equal(il_refl_model_parse("air | (a 1 sld=1 | Si", "m", &L, &n, &err), IL_OK);
    assert_int_not_equal(il_refl_model_parse("air", "m", &L, &n, &err), IL_OK);
    assert_null(L);
}

static const char *yaml_model =
    "probe: neutron\n"
    "wavelength: 1.798\n"
    "layers:\n"
    "  - {name: air, sld: 0}\n"
    "  - {name: film, material: LiNbO3, density: 4.65, li6: {value: 0.5, min: 0, max: 1},\n"
    "     thickness: {value: 200, min: 150, max: 250}, roughness: 5}\n"
    "  - {name: Si, sld: 2.07, roughness: 3}\n"
    "background: {value: 1e-7, min: 0, max: 1e-5}\n"
    "datasets:\n"
    "  - {file: a.dat}\n"
    "  - {file: b.dat, fronting: {sld: 6.36}, background: {value: 2e-7, min: 0, max: 1e-5}}\n";

/* Parameters: film.li6 and film.thickness shared; background of the base model for dataset a,
 * an own background for dataset b. */
static void yaml_params(void **state)
{
    (void)state;
    il_refl_model *m;
    il_error err;
    assert_int_equal(il_refl_model_parse_yaml(yaml_model, strlen(yaml_model), "m.yaml", &m, &err),
                     IL_OK);
    assert_int_equal(m->nlayers, 3);
    assert_int_equal(m->nparams, 4);
    assert_string_equal(m->params[0].name, "film.li6");
    assert_string_equal(m->params[3].name, "background.1");
    assert_int_equal(m->nsets, 2);
    assert_true(m->sets[1].layers[0].sld_re_1e6 == 6.36);
    assert_string_equal(m->sets[1].file, "b.dat");
    double q[3] = {0.01, 0.02, 0.05}, r[3] = {1, 0.1, 0.001}, dr[3] = {0.1, 0.01, 0.0001};
    il_refl_dataset d = {.name = "x", .n = 3, .q_invA = q, .r = r, .dr = dr};
    const il_refl_dataset *dd[2] = {&d, &d};
    il_refl_fit *f;
    assert_int_equal(il_refl_model_make_fit(m, dd, 2, &f, &err), IL_OK);
    assert_int_equal(il_refl_fit_nparams(f), 4);
    double chi2;
    assert_int_equal(il_refl_fit_chi2(f, NULL, &chi2, &err), IL_OK);
    assert_true(isfinite(chi2));
    il_refl_fit_free(f);
    il_refl_model_free(m);
}

static void yaml_errors(void **state)
{
    (void)state;
    il_refl_model *m;
    il_error err;
    const char *t1 = "layers: \"air | film 20 sld=x | Si\"\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t1, strlen(t1), "m.yaml", &m, &err), IL_OK);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "'x'"));
    const char *t2 = "layers: \"air | Si\"\nbackground: {value: 1, min: 2, max: 3}\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t2, strlen(t2), "m.yaml", &m, &err), IL_OK);
    assert_int_equal(err.line, 2);
    const char *t3 = "layers: \"air | Si\"\nprobe: muon\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t3, strlen(t3), "m.yaml", &m, &err), IL_OK);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "muon"));
    const char *t4 = "layers: [\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t4, strlen(t4), "m.yaml", &m, &err), IL_OK);
    assert_non_null(strstr(err.message, "malformed YAML"));
}

/* Values the command line refuses are refused in a model too, naming the key and its place
 * (issue 12, section 7: these used to be accepted and fitted). */
static void yaml_hostile(void **state)
{
    (void)state;
    il_refl_model *m;
    il_error err;
    const char *t1 = "layers:\n  - {name: air, sld: 0}\n  - {name: f, sld: 1, thickness: -390}\n"
                     "  - {name: Si, sld: 2.07}\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t1, strlen(t1), "m.yaml", &m, &err), IL_OK);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "'thickness' -390"));
    const char *t2 = "layers: \"air | Si\"\nbackground: -1\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t2, strlen(t2), "m.yaml", &m, &err), IL_OK);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "background >= 0"));
    const char *t3 = "layers:\n  - {name: air, sld: 0}\n  - {name: f, sld: 1, thickness: 10}\n"
                     "  - {name: f, sld: 2, thickness: 20}\n  - {name: Si, sld: 2.07}\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t3, strlen(t3), "m.yaml", &m, &err), IL_OK);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.message, "two layers named 'f'"));
    const char *t4 = "layers: \"air | f 0x10 sld=1 | Si\"\n";
    assert_int_not_equal(il_refl_model_parse_yaml(t4, strlen(t4), "m.yaml", &m, &err), IL_OK);
    assert_non_null(strstr(err.message, "0x10"));
}

/* A middle layer without a thickness used to become 0 Å without a word. */
static void inline_missing_thickness(void **state)
{
    (void)state;
    il_refl_layer_model *L = NULL;
    size_t n;
    il_error err;
    assert_int_not_equal(il_refl_model_parse("air | film sld=1 | Si", "m", &L, &n, &err), IL_OK);
    assert_non_null(strstr(err.message, "layer 2 ('film') has no thickness"));
    assert_null(L);
    /* the two media may omit it */
    assert_int_equal(il_refl_model_parse("air | film 20 sld=1 | Si", "m", &L, &n, &err), IL_OK);
    assert_true(L[2].thickness_A == 0 && L[1].thickness_A == 20);
    free(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inline_basic), cmocka_unit_test(inline_groups),
        cmocka_unit_test(inline_errors), cmocka_unit_test(yaml_params),
        cmocka_unit_test(yaml_errors), cmocka_unit_test(yaml_hostile),
        cmocka_unit_test(inline_missing_thickness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
