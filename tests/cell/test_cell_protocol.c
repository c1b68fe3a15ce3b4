/* Protocol text (cell.h): the PyBaMM-style steps, units, groups, cycles, and errors that name
 * the word at fault with its column. Values are hand conversions (exact in binary or to 1e-15
 * relative: 10 uA/cm2 = 1e-5 A/cm2, 1 hour = 3600 s, C/5 = 0.2). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell.h"

static il_cell_protocol *ok(const char *t)
{
    il_cell_protocol *p = NULL;
    il_error err;
    if (il_cell_protocol_parse(t, "p", &p, &err))
        fail_msg("%s: %s (col %d)", t, err.message, err.column);
    return p;
}

static void steps(void **state)
{
    (void)state;
    il_cell_protocol *p = ok("Charge at 10 uA/cm2 until 4.2 V; Hold at 4.2V until 1 uA/cm2\n"
                             "Rest for 1 hour; Discharge at C/5 until 3.0 V");
    assert_int_equal(il_cell_protocol_count(p), 4);
    const il_cell_step *s = il_cell_protocol_step(p, 0);
    assert_int_equal(s->kind, IL_CELL_STEP_CURRENT);
    assert_true(fabs(s->current_A_cm2 - 1e-5) < 1e-20 && s->until_voltage_V == 4.2);
    s = il_cell_protocol_step(p, 1);
    assert_int_equal(s->kind, IL_CELL_STEP_VOLTAGE);
    assert_true(s->voltage_V == 4.2 && fabs(s->until_current_A_cm2 - 1e-6) < 1e-21);
    s = il_cell_protocol_step(p, 2);
    assert_true(s->kind == IL_CELL_STEP_REST && s->duration_s == 3600);
    s = il_cell_protocol_step(p, 3);
    assert_true(fabs(s->c_rate + 0.2) < 1e-15 && s->until_voltage_V == 3.0);
    il_cell_protocol_free(p);

    p = ok("Discharge at 2C for 10 min");
    il_cell_protocol_free(p);
}

static void groups_and_cycles(void **state)
{
    (void)state;
    il_cell_protocol *p = ok("Rest for 30 s; 3 x (Charge at 2C until 4.2 V or for 2 h; "
                             "Discharge at 1 mA until 3 V)");
    assert_int_equal(il_cell_protocol_count(p), 7);
    assert_true(il_cell_protocol_step(p, 1)->c_rate == 2 &&
                il_cell_protocol_step(p, 1)->duration_s == 7200);
    assert_true(fabs(il_cell_protocol_step(p, 2)->current_A + 1e-3) < 1e-18);
    int cycles = 0;
    for (size_t i = 0; i < il_cell_protocol_count(p); i++)
        cycles += il_cell_protocol_step(p, i)->starts_cycle;
    assert_int_equal(cycles, 3); /* the first step, then each charge after a discharge */
    il_cell_protocol_free(p);
}

/* A repeated group copies its own steps while the step array grows (16 -> 32 -> 64 here): every
 * copy must equal its original (found by fuzzing: the copy read from the freed array). */
static void repeat_grows_the_array(void **state)
{
    (void)state;
    il_cell_protocol *p = ok("30 x (Charge at 1C for 1 min; Discharge at 2C for 2 min)");
    assert_int_equal(il_cell_protocol_count(p), 60);
    for (size_t i = 0; i < 60; i++) {
        const il_cell_step *s = il_cell_protocol_step(p, i);
        assert_true(s->c_rate == (i % 2 ? -2 : 1)); /* discharge is negative */
        assert_true(s->duration_s == (i % 2 ? 120 : 60));
    }
    il_cell_protocol_free(p);
}

static void error_at(const char *t, int col, const char *word)
{
    il_cell_protocol *p = NULL;
    il_error err;
    assert_int_not_equal(il_cell_protocol_parse(t, "p", &p, &err), IL_OK);
    assert_null(p);
    if (err.column != col || !strstr(err.message, word))
        fail_msg("'%s': column %d '%s', expected column %d naming '%s'", t, err.column,
                 err.message, col, word);
}

static void errors(void **state)
{
    (void)state;
    error_at("Charge at 10 uA/cm2 untill 4.2 V", 21, "untill");
    error_at("Charge at 10 uF/cm2 until 4.2 V", 14, "uF/cm2");
    error_at("Rest for 1 hour; Dance for 2 min", 18, "Dance");
    error_at("Hold at 4.2 A until 1 uA/cm2", 9, "4.2");
    error_at("Rest", 1, "Rest");
    error_at("2 x (Rest for 1 s", 5, "(");
    error_at("Charge at C/0 until 4 V", 11, "C/0");
    error_at("Charge at 10 uA/cm2 until 1 uA/cm2", 27, "1");
    error_at("", 1, "empty");
}

static void replay(void **state)
{
    (void)state;
    const double t[] = {0, 10, 20, 30}, i[] = {1e-5, 1e-5, -2e-5, -2e-5};
    il_cell_protocol *p = NULL;
    il_error err;
    assert_int_equal(il_cell_protocol_from_current(t, i, 4, 2.0, &p, &err), IL_OK);
    assert_int_equal(il_cell_protocol_count(p), 3);
    assert_true(fabs(il_cell_protocol_step(p, 0)->current_A_cm2 - 5e-6) < 1e-20);
    assert_true(fabs(il_cell_protocol_step(p, 1)->current_A_cm2 + 2.5e-6) < 1e-20);
    assert_true(il_cell_protocol_step(p, 2)->duration_s == 10);
    il_cell_protocol_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steps),
        cmocka_unit_test(groups_and_cycles),
        cmocka_unit_test(repeat_grows_the_array),
        cmocka_unit_test(errors),
        cmocka_unit_test(replay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
