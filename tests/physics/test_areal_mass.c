/* il_um_to_mg_cm2 against the definition: 1 um of matter at 2.0 g/cm3 is 1e-4 cm x 2.0 g/cm3
 * = 2e-4 g/cm2 = 0.2 mg/cm2; 10 um of Si (2.329 g/cm3) is 2.329 mg/cm2 (to rounding, 1e-15
 * relative). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>

#include "interlayer/stopping.h"

static void areal_mass(void **state)
{
    (void)state;
    assert_true(fabs(il_um_to_mg_cm2(1, 2.0) / 0.2 - 1) < 1e-15);
    assert_true(fabs(il_um_to_mg_cm2(10, 2.329) / 2.329 - 1) < 1e-15);
    assert_true(il_um_to_mg_cm2(0, 5) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(areal_mass)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
