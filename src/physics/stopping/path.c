/* Particles through layers: energy after a path, path to an energy, range, and the energy and
 * straggling of a particle leaving a stack from a depth.
 *
 * Within one segment the mean energy follows the CSDA range: R(E_out) = R(E_in) - x (tfu).
 * Straggling is propagated to first order (linear in the energy deviation): a deviation dE
 * scales as S(E_out)/S(E_in) across the segment, and the variance added on the way is carried
 * the same way, which gives exactly
 *     sigma_out^2 = S(E_out)^2 [ sigma_in^2 / S(E_in)^2 + Q(E_in) - Q(E_out) ],
 *     Q(E) = integral^E W(E')/S(E')^3 dE',  W = dOmega^2/dx (Bohr x Chu/Yang),
 * the solution of d(sigma^2)/dx = -2 S'(E) sigma^2 + W (Tschalaer's first-order equation). */
#include <math.h>

#include "interlayer/constants.h"
#include "physics/stopping/path_grid.h"
#include "physics/stopping/stopping_table.h"


/* Advances `b` by x_nm along a segment; returns 1 if the particle stopped inside. */
static int advance(const il_stopping *s, double atoms_cm3, double x_nm, il_beam *b)
{
    if (b->E_keV <= 0.0)
        return 1;
    if (x_nm <= 0.0)
        return 0;
    double x = il_nm_to_tfu(x_nm, atoms_cm3);
    double R_in = il__range_tfu(s, b->E_keV);
    if (x >= R_in) {
        b->E_keV = 0.0;
        b->sigma_keV = 0.0;
        return 1;
    }
    double E_out = il__energy_at_range(s, R_in - x);
    /* in keV/tfu, the unit Q is built with (stopping_table.c) */
    double S_in = il_stopping_eval(s, b->E_keV) * 1e-3, S_out = il_stopping_eval(s, E_out) * 1e-3;
    double var = b->sigma_keV * b->sigma_keV / (S_in * S_in) + il__q(s, b->E_keV) -
                 il__q(s, E_out);
    b->E_keV = E_out;
    b->sigma_keV = var > 0.0 ? S_out * sqrt(var) : 0.0;
    return 0;
}

int il__path_advance(const il_stopping *s, double atoms_cm3, double x_nm, il_beam *b)
{
    return advance(s, atoms_cm3, x_nm, b);
}

static il_status check_segments(const il_path_segment *seg, size_t n, double E_keV,
                                il_error *err)
{
    if (!seg || n == 0)
        return il_error_set(err, IL_ERR_INVALID, "path has no segments");
    for (size_t i = 0; i < n; i++) {
        if (!seg[i].stopping)
            return il_error_set(err, IL_ERR_INVALID, "path segment %zu has no stopping table",
                                i + 1);
        if (il_stopping_get_ion(seg[i].stopping) != il_stopping_get_ion(seg[0].stopping))
            return il_error_set(err, IL_ERR_INVALID,
                                "path segment %zu: stopping table is for another ion than "
                                "segment 1", i + 1);
        if (!(seg[i].atoms_cm3 > 0.0) || !isfinite(seg[i].atoms_cm3))
            return il_error_set(err, IL_ERR_INVALID,
                                "path segment %zu: number density %g atoms/cm3 must be finite "
                                "and > 0", i + 1, seg[i].atoms_cm3);
        if (!(seg[i].length_nm >= 0.0) || (isinf(seg[i].length_nm) && i + 1 < n))
            return il_error_set(err, IL_ERR_INVALID,
                                "path segment %zu: length %g nm must be >= 0 (infinite only "
                                "for the last segment)", i + 1, seg[i].length_nm);
        double top = il_stopping_table_emax_keV(seg[i].stopping);
        if (!(E_keV > 0.0 && E_keV <= top))
            return il_error_set(err, IL_ERR_RANGE,
                                "ion energy %g keV is outside the stopping table range (0, %g] "
                                "keV of path segment %zu", E_keV, top, i + 1);
    }
    return IL_OK;
}

