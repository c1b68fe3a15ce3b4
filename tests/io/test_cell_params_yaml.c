/* Cell parameter files (cell_io.h): a good file gives the parameters and the stack; each kind
 * of mistake gives one error at the line and column of the key or value at fault, naming it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/cell_io.h"

static const char *GOOD =
    "name: Li | Li3PO4 | Li\n"                                                              /* 1 */
    "stack: \"Li 5um name=cathode | Li3PO4 1um name=electrolyte | Li 5um name=anode | Cu\"\n" /* 2 */
    "temperature_K: 330\n"                                                                  /* 3 */
    "cathode: {layer: cathode, ocv: Li, exchange_current_A_cm2: 1e-3}\n"                    /* 4 */
    "anode:\n"                                                                              /* 5 */
    "  layer: anode\n"                                                                      /* 6 */
    "  ocv: Li\n"                                                                           /* 7 */
    "electrolyte: {layer: electrolyte, conductivity_S_cm: 1e-6, activation_eV: 0.5}\n"     /* 8 */
    "sources: {x: y}\n";                                                                    /* 9 */

static void good(void **state)
{
    (void)state;
    il_cell_params p;
    il_stack *s = NULL;
    il_error err;
    if (il_cell_params_parse(GOOD, strlen(GOOD), "good.yaml", NULL, &p, &s, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    assert_string_equal(p.name, "Li | Li3PO4 | Li");
    assert_true(p.temperature_K == 330 && p.electrolyte.conductivity_S_cm == 1e-6);
    assert_string_equal(p.anode.layer, "anode");
    assert_int_equal(il_stack_count(s), 4);
    il_stack_free(s);
}

static void bad(const char *from, const char *to, int line, int col, const char *words)
{
    char text[2048];
    const char *at = strstr(GOOD, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - GOOD), GOOD, to, at + strlen(from));
    il_cell_params p;
    il_stack *s = NULL;
    il_error err;
    assert_int_not_equal(il_cell_params_parse(text, strlen(text), "bad.yaml", NULL, &p, &s, &err),
                         IL_OK);
    assert_null(s);
    if (err.line != line || err.column != col || !strstr(err.message, words))
        fail_msg("'%s' -> '%s': %d:%d '%s', expected %d:%d naming '%s'", from, to, err.line,
                 err.column, err.message, line, col, words);
}

static void errors(void **state)
{
    (void)state;
    bad("temperature_K: 330", "temperature_K: -3", 3, 16, "'temperature_K': must be > 0");
    bad("temperature_K: 330", "temprature_K: 330", 3, 1, "did you mean 'temperature_K'");
    bad("  ocv: Li\n", "  ocv: LiFePO4\n", 7, 8, "anode.ocv: no OCV table");
    bad("  layer: anode\n", "  layer: anodes\n", 6, 10, "anode.layer: no stack layer named 'anodes'");
    bad("conductivity_S_cm: 1e-6", "conductivity_S_cm: fast", 8, 54, "'fast' is not a number");
    bad("activation_eV: 0.5", "activation_ev: 0.5", 8, 60, "did you mean 'activation_eV'");
    bad("stack: \"Li 5um", "stack: \"Lx 5um", 2, 9, "'stack': layer 1 'Lx': unknown material");
    bad("Li3PO4 1um name", "Li3PO4 1xm name", 2, 38, "'stack'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(good), cmocka_unit_test(errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
