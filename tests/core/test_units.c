/* Units and error formatting: the exact conversions (1 um = 1000 nm, 1 Å = 0.1 nm, 1 MeV =
 * 1000 keV) are definitions, so they are checked to the last bit of a double's precision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "interlayer/interlayer.h"

static void lengths(void **state)
{
    (void)state;
    double nm;
    assert_int_equal(il_parse_length_nm("50nm", &nm, NULL), IL_OK);
    assert_true(nm == 50.0);
    assert_int_equal(il_parse_length_nm(" 1.5 um ", &nm, NULL), IL_OK);
    assert_true(nm == 1500.0);
    assert_int_equal(il_parse_length_nm("1.5\xC2\xB5m", &nm, NULL), IL_OK);
    assert_true(nm == 1500.0);
    assert_int_equal(il_parse_length_nm("20\xC3\x85", &nm, NULL), IL_OK);
    assert_true(nm == 2.0);
    assert_int_equal(il_parse_length_nm("20A", &nm, NULL), IL_OK);
    assert_true(nm == 2.0);
}

static void bad_lengths(void **state)
{
    (void)state;
    double nm;
    il_error err;
    assert_int_equal(il_parse_length_nm("50", &nm, &err), IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "no unit"));
    assert_int_equal(il_parse_length_nm("50furlong", &nm, &err), IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "furlong"));
    assert_int_equal(il_parse_length_nm("-5nm", &nm, &err), IL_ERR_INVALID);
    assert_int_equal(il_parse_length_nm("0nm", &nm, &err), IL_ERR_INVALID);
    /* "nan", "inf" and hexadecimal are no decimal numbers: a parse error, not a value */
    assert_int_equal(il_parse_length_nm("nannm", &nm, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_length_nm("", &nm, &err), IL_ERR_PARSE);
}

static void thickness(void **state)
{
    (void)state;
    double v;
    il_thickness_kind k;
    assert_int_equal(il_parse_thickness("300tfu", &v, &k, NULL), IL_OK);
    assert_true(v == 300.0 && k == IL_THICKNESS_TFU);
    assert_int_equal(il_parse_thickness("1um", &v, &k, NULL), IL_OK);
    assert_true(v == 1000.0 && k == IL_THICKNESS_NM);
    assert_int_equal(il_parse_thickness("-3tfu", &v, &k, NULL), IL_ERR_INVALID);
    assert_int_equal(il_parse_thickness("3", &v, &k, NULL), IL_ERR_PARSE);
}

static void energies(void **state)
{
    (void)state;
    double e;
    assert_int_equal(il_parse_energy_keV("2055.8keV", &e, NULL), IL_OK);
    assert_true(e == 2055.8);
    assert_int_equal(il_parse_energy_keV("2.7MeV", &e, NULL), IL_OK);
    assert_true(e == 2700.0);
    assert_int_equal(il_parse_energy_keV("100", &e, NULL), IL_OK);
    assert_true(e == 100.0);
    assert_int_equal(il_parse_energy_keV("5GeV", &e, NULL), IL_ERR_PARSE);
    assert_int_equal(il_parse_energy_keV("-1keV", &e, NULL), IL_ERR_INVALID);
}

/* Decimal numbers only, with the physical range in the message (issue 12, section 7). */
static void hostile_numbers(void **state)
{
    (void)state;
    double v;
    il_thickness_kind k;
    il_error err;
    assert_int_equal(il_parse_thickness("0x10nm", &v, &k, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_energy_keV("0x10", &v, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_energy_keV("inf", &v, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_number("0X1p3", &v, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_number("-0x10", &v, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_number("1e5", &v, &err), IL_OK);
    assert_true(v == 1e5);
    /* "50xm": a number, then an unknown unit, not a hexadecimal */
    assert_int_equal(il_parse_thickness("50xm", &v, &k, &err), IL_ERR_PARSE);
    assert_non_null(strstr(err.message, "unknown thickness unit 'xm'"));
    /* 1e308 mm overflows to inf nm: the limit, 1 m, is what the user must read */
    assert_int_equal(il_parse_thickness("1e308mm", &v, &k, &err), IL_ERR_RANGE);
    assert_string_equal(err.message, "thickness 1e308mm is above the largest allowed, 1 m");
    assert_int_equal(il_parse_thickness("1000mm", &v, &k, &err), IL_OK); /* exactly 1 m */
    assert_true(v == 1e9);
    assert_int_equal(il_parse_thickness("1001mm", &v, &k, &err), IL_ERR_RANGE);
    assert_int_equal(il_parse_length_nm("2m", &v, &err), IL_ERR_PARSE);
    /* roughness: 0 with or without a unit means the same */
    assert_int_equal(il_parse_roughness_nm("0", &v, &err), IL_OK);
    assert_true(v == 0);
    assert_int_equal(il_parse_roughness_nm("0nm", &v, &err), IL_OK);
    assert_true(v == 0);
    assert_int_equal(il_parse_roughness_nm("2A", &v, &err), IL_OK);
    assert_true(v == 0.2);
    assert_int_equal(il_parse_roughness_nm("2", &v, &err), IL_ERR_PARSE);
    assert_int_equal(il_parse_roughness_nm("-1nm", &v, &err), IL_ERR_INVALID);
    assert_int_equal(il_parse_roughness_nm("1mm", &v, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "largest allowed roughness, 10 um"));
}

static void suggestions(void **state)
{
    (void)state;
    const char *names[] = {"LiCoO2", "Li3PO4", "Si", "Cu"};
    assert_string_equal(il_suggest("LiCoO3", names, 4), "LiCoO2");
    assert_string_equal(il_suggest("li3po4", names, 4), "Li3PO4");
    assert_null(il_suggest("Polyethylene", names, 4));
}

static void error_format(void **state)
{
    (void)state;
    il_error err;
    char buf[256];
    il_error_set_at(&err, IL_ERR_PARSE, "stack.yaml", 7, 12, "unknown material '%s'", "X");
    assert_string_equal(il_error_format(&err, buf, sizeof buf),
                        "stack.yaml:7:12: unknown material 'X'");
    il_error_prefix(&err, "layer %d: ", 3);
    assert_string_equal(il_error_format(&err, buf, sizeof buf),
                        "stack.yaml:7:12: layer 3: unknown material 'X'");
    assert_int_equal(il_error_set(NULL, IL_ERR_IO, "x"), IL_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lengths),     cmocka_unit_test(bad_lengths),
        cmocka_unit_test(thickness),   cmocka_unit_test(energies),
        cmocka_unit_test(suggestions), cmocka_unit_test(error_format),
        cmocka_unit_test(hostile_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
