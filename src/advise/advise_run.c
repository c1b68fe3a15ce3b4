/* The advisor's driver: the question resolved once (interface depth, the Li the interlayer may
 * hold), the capability table's yes/no checks, then each technique's own physics, and the
 * ranking. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advise/advise_priv.h"
#include "interlayer/constants.h"

void il_advise_options_default(il_advise_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->wants = IL_WANT_LI_PROFILE;
    o->resolution_nm = 10;
    o->interlayer_nm = 10;
    o->ndp_fluence_rate_n_cm2_s = 1e9;
    o->precision = 0.05;
    o->max_time_s = 0;
    o->sputter_roughening = 0.03;
    o->eh_potential_V = 0.1;
    o->eh_lamella_nm = 100;
    o->eh_voltage_kV = 300;
    o->eh_phase_resolution_rad = 2 * IL_PI / 100;
}

static il_status check_options(const il_advise_options *o, il_error *err)
{
    const struct {
        const char *name;
        double v;
    } pos[] = {{"resolution", o->resolution_nm},
               {"interlayer thickness", o->interlayer_nm},
               {"NDP fluence rate", o->ndp_fluence_rate_n_cm2_s},
               {"precision", o->precision},
               {"EH lamella thickness", o->eh_lamella_nm},
               {"EH voltage", o->eh_voltage_kV},
               {"EH phase resolution", o->eh_phase_resolution_rad}};
    for (size_t i = 0; i < sizeof pos / sizeof pos[0]; i++)
        if (!(pos[i].v > 0) || !isfinite(pos[i].v))
            return il_error_set(err, IL_ERR_INVALID, "advise: %s %g must be a number > 0",
                                pos[i].name, pos[i].v);
    if (!(o->max_time_s >= 0) || !(o->sputter_roughening >= 0) || !isfinite(o->eh_potential_V))
        return il_error_set(err, IL_ERR_INVALID,
                            "advise: time, sputter roughening and EH potential must be finite and "
                            ">= 0");
    if (!o->wants && !o->operando)
        return il_error_set(err, IL_ERR_INVALID, "advise: nothing wanted");
    return IL_OK;
}

/* the capability table's answers, before any physics */
static void table_checks(const il__adv_ctx *c, il_advice *a)
{
    const il_technique *t = a->technique;
    unsigned w = c->o->wants;
    if ((w & (IL_WANT_LI_AMOUNT | IL_WANT_LI_PROFILE)) && t->li_sensitive == 0)
        il__adv_judge(a, IL_VERDICT_CANNOT, "blind to Li (review Table 3: %s)", t->limitation);
    if ((w & IL_WANT_CHEMISTRY) && t->chemical_state == 0)
        il__adv_judge(a, IL_VERDICT_CANNOT, "no chemical-state information (review Fig. 29)");
    if ((w & IL_WANT_STRUCTURE) && t->structure == 0)
        il__adv_judge(a, IL_VERDICT_CANNOT, "not sensitive to crystal structure (review Sec. 5)");
    if (c->o->operando && !t->operando)
        il__adv_judge(a, IL_VERDICT_CANNOT, "%s: post-mortem only, not operando",
                      t->destructive ? "destructive" : "ex situ");
    if ((w & IL_WANT_LI_AMOUNT) && t->li_sensitive == 1)
        il__adv_judge(a, IL_VERDICT_MARGINAL, "weak Li sensitivity (review Fig. 29)");
    if ((w & IL_WANT_CHEMISTRY) && t->chemical_state == 1)
        il__adv_judge(a, IL_VERDICT_MARGINAL, "limited chemical information (review Fig. 29)");
}

static il_status evaluate(const il__adv_ctx *c, il_advice *a, il_error *err)
{
    const char *id = a->technique->id, *fam = a->technique->family;
    if (!strcmp(id, "ndp"))
        return il__adv_ndp(c, a, err);
    if (!strcmp(id, "nr"))
        return il__adv_refl(c, a, 1, err);
    if (!strcmp(id, "xrr"))
        return il__adv_refl(c, a, 0, err);
    if (!strcmp(fam, "xray"))
        return il__adv_xray(c, a, err);
    if (!strcmp(fam, "sputter") || !strcmp(fam, "ablation"))
        return il__adv_sputter(c, a, err);
    if (!strcmp(fam, "electron"))
        return il__adv_electron(c, a, err);
    if (!strcmp(fam, "iba"))
        return il__adv_iba(c, a, err);
    return IL_OK;
}

