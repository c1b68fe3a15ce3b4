/* Validation of the electronic stopping against the NIST ASTAR/PSTAR tables (ICRU Report 49),
 * read here straight from the embedded rows, not through the engine:
 *  - every tabulated element reproduces its table at the table energies (the engine's unit
 *    conversion and lookup), and the interpolation scheme's own error is measured by
 *    predicting odd nodes from even ones;
 *  - every stoichiometric NIST compound is compared with Bragg additivity of the elemental
 *    values; the tolerance per compound is the measured phase/binding effect (see below);
 *  - the ICRU-49 fits reproduce the tables to 4 digits where ICRU 49 itself used them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "data/tables.h"
#include "interlayer/elements.h"
#include "interlayer/stopping.h"
#include "physics/stopping/stopping_internal.h"

static const int tab_elements[] = {1,  2,  4,  6,  7,  8,  10, 13, 14, 18, 22, 26, 29,
                                   32, 36, 42, 47, 50, 54, 64, 74, 78, 79, 82, 92};
#define N_TAB (sizeof tab_elements / sizeof tab_elements[0])

static size_t rows_of(const il_row_star *tab, size_t count, int id, const il_row_star **rows)
{
    size_t i = 0;
    while (i < count && tab[i].material_id != id)
        i++;
    size_t n = 0;
    while (i + n < count && tab[i + n].material_id == id)
        n++;
    *rows = tab + i;
    return n;
}

/* eV/tfu -> MeV cm2/g for element Z */
static double to_mass(double S_eV_tfu, double M)
{
    return S_eV_tfu * 602.214076 / M;
}

/* At every table energy up to the ion's data top, the engine returns the tabulated value.
 * Tolerance 1e-9: only floating-point rounding (exp/log of the cubic through the node). */
static void test_elements_reproduce_tables(void **state)
{
    (void)state;
    for (int ionZ = 1; ionZ <= 2; ionZ++) {
        const il_row_star *tab = ionZ == 1 ? il_tab_pstar : il_tab_astar;
        size_t count = ionZ == 1 ? il_tab_pstar_count : il_tab_astar_count;
        il_ion ion = ionZ == 1 ? IL_ION_P : IL_ION_ALPHA;
        il_ion_ref ref;
        assert_int_equal(il__ion_ref(ion, &ref, NULL), IL_OK);
        for (size_t k = 0; k < N_TAB; k++) {
            int Z = tab_elements[k];
            const il_row_star *r;
            size_t n = rows_of(tab, count, Z, &r);
            assert_true(n > 100);
            double M = il_element_by_z(Z)->atomic_weight_u;
            for (size_t j = 0; j < n; j++) {
                il_stopping_value v;
                /* the ion's energy whose reference (proton/alpha) energy is the node */
                double E = r[j].energy_MeV * 1e3 / ref.to_ref;
                if (E > il_stopping_emax_keV(ion))
                    E = il_stopping_emax_keV(ion);
                assert_int_equal(il_stopping_element(ion, Z, E, &v, NULL), IL_OK);
                assert_int_equal(v.source, IL_STOP_SRC_TABLE);
                double got = to_mass(v.electronic_eV_tfu, M);
                if (fabs(got / r[j].S_MeV_cm2_g - 1.0) > 1e-9)
                    fail_msg("Z1=%d Z=%d E=%g MeV: %g vs table %g", ionZ, Z, r[j].energy_MeV,
                             got, r[j].S_MeV_cm2_g);
            }
        }
    }
}

/* The interpolation method (4-point cubic in log-log) predicting the odd nodes from the even
 * ones, i.e. on a grid twice as coarse as the real one: measured worst case 0.6 % (ASTAR, at
 * the 1 keV..1 GeV extremes of a few gases) and < 0.1 % for most; with the full grid the error
 * is ~16x smaller (4th order), well under the tables' own 4-digit precision. */
static double cubic_loglog(const double *x, const double *y, double xv)
{
    double s = 0.0;
    for (int j = 0; j < 4; j++) {
        double l = 1.0;
        for (int q = 0; q < 4; q++)
            if (q != j)
                l *= (log(xv) - log(x[q])) / (log(x[j]) - log(x[q]));
        s += l * log(y[j]);
    }
    return exp(s);
}

