/* The fast tables, ranges, paths and straggling:
 *  - fast evaluation vs direct evaluation (relative error < 1e-4, measured and printed);
 *  - CSDA ranges and path lengths vs adaptive GSL integration of 1/S (direct evaluation) at
 *    1e-4, and round-trip identities;
 *  - ranges in Li metal vs the review's numbers, protons in water vs PSTAR CSDA ranges;
 *  - straggling: Bohr limit, additivity for thin layers, Chu factor -> 1 at high energy,
 *    exact propagation identities; depth-energy geometry. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include "interlayer/elements.h"
#include "interlayer/stopping.h"
#include "physics/stopping/stopping_internal.h"

#define N_A 6.02214076e23

typedef struct {
    il_ion ion;
    const il_stopping_target *t;
} ref_ctx;

static double inv_S_keV(double E, void *p)
{
    const ref_ctx *c = p;
    il_stopping_value v;
    if (E <= 0.0 || il_stopping_compound(c->ion, c->t, E, &v, NULL, NULL, NULL) != IL_OK)
        return 0.0;
    return 1.0 / (v.total_eV_tfu * 1e-3); /* tfu per keV */
}

/* integral of dE/S (tfu) from a to b by GSL adaptive quadrature (qags near 0 for the sqrt
 * endpoint behaviour, qag elsewhere), relative accuracy 1e-9 */
static double ref_path_tfu(il_ion ion, const il_stopping_target *t, double a, double b)
{
    gsl_set_error_handler_off();
    ref_ctx c = {ion, t};
    gsl_function f = {inv_S_keV, &c};
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(2000);
    double r = 0.0, e, part;
    double mid = a < 1.0 ? fmin(1.0, b) : a;
    if (a < mid) {
        gsl_integration_qags(&f, a, mid, 0, 1e-10, 2000, w, &part, &e);
        r += part;
    }
    /* break at decades so the adaptive rule sees the table joins */
    double lo = mid;
    while (lo < b) {
        double hi = fmin(b, lo * 10.0);
        gsl_integration_qag(&f, lo, hi, 0, 1e-10, 2000, GSL_INTEG_GAUSS61, w, &part, &e);
        r += part;
        lo = hi;
    }
    gsl_integration_workspace_free(w);
    return r;
}

static int Z_lco[] = {3, 27, 8};
static double n_lco[] = {1, 1, 2};
static int Z_li[] = {3};
static double n_one[] = {1};
static int Z_si[] = {14};
static int Z_au[] = {79};
static int Z_lipon[] = {3, 15, 8};
static double n_lipon[] = {3, 1, 4};

/* The ZBL universal formula changes form at reduced energy eps = 30 with a step of 0.95 % in
 * the nuclear part (ln(1+1.1383 eps)/(2(eps+...)) = 0.05723 vs ln(eps)/(2 eps) = 0.05669);
 * a table smooths the step over one grid cell (0.9 %), so energies within 1 % of it are
 * skipped. */
static int near_zbl_switch(il_ion ion, const int *Z, size_t k, double E)
{
    il_ion_info info;
    il_ion_get(ion, &info, NULL);
    for (size_t i = 0; i < k; i++) {
        double M2 = il_element_by_z(Z[i])->atomic_weight_u;
        double eps_per_keV = 32.53 * M2 /
            (info.Z * Z[i] * (info.mass_u + M2) * (pow(info.Z, 0.23) + pow(Z[i], 0.23)));
        double E30 = 30.0 / eps_per_keV;
        if (fabs(E / E30 - 1.0) < 0.01)
            return 1;
    }
    return 0;
}

/* Fast vs direct over 0.011 keV .. 100 MeV: worst relative error < 1e-4. Measured (printed):
 * 9.2e-5 for 3He in Au at 0.75 keV, where the velocity-proportional extension meets the
 * ASTAR table at 1 keV (alpha) with a slope jump; 2-3e-5 at the other slope jumps (10 keV/u
 * of the proton fit, the 1 MeV/u fit/Bethe join); ~2e-6 on smooth stretches. */
