/* Shared pieces of the `interlayer refl` verbs (see cmd_refl_common.h). */
#include "cli/cmd_refl_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "interlayer/units.h"
#include "interlayer/scattering.h"
#include "interlayer/refl_stack.h"

/* --probe neutron|xray */
static int take_probe(void *dst, const cli_opt *o, const char *v)
{
    cli_refl_probe *p = dst;
    if (strcmp(v, "neutron") == 0)
        p->probe.probe = IL_REFL_NEUTRON;
    else if (strcmp(v, "xray") == 0 || strcmp(v, "x-ray") == 0)
        p->probe.probe = IL_REFL_XRAY;
    else
        return cli_usage("--probe '%s': expected neutron or xray", v);
    p->probe_given = 1;
    return 0;
}

/* --wavelength Å (a bare number or with A or Å) */
static int take_wavelength(void *dst, const cli_opt *o, const char *v)
{
    cli_refl_probe *p = dst;
    il_error err;
    double w = 0;
    char num[64];
    snprintf(num, sizeof num, "%s", v);
    size_t n = strlen(num);
    /* strip the unit, then the number must be plain decimal (no 0x10, inf or nan) */
    if (n > 1 && num[n - 1] == 'A')
        num[n - 1] = '\0';
    else if (n > 2 && strcmp(num + n - 2, "Å") == 0)
        num[n - 2] = '\0';
    if (il_parse_number(num, &w, &err) != IL_OK || !(w > 0) || w > 1e4)
        return cli_usage("--wavelength '%s': expected a decimal value in Å, > 0 and <= 10000", v);
    p->probe.wavelength_A = w;
    return 0;
}

/* --energy: a bare number is keV, else what the library reads (CuKa, 8keV, 1.54A); it means
 * X-rays unless --probe said otherwise. */
static int take_energy(void *dst, const cli_opt *o, const char *v)
{
    cli_refl_probe *p = dst;
    il_error err;
    double e = 0;
    if (il_parse_number(v, &e, &err) == IL_OK && e > 0) {
        if (e > 1e4)
            return cli_usage("--energy '%s': expected an X-ray energy in keV, > 0 and <= 10000",
                             v);
        p->probe.energy_keV = e;
    } else if (il_xray_energy_parse(v, &p->probe.energy_keV, &err))
        return cli_usage("--energy: %s", err.message);
    if (!p->probe_given)
        p->probe.probe = IL_REFL_XRAY;
    return 0;
}

const cli_opt cli_refl_probe_options[3] = {
    CLI_OPT_CALL("--probe", 0, take_probe, NULL),
    CLI_OPT_CALL("--wavelength", 0, take_wavelength, NULL),
    CLI_OPT_CALL("--energy", 0, take_energy, NULL),
};

void cli_refl_apply_probe(const cli_refl_probe *po, il_refl_probe *p)
{
    if (po->probe_given || po->probe.energy_keV > 0)
        p->probe = po->probe.probe;
    if (po->probe.wavelength_A > 0)
        p->wavelength_A = po->probe.wavelength_A;
    if (po->probe.energy_keV > 0)
        p->energy_keV = po->probe.energy_keV;
}

/* A model from a stack (include/interlayer/stack.h): the same stack the other probes read. */
static il_status model_from_stack(const char *arg, il_refl_model **out, il_error *err)
{
    il_stack *stk;
    il_status st = il_stack_load(arg, NULL, &stk, err);
    if (st)
        return st;
    il_refl_model *m = calloc(1, sizeof *m);
    if (!m) {
        il_stack_free(stk);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    m->scale = 1.0;
    il_refl_resolution_init(&m->res);
    st = il_refl_stack_layers(stk, &m->layers, &m->nlayers, err);
    il_stack_free(stk);
    if (st) {
        il_refl_model_free(m);
        return st;
    }
    *out = m;
    return IL_OK;
}

/* A model argument: a YAML reflectometry model file or the inline ORSO form
 * ('air | LiNbO3 200 5 | Si', Å); failing both, a project stack (YAML stack file or inline
 * 'LiNbO3 20nm li6=1 | Si'). The first form's error is reported when none fits. */
il_status cli_refl_load_model(const char *arg, il_refl_model **out, il_error *err)
{
    il_error first;
    FILE *f = fopen(arg, "rb");
    il_status st;
    if (f) {
        fclose(f);
        st = il_refl_model_load(arg, out, &first);
    } else {
        il_refl_model *m = calloc(1, sizeof *m);
        if (!m)
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        m->scale = 1.0;
        il_refl_resolution_init(&m->res);
        st = il_refl_model_parse(arg, "<model>", &m->layers, &m->nlayers, &first);
        if (st)
            il_refl_model_free(m);
        else
            *out = m;
    }
    if (!st)
        return IL_OK;
    if (model_from_stack(arg, out, NULL) == IL_OK)
        return IL_OK;
    if (err)
        *err = first;
    return st;
}

/* Slabs of a model for a probe (caller frees). */
il_status cli_refl_model_slabs(const il_refl_layer_model *L, size_t n, const il_refl_probe *p,
                               il_refl_slab **out, il_error *err)
{
    il_refl_slab *s = malloc(n * sizeof *s);
    if (!s)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    for (size_t j = 0; j < n; j++) {
        double re, im;
        il_status st = il_refl_layer_sld(&L[j], p, &re, &im, err);
        if (st) {
            free(s);
            return st;
        }
        s[j] = (il_refl_slab){L[j].thickness_A, re, im, L[j].roughness_A};
    }
    *out = s;
    return IL_OK;
}

/* SLD profile (depth, real, imaginary) of slabs on a grid covering all interfaces ± 4σ. */
il_status cli_refl_sld_profile(const il_refl_slab *s, size_t n, size_t npts, double **z,
                               double **re, double **im, il_error *err)
{
    *z = malloc(npts * sizeof **z);
    *re = malloc(npts * sizeof **re);
    *im = malloc(npts * sizeof **im);
    if (!*z || !*re || !*im)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    il_status st = il_refl_profile_grid(s, n, npts, *z, err);
    return st ? st : il_refl_profile(s, n, *z, npts, *re, *im, err);
}

il_status cli_refl_load_model_probe(const char *arg, const cli_refl_probe *po, il_refl_model **out,
                                    il_refl_probe *p, il_error *err)
{
    il_status st = cli_refl_load_model(arg, out, err);
    if (st)
        return st;
    *p = (*out)->probe;
    cli_refl_apply_probe(po, p);
    return IL_OK;
}
