/* A stack layer with concentration profiles, seen by reflectometry: thin sharp sublayers, each
 * with the composition the profiles give on average over its depth range. The number of formula
 * units per cm3 is the layer's own (stack.h), so each sublayer's density follows its molar mass;
 * SLD is then linear in the profiled counts and a sublayer's SLD is the mean SLD over its range. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/elements.h"
#include "probes/refl/refl_stack_profile.h"

/* Grid on which a layer's SLD is sampled to place the sublayer boundaries. */
#define GRID 2000

/* The model layer M of stack layer l with the profiles' mean composition over [z0, z1] nm. The
 * density follows the molar mass at the layer's formula units per cm3. */
static il_status sublayer(const il_layer *l, const il_refl_layer_model *M, double z0, double z1,
                          il_refl_layer_model *out, il_error *err)
{
    *out = *M;
    il_composition *c = &out->comp;
    for (size_t i = 0; i < M->comp.n; i++) {
        int Z = M->comp.Z[i], A = M->comp.A[i];
        double nominal = il_composition_count(&M->comp, Z, A);
        double local = il_layer_count_at(l, Z, A, z0, z1);
        c->atoms[i] = nominal > 0 ? M->comp.atoms[i] * (local / nominal) : M->comp.atoms[i];
    }
    /* profiled elements the layer's formula lacks (natural mix, or the profiled isotope) */
    for (size_t k = 0; k < il_layer_n_profiles(l); k++) {
        const il_layer_profile *p = il_layer_profile_get(l, k);
        int have = 0;
        for (size_t i = 0; i < M->comp.n; i++)
            have |= M->comp.Z[i] == p->Z;
        if (have)
            continue;
        il_status st = il_composition_add(c, p->Z, p->A, il_layer_count_at(l, p->Z, p->A, z0, z1),
                                          err);
        if (st) {
            il_error_prefix(err, "layer '%s' with its profiles: ", l->name);
            return st;
        }
    }
    double m_old, m_new;
    if (il_composition_molar_mass(&M->comp, &m_old, NULL) == IL_OK && m_old > 0 &&
        il_composition_molar_mass(c, &m_new, NULL) == IL_OK)
        out->density_g_cm3 = M->density_g_cm3 * (m_new / m_old);
    return IL_OK;
}

/* Real SLD of the layer at depth z for neutrons and X-rays (NAN where a probe has no data). */
static il_status sld_at(const il_layer *l, const il_refl_layer_model *M, double z, double *sn,
                        double *sx, il_error *err)
{
    il_refl_layer_model S;
    il_status st = sublayer(l, M, z, z, &S, err);
    if (st)
        return st;
    il_refl_probe pn = {IL_REFL_NEUTRON, 0, 0}, px = {IL_REFL_XRAY, 0, 0};
    double im;
    if (il_refl_layer_sld(&S, &pn, sn, &im, NULL))
        *sn = NAN;
    if (il_refl_layer_sld(&S, &px, sx, &im, NULL))
        *sx = NAN;
    return IL_OK;
}

/* Boundaries (grid indices) of the sublayers: a sublayer grows while the SLD range over its
 * grid nodes stays within `bound` for both probes. Returns the count. */
static size_t cut(const double *sn, const double *sx, double bound, size_t *idx)
{
    size_t k = 0, a = 0;
    idx[k++] = 0;
    double lo_n = sn[0], hi_n = sn[0], lo_x = sx[0], hi_x = sx[0];
    for (size_t j = 1; j <= GRID; j++) {
        double nlo = fmin(lo_n, sn[j]), nhi = fmax(hi_n, sn[j]);
        double xlo = fmin(lo_x, sx[j]), xhi = fmax(hi_x, sx[j]);
        int over = (nhi - nlo > bound) || (xhi - xlo > bound); /* NaN compares false */
        if (over && j - 1 > a) {
            a = j - 1;
            idx[k++] = a;
            lo_n = fmin(sn[a], sn[j]), hi_n = fmax(sn[a], sn[j]);
            lo_x = fmin(sx[a], sx[j]), hi_x = fmax(sx[a], sx[j]);
        } else {
            lo_n = nlo, hi_n = nhi, lo_x = xlo, hi_x = xhi;
        }
    }
    idx[k++] = GRID;
    return k - 1;
}

il_status refl_stack_slice_profiles(const il_stack *s, il_refl_layer_model **layers, size_t *n,
                                    il_error *err)
{
    size_t nl = il_stack_count(s), extra = 0;
    for (size_t i = 0; i < nl; i++)
        if (il_layer_n_profiles(il_stack_layer(s, i)) > 0)
            extra += IL_REFL_PROFILE_MAX_SLICES - 1;
    if (extra == 0)
        return IL_OK;
    il_refl_layer_model *out = calloc(*n + extra, sizeof *out);
    double *sn = malloc(2 * (GRID + 1) * sizeof *sn);
    size_t *idx = malloc((GRID + 2) * sizeof *idx);
    il_status st = IL_OK;
    if (!out || !sn || !idx)
        st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    double *sx = sn ? sn + GRID + 1 : NULL;
    size_t m = 0;
    for (size_t j = 0; j < *n && !st; j++) {
        const il_layer *l = j >= 1 && j <= nl ? il_stack_layer(s, j - 1) : NULL;
        const il_refl_layer_model *M = &(*layers)[j];
        if (!l || l->is_substrate || il_layer_n_profiles(l) == 0) {
            out[m++] = *M;
            continue;
        }
        double t = l->thickness_nm;
        for (size_t g = 0; g <= GRID && !st; g++)
            st = sld_at(l, M, t * (double)g / GRID, &sn[g], &sx[g], err);
        double bound = IL_REFL_PROFILE_MAX_STEP_1E6;
        size_t k = 0;
        while (!st && (k = cut(sn, sx, bound, idx)) > IL_REFL_PROFILE_MAX_SLICES)
            bound *= 1.5;
        for (size_t q = 0; q < k && !st; q++) {
            double z0 = t * (double)idx[q] / GRID, z1 = t * (double)idx[q + 1] / GRID;
            il_refl_layer_model *S = &out[m++];
            st = sublayer(l, M, z0, z1, S, err);
            S->thickness_A = 10.0 * (z1 - z0);
            S->roughness_A = q == 0 ? M->roughness_A : 0.0;
        }
    }
    free(sn);
    free(idx);
    if (st) {
        free(out);
        return st;
    }
    free(*layers);
    *layers = out;
    *n = m;
    return IL_OK;
}
