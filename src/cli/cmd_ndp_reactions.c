/* interlayer ndp reactions: the nuclear data of the NDP reactions, as a table. */
#include <stddef.h>

#include "cli/cli.h"
#include "cli/cmd_ndp_common.h"
#include "cli/output.h"

typedef struct {
    cli_out out;
} reactions_args;

static const cli_verb reactions_verb = {
    .name = "ndp reactions",
    .help = "usage: interlayer ndp reactions [--csv|--json] [-o FILE]\n"
            "  The neutron-induced reactions NDP uses: particles, their energies, Q value,\n"
            "  branch fraction and thermal cross section (data/nuclear, with sources).\n",
    CLI_SETS(CLI_OUT_SET(reactions_args)),
    .unknown = "unexpected argument",
};

static const cli_column columns[] = {
    {"reaction", "reaction", NULL},        {"particle1", "p1", NULL},
    {"E1_keV", "E1 (keV)", "%.1f"},        {"particle2", "p2", NULL},
    {"E2_keV", "E2 (keV)", "%.1f"},        {"Q_keV", "Q (keV)", "%.1f"},
    {"branch_fraction", "branch", "%.3g"}, {"sigma_thermal_b", "sigma (b)", "%.4g"},
};

int cli_ndp_reactions(int argc, char **argv)
{
    reactions_args a = {0};
    CLI_PARSE_OR_RETURN(&reactions_verb, argc, argv, &a);
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    for (size_t i = 0; i < il_reaction_count(); i++) {
        il_reaction r;
        il_reaction_get(i, &r, NULL);
        long row = cli_table_add_row(t);
        cli_table_set_text(t, row, 0, r.id);
        cli_table_set_text(t, row, 1, r.particle[0]);
        cli_table_set_num(t, row, 2, r.particle_keV[0]);
        cli_table_set_text(t, row, 3, r.particle[1]);
        cli_table_set_num(t, row, 4, r.particle_keV[1]);
        cli_table_set_num(t, row, 5, r.Q_keV);
        cli_table_set_num(t, row, 6, r.branch_fraction);
        cli_table_set_num(t, row, 7, r.sigma_thermal_b);
    }
    rc = cli_out_emit(&a.out, t, NULL);
    cli_table_free(t);
    return rc;
}
