/* NDP reduction from sample, background and reference-standard runs (see ndp_reduce.h).
 *
 * Both reactions are 1/v absorbers, so the cross-section ratio is the same at every neutron
 * energy: the thermal values serve for a cold beam too, and F is a thermal-equivalent fluence.
 * Uncertainties are propagated to first order, treating the runs as independent; the sample's
 * monitor appears in both the background term of the net spectrum and F, a correlation that is
 * ignored (it is a second-order term when the background is small next to the signal). */
#include <math.h>
#include <stdlib.h>

#include "interlayer/ndp_reduce.h"
#include "interlayer/nuclear.h"

/* NIST SRM 2137 (boron implant in silicon), certificate of analysis: 10B areal density
 * (1.018 +- 0.035) x 1e15 atoms/cm2, the +- an expanded uncertainty with coverage factor 2,
 * hence 0.0175e15 as the standard uncertainty. */
#define SRM2137_10B_ATOMS_CM2 1.018e15
#define SRM2137_10B_SIGMA_ATOMS_CM2 (0.035e15 / 2.0)
/* Thermal cross-section uncertainties: Sears, Neutron News 3 (1992) 26: 6Li 940(4) b,
 * 10B 3835(9) b (the table's 3837 b lies within it). */
#define XS_6LI_SIGMA_B 4.0
#define XS_10B_SIGMA_B 9.0
#define BARN_CM2 1e-24

void il_ndp_reduce_options_default(il_ndp_reduce_options *o)
{
    *o = (il_ndp_reduce_options){
        .ref_areal_density_atoms_cm2 = SRM2137_10B_ATOMS_CM2,
        .ref_areal_density_sigma_atoms_cm2 = SRM2137_10B_SIGMA_ATOMS_CM2,
        .ref_window_lo_ch = 1,
        .ref_window_hi_ch = 0,
        .ref_particles_per_capture = 1,
        .ref_reaction = "10B_na_7Lix",
        .li_reaction = "6Li_na_3H",
        .ref_xs_sigma_b = XS_10B_SIGMA_B,
        .li_xs_sigma_b = XS_6LI_SIGMA_B,
        .li_window_lo_ch = 1,
        .li_window_hi_ch = 0,
    };
}

il_status il_ndp_monitor_sum(const double *c, size_t n, size_t lo, size_t hi, double *sum,
                             double *sigma, il_error *err)
{
    if (hi < lo || hi >= n)
        return il_error_set(err, IL_ERR_RANGE,
                            "monitor window %zu..%zu: expected channels lo <= hi inside 0..%zu",
                            lo, hi, n - 1);
    double s = 0;
    for (size_t i = lo; i <= hi; i++)
        s += c[i];
    if (!(s > 0))
        return il_error_set(err, IL_ERR_RANGE,
                            "monitor window %zu..%zu holds %g counts: expected a peak (> 0)", lo,
                            hi, s);
    *sum = s;
    *sigma = sqrt(s);
    return IL_OK;
}

/* Times, dead-time fraction and monitor of a run, checked. */
static il_status use_run(const il_ndp_run *r, size_t n_channels, il_ndp_run_used *u,
                         il_error *err)
{
    const char *nm = r->name ? r->name : "run";
    const char *src = r->source ? r->source : "";
    if (!r->counts)
        return il_error_set(err, IL_ERR_INVALID, "%s: no spectrum", nm);
    if (r->n_channels != n_channels)
        return il_error_set(err, IL_ERR_INVALID,
                            "%s: spectrum '%s' has %zu channels, expected %zu like the sample's",
                            nm, src, r->n_channels, n_channels);
    u->live_source = isnan(r->live_time_s) ? IL_NDP_TIME_FILE : IL_NDP_TIME_GIVEN;
    u->real_source = isnan(r->real_time_s) ? IL_NDP_TIME_FILE : IL_NDP_TIME_GIVEN;
    u->live_time_s = isnan(r->live_time_s) ? r->file_live_time_s : r->live_time_s;
    u->real_time_s = isnan(r->real_time_s) ? r->file_real_time_s : r->real_time_s;
    /* Never a default: a missing time is an error that says how to give it. */
    if (isnan(u->live_time_s) || u->live_time_s <= 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "%s: spectrum '%s' carries no live time (%g); give live_time_s for "
                            "this run",
                            nm, src, u->live_time_s);
    if (isnan(u->real_time_s) || u->real_time_s <= 0)
        return il_error_set(err, IL_ERR_INVALID,
                            "%s: spectrum '%s' carries no real time (%g); give real_time_s for "
                            "this run",
                            nm, src, u->real_time_s);
    if (!isfinite(u->live_time_s) || !isfinite(u->real_time_s) || u->live_time_s > u->real_time_s)
        return il_error_set(err, IL_ERR_RANGE,
                            "%s: live time %g s, real time %g s: expected 0 < live <= real", nm,
                            u->live_time_s, u->real_time_s);
    u->dead_time_fraction = 1 - u->live_time_s / u->real_time_s;
    if (!(r->monitor_counts > 0) || !isfinite(r->monitor_counts))
        return il_error_set(err, IL_ERR_RANGE, "%s: monitor %g counts: expected a number > 0", nm,
                            r->monitor_counts);
    u->monitor_counts = r->monitor_counts;
    u->monitor_sigma = isnan(r->monitor_sigma) ? sqrt(r->monitor_counts) : r->monitor_sigma;
    if (!(u->monitor_sigma >= 0) || !isfinite(u->monitor_sigma))
        return il_error_set(err, IL_ERR_RANGE, "%s: monitor sigma %g: expected a number >= 0",
                            nm, r->monitor_sigma);
    double t = 0;
    for (size_t i = 0; i < n_channels; i++)
        t += r->counts[i];
    u->total_counts = t;
    return IL_OK;
}

