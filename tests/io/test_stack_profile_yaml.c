/* Layer profiles in stack YAML files (src/io/stack_yaml.c): every shape read into the stack as
 * written (values compared exactly: they are the decimal numbers of the text), a profile file
 * in the NDP points format found next to the stack file, and errors at file:line:column naming
 * the offending value. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "interlayer/stack.h"
#include "interlayer/stack_io.h"

static const char doc[] =
    "layers:\n"
    "  - {material: LiCoO2, thickness: 700nm, profile: {element: Li, kind: exp, from: bottom,\n"
    "     interface: 0.6, bulk: 1.0, length: 15nm}}\n"
    "  - material: Li3PO4\n"
    "    thickness: 1.5um\n"
    "    profile:\n"
    "      - {element: Li, kind: erf, top: 3.0, bottom: 2.5, centre: 1.2um, width: 50nm}\n"
    "      - {element: Co, points: [[0nm, 0.05], [20nm, 0.0]]}\n"
    "      - {element: Li6, kind: steps, points: [[0, 0.3], [1um, 0.2]]}\n"
    "substrate: {material: Si}\n";

static il_stack *load(const char *text, const char *label, il_error *err)
{
    il_stack *s = NULL;
    il_stack_parse_yaml(text, strlen(text), label, NULL, &s, err);
    return s;
}

static void shapes(void **state)
{
    (void)state;
    il_error err;
    il_stack *s = load(doc, "<string>", &err);
    if (!s)
        fail_msg("%s", err.message);
    const il_layer *c = il_stack_layer(s, 0), *e = il_stack_layer(s, 1);
    assert_int_equal(il_layer_n_profiles(c), 1);
    const il_layer_profile *p = il_layer_profile_get(c, 0);
    assert_true(p->Z == 3 && p->A == 0 && p->kind == IL_PROFILE_EXP && p->from_bottom == 1);
    assert_true(p->at_interface == 0.6 && p->bulk == 1.0 && p->length_nm == 15);
    assert_int_equal(il_layer_n_profiles(e), 3);
    p = il_layer_profile_get(e, 0);
    assert_true(p->kind == IL_PROFILE_ERF && p->top == 3.0 && p->bottom == 2.5);
    assert_true(p->centre_nm == 1200 && p->width_nm == 50);
    p = il_layer_profile_get(e, 1);
    assert_true(p->Z == 27 && p->kind == IL_PROFILE_LINEAR && p->n == 2);
    assert_true(p->depth_nm[1] == 20 && p->value[0] == 0.05);
    p = il_layer_profile_get(e, 2);
    assert_true(p->Z == 3 && p->A == 6 && p->kind == IL_PROFILE_STEPS && p->depth_nm[1] == 1000);
    il_stack_free(s);
}

static void from_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/il_profile_yaml_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], yaml[256];
    snprintf(path, sizeof path, "%s/li.csv", dir);
    snprintf(yaml, sizeof yaml, "%s/stack.yaml", dir);
    FILE *f = fopen(path, "w");
    fputs("depth_nm,li_per_fu\n0,3.0\n100,2.8\n200,2.9\n", f);
    fclose(f);
    const char *text = "layers:\n  - {material: Li3PO4, thickness: 300nm, profile: {element: "
                       "Li, file: li.csv}}\n";
    il_error err;
    il_stack *s = load(text, yaml, &err); /* the file is found next to the stack file */
    if (!s)
        fail_msg("%s", err.message);
    const il_layer_profile *p = il_layer_profile_get(il_stack_layer(s, 0), 0);
    assert_true(p && p->n == 3 && p->depth_nm[2] == 200 && p->value[1] == 2.8);
    il_stack_free(s);
    f = fopen(path, "w");
    fputs("0,3.0\n100,x\n", f);
    fclose(f);
    assert_null(load(text, yaml, &err));
    print_message("bad file: %s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
    assert_int_equal(err.line, 2);
    remove(path);
    rmdir(dir);
}

static void errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *needle;
        int line, column;
    } cases[] = {
        {"layers:\n  - {material: Li3PO4, thickness: 1um, profile: {element: Li, kind: "
         "cubic, points: [[0nm, 3]]}}\n",
         "'cubic'", 2, 69},
        {"layers:\n  - {material: Li3PO4, thickness: 1um,\n     profile: {element: Li, points: "
         "[[0nm, 3], [10nm, -1]]}}\n",
         "-1", 3, 55},
        {"layers:\n  - {material: Li3PO4, thickness: 1um, profile: {element: Xx, kind: "
         "linear}}\n",
         "'Xx'", 2, 59},
        {"layers:\n  - {material: Li3PO4, thickness: 1um, profile: {element: Li, kind: erf, "
         "top: 3, bottom: 2, centre: 10nm}}\n",
         "missing width", 2, 69},
        {"layers:\n  - {material: Li3PO4, thickness: 1um, profile: {element: Li, shape: erf}}\n",
         "unknown profile key 'shape'", 2, 63},
        {"layers:\n  - {material: Li3PO4, thickness: 1um, profile: {element: Li, points: [[10, "
         "3]]}}\n",
         "'10'", 2, 73},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        il_error err;
        memset(&err, 0, sizeof err);
        il_stack *s = load(cases[i].text, "g.yaml", &err);
        print_message("%s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
        assert_null(s);
        assert_non_null(strstr(err.message, cases[i].needle));
        assert_string_equal(err.file, "g.yaml");
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.column, cases[i].column);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(shapes), cmocka_unit_test(from_file),
                                       cmocka_unit_test(errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
