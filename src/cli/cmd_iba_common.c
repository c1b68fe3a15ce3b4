/* Options shared by the iba verbs and their conversion to il_iba_options. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/cmd_iba_common.h"
#include "core/decimal.h"

static const cli_word_value geometries[] = {
    {"ibm", IL_IBA_IBM}, {"cornell", IL_IBA_CORNELL}, {"general", IL_IBA_GENERAL}, {NULL, 0}};
static const cli_word_value techniques[] = {
    {"rbs", IL_IBA_RBS}, {"ebs", IL_IBA_RBS}, {"erda", IL_IBA_ERDA}, {"nra", IL_IBA_NRA},
    {NULL, 0}};
static const cli_word_value screenings[] = {{"andersen", IL_SCREEN_ANDERSEN},
                                            {"lecuyer", IL_SCREEN_LECUYER},
                                            {"none", IL_SCREEN_NONE},
                                            {NULL, 0}};
static const cli_word_value stragglings[] = {{"yang", IL_STRAG_YANG}, {"chu", IL_STRAG_CHU},
                                             {"bohr", IL_STRAG_BOHR}, {"none", IL_STRAG_NONE},
                                             {NULL, 0}};

static int angle_call(void *dst, const cli_opt *o, const char *value)
{
    (void)o;
    cli_iba_args *a = dst;
    char *end;
    double v = il_decimal_strtod(value, &end);
    if (end == value || *end || !(v > 0.0 && v < 180.0)) {
        fprintf(stderr, "interlayer: iba: --angle '%s': expected degrees between 0 and 180\n",
                value);
        return CLI_EXIT_USAGE;
    }
    a->angle = v;
    a->angle_given = 1;
    return 0;
}

#define ARG(f) offsetof(cli_iba_args, f)
const cli_opt cli_iba_options[24] = {
    CLI_OPT_TEXT("--beam", NULL, ARG(beam)),
    CLI_OPT_TEXT("--energy", NULL, ARG(energy)),
    CLI_OPT_CALL("--angle", 0, angle_call, NULL),
    CLI_OPT_NUMBER("--tilt", ARG(tilt), 0),
    CLI_OPT_NUMBER("--exit", ARG(exit), 0),
    CLI_OPT_CHOICE("--geometry", ARG(geometry), geometries, "ibm, cornell or general"),
    CLI_OPT_CHOICE("--technique", ARG(technique), techniques, "rbs, ebs, erda or nra"),
    CLI_OPT_CHOICE("--screening", ARG(screening), screenings, "andersen, lecuyer or none"),
    CLI_OPT_CHOICE("--straggling", ARG(straggling), stragglings, "yang, chu, bohr or none"),
    CLI_OPT_TEXT("--spread", NULL, ARG(spread)),
    CLI_OPT_TEXT("--resolution", NULL, ARG(resolution)),
    CLI_OPT_NUMBER("--fluence", ARG(fluence), 0),
    CLI_OPT_NUMBER("--solid-angle", ARG(solid_angle), 0),
    CLI_OPT_NUMBER("--channels", ARG(channels), 1),
    CLI_OPT_TEXT("--offset", NULL, ARG(calibration_offset)),
    CLI_OPT_NUMBER("--gain", ARG(gain), 0),
    CLI_OPT_NUMBER("--quad", ARG(quad), -1e300),
    CLI_OPT_FLAG("--accurate", ARG(accurate)),
    CLI_OPT_LIST("--r33", ARG(r33)),
    CLI_OPT_TEXT("--foil", NULL, ARG(foil)),
    CLI_OPT_TEXT("--foil-thickness", NULL, ARG(foil_thickness)),
    CLI_OPT_TEXT("--detect", NULL, ARG(detect)),
    CLI_OPT_FLAG("--multiple-scattering", ARG(multiple_scattering)),
    CLI_OPT_FLAG("--dual-scattering", ARG(dual_scattering)),
};

void cli_iba_args_init(cli_iba_args *a)
{
    il_iba_options d;
    il_iba_options_default(&d);
    memset(a, 0, sizeof *a);
    a->fluence = d.fluence;
    a->solid_angle = d.solid_angle_msr;
    a->channels = (double)d.channels;
    a->gain = d.cal_gain_keV;
    a->angle = d.theta_deg;
    a->screening = d.screening;
    a->straggling = d.straggling;
}

il_status cli_iba_parse_nuclide(const char *text, int *Z, int *A, il_error *err)
{
    il_ion ion;
    if (il_ion_parse(text, &ion, NULL) == IL_OK) {
        il_ion_info in;
        il_ion_get(ion, &in, NULL);
        *Z = in.Z;
        *A = in.A;
        return IL_OK;
    }
    const char *p = text;
    int a = 0;
    while (isdigit((unsigned char)*p) && a < 1000)
        a = a * 10 + (*p++ - '0');
    const il_element *e = il_element_by_symbol(p);
    if (!e || (p != text && a == 0))
        return il_error_set(err, IL_ERR_NOT_FOUND, "beam '%s': expected an ion such as 4He, "
                            "alpha, p, 7Li, 12C, 35Cl or Au", text);
    double m;
    if (a && il_nuclide_mass_u(e->Z, a, &m, NULL) != IL_OK)
        return il_error_set(err, IL_ERR_NOT_FOUND, "beam '%s': no nuclide %d%s", text, a,
                            e->symbol);
    if (!a) {
        il_isotope iso[16];
        size_t n = il_element_isotopes(e->Z, iso, 16);
        double best = -1.0;
        for (size_t i = 0; i < n; i++)
            if (iso[i].abundance > best) {
                best = iso[i].abundance;
                a = iso[i].A;
            }
        if (!a)
            return il_error_set(err, IL_ERR_NOT_FOUND, "beam '%s': give the mass number "
                                "(%s has no stable isotope)", text, e->symbol);
    }
    *Z = e->Z;
    *A = a;
    return IL_OK;
}

static il_status energy_opt(const char *text, const char *what, double *keV, il_error *err)
{
    if (!text)
        return IL_OK;
    il_status st = il_parse_energy_keV(text, keV, err);
    if (st)
        il_error_prefix(err, "%s: ", what);
    return st;
}

void cli_iba_setup_clear(cli_iba_setup *s)
{
    for (size_t i = 0; i < s->n_r33; i++)
        il_r33_free(s->r33[i]);
    s->n_r33 = 0;
}

il_status cli_iba_setup_from(const cli_iba_args *a, cli_iba_setup *s, il_error *err)
{
    memset(s, 0, sizeof *s);
    il_iba_options *o = &s->o;
    il_iba_options_default(o);
    o->technique = a->technique;
    o->geometry = a->geometry;
    o->screening = a->screening;
    o->straggling = a->straggling;
    o->accurate = a->accurate;
    o->multiple_scattering = a->multiple_scattering;
    o->dual_scattering = a->dual_scattering;
    if (o->technique == IL_IBA_ERDA && !a->angle_given)
        o->theta_deg = 30.0;
    else
        o->theta_deg = a->angle;
    if (o->technique == IL_IBA_ERDA && !a->tilt)
        o->alpha_deg = 75.0;
    else
        o->alpha_deg = a->tilt;
    o->beta_deg = a->exit;
    o->fluence = a->fluence;
    o->solid_angle_msr = a->solid_angle;
    o->channels = (size_t)a->channels;
    o->cal_gain_keV = a->gain;
    o->cal_quad_keV = a->quad;
    il_status st;
    if (a->beam && (st = cli_iba_parse_nuclide(a->beam, &o->beam_Z, &o->beam_A, err)))
        return st;
    if (!a->beam && o->technique == IL_IBA_NRA) {
        o->beam_Z = 1;
        o->beam_A = 1;
    }
    if ((st = energy_opt(a->energy, "--energy", &o->energy_keV, err)) ||
        (st = energy_opt(a->spread, "--spread", &o->energy_spread_keV, err)) ||
        (st = energy_opt(a->resolution, "--resolution", &o->resolution_keV, err)))
        return st;
    if (a->calibration_offset) {
        /* an offset may be negative: parse the magnitude with the energy reader */
        const char *t = a->calibration_offset;
        int neg = *t == '-';
        if ((st = energy_opt(t + neg, "--offset", &o->cal_offset_keV, err)))
            return st;
        if (neg)
            o->cal_offset_keV = -o->cal_offset_keV;
    }
    if (a->detect) {
        const il_element *e = il_element_by_symbol(a->detect);
        if (!e)
            return il_error_set(err, IL_ERR_NOT_FOUND, "--detect '%s': expected an element "
                                "symbol (H, Li, ...)", a->detect);
        o->detect_Z = e->Z;
    }
    size_t nt = 0;
    for (size_t i = 0; i < a->r33.n; i++) {
        if ((st = il_r33_load(a->r33.v[i], &s->r33[s->n_r33], err))) {
            cli_iba_setup_clear(s);
            return st;
        }
        il_r33 *r = s->r33[s->n_r33++];
        for (size_t k = 0; k < il_r33_count(r) && nt < 256; k++)
            s->tables[nt++] = il_r33_table(r, k);
    }
    o->sigma = s->tables;
    o->n_sigma = nt;
    if (a->foil) {
        double nm;
        if (!a->foil_thickness) {
            cli_iba_setup_clear(s);
            return il_error_set(err, IL_ERR_INVALID, "--foil %s: give its --foil-thickness "
                                "(e.g. 10um)", a->foil);
        }
        if ((st = cli_material_setup(a->foil, NULL, NULL, 0, &s->foil, err)) ||
            (st = il_parse_length_nm(a->foil_thickness, &nm, err))) {
            il_error_prefix(err, "--foil: ");
            cli_iba_setup_clear(s);
            return st;
        }
        o->foil.Z = s->foil.target.Z;
        o->foil.atoms = s->foil.target.atoms;
        o->foil.n = s->foil.target.n;
        o->foil.areal_tfu = il_nm_to_tfu(nm, s->foil.atoms_cm3);
    }
    return IL_OK;
}

int cli_iba_is_idf(const char *path)
{
    const char *dot = strrchr(path, '.');
    /* not .xml: N42 spectra are XML too */
    return dot && (!strcasecmp(dot, ".xnra") || !strcasecmp(dot, ".idf"));
}

int cli_iba_stack_setup(const char *path, const cli_iba_args *a, il_stack **stack,
                        cli_iba_setup *s)
{
    il_error err;
    *stack = NULL;
    if (il_stack_load(path, NULL, stack, &err))
        return cli_fail(&err);
    if (cli_iba_setup_from(a, s, &err)) {
        il_stack_free(*stack);
        *stack = NULL;
        return cli_fail(&err);
    }
    return CLI_EXIT_OK;
}
