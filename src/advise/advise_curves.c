/* Depth resolution against depth, the report's second figure: the same physics as the
 * verdicts (NDP forward model, MRI sputter function, TPP-2M information depths, ion-beam
 * stopping for RBS and ERDA), swept over depth instead of evaluated at one interface. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advise/advise_priv.h"
#include "core/built.h"
#include "interlayer/ndp.h"
#include "interlayer/ndp_model.h"
#include "interlayer/sputter.h"
#include "interlayer/xray_depth.h"

void il_advise_curves_free(il_advise_curves *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->curves[i].depth_nm);
        free(c->curves[i].value);
    }
    free(c->curves);
    free(c);
}

static il_advise_curve *add_curve(il_advise_curves *c, const char *label, size_t n,
                                  const double *z)
{
    il_advise_curve *k = &c->curves[c->n];
    snprintf(k->label, sizeof k->label, "%s", label);
    k->n = n;
    k->depth_nm = malloc(n * sizeof(double));
    k->value = malloc(n * sizeof(double));
    if (!k->depth_nm || !k->value) {
        free(k->depth_nm);
        free(k->value);
        return NULL;
    }
    memcpy(k->depth_nm, z, n * sizeof(double));
    c->n++;
    return k;
}

/* the layer holding depth z (the last one below the stack) */
static size_t layer_at(const il_stack *s, double z)
{
    size_t n = il_stack_count(s), i = 0;
    while (i + 1 < n && z >= il_stack_layer_top_nm(s, i + 1))
        i++;
    return i;
}

static il_status imfp(const il_stack *s, size_t i, double E, double *L, il_error *err)
{
    il_composition comp;
    il_status st = il__adv_comp(s, i, &comp, err);
    if (!st)
        st = il_electron_imfp_tpp2m_nm(&comp, il_stack_layer(s, i)->density_g_cm3,
                                       comp.n <= 1 ? 0.0 : 5.0, E, L, err);
    return st;
}

/* The start both curve sets make (`what` names them in messages): the arguments checked, the
 * options defaulted into *def when *o is NULL, the stack's total thickness, and an empty set
 * with room for `room` curves and n depths z. */
static il_status curves_begin(const il_stack *s, const il_advise_options **o,
                              il_advise_options *def, il_advise_curves **out, size_t n,
                              size_t room, const char *what, double *total, il_advise_curves **c,
                              double **z, il_error *err)
{
    if (!s || !out || n < 2)
        return il_error_set(err, IL_ERR_INVALID, "%s: need a stack and n >= 2", what);
    *out = NULL;
    if (!*o) {
        il_advise_options_default(def);
        *o = def;
    }
    *total = il_stack_thickness_nm(s);
    if (!(*total > 0))
        return il_error_set(err, IL_ERR_INVALID, "%s: the stack has no thickness", what);
    *c = calloc(1, sizeof **c);
    *z = malloc(n * sizeof(double));
    if (!*c || !*z || !((*c)->curves = calloc(room, sizeof *(*c)->curves))) {
        free(*z);
        il_advise_curves_free(*c);
        return il_error_set(err, IL_ERR_NOMEM, "%s: out of memory", what);
    }
    return IL_OK;
}

