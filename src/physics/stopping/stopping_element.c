/* Electronic stopping of H and He ions in one element: NIST ASTAR/PSTAR tables (ICRU 49) where
 * the element is tabulated, else the ICRU-49 coefficient fits, continued by the Bethe formula
 * above the fits' range of validity. ZBL nuclear stopping. See docs/physics.md. */
#include <math.h>
#include <stdio.h>

#include "data/tables.h"
#include "interlayer/elements.h"
#include "physics/stopping/stopping_internal.h"

/* ---- ions ----------------------------------------------------------------------------------- */

il_status il__ion_ref(il_ion ion, il_ion_ref *ref, il_error *err)
{
    il_ion_info me, r;
    il_status st = il_ion_get(ion, &me, err);
    if (st != IL_OK)
        return st;
    st = il_ion_get(me.Z == 1 ? IL_ION_P : IL_ION_ALPHA, &r, err);
    if (st != IL_OK)
        return st;
    ref->Z1 = me.Z;
    ref->m_ion_u = me.mass_u;
    ref->m_ref_u = r.mass_u;
    ref->to_ref = r.mass_u / me.mass_u;
    return IL_OK;
}

/* ---- tables --------------------------------------------------------------------------------- */

/* Rows are sorted by material then energy: binary search for the first row of `id`. */
static size_t star_rows(const il_row_star *tab, size_t count, int id, const il_row_star **rows)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tab[mid].material_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t n = 0;
    while (lo + n < count && tab[lo + n].material_id == id)
        n++;
    *rows = tab + lo;
    return n;
}

/* Cubic interpolation in log-log (4-point Lagrange through the nearest nodes, 3 at the ends):
 * NIST's own programs interpolate these tables with cubic splines in log-log, and a cubic has
 * no slope jumps at the nodes for the fast tables to trip over (linear log-log would err by up
 * to ~0.5 % between the coarser nodes and leave kinks). Below the first energy the stopping
 * is taken proportional to velocity (sqrt E); above the last it is clamped (callers check). */
static double star_interp(const il_row_star *r, size_t n, double E_MeV)
{
    if (E_MeV <= r[0].energy_MeV)
        return r[0].S_MeV_cm2_g * sqrt(E_MeV / r[0].energy_MeV);
    if (E_MeV >= r[n - 1].energy_MeV)
        return r[n - 1].S_MeV_cm2_g;
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (r[mid].energy_MeV <= E_MeV)
            lo = mid;
        else
            hi = mid;
    }
    /* nodes lo-1 .. lo+2, shifted inside the table at the ends */
    size_t k0 = lo >= 1 ? lo - 1 : 0;
    if (k0 + 3 > n - 1)
        k0 = n >= 4 ? n - 4 : 0;
    size_t m = n >= 4 ? 4 : n;
    double x = log(E_MeV), xs[4], ys[4];
    for (size_t j = 0; j < m; j++) {
        xs[j] = log(r[k0 + j].energy_MeV);
        ys[j] = log(r[k0 + j].S_MeV_cm2_g);
    }
    double y = 0.0;
    for (size_t j = 0; j < m; j++) {
        double l = 1.0;
        for (size_t q = 0; q < m; q++)
            if (q != j)
                l *= (x - xs[q]) / (xs[j] - xs[q]);
        y += l * ys[j];
    }
    return exp(y);
}

size_t il__star_rows(int Z1, int Z, const il_row_star **rows)
{
    if (Z < 1 || Z > IL_Z_MAX)
        return 0;
    return Z1 == 1 ? star_rows(il_tab_pstar, il_tab_pstar_count, Z, rows)
                   : star_rows(il_tab_astar, il_tab_astar_count, Z, rows);
}

int il__se_table(int Z1, int Z, double E_ref_keV, double *S_eV_tfu)
{
    if (Z < 1 || Z > IL_Z_MAX)
        return 0;
    const il_row_star *tab = Z1 == 1 ? il_tab_pstar : il_tab_astar;
    size_t count = Z1 == 1 ? il_tab_pstar_count : il_tab_astar_count;
    const il_row_star *rows;
    size_t n = star_rows(tab, count, Z, &rows);
    if (n < 2)
        return 0;
    const il_element *el = il_element_by_z(Z);
    /* MeV cm2/g -> eV/(1e15 atoms/cm2): times M [g/mol] / N_A * 1e6 eV/MeV * 1e15 */
    *S_eV_tfu = star_interp(rows, n, E_ref_keV * 1e-3) * el->atomic_weight_u / 602.214076;
    return 1;
}

