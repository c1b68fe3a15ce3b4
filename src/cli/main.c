/* interlayer: the command-line program, a thin layer over libinterlayer. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"materials", cli_cmd_materials, "list the materials database, or show one material"},
    {"stack", cli_cmd_stack, "stack show STACK: layers, areal densities, Li content"},
    {"stopping", cli_cmd_stopping, "stopping ION MATERIAL --energy E: stopping power"},
    {"range", cli_cmd_range, "range ION MATERIAL --energy E: CSDA range"},
    {"depth-energy", cli_cmd_depth_energy,
     "depth-energy ION --energy E0 --stack STACK: exit energy against depth of birth"},
    {"ndp", cli_cmd_ndp, "neutron depth profiling: simulate, invert, operando, calibrate"},
    {"refl", cli_cmd_refl, "neutron and X-ray reflectometry: sld, simulate, fit, validate"},
    {"spectrum", cli_cmd_spectrum, "detector spectra: show, convert (.Spe .Chn .n42 .csv)"},
    {"advise", cli_cmd_advise, "advise STACK --interface A/B: which technique sees it"},
    {"iba", cli_cmd_iba, "ion-beam analysis: kinematics, simulate (RBS, ERDA, NRA)"},
    {"cell", cli_cmd_cell, "an evolving thin-film cell: simulate, twin, anneal"},
    {"report", cli_cmd_report, "report STACK --interface A/B -o PAGE.html: one HTML page"},
    {"sputter", cli_cmd_sputter, "sputter simulate|deconvolve: sputter-etch depth profiles"},
};

static void print_help(FILE *out)
{
    fprintf(out, "usage: interlayer COMMAND [ARGS...]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nStacks are YAML files or inline strings such as\n"
                 "  \"Pt 50nm | LiCoO2 1um | Li3PO4 1.5um | Si 200nm | Cu 500nm\"\n"
                 "Run 'interlayer COMMAND --help' for the options of a command.\n");
}

int cli_fail(const il_error *err)
{
    char buf[1200];
    fprintf(stderr, "interlayer: %s\n", il_error_format(err, buf, sizeof buf));
    return CLI_EXIT_FAIL;
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("interlayer: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

int cli_dispatch(const char *group, const cli_subcommand *verbs, size_t n, int argc, char **argv)
{
    char names[256] = "";
    for (size_t i = 0; i < n; i++) {
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].run(argc - 1, argv + 1);
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", verbs[i].name);
    }
    return cli_usage("%s: unknown verb '%s' (%s)", group, argv[1], names);
}

static int is_help_word(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0;
}

int cli_group(const char *group, const char *usage, const cli_subcommand *verbs, size_t n,
              int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return CLI_EXIT_USAGE;
    }
    if (is_help_word(argv[1])) {
        fputs(usage, stdout);
        return CLI_EXIT_OK;
    }
    return cli_dispatch(group, verbs, n, argc, argv);
}

int main(int argc, char **argv)
{
    /* The program, not the library, owns process-wide state: GSL's default handler would abort
     * on a numerical failure that the library reports as an error with its place. */
    gsl_set_error_handler_off();
    if (argc < 2 || is_help_word(argv[1])) {
        print_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("interlayer %s\n", IL_VERSION);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    return cli_usage("unknown command '%s' (run 'interlayer --help')", argv[1]);
}
