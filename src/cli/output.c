/* The three ways every verb prints, and writing results whole or not at all. */
#include "cli/output.h"

#include <string.h>

#include "cli/cli.h"
#include "interlayer/outfile.h"

int il_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') { /* --name=VALUE */
        *value = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        il_cli_usage("option %s needs a value", name);
        *value = NULL;
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

int il_out_parse(int argc, char **argv, int *i, il_out_opts *o)
{
    if (strcmp(argv[*i], "--csv") == 0) {
        o->csv = 1;
        return 1;
    }
    if (strcmp(argv[*i], "--json") == 0) {
        o->json = 1;
        return 1;
    }
    int r = il_opt_value(argc, argv, i, "--plot", &o->plot);
    if (r)
        return r;
    r = il_opt_value(argc, argv, i, "--output", &o->output);
    if (r)
        return r;
    return il_opt_value(argc, argv, i, "-o", &o->output);
}

static int dump_json(FILE *f, json_t *doc)
{
    int r = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    return r;
}

int il_out_write_json(const char *path, json_t *doc)
{
    il_error err;
    if (!path)
        return dump_json(stdout, doc) == 0 ? IL_EXIT_OK : IL_EXIT_FAIL;
    il_outfile *of;
    if (il_outfile_open(path, &of, &err))
        return il_cli_fail(&err);
    if (dump_json(il_outfile_stream(of), doc) != 0) {
        il_outfile_abort(of);
        il_error_set_at(&err, IL_ERR_IO, path, 0, 0, "could not write JSON");
        return il_cli_fail(&err);
    }
    return il_outfile_commit(of, &err) ? il_cli_fail(&err) : IL_EXIT_OK;
}

int il_out_write_csv(const char *path, const il_table *table)
{
    il_error err;
    il_outfile *of;
    if (il_outfile_open(path, &of, &err))
        return il_cli_fail(&err);
    il_table_print_csv(table, il_outfile_stream(of));
    return il_outfile_commit(of, &err) ? il_cli_fail(&err) : IL_EXIT_OK;
}

int il_out_emit(const il_out_opts *o, const il_table *table, json_t *json_doc)
{
    if (o->json) {
        json_t *doc = json_doc ? json_incref(json_doc) : il_table_to_json(table);
        int r = il_out_write_json(o->output, doc);
        json_decref(doc);
        return r;
    }
    if (o->csv) {
        if (o->output)
            return il_out_write_csv(o->output, table);
        il_table_print_csv(table, stdout);
        return IL_EXIT_OK;
    }
    if (o->output) {
        il_error err;
        il_outfile *of;
        if (il_outfile_open(o->output, &of, &err))
            return il_cli_fail(&err);
        il_table_print_text(table, il_outfile_stream(of));
        return il_outfile_commit(of, &err) ? il_cli_fail(&err) : IL_EXIT_OK;
    }
    il_table_print_text(table, stdout);
    return IL_EXIT_OK;
}