double il__table_emax_ref_keV(int Z1)
{
    /* Same top for every material: the last row of the first material (hydrogen). */
    const il_row_star *tab = Z1 == 1 ? il_tab_pstar : il_tab_astar;
    size_t count = Z1 == 1 ? il_tab_pstar_count : il_tab_astar_count;
    const il_row_star *rows;
    size_t n = star_rows(tab, count, 1, &rows);
    return n ? rows[n - 1].energy_MeV * 1e3 : 0.0;
}

/* ---- ICRU-49 fits (data/stopping/README.md) ----------------------------------------------- */

static const il_row_stopping_coeffs *coeffs(int Z1, int Z)
{
    const il_row_stopping_coeffs *t = Z1 == 1 ? il_tab_icru49_h_coeffs : il_tab_icru49_he_coeffs;
    size_t n = Z1 == 1 ? il_tab_icru49_h_coeffs_count : il_tab_icru49_he_coeffs_count;
    if (Z >= 1 && (size_t)Z <= n && t[Z - 1].Z == Z)
        return &t[Z - 1];
    for (size_t i = 0; i < n; i++)
        if (t[i].Z == Z)
            return &t[i];
    return NULL;
}

/* Proton mass in u used by the H fit's energy variable (keV/u). */
#define IL_FIT_PROTON_U 1.007276

static double he_fit(const il_row_stopping_coeffs *c, double T_MeV)
{
    double slow = c->A1 * pow(1000.0 * T_MeV, c->A2);
    double shigh = (c->A3 / T_MeV) * log(1.0 + c->A4 / T_MeV + c->A5 * T_MeV);
    return slow * shigh / (slow + shigh);
}

static double h_fit_main(const il_row_stopping_coeffs *c, double T)
{
    double slow = c->A2 * pow(T, 0.45);
    double shigh = (c->A3 / T) * log(1.0 + c->A4 / T + c->A5 * T);
    return slow * shigh / (slow + shigh);
}

double il__se_fit(int Z1, int Z, double E_ref_keV)
{
    const il_row_stopping_coeffs *c = coeffs(Z1, Z);
    if (!c)
        return NAN;
    if (Z1 == 2) {
        double T = E_ref_keV * 1e-3;
        if (T < 1e-3) /* velocity-proportional below 1 keV */
            return he_fit(c, 1e-3) * sqrt(T / 1e-3);
        return he_fit(c, T);
    }
    double T = E_ref_keV / IL_FIT_PROTON_U; /* keV/u */
    /* Below 10 keV/u: the main form scaled with velocity from 10 keV/u, which keeps the curve
     * continuous and reproduces PSTAR at 1..10 keV (tests/physics/test_stopping_tables.c);
     * the Andersen-Ziegler A1*sqrt(T) form jumps by up to several % at 10 keV/u. */
    if (T < 10.0)
        return h_fit_main(c, 10.0) * sqrt(T / 10.0);
    return h_fit_main(c, T);
}

/* ---- Bethe formula above the fits' validity ------------------------------------------------ */

/* Mean excitation energy (eV) from the usual smooth approximation (Sternheimer). Only ratios of
 * Bethe values enter the results (fit_bethe), so its few-% error largely cancels. */
double il__approx_I_eV(int Z)
{
    if (Z == 1)
        return 19.2;
    if (Z <= 13)
        return 12.0 * Z + 7.0;
    return 9.76 * Z + 58.8 * pow(Z, -0.19);
}

void il__bethe_kinematics(int Z1, double E_ref_keV, double *beta2, double *gamma2)
{
    double m_ref_keV = (Z1 == 1 ? 1.007276467 : 4.001506179) * IL_U_keV;
    double gamma = 1.0 + E_ref_keV / m_ref_keV;
    *gamma2 = gamma * gamma;
    *beta2 = 1.0 - 1.0 / *gamma2;
}

