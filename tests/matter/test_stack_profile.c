/* Concentration profiles inside a layer (include/interlayer/stack.h). References:
 *  - hand values of straight lines and steps (exact in binary to 1e-12);
 *  - Phi(1) = 0.8413447460685429 and exp(-1) = 0.36787944117144233 (tables; 1e-12);
 *  - the areal amount of an erf front far from both faces of the layer: top * centre +
 *    bottom * (t - centre), the front's tails beyond the faces being < 1e-8 nm of 3000 nm
 *    (tolerance 1e-10 relative); and, for fronts and decays that reach a face, Simpson's rule
 *    on 20000 intervals (error ~ h^4 f'''' ~ 1e-14 relative; tolerance 1e-10);
 *  - the local isotopes keep every other atom per cm3 exactly and scale the profiled element by
 *    value / nominal count; an element the layer lacks enters in its natural mix (6Li 7.59 %). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "interlayer/elements.h"
#include "interlayer/stack.h"

static il_stack *parse(const char *t)
{
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(t, NULL, &s, &err) != IL_OK)
        fail_msg("%s", err.message);
    return s;
}

static il_layer_profile points(int Z, il_profile_kind kind, size_t n, const double *z,
                               const double *v)
{
    il_layer_profile p;
    memset(&p, 0, sizeof p);
    p.Z = Z, p.kind = kind, p.n = n;
    for (size_t i = 0; i < n; i++)
        p.depth_nm[i] = z[i], p.value[i] = v[i];
    return p;
}

static void add(il_stack *s, size_t i, const il_layer_profile *p)
{
    il_error err;
    if (il_stack_add_profile(s, i, p, &err) != IL_OK)
        fail_msg("%s", err.message);
}

static double simpson(const il_layer *l, size_t k, double a, double b)
{
    const int n = 20000;
    double h = (b - a) / n, sum = il_layer_profile_value(l, k, a) + il_layer_profile_value(l, k, b);
    for (int i = 1; i < n; i++)
        sum += (i % 2 ? 4 : 2) * il_layer_profile_value(l, k, a + i * h);
    return sum * h / 3;
}

static void values_by_hand(void **state)
{
    (void)state;
    il_stack *s = parse("Li3PO4 1.5um | Si");
    const double z[] = {0, 100, 200}, v[] = {3.0, 2.8, 2.8};
    il_layer_profile lin = points(3, IL_PROFILE_LINEAR, 3, z, v);
    add(s, 0, &lin);
    const double zs[] = {0, 10, 20}, vs[] = {1, 2, 3};
    il_layer_profile st = points(8, IL_PROFILE_STEPS, 3, zs, vs);
    add(s, 0, &st);
    const il_layer *l = il_stack_layer(s, 0);
    assert_int_equal(il_layer_n_profiles(l), 2);
    assert_true(fabs(il_layer_profile_value(l, 0, 50) - 2.9) < 1e-12);
    assert_true(fabs(il_layer_profile_value(l, 0, -10) - 3.0) < 1e-12); /* held before */
    assert_true(fabs(il_layer_profile_value(l, 0, 900) - 2.8) < 1e-12); /* held after */
    assert_true(fabs(il_layer_profile_mean(l, 0, 0, 100) - 2.9) < 1e-12);
    assert_true(fabs(il_layer_profile_mean(l, 0, 50, 250) - (2.85 * 50 + 2.8 * 150) / 200) <
                1e-12);
    assert_true(il_layer_profile_value(l, 1, 5) == 1 && il_layer_profile_value(l, 1, 10) == 2);
    assert_true(il_layer_profile_value(l, 1, 15) == 2 && il_layer_profile_value(l, 1, 25) == 3);
    assert_true(fabs(il_layer_profile_mean(l, 1, 5, 15) - 1.5) < 1e-12);
    /* Li per formula unit 2.9 at 50 nm: il_layer_count_at and a 100 nm mean */
    assert_true(fabs(il_layer_count_at(l, 3, 0, 50, 50) - 2.9) < 1e-12);
    assert_true(fabs(il_layer_count_at(l, 15, 0, 0, 100) - 1.0) < 1e-12); /* P untouched */

    il_layer_profile e;
    memset(&e, 0, sizeof e);
    e.Z = 3, e.kind = IL_PROFILE_ERF, e.top = 3.0, e.bottom = 2.5, e.centre_nm = 1200,
    e.width_nm = 50;
    add(s, 0, &e); /* replaces the linear Li profile: one per species */
    assert_int_equal(il_layer_n_profiles(l), 2);
    assert_true(fabs(il_layer_profile_value(l, 0, 1200) - 2.75) < 1e-12);
    assert_true(fabs(il_layer_profile_value(l, 0, 1250) - (3.0 - 0.5 * 0.8413447460685429)) <
                1e-12);
    il_layer_profile x;
    memset(&x, 0, sizeof x);
    x.Z = 3, x.kind = IL_PROFILE_EXP, x.at_interface = 2.0, x.bulk = 3.0, x.length_nm = 20;
    x.from_bottom = 1;
    add(s, 0, &x);
    assert_true(fabs(il_layer_profile_value(l, 0, 1480) - (3.0 - 0.36787944117144233)) < 1e-12);
    assert_true(fabs(il_layer_profile_value(l, 0, 1500) - 2.0) < 1e-12);
    il_stack_free(s);
}

