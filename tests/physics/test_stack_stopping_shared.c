/* Layers of one material share one stopping table (src/physics/stopping/stack_stopping.c), and
 * sharing changes no result.
 *
 * Reference: the same stack with one table built per layer, as before sharing (each layer's
 * target from il_layer_stopping_target, then il_stopping_new). A table is a deterministic
 * function of the target it is built from, and a layer shares only a table built from a target
 * equal to its own bit for bit, so the exit energies and straggling of every depth must be
 * equal bit for bit (tolerance 0: any key that lets two different targets meet, e.g. one that
 * forgot the stopping factor, changes them by far more than one ulp). The depths come from a
 * 600-layer stack, above IL__CURVE_GRID_LAYERS, so the exit-map grid `ndp simulate` takes on
 * big stacks is the path compared; the NDP spectrum is built from these exit curves alone.
 * The grid also reuses one slab's step across layers of the same table, density and thickness
 * (path_grid.c, up to 16 kinds): the shared stack (6 kinds) takes that reuse every time, the
 * reference (600 tables, so 600 kinds) never, and cycles through its 16 slots, so the same
 * comparison checks that reuse changes no bit either. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"

/* Six kinds of layer: two plain materials, one with its own stopping factor (its own table),
 * one with another density (same table: density only scales atoms/cm3, kept per layer), one
 * 6Li-enriched (its own table: another composition key) and one thicker (same table, but
 * another step for the grid). */
static const char *const KINDS[] = {"LiCoO2 2nm",          "Li3PO4 2nm",
                                    "LiCoO2 2nm factor=1.02", "LiCoO2 2nm density=4.5",
                                    "LiCoO2 2nm li6=0.95", "LiCoO2 3nm"};
#define N_KINDS 6
/* kinds a and b share a table: the plain LiCoO2, the denser one and the thicker one */
static int same_table(size_t a, size_t b)
{
    return (a == 0 || a == 3 || a == 5) && (b == 0 || b == 3 || b == 5);
}
#define N_LAYERS 600

static il_stack *many_layers(void)
{
    size_t cap = N_LAYERS * 32 + 16;
    char *text = malloc(cap), *p = text;
    assert_non_null(text);
    for (size_t i = 0; i < N_LAYERS; i++)
        p += snprintf(p, cap - (size_t)(p - text), "%s | ", KINDS[i % N_KINDS]);
    snprintf(p, cap - (size_t)(p - text), "Si");
    il_stack *s;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err))
        fail_msg("%s", err.message);
    free(text);
    return s;
}

static void check_ion(il_ion ion, double E0_keV, double theta_deg)
{
    il_error err;
    il_stack *stack = many_layers();
    il_stack_stopping *ss;
    if (il_stack_stopping_new(stack, ion, IL_STRAG_YANG, &ss, &err))
        fail_msg("%s", err.message);
    const il_slab *L = il_stack_stopping_layers(ss);
    size_t n = il_stack_stopping_count(ss);
    assert_int_equal(n, N_LAYERS + 1);

    /* which layers share: the same plain material and the other density do, the rest not */
    for (size_t i = N_KINDS; i < N_LAYERS; i++)
        assert_ptr_equal(L[i].stopping, L[i % N_KINDS].stopping);
    assert_true(L[3].atoms_cm3 != L[0].atoms_cm3);
    for (size_t a = 0; a < N_KINDS; a++)
        for (size_t b = a + 1; b < N_KINDS; b++)
            if (same_table(a, b))
                assert_ptr_equal(L[a].stopping, L[b].stopping);
            else
                assert_ptr_not_equal(L[a].stopping, L[b].stopping);

    /* the reference: one table per layer */
    il_slab *U = malloc(n * sizeof *U);
    il_stopping **own = calloc(n, sizeof *own);
    assert_non_null(U);
    assert_non_null(own);
    for (size_t i = 0; i < n; i++) {
        il_composition c;
        il_stopping_target t;
        if (il_layer_stopping_target(il_stack_layer(stack, i), &c, &t, &err))
            fail_msg("%s", err.message);
        t.straggling = IL_STRAG_YANG;
        if (il_stopping_new(ion, &t, &own[i], &err))
            fail_msg("%s", err.message);
        U[i] = L[i];
        U[i].stopping = own[i];
    }

    double *depth;
    size_t m;
    if (il_depth_energy_grid(U, n, E0_keV, 3000, 0, &depth, &m, &err))
        fail_msg("%s", err.message);
    assert_true(m > 1000);
    il_beam *ref = malloc(m * sizeof *ref), *got = malloc(m * sizeof *got);
    assert_non_null(ref);
    assert_non_null(got);
    if (il_depth_energy_curve(U, n, E0_keV, theta_deg, depth, m, ref, &err) ||
        il_depth_energy_curve(L, n, E0_keV, theta_deg, depth, m, got, &err))
        fail_msg("%s", err.message);
    size_t leaving = 0;
    for (size_t i = 0; i < m; i++) {
        if (memcmp(&ref[i], &got[i], sizeof ref[i]))
            fail_msg("depth %g nm: shared %.17g keV (sigma %.17g), own tables %.17g (%.17g)",
                     depth[i], got[i].E_keV, got[i].sigma_keV, ref[i].E_keV, ref[i].sigma_keV);
        leaving += ref[i].E_keV > 0;
    }
    assert_true(leaving > m / 2); /* the comparison is not one of zeros */

    free(ref);
    free(got);
    free(depth);
    for (size_t i = 0; i < n; i++)
        il_stopping_free(own[i]);
    free(own);
    free(U);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
}

/* The 6Li(n,t)4He products (Q = 4.78 MeV): 2055 keV alpha and 2727 keV triton, normal exit and
 * 60 degrees. */
static void test_alpha_normal(void **st)
{
    (void)st;
    check_ion(IL_ION_ALPHA, 2055.0, 0.0);
}

static void test_triton_60deg(void **st)
{
    (void)st;
    check_ion(IL_ION_T, 2727.0, 60.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alpha_normal),
        cmocka_unit_test(test_triton_60deg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
