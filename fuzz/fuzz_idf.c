/* libFuzzer target: the IDF / .xnra reader on arbitrary bytes, then the writer on what it
 * accepted, read back again. A file that reads must write, and read back to a stack with the
 * same number of layers. Errors are expected and fine; crashes, leaks, UB and traps are not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/iba_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    il_iba_idf *d = NULL, *back = NULL;
    il_error err;
    if (il_iba_idf_parse((const char *)data, size, "fuzz.xnra", &d, &err) != IL_OK)
        return 0;
    char *text = NULL;
    /* options a file gives may describe an unrealisable geometry: writing refuses those */
    if (il_iba_idf_text(d->stack, &d->options, d->data, d->n_data, NULL, &text, &err) == IL_OK) {
        if (il_iba_idf_parse(text, strlen(text), "back.xnra", &back, &err) != IL_OK ||
            il_stack_count(back->stack) != il_stack_count(d->stack))
            __builtin_trap();
        il_iba_idf_free(back);
    }
    free(text);
    /* every further spectrum of the file writes with the sample too */
    for (il_iba_idf *e = d->next; e; e = e->next) {
        text = NULL;
        if (il_iba_idf_text(d->stack, &e->options, e->data, e->n_data, NULL, &text, &err) ==
            IL_OK) {
            if (il_iba_idf_parse(text, strlen(text), "next.xnra", &back, &err) != IL_OK)
                __builtin_trap();
            il_iba_idf_free(back);
        }
        free(text);
    }
    il_iba_idf_free(d);
    return 0;
}