static void test_fast_vs_direct(void **state)
{
    (void)state;
    struct {
        il_ion ion;
        int *Z;
        double *n;
        size_t k;
    } cases[] = {{IL_ION_ALPHA, Z_lco, n_lco, 3}, {IL_ION_T, Z_lco, n_lco, 3},
                 {IL_ION_P, Z_lipon, n_lipon, 3}, {IL_ION_HE3, Z_au, n_one, 1},
                 {IL_ION_D, Z_si, n_one, 1},      {IL_ION_ALPHA, Z_li, n_one, 1}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        il_stopping_target t = {.Z = cases[c].Z, .atoms = cases[c].n, .n = cases[c].k};
        il_stopping *s;
        assert_int_equal(il_stopping_new(cases[c].ion, &t, &s, NULL), IL_OK);
        double worst = 0.0, at = 0.0;
        for (double E = 0.011; E < 1e5; E *= 1.00731) {
            if (near_zbl_switch(cases[c].ion, cases[c].Z, cases[c].k, E))
                continue;
            il_stopping_value v;
            assert_int_equal(il_stopping_compound(cases[c].ion, &t, E, &v, NULL, NULL, NULL), IL_OK);
            double e = fabs(il_stopping_eval(s, E) / v.total_eV_tfu - 1.0);
            double ee = fabs(il_stopping_eval_electronic(s, E) / v.electronic_eV_tfu - 1.0);
            if (fmax(e, ee) > worst) {
                worst = fmax(e, ee);
                at = E;
            }
        }
        print_message("case %zu: fast vs direct worst %.2g at %g keV\n", c, worst, at);
        assert_true(worst < 1e-4);
        double S;
        il_error err;
        assert_int_equal(il_stopping_at(s, 2e5, &S, &err), IL_ERR_RANGE);
        assert_int_equal(il_stopping_at(s, -1, &S, &err), IL_ERR_RANGE);
        il_stopping_free(s);
    }
}

/* CSDA range and partial paths vs the reference integration: 1e-4 relative. Ranges are
 * checked from 100 keV up: below 10 eV the fast table takes the total stopping
 * velocity-proportional (below 1e-3 eV; above, the table integrates the direct stopping), a
 * negligible shift, but the reference quadrature itself loses digits near E = 0. */
static void test_ranges_vs_reference(void **state)
{
    (void)state;
    il_stopping_target t = {.Z = Z_lco, .atoms = n_lco, .n = 3};
    il_ion ions[] = {IL_ION_ALPHA, IL_ION_T, IL_ION_P};
    for (size_t k = 0; k < 3; k++) {
        il_stopping *s;
        assert_int_equal(il_stopping_new(ions[k], &t, &s, NULL), IL_OK);
        const double Es[] = {100, 500, 2055.8, 2727.7, 8000, 30000};
        for (size_t j = 0; j < 6; j++) {
            double R, Rref = ref_path_tfu(ions[k], &t, 0.0, Es[j]);
            assert_int_equal(il_stopping_range_tfu(s, Es[j], &R, NULL), IL_OK);
            if (fabs(R / Rref - 1.0) > 1e-4)
                fail_msg("ion %d E %g: range %g tfu, reference %g", (int)ions[k], Es[j], R, Rref);
            /* energy after a path: the reference integral between E_in and E_out equals
             * the path */
            double N = 5e22;
            il_path_segment seg = {s, N, INFINITY};
            il_beam in = {Es[j], 0.0}, out;
            double path_nm = il_tfu_to_nm(0.37 * R, N);
            assert_int_equal(il_path_advance(&seg, 1, in, path_nm, &out, NULL), IL_OK);
            double x_ref = il_tfu_to_nm(ref_path_tfu(ions[k], &t, out.E_keV, Es[j]), N);
            if (fabs(x_ref / path_nm - 1.0) > 1e-4)
                fail_msg("ion %d E %g: path %g nm -> E %g keV; reference path %g nm",
                         (int)ions[k], Es[j], path_nm, out.E_keV, x_ref);
            /* round trip: the path to that energy is the path we went (Newton to 1e-13) */
            double back;
            assert_int_equal(il_path_length_to_energy(&seg, 1, Es[j], out.E_keV, &back, NULL), IL_OK);
            assert_true(fabs(back / path_nm - 1.0) < 1e-9);
            /* going x1 then x2 equals going x1 + x2 */
            il_beam mid, end;
            il_path_advance(&seg, 1, in, 0.4 * path_nm, &mid, NULL);
            il_path_advance(&seg, 1, mid, 0.6 * path_nm, &end, NULL);
            assert_true(fabs(end.E_keV / out.E_keV - 1.0) < 1e-9);
            assert_true(fabs(end.sigma_keV / out.sigma_keV - 1.0) < 1e-6);
        }
        il_stopping_free(s);
    }
}

