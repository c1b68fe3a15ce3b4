/* libFuzzer target for the advisor's question parsers: the want list and the interface spec
 * (input split at the first newline: wants, then "A/B"), and, when both parse, a full advisor
 * run on the built-in cell whose verdicts must be ranked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static il_stack *cell; /* built once: the fuzzer's inputs change only the question */
    if (!cell && il_stack_default_cell(&cell, NULL) != IL_OK)
        abort();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *iface = strchr(text, '\n');
    if (iface)
        *iface++ = '\0';
    il_error err;
    il_advise_options o;
    il_advise_options_default(&o);
    unsigned w = 0;
    int op = 0;
    if (il_advise_wants_parse(text, &w, &op, &err) == IL_OK && iface) {
        o.wants = w ? w : IL_WANT_LI_PROFILE;
        o.operando = op;
        size_t upper;
        if (il_advise_find_interface(cell, iface, &upper, &err) == IL_OK) {
            il_advice_list *l = NULL;
            if (il_advise_run(cell, iface, &o, &l, &err) != IL_OK)
                abort();
            for (size_t i = 1; i < l->n; i++)
                if (l->items[i].verdict < l->items[i - 1].verdict)
                    abort();
            il_advice_list_free(l);
        }
    }
    free(text);
    return 0;
}
