/* libFuzzer target: the reflectometry readers on arbitrary bytes - data files (ORSO .ort and
 * plain columns), and the same bytes as a YAML model file and as an inline model. Whatever reads
 * must have finite Q and R. Errors are expected and fine; crashes, leaks, UB and traps are
 * not. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <string.h>

#include "interlayer/refl_data.h"
#include "interlayer/refl_model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    il_refl_data *d = NULL;
    il_error err;
    il_refl_model *m = NULL;
    if (il_refl_model_parse_yaml((const char *)data, size, "fuzz.yaml", &m, &err) == IL_OK)
        il_refl_model_free(m);
    if (size < 4096) {
        char text[4096];
        memcpy(text, data, size);
        text[size] = '\0';
        il_refl_layer_model *L = NULL;
        size_t n;
        if (il_refl_model_parse(text, "fuzz", &L, &n, &err) == IL_OK)
            free(L);
    }
    if (il_refl_data_parse((const char *)data, size, "fuzz.ort", NULL, &d, &err) != IL_OK)
        return 0;
    for (size_t k = 0; k < il_refl_data_count(d); k++) {
        const il_refl_dataset *s = il_refl_data_get(d, k);
        if (s->n == 0 || !s->q_invA || !s->r)
            __builtin_trap();
        for (size_t i = 0; i < s->n; i++)
            if (!isfinite(s->q_invA[i]) || !isfinite(s->r[i]))
                __builtin_trap();
    }
    il_refl_data_free(d);
    return 0;
}