static il_status check_options(const il_ndp_reduce_options *o, size_t n, il_error *err)
{
    if (!(o->ref_areal_density_atoms_cm2 > 0) || !isfinite(o->ref_areal_density_atoms_cm2))
        return il_error_set(err, IL_ERR_RANGE,
                            "reference areal density %g atoms/cm2: expected a number > 0",
                            o->ref_areal_density_atoms_cm2);
    if (!(o->ref_areal_density_sigma_atoms_cm2 >= 0))
        return il_error_set(err, IL_ERR_RANGE,
                            "reference areal density sigma %g: expected a number >= 0",
                            o->ref_areal_density_sigma_atoms_cm2);
    if (o->ref_window_hi_ch < o->ref_window_lo_ch || o->ref_window_hi_ch >= n)
        return il_error_set(err, IL_ERR_RANGE,
                            "reference window %zu..%zu: expected channels lo <= hi inside 0..%zu",
                            o->ref_window_lo_ch, o->ref_window_hi_ch, n - 1);
    if (o->li_window_hi_ch >= o->li_window_lo_ch && o->li_window_hi_ch >= n)
        return il_error_set(err, IL_ERR_RANGE,
                            "lithium window %zu..%zu: expected channels inside 0..%zu",
                            o->li_window_lo_ch, o->li_window_hi_ch, n - 1);
    if (!(o->ref_particles_per_capture > 0))
        return il_error_set(err, IL_ERR_RANGE,
                            "particles per capture %g: expected a number > 0 (1: alphas only)",
                            o->ref_particles_per_capture);
    if (!(o->ref_xs_sigma_b >= 0) || !(o->li_xs_sigma_b >= 0))
        return il_error_set(err, IL_ERR_RANGE, "cross-section uncertainties must be >= 0");
    return IL_OK;
}

static double sq(double x) { return x * x; }

/* Net reference counts in its window: dead-time corrected, blank removed at the reference's
 * monitor. */
static void reference_counts(const il_ndp_run *ref, const il_ndp_run *bg, il_ndp_reduction *r,
                             const il_ndp_reduce_options *o)
{
    const il_ndp_run_used *ur = &r->run[2], *ub = &r->run[1];
    const double *c = ref->counts;
    double gross = 0, bgross = 0;
    for (size_t i = o->ref_window_lo_ch; i <= o->ref_window_hi_ch; i++) {
        gross += c[i];
        if (bg)
            bgross += bg->counts[i];
    }
    double kr = ur->real_time_s / ur->live_time_s;
    double net = gross * kr, var = gross * kr * kr;
    if (bg) {
        double kb = ub->real_time_s / ub->live_time_s;
        double ratio = r->monitor_ratio_reference_background;
        double b = bgross * kb * ratio;
        net -= b;
        var += bgross * sq(kb * ratio) +
               sq(b) * (sq(ur->monitor_sigma / ur->monitor_counts) +
                        sq(ub->monitor_sigma / ub->monitor_counts));
    }
    r->ref_counts_gross = gross;
    r->ref_counts_net = net;
    r->ref_counts_net_sigma = sqrt(var);
}

/* The net sample spectrum at the sample's monitor, with per-channel sigma. */
static void sample_spectrum(const il_ndp_run *s, const il_ndp_run *bg, il_ndp_reduction *r)
{
    const il_ndp_run_used *us = &r->run[0], *ub = &r->run[1];
    const double *c = s->counts;
    double ks = us->real_time_s / us->live_time_s;
    double kb = bg ? ub->real_time_s / ub->live_time_s : 0;
    double ratio = r->monitor_ratio_sample_background;
    double mon_rel2 = bg ? sq(us->monitor_sigma / us->monitor_counts) +
                               sq(ub->monitor_sigma / ub->monitor_counts)
                         : 0;
    double bsum = 0, bvar = 0;
    for (size_t i = 0; i < r->n_channels; i++) {
        double net = c[i] * ks, var = c[i] * ks * ks;
        if (bg) {
            double cb = bg->counts[i];
            double b = cb * kb * ratio;
            net -= b;
            var += cb * sq(kb * ratio) + sq(b) * mon_rel2;
            bsum += b;
            bvar += cb * sq(kb * ratio);
        }
        r->counts[i] = net;
        r->sigma[i] = sqrt(var);
    }
    r->background_counts_subtracted = bsum;
    /* the monitors scale the whole background at once: fully correlated over channels */
    r->background_counts_subtracted_sigma = sqrt(bvar + sq(bsum) * mon_rel2);
}

