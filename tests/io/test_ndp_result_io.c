/* NDP result writers: the calibration JSON is parsed back with jansson and every field
 * ndp_io.h documents holds the value it was given (to the ten significant digits the writer
 * promises: 1e-9 relative); the file written equals the text returned; a path in a missing
 * folder fails with IL_ERR_IO and leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interlayer/ndp_io.h"

static void near(json_t *doc, const char *key, double want)
{
    json_t *v = json_object_get(doc, key);
    if (!json_is_number(v))
        fail_msg("no number %s", key);
    assert_true(fabs(json_number_value(v) / want - 1) < 1e-9);
}

static void calibration_json(void **state)
{
    (void)state;
    const il_ndp_reference_calibration c = {
        {697.6081234, 928.3712345}, {2056.001, 2732.07}, 12.1953, 2.929724, 1.25, 0.00091,
        1.25e9};
    char *text;
    il_error err;
    if (il_ndp_calibration_json(&c, &text, &err))
        fail_msg("%s", err.message);
    assert_true(text[strlen(text) - 1] == '\n');
    json_error_t je;
    json_t *doc = json_loads(text, 0, &je);
    assert_non_null(doc);
    near(doc, "offset_keV", 12.1953);
    near(doc, "gain_keV_per_channel", 2.929724);
    near(doc, "alpha_edge_channel", 697.6081234);
    near(doc, "alpha_edge_keV", 2056.001);
    near(doc, "triton_edge_channel", 928.3712345);
    near(doc, "triton_edge_keV", 2732.07);
    near(doc, "fluence_solid_angle_factor", 1.25);
    near(doc, "fluence_solid_angle_factor_sigma", 0.00091);
    near(doc, "calibrated_fluence_rate_n_per_cm2_s", 1.25e9);
    assert_int_equal(json_object_size(doc), 9);
    json_decref(doc);

    char path[] = "/tmp/il_ndp_cal_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    if (il_ndp_calibration_write_json(path, &c, &err))
        fail_msg("%s", err.message);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, text);
    unlink(path);
    free(text);
    assert_int_equal(il_ndp_calibration_write_json("/nonexistent-dir/x.json", &c, &err),
                     IL_ERR_IO);
    assert_int_equal(access("/nonexistent-dir/x.json", F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(calibration_json)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
