/* Stacks of the project as reflectometry models: a stack with an enriched LiNbO3 layer gives the
 * hand-computed SLDs of test_scattering.c, interfaces sit at the stack's depths. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "interlayer/refl_stack.h"

static void stack_to_model(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_parse("LiNbO3 20nm density=4.65 li6=1 rough=0.5nm | Si", NULL, &s,
                                    &err),
                     IL_OK);
    il_refl_layer_model *L;
    size_t n;
    assert_int_equal(il_refl_stack_layers(s, &L, &n, &err), IL_OK);
    assert_int_equal(n, 3);
    assert_true(L[1].thickness_A == 200.0 && L[2].roughness_A == 5.0 && L[1].roughness_A == 0);
    il_refl_probe p = {IL_REFL_NEUTRON, 1.798, 0};
    double re, im;
    assert_int_equal(il_refl_layer_sld(&L[1], &p, &re, &im, &err), IL_OK);
    /* 6LiNbO3 at 4.65 g/cm³: 5.04504 (hand calculation in test_scattering.c); 2e-5 relative */
    assert_true(fabs(re - 5.04504) < 2e-5 * 5.045);
    assert_int_equal(il_refl_layer_sld(&L[2], &p, &re, &im, &err), IL_OK);
    assert_true(fabs(re - 2.07374) < 2e-5 * 2.07);
    /* profile: vacuum above, 6LiNbO3 inside, halfway at the rough Si interface (200 Å) */
    double z[3] = {-10, 100, 200}, pr[3];
    assert_int_equal(il_refl_stack_profile(s, &p, z, 3, pr, NULL, &err), IL_OK);
    assert_true(fabs(pr[0]) < 1e-12 && fabs(pr[1] - 5.04504) < 1e-4);
    assert_true(fabs(pr[2] - 0.5 * (5.04504 + 2.07374)) < 1e-4);
    free(L);
    il_stack_free(s);
}

/* A half-enriched layer reaches the model as its composition (6Li and 7Li in the place of Li),
 * and gives the SLD of the natural model layer with the 6Li fraction set to 0.5 (two routes to
 * one composition: equal to rounding, 1e-12). By hand from Sears' scattering lengths (fm: 6Li
 * 2.00, 7Li -2.22, Nb 7.054, O 5.803), AME2020 masses of 6Li/7Li and CIAAW weights of Nb, O:
 * M = 0.5·6.0151229 + 0.5·7.0160034 + 92.90637 + 3·15.999 = 147.418933 g/mol,
 * SLD = 4.65/M·0.602214076·(1.00 - 1.11 + 7.054 + 17.409)·10 = 4.6259 (1e-3: the b values). */
static void enriched_layer(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_parse("LiNbO3 20nm density=4.65 li6=0.5 | Si", NULL, &s, &err),
                     IL_OK);
    il_refl_layer_model *L;
    size_t n;
    assert_int_equal(il_refl_stack_layers(s, &L, &n, &err), IL_OK);
    const il_composition *c = &L[1].comp;
    assert_int_equal(c->n, 4);
    assert_true(c->Z[0] == 3 && c->A[0] == 6 && c->Z[1] == 3 && c->A[1] == 7);
    assert_true(fabs(c->atoms[0] - 0.5) < 1e-15 && fabs(c->atoms[1] - 0.5) < 1e-15);
    il_refl_probe p = {IL_REFL_NEUTRON, 1.798, 0};
    double re, im, re_nat, im_nat;
    assert_int_equal(il_refl_layer_sld(&L[1], &p, &re, &im, &err), IL_OK);
    double M = 0.5 * 6.0151229 + 0.5 * 7.0160034 + 92.90637 + 3 * 15.999;
    double hand = 4.65 / M * 0.602214076 * (1.00 - 1.11 + 7.054 + 3 * 5.803) * 10;
    assert_true(fabs(re - hand) < 1e-3 * hand);

    il_refl_layer_model nat = {0};
    nat.density_g_cm3 = 4.65;
    nat.li6_fraction = 0.5;
    il_formula f;
    assert_int_equal(il_formula_parse("LiNbO3", &f, NULL), IL_OK);
    assert_int_equal(il_composition_from_formula(&f, NULL, 0, &nat.comp, NULL), IL_OK);
    assert_int_equal(il_refl_layer_sld(&nat, &p, &re_nat, &im_nat, &err), IL_OK);
    assert_true(fabs(re - re_nat) < 1e-12 * fabs(re) && fabs(im - im_nat) < 1e-12 * fabs(im));
    free(L);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(stack_to_model),
                                       cmocka_unit_test(enriched_layer)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