il_status il_advise_resolution_curves(const il_stack *s, const il_advise_options *o, size_t n,
                                      il_advise_curves **out, il_error *err)
{
    il_advise_options def;
    double total, *z;
    il_advise_curves *c;
    il_status st0 = curves_begin(s, &o, &def, out, n, 8, "resolution curves", &total, &c, &z, err);
    if (st0)
        return st0;
    for (size_t i = 0; i < n; i++)
        z[i] = total * (double)i / (double)(n - 1);
    il_status st = IL_OK;

    /* NDP: the stack's own model on the default station */
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    ins.fluence_rate_n_cm2_s = o->ndp_fluence_rate_n_cm2_s;
    il_ndp_model *m = NULL;
    int has_li = 0;
    for (size_t i = 0; i < il_stack_count(s); i++)
        has_li |= il_stack_layer(s, i)->li_atoms_cm3 > 0;
    if (has_li)
        st = il_ndp_model_new(s, &ins, &m, err);
    for (size_t p = 0; !st && m && p < il_ndp_model_n_particles(m); p++) {
        const il_ndp_particle *q = il_ndp_model_particle(m, p);
        if (strcmp(q->key, "alpha") && strcmp(q->key, "triton"))
            continue;
        char label[64];
        snprintf(label, sizeof label, "NDP %s", q->key);
        il_advise_curve *k = add_curve(c, label, n, z);
        if (!k)
            st = il_error_set(err, IL_ERR_NOMEM, "resolution curves: out of memory");
        else
            st = il_ndp_depth_resolution(m, p, z, n, k->value, NULL, err);
    }
    il_ndp_model_free(m);

    /* sputter profiles: MRI with the roughening front */
    const struct {
        const char *label;
        double w, E;
    } sp[] = {{"Etched-XPS", 2.0, 1486.6 - 99.0}, {"ToF-SIMS", 1.0, 0}};
    for (size_t j = 0; j < 2 && !st; j++) {
        il_advise_curve *k = add_curve(c, sp[j].label, n, z);
        if (!k) {
            st = il_error_set(err, IL_ERR_NOMEM, "resolution curves: out of memory");
            break;
        }
        for (size_t i = 0; i < n && !st; i++) {
            il_mri_params p = {sp[j].w, o->sputter_roughening * z[i], 0.3};
            if (sp[j].E > 0)
                st = imfp(s, layer_at(s, z[i]), sp[j].E, &p.lambda_nm, err);
            k->value[i] = il_mri_depth_resolution_nm(&p);
        }
    }
    /* electron spectroscopies without sputtering: they see the top 3 IMFP, nothing deeper */
    const struct {
        const char *label;
        double E;
    } el[] = {{"lab XPS (no sputter)", 1486.6 - 99.0}, {"HAXPES 8 keV", 8000 - 100}};
    for (size_t j = 0; j < 2 && !st; j++) {
        double L = 0;
        if ((st = imfp(s, 0, el[j].E, &L, err)))
            break;
        il_advise_curve *k = add_curve(c, el[j].label, n, z);
        if (!k) {
            st = il_error_set(err, IL_ERR_NOMEM, "resolution curves: out of memory");
            break;
        }
        for (size_t i = 0; i < n; i++)
            k->value[i] = z[i] <= 3 * L ? 3 * L : NAN;
    }
    /* ion beams: 2 MeV 4He RBS and He-ERDA of Li (advise_iba.c) */
    if (!st) {
        il_advise_curve *r = add_curve(c, "RBS 2 MeV 4He", n, z);
        il_advise_curve *e = r ? add_curve(c, "He-ERDA Li", n, z) : NULL;
        st = e ? il__adv_iba_curves(s, z, n, r->value, e->value, err)
               : il_error_set(err, IL_ERR_NOMEM, "resolution curves: out of memory");
    }
    free(z);
    IL_RETURN_BUILT(st, c, il_advise_curves_free, out);
}

il_status il_advise_li_signals(const il_stack *s, const il_advise_options *o, double depth_nm,
                               size_t n, il_advise_curves **out, il_error *err)
{
    il_advise_options def;
    double total, *z;
    il_advise_curves *c;
    il_status st0 = curves_begin(s, &o, &def, out, n, 3, "Li signals", &total, &c, &z, err);
    if (st0)
        return st0;
    double dz = total / (double)n;
    for (size_t i = 0; i < n; i++)
        z[i] = (i + 0.5) * dz;
    il_status st = IL_OK;
    il_advise_curve *t = add_curve(c, "true Li fraction", n, z);
    if (!t)
        st = il_error_set(err, IL_ERR_NOMEM, "Li signals: out of memory");
    else
        st = il_sputter_true_profile(s, 3, 0, dz, n, t->value, err);
    /* the sputter front's roughness where it meets depth_nm; XPS sees the IMFP there */
    double sig = o->sputter_roughening * (isfinite(depth_nm) ? depth_nm : 0);
    double lam = 0;
    if (!st)
        st = imfp(s, layer_at(s, isfinite(depth_nm) ? depth_nm : 0), 1486.6 - 99.0, &lam, err);
    const struct {
        const char *label;
        il_mri_params p;
    } sp[] = {{"Etched-XPS (predicted)", {2.0, sig, lam}}, {"ToF-SIMS (predicted)", {1.0, sig, 0.3}}};
    for (size_t j = 0; j < 2 && !st; j++) {
        il_advise_curve *k = add_curve(c, sp[j].label, n, z);
        if (!k)
            st = il_error_set(err, IL_ERR_NOMEM, "Li signals: out of memory");
        else
            st = il_mri_convolve(&sp[j].p, dz, t->value, n, k->value, err);
    }
    free(z);
    IL_RETURN_BUILT(st, c, il_advise_curves_free, out);
}