/* Multi-segment path: the particle's energy after three segments equals the energy after
 * advancing segment by segment; the range through segments vs the reference. */
static void test_segments(void **state)
{
    (void)state;
    il_stopping_target tl = {.Z = Z_lco, .atoms = n_lco, .n = 3};
    il_stopping_target tp = {.Z = Z_lipon, .atoms = n_lipon, .n = 3};
    il_stopping_target ts = {.Z = Z_si, .atoms = n_one, .n = 1};
    il_stopping *a, *b, *c;
    il_stopping_new(IL_ION_ALPHA, &tl, &a, NULL);
    il_stopping_new(IL_ION_ALPHA, &tp, &b, NULL);
    il_stopping_new(IL_ION_ALPHA, &ts, &c, NULL);
    il_path_segment seg[3] = {{a, 1.0e23, 1000.0}, {b, 8.0e22, 1500.0}, {c, 4.99e22, INFINITY}};
    il_beam in = {2055.8, 0.0}, out, step = in;
    assert_int_equal(il_path_advance(seg, 3, in, 3000.0, &out, NULL), IL_OK);
    il_path_advance(&seg[0], 1, step, 1000.0, &step, NULL);
    il_path_advance(&seg[1], 1, step, 1500.0, &step, NULL);
    il_path_advance(&seg[2], 1, step, 500.0, &step, NULL);
    assert_true(fabs(step.E_keV / out.E_keV - 1.0) < 1e-12);
    /* reference: energy at each boundary from the reference integral (bisection) */
    const il_stopping_target *tt[3] = {&tl, &tp, &ts};
    double E = 2055.8, lens[3] = {1000.0, 1500.0, 500.0};
    for (int k = 0; k < 3; k++) {
        double x_tfu = il_nm_to_tfu(lens[k], seg[k].atoms_cm3);
        double lo = 1.0, hi = E;
        for (int it = 0; it < 60; it++) {
            double m = 0.5 * (lo + hi);
            if (ref_path_tfu(IL_ION_ALPHA, tt[k], m, E) > x_tfu)
                lo = m;
            else
                hi = m;
        }
        E = 0.5 * (lo + hi);
    }
    /* energy error: path error 1e-4 of 3 um times S/E ~ 0.3 um^-1... keep 1e-4 relative */
    if (fabs(E / out.E_keV - 1.0) > 1e-4)
        fail_msg("3 segments: %g keV, reference %g keV", out.E_keV, E);
    double range;
    assert_int_equal(il_path_range_nm(seg, 3, 2055.8, &range, NULL), IL_OK);
    assert_true(range > 2500.0 && isfinite(range));
    il_path_segment finite[1] = {{a, 1e23, 10.0}};
    assert_int_equal(il_path_range_nm(finite, 1, 2055.8, &range, NULL), IL_OK);
    assert_true(isinf(range));
    il_error err;
    assert_int_equal(il_path_advance(finite, 1, in, 20.0, &out, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "20 nm"));
    assert_int_equal(il_path_length_to_energy(finite, 1, 2055.8, 100.0, &range, &err), IL_ERR_RANGE);
    il_stopping_free(a);
    il_stopping_free(b);
    il_stopping_free(c);
}

