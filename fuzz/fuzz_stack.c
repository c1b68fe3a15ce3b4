/* libFuzzer target for the inline stack parser (and, on the same bytes, the YAML reader).
 * A stack that parses must format into text that parses again to as many layers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/interlayer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    il_stack *s = NULL;
    il_error err;
    if (il_stack_parse(text, NULL, &s, &err) == IL_OK) {
        size_t cap = 64 * 1024;
        char *buf = malloc(cap);
        if (buf) {
            il_stack_format(s, buf, cap);
            il_stack *t = NULL;
            if (strlen(buf) + 1 < cap) {
                if (il_stack_parse(buf, NULL, &t, &err) != IL_OK ||
                    il_stack_count(t) != il_stack_count(s))
                    abort();
            }
            il_stack_free(t);
            free(buf);
        }
        il_layer_element el[IL_FORMULA_MAX];
        il_layer_isotope iso[IL_FORMULA_ISOTOPES_MAX];
        for (size_t i = 0; i < il_stack_count(s); i++) {
            il_layer_elements(il_stack_layer(s, i), el, IL_FORMULA_MAX);
            il_layer_isotopes(il_stack_layer(s, i), iso, IL_FORMULA_ISOTOPES_MAX);
        }
        il_stack_free(s);
    }
    s = NULL;
    if (il_stack_parse_yaml(text, size, "fuzz.yaml", NULL, &s, &err) == IL_OK)
        il_stack_free(s);
    free(text);
    return 0;
}
