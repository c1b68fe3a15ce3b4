/* interlayer spectrum show FILE: what a spectrum file holds, as the analysis reads it. The
 * table has one row per region of interest (the whole spectrum when none is asked for). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_spectrum.h"
#include "cli/output.h"

static const cli_column columns[] = {
    {"roi", "ROI", NULL},
    {"first_channel", "first ch", "%.0f"},
    {"last_channel", "last ch", "%.0f"},
    {"first_keV", "from (keV)", "%.6g"},
    {"last_keV", "to (keV)", "%.6g"},
    {"counts", "counts", "%.10g"},
    {"counts_sigma", "sigma", "%.4g"},
    {"counts_per_live_s", "counts/s (live)", "%.6g"},
};

#define MAX_ROI CLI_LIST_MAX

typedef struct {
    cli_out out;
    const char *format;
    cli_list rois;
    const char *pos[1];
} show_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--format", NULL, offsetof(show_args, format)),
    CLI_OPT_LIST("--roi", offsetof(show_args, rois)),
};

static const cli_verb show_verb = {
    .name = "spectrum show",
    .help = "usage: interlayer spectrum show FILE [--format auto|spe|chn|n42|csv]\n"
            "         [--roi LO:HI]... [--csv|--json] [-o FILE]\n"
            "  FILE: .Spe, .Chn, N42.42 (.n42/.xml) or CSV/TSV, recognised from its content.\n"
            "  Prints format, channels, live and real time, dead time, start, calibration,\n"
            "  and the counts of each --roi (channels LO..HI inclusive, or energies such as\n"
            "  1400keV:2100keV when the file has a calibration); without --roi, all channels.\n",
    CLI_SETS(CLI_OUT_SET(show_args), CLI_SET(own_options, 0)),
    CLI_POSITIONAL(show_args, pos),
    .unknown = "unknown option",
};

/* Channel index a ROI bound names: a whole number is a channel, anything else an energy. */
static int roi_bound(const il_spectrum *s, const char *roi, const char *text, int upper,
                     size_t *ch)
{
    il_error err;
    double v;
    size_t n = il_spectrum_n_channels(s);
    if (il_parse_number(text, &v, &err) == IL_OK) {
        if (v < 0 || v != floor(v) || v >= (double)n)
            return cli_usage("spectrum show: --roi %s: channel %s is not a whole number "
                             "0..%zu",
                             roi, text, n - 1);
        *ch = (size_t)v;
        return 0;
    }
    if (il_parse_energy_keV(text, &v, &err))
        return cli_usage("spectrum show: --roi %s: '%s' is neither a channel nor an energy "
                         "(e.g. 250 or 1400keV)",
                         roi, text);
    if (!il_spectrum_calibration(s, NULL))
        return cli_usage("spectrum show: --roi %s: energies need a calibration, and %s has "
                         "none; give channels",
                         roi, il_spectrum_source(s));
    /* The channels whose centre lies in the energy range: the first at or above a lower
     * bound, the last at or below an upper one. */
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        double e = il_spectrum_energy_keV(s, (double)i);
        if (!upper && e >= v) {
            *ch = i;
            return 0;
        }
        if (upper && e <= v)
            *ch = i, found = 1;
    }
    if (found)
        return 0;
    return cli_usage("spectrum show: --roi %s: %s is outside the spectrum's energies "
                     "(%.6g..%.6g keV)",
                     roi, text, il_spectrum_energy_keV(s, 0),
                     il_spectrum_energy_keV(s, (double)(n - 1)));
}

static int add_roi(cli_table *t, const il_spectrum *s, const char *name, size_t lo, size_t hi)
{
    double sum = 0;
    for (size_t i = lo; i <= hi; i++)
        sum += il_spectrum_count(s, i);
    long r = cli_table_add_row(t);
    if (r < 0)
        return -1;
    cli_table_set_text(t, r, 0, name);
    cli_table_set_num(t, r, 1, (double)lo);
    cli_table_set_num(t, r, 2, (double)hi);
    cli_table_set_num(t, r, 3, il_spectrum_energy_keV(s, (double)lo));
    cli_table_set_num(t, r, 4, il_spectrum_energy_keV(s, (double)hi));
    cli_table_set_num(t, r, 5, sum);
    /* Poisson: meaningful for measured (whole) counts only. */
    cli_table_set_num(t, r, 6, il_spectrum_is_integer(s) ? sqrt(sum) : NAN);
    cli_table_set_num(t, r, 7, sum / il_spectrum_live_time_s(s));
    return 0;
}