/* Li metal (0.534 g/cm3, M = 6.94): the review's ranges 23.5 um (2055.8 keV alpha) and
 * 133 um (2727.7 keV triton), within 3 % (the review's numbers are SRIM-type values;
 * measured here: 24.08 um, +2.5 %, and 134.8 um, +1.3 %).
 * Protons in water, NIST PSTAR CSDA ranges (PSTAR database, liquid water): 10 MeV
 * 0.1230 g/cm2, 100 MeV 7.718 g/cm2. Water is built here by Bragg additivity from the
 * gas-phase H and O tables, whose stopping exceeds liquid water's by up to ~3 % near
 * 1 MeV (test_stopping_tables), so the range comes out short: tolerance 3 %. */
static void test_published_ranges(void **state)
{
    (void)state;
    il_stopping_target t = {.Z = Z_li, .atoms = n_one, .n = 1};
    il_stopping *sa, *st;
    assert_int_equal(il_stopping_new(IL_ION_ALPHA, &t, &sa, NULL), IL_OK);
    assert_int_equal(il_stopping_new(IL_ION_T, &t, &st, NULL), IL_OK);
    double N_li = 0.534 * N_A / 6.94;
    il_path_segment sega = {sa, N_li, INFINITY}, segt = {st, N_li, INFINITY};
    double ra, rt;
    assert_int_equal(il_path_range_nm(&sega, 1, 2055.8, &ra, NULL), IL_OK);
    assert_int_equal(il_path_range_nm(&segt, 1, 2727.7, &rt, NULL), IL_OK);
    print_message("Li: alpha range %.2f um (23.5), triton %.1f um (133)\n", ra / 1e3, rt / 1e3);
    assert_true(fabs(ra / 23.5e3 - 1.0) < 0.03);
    assert_true(fabs(rt / 133e3 - 1.0) < 0.03);
    il_stopping_free(sa);
    il_stopping_free(st);

    int Zw[] = {1, 8};
    double nw[] = {2, 1};
    il_stopping_target tw = {.Z = Zw, .atoms = nw, .n = 2};
    il_stopping *sp;
    assert_int_equal(il_stopping_new(IL_ION_P, &tw, &sp, NULL), IL_OK);
    double M_w = 2 * il_element_by_z(1)->atomic_weight_u + il_element_by_z(8)->atomic_weight_u;
    double r10, r100;
    il_stopping_range_tfu(sp, 1e4, &r10, NULL);
    il_stopping_range_tfu(sp, 1e5, &r100, NULL);
    /* tfu (atoms) -> g/cm2: 1e15 atoms x (M/3 g/mol per atom) / N_A */
    double g10 = r10 * 1e15 * (M_w / 3.0) / N_A, g100 = r100 * 1e15 * (M_w / 3.0) / N_A;
    print_message("water: p 10 MeV %.4f g/cm2 (0.1230), 100 MeV %.3f g/cm2 (7.718)\n", g10, g100);
    assert_true(fabs(g10 / 0.1230 - 1.0) < 0.03);
    assert_true(fabs(g100 / 7.718 - 1.0) < 0.03);
    il_stopping_free(sp);
}

/* Straggling. Bohr: Omega^2 = 4 pi Z1^2 e^4 Z2 N dx = 2.60565e-4 keV^2 x Z1^2 Z2 per tfu.
 * 50 MeV protons through 100 um Si lose ~0.5 % of their energy: with the Bohr model the
 * straggling equals Omega_B^2 to within the (S_out/S_in)^2 propagation effect (< 1 %); with
 * the Chu/Yang model the correction is within 2 % of 1 at 50 MeV/u. */