/* 4 pi r_e^2 m_e c^2 = 5.09901e-19 eV cm2 = 5.09901e-4 eV per 1e15 atoms/cm2. The log is
 * ln(1 + 2mc2 b2 g2 / I) instead of ln(2mc2 b2 g2 / I): identical at high velocity, and it
 * stays positive at 1 MeV/u for heavy elements, where only ratios to the neighbours' Bethe
 * values are used. */
double il__bethe_with(int Z1, int Z, double beta2, double gamma2, double I_eV)
{
    return 5.09901e-4 * Z1 * Z1 * Z / beta2 *
           (log(1.0 + 2.0 * 510998.95 * beta2 * gamma2 / I_eV) - beta2);
}

double il__se_bethe(int Z1, int Z, double E_ref_keV)
{
    double beta2, gamma2;
    il__bethe_kinematics(Z1, E_ref_keV, &beta2, &gamma2);
    return il__bethe_with(Z1, Z, beta2, gamma2, il__approx_I_eV(Z));
}

/* Energy (reference ion, keV) above which the fits hand over: 1 MeV/u for protons and alphas.
 * Below it the fits reproduce ASTAR/PSTAR to 4 digits for almost every tabulated element;
 * above it they drift by several % (docs/physics.md has the comparison that set this). */
double il__fit_switch_keV(int Z1)
{
    return Z1 == 1 ? 1000.0 : 4000.0;
}

static int tabulated(int Z1, int Z)
{
    const il_row_star *rows;
    return Z1 == 1 ? star_rows(il_tab_pstar, il_tab_pstar_count, Z, &rows) >= 2
                   : star_rows(il_tab_astar, il_tab_astar_count, Z, &rows) >= 2;
}

/* Above the switch an untabulated element follows the Bethe formula times the correction
 * (table / Bethe) of its tabulated neighbours in Z, interpolated linearly in Z (in the log),
 * normalised so the curve is continuous with the fit at the switch:
 *     S(E) = S_fit(Esw) * [S_B(E) / S_B(Esw)] * [k(E) / k(Esw)],  k = S_table / S_B.
 * The neighbours' correction carries the shell/Barkas/effective-charge physics Bethe omits;
 * leaving each tabulated element out in turn and predicting it this way reproduces its table
 * to within 2-8 % from 1 MeV/u to 100 MeV/u (docs/physics.md). */
static double fit_bethe(int Z1, int Z, double E_ref_keV)
{
    int lo = Z - 1, hi = Z + 1;
    while (lo > 1 && !tabulated(Z1, lo))
        lo--;
    while (hi < IL_Z_MAX && !tabulated(Z1, hi))
        hi++;
    double Esw = il__fit_switch_keV(Z1);
    double w = (double)(hi - Z) / (double)(hi - lo);
    double Slo, Shi, Slo_sw, Shi_sw;
    il__se_table(Z1, lo, E_ref_keV, &Slo);
    il__se_table(Z1, hi, E_ref_keV, &Shi);
    il__se_table(Z1, lo, Esw, &Slo_sw);
    il__se_table(Z1, hi, Esw, &Shi_sw);
    double lk = w * log((Slo / il__se_bethe(Z1, lo, E_ref_keV)) /
                        (Slo_sw / il__se_bethe(Z1, lo, Esw))) +
                (1.0 - w) * log((Shi / il__se_bethe(Z1, hi, E_ref_keV)) /
                                (Shi_sw / il__se_bethe(Z1, hi, Esw)));
    return il__se_fit(Z1, Z, Esw) * il__se_bethe(Z1, Z, E_ref_keV) / il__se_bethe(Z1, Z, Esw) *
           exp(lk);
}

double il__table_emin_ref_keV(int Z1)
{
    /* Same bottom for every material: the first row of the first material (hydrogen). */
    const il_row_star *tab = Z1 == 1 ? il_tab_pstar : il_tab_astar;
    size_t count = Z1 == 1 ? il_tab_pstar_count : il_tab_astar_count;
    const il_row_star *rows;
    size_t n = star_rows(tab, count, 1, &rows);
    return n ? rows[0].energy_MeV * 1e3 : 0.0;
}