static int fill_rois(cli_table *t, const il_spectrum *s, const cli_list *rois)
{
    if (rois->n == 0)
        return add_roi(t, s, "all", 0, il_spectrum_n_channels(s) - 1) ? CLI_EXIT_FAIL : 0;
    for (size_t k = 0; k < rois->n; k++) {
        const char *roi = rois->v[k], *colon = strchr(roi, ':');
        if (!colon)
            return cli_usage("spectrum show: --roi %s: expected LO:HI", roi);
        char lo_text[128];
        snprintf(lo_text, sizeof lo_text, "%.*s", (int)(colon - roi), roi);
        size_t lo, hi;
        int rc = roi_bound(s, roi, lo_text, 0, &lo);
        if (rc || (rc = roi_bound(s, roi, colon + 1, 1, &hi)))
            return rc;
        if (hi < lo)
            return cli_usage("spectrum show: --roi %s: empty (channels %zu..%zu)", roi, lo, hi);
        if (add_roi(t, s, roi, lo, hi))
            return CLI_EXIT_FAIL;
    }
    return 0;
}

static json_t *summary_json(const il_spectrum *s, const char *path)
{
    json_t *d = json_object();
    double live = il_spectrum_live_time_s(s), real = il_spectrum_real_time_s(s), c[3];
    const char *start = il_spectrum_start_iso(s);
    json_object_set_new(d, "file", json_string(path));
    json_object_set_new(d, "format", json_string(il_spectrum_format_name(il_spectrum_read_format(s))));
    json_object_set_new(d, "title", json_string(il_spectrum_title(s)));
    json_object_set_new(d, "channels", json_integer((json_int_t)il_spectrum_n_channels(s)));
    json_object_set_new(d, "live_time_s", cli_json_number(live));
    json_object_set_new(d, "real_time_s", cli_json_number(real));
    json_object_set_new(d, "dead_time_fraction", cli_json_number(real > 0 ? 1 - live / real : NAN));
    json_object_set_new(d, "start", start ? json_string(start) : json_null());
    json_object_set_new(d, "total_counts", cli_json_number(il_spectrum_total(s)));
    json_object_set_new(d, "whole_counts", json_boolean(il_spectrum_is_integer(s)));
    if (il_spectrum_calibration(s, c)) {
        json_t *cal = json_object();
        json_object_set_new(cal, "offset_keV", cli_json_number(c[0]));
        json_object_set_new(cal, "gain_keV_per_channel", cli_json_number(c[1]));
        json_object_set_new(cal, "quadratic_keV_per_channel2", cli_json_number(c[2]));
        json_object_set_new(d, "calibration", cal);
    } else {
        json_object_set_new(d, "calibration", json_null());
    }
    return d;
}

static void print_time(const char *what, double t)
{
    if (isnan(t))
        printf("%-12s unknown (the file gives none)\n", what);
    else
        printf("%-12s %.10g s\n", what, t);
}

static void print_summary(const il_spectrum *s, const char *path)
{
    double live = il_spectrum_live_time_s(s), real = il_spectrum_real_time_s(s), c[3];
    const char *start = il_spectrum_start_iso(s), *title = il_spectrum_title(s);
    printf("%-12s %s\n", "file", path);
    printf("%-12s %s\n", "format", il_spectrum_format_name(il_spectrum_read_format(s)));
    if (title[0])
        printf("%-12s %s\n", "title", title);
    printf("%-12s %zu\n", "channels", il_spectrum_n_channels(s));
    print_time("live time", live);
    print_time("real time", real);
    if (real > 0 && !isnan(live))
        printf("%-12s %.4g %%\n", "dead time", 100 * (1 - live / real));
    printf("%-12s %s\n", "start", start ? start : "unknown (the file gives none)");
    printf("%-12s %.10g%s\n", "total", il_spectrum_total(s),
           il_spectrum_is_integer(s) ? " counts" : " (not whole numbers: expected values)");
    if (il_spectrum_calibration(s, c))
        printf("%-12s E = %.7g + %.7g ch + %.7g ch^2 keV\n", "calibration", c[0], c[1], c[2]);
    else
        printf("%-12s none in the file\n", "calibration");
    printf("\n");
}

int cli_spectrum_show(int argc, char **argv)
{
    show_args a = {0};
    CLI_PARSE_OR_RETURN(&show_verb, argc, argv, &a);
    if (!a.pos[0])
        return cli_usage("usage: interlayer spectrum show FILE [--roi LO:HI]... [--json|--csv]");
    il_spectrum_format fmt;
    if ((rc = cli_spectrum_format("spectrum show", "--format", a.format, &fmt)))
        return rc;
    il_error err;
    il_spectrum *s;
    if (il_spectrum_load(a.pos[0], fmt, &s, &err))
        return cli_fail(&err);
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    rc = fill_rois(t, s, &a.rois);
    json_t *doc = NULL;
    if (!rc) {
        if (a.out.json) {
            doc = summary_json(s, a.pos[0]);
            json_object_set_new(doc, "rois", cli_table_to_json(t));
        } else if (!a.out.csv) {
            print_summary(s, a.pos[0]);
        }
        rc = cli_out_emit(&a.out, t, doc);
    }
    json_decref(doc);
    cli_table_free(t);
    il_spectrum_free(s);
    return rc;
}
