/* il_depth_energy_curve on stacks of many layers (above 64 it goes through an exit map
 * tabulated on an energy grid, src/physics/stopping/path_grid.c) against the direct path.
 *
 * Reference: the same cell unsliced (a few layers: the direct path, each particle carried
 * through every layer above it). Slicing a layer into thinner layers of the same matter changes
 * nothing physically, and the direct path is exact under slicing: the mean follows the CSDA
 * range, R(E_out) = R(E_in) - x, and the first-order straggling integral Q is additive. So any
 * difference is the grid's. Checked on the default cell (Pt | LiCoO2 | LiPON | Li | Cu, sliced
 * into ~1000 layers) for the NDP ions: 1472 keV alpha and 2727 keV triton, normal exit and
 * 60 deg, at 3000 depths (enough for the grid to pay, so it is the path taken).
 *
 * Tolerances: exit energy within 0.5 keV (an NDP detector resolves ~20 keV FWHM and a channel is
 * a few keV: 0.5 keV is 2.5 % of the resolution; measured worst 0.31 keV, at an exit energy
 * below 1 keV, 0.24 keV elsewhere); straggling sigma within 1 % + 0.05 keV where the particle
 * leaves with more than 100 keV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>

#include "interlayer/interlayer.h"

#define TOL_E_KEV 0.5
#define TOL_S_REL 0.01
#define TOL_S_KEV 0.05

/* The finite layers of L[0..n) cut into slices of at most `slice_nm` (substrate kept whole). */
static il_slab *sliced(const il_slab *L, size_t n, double slice_nm, size_t *out_n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += isinf(L[i].thickness_nm) ? 1 : (size_t)ceil(L[i].thickness_nm / slice_nm);
    il_slab *s = malloc(total * sizeof *s);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t parts = isinf(L[i].thickness_nm) ? 1 : (size_t)ceil(L[i].thickness_nm / slice_nm);
        for (size_t p = 0; p < parts; p++) {
            s[k] = L[i];
            if (!isinf(L[i].thickness_nm))
                s[k].thickness_nm = L[i].thickness_nm / (double)parts;
            k++;
        }
    }
    *out_n = total;
    return s;
}

static void compare(il_ion ion, double E0_keV, double theta_deg)
{
    il_error err;
    il_stack *stack;
    il_stack_stopping *ss;
    if (il_stack_default_cell(&stack, &err) ||
        il_stack_stopping_new(stack, ion, IL_STRAG_YANG, &ss, &err))
        fail_msg("%s", err.message);
    const il_slab *L = il_stack_stopping_layers(ss);
    size_t n = il_stack_stopping_count(ss);
    assert_true(n <= 64); /* the reference takes the direct path */
    double finite = 0;
    for (size_t i = 0; i < n; i++)
        if (!isinf(L[i].thickness_nm))
            finite += L[i].thickness_nm;
    size_t ns;
    il_slab *S = sliced(L, n, finite / 1000, &ns);
    assert_true(ns > 900); /* the grid path is the one tested */

    double *depth;
    size_t m;
    if (il_depth_energy_grid(L, n, E0_keV, 3000, 0, &depth, &m, &err))
        fail_msg("%s", err.message);
    il_beam *ref = malloc(m * sizeof *ref), *got = malloc(m * sizeof *got);
    assert_non_null(ref);
    assert_non_null(got);
    if (il_depth_energy_curve(L, n, E0_keV, theta_deg, depth, m, ref, &err) ||
        il_depth_energy_curve(S, ns, E0_keV, theta_deg, depth, m, got, &err))
        fail_msg("%s", err.message);
    double worst_E = 0, worst_S = 0;
    size_t leaving = 0;
    for (size_t i = 0; i < m; i++) {
        double dE = fabs(got[i].E_keV - ref[i].E_keV);
        /* below 100 keV the particle is at the end of its range, sigma ~ E, where first-order
         * straggling no longer holds anyway (and no NDP spectrum is read there) */
        double dS = ref[i].E_keV > 100 ? fabs(got[i].sigma_keV - ref[i].sigma_keV) : 0;
        worst_E = fmax(worst_E, dE);
        worst_S = fmax(worst_S, dS / (TOL_S_REL * ref[i].sigma_keV + TOL_S_KEV));
        leaving += ref[i].E_keV > 0;
        if (dE > TOL_E_KEV || dS > TOL_S_REL * ref[i].sigma_keV + TOL_S_KEV)
            fail_msg("ion %d theta %g depth %g nm: grid E %.4f sigma %.4f keV, direct %.4f "
                     "%.4f", (int)ion, theta_deg, depth[i], got[i].E_keV, got[i].sigma_keV,
                     ref[i].E_keV, ref[i].sigma_keV);
    }
    assert_true(leaving > 100); /* compared where particles leave, not only at E = 0 */
    /* the grid was taken (the direct path on the sliced stack repeats the reference exactly:
     * the CSDA range and Q are additive), so some difference is left */
    assert_true(worst_E > 0);
    print_message("ion %d theta %g: %zu depths, %zu layers, worst |dE| %.3g keV, worst sigma "
                  "%.2g of its tolerance\n", (int)ion, theta_deg, m, ns, worst_E, worst_S);
    free(ref);
    free(got);
    free(depth);
    free(S);
    il_stack_stopping_free(ss);
    il_stack_free(stack);
}

static void alpha_normal(void **state)
{
    (void)state;
    compare(IL_ION_ALPHA, 1472.0, 0.0);
}

static void alpha_oblique(void **state)
{
    (void)state;
    compare(IL_ION_ALPHA, 1472.0, 60.0);
}

static void triton_normal(void **state)
{
    (void)state;
    compare(IL_ION_T, 2727.0, 0.0);
}

static void triton_oblique(void **state)
{
    (void)state;
    compare(IL_ION_T, 2727.0, 60.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alpha_normal),
        cmocka_unit_test(alpha_oblique),
        cmocka_unit_test(triton_normal),
        cmocka_unit_test(triton_oblique),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
