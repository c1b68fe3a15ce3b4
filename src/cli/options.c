/* cli_parse: one pass over argv against a verb's option tables (see options.h). */
#include "cli/options.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "interlayer/units.h"

/* Does `arg` spell option `name`, as "--name" or "--name=VALUE"? Sets *inline_value to VALUE
 * (NULL without '='). Flags take no '=': "--csv=1" is no option. */
static int spells(const char *arg, const char *name, int takes_value, const char **inline_value)
{
    size_t n = strlen(name);
    *inline_value = NULL;
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '\0')
        return 1;
    if (arg[n] == '=' && takes_value) {
        *inline_value = arg + n + 1;
        return 1;
    }
    return 0;
}

static int take_number(double *dst, const char *name, const char *v, double min, double max)
{
    /* the library's decimal reader: no hexadecimal, inf or nan, as in every file */
    il_error err;
    double x;
    int ok = il_parse_number(v, &x, &err) == IL_OK && x >= min;
    if (max > min && !(ok && x <= max))
        return cli_usage("%s '%s': expected a number %g..%g", name, v, min, max);
    if (!ok)
        return cli_usage("%s '%s': expected a number >= %g", name, v, min);
    *dst = x;
    return 0;
}

/* A count: decimal, whole and within the range the option states in its message. */
static int take_whole(double *dst, const char *name, const char *v, double min, double max)
{
    il_error err;
    double x;
    if (il_parse_number(v, &x, &err) != IL_OK || x < min || x > max || x != floor(x))
        return cli_usage("%s '%s': expected a whole number %.0f..%.0f", name, v, min, max);
    *dst = x;
    return 0;
}

/* The entry of `words` ({NULL, 0} ends them) spelled v, or NULL. */
static const cli_word_value *find_word(const cli_word_value *words, const char *v)
{
    for (const cli_word_value *w = words; w->word; w++)
        if (strcmp(v, w->word) == 0)
            return w;
    return NULL;
}

static int take_choice(int *dst, const cli_opt *o, const char *name, const char *v)
{
    const cli_word_value *w = find_word(o->words, v);
    if (!w)
        return cli_usage("%s '%s': expected %s", name, v, o->expected);
    *dst = w->value;
    return 0;
}

static int take_list(cli_list *dst, const char *name, const char *v)
{
    if (dst->n == CLI_LIST_MAX)
        return cli_usage("too many %s options", name);
    dst->v[dst->n++] = v;
    return 0;
}

/* Stores the value of option o (spelled `name` on the command line) at dst. */
static int take(const cli_opt *o, void *dst, const char *name, const char *v)
{
    switch (o->kind) {
    case CLI_FLAG: *(int *)dst = 1; return 0;
    case CLI_TEXT: *(const char **)dst = v; return 0;
    case CLI_LIST: return take_list(dst, name, v);
    case CLI_NUMBER: return take_number(dst, name, v, o->min, o->max);
    case CLI_WHOLE: return take_whole(dst, name, v, o->min, o->max);
    case CLI_CHOICE: return take_choice(dst, o, name, v);
    case CLI_CALL: return o->call(dst, o, v);
    }
    return 0;
}

int cli_parse_one(const cli_verb *verb, int argc, char **argv, int *i, void *args_)
{
    char *args = args_;
    for (size_t s = 0; s < verb->nsets; s++)
        for (size_t k = 0; k < verb->sets[s].n; k++) {
            const cli_opt *o = &verb->sets[s].opts[k];
            int valued = o->kind != CLI_FLAG;
            const char *name = o->name, *v;
            if (!spells(argv[*i], name, valued, &v)) {
                name = o->alias;
                if (!name || !spells(argv[*i], name, valued, &v))
                    continue;
            }
            if (valued && !v) {
                if (*i + 1 >= argc)
                    return cli_usage("option %s needs a value", name);
                v = argv[++*i];
            }
            int rc = take(o, args + verb->sets[s].base + o->offset, name, v);
            return rc ? rc : 1;
        }
    return 0;
}

int cli_parse(const cli_verb *verb, int argc, char **argv, void *args)
{
    const char **pos = (const char **)((char *)args + verb->pos_offset);
    size_t npos = 0;
    int csv = 0, json = 0; /* both given: refused below rather than one silently winning */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (verb->help && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            fputs(verb->help, stdout);
            return CLI_EXIT_OK;
        }
        int r = cli_parse_one(verb, argc, argv, &i, args);
        if (r == 1) {
            csv |= strcmp(a, "--csv") == 0;
            json |= strcmp(a, "--json") == 0;
            continue;
        }
        if (r)
            return r;
        if (a[0] == '-' && a[1] != '\0')
            return cli_usage("%s: %s '%s'", verb->name, verb->unknown, a);
        if (npos == verb->max_pos)
            return verb->too_many ? cli_usage("%s: %s", verb->name, verb->too_many)
                                  : cli_usage("%s: unexpected argument '%s'", verb->name, a);
        pos[npos++] = a;
    }
    if (csv && json)
        return cli_usage("%s: --csv and --json ask for two formats of one output: give one",
                         verb->name);
    return CLI_RUN;
}

int cli_word(const char *verb, const char *opt, const char *value, const cli_word_value *words,
             const char *list, int *out)
{
    const cli_word_value *w = find_word(words, value);
    if (!w)
        return cli_usage("%s: %s '%s' unknown (%s)", verb, opt, value, list);
    *out = w->value;
    return 0;
}

int cli_check_whole(const char *verb, const char *opt, const char *text, double v, double lo,
                    double hi)
{
    if (v < lo || v > hi || v != floor(v))
        return cli_usage("%s: %s %s: expected a whole number %.0f..%.0f", verb, opt, text, lo, hi);
    return 0;
}