double il__se_ref(int Z1, int Z, double E_ref_keV, il_stop_source *src)
{
    double S;
    /* Below the tables' first energy no data was measured or fitted: the value is a
     * continuation (velocity-proportional for the tables) and says so. */
    int below = E_ref_keV < il__table_emin_ref_keV(Z1);
    if (il__se_table(Z1, Z, E_ref_keV, &S)) {
        if (src)
            *src = below ? IL_STOP_SRC_EXTRAPOLATED : IL_STOP_SRC_TABLE;
        return S;
    }
    if (E_ref_keV <= il__fit_switch_keV(Z1)) {
        if (src)
            *src = below ? IL_STOP_SRC_EXTRAPOLATED : IL_STOP_SRC_FIT;
        return il__se_fit(Z1, Z, E_ref_keV);
    }
    if (src)
        *src = IL_STOP_SRC_FIT_BETHE;
    return fit_bethe(Z1, Z, E_ref_keV);
}

/* ---- public per-element API ------------------------------------------------------------- */

double il_stopping_nuclear_zbl(int Z1, double M1_u, int Z2, double M2_u, double E_keV)
{
    if (!(E_keV > 0.0))
        return 0.0;
    double zsum = pow(Z1, 0.23) + pow(Z2, 0.23);
    double eps = 32.53 * M2_u * E_keV / (Z1 * Z2 * (M1_u + M2_u) * zsum);
    return 8.462 * Z1 * Z2 * M1_u * il__zbl_sn(eps) / ((M1_u + M2_u) * zsum);
}

double il__zbl_sn(double eps)
{
    if (eps <= 30.0)
        return log(1.0 + 1.1383 * eps) /
               (2.0 * (eps + 0.01321 * pow(eps, 0.21226) + 0.19593 * sqrt(eps)));
    return log(eps) / (2.0 * eps);
}

const char *il_stop_source_name(il_stop_source src)
{
    switch (src) {
    case IL_STOP_SRC_TABLE: return "table";
    case IL_STOP_SRC_FIT: return "ICRU-49 fit";
    case IL_STOP_SRC_FIT_BETHE: return "ICRU-49 fit + Bethe scaling";
    case IL_STOP_SRC_USER: return "user";
    case IL_STOP_SRC_MIXED: return "mixed";
    case IL_STOP_SRC_EXTRAPOLATED: return "extrapolated below 1 keV";
    }
    return "unknown";
}

double il_stopping_emax_keV(il_ion ion)
{
    il_ion_ref ref;
    if (il__ion_ref(ion, &ref, NULL) != IL_OK)
        return 0.0;
    return il__table_emax_ref_keV(ref.Z1) / ref.to_ref;
}

il_stop_source il_stopping_element_source(il_ion ion, int Z)
{
    double S;
    int Z1 = (ion == IL_ION_HE3 || ion == IL_ION_ALPHA) ? 2 : 1;
    return il__se_table(Z1, Z, 1000.0, &S) ? IL_STOP_SRC_TABLE : IL_STOP_SRC_FIT;
}

il_status il_stopping_element(il_ion ion, int Z, double E_keV, il_stopping_value *out,
                              il_error *err)
{
    il_ion_ref ref;
    il_status st = il__ion_ref(ion, &ref, err);
    if (st != IL_OK)
        return st;
    const il_element *el = il_element_by_z(Z);
    if (!el)
        return il_error_set(err, IL_ERR_INVALID, "element Z=%d is outside 1..%d", Z, IL_Z_MAX);
    double emax = il_stopping_emax_keV(ion);
    if (!(E_keV > 0.0 && E_keV <= emax))
        return il_error_set(err, IL_ERR_RANGE,
                            "ion energy %g keV is outside the stopping data range (0, %g] keV",
                            E_keV, emax);
    out->electronic_eV_tfu = il__se_ref(ref.Z1, Z, E_keV * ref.to_ref, &out->source);
    out->nuclear_eV_tfu =
        il_stopping_nuclear_zbl(ref.Z1, ref.m_ion_u, Z, el->atomic_weight_u, E_keV);
    out->total_eV_tfu = out->electronic_eV_tfu + out->nuclear_eV_tfu;
    return IL_OK;
}
