/* interlayer refl sld: the SLD of each layer of a model or stack, and the SLD profile along
 * depth. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>

#include "cli/cli.h"
#include "cli/cmd_refl_common.h"
#include "cli/output.h"
#include "interlayer/plot.h"
#include "interlayer/refl.h"
#include "interlayer/scattering.h"

/* The profile with the model's interfaces marked and its layers named (fronting medium above
 * depth 0, backing medium below the last layer). */
static int plot_profile(const char *path, const il_refl_slab *s, const il_refl_layer_model *L,
                        size_t n, il_error *err)
{
    double *z = NULL, *re = NULL, *im = NULL;
    double *edges = malloc((n + 1) * sizeof *edges);
    const char **names = malloc(n * sizeof *names);
    il_status st = edges && names ? cli_refl_sld_profile(s, n, 1000, &z, &re, &im, err)
                                  : il_error_set(err, IL_ERR_NOMEM, "out of memory");
    if (!st) {
        edges[0] = -INFINITY;
        for (size_t j = 0; j < n; j++) {
            names[j] = L[j].name;
            edges[j + 1] = j == 0 ? 0 : j + 1 == n ? INFINITY : edges[j] + s[j].thickness_A;
        }
        il_plot_layers layers = {edges, names, n};
        il_plot_series ser[2] = {{z, re, NULL, 1000, "Re SLD", IL_PLOT_LINE},
                                 {z, im, NULL, 1000, "Im SLD", IL_PLOT_LINE}};
        il_plot_axes ax = {"SLD profile", "depth (Å)", "SLD (1e-6 Å⁻²)", 0, 0};
        st = il_plot_xy_layers(path, &ax, &layers, ser, 2, err);
    }
    free(edges);
    free(names);
    free(z);
    free(re);
    free(im);
    return st;
}

static const cli_column sld_columns[] = {
    {"name", "layer", NULL},
    {"thickness_A", "thickness (Å)", "%.4g"},
    {"roughness_A", "roughness (Å)", "%.4g"},
    {"density_g_cm3", "density (g/cm3)", "%.4g"},
    {"sld_real", "SLD (1e-6/Å²)", "%.5g"},
    {"sld_imag", "iSLD (1e-6/Å²)", "%.4g"},
};

typedef struct {
    cli_out out;
    cli_refl_probe probe;
    const char *model[1];
} sld_args;

static const cli_verb sld_verb = {
    .name = "refl sld",
    .help = "usage: interlayer refl sld MODEL [--probe neutron|xray] [--wavelength Å]\n"
            "                              [--energy keV|CuKa|MoKa] [--csv|--json] [-o F]\n"
            "                              [--plot profile.svg]\n"
            "  MODEL: a YAML model file or an inline model 'air | LiNbO3 200 5 li6=1 | Si'\n"
            "  (thickness and roughness in Å), or a stack ('LiNbO3 20nm li6=1 | Si' or a\n"
            "  stack YAML file). Prints each layer's SLD in 1e-6 Å⁻²;\n"
            "  --plot draws the SLD profile along depth (error-function interfaces).\n",
    CLI_SETS(CLI_OUT_SET(sld_args), CLI_SET(cli_refl_probe_options, offsetof(sld_args, probe))),
    CLI_POSITIONAL(sld_args, model),
    .unknown = "unexpected argument",
};

/* The layers as a table (for text and CSV) and as JSON with the probe. */
static cli_table *sld_table(const il_refl_model *m, const il_refl_slab *s, const il_refl_probe *p,
                            json_t **doc)
{
    cli_table *t = cli_table_new(sld_columns, CLI_COUNT(sld_columns));
    json_t *layers = json_array();
    for (size_t j = 0; j < m->nlayers; j++) {
        const il_refl_layer_model *L = &m->layers[j];
        long r = cli_table_add_row(t);
        cli_table_set_text(t, r, 0, L->name);
        if (j > 0 && j + 1 < m->nlayers)
            cli_table_set_num(t, r, 1, L->thickness_A);
        if (j > 0)
            cli_table_set_num(t, r, 2, L->roughness_A);
        if (L->comp.n)
            cli_table_set_num(t, r, 3, L->density_g_cm3);
        cli_table_set_num(t, r, 4, s[j].sld_re_1e6);
        cli_table_set_num(t, r, 5, s[j].sld_im_1e6);
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(L->name));
        json_object_set_new(o, "thickness_A", cli_json_number(L->thickness_A));
        json_object_set_new(o, "roughness_A", cli_json_number(L->roughness_A));
        json_object_set_new(o, "sld_real", cli_json_number(s[j].sld_re_1e6));
        json_object_set_new(o, "sld_imag", cli_json_number(s[j].sld_im_1e6));
        json_array_append_new(layers, o);
    }
    *doc = json_object();
    json_object_set_new(*doc, "probe", json_string(p->probe == IL_REFL_XRAY ? "xray" : "neutron"));
    if (p->probe == IL_REFL_XRAY)
        json_object_set_new(*doc, "energy_keV",
                            cli_json_number(p->energy_keV > 0 ? p->energy_keV : IL_XRAY_CU_KA_keV));
    else
        json_object_set_new(
            *doc, "wavelength_A",
            cli_json_number(p->wavelength_A > 0 ? p->wavelength_A : IL_NEUTRON_THERMAL_WAVELENGTH_A));
    json_object_set_new(*doc, "unit", json_string("1e-6 A^-2"));
    json_object_set_new(*doc, "layers", layers);
    return t;
}

int cli_refl_sld(int argc, char **argv)
{
    sld_args a = {0};
    CLI_PARSE_OR_RETURN(&sld_verb, argc, argv, &a);
    if (!a.model[0])
        return cli_usage("refl sld: give a MODEL (see --help)");
    il_error err;
    il_refl_model *m;
    il_refl_probe p;
    if (cli_refl_load_model_probe(a.model[0], &a.probe, &m, &p, &err))
        return cli_fail(&err);
    il_refl_slab *s;
    if (cli_refl_model_slabs(m->layers, m->nlayers, &p, &s, &err)) {
        il_refl_model_free(m);
        return cli_fail(&err);
    }
    json_t *doc;
    cli_table *t = sld_table(m, s, &p, &doc);
    if (!a.out.json && !a.out.csv && !a.out.output) {
        if (p.probe == IL_REFL_XRAY)
            printf("X-rays, %.4g keV\n", p.energy_keV > 0 ? p.energy_keV : IL_XRAY_CU_KA_keV);
        else
            printf("neutrons, %.4g Å\n",
                   p.wavelength_A > 0 ? p.wavelength_A : IL_NEUTRON_THERMAL_WAVELENGTH_A);
    }
    rc = cli_out_emit(&a.out, t, doc);
    if (!rc && a.out.plot && plot_profile(a.out.plot, s, m->layers, m->nlayers, &err))
        rc = cli_fail(&err);
    json_decref(doc);
    cli_table_free(t);
    free(s);
    il_refl_model_free(m);
    return rc;
}
