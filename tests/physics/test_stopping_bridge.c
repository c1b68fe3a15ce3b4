/* The stack->stopping bridge (stack_stopping.h) and the ion of a nuclide, against:
 * - the definitions of the five ions (p = 1H, d = 2H, t = 3H, h = 3He, alpha = 4He) and
 *   il_ion_get, which names them independently;
 * - il_stopping_compound, the direct Bragg-additivity evaluation that does not go through the
 *   fast tables: stopping.h promises the tables agree with it to 1e-4 relative;
 * - the definition of the Bragg correction factor: it multiplies the electronic stopping only,
 *   so electronic(1.1) = 1.1 electronic(1) to rounding (1e-12), and the nuclear part is unchanged;
 * - the stack itself: a layer's slab has the layer's atoms/cm3 and thickness, the substrate
 *   INFINITY, and its stopping equals il_formula_stopping_new of the layer's formula bit for bit
 *   (NDP mixes both for the media in front of the detector, so they must be one convention). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/interlayer.h"

static void ion_from_nuclide(void **state)
{
    (void)state;
    static const struct {
        int Z, A;
        il_ion ion;
    } known[] = {{1, 1, IL_ION_P},   {1, 2, IL_ION_D},     {1, 3, IL_ION_T},
                 {2, 3, IL_ION_HE3}, {2, 4, IL_ION_ALPHA}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        il_ion ion;
        assert_int_equal(il_ion_from_nuclide(known[i].Z, known[i].A, &ion, NULL), IL_OK);
        assert_int_equal(ion, known[i].ion);
        il_ion_info info;
        assert_int_equal(il_ion_get(ion, &info, NULL), IL_OK);
        assert_int_equal(info.Z, known[i].Z);
        assert_int_equal(info.A, known[i].A);
    }
    /* the recoils of 6Li(n,a)3H's cousins: 7Li (10B), 14C (14N) are not light ions */
    il_ion ion;
    il_error err;
    assert_int_equal(il_ion_from_nuclide(3, 7, &ion, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "Z = 3, A = 7"));
    assert_int_equal(il_ion_from_nuclide(6, 14, &ion, NULL), IL_ERR_NOT_FOUND);
}

static void formula_medium(void **state)
{
    (void)state;
    il_formula f;
    assert_int_equal(il_formula_parse("Li3PO4", &f, NULL), IL_OK);
    il_stopping *s1, *s0, *s11;
    assert_int_equal(il_formula_stopping_new(&f, 1.0, IL_ION_ALPHA, IL_STRAG_YANG, &s1, NULL),
                     IL_OK);
    assert_int_equal(il_formula_stopping_new(&f, 0.0, IL_ION_ALPHA, IL_STRAG_YANG, &s0, NULL),
                     IL_OK);
    assert_int_equal(il_formula_stopping_new(&f, 1.1, IL_ION_ALPHA, IL_STRAG_YANG, &s11, NULL),
                     IL_OK);
    int Z[] = {3, 15, 8};
    double atoms[] = {3, 1, 4};
    il_stopping_target t = {.Z = Z, .atoms = atoms, .n = 3};
    for (double E = 100; E <= 3000; E += 290) {
        il_stopping_value v;
        assert_int_equal(il_stopping_compound(IL_ION_ALPHA, &t, E, &v, NULL, NULL, NULL), IL_OK);
        assert_true(fabs(il_stopping_eval(s1, E) - v.total_eV_tfu) < 1e-4 * v.total_eV_tfu);
        assert_true(il_stopping_eval(s0, E) == il_stopping_eval(s1, E)); /* 0 means 1 */
        double e1 = il_stopping_eval_electronic(s1, E), e11 = il_stopping_eval_electronic(s11, E);
        assert_true(fabs(e11 - 1.1 * e1) < 1e-12 * e11);
        double n1 = il_stopping_eval(s1, E) - e1, n11 = il_stopping_eval(s11, E) - e11;
        assert_true(fabs(n11 - n1) < 1e-9 * il_stopping_eval(s1, E));
    }
    il_stopping_free(s1);
    il_stopping_free(s0);
    il_stopping_free(s11);
}

static void stack_layers(void **state)
{
    (void)state;
    il_stack *stack;
    assert_int_equal(il_stack_parse("Si 200nm | Li3PO4 1um factor=1.05 | Cu", NULL, &stack, NULL),
                     IL_OK);
    il_stack_stopping *ss;
    assert_int_equal(il_stack_stopping_new(stack, IL_ION_T, IL_STRAG_YANG, &ss, NULL), IL_OK);
    assert_int_equal(il_stack_stopping_count(ss), 3);
    const il_slab *sl = il_stack_stopping_layers(ss);
    for (size_t i = 0; i < 3; i++) {
        const il_layer *L = il_stack_layer(stack, i);
        assert_true(sl[i].atoms_cm3 == L->atoms_cm3);
        if (i < 2)
            assert_true(sl[i].thickness_nm == L->thickness_nm);
        il_stopping *s;
        assert_int_equal(il_formula_stopping_new(&L->formula, L->stopping_factor, IL_ION_T,
                                                 IL_STRAG_YANG, &s, NULL),
                         IL_OK);
        for (double E = 50; E < 2800; E *= 1.7) {
            assert_true(il_stopping_eval(s, E) == il_stopping_eval(sl[i].stopping, E));
            assert_true(il_stopping_straggling_rate(s, E) ==
                        il_stopping_straggling_rate(sl[i].stopping, E));
        }
        il_stopping_free(s);
    }
    assert_true(isinf(sl[2].thickness_nm));
    assert_true(fabs(sl[0].thickness_nm - 200) < 1e-9);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ion_from_nuclide),
        cmocka_unit_test(formula_medium),
        cmocka_unit_test(stack_layers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
