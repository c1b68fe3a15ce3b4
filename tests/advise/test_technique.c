/* The capability table against the review's Table 3 and Section 4 (Chen et al. 2021): the
 * numbers it quotes, copied here by hand from the review's text, must be the table's. Exact
 * comparisons: the CSV holds the review's numbers, no arithmetic is involved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/advise.h"

static const il_technique *get(const char *id)
{
    const il_technique *t = NULL;
    assert_int_equal(il_technique_find(id, &t, NULL), IL_OK);
    assert_non_null(t);
    return t;
}

static void test_every_issue_technique_is_there(void **state)
{
    (void)state;
    /* the list of issue 10 (Table 3 + Fig. 29) */
    const char *ids[] = {"xps", "tof-sims", "aes", "gd-oes", "la-icp-ms", "libs", "rbs", "erda",
                         "nra", "pige", "pixe", "tem-eels", "eh", "xas-tey", "xas-tfy", "haxpes",
                         "gixrd", "xrr", "xray-imaging", "nr", "ndp"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const il_technique *t = get(ids[i]);
        assert_non_null(strstr(t->section, "4."));
        assert_true(t->depth_res_min_nm <= t->depth_res_max_nm);
    }
    assert_int_equal(il_technique_count(), sizeof ids / sizeof ids[0]);
    assert_null(il_technique_get(il_technique_count()));
}

static void test_review_numbers(void **state)
{
    (void)state;
    assert_true(get("tof-sims")->lateral_res_min_nm == 50.0); /* "spatial resolution of 50 nm" */
    assert_true(get("aes")->depth_res_min_nm == 2.0);         /* "depth resolution (≈ 2 nm)" */
    assert_true(get("aes")->lateral_res_min_nm == 10.0);      /* "lateral resolution (≈ 10 nm)" */
    assert_true(get("xps")->lateral_res_min_nm == 3000.0);    /* Table 3 "≈3 μm" */
    assert_true(get("la-icp-ms")->depth_res_min_nm == 50.0);  /* "depth resolution of 50 nm" */
    assert_true(get("gd-oes")->probe_depth_max_nm == 150000.0); /* "1 nm–150 μm" */
    assert_true(get("haxpes")->probe_depth_max_nm == 50.0);     /* "up to 50 nm" */
    assert_true(get("ndp")->probe_depth_max_nm == 25000.0);     /* 20–25 μm (³H) */
    /* Table 3: XAS, PIXE, X-ray imaging "inert to Li"; XRR/GIXRD "no element sensitivity" */
    const char *blind[] = {"xas-tey", "xas-tfy", "pixe", "xray-imaging", "xrr", "gixrd"};
    for (size_t i = 0; i < sizeof blind / sizeof blind[0]; i++)
        assert_int_equal(get(blind[i])->li_sensitive, 0);
    /* Sec. 4.1: "all the etching-based measurements are destructive"; Sec. 4.5 non-destructive */
    assert_int_equal(get("gd-oes")->destructive, 1);
    assert_int_equal(get("ndp")->destructive, 0);
    assert_int_equal(get("ndp")->operando, 1);
    assert_int_equal(get("nr")->isotope_sensitive, 2);
    /* Sec. 5: "IBA, NR, and NDP are not sensitive to lattice information" */
    assert_int_equal(get("nr")->structure, 0);
    assert_int_equal(get("ndp")->structure, 0);
    assert_int_equal(get("gixrd")->structure, 2);
}

static void test_unknown_names_the_known(void **state)
{
    (void)state;
    il_error e = {0};
    const il_technique *t = (const il_technique *)1;
    assert_int_equal(il_technique_find("XPS", &t, NULL), IL_OK); /* case-insensitive */
    assert_int_equal(il_technique_find("sims", &t, &e), IL_ERR_NOT_FOUND);
    assert_null(t);
    assert_non_null(strstr(e.message, "unknown technique 'sims'"));
    assert_non_null(strstr(e.message, "tof-sims"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_issue_technique_is_there),
        cmocka_unit_test(test_review_numbers),
        cmocka_unit_test(test_unknown_names_the_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