static void test_straggling_limits(void **state)
{
    (void)state;
    il_stopping_target t = {.Z = Z_si, .atoms = n_one, .n = 1, .straggling = IL_STRAG_BOHR};
    il_stopping *sb, *sy;
    assert_int_equal(il_stopping_new(IL_ION_P, &t, &sb, NULL), IL_OK);
    t.straggling = IL_STRAG_YANG;
    assert_int_equal(il_stopping_new(IL_ION_P, &t, &sy, NULL), IL_OK);
    double N = 4.99e22, L = 1e5; /* 100 um */
    double omega2 = 2.60565e-4 * 14 * il_nm_to_tfu(L, N);
    il_path_segment seg = {sb, N, INFINITY};
    il_beam in = {5e4, 0.0}, out;
    il_path_advance(&seg, 1, in, L, &out, NULL);
    assert_true(out.E_keV < 5e4 * 0.997 && out.E_keV > 5e4 * 0.99);
    assert_true(fabs(out.sigma_keV * out.sigma_keV / omega2 - 1.0) < 0.01);
    seg.stopping = sy;
    il_path_advance(&seg, 1, in, L, &out, NULL);
    assert_true(fabs(out.sigma_keV * out.sigma_keV / omega2 - 1.0) < 0.02);

    /* Chu factor -> 1 at high energy: its terms fall as E^-0.3..E^-1.2, so within 4 % at
     * 1000 MeV/u and 1 % at 1e6 MeV/u for every Z2 (the slow E^-0.3 of heavy targets);
     * it reduces straggling at low energy (0.1 MeV/u: factor < 1 for Z2 >= 3) */
    for (int Z2 = 2; Z2 <= 92; Z2++) {
        assert_true(fabs(il__chu_factor(Z2, 1000.0) - 1.0) < 0.04);
        assert_true(fabs(il__chu_factor(Z2, 1e6) - 1.0) < 0.01);
        if (Z2 >= 3)
            assert_true(il__chu_factor(Z2, 0.1) < 1.0);
        assert_true(il__yang_extra(1, Z2, 1000.0) < 1e-3);
        assert_true(il__yang_extra(2, Z2, 1000.0) < 1e-3);
    }
    assert_true(il__chu_factor(1, 0.1) == 1.0);
    il_stopping_free(sb);
    il_stopping_free(sy);
}

/* Thin layers: sigma^2 adds (Si 10 nm then Au 10 nm for 2 MeV He: energy loss ~1 %, so
 * sigma^2 = Omega_Si^2 + Omega_Au^2 within 2 %, the (S_out/S_in)^2 effect); a layer split in
 * two gives exactly the same result (1e-9); without straggling an initial spread scales by
 * S(E_out)/S(E_in) (1e-6, interpolation of S). */
static void test_straggling_propagation(void **state)
{
    (void)state;
    il_stopping_target ts = {.Z = Z_si, .atoms = n_one, .n = 1};
    il_stopping_target ta = {.Z = Z_au, .atoms = n_one, .n = 1};
    il_stopping *si, *au;
    il_stopping_new(IL_ION_ALPHA, &ts, &si, NULL);
    il_stopping_new(IL_ION_ALPHA, &ta, &au, NULL);
    double Nsi = 4.99e22, Nau = 5.90e22;
    il_path_segment two[2] = {{si, Nsi, 10.0}, {au, Nau, INFINITY}};
    il_beam in = {2000.0, 0.0}, out, a, b;
    il_path_advance(two, 2, in, 20.0, &out, NULL);
    il_path_advance(&two[0], 1, in, 10.0, &a, NULL);
    il_path_segment au_only = {au, Nau, INFINITY};
    il_path_advance(&au_only, 1, in, 10.0, &b, NULL);
    double sum = a.sigma_keV * a.sigma_keV + b.sigma_keV * b.sigma_keV;
    assert_true(fabs(out.sigma_keV * out.sigma_keV / sum - 1.0) < 0.02);

    il_path_segment whole = {au, Nau, 400.0};
    il_path_segment halves[2] = {{au, Nau, 150.0}, {au, Nau, 250.0}};
    il_beam w, h;
    il_path_advance(&whole, 1, in, 400.0, &w, NULL);
    il_path_advance(halves, 2, in, 400.0, &h, NULL);
    assert_true(fabs(w.E_keV / h.E_keV - 1.0) < 1e-12);
    assert_true(fabs(w.sigma_keV / h.sigma_keV - 1.0) < 1e-9);

    il_stopping_target tn = {.Z = Z_au, .atoms = n_one, .n = 1, .straggling = IL_STRAG_NONE};
    il_stopping *an;
    il_stopping_new(IL_ION_ALPHA, &tn, &an, NULL);
    il_path_segment segn = {an, Nau, INFINITY};
    il_beam spread = {2000.0, 10.0};
    il_path_advance(&segn, 1, spread, 2000.0, &w, NULL);
    double ratio = il_stopping_eval(an, w.E_keV) / il_stopping_eval(an, 2000.0);
    assert_true(fabs(w.sigma_keV / (10.0 * ratio) - 1.0) < 1e-6);
    il_stopping_free(si);
    il_stopping_free(au);
    il_stopping_free(an);
}

