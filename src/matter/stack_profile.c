/* Concentration profiles inside a stack layer (see include/interlayer/stack.h): checking and
 * attaching them, their values and exact means over depth ranges, and the local composition of
 * a layer they give. Means are integrals of the shape divided by the range, in closed form for
 * every shape, so a probe that averages over a slice or a sublayer gets the exact amount. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interlayer/constants.h"
#include "interlayer/elements.h"
#include "interlayer/stack.h"
#include "matter/layer_respec.h"
#include "matter/stack_internal.h"

/* The standard normal CDF and the antiderivative of it, G(u) = u Phi(u) + phi(u). */
static double norm_cdf(double u) { return 0.5 * erfc(-u / sqrt(2.0)); }
static double norm_cdf_prim(double u)
{
    return u * norm_cdf(u) + exp(-0.5 * u * u) / sqrt(2.0 * IL_PI);
}

/* Points profiles: value at z (STEPS: the last point at or above z; LINEAR: interpolated). */
static double points_value(const il_layer_profile *p, double z)
{
    size_t n = p->n;
    if (z <= p->depth_nm[0])
        return p->value[0];
    if (z >= p->depth_nm[n - 1])
        return p->value[n - 1];
    size_t k = 0;
    while (k + 1 < n && p->depth_nm[k + 1] <= z)
        k++;
    if (p->kind == IL_PROFILE_STEPS)
        return p->value[k];
    double z0 = p->depth_nm[k], z1 = p->depth_nm[k + 1];
    return p->value[k] + (z - z0) / (z1 - z0) * (p->value[k + 1] - p->value[k]);
}

/* Integral of a points profile over [a, b], a < b: the constant ends plus each segment's
 * clipped part (a trapezoid for LINEAR, a rectangle for STEPS), so it is exact. */
static double points_integral(const il_layer_profile *p, double a, double b)
{
    size_t n = p->n;
    double first = p->depth_nm[0], last = p->depth_nm[n - 1], sum = 0;
    if (a < first)
        sum += p->value[0] * (fmin(b, first) - a);
    if (b > last)
        sum += p->value[n - 1] * (b - fmax(a, last));
    for (size_t k = 0; k + 1 < n; k++) {
        double z0 = p->depth_nm[k], z1 = p->depth_nm[k + 1];
        double lo = fmax(a, z0), hi = fmin(b, z1);
        if (!(hi > lo))
            continue;
        if (p->kind == IL_PROFILE_STEPS) {
            sum += p->value[k] * (hi - lo);
        } else {
            double s = (p->value[k + 1] - p->value[k]) / (z1 - z0);
            double vlo = p->value[k] + s * (lo - z0), vhi = p->value[k] + s * (hi - z0);
            sum += 0.5 * (vlo + vhi) * (hi - lo);
        }
    }
    return sum;
}

static double shape_value(const il_layer_profile *p, double t, double z)
{
    switch (p->kind) {
    case IL_PROFILE_ERF:
        return p->top + (p->bottom - p->top) * norm_cdf((z - p->centre_nm) / p->width_nm);
    case IL_PROFILE_EXP: {
        double d = p->from_bottom ? t - z : z;
        return p->bulk + (p->at_interface - p->bulk) * exp(-d / p->length_nm);
    }
    default:
        return points_value(p, z);
    }
}

static double shape_integral(const il_layer_profile *p, double t, double a, double b)
{
    switch (p->kind) {
    case IL_PROFILE_ERF: {
        double w = p->width_nm;
        return p->top * (b - a) + (p->bottom - p->top) * w *
                                      (norm_cdf_prim((b - p->centre_nm) / w) -
                                       norm_cdf_prim((a - p->centre_nm) / w));
    }
    case IL_PROFILE_EXP: {
        double L = p->length_nm, e;
        if (p->from_bottom) /* integral of exp(-(t - z)/L) */
            e = L * (exp(-(t - b) / L) - exp(-(t - a) / L));
        else
            e = L * (exp(-a / L) - exp(-b / L));
        return p->bulk * (b - a) + (p->at_interface - p->bulk) * e;
    }
    default:
        return points_integral(p, a, b);
    }
}

size_t il_layer_n_profiles(const il_layer *l) { return l ? l->n_profiles : 0; }

const il_layer_profile *il_layer_profile_get(const il_layer *l, size_t k)
{
    return l && k < l->n_profiles ? &l->profiles[k] : NULL;
}

double il_layer_profile_value(const il_layer *l, size_t k, double z_nm)
{
    const il_layer_profile *p = il_layer_profile_get(l, k);
    return p ? shape_value(p, l->thickness_nm, z_nm) : NAN;
}