static void areal_integrals(void **state)
{
    (void)state;
    il_stack *s = parse("Li3PO4 3um | Si");
    il_layer_profile e;
    memset(&e, 0, sizeof e);
    e.Z = 3, e.kind = IL_PROFILE_ERF, e.top = 3.0, e.bottom = 2.5, e.centre_nm = 1200,
    e.width_nm = 50;
    add(s, 0, &e);
    const il_layer *l = il_stack_layer(s, 0);
    double t = 3000, nfu = l->atoms_cm3 / 8.0; /* Li3PO4: 8 atoms per formula unit */
    double expect = nfu * (3.0 * 1200 + 2.5 * (t - 1200)) * 1e-7;
    double got = il_layer_profile_areal(l, 0);
    print_message("erf areal %.12e atoms/cm2, analytic %.12e (rel %.1e)\n", got, expect,
                  got / expect - 1);
    assert_true(fabs(got / expect - 1) < 1e-10);
    /* a front at the top face (centre 30 nm, width 50 nm) and an exp decay: Simpson */
    e.centre_nm = 30;
    add(s, 0, &e);
    double q = simpson(l, 0, 0, t);
    assert_true(fabs(il_layer_profile_mean(l, 0, 0, t) * t / q - 1) < 1e-10);
    assert_true(fabs(il_layer_profile_mean(l, 0, 10, 95) * 85 / simpson(l, 0, 10, 95) - 1) <
                1e-10);
    il_layer_profile x;
    memset(&x, 0, sizeof x);
    x.Z = 3, x.kind = IL_PROFILE_EXP, x.at_interface = 0.5, x.bulk = 3.0, x.length_nm = 40;
    for (int side = 0; side < 2; side++) {
        x.from_bottom = side;
        add(s, 0, &x);
        assert_true(fabs(il_layer_profile_mean(l, 0, 0, t) * t / simpson(l, 0, 0, t) - 1) <
                    1e-10);
        assert_true(fabs(il_layer_profile_mean(l, 0, 2900, 3000) * 100 /
                             simpson(l, 0, 2900, 3000) - 1) < 1e-10);
    }
    il_stack_free(s);
}

static il_layer_isotope find(const il_layer_isotope *iso, size_t n, int Z, int A)
{
    for (size_t i = 0; i < n; i++)
        if (iso[i].Z == Z && iso[i].A == A)
            return iso[i];
    fail_msg("no isotope %d-%d", Z, A);
    return iso[0];
}

