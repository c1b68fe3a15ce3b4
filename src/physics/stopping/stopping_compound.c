/* Compounds by Bragg additivity, per-element user overrides, and validation of a target
 * description. Shared by the direct evaluation (il_stopping_compound) and the fast tables. */
#include <math.h>
#include <string.h>

#include "interlayer/elements.h"
#include "physics/stopping/stopping_compound.h"

/* Electronic stopping of element Z from a user table (log-log; outside it the built-in value is
 * scaled to join the nearest end, so the curve stays continuous). */
static double user_table(const il_stopping_user *u, double E_keV, double builtin_at_E,
                         double (*builtin)(const il_compound *, int, double), const il_compound *c,
                         int Z)
{
    size_t n = u->n;
    if (E_keV <= u->energy_keV[0])
        return builtin_at_E * u->S_eV_tfu[0] / builtin(c, Z, u->energy_keV[0]);
    if (E_keV >= u->energy_keV[n - 1])
        return builtin_at_E * u->S_eV_tfu[n - 1] / builtin(c, Z, u->energy_keV[n - 1]);
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (u->energy_keV[mid] <= E_keV)
            lo = mid;
        else
            hi = mid;
    }
    double t = log(E_keV / u->energy_keV[lo]) / log(u->energy_keV[hi] / u->energy_keV[lo]);
    return u->S_eV_tfu[lo] * pow(u->S_eV_tfu[hi] / u->S_eV_tfu[lo], t);
}

static double builtin_se(const il_compound *c, int Z, double E_keV)
{
    return il__se_ref(c->ref.Z1, Z, E_keV * c->ref.to_ref, NULL);
}

double il__compound_element_se(const il_compound *c, size_t i, double E_keV, il_stop_source *src)
{
    int Z = c->Z[i];
    il_stop_source s;
    double S = il__se_ref(c->ref.Z1, Z, E_keV * c->ref.to_ref, &s);
    const il_stopping_user *u = c->user[i];
    if (u) {
        s = IL_STOP_SRC_USER;
        S = u->n ? user_table(u, E_keV, S, builtin_se, c, Z) : S * u->scale;
    }
    if (src)
        *src = s;
    return S;
}

il_status il__compound_init(il_compound *c, il_ion ion, const il_stopping_target *t, il_error *err)
{
    memset(c, 0, sizeof *c);
    il_status st = il__ion_ref(ion, &c->ref, err);
    if (st != IL_OK)
        return st;
    c->ion = ion;
    if (!t || !t->Z || !t->atoms || t->n == 0)
        return il_error_set(err, IL_ERR_INVALID, "stopping target has no elements");
    double sum = 0.0;
    for (size_t k = 0; k < t->n; k++) {
        int Z = t->Z[k];
        double a = t->atoms[k];
        if (!il_element_by_z(Z))
            return il_error_set(err, IL_ERR_INVALID,
                                "element %zu of the stopping target: Z=%d is outside 1..%d",
                                k + 1, Z, IL_Z_MAX);
        if (!(a > 0.0) || !isfinite(a))
            return il_error_set(err, IL_ERR_INVALID,
                                "element %zu (%s) of the stopping target: amount %g must be a "
                                "finite number > 0", k + 1, il_element_by_z(Z)->symbol, a);
        size_t i = 0;
        while (i < c->n && c->Z[i] != Z)
            i++;
        if (i == c->n) {
            c->Z[c->n] = Z;
            c->frac[c->n] = 0.0;
            c->n++;
        }
        c->frac[i] += a;
        sum += a;
    }
    for (size_t i = 0; i < c->n; i++) {
        c->frac[i] /= sum;
        c->mass_u[i] = il_element_by_z(c->Z[i])->atomic_weight_u;
    }
    c->factor = t->factor == 0.0 ? 1.0 : t->factor;
    if (!(c->factor > 0.0) || !isfinite(c->factor))
        return il_error_set(err, IL_ERR_INVALID,
                            "stopping correction factor %g must be a finite number > 0 "
                            "(0 means the default, 1)", t->factor);
    c->nuclear = !t->exclude_nuclear;
    if ((int)t->straggling < IL_STRAG_YANG || t->straggling > IL_STRAG_NONE)
        return il_error_set(err, IL_ERR_INVALID, "unknown straggling model %d",
                            (int)t->straggling);
    c->straggling = t->straggling;
    for (size_t k = 0; k < t->n_user; k++) {
        const il_stopping_user *u = &t->user[k];
        size_t i = 0;
        while (i < c->n && c->Z[i] != u->Z)
            i++;
        if (i == c->n)
            return il_error_set(err, IL_ERR_INVALID,
                                "user stopping given for Z=%d, which is not in the target",
                                u->Z);
        if (u->n == 0) {
            if (!(u->scale > 0.0) || !isfinite(u->scale))
                return il_error_set(err, IL_ERR_INVALID,
                                    "user stopping scale for Z=%d is %g; expected a finite "
                                    "number > 0", u->Z, u->scale);
        } else {
            if (u->n < 2 || !u->energy_keV || !u->S_eV_tfu)
                return il_error_set(err, IL_ERR_INVALID,
                                    "user stopping table for Z=%d needs at least 2 points",
                                    u->Z);
            for (size_t j = 0; j < u->n; j++) {
                if (!(u->energy_keV[j] > 0.0) || !isfinite(u->energy_keV[j]) ||
                    !(u->S_eV_tfu[j] > 0.0) || !isfinite(u->S_eV_tfu[j]))
                    return il_error_set(err, IL_ERR_INVALID,
                                        "user stopping table for Z=%d, point %zu: energy %g "
                                        "keV and stopping %g eV/tfu must be finite and > 0",
                                        u->Z, j + 1, u->energy_keV[j], u->S_eV_tfu[j]);
                if (j > 0 && !(u->energy_keV[j] > u->energy_keV[j - 1]))
                    return il_error_set(err, IL_ERR_INVALID,
                                        "user stopping table for Z=%d: energies must increase "
                                        "(point %zu: %g keV after %g keV)", u->Z, j + 1,
                                        u->energy_keV[j], u->energy_keV[j - 1]);
            }
        }
        c->user[i] = u;
    }
    return IL_OK;
}

