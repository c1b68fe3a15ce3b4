/* Reflectometry reads a layer's concentration profile (stack.h) as thin sharp sublayers.
 *  1. A constant profile equal to the layer's own Li gives the slab model and the reflectivity
 *     of the stack without a profile: one sublayer, R(Q) equal to 1e-10 relative.
 *  2. A linear Li profile 3 -> 1 per formula unit across 100 nm of Li3PO4: SLD is linear in the
 *     Li count at fixed formula units per cm3, so each sublayer's SLD must equal the straight
 *     line between the SLDs of Li3PO4 and of LiPO4 at the same formula units per cm3 (density
 *     scaled by the molar masses) at the sublayer's mid-depth (exact means; 1e-9), every step
 *     stays below the stated bound, and the sublayers add up to the layer.
 *  3. The same ramp built by the existing graded-interface machinery (il_refl_slice_shape with a
 *     linear interface of full width √12 σ = 100 nm between the two SLDs) gives the same R(Q)
 *     from 0.005 to 0.25 Å⁻¹: both are staircases of one straight line, with steps of 0.01 and
 *     at most 0.01 and 0.001e-6 Å⁻²; R agrees to 1e-3 relative (measured 3.8e-5; a staircase
 *     step of 0.01e-6 Å⁻² changes R by ~(2 δρ / Δρ_total)² at most, ~1e-3 here). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/formula.h"
#include "interlayer/refl.h"
#include "interlayer/refl_stack.h"
#include "interlayer/stack.h"

#define NQ 200

static il_stack *parse(const char *t)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(t, NULL, &s, &err) != IL_OK)
        fail_msg("%s", err.message);
    return s;
}

static void linear_li(il_stack *s, size_t layer, double top, double bottom, double t_nm)
{
    il_layer_profile p;
    memset(&p, 0, sizeof p);
    p.Z = 3, p.kind = IL_PROFILE_LINEAR, p.n = 2;
    p.depth_nm[0] = 0, p.value[0] = top;
    p.depth_nm[1] = t_nm, p.value[1] = bottom;
    il_error err;
    if (il_stack_add_profile(s, layer, &p, &err) != IL_OK)
        fail_msg("%s", err.message);
}

/* Slabs of a stack for a probe, and its reflectivity on the test's Q grid. */
static il_refl_slab *slabs(const il_stack *s, const il_refl_probe *p, size_t *n)
{
    il_refl_layer_model *L;
    il_error err;
    if (il_refl_stack_layers(s, &L, n, &err) != IL_OK)
        fail_msg("%s", err.message);
    il_refl_slab *sl = malloc(*n * sizeof *sl);
    for (size_t j = 0; j < *n; j++) {
        double re, im;
        if (il_refl_layer_sld(&L[j], p, &re, &im, &err) != IL_OK)
            fail_msg("%s", err.message);
        sl[j] = (il_refl_slab){L[j].thickness_A, re, im, L[j].roughness_A};
    }
    free(L);
    return sl;
}

static void reflectivity(const il_refl_slab *sl, size_t n, double *R)
{
    double q[NQ];
    for (int i = 0; i < NQ; i++)
        q[i] = 0.005 + (0.25 - 0.005) * i / (NQ - 1);
    il_error err;
    if (il_refl_reflectivity(sl, n, q, NQ, 1.0, 0.0, R, &err) != IL_OK)
        fail_msg("%s", err.message);
}

static void constant_profile_is_no_profile(void **state)
{
    (void)state;
    const char *text = "Li3PO4 50nm rough=1nm | LiCoO2 30nm rough=0.5nm | Si";
    il_stack *a = parse(text), *b = parse(text);
    linear_li(b, 0, 3.0, 3.0, 50);
    linear_li(b, 1, 1.0, 1.0, 30);
    il_refl_probe probes[2] = {{IL_REFL_NEUTRON, 0, 0}, {IL_REFL_XRAY, 0, 0}};
    for (int k = 0; k < 2; k++) {
        size_t na, nb;
        il_refl_slab *sa = slabs(a, &probes[k], &na), *sb = slabs(b, &probes[k], &nb);
        assert_int_equal(na, nb);
        double Ra[NQ], Rb[NQ], worst = 0;
        reflectivity(sa, na, Ra);
        reflectivity(sb, nb, Rb);
        for (int i = 0; i < NQ; i++)
            worst = fmax(worst, fabs(Rb[i] / Ra[i] - 1));
        print_message("constant profile (%s): largest relative R difference %.1e\n",
                      k ? "X-rays" : "neutrons", worst);
        assert_true(worst < 1e-10);
        free(sa);
        free(sb);
    }
    il_stack_free(a);
    il_stack_free(b);
}