static int cmp_advice(const void *x, const void *y)
{
    const il_advice *a = x, *b = y;
    if (a->verdict != b->verdict)
        return (int)a->verdict - (int)b->verdict;
    /* within a verdict: what this stack's physics ruled out before what the table did (the
     * former may work with a change), then non-destructive first, then operando-capable, then table order */
    if (a->by_table != b->by_table)
        return a->by_table - b->by_table;
    if (a->technique->destructive != b->technique->destructive)
        return a->technique->destructive - b->technique->destructive;
    if (a->technique->operando != b->technique->operando)
        return b->technique->operando - a->technique->operando;
    return a->technique < b->technique ? -1 : a->technique > b->technique;
}

il_status il_advise_run(const il_stack *s, const char *interface, const il_advise_options *o,
                        il_advice_list **out, il_error *err)
{
    if (!s || !interface || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_advise_run: NULL argument");
    *out = NULL;
    il_advise_options def;
    if (!o) {
        il_advise_options_default(&def);
        o = &def;
    }
    il_status st = check_options(o, err);
    if (st)
        return st;
    il__adv_ctx c = {0};
    c.s = s;
    c.o = o;
    if ((st = il_advise_find_interface(s, interface, &c.upper, err)))
        return st;
    c.depth_nm = il_stack_layer_top_nm(s, c.upper + 1);
    for (size_t i = c.upper + 1; i < il_stack_count(s); i++)
        if (!il_stack_layer(s, i)->is_substrate)
            c.below_nm += il_stack_layer(s, i)->thickness_nm;
    c.max_time_s = o->max_time_s > 0 ? o->max_time_s : o->operando ? 900.0 : 86400.0;
    /* the Li the interlayer holds: that of its Li-bearing neighbour (the richer one) */
    c.li_side = -1;
    for (int k = 0; k < 2; k++) {
        const il_layer *l = il_stack_layer(s, c.upper + (size_t)k);
        if (l->li_atoms_cm3 > c.li_atoms_cm3) {
            c.li_atoms_cm3 = l->li_atoms_cm3;
            c.li_side = k;
        }
    }
    il_advice_list *l = calloc(1, sizeof *l);
    size_t n = il_technique_count();
    if (!l || !(l->items = calloc(n, sizeof *l->items))) {
        free(l);
        return il_error_set(err, IL_ERR_NOMEM, "advise: out of memory");
    }
    l->n = n;
    l->interface_depth_nm = c.depth_nm;
    l->upper = c.upper;
    for (size_t i = 0; i < n && !st; i++) {
        il_advice *a = &l->items[i];
        a->technique = il_technique_get(i);
        a->verdict = IL_VERDICT_WORKS;
        a->depth_resolution_nm = NAN;
        a->reach = NAN;
        snprintf(a->caveat, sizeof a->caveat, "%s", a->technique->limitation);
        table_checks(&c, a);
        a->by_table = a->verdict == IL_VERDICT_CANNOT;
        st = evaluate(&c, a, err);
        if (st)
            il_error_prefix(err, "%s: ", a->technique->name);
    }
    if (st) {
        il_advice_list_free(l);
        return st;
    }
    qsort(l->items, n, sizeof *l->items, cmp_advice);
    *out = l;
    return IL_OK;
}

void il_advice_list_free(il_advice_list *l)
{
    if (!l)
        return;
    free(l->items);
    free(l);
}

const il_advice *il_advice_list_find(const il_advice_list *l, const char *id)
{
    for (size_t i = 0; l && id && i < l->n; i++)
        if (!strcmp(l->items[i].technique->id, id))
            return &l->items[i];
    return NULL;
}