/* F per monitor and for the sample run, then the 6Li of the optional window. */
static il_status calibrate(il_ndp_reduction *r, const il_ndp_reduce_options *o, il_error *err)
{
    il_reaction ref, li;
    if (il_reaction_find(o->ref_reaction, &ref, err) || il_reaction_find(o->li_reaction, &li, err))
        return IL_ERR_NOT_FOUND;
    r->ref_xs_b = ref.sigma_thermal_b, r->ref_xs_sigma_b = o->ref_xs_sigma_b;
    r->li_xs_b = li.sigma_thermal_b, r->li_xs_sigma_b = o->li_xs_sigma_b;
    if (!(r->ref_counts_net > 0))
        return il_error_set(err, IL_ERR_NUMERIC,
                            "reference window %zu..%zu holds %g net counts after the background: "
                            "expected the 10B(n,a) peaks there",
                            o->ref_window_lo_ch, o->ref_window_hi_ch, r->ref_counts_net);
    const il_ndp_run_used *us = &r->run[0], *ur = &r->run[2];
    double N = o->ref_areal_density_atoms_cm2;
    double f = r->ref_counts_net / (ur->monitor_counts * N * r->ref_xs_b * BARN_CM2 *
                                    o->ref_particles_per_capture);
    double rel2 = sq(r->ref_counts_net_sigma / r->ref_counts_net) +
                  sq(ur->monitor_sigma / ur->monitor_counts) +
                  sq(o->ref_areal_density_sigma_atoms_cm2 / N) + sq(r->ref_xs_sigma_b / r->ref_xs_b);
    r->fluence_omega_per_monitor_n_cm2 = f;
    r->fluence_omega_per_monitor_sigma_n_cm2 = f * sqrt(rel2);
    r->fluence_omega_n_cm2 = f * us->monitor_counts;
    r->fluence_omega_sigma_n_cm2 =
        r->fluence_omega_n_cm2 * sqrt(rel2 + sq(us->monitor_sigma / us->monitor_counts));
    r->li_counts = r->li_counts_sigma = r->li6_atoms_cm2 = r->li6_atoms_cm2_sigma = NAN;
    if (o->li_window_hi_ch < o->li_window_lo_ch)
        return IL_OK;
    double sum = 0, var = 0;
    for (size_t i = o->li_window_lo_ch; i <= o->li_window_hi_ch; i++)
        sum += r->counts[i], var += sq(r->sigma[i]);
    r->li_counts = sum, r->li_counts_sigma = sqrt(var);
    r->li6_atoms_cm2 = sum / (r->li_xs_b * BARN_CM2 * r->fluence_omega_n_cm2);
    double lrel2 = (sum != 0 ? var / sq(sum) : 0) +
                   sq(r->fluence_omega_sigma_n_cm2 / r->fluence_omega_n_cm2) +
                   sq(r->li_xs_sigma_b / r->li_xs_b);
    r->li6_atoms_cm2_sigma = fabs(r->li6_atoms_cm2) * sqrt(lrel2);
    if (sum == 0)
        r->li6_atoms_cm2_sigma = sqrt(var) / (r->li_xs_b * BARN_CM2 * r->fluence_omega_n_cm2);
    return IL_OK;
}

il_status il_ndp_reduce(const il_ndp_run *sample, const il_ndp_run *background,
                        const il_ndp_run *reference, const il_ndp_reduce_options *o,
                        il_ndp_reduction **out, il_error *err)
{
    *out = NULL;
    if (!sample || !sample->counts || !reference || !o)
        return il_error_set(err, IL_ERR_INVALID, "a reduction needs a sample and a reference run");
    size_t n = sample->n_channels;
    il_status st = check_options(o, n, err);
    if (st)
        return st;
    il_ndp_reduction *r = calloc(1, sizeof *r);
    if (!r)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    r->n_channels = n;
    r->counts = calloc(n, sizeof *r->counts);
    r->sigma = calloc(n, sizeof *r->sigma);
    if (!r->counts || !r->sigma) {
        il_ndp_reduction_free(r);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    if ((st = use_run(sample, n, &r->run[0], err)) ||
        (background && (st = use_run(background, n, &r->run[1], err))) ||
        (st = use_run(reference, n, &r->run[2], err))) {
        il_ndp_reduction_free(r);
        return st;
    }
    r->have_background = background != NULL;
    r->time_s = r->run[0].real_time_s;
    r->monitor_ratio_sample_background =
        background ? r->run[0].monitor_counts / r->run[1].monitor_counts : NAN;
    r->monitor_ratio_reference_background =
        background ? r->run[2].monitor_counts / r->run[1].monitor_counts : NAN;
    sample_spectrum(sample, background, r);
    reference_counts(reference, background, r, o);
    if ((st = calibrate(r, o, err))) {
        il_ndp_reduction_free(r);
        return st;
    }
    *out = r;
    return IL_OK;
}

void il_ndp_reduction_free(il_ndp_reduction *r)
{
    if (!r)
        return;
    free(r->counts);
    free(r->sigma);
    free(r);
}