static void linear_ramp(void **state)
{
    (void)state;
    il_stack *s = parse("Li3PO4 100nm | Si");
    linear_li(s, 0, 3.0, 1.0, 100);
    const il_layer *l = il_stack_layer(s, 0);
    /* the two ends as uniform materials at the layer's formula units per cm3 */
    il_formula f1;
    il_error err;
    assert_int_equal(il_formula_parse("LiPO4", &f1, &err), IL_OK);
    double m3 = l->molar_mass_g_mol, m1;
    il_composition c1;
    assert_int_equal(il_composition_from_formula(&f1, NULL, 0, &c1, &err), IL_OK);
    assert_int_equal(il_composition_molar_mass(&c1, &m1, &err), IL_OK);
    char text[160];
    snprintf(text, sizeof text, "Li3PO4 100nm | LiPO4 density=%.17g", l->density_g_cm3 * m1 / m3);
    il_stack *ends = parse(text);
    il_refl_probe pn = {IL_REFL_NEUTRON, 0, 0};
    size_t ne, n;
    il_refl_slab *E = slabs(ends, &pn, &ne);
    il_refl_slab *S = slabs(s, &pn, &n);
    double top = E[1].sld_re_1e6, bottom = E[2].sld_re_1e6;
    size_t nsub = n - 2; /* vacuum above, Si below */
    double z = 0, worst = 0, step = 0;
    for (size_t j = 1; j <= nsub; j++) {
        double mid = (z + 0.5 * S[j].thickness_A) / 1000.0;
        worst = fmax(worst, fabs(S[j].sld_re_1e6 - (top + (bottom - top) * mid)));
        if (j > 1)
            step = fmax(step, fabs(S[j].sld_re_1e6 - S[j - 1].sld_re_1e6));
        z += S[j].thickness_A;
    }
    print_message("linear ramp %.4f -> %.4f e-6/Å²: %zu sublayers, largest step %.4f, largest "
                  "deviation from the line %.1e\n", top, bottom, nsub, step, worst);
    assert_true(fabs(z - 1000.0) < 1e-9);
    assert_true(worst < 1e-9);
    assert_true(step <= 0.0101 && nsub > 10 && nsub <= 400);

    /* the same ramp from the graded-interface machinery */
    il_refl_slab g[3] = {E[0], E[1], E[2]};
    g[1].thickness_A = 500.0; /* the interface at the middle of the ramp */
    g[1].roughness_A = 0.0;
    g[2].roughness_A = 1000.0 / sqrt(12.0);
    il_refl_slab *G;
    size_t ng;
    assert_int_equal(il_refl_slice_shape(g, 3, IL_REFL_SHAPE_LINEAR, 0.001, &G, &ng, NULL, &err),
                     IL_OK);
    /* the backing medium of the stack is Si; the graded model ends in LiPO4: compare the ramps
     * on a LiPO4 backing for both */
    S[n - 1] = E[2];
    double Rs[NQ], Rg[NQ], rel = 0;
    reflectivity(S, n, Rs);
    reflectivity(G, ng, Rg);
    for (int i = 0; i < NQ; i++)
        rel = fmax(rel, fabs(Rs[i] / Rg[i] - 1));
    print_message("sliced profile vs il_refl_slice_shape ramp (%zu slabs): largest relative R "
                  "difference %.2e\n", ng, rel);
    assert_true(rel < 1e-3);
    free(G);
    free(E);
    free(S);
    il_stack_free(ends);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(constant_profile_is_no_profile),
                                       cmocka_unit_test(linear_ramp)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
