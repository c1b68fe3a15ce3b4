/* YAML stack files: the examples load, every error names file:line:column, libfyaml stays
 * silent on stderr. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interlayer/interlayer.h"

static il_stack *load_text(const char *yaml)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse_yaml(yaml, strlen(yaml), "t.yaml", NULL, &s, &err) != IL_OK) {
        char buf[1200];
        fail_msg("%s", il_error_format(&err, buf, sizeof buf));
    }
    return s;
}

static void examples(void **state)
{
    (void)state;
    const char *files[] = {"default-cell.yaml", "pt-licgc-licoo2-au.yaml",
                           "au-si-lipon-licoo2-au-al.yaml", "ti-nbo-lipon-limn2o4-ti.yaml",
                           "cu-lipon-6licoo2-pt.yaml", "linbo3-isotope-multilayer.yaml"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/examples/%s", IL_SOURCE_DIR, files[i]);
        il_stack *s;
        il_error err;
        if (il_stack_load_yaml(path, NULL, &s, &err) != IL_OK) {
            char buf[1200];
            fail_msg("%s", il_error_format(&err, buf, sizeof buf));
        }
        assert_true(il_stack_count(s) >= 4);
        assert_true(strlen(il_stack_name(s)) > 0);
        il_stack_free(s);
    }
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_load_yaml(IL_SOURCE_DIR "/examples/linbo3-isotope-multilayer.yaml",
                                        NULL, &s, &err), IL_OK);
    assert_int_equal(il_stack_count(s), 5 * 4 + 1);
    assert_float_equal(il_stack_layer(s, 0)->li6_atoms_cm3 / il_stack_layer(s, 0)->li_atoms_cm3,
                       0.95, 1e-12);
    assert_float_equal(il_stack_layer(s, 2)->li6_atoms_cm3 / il_stack_layer(s, 2)->li_atoms_cm3,
                       0.0759, 1e-12);
    assert_float_equal(il_stack_thickness_nm(s), 5 * 50, 1e-9);
    il_stack_free(s);
    /* the 6Li gain of the enriched NDP cathode is 0.95 / 0.0759 = 12.5 ("about 13" in the
     * review) */
    assert_int_equal(il_stack_load_yaml(IL_SOURCE_DIR "/examples/cu-lipon-6licoo2-pt.yaml", NULL,
                                        &s, &err), IL_OK);
    const il_layer *c = il_stack_layer(s, 2);
    assert_float_equal(c->li6_atoms_cm3 / c->li_atoms_cm3 / 0.0759, 12.52, 0.01);
    il_stack_free(s);
}

static void brief_example(void **state)
{
    (void)state;
    il_stack *s = load_text(
        "name: thin-film battery\n"
        "materials:            # optional user materials\n"
        "  - {name: LiSiPO, formula: Li2SiP0.5O4, density: 2.4, source: \"my guess\"}\n"
        "layers:\n"
        "  - {material: Pt, thickness: 50nm}\n"
        "  - {material: LiCoO2, thickness: 1um, enrichment: {Li6: 0.95}}\n"
        "  - {material: Li3PO4, thickness: 1.5um, density: 2.4, roughness: 2nm}\n"
        "  - {material: LiSiPO, areal_density: 300tfu, stopping_factor: 1.02, name: x}\n"
        "substrate: {material: Si}\n");
    assert_string_equal(il_stack_name(s), "thin-film battery");
    assert_int_equal(il_stack_count(s), 5);
    assert_float_equal(il_stack_layer(s, 1)->li6_atoms_cm3 / il_stack_layer(s, 1)->li_atoms_cm3,
                       0.95, 1e-12);
    assert_float_equal(il_stack_layer(s, 2)->density_g_cm3, 2.4, 0);
    assert_float_equal(il_stack_layer(s, 2)->roughness_nm, 2, 0);
    assert_string_equal(il_stack_layer(s, 3)->density_source, "my guess");
    assert_float_equal(il_stack_layer(s, 3)->areal_tfu, 300, 0);
    assert_float_equal(il_stack_layer(s, 3)->stopping_factor, 1.02, 0);
    assert_true(il_stack_layer(s, 4)->is_substrate);
    il_stack_free(s);
    /* block style works the same */
    s = load_text("layers:\n"
                  "  - material: Pt\n"
                  "    thickness: 50 nm\n"
                  "  - material: LLZO\n"
                  "    thickness: 2um\n"
                  "    repeat: 2\n");
    assert_int_equal(il_stack_count(s), 3);
    il_stack_free(s);
}