/* Depth-energy: born at the surface it leaves unchanged; at 60 deg the path doubles; energy
 * falls with depth; below the range it does not come out; errors name the problem. */
static void test_depth_energy(void **state)
{
    (void)state;
    il_stopping_target t = {.Z = Z_lco, .atoms = n_lco, .n = 3};
    il_stopping_target tl = {.Z = Z_li, .atoms = n_one, .n = 1};
    il_stopping *s, *li;
    il_stopping_new(IL_ION_ALPHA, &t, &s, NULL);
    il_stopping_new(IL_ION_ALPHA, &tl, &li, NULL);
    il_slab one[1] = {{s, 1.0e23, INFINITY}};
    il_beam e0, e60, e2;
    assert_int_equal(il_depth_energy(one, 1, 0.0, 2055.8, 0.0, &e0, NULL), IL_OK);
    assert_true(e0.E_keV == 2055.8 && e0.sigma_keV == 0.0);
    il_depth_energy(one, 1, 500.0, 2055.8, 60.0, &e60, NULL);
    il_depth_energy(one, 1, 1000.0, 2055.8, 0.0, &e2, NULL);
    assert_true(fabs(e60.E_keV / e2.E_keV - 1.0) < 1e-9);
    assert_true(fabs(e60.sigma_keV / e2.sigma_keV - 1.0) < 1e-6);

    il_slab stack[2] = {{s, 1.0e23, 800.0}, {li, 4.634e22, INFINITY}};
    double depth[50];
    il_beam ex[50];
    for (int i = 0; i < 50; i++)
        depth[i] = 1000.0 * i;
    assert_int_equal(il_depth_energy_curve(stack, 2, 2055.8, 0.0, depth, 50, ex, NULL), IL_OK);
    for (int i = 1; i < 50; i++)
        assert_true(ex[i].E_keV <= ex[i - 1].E_keV);
    assert_true(ex[0].E_keV == 2055.8);
    assert_true(ex[1].E_keV < 2055.8 && ex[1].sigma_keV > 0.0);
    assert_true(ex[49].E_keV == 0.0); /* 49 um of Li: beyond the 24 um range */
    il_error err;
    il_slab fin[1] = {{s, 1.0e23, 100.0}};
    assert_int_equal(il_depth_energy(fin, 1, 200.0, 2055.8, 0.0, &e0, &err), IL_ERR_RANGE);
    assert_non_null(strstr(err.message, "below the stack"));
    assert_int_equal(il_depth_energy(one, 1, 10.0, 2055.8, 90.0, &e0, &err), IL_ERR_INVALID);
    assert_int_equal(il_depth_energy(one, 1, -1.0, 2055.8, 0.0, &e0, &err), IL_ERR_INVALID);
    assert_int_equal(il_depth_energy(one, 1, 10.0, 2e5, 0.0, &e0, &err), IL_ERR_RANGE);
    il_stopping *tr;
    il_stopping_new(IL_ION_T, &t, &tr, NULL);
    il_slab mixed[2] = {{s, 1e23, 10.0}, {tr, 1e23, INFINITY}};
    assert_int_equal(il_depth_energy(mixed, 2, 20.0, 2000.0, 0.0, &e0, &err), IL_ERR_INVALID);
    assert_non_null(strstr(err.message, "another ion"));
    il_stopping_free(tr);
    il_stopping_free(s);
    il_stopping_free(li);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_vs_direct),
        cmocka_unit_test(test_ranges_vs_reference),
        cmocka_unit_test(test_segments),
        cmocka_unit_test(test_published_ranges),
        cmocka_unit_test(test_straggling_limits),
        cmocka_unit_test(test_straggling_propagation),
        cmocka_unit_test(test_depth_energy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