il_status il_path_advance(const il_path_segment *seg, size_t n, il_beam in, double path_nm,
                          il_beam *out, il_error *err)
{
    il_status st = check_segments(seg, n, in.E_keV, err);
    if (st != IL_OK)
        return st;
    if (!(in.sigma_keV >= 0.0) || !isfinite(in.sigma_keV))
        return il_error_set(err, IL_ERR_INVALID, "beam energy spread %g keV must be >= 0",
                            in.sigma_keV);
    if (!(path_nm >= 0.0) || !isfinite(path_nm))
        return il_error_set(err, IL_ERR_INVALID, "path length %g nm must be finite and >= 0",
                            path_nm);
    il_beam b = in;
    double left = path_nm;
    for (size_t i = 0; i < n; i++) {
        double x = fmin(left, seg[i].length_nm);
        if (advance(seg[i].stopping, seg[i].atoms_cm3, x, &b)) {
            *out = b;
            return IL_OK;
        }
        left -= x;
        if (left <= 0.0) {
            *out = b;
            return IL_OK;
        }
    }
    double total = path_nm - left;
    return il_error_set(err, IL_ERR_RANGE,
                        "path length %g nm exceeds the total length %g nm of the segments",
                        path_nm, total);
}

il_status il_path_length_to_energy(const il_path_segment *seg, size_t n, double E_in_keV,
                                   double E_target_keV, double *path_nm, il_error *err)
{
    il_status st = check_segments(seg, n, E_in_keV, err);
    if (st != IL_OK)
        return st;
    if (!(E_target_keV > 0.0 && E_target_keV <= E_in_keV))
        return il_error_set(err, IL_ERR_RANGE,
                            "target energy %g keV must be in (0, %g] keV (the start energy)",
                            E_target_keV, E_in_keV);
    double E = E_in_keV, sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        const il_stopping *s = seg[i].stopping;
        double R_in = il__range_tfu(s, E), R_t = il__range_tfu(s, E_target_keV);
        double need_nm = il_tfu_to_nm(R_in - R_t, seg[i].atoms_cm3);
        if (need_nm <= seg[i].length_nm) {
            *path_nm = sum + need_nm;
            return IL_OK;
        }
        il_beam b = {E, 0.0};
        advance(s, seg[i].atoms_cm3, seg[i].length_nm, &b);
        E = b.E_keV;
        sum += seg[i].length_nm;
    }
    return il_error_set(err, IL_ERR_RANGE,
                        "the particle leaves the last segment (after %g nm) at %g keV, above "
                        "the target energy %g keV", sum, E, E_target_keV);
}

il_status il_path_range_nm(const il_path_segment *seg, size_t n, double E_in_keV,
                           double *range_nm, il_error *err)
{
    il_status st = check_segments(seg, n, E_in_keV, err);
    if (st != IL_OK)
        return st;
    double E = E_in_keV, sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double r_nm = il_tfu_to_nm(il__range_tfu(seg[i].stopping, E), seg[i].atoms_cm3);
        if (r_nm <= seg[i].length_nm) {
            *range_nm = sum + r_nm;
            return IL_OK;
        }
        il_beam b = {E, 0.0};
        advance(seg[i].stopping, seg[i].atoms_cm3, seg[i].length_nm, &b);
        E = b.E_keV;
        sum += seg[i].length_nm;
    }
    *range_nm = INFINITY;
    return IL_OK;
}

/* ---- depth-energy ------------------------------------------------------------------------ */