double il_layer_profile_mean(const il_layer *l, size_t k, double z0_nm, double z1_nm)
{
    const il_layer_profile *p = il_layer_profile_get(l, k);
    if (!p)
        return NAN;
    if (!(z1_nm > z0_nm))
        return shape_value(p, l->thickness_nm, z0_nm);
    return shape_integral(p, l->thickness_nm, z0_nm, z1_nm) / (z1_nm - z0_nm);
}

double il_layer_profile_areal(const il_layer *l, size_t k)
{
    const il_layer_profile *p = il_layer_profile_get(l, k);
    if (!p || l->is_substrate)
        return NAN;
    double t = l->thickness_nm;
    return il__layer_formula_units_cm3(l) * shape_integral(p, t, 0, t) * 1e-7;
}

/* Share of isotope A among the atoms of Z in this layer: the formula's own mix where it holds
 * Z, else the layer's enrichment setting or the natural mix. */
static double isotope_share(const il_layer *l, int Z, int A)
{
    double el = il_formula_isotope_count(&l->formula, l->enrich, l->n_enrich, Z, 0);
    if (el > 0)
        return il_formula_isotope_count(&l->formula, l->enrich, l->n_enrich, Z, A) / el;
    il_formula one = {.n = 1, .Z = {Z}, .A = {0}, .count = {1.0}};
    return il_formula_isotope_count(&one, l->enrich, l->n_enrich, Z, A);
}

static const il_layer_profile *find_profile(const il_layer *l, int Z, int A)
{
    for (size_t k = 0; k < l->n_profiles; k++)
        if (l->profiles[k].Z == Z && l->profiles[k].A == A)
            return &l->profiles[k];
    return NULL;
}

static double mean_of(const il_layer *l, const il_layer_profile *p, double z0, double z1)
{
    return il_layer_profile_mean(l, (size_t)(p - l->profiles), z0, z1);
}

double il_layer_count_at(const il_layer *l, int Z, int A, double z0_nm, double z1_nm)
{
    if (!l)
        return NAN;
    const il_layer_profile *pe = find_profile(l, Z, 0);
    if (A > 0) {
        const il_layer_profile *pi = find_profile(l, Z, A);
        if (pi)
            return mean_of(l, pi, z0_nm, z1_nm);
        if (pe)
            return isotope_share(l, Z, A) * mean_of(l, pe, z0_nm, z1_nm);
        return il_formula_isotope_count(&l->formula, l->enrich, l->n_enrich, Z, A);
    }
    /* The element: its profile (or its count), each isotope profile then replacing that
     * isotope's share of it. */
    double el = pe ? mean_of(l, pe, z0_nm, z1_nm)
                   : il_formula_isotope_count(&l->formula, l->enrich, l->n_enrich, Z, 0);
    double base = el;
    for (size_t k = 0; k < l->n_profiles; k++) {
        const il_layer_profile *p = &l->profiles[k];
        if (p->Z == Z && p->A > 0)
            el += mean_of(l, p, z0_nm, z1_nm) - base * isotope_share(l, Z, p->A);
    }
    return el;
}

size_t il_layer_isotopes_at(const il_layer *l, double z0_nm, double z1_nm, il_layer_isotope *out,
                            size_t max)
{
    if (!l)
        return 0;
    /* The species list: the formula plus every profiled species it lacks. */
    il_formula f = l->formula;
    for (size_t k = 0; k < l->n_profiles; k++) {
        const il_layer_profile *p = &l->profiles[k];
        size_t i;
        for (i = 0; i < f.n && !(f.Z[i] == p->Z && (f.A[i] == 0 || f.A[i] == p->A)); i++)
            ;
        if (i == f.n && f.n < IL_FORMULA_MAX) {
            f.Z[f.n] = p->Z, f.A[f.n] = p->A, f.count[f.n] = 1.0;
            f.n++;
        }
    }
    il_formula_isotope iso[IL_FORMULA_ISOTOPES_MAX];
    size_t n;
    if (il_formula_isotopes(&f, l->enrich, l->n_enrich, iso, IL_FORMULA_ISOTOPES_MAX, &n, NULL))
        return 0;
    double nfu = il__layer_formula_units_cm3(l);
    double dz_cm = z1_nm > z0_nm ? (z1_nm - z0_nm) * 1e-7 : 0;
    for (size_t i = 0; i < n && out && i < max; i++) {
        double c = nfu * il_layer_count_at(l, iso[i].Z, iso[i].A, z0_nm, z1_nm);
        out[i] = (il_layer_isotope){iso[i].Z, iso[i].A, c, c * dz_cm};
    }
    return n < max || !out ? n : max;
}

/* ---- attaching ---------------------------------------------------------------------------- */

