/* libFuzzer target for the cell's text inputs: the protocol parser (the input as a protocol,
 * then every successful protocol's steps checked for the invariants the run relies on) and the
 * cell parameter reader (the input as a YAML parameter file, its stack inline). */
#include <math.h>
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
    il_error err;
    il_cell_protocol *p = NULL;
    if (il_cell_protocol_parse(text, "fuzz", &p, &err) == IL_OK) {
        if (il_cell_protocol_count(p) == 0)
            abort();
        for (size_t i = 0; i < il_cell_protocol_count(p); i++) {
            const il_cell_step *s = il_cell_protocol_step(p, i);
            if (s->kind == IL_CELL_STEP_REST && !(s->duration_s > 0))
                abort();
            if (s->duration_s < 0 || !isfinite(s->duration_s))
                abort();
        }
    } else if (p != NULL || err.message[0] == '\0') {
        abort();
    }
    il_cell_protocol_free(p);
    double sec;
    (void)il_cell_parse_duration_s(text, &sec, &err);
    il_cell_params par;
    il_stack *st = NULL;
    if (il_cell_params_parse(text, size, "fuzz", NULL, &par, &st, &err) == IL_OK) {
        if (!st)
            abort();
    } else if (st != NULL) {
        abort();
    }
    il_stack_free(st);
    free(text);
    return 0;
}