/* Electronic (factor applied) and nuclear parts of the compound, per atom. */
void il__compound_eval(const il_compound *c, double E_keV, double *Se, double *Sn)
{
    double se = 0.0, sn = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        se += c->frac[i] * il__compound_element_se(c, i, E_keV, NULL);
        if (c->nuclear)
            sn += c->frac[i] * il_stopping_nuclear_zbl(c->ref.Z1, c->ref.m_ion_u, c->Z[i],
                                                       c->mass_u[i], E_keV);
    }
    *Se = c->factor * se;
    *Sn = sn;
}

/* dOmega^2/dx in keV^2 per tfu. Bohr: 4 pi Z1^2 e^4 Z2 per atom/cm2; with e^2 = 1.43996e-10
 * keV cm that is 2.60565e-19 keV^2 cm2, i.e. 2.60565e-4 keV^2 per 1e15 atoms/cm2. */
double il__compound_straggling_rate(const il_compound *c, double E_keV)
{
    return il__compound_straggling_rate_g(c, E_keV, NULL);
}

double il__compound_straggling_rate_g(const il_compound *c, double E_keV, const double *g2)
{
    if (c->straggling == IL_STRAG_NONE)
        return 0.0;
    double Z1 = c->ref.Z1;
    double MeV_u = E_keV * 1e-3 / c->ref.m_ion_u;
    double w = 0.0;
    for (size_t i = 0; i < c->n; i++) {
        int Z2 = c->Z[i];
        double corr = 1.0;
        if (c->straggling != IL_STRAG_BOHR) {
            double gamma2 = 1.0;
            if (c->straggling == IL_STRAG_YANG && c->ref.Z1 == 2 && g2) {
                gamma2 = g2[i];
            } else if (c->straggling == IL_STRAG_YANG && c->ref.Z1 == 2) {
                /* effective-charge ratio: He stopping over 4 x proton stopping at the same
                 * velocity (proton mass 1.007276467 u), capped at 1 */
                double Sp = il__se_ref(1, Z2, E_keV * 1.007276467 / c->ref.m_ion_u, NULL);
                double She = il__se_ref(2, Z2, E_keV * c->ref.to_ref, NULL);
                gamma2 = fmin(1.0, She / (4.0 * Sp));
            }
            corr = gamma2 * il__chu_factor(Z2, MeV_u);
            if (c->straggling == IL_STRAG_YANG)
                corr += il__yang_extra(c->ref.Z1, Z2, MeV_u);
        }
        w += c->frac[i] * Z2 * corr;
    }
    return 2.60565e-4 * Z1 * Z1 * w;
}

il_status il_stopping_compound(il_ion ion, const il_stopping_target *target, double E_keV,
                               il_stopping_value *total, il_stopping_part *parts,
                               size_t *n_parts, il_error *err)
{
    il_compound c;
    il_status st = il__compound_init(&c, ion, target, err);
    if (st != IL_OK)
        return st;
    double emax = il_stopping_emax_keV(ion);
    if (!(E_keV > 0.0 && E_keV <= emax))
        return il_error_set(err, IL_ERR_RANGE,
                            "ion energy %g keV is outside the stopping data range (0, %g] keV",
                            E_keV, emax);
    double se = 0.0, sn = 0.0;
    il_stop_source common = IL_STOP_SRC_TABLE;
    for (size_t i = 0; i < c.n; i++) {
        il_stop_source src;
        double e = il__compound_element_se(&c, i, E_keV, &src);
        double n = il_stopping_nuclear_zbl(c.ref.Z1, c.ref.m_ion_u, c.Z[i], c.mass_u[i], E_keV);
        if (!c.nuclear)
            n = 0.0;
        if (parts) {
            parts[i].Z = c.Z[i];
            parts[i].atom_fraction = c.frac[i];
            parts[i].value.electronic_eV_tfu = e;
            parts[i].value.nuclear_eV_tfu = n;
            parts[i].value.total_eV_tfu = e + n;
            parts[i].value.source = src;
        }
        if (i == 0)
            common = src;
        else if (src != common)
            common = IL_STOP_SRC_MIXED;
        se += c.frac[i] * e;
        sn += c.frac[i] * n;
    }
    if (n_parts)
        *n_parts = c.n;
    total->electronic_eV_tfu = c.factor * se;
    total->nuclear_eV_tfu = sn;
    total->total_eV_tfu = total->electronic_eV_tfu + sn;
    total->source = common;
    return IL_OK;
}