static il_status check_profile(const il_layer_profile *p, size_t layer, il_error *err)
{
    const il_element *el = p->Z >= 1 && p->Z <= IL_Z_MAX ? il_element_by_z(p->Z) : NULL;
    if (!el)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu: profile element Z = %d is not an "
                            "element (1..%d)", layer, p->Z, IL_Z_MAX);
    double mass;
    if (p->A != 0 && (p->A < p->Z || il_nuclide_mass_u(p->Z, p->A, &mass, NULL) != IL_OK))
        return il_error_set(err, IL_ERR_INVALID, "layer %zu: profile isotope %d%s is not a "
                            "known nuclide", layer, p->A, el->symbol);
    const char *sp = el->symbol;
    switch (p->kind) {
    case IL_PROFILE_LINEAR:
    case IL_PROFILE_STEPS:
        if (p->n < 1 || p->n > IL_PROFILE_POINTS_MAX)
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s profile has %zu points; "
                                "give 1..%d", layer, sp, p->n, IL_PROFILE_POINTS_MAX);
        for (size_t k = 0; k < p->n; k++) {
            if (!isfinite(p->depth_nm[k]) || !isfinite(p->value[k]) || p->value[k] < 0)
                return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s profile point %zu "
                                    "(%g nm, %g): need a finite depth and a value >= 0", layer,
                                    sp, k + 1, p->depth_nm[k], p->value[k]);
            if (k > 0 && p->depth_nm[k] < p->depth_nm[k - 1])
                return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s profile point %zu: "
                                    "depth %g nm is above the previous point (%g nm)", layer,
                                    sp, k + 1, p->depth_nm[k], p->depth_nm[k - 1]);
        }
        return IL_OK;
    case IL_PROFILE_ERF:
        if (!(isfinite(p->top) && p->top >= 0 && isfinite(p->bottom) && p->bottom >= 0))
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s erf profile: top %g and "
                                "bottom %g must be finite and >= 0", layer, sp, p->top,
                                p->bottom);
        if (!isfinite(p->centre_nm) || !(p->width_nm > 0) || !isfinite(p->width_nm))
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s erf profile: centre %g nm "
                                "must be finite and width %g nm > 0", layer, sp, p->centre_nm,
                                p->width_nm);
        return IL_OK;
    case IL_PROFILE_EXP:
        if (!(isfinite(p->at_interface) && p->at_interface >= 0 && isfinite(p->bulk) &&
              p->bulk >= 0))
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s exp profile: interface "
                                "value %g and bulk %g must be finite and >= 0", layer, sp,
                                p->at_interface, p->bulk);
        if (!(p->length_nm > 0) || !isfinite(p->length_nm))
            return il_error_set(err, IL_ERR_INVALID, "layer %zu: %s exp profile: length %g nm "
                                "must be > 0", layer, sp, p->length_nm);
        return IL_OK;
    }
    return il_error_set(err, IL_ERR_INVALID, "layer %zu: unknown profile kind %d", layer,
                        (int)p->kind);
}

/* Profiles change no derived number of the layer, so they are written in place rather than
 * through stack.c's recompute path. */
static il_status layer_to_change(il_stack *s, size_t i, il_layer **out, il_error *err)
{
    il_layer *l = il__stack_layer_mut(s, i);
    if (!l)
        return il_error_set(err, IL_ERR_INVALID, "no layer %zu (the stack has %zu)", i + 1,
                            s ? il_stack_count(s) : 0);
    *out = l;
    return IL_OK;
}

il_status il_stack_add_profile(il_stack *s, size_t i, const il_layer_profile *p, il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_to_change(s, i, &l, err);
    if (st)
        return st;
    if (!p)
        return il_error_set(err, IL_ERR_INVALID, "il_stack_add_profile: NULL profile");
    if (l->is_substrate)
        return il_error_set(err, IL_ERR_INVALID, "layer %zu '%s' is the substrate: a profile "
                            "needs a finite layer", i + 1, l->name);
    if ((st = check_profile(p, i + 1, err)) != IL_OK)
        return st;
    size_t k;
    for (k = 0; k < l->n_profiles; k++)
        if (l->profiles[k].Z == p->Z && l->profiles[k].A == p->A)
            break;
    if (k == IL_LAYER_PROFILES_MAX)
        return il_error_set(err, IL_ERR_RANGE, "layer %zu '%s': more than %d profiles", i + 1,
                            l->name, IL_LAYER_PROFILES_MAX);
    l->profiles[k] = *p;
    if (k == l->n_profiles)
        l->n_profiles++;
    return IL_OK;
}

il_status il_stack_clear_profiles(il_stack *s, size_t i, il_error *err)
{
    il_layer *l = NULL;
    il_status st = layer_to_change(s, i, &l, err);
    if (!st)
        l->n_profiles = 0;
    return st;
}
