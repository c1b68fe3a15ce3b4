/* libFuzzer target: the reflectivity data readers (ORSO .ort and plain columns) on arbitrary
 * bytes. Whatever reads must have finite Q and R and consistent array lengths. Errors are
 * expected and fine; crashes, leaks, UB and traps are not. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "interlayer/refl_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    il_refl_data *d = NULL;
    il_error err;
    if (il_refl_data_read_text((const char *)data, size, "fuzz.ort", NULL, &d, &err) != IL_OK)
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
