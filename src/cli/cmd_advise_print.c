/* The advisor's output. Text: a heading with the question, then one block per technique in
 * rank order (verdict, the deciding number, what to change, the review's caveat). CSV: one row
 * per technique. JSON: the question and the same rows. Files go through il_outfile. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd_advise_print.h"
#include "cli/cli.h"
#include "cli/table.h"

static const cli_column columns[] = {
    {"rank", "#", "%.0f"},
    {"technique", "technique", NULL},
    {"name", "name", NULL},
    {"verdict", "verdict", NULL},
    {"decides", "decides", NULL},
    {"change", "change", NULL},
    {"caveat", "caveat", NULL},
    {"depth_resolution_nm", "depth res (nm)", "%.4g"},
    {"section", "review", NULL},
};

static void wants_text(const il_advise_options *o, char *buf, size_t n)
{
    static const char *names[] = {"li-amount", "li-profile", "chemistry", "structure",
                                  "thickness"};
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < 5; i++)
        if (o->wants & (1u << i))
            len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", len ? "," : "",
                                    names[i]);
    if (o->operando && len < n)
        snprintf(buf + len, n - len, "%soperando", len ? "," : "");
}

static void print_text(FILE *f, const il_stack *s, const char *interface,
                       const il_advise_options *o, const il_advice_list *l)
{
    char w[128];
    wants_text(o, w, sizeof w);
    fprintf(f, "Which technique sees %s in %s\n", interface, il_stack_name(s));
    fprintf(f, "interface %.0f nm below the surface; want %s; resolution %.3g nm; interlayer "
               "%.3g nm\n\n",
            l->interface_depth_nm, w, o->resolution_nm, o->interlayer_nm);
    for (size_t i = 0; i < l->n; i++) {
        const il_advice *a = &l->items[i];
        fprintf(f, "%2zu. %-19s %-17s %s\n", i + 1, a->technique->name,
                il_verdict_name(a->verdict), a->decides);
        if (a->change[0])
            fprintf(f, "    change: %s\n", a->change);
        fprintf(f, "    caveat: %s (review %s)\n", a->caveat, a->technique->section);
    }
}

int cli_advise_emit(const cli_out *out, const il_stack *s, const char *interface,
                    const il_advise_options *o, const il_advice_list *l)
{
    if (!out->json && !out->csv) {
        if (!out->output) {
            print_text(stdout, s, interface, o, l);
            return CLI_EXIT_OK;
        }
        il_error err;
        il_outfile *of;
        if (il_outfile_open(out->output, &of, &err))
            return cli_fail(&err);
        print_text(il_outfile_stream(of), s, interface, o, l);
        return il_outfile_commit(of, &err) ? cli_fail(&err) : CLI_EXIT_OK;
    }
    cli_table *t = cli_table_new(columns, CLI_COUNT(columns));
    for (size_t i = 0; i < l->n; i++) {
        const il_advice *a = &l->items[i];
        long r = cli_table_add_row(t);
        cli_table_set_num(t, r, 0, (double)(i + 1));
        cli_table_set_text(t, r, 1, a->technique->id);
        cli_table_set_text(t, r, 2, a->technique->name);
        cli_table_set_text(t, r, 3, il_verdict_name(a->verdict));
        cli_table_set_text(t, r, 4, a->decides);
        cli_table_set_text(t, r, 5, a->change);
        cli_table_set_text(t, r, 6, a->caveat);
        cli_table_set_num(t, r, 7, a->depth_resolution_nm);
        cli_table_set_text(t, r, 8, a->technique->section);
    }
    json_t *doc = NULL;
    if (out->json) {
        char w[128];
        wants_text(o, w, sizeof w);
        doc = json_object();
        json_object_set_new(doc, "stack", json_string(il_stack_name(s)));
        json_object_set_new(doc, "interface", json_string(interface));
        json_object_set_new(doc, "interface_depth_nm", cli_json_number(l->interface_depth_nm));
        json_object_set_new(doc, "want", json_string(w));
        json_object_set_new(doc, "resolution_nm", cli_json_number(o->resolution_nm));
        json_object_set_new(doc, "interlayer_nm", cli_json_number(o->interlayer_nm));
        json_object_set_new(doc, "techniques", cli_table_to_json(t));
    }
    int rc = cli_out_emit(out, t, doc);
    json_decref(doc);
    cli_table_free(t);
    return rc;
}