static void local_isotopes(void **state)
{
    (void)state;
    il_stack *s = parse("Li3PO4 200nm li6=0.95 | Si 100nm | Si");
    const double z[] = {0}, half[] = {1.5}, li01[] = {0.1};
    il_layer_profile p = points(3, IL_PROFILE_LINEAR, 1, z, half);
    add(s, 0, &p);
    il_layer_profile q = points(3, IL_PROFILE_LINEAR, 1, z, li01);
    add(s, 1, &q);
    const il_layer *l = il_stack_layer(s, 0);
    il_layer_isotope nom[IL_FORMULA_ISOTOPES_MAX], loc[IL_FORMULA_ISOTOPES_MAX];
    size_t nn = il_layer_isotopes(l, nom, IL_FORMULA_ISOTOPES_MAX);
    size_t nloc = il_layer_isotopes_at(l, 20, 60, loc, IL_FORMULA_ISOTOPES_MAX);
    assert_int_equal(nn, nloc);
    for (size_t i = 0; i < nn; i++) {
        double f = nom[i].Z == 3 ? 0.5 : 1.0;
        assert_true(fabs(loc[i].atoms_cm3 / (f * nom[i].atoms_cm3) - 1) < 1e-12);
        assert_true(fabs(loc[i].atoms_cm2 / (loc[i].atoms_cm3 * 40e-7) - 1) < 1e-12);
    }
    /* 95 % 6Li kept: 6Li = 0.95 x 1.5 Li per formula unit */
    double nfu = l->atoms_cm3 / 8.0;
    assert_true(fabs(find(loc, nloc, 3, 6).atoms_cm3 / (nfu * 1.5 * 0.95) - 1) < 1e-12);
    /* Li into Si: added in the natural mix */
    const il_layer *si = il_stack_layer(s, 1);
    nloc = il_layer_isotopes_at(si, 50, 50, loc, IL_FORMULA_ISOTOPES_MAX);
    double li6 = find(loc, nloc, 3, 6).atoms_cm3;
    assert_true(fabs(li6 / (si->atoms_cm3 * 0.1 * il_isotope_abundance(3, 6)) - 1) < 1e-12);
    assert_true(fabs(il_layer_profile_areal(si, 0) / (si->atoms_cm3 * 0.1 * 100e-7) - 1) < 1e-12);
    /* a copy of the stack carries its profiles */
    il_stack *c;
    il_error err;
    assert_int_equal(il_stack_clone(s, &c, &err), IL_OK);
    assert_int_equal(il_layer_n_profiles(il_stack_layer(c, 1)), 1);
    assert_int_equal(il_stack_clear_profiles(c, 1, &err), IL_OK);
    assert_int_equal(il_layer_n_profiles(il_stack_layer(c, 1)), 0);
    assert_int_equal(il_layer_n_profiles(il_stack_layer(s, 1)), 1);
    il_stack_free(c);
    il_stack_free(s);
}

static void refusals(void **state)
{
    (void)state;
    il_stack *s = parse("Li3PO4 200nm | Si");
    il_error err;
    const double z[] = {0, 100, 50}, v[] = {3, 2, 1};
    il_layer_profile p = points(3, IL_PROFILE_LINEAR, 3, z, v);
    assert_int_equal(il_stack_add_profile(s, 0, &p, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "point 3"));
    p.n = 2;
    assert_int_equal(il_stack_add_profile(s, 1, &p, &err), IL_ERR_INVALID); /* substrate */
    assert_int_equal(il_stack_add_profile(s, 5, &p, &err), IL_ERR_INVALID);
    p.Z = 3, p.A = 2; /* no such nuclide */
    assert_int_equal(il_stack_add_profile(s, 0, &p, &err), IL_ERR_INVALID);
    il_layer_profile e;
    memset(&e, 0, sizeof e);
    e.Z = 3, e.kind = IL_PROFILE_ERF, e.top = 3, e.bottom = 2, e.width_nm = 0;
    assert_int_equal(il_stack_add_profile(s, 0, &e, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "width 0"));
    assert_int_equal(il_layer_n_profiles(il_stack_layer(s, 0)), 0);
    il_stack_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_by_hand), cmocka_unit_test(areal_integrals),
        cmocka_unit_test(local_isotopes), cmocka_unit_test(refusals)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
