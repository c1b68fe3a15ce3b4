/* Instrument YAML and cycler CSV readers: values land in the right fields with their units
 * converted (definitions: 1 mm = 1e6 nm), and every bad input gives file:line:column. The
 * charge integral is checked against the analytic integral of a piecewise-linear current
 * (trapezoid is exact there), and the uAh conversion against 1 uAh = 3.6e-3 C. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "interlayer/ndp.h"
#include "interlayer/ndp_io.h"
#include "interlayer/ndp_series.h"

static void instrument_yaml(void **state)
{
    (void)state;
    const char *y = "beam:\n"
                    "  fluence_rate_n_cm2_s: 2.5e9\n"
                    "  live_time_s: 600\n"
                    "geometry:\n"
                    "  distance: 45 mm\n"
                    "  area_mm2: 100\n"
                    "  angle_deg: 10\n"
                    "detector:\n"
                    "  channels: 2048\n"
                    "  gain_keV: 1.5\n"
                    "  offset: 4 keV\n"
                    "  fwhm: 18keV\n"
                    "  dead_layer: 50 nm\n"
                    "gas:\n"
                    "  material: He\n"
                    "  pressure_mbar: 5\n"
                    "foil:\n"
                    "  material: Mylar\n"
                    "  thickness: 0.5 um\n";
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_error err;
    assert_int_equal(il_ndp_instrument_parse(y, strlen(y), "i.yaml", &ins, &err), IL_OK);
    assert_true(ins.fluence_rate_n_cm2_s == 2.5e9);
    assert_true(ins.live_time_s == 600);
    assert_true(fabs(ins.distance_mm - 45) < 1e-12);
    assert_int_equal(ins.channels, 2048);
    assert_true(ins.offset_keV == 4 && ins.fwhm_keV == 18 && ins.dead_layer_nm == 50);
    assert_string_equal(ins.gas, "He");
    assert_true(ins.gas_pressure_mbar == 5);
    assert_string_equal(ins.foil, "Mylar");
    assert_true(ins.foil_nm == 500);
}

static void instrument_errors(void **state)
{
    (void)state;
    il_ndp_instrument ins;
    il_error err;
    il_ndp_instrument_default(&ins);
    const char *a = "detector:\n  chanels: 1024\n";
    assert_int_equal(il_ndp_instrument_parse(a, strlen(a), "a.yaml", &ins, &err), IL_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_non_null(strstr(err.message, "did you mean 'channels'"));
    const char *b = "fwhm: 20 furlongs\n";
    assert_int_equal(il_ndp_instrument_parse(b, strlen(b), "b.yaml", &ins, &err), IL_ERR_PARSE);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 7);
    const char *c = "beam: {live_time_s: [1, 2}\n";
    assert_int_equal(il_ndp_instrument_parse(c, strlen(c), "c.yaml", &ins, &err), IL_ERR_PARSE);
    /* libfyaml notices the unclosed flow sequence at the "}" on line 1. */
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 26);
    assert_string_equal(err.file, "c.yaml");
    const char *d = "live_time_s: -5\n";
    il_ndp_instrument_default(&ins);
    assert_int_equal(il_ndp_instrument_parse(d, strlen(d), "d.yaml", &ins, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "live_time_s"));
    assert_int_equal(il_ndp_instrument_load("/nonexistent/x.yaml", &ins, &err), IL_ERR_NOT_FOUND);
}

static void cycler(void **state)
{
    (void)state;
    /* 1 mA for 3600 s, then a ramp from 1 mA to 0 over 1800 s: 3.6 C + 0.9 C. */
    const char *t = "Cycle Index,Test Time / s,Current / A,Voltage / V\n"
                    "1,0,0.001,3.9\n"
                    "1,3600,0.001,4.1\n"
                    "1,5400,0,4.2\n";
    il_ndp_cycler *c;
    il_error err;
    assert_int_equal(il_ndp_cycler_parse(t, strlen(t), "c.csv", &c, &err), IL_OK);
    assert_int_equal(c->n, 3);
    assert_true(fabs(il_ndp_cycler_charge_C(c, 0, 5400) - 4.5) < 1e-12);
    assert_true(fabs(il_ndp_cycler_charge_C(c, 1800, 4500) - (1.8 + 0.9 - 0.225)) < 1e-12);
    assert_true(fabs(il_ndp_cycler_voltage_V(c, 1800) - 4.0) < 1e-12);
    il_ndp_cycler_free(c);
    const char *bad = "Test Time / s;Voltage / V;Current / A\n0;3.9;0.001\n10;4.x;0.001\n";
    assert_int_equal(il_ndp_cycler_parse(bad, strlen(bad), "b.csv", &c, &err), IL_ERR_PARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 4);
    assert_null(c);
    const char *miss = "Time,Voltage / V,Current / A\n0,1,2\n";
    assert_int_equal(il_ndp_cycler_parse(miss, strlen(miss), "m.csv", &c, &err), IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "Test Time / s"));
    const char *back = "Test Time / s,Voltage / V,Current / A\n10,1,2\n5,1,2\n";
    assert_int_equal(il_ndp_cycler_parse(back, strlen(back), "k.csv", &c, &err), IL_ERR_PARSE);
    assert_int_equal(err.line, 3);
}

static void faraday(void **state)
{
    (void)state;
    /* 1 uAh = 3.6e-3 C = 2.2469e16 electrons. */
    assert_true(fabs(il_ndp_uAh_to_li_atoms(1) - 3.6e-3 / 1.602176634e-19) < 1);
    assert_true(fabs(il_ndp_li_atoms_to_uAh(il_ndp_uAh_to_li_atoms(7.5)) - 7.5) < 1e-12);
    il_ndp_faraday f;
    assert_int_equal(il_ndp_faraday_balance(3.6e-3, 2.0, 1.1234e16, 1e14, &f, NULL), IL_OK);
    assert_true(fabs(f.li_expected_uAh_cm2 - 0.5) < 1e-12);
    assert_true(fabs(f.ratio - 1.1234e16 / (3.6e-3 / 1.602176634e-19 / 2)) < 1e-12);
    double amt[] = {0.1, 0.5, 3, 1, 4, 5, 6};
    double sig[] = {1, 1, 1, 1, 1, 1, 1};
    assert_int_equal(il_ndp_growth_first(amt, sig, 7, 2, 3), 4);
    assert_int_equal(il_ndp_growth_first(amt, sig, 7, 2, 1), 2);
    assert_int_equal(il_ndp_growth_first(amt, sig, 7, 10, 1), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(instrument_yaml), cmocka_unit_test(instrument_errors),
        cmocka_unit_test(cycler), cmocka_unit_test(faraday),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
