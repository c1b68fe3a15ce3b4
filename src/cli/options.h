/* The one option mechanism of the program: each verb describes its command line as const data
 * (a cli_verb with tables of cli_opt) and calls cli_parse, which fills the verb's own argument
 * struct and prints the usage errors. Values whose errors must come after other input errors
 * (energies, lengths, words checked once the required arguments are known) stay text and are
 * converted by the verb, with cli_word and cli_check_whole below for the usage messages. */
#ifndef CLI_OPTIONS_H
#define CLI_OPTIONS_H
#include <stddef.h>

typedef enum {
    CLI_FLAG,   /* no value: the int at the destination becomes 1 */
    CLI_TEXT,   /* the value as given (const char *); the last one given wins */
    CLI_LIST,   /* repeatable value, appended to a cli_list */
    CLI_NUMBER, /* double, finite and >= min, checked where it stands on the command line */
    CLI_WHOLE,  /* double holding a whole number in min..max (counts: steps, walkers) */
    CLI_CHOICE, /* one of `words`: the int at the destination becomes the matching value */
    CLI_CALL,   /* the value goes to `call` (settings that need more than one field) */
} cli_opt_kind;

typedef struct cli_opt cli_opt;

/* A word of a CLI_CHOICE option and what it stands for. */
typedef struct {
    const char *word;
    int value;
} cli_word_value;

struct cli_opt {
    const char *name;  /* "--energy": matches "--energy V" and "--energy=V" */
    const char *alias; /* another spelling ("-o" for "--output"), or NULL */
    cli_opt_kind kind;
    size_t offset; /* of the destination, inside the struct the option set points at */
    double min;    /* CLI_NUMBER, CLI_WHOLE: smallest value accepted */
    double max;    /* CLI_WHOLE, CLI_NUMBER when above min: largest value accepted */
    const cli_word_value *words; /* CLI_CHOICE: the words, ended by {NULL, 0} */
    const char *expected;        /* CLI_CHOICE: "neutron or xray", for the error */
    /* CLI_CALL: takes the value for the destination dst; returns 0, or prints a usage error
     * and returns CLI_EXIT_USAGE. `data` is handed over unchanged. */
    int (*call)(void *dst, const cli_opt *o, const char *value);
    const void *data;
};

/* Up to CLI_LIST_MAX values of a repeatable option (as many as a formula has elements). */
#define CLI_LIST_MAX 32
typedef struct {
    const char *v[CLI_LIST_MAX];
    size_t n;
} cli_list;

/* A table of options whose destinations lie `base` bytes into the verb's argument struct, so
 * shared tables (output, instrument, probe) sit wherever a verb keeps them. */
typedef struct {
    const cli_opt *opts;
    size_t n;
    size_t base;
} cli_opt_set;

/* Table rows, one per kind (designated, so unused fields stay zero). */
#define CLI_OPT_FLAG(nm, off) {.name = (nm), .kind = CLI_FLAG, .offset = (off)}
#define CLI_OPT_TEXT(nm, al, off) {.name = (nm), .alias = (al), .kind = CLI_TEXT, .offset = (off)}
#define CLI_OPT_LIST(nm, off) {.name = (nm), .kind = CLI_LIST, .offset = (off)}
#define CLI_OPT_NUMBER(nm, off, lo)                                                                \
    {.name = (nm), .kind = CLI_NUMBER, .offset = (off), .min = (lo)}
/* A number in lo..hi, the range in its message (CLI_OPT_NUMBER states only the lower bound). */
#define CLI_OPT_RANGE(nm, off, lo, hi)                                                             \
    {.name = (nm), .kind = CLI_NUMBER, .offset = (off), .min = (lo), .max = (hi)}
#define CLI_OPT_WHOLE(nm, off, lo, hi)                                                             \
    {.name = (nm), .kind = CLI_WHOLE, .offset = (off), .min = (lo), .max = (hi)}
#define CLI_OPT_CHOICE(nm, off, w, exp)                                                            \
    {.name = (nm), .kind = CLI_CHOICE, .offset = (off), .words = (w), .expected = (exp)}
#define CLI_OPT_CALL(nm, off, fn, d)                                                               \
    {.name = (nm), .kind = CLI_CALL, .offset = (off), .call = (fn), .data = (d)}

#define CLI_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define CLI_SET(table, base) {(table), CLI_COUNT(table), (base)}

/* Inside a cli_verb initialiser: the verb's option sets, searched in the order given
 * (CLI_SETS(CLI_SET(shared, offsetof(args, member)), CLI_SET(own, 0))). The array is a file-scope
 * compound literal, static like the verb, so each verb states its tables once, where it is. */
#define CLI_SETS(...)                                                                              \
    .sets = (const cli_opt_set[]){__VA_ARGS__},                                                    \
    .nsets = sizeof((const cli_opt_set[]){__VA_ARGS__}) / sizeof(cli_opt_set)
/* Inside a cli_verb initialiser: positional words go into the const char *member[N] of the
 * argument struct type T, at most N of them (the array's own size, so the two cannot differ). */
#define CLI_POSITIONAL(T, member)                                                                  \
    .pos_offset = offsetof(T, member), .max_pos = CLI_COUNT(((T *)0)->member)

/* A verb's command line. Words that start with '-' (other than "-" alone) and are no option
 * are reported as "<name>: <unknown> '<word>'"; other words are positional, stored in order into
 * the const char *[max_pos] array at pos_offset; one more is "<name>: unexpected argument
 * '<word>'", or "<name>: <too_many>" when too_many is set. */
typedef struct {
    const char *name;   /* "stopping", "ndp invert": how errors name the verb */
    const char *help;   /* printed on --help or -h (then exit 0); NULL: no such option */
    const cli_opt_set *sets;
    size_t nsets;
    size_t pos_offset;
    size_t max_pos;
    const char *unknown;  /* "unknown option", "unexpected argument", "unexpected option" */
    const char *too_many; /* NULL: "unexpected argument '<word>'" */
} cli_verb;

/* cli_parse returns this when the verb should run; anything else is the exit code to return
 * (0 after --help, CLI_EXIT_USAGE after a usage error, already printed). */
#define CLI_RUN (-1)
int cli_parse(const cli_verb *verb, int argc, char **argv, void *args);
/* The prologue of every verb: parses into *args and returns from the verb unless it should run.
 * Declares `rc` (CLI_RUN from here on), which the verb may reuse for its own exit code. */
#define CLI_PARSE_OR_RETURN(verb, argc, argv, args)                                                \
    int rc = cli_parse((verb), (argc), (argv), (args));                                            \
    if (rc != CLI_RUN)                                                                             \
    return rc
/* One step of cli_parse: looks argv[*i] up in the verb's tables. Returns 1 when it is an option
 * (stored; *i advanced past a separate value), 0 when it is not, CLI_EXIT_USAGE after a usage
 * error (printed). */
int cli_parse_one(const cli_verb *verb, int argc, char **argv, int *i, void *args);

/* Values checked after parsing, usage errors in the house style. */
/* Finds `value` among `words` ({NULL, 0} ends them): 0 and *out set, or prints "<verb>: <opt>
 * '<value>' unknown (<list>)" and returns CLI_EXIT_USAGE. */
int cli_word(const char *verb, const char *opt, const char *value, const cli_word_value *words,
             const char *list, int *out);
/* v (read from `text` by the library's number reader) must be a whole number lo..hi: 0, or
 * prints "<verb>: <opt> <text>: expected a whole number lo..hi" and returns CLI_EXIT_USAGE. */
int cli_check_whole(const char *verb, const char *opt, const char *text, double v, double lo,
                    double hi);

#endif
