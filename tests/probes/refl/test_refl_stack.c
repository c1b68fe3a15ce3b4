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

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(stack_to_model)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