static void test_interpolation_error_held_out(void **state)
{
    (void)state;
    double worst = 0.0;
    for (int ionZ = 1; ionZ <= 2; ionZ++) {
        const il_row_star *tab = ionZ == 1 ? il_tab_pstar : il_tab_astar;
        size_t count = ionZ == 1 ? il_tab_pstar_count : il_tab_astar_count;
        for (size_t k = 0; k < N_TAB; k++) {
            const il_row_star *r;
            size_t n = rows_of(tab, count, tab_elements[k], &r);
            for (size_t j = 3; j + 4 < n; j += 2) {
                double x[4] = {r[j - 3].energy_MeV, r[j - 1].energy_MeV, r[j + 1].energy_MeV,
                               r[j + 3].energy_MeV};
                double y[4] = {r[j - 3].S_MeV_cm2_g, r[j - 1].S_MeV_cm2_g,
                               r[j + 1].S_MeV_cm2_g, r[j + 3].S_MeV_cm2_g};
                double e = fabs(cubic_loglog(x, y, r[j].energy_MeV) / r[j].S_MeV_cm2_g - 1.0);
                if (e > worst)
                    worst = e;
            }
        }
    }
    print_message("held-out interpolation error (half grid): worst %.3g %%\n", worst * 100);
    assert_true(worst < 0.01);
}

/* ---- compounds --------------------------------------------------------------------------- */

typedef struct {
    int id;
    const char *name;
    int n;
    int Z[6];
    double amount[6]; /* atoms per formula unit, or mass fractions when by_mass */
    int by_mass;
    /* tolerances in %: worst |Bragg/table - 1| over 1 keV..100 MeV for p, He, then above
     * 1 MeV/u for p, He; measured, plus 10 % and 0.2 points, rounded up to 0.5 % */
    double tol[4];
} compound;

/* NIST stoichiometric compounds (formulas from the NIST material list); air and Pyrex by the
 * NIST mass fractions. Not tested, because their multi-element NIST compositions are not in
 * data/: A-150, adipose, B-100, bones, C-552, ceric/ferrous sulfate solutions, M3 wax, MS20,
 * muscles, photographic emulsion, TE gases, cellulose nitrate.
 *
 * Tolerances (worst over 1 keV .. top of the table, per ion) were measured and rounded up. The
 * differences are physics, not numerics: Bragg additivity from gas-phase H, N, O, F-less
 * tables ignores chemical binding and phase. They peak at 1-100 keV (He: up to ~20-30 % for
 * hydrocarbons, whose ICRU-49 tables include binding corrections), shrink to a few % at the
 * Bragg peak and < 1 % at high energy (checked separately below). Elements without tables
 * (Li, B, F, Na, Cl, K, Ca, I, Cs) enter through the fits, so those compounds also carry the
 * fit-vs-table differences above 1 MeV/u. */