static il_status check_layers(const il_slab *L, size_t n, double E0_keV, double theta_deg,
                              il_error *err)
{
    if (!L || n == 0)
        return il_error_set(err, IL_ERR_INVALID, "stack has no layers");
    if (!(theta_deg >= 0.0 && theta_deg < 90.0))
        return il_error_set(err, IL_ERR_INVALID,
                            "exit angle %g deg must be in [0, 90) from the surface normal",
                            theta_deg);
    for (size_t i = 0; i < n; i++) {
        if (!L[i].stopping)
            return il_error_set(err, IL_ERR_INVALID, "stack layer %zu has no stopping table",
                                i + 1);
        if (il_stopping_get_ion(L[i].stopping) != il_stopping_get_ion(L[0].stopping))
            return il_error_set(err, IL_ERR_INVALID,
                                "stack layer %zu: stopping table is for another ion than "
                                "layer 1", i + 1);
        if (!(L[i].atoms_cm3 > 0.0) || !isfinite(L[i].atoms_cm3))
            return il_error_set(err, IL_ERR_INVALID,
                                "stack layer %zu: number density %g atoms/cm3 must be finite "
                                "and > 0", i + 1, L[i].atoms_cm3);
        if (!(L[i].thickness_nm >= 0.0) || (isinf(L[i].thickness_nm) && i + 1 < n))
            return il_error_set(err, IL_ERR_INVALID,
                                "stack layer %zu: thickness %g nm must be >= 0 (infinite only "
                                "for the last layer)", i + 1, L[i].thickness_nm);
        double top = il_stopping_table_emax_keV(L[i].stopping);
        if (!(E0_keV > 0.0 && E0_keV <= top))
            return il_error_set(err, IL_ERR_RANGE,
                                "ion energy %g keV is outside the stopping table range (0, %g] "
                                "keV of stack layer %zu", E0_keV, top, i + 1);
    }
    return IL_OK;
}

static il_status exit_one(const il_slab *L, size_t n, double depth_nm, double E0_keV,
                          double inv_cos, il_beam *exit, il_error *err)
{
    if (!(depth_nm >= 0.0) || !isfinite(depth_nm))
        return il_error_set(err, IL_ERR_INVALID, "depth %g nm must be finite and >= 0",
                            depth_nm);
    /* find the layer holding depth_nm */
    double top = 0.0;
    size_t k = 0;
    while (k < n && depth_nm > top + L[k].thickness_nm) {
        top += L[k].thickness_nm;
        k++;
    }
    if (k == n)
        return il_error_set(err, IL_ERR_RANGE, "depth %g nm is below the stack (%g nm thick)",
                            depth_nm, top);
    il_beam b = {E0_keV, 0.0};
    double x = depth_nm - top;
    for (size_t j = k + 1; j-- > 0;) {
        double len = (j == k ? x : L[j].thickness_nm) * inv_cos;
        if (advance(L[j].stopping, L[j].atoms_cm3, len, &b))
            break;
    }
    *exit = b;
    return IL_OK;
}

il_status il_depth_energy(const il_slab *layers, size_t n, double depth_nm,
                          double E0_keV, double theta_deg, il_beam *exit, il_error *err)
{
    il_status st = check_layers(layers, n, E0_keV, theta_deg, err);
    if (st != IL_OK)
        return st;
    return exit_one(layers, n, depth_nm, E0_keV, 1.0 / cos(theta_deg * IL_PI / 180.0), exit, err);
}

il_status il_depth_energy_curve(const il_slab *layers, size_t n, double E0_keV,
                                double theta_deg, const double *depth_nm, size_t m,
                                il_beam *exit, il_error *err)
{
    il_status st = check_layers(layers, n, E0_keV, theta_deg, err);
    if (st != IL_OK)
        return st;
    double inv_cos = 1.0 / cos(theta_deg * IL_PI / 180.0);
    /* many layers: each depth would cross all above it (quadratic); see path_grid.c */
    if (il__depth_energy_grid_pays(layers, n, depth_nm, m))
        return il__depth_energy_curve_grid(layers, n, E0_keV, inv_cos, depth_nm, m, exit, err);
    for (size_t i = 0; i < m; i++) {
        st = exit_one(layers, n, depth_nm[i], E0_keV, inv_cos, &exit[i], err);
        if (st != IL_OK) {
            il_error_prefix(err, "depth point %zu: ", i + 1);
            return st;
        }
    }
    return IL_OK;
}
