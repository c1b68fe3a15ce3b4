/* NDP reads a layer's concentration profile (stack.h) slice by slice.
 *  1. A uniform "profile" equal to the layer's own Li gives the spectrum of the stack without a
 *     profile, channel by channel, to 1e-12 of the peak (the two routes to the 6Li atoms/cm3
 *     differ only in rounding).
 *  2. A linear Li profile 3 -> 1 per formula unit in a thin Li3PO4 layer: the counts of each
 *     particle equal F t sigma N6 Omega / 4 pi with N6 the profile's integral (mean 2 per formula
 *     unit x the formula units per cm3 x thickness x the natural 6Li share 7.59 %), Omega the
 *     analytic disc solid angle and sigma = 940 b (Sears 1992); to 0.5 %, the tolerance of the
 *     uniform thin-layer test (Gaussian tails at the spectrum ends, kernel cache grid).
 *     il_layer_profile_areal gives the same integral to 1e-12.
 *  3. The self-consistent restack (il_ndp_stack_with_li) keeps a layer's profiles, except a Li
 *     profile where the inverted amount replaced the layer's Li; that layer then holds exactly
 *     the amount asked for (to 1e-9 relative: the formula count is rounded by its text form). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/elements.h"
#include "interlayer/ndp_invert.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

#define PI 3.14159265358979323846

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

static il_ndp_sim *simulate(const il_stack *s, const il_ndp_instrument *ins, il_ndp_model **m)
{
    il_error err;
    il_ndp_sim *r;
    if (il_ndp_model_new(s, ins, m, &err) != IL_OK || il_ndp_simulate(*m, 0, NULL, &r, &err))
        fail_msg("%s", err.message);
    return r;
}

static void uniform_profile_is_no_profile(void **state)
{
    (void)state;
    il_stack *a = parse("Pt 50nm | LiCoO2 300nm li6=0.5 | Li3PO4 400nm | Si");
    il_stack *b = parse("Pt 50nm | LiCoO2 300nm li6=0.5 | Li3PO4 400nm | Si");
    linear_li(b, 1, 1.0, 1.0, 300);
    linear_li(b, 2, 3.0, 3.0, 400);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    il_ndp_model *ma, *mb;
    il_ndp_sim *ra = simulate(a, &ins, &ma), *rb = simulate(b, &ins, &mb);
    double peak = 0, worst = 0;
    for (size_t c = 0; c < ra->n_channels; c++)
        peak = fmax(peak, ra->counts[c]);
    for (size_t c = 0; c < ra->n_channels; c++)
        worst = fmax(worst, fabs(ra->counts[c] - rb->counts[c]));
    print_message("uniform profile: largest difference %.2e of the peak %.4g\n", worst / peak,
                  peak);
    assert_true(peak > 0 && worst <= 1e-12 * peak);
    il_ndp_sim_free(ra);
    il_ndp_sim_free(rb);
    il_ndp_model_free(ma);
    il_ndp_model_free(mb);
    il_stack_free(a);
    il_stack_free(b);
}

static void linear_profile_counts(void **state)
{
    (void)state;
    il_stack *s = parse("Li3PO4 20nm | C 100nm");
    linear_li(s, 0, 3.0, 1.0, 20);
    const il_layer *l = il_stack_layer(s, 0);
    double nfu = l->atoms_cm3 / 8.0; /* Li3PO4: 8 atoms per formula unit */
    double n_li = nfu * 2.0 * 20e-7;  /* mean of 3 and 1, over 20 nm */
    assert_true(fabs(il_layer_profile_areal(l, 0) / n_li - 1) < 1e-12);
    double n6 = n_li * il_isotope_abundance(3, 6);
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.fluence_rate_n_cm2_s = 2e9;
    ins.live_time_s = 1000;
    ins.distance_mm = 30;
    ins.area_mm2 = 100;
    ins.slice_nm = 2; /* ten slices across the gradient */
    il_ndp_model *m;
    il_ndp_sim *r = simulate(s, &ins, &m);
    double a2 = 100 / PI, d = 30;
    double omega = 2 * PI * (1 - d / sqrt(d * d + a2));
    double expect = 2e9 * 1000 * 940e-24 * n6 * omega / (4 * PI);
    for (size_t p = 0; p < il_ndp_model_n_particles(m); p++) {
        const il_ndp_particle *P = il_ndp_model_particle(m, p);
        if (strcmp(P->key, "alpha") != 0 && strcmp(P->key, "triton") != 0)
            continue;
        double c = 0;
        for (size_t ch = 0; ch < r->n_channels; ch++)
            c += r->by_particle[p * r->n_channels + ch];
        print_message("linear profile: %s %.5f of F*sigma*N6*Omega/4pi\n", P->key, c / expect);
        assert_true(fabs(c / expect - 1) < 5e-3);
    }
    /* the slices follow the gradient: the top slice holds more Li than the bottom one */
    double conc[64];
    assert_true(il_ndp_model_n_slices(m) <= 64);
    il_ndp_model_concentration(m, 3, conc);
    assert_true(fabs(conc[0] / (nfu * 2.9) - 1) < 1e-12); /* mean over 0..2 nm: 2.9 */
    assert_true(fabs(conc[9] / (nfu * 1.1) - 1) < 1e-12);
    il_ndp_sim_free(r);
    il_ndp_model_free(m);
    il_stack_free(s);
}

static void restack_keeps_profiles(void **state)
{
    (void)state;
    il_stack *s = parse("LiCoO2 100nm | Li3PO4 200nm | Si");
    linear_li(s, 1, 3.0, 2.0, 200);
    il_layer_profile co;
    memset(&co, 0, sizeof co);
    co.Z = 27, co.kind = IL_PROFILE_ERF, co.top = 0.05, co.bottom = 0, co.centre_nm = 20,
    co.width_nm = 10;
    il_error err;
    assert_int_equal(il_stack_add_profile(s, 1, &co, &err), IL_OK);

    const double none[3] = {NAN, NAN, NAN}, li[3] = {NAN, 5e17, NAN};
    il_stack *kept, *replaced;
    assert_int_equal(il_ndp_stack_with_li(s, none, &kept, &err), IL_OK);
    assert_int_equal(il_ndp_stack_with_li(s, li, &replaced, &err), IL_OK);
    assert_int_equal(il_layer_n_profiles(il_stack_layer(kept, 1)), 2);
    const il_layer *l = il_stack_layer(replaced, 1);
    assert_int_equal(il_layer_n_profiles(l), 1);
    assert_int_equal(il_layer_profile_get(l, 0)->Z, 27);
    assert_true(fabs(l->li_atoms_cm2 / 5e17 - 1) < 1e-9);
    il_stack_free(kept);
    il_stack_free(replaced);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(uniform_profile_is_no_profile),
                                       cmocka_unit_test(linear_profile_counts),
                                       cmocka_unit_test(restack_keeps_profiles)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