static const compound compounds[] = {
    {101, "acetylene", 2, {6, 1}, {2, 2}, 0, {5.0, 4.5, 4.5, 4.0}},
    {104, "air", 4, {6, 7, 8, 18}, {0.000124, 0.755268, 0.231781, 0.012827}, 1, {0.5, 0.5, 0.5, 0.5}},
    {106, "aluminum oxide", 2, {13, 8}, {2, 3}, 0, {33.5, 12.5, 6.0, 6.0}},
    {130, "calcium fluoride", 2, {20, 9}, {1, 2}, 0, {2.0, 24.0, 2.0, 2.5}},
    {134, "carbon dioxide", 2, {6, 8}, {1, 2}, 0, {5.5, 42.5, 3.0, 3.0}},
    {141, "cesium iodide", 2, {55, 53}, {1, 1}, 0, {9.0, 4.5, 9.0, 4.5}},
    {155, "ethylene", 2, {6, 1}, {2, 4}, 0, {4.0, 24.0, 3.5, 3.5}},
    {169, "pyrex", 6, {5, 8, 11, 13, 14, 19}, {0.040064, 0.539562, 0.028191, 0.011644, 0.377220, 0.003321}, 1, {17.0, 19.5, 5.0, 5.0}},
    {179, "kapton", 4, {6, 1, 7, 8}, {22, 10, 2, 5}, 0, {1.5, 1.5, 1.5, 1.5}},
    {185, "lithium fluoride", 2, {3, 9}, {1, 1}, 0, {2.0, 47.0, 1.5, 4.0}},
    {189, "lithium tetraborate", 3, {3, 5, 8}, {2, 4, 7}, 0, {5.5, 6.5, 4.5, 4.5}},
    {197, "methane", 2, {6, 1}, {1, 4}, 0, {8.0, 12.5, 2.5, 2.5}},
    {209, "nylon 6", 4, {6, 1, 7, 8}, {6, 11, 1, 1}, 0, {1.0, 1.0, 0.5, 0.5}},
    {213, "paraffin", 2, {6, 1}, {25, 52}, 0, {1.0, 1.0, 0.5, 1.0}},
    {216, "vinyltoluene scintillator", 2, {6, 1}, {9, 10}, 0, {1.0, 1.5, 0.5, 0.5}},
    {219, "polycarbonate", 3, {6, 1, 8}, {16, 14, 3}, 0, {1.5, 22.5, 1.0, 1.5}},
    {221, "polyethylene", 2, {6, 1}, {2, 4}, 0, {25.0, 17.0, 1.0, 1.5}},
    {222, "mylar", 3, {6, 1, 8}, {10, 8, 4}, 0, {2.0, 2.0, 1.5, 2.0}},
    {223, "PMMA", 3, {6, 1, 8}, {5, 8, 2}, 0, {4.0, 43.5, 3.0, 3.0}},
    {225, "polypropylene", 2, {6, 1}, {3, 6}, 0, {16.0, 1.0, 0.5, 1.0}},
    {226, "polystyrene", 2, {6, 1}, {8, 8}, 0, {10.0, 28.5, 2.0, 2.0}},
    {227, "PTFE", 2, {6, 9}, {2, 4}, 0, {5.0, 9.0, 4.5, 6.0}},
    {232, "PVC", 3, {6, 1, 17}, {2, 3, 1}, 0, {4.0, 4.5, 2.0, 4.5}},
    {238, "propane", 2, {6, 1}, {3, 8}, 0, {16.5, 4.0, 3.0, 3.0}},
    {245, "silicon dioxide", 2, {14, 8}, {1, 2}, 0, {21.5, 26.0, 4.5, 4.5}},
    {252, "sodium iodide", 2, {11, 53}, {1, 1}, 0, {7.5, 51.0, 7.5, 4.0}},
    {255, "stilbene", 2, {6, 1}, {14, 12}, 0, {1.0, 1.0, 0.5, 0.5}},
    {266, "toluene", 2, {6, 1}, {7, 8}, 0, {1.0, 2.5, 1.5, 1.0}},
    {276, "water (liquid)", 2, {1, 8}, {2, 1}, 0, {32.0, 21.5, 3.5, 3.5}},
    {277, "water (vapor)", 2, {1, 8}, {2, 1}, 0, {14.5, 8.0, 2.0, 2.0}},
};
#define N_COMP (sizeof compounds / sizeof compounds[0])

/* Compares Bragg additivity with the compound's table; returns the worst deviation in the
 * given reference-ion energy window. */