static void expect_error(const char *yaml, il_status code, int line, int column,
                         const char *fragment)
{
    il_stack *s = (il_stack *)1;
    il_error err;
    il_status st = il_stack_parse_yaml(yaml, strlen(yaml), "t.yaml", NULL, &s, &err);
    if (st != code || err.line != line || err.column != column ||
        strcmp(err.file, "t.yaml") != 0 || !strstr(err.message, fragment))
        fail_msg("got status %d %s:%d:%d '%s', expected %d line %d column %d '%s'", st,
                 err.file, err.line, err.column, err.message, code, line, column, fragment);
    assert_null(s);
}

static void errors(void **state)
{
    (void)state;
    expect_error("layers:\n  - {material: Pt, thikness: 50nm}\n", IL_ERR_PARSE, 2, 20,
                 "unknown key 'thikness' in a layer (did you mean 'thickness'?");
    expect_error("layers:\n  - {material: Pt, thickness: 50}\n", IL_ERR_PARSE, 2, 31, "no unit");
    expect_error("layers:\n  - {material: Pt, thickness: -5nm}\n", IL_ERR_INVALID, 2, 31,
                 "greater than zero");
    expect_error("layers:\n  - {material: Pt}\n", IL_ERR_PARSE, 2, 6, "missing thickness");
    expect_error("layers:\n  - {material: LiCoO3, thickness: 1um}\n", IL_ERR_NOT_FOUND, 2, 16,
                 "did you mean 'LiCoO2'? (or give a density)");
    /* a formula error points inside the material: '%' is its 5th character */
    expect_error("layers:\n  - {material: Li3P%O4, thickness: 1um, density: 2}\n", IL_ERR_PARSE,
                 2, 20, "unexpected '%'");
    expect_error("layers:\n  - {material: Pt, thickness: 5nm, density: heavy}\n",
                 IL_ERR_INVALID, 2, 45, "not a density");
    expect_error("layers:\n  - {material: LiCoO2, thickness: 1um, enrichment: {Li6: 1.5}}\n",
                 IL_ERR_INVALID, 2, 58, "[0, 1]");
    expect_error("layers:\n  - {material: LiCoO2, thickness: 1um, enrichment: {Lx6: 0.5}}\n",
                 IL_ERR_NOT_FOUND, 2, 53, "not an isotope");
    expect_error("layers:\n  - {material: Pt, thickness: 1um}\nsubstrate: {material: Si, "
                 "thickness: 1um}\n", IL_ERR_INVALID, 3, 27, "semi-infinite");
    expect_error("name: x\nlayer:\n  - {material: Pt, thickness: 50nm}\n", IL_ERR_PARSE, 2, 1,
                 "unknown key 'layer' (did you mean 'layers'?");
    expect_error("name: x\n", IL_ERR_PARSE, 1, 1, "no 'layers'");
    expect_error("layers: Pt 50nm\n", IL_ERR_PARSE, 1, 9, "must be a list");
    expect_error("materials:\n  - {name: X, formula: Li2O}\nlayers: []\n", IL_ERR_PARSE, 2, 6,
                 "needs name, formula and density");
    expect_error("materials:\n  - {name: X, formula: Li2Q, density: 2}\nlayers: []\n",
                 IL_ERR_NOT_FOUND, 2, 27, "unknown element 'Q'");
    expect_error("layers:\n  - {material: Pt, thickness: 5nm, repeat: 0}\n", IL_ERR_INVALID, 2,
                 44, "repeat");
    /* found by fuzzing: empty periods repeated and nested used to spin for minutes */
    expect_error("layers:\n  - {period: [], repeat: 4000}\n", IL_ERR_PARSE, 2, 6,
                 "non-empty list");
    expect_error("layers:\n  - {period: [{material: Pt, thickness: 1nm}], repeat: 5000}\n",
                 IL_ERR_INVALID, 2, 56, "repeat must be");
    /* malformed YAML: the place comes from libfyaml's collected diagnostics */
    il_stack *s;
    il_error err;
    const char *bad = "layers:\n  - {material: Pt, thickness: 50nm\n  - x\n";
    assert_int_equal(il_stack_parse_yaml(bad, strlen(bad), "t.yaml", NULL, &s, &err),
                     IL_ERR_PARSE);
    assert_true(err.line >= 2);
    assert_true(err.column >= 1);
    assert_non_null(strstr(err.message, "malformed YAML"));
    /* found by fuzzing: libfyaml hangs on "%\xff"; directive lines and bytes that are not
     * UTF-8 are refused before libfyaml sees them */
    const char *hang = "%\xff";
    assert_int_equal(il_stack_parse_yaml(hang, strlen(hang), "t.yaml", NULL, &s, &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.column, 1);
    assert_non_null(strstr(err.message, "directives"));
    const char *latin1 = "name: caf\xe9\n";
    assert_int_equal(il_stack_parse_yaml(latin1, strlen(latin1), "t.yaml", NULL, &s, &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 10);
    assert_non_null(strstr(err.message, "0xE9"));
    const char nul[] = "layers:\n  - {mat\0erial: Pt}\n";
    assert_int_equal(il_stack_parse_yaml(nul, sizeof nul - 1, "t.yaml", NULL, &s, &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 9);
    /* valid UTF-8 (names with Å and µ) passes */
    s = load_text("layers:\n  - {material: Pt, thickness: 500\xc3\x85, name: \"\xc2\xb5-cap\"}\n");
    assert_float_equal(il_stack_layer(s, 0)->thickness_nm, 50, 1e-12);
    il_stack_free(s);
    const char *tab = "layers:\n\t- {material: Pt}\n";
    assert_int_equal(il_stack_parse_yaml(tab, strlen(tab), "t.yaml", NULL, &s, &err),
                     IL_ERR_PARSE);
    assert_int_equal(err.line, 2);
}

static void files(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_load_yaml("/nonexistent/stack.yaml", NULL, &s, &err),
                     IL_ERR_NOT_FOUND);
    assert_string_equal(err.file, "/nonexistent/stack.yaml");
    assert_non_null(strstr(err.message, "No such file"));
    assert_int_equal(il_stack_load_yaml(IL_SOURCE_DIR "/examples", NULL, &s, &err), IL_ERR_IO);
    /* il_stack_load on a file reads YAML, whatever its extension */
    char path[] = "/tmp/il_stack_test_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *y = "layers: [{material: Au, thickness: 10nm}]\n";
    assert_int_equal(write(fd, y, strlen(y)), (ssize_t)strlen(y));
    close(fd);
    assert_int_equal(il_stack_load(path, NULL, &s, &err), IL_OK);
    assert_string_equal(il_stack_layer(s, 0)->material, "Au");
    il_stack_free(s);
    unlink(path);
}

/* il_stack_load: inline text when the argument is not a file, YAML when it ends in .yaml
 * (a missing one is reported as a missing file, not as bad inline text). */
static void load_dispatch(void **state)
{
    (void)state;
    il_stack *s;
    il_error err;
    assert_int_equal(il_stack_load("Pt 50nm | Si", NULL, &s, &err), IL_OK);
    assert_int_equal(il_stack_count(s), 2);
    il_stack_free(s);
    assert_int_equal(il_stack_load("/nonexistent/cell.yaml", NULL, &s, &err), IL_ERR_NOT_FOUND);
    assert_string_equal(err.file, "/nonexistent/cell.yaml");
    assert_int_equal(il_stack_load(IL_SOURCE_DIR "/examples/default-cell.yaml", NULL, &s, &err),
                     IL_OK);
    il_stack_free(s);
}

/* The enrichment keys both readers accept, through matter's public parser. */
static void isotope_keys(void **state)
{
    (void)state;
    const char *keys[] = {"li6", "Li6", "6Li", "Li[6]", "Li-6", "B-10", "b10"};
    const int Zs[] = {3, 3, 3, 3, 3, 5, 5}, As[] = {6, 6, 6, 6, 6, 10, 10};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int Z = 0, A = 0;
        assert_int_equal(il_stack_parse_isotope_key(keys[i], &Z, &A, NULL), IL_OK);
        assert_int_equal(Z, Zs[i]);
        assert_int_equal(A, As[i]);
    }
    int Z, A;
    il_error err;
    assert_int_equal(il_stack_parse_isotope_key("Li99", &Z, &A, &err), IL_ERR_NOT_FOUND);
    assert_non_null(strstr(err.message, "Li99"));
    assert_int_equal(il_stack_parse_isotope_key("density", &Z, &A, &err), IL_ERR_NOT_FOUND);
}

/* libfyaml must not print: run a malformed document with stderr redirected to a file. */
static void silent(void **state)
{
    (void)state;
    fflush(stderr);
    int saved = dup(2);
    char path[] = "/tmp/il_stack_stderr_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0 && saved >= 0);
    dup2(fd, 2);
    il_stack *s;
    il_error err;
    const char *bad = "layers: [ {material: Pt, thickness: 50nm\n  : : :\n";
    il_status st = il_stack_parse_yaml(bad, strlen(bad), "t.yaml", NULL, &s, &err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat sb;
    fstat(fd, &sb);
    close(fd);
    unlink(path);
    assert_int_equal(st, IL_ERR_PARSE);
    assert_int_equal(sb.st_size, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(examples), cmocka_unit_test(brief_example), cmocka_unit_test(errors),
        cmocka_unit_test(files),    cmocka_unit_test(silent), cmocka_unit_test(load_dispatch),
        cmocka_unit_test(isotope_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
