/* interlayer cell twin: a cell run and the synthetic operando NDP experiment on it (the saved
 * states as spectra, the cycler record), written as `ndp operando` reads real data. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_cell_common.h"
#include "cli/cmd_ndp_common.h"
#include "interlayer/cell_io.h"
#include "interlayer/cell_twin.h"
#include "interlayer/ndp_io.h"

typedef struct {
    cli_cell_run_args run;
    const char *ndp;
    const char *seed;
    const char *refl;
    const char *cell[1];
} twin_args;

static const cli_opt twin_options[] = {
    CLI_OPT_TEXT("--ndp", NULL, offsetof(twin_args, ndp)),
    CLI_OPT_TEXT("--seed", NULL, offsetof(twin_args, seed)),
    CLI_OPT_TEXT("--refl", NULL, offsetof(twin_args, refl)),
};

static const cli_verb twin_verb = {
    .name = "cell twin",
    .help = "usage: interlayer cell twin CELL.yaml (--protocol TEXT | --cycler FILE)\n"
            "                            --ndp INSTRUMENT.yaml [--refl neutron|xray] [--seed 1]\n"
            "                            [--volumes 20] -o DIR\n"
            "  Runs the cell as 'cell simulate' does (its files in DIR), saving the state every\n"
            "  live time of the NDP instrument, and writes the synthetic experiment in DIR/ndp:\n"
            "  series/spectrum_NNN.spe with series/index.csv, reference.spe (pristine),\n"
            "  pristine.yaml (its stack) and cycler.csv, for 'interlayer ndp operando';\n"
            "  --refl: also R(Q) of every saved state in DIR/refl (state_NNN.ort, index.csv),\n"
            "  counted: 1e5 counts/s on the sample at Q = 0.1 1/A scaling as Q^2, 10 s a\n"
            "  point, background 1e-7, Poisson noise and dR from the counts.\n",
    CLI_SETS(CLI_SET(cli_cell_run_options, offsetof(twin_args, run)), CLI_SET(twin_options, 0)),
    CLI_POSITIONAL(twin_args, cell),
    .unknown = "unknown option",
};

int cli_cell_twin(int argc, char **argv)
{
    twin_args a = {0};
    CLI_PARSE_OR_RETURN(&twin_verb, argc, argv, &a);
    if (!a.ndp)
        return cli_usage("cell twin: give the NDP instrument with --ndp INSTRUMENT.yaml");
    if (a.run.save_every)
        return cli_usage("cell twin: the states are saved every live time of the instrument; "
                         "no --save-every");
    il_cell_twin_options to;
    il_cell_twin_options_default(&to);
    if (a.seed) {
        char *end;
        unsigned long long s = strtoull(a.seed, &end, 10);
        if (end == a.seed || *end)
            return cli_usage("cell twin: --seed '%s' is not a whole number >= 0", a.seed);
        to.seed = s;
    }
    il_cell_twin_refl_options ro;
    il_cell_twin_refl_options_default(&ro);
    if (a.refl) {
        if (strcmp(a.refl, "neutron") == 0)
            ro.probe.probe = IL_REFL_NEUTRON;
        else if (strcmp(a.refl, "xray") == 0)
            ro.probe.probe = IL_REFL_XRAY;
        else
            return cli_usage("cell twin: --refl '%s' unknown (neutron or xray)", a.refl);
    }
    il_error err;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    if (il_ndp_instrument_load(a.ndp, &ins, &err))
        return cli_fail(&err);
    char every[64];
    snprintf(every, sizeof every, "%.10g", ins.live_time_s);
    cli_cell_run_args run = a.run;
    run.save_every = every;
    il_cell_result *r = NULL;
    const char *text = NULL;
    rc = cli_cell_load_and_run("cell twin", a.cell[0], &run, &r, &text);
    if (rc)
        return rc;
    char ndp_dir[4096];
    snprintf(ndp_dir, sizeof ndp_dir, "%s/ndp", a.run.output);
    to.progress = cli_ndp_progress_bar;
    il_cell_twin *t = NULL;
    if (il_cell_write(a.run.output, r, text, &err) || il_cell_twin_run(r, &ins, &to, &t, &err) ||
        il_cell_twin_write(ndp_dir, t, &ins, r, &err) ||
        (a.refl && il_cell_twin_write_refl(a.run.output, r, &ro, &err))) {
        rc = cli_fail(&err);
    } else {
        cli_cell_report(r, a.run.output);
        printf("wrote %s: %zu spectra of %.4g s (series/index.csv), reference.spe, "
               "pristine.yaml, cycler.csv\n", ndp_dir, t->n_spectra, ins.live_time_s);
        printf("analyse it as real data:\n  interlayer ndp operando %s/series --index "
               "%s/series/index.csv --stack %s/pristine.yaml --reference %s/reference.spe "
               "--cycler %s/cycler.csv --cell-area %g --instrument %s -o %s/analysis\n",
               ndp_dir, ndp_dir, ndp_dir, ndp_dir, ndp_dir, il_cell_result_params(r)->area_cm2,
               a.ndp, a.run.output);
    }
    il_cell_twin_free(t);
    il_cell_result_free(r);
    return rc;
}