static double compound_worst(const compound *c, int ionZ, double Emin_MeV, double Emax_MeV,
                             double *at_MeV)
{
    const il_row_star *tab = ionZ == 1 ? il_tab_pstar : il_tab_astar;
    size_t count = ionZ == 1 ? il_tab_pstar_count : il_tab_astar_count;
    il_ion ion = ionZ == 1 ? IL_ION_P : IL_ION_ALPHA;
    const il_row_star *r;
    size_t n = rows_of(tab, count, c->id, &r);
    assert_true(n > 100);
    double atoms[6], mass = 0.0, natoms = 0.0;
    for (int k = 0; k < c->n; k++) {
        double M = il_element_by_z(c->Z[k])->atomic_weight_u;
        atoms[k] = c->by_mass ? c->amount[k] / M : c->amount[k];
        mass += atoms[k] * M;
        natoms += atoms[k];
    }
    il_stopping_target t = {.Z = c->Z, .atoms = atoms, .n = (size_t)c->n, .exclude_nuclear = 1};
    double worst = 0.0;
    for (size_t j = 0; j < n; j++) {
        double E = r[j].energy_MeV;
        if (E < Emin_MeV || E > Emax_MeV || E * 1e3 > il_stopping_emax_keV(ion))
            continue;
        il_stopping_value v;
        assert_int_equal(il_stopping_compound(ion, &t, E * 1e3, &v, NULL, NULL, NULL), IL_OK);
        /* per atom -> per gram: eV/tfu x atoms per gram */
        double S = v.electronic_eV_tfu * 602.214076 * natoms / mass;
        double d = fabs(S / r[j].S_MeV_cm2_g - 1.0);
        if (d > worst) {
            worst = d;
            if (at_MeV)
                *at_MeV = E;
        }
    }
    return worst;
}

static void test_compounds_bragg(void **state)
{
    (void)state;
    /* Worst deviations over 1 keV .. 100 MeV and over 1 MeV/u .. 100 MeV (test output lists
     * them; tolerances in the table above). */
    for (size_t i = 0; i < N_COMP; i++) {
        for (int ionZ = 1; ionZ <= 2; ionZ++) {
            double at = 0, w = compound_worst(&compounds[i], ionZ, 0, 100.0, &at);
            /* MeV/u windows: above 1 MeV/u the phase/binding effect is < 2 % for compounds of
             * tabulated elements; elements served by the fit add the fit's own error there. */
            double lo = ionZ == 1 ? 1.0 : 4.0;
            double at_hi = 0, w_hi = compound_worst(&compounds[i], ionZ, lo, 100.0, &at_hi);
            print_message("%-26s %s: worst %5.1f %% at %g MeV; above 1 MeV/u %5.2f %% at %g MeV\n",
                          compounds[i].name, ionZ == 1 ? "p " : "He", 100 * w, at, 100 * w_hi,
                          at_hi);
            assert_true(100 * w <= compounds[i].tol[ionZ - 1]);
            assert_true(100 * w_hi <= compounds[i].tol[ionZ + 1]);
        }
    }
}

/* The ICRU-49 fits equal the tables to 4 digits below 0.5 MeV (He) and 0.15 MeV (p) for the
 * elements whose tables ICRU 49 built from them (data/stopping/README.md names the
 * exceptions: He in C (graphite row), Si and Au; p in C below 40 keV/u where ICRU used
 * another low-energy form). Tolerance 6e-4: 4 significant digits of the printed
 * coefficients (Ti and Ge come out at 3e-4, 5e-4). */
static void test_fit_equals_table_low_energy(void **state)
{
    (void)state;
    for (int ionZ = 1; ionZ <= 2; ionZ++) {
        for (size_t k = 0; k < N_TAB; k++) {
            int Z = tab_elements[k];
            if (Z == 6 || (ionZ == 2 && (Z == 14 || Z == 79)))
                continue;
            double Emax = ionZ == 2 ? 500.0 : 150.0; /* ICRU 49 leaves the p fit earlier for U */
            const il_row_star *r;
            size_t n = rows_of(ionZ == 1 ? il_tab_pstar : il_tab_astar,
                               ionZ == 1 ? il_tab_pstar_count : il_tab_astar_count, Z, &r);
            /* at the table's own energies: between nodes the table is itself interpolated */
            for (size_t j = 0; j < n && r[j].energy_MeV * 1e3 <= Emax; j++) {
                double E = r[j].energy_MeV * 1e3, t;
                assert_true(il__se_table(ionZ, Z, E, &t));
                double f = il__se_fit(ionZ, Z, E);
                if (fabs(f / t - 1.0) > 6e-4)
                    fail_msg("Z1=%d Z=%d E=%g keV: fit %g table %g", ionZ, Z, E, f, t);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elements_reproduce_tables),
        cmocka_unit_test(test_interpolation_error_held_out),
        cmocka_unit_test(test_compounds_bragg),
        cmocka_unit_test(test_fit_equals_table_low_energy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
