/* The three ways every verb prints, and writing results whole or not at all. */
#include "cli/output.h"

#include <math.h>
#include <stddef.h>

#include "cli/cli.h"
#include "interlayer/outfile.h"

const cli_opt cli_out_options[4] = {
    CLI_OPT_FLAG("--csv", offsetof(cli_out, csv)),
    CLI_OPT_FLAG("--json", offsetof(cli_out, json)),
    CLI_OPT_TEXT("--plot", NULL, offsetof(cli_out, plot)),
    CLI_OPT_TEXT("--output", "-o", offsetof(cli_out, output)),
};

json_t *cli_json_number(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

int cli_out_dump_json(FILE *f, json_t *doc)
{
    int r = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    return r;
}

int cli_out_write_json(const char *path, json_t *doc)
{
    il_error err;
    if (!path)
        return cli_out_dump_json(stdout, doc) == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
    il_outfile *of;
    if (il_outfile_open(path, &of, &err))
        return cli_fail(&err);
    if (cli_out_dump_json(il_outfile_stream(of), doc) != 0) {
        il_outfile_abort(of);
        il_error_set_at(&err, IL_ERR_IO, path, 0, 0, "could not write JSON");
        return cli_fail(&err);
    }
    return il_outfile_commit(of, &err) ? cli_fail(&err) : CLI_EXIT_OK;
}

/* The table printed by `print` to path (whole or not at all), or to stdout when path is NULL. */
static int print_table_to(const char *path, const cli_table *table,
                          void (*print)(const cli_table *, FILE *))
{
    il_outfile *of;
    FILE *f = cli_out_begin(path, &of);
    if (!f)
        return CLI_EXIT_FAIL;
    print(table, f);
    return cli_out_end(of, CLI_EXIT_OK);
}

int cli_out_write_csv(const char *path, const cli_table *table)
{
    return print_table_to(path, table, cli_table_print_csv);
}

int cli_out_emit(const cli_out *o, const cli_table *table, json_t *json_doc)
{
    if (o->json) {
        json_t *doc = json_doc ? json_incref(json_doc) : cli_table_to_json(table);
        int r = cli_out_write_json(o->output, doc);
        json_decref(doc);
        return r;
    }
    return print_table_to(o->output, table, o->csv ? cli_table_print_csv : cli_table_print_text);
}

FILE *cli_out_begin(const char *path, il_outfile **of)
{
    *of = NULL;
    if (!path)
        return stdout;
    il_error err;
    if (il_outfile_open(path, of, &err)) {
        cli_fail(&err);
        return NULL;
    }
    return il_outfile_stream(*of);
}

int cli_out_end(il_outfile *of, int rc)
{
    if (!of)
        return rc;
    if (rc != CLI_EXIT_OK) {
        il_outfile_abort(of);
        return rc;
    }
    il_error err;
    return il_outfile_commit(of, &err) ? cli_fail(&err) : CLI_EXIT_OK;
}
