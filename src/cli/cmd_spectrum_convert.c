/* interlayer spectrum convert IN OUT: reads IN with the analysis' readers and writes OUT (whole
 * or not at all) in the format its extension (or --to) names. Counts, live and real time come
 * through exactly; a target that cannot hold them (.Chn: whole counts, 20 ms ticks) refuses
 * with the reason instead of rounding. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/cmd_spectrum.h"
#include "cli/options.h"

typedef struct {
    const char *from, *to, *live, *real, *start;
    const char *pos[2];
} convert_args;

static const cli_opt own_options[] = {
    CLI_OPT_TEXT("--from", NULL, offsetof(convert_args, from)),
    CLI_OPT_TEXT("--to", NULL, offsetof(convert_args, to)),
    CLI_OPT_TEXT("--live-time", NULL, offsetof(convert_args, live)),
    CLI_OPT_TEXT("--real-time", NULL, offsetof(convert_args, real)),
    CLI_OPT_TEXT("--start", NULL, offsetof(convert_args, start)),
};

static const cli_verb convert_verb = {
    .name = "spectrum convert",
    .help = "usage: interlayer spectrum convert IN OUT [--from FMT] [--to FMT]\n"
            "         [--live-time S] [--real-time S] [--start ISO-TIME]\n"
            "  FMT: spe, chn, n42, csv (default: IN from its content, OUT from its extension:\n"
            "  .Spe .Chn .n42 .xml .csv .tsv). Counts, live and real time are kept exactly;\n"
            "  --live-time/--real-time/--start set what IN lacks (a .Chn needs both times).\n",
    CLI_SETS(CLI_SET(own_options, 0)),
    CLI_POSITIONAL(convert_args, pos),
    .unknown = "unknown option",
};

/* A time option in seconds (plain number >= 0), or keeps *t when not given. */
static int read_time(const char *opt, const char *text, double *t)
{
    if (!text)
        return 0;
    il_error err;
    double v;
    if (il_parse_number(text, &v, &err) || !(v >= 0))
        return cli_usage("spectrum convert: %s '%s': expected seconds >= 0", opt, text);
    *t = v;
    return 0;
}

int cli_spectrum_convert(int argc, char **argv)
{
    convert_args a = {0};
    CLI_PARSE_OR_RETURN(&convert_verb, argc, argv, &a);
    if (!a.pos[1])
        return cli_usage("usage: interlayer spectrum convert IN OUT");
    il_spectrum_format from, to;
    if ((rc = cli_spectrum_format("spectrum convert", "--from", a.from, &from)) ||
        (rc = cli_spectrum_format("spectrum convert", "--to", a.to, &to)))
        return rc;
    il_error err;
    il_spectrum *s;
    if (il_spectrum_load(a.pos[0], from, &s, &err))
        return cli_fail(&err);
    double live = il_spectrum_live_time_s(s), real = il_spectrum_real_time_s(s);
    if ((rc = read_time("--live-time", a.live, &live)) ||
        (rc = read_time("--real-time", a.real, &real)))
        goto done;
    if (il_spectrum_set_times_s(s, live, real, &err) ||
        (a.start && il_spectrum_set_start_iso(s, a.start, &err)) ||
        il_spectrum_save(s, a.pos[1], to, &err)) {
        rc = cli_fail(&err);
        goto done;
    }
    il_spectrum *back;
    il_spectrum_format written = to != IL_SPECTRUM_AUTO ? to : il_spectrum_format_from_path(a.pos[1]);
    if (il_spectrum_load(a.pos[1], written, &back, &err) == IL_OK) {
        printf("%s (%s) -> %s (%s): %zu channels, %.10g counts, live %.10g s, real %.10g s\n",
               a.pos[0], il_spectrum_format_name(il_spectrum_read_format(s)), a.pos[1],
               il_spectrum_format_name(il_spectrum_read_format(back)),
               il_spectrum_n_channels(back), il_spectrum_total(back),
               il_spectrum_live_time_s(back), il_spectrum_real_time_s(back));
        il_spectrum_free(back);
    }
    rc = CLI_EXIT_OK;
done:
    il_spectrum_free(s);
    return rc;
}
