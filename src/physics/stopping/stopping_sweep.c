/* The built-in electronic stopping of one element evaluated along increasing energies, for
 * building tables: the same formulas and the same numbers as il__se_ref (to rounding), but
 * with the logarithms of the table rows computed once, a cursor instead of binary searches,
 * and the constants of the Bethe continuation precomputed. This is what makes a 10-layer
 * stack's tables cheap to build (bench/stopping.c). */
#include <math.h>
#include <string.h>

#include "interlayer/elements.h"
#include "physics/stopping/stopping_sweep.h"

static void tab_init(il_sweep_tab *t, int Z1, int Z)
{
    const il_row_star *r;
    size_t n = il__star_rows(Z1, Z, &r);
    if (n > IL_SWEEP_MAX_ROWS)
        n = IL_SWEEP_MAX_ROWS; /* cannot happen with the embedded tables (<= 133 rows) */
    t->n = n;
    t->cur = 0;
    for (size_t i = 0; i < n; i++) {
        t->E[i] = r[i].energy_MeV;
        t->lnE[i] = log(r[i].energy_MeV);
        t->lnS[i] = log(r[i].S_MeV_cm2_g);
    }
    t->S0 = r[0].S_MeV_cm2_g;
    t->Slast = r[n - 1].S_MeV_cm2_g;
    t->M = il_element_by_z(Z)->atomic_weight_u;
}

/* star_interp of stopping_element.c, with the cursor */
static double tab_at(il_sweep_tab *t, double E_MeV)
{
    size_t n = t->n;
    double S;
    if (E_MeV <= t->E[0]) {
        S = t->S0 * sqrt(E_MeV / t->E[0]);
    } else if (E_MeV >= t->E[n - 1]) {
        S = t->Slast;
    } else {
        size_t lo = t->cur;
        if (lo >= n - 1 || t->E[lo] > E_MeV)
            lo = 0;
        while (t->E[lo + 1] <= E_MeV)
            lo++;
        t->cur = lo;
        size_t k0 = lo >= 1 ? lo - 1 : 0;
        if (k0 + 3 > n - 1)
            k0 = n >= 4 ? n - 4 : 0;
        size_t m = n >= 4 ? 4 : n;
        double x = log(E_MeV), y = 0.0;
        for (size_t j = 0; j < m; j++) {
            double l = 1.0;
            for (size_t q = 0; q < m; q++)
                if (q != j)
                    l *= (x - t->lnE[k0 + q]) / (t->lnE[k0 + j] - t->lnE[k0 + q]);
            y += l * t->lnS[k0 + j];
        }
        S = exp(y);
    }
    return S * t->M / 602.214076;
}

static int tabulated(int Z1, int Z)
{
    const il_row_star *r;
    return il__star_rows(Z1, Z, &r) >= 2;
}

void il__sweep_init(il_sweep_el *ev, int Z1, int Z)
{
    memset(ev, 0, offsetof(il_sweep_el, tab));
    ev->Z1 = Z1;
    ev->Z = Z;
    if (tabulated(Z1, Z)) {
        ev->kind = 0;
        tab_init(&ev->tab, Z1, Z);
        return;
    }
    ev->kind = 1;
    int lo = Z - 1, hi = Z + 1;
    while (lo > 1 && !tabulated(Z1, lo))
        lo--;
    while (hi < IL_Z_MAX && !tabulated(Z1, hi))
        hi++;
    ev->Zlo = lo;
    ev->Zhi = hi;
    tab_init(&ev->lo, Z1, lo);
    tab_init(&ev->hi, Z1, hi);
    ev->Esw = il__fit_switch_keV(Z1);
    ev->w = (double)(hi - Z) / (double)(hi - lo);
    ev->I = il__approx_I_eV(Z);
    ev->Ilo = il__approx_I_eV(lo);
    ev->Ihi = il__approx_I_eV(hi);
    double Slo_sw, Shi_sw;
    il__se_table(Z1, lo, ev->Esw, &Slo_sw);
    il__se_table(Z1, hi, ev->Esw, &Shi_sw);
    ev->klo_sw = Slo_sw / il__se_bethe(Z1, lo, ev->Esw);
    ev->khi_sw = Shi_sw / il__se_bethe(Z1, hi, ev->Esw);
    ev->fit_over_bethe_sw = il__se_fit(Z1, Z, ev->Esw) / il__se_bethe(Z1, Z, ev->Esw);
}

double il__sweep_se(il_sweep_el *ev, double E_ref_keV)
{
    if (ev->kind == 0)
        return tab_at(&ev->tab, E_ref_keV * 1e-3);
    if (E_ref_keV <= ev->Esw)
        return il__se_fit(ev->Z1, ev->Z, E_ref_keV);
    double b2, g2;
    il__bethe_kinematics(ev->Z1, E_ref_keV, &b2, &g2);
    double Slo = tab_at(&ev->lo, E_ref_keV * 1e-3), Shi = tab_at(&ev->hi, E_ref_keV * 1e-3);
    double lk = ev->w * log(Slo / il__bethe_with(ev->Z1, ev->Zlo, b2, g2, ev->Ilo) / ev->klo_sw) +
                (1.0 - ev->w) *
                    log(Shi / il__bethe_with(ev->Z1, ev->Zhi, b2, g2, ev->Ihi) / ev->khi_sw);
    return ev->fit_over_bethe_sw * il__bethe_with(ev->Z1, ev->Z, b2, g2, ev->I) * exp(lk);
}
