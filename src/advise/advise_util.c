/* Bookkeeping of the advisor: verdicts, the deciding text, suggestions, the wants, the
 * interface lookup. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "advise/advise_priv.h"

void il__adv_judge(il_advice *a, il_verdict v, const char *fmt, ...)
{
    if (v < a->verdict || (v == a->verdict && a->decides[0]))
        return;
    a->verdict = v;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->decides, sizeof a->decides, fmt, ap);
    va_end(ap);
}

void il__adv_change(il_advice *a, const char *fmt, ...)
{
    char buf[IL_ADVICE_TEXT];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (!buf[0] || strstr(a->change, buf))
        return;
    size_t len = strlen(a->change);
    snprintf(a->change + len, sizeof a->change - len, "%s%s", len ? "; " : "", buf);
}

il_verdict il__adv_scale(double value, double wanted)
{
    if (!(value <= 2.0 * wanted))
        return IL_VERDICT_CANNOT;
    return value <= wanted ? IL_VERDICT_WORKS : IL_VERDICT_MARGINAL;
}

il_verdict il__adv_time(const il__adv_ctx *c, double t_s)
{
    return t_s <= c->max_time_s        ? IL_VERDICT_WORKS
           : t_s <= 10 * c->max_time_s ? IL_VERDICT_MARGINAL
                                       : IL_VERDICT_CANNOT;
}

const char *il_verdict_name(il_verdict v)
{
    switch (v) {
    case IL_VERDICT_WORKS:
        return "works";
    case IL_VERDICT_MARGINAL:
        return "marginal";
    case IL_VERDICT_CANNOT:
        return "cannot";
    default:
        return "not yet computed";
    }
}

il_status il_advise_wants_parse(const char *text, unsigned *wants, int *operando, il_error *err)
{
    static const struct {
        const char *word;
        unsigned bit;
    } words[] = {{"li-amount", IL_WANT_LI_AMOUNT},   {"li-profile", IL_WANT_LI_PROFILE},
                 {"chemistry", IL_WANT_CHEMISTRY},   {"structure", IL_WANT_STRUCTURE},
                 {"thickness", IL_WANT_THICKNESS}};
    if (!text || !wants)
        return il_error_set(err, IL_ERR_INVALID, "il_advise_wants_parse: NULL argument");
    unsigned w = 0;
    int op = 0;
    const char *p = text;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, ", ");
        int found = 0;
        if (len == 8 && strncasecmp(p, "operando", 8) == 0) {
            op = 1;
            found = 1;
        }
        for (size_t i = 0; !found && i < sizeof words / sizeof words[0]; i++)
            if (strlen(words[i].word) == len && strncasecmp(p, words[i].word, len) == 0) {
                w |= words[i].bit;
                found = 1;
            }
        if (!found)
            return il_error_set(err, IL_ERR_PARSE,
                                "unknown want '%.*s' (expected li-amount, li-profile, chemistry, "
                                "structure, thickness or operando)",
                                (int)len, p);
        p += len;
    }
    if (!w && !op)
        return il_error_set(err, IL_ERR_PARSE, "empty want list");
    *wants = w;
    if (operando)
        *operando = op;
    return IL_OK;
}

static int layer_is(const il_layer *l, const char *name, size_t len)
{
    return (strlen(l->name) == len && strncasecmp(l->name, name, len) == 0) ||
           (strlen(l->material) == len && strncmp(l->material, name, len) == 0);
}

il_status il_advise_find_interface(const il_stack *s, const char *spec, size_t *upper,
                                   il_error *err)
{
    if (!s || !spec || !upper)
        return il_error_set(err, IL_ERR_INVALID, "il_advise_find_interface: NULL argument");
    const char *slash = strchr(spec, '/');
    if (!slash || slash == spec || !slash[1])
        return il_error_set(err, IL_ERR_PARSE, "interface '%s': expected A/B, e.g. Si/Li3PO4",
                            spec);
    size_t la = (size_t)(slash - spec), lb = strlen(slash + 1);
    size_t n = il_stack_count(s);
    for (size_t i = 0; i + 1 < n; i++) {
        const il_layer *x = il_stack_layer(s, i), *y = il_stack_layer(s, i + 1);
        if ((layer_is(x, spec, la) && layer_is(y, slash + 1, lb)) ||
            (layer_is(y, spec, la) && layer_is(x, slash + 1, lb))) {
            *upper = i;
            return IL_OK;
        }
    }
    char have[400];
    size_t len = 0;
    have[0] = '\0';
    for (size_t i = 0; i + 1 < n && len < sizeof have; i++) {
        int k = snprintf(have + len, sizeof have - len, "%s%s/%s", i ? ", " : "",
                         il_stack_layer(s, i)->material, il_stack_layer(s, i + 1)->material);
        if (k < 0)
            break;
        len += (size_t)k;
    }
    return il_error_set(err, IL_ERR_NOT_FOUND,
                        "interface '%s' is not in the stack (its interfaces: %s)", spec,
                        n > 1 ? have : "none");
}

il_status il__adv_comp(const il_stack *s, size_t i, il_composition *c, il_error *err)
{
    il_status st = il_layer_composition(il_stack_layer(s, i), c, err);
    if (st)
        il_error_prefix(err, "layer %zu: ", i + 1);
    return st;
}
