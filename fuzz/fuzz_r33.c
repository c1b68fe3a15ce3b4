/* libFuzzer target: the R33 reader on arbitrary bytes. Whatever it accepts must give finite,
 * non-negative cross sections and slab means. Errors are expected and fine; crashes, leaks, UB
 * and traps are not. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "interlayer/r33.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    il_r33 *r = NULL;
    il_error err;
    if (il_r33_parse((const char *)data, size, "fuzz.r33", &r, &err) != IL_OK)
        return 0;
    for (size_t i = 0; i < il_r33_count(r); i++) {
        const il_sigma_table *t = il_r33_table(r, i);
        double lo, hi;
        il_sigma_table_range(t, &lo, &hi);
        double v = il_sigma_table_eval(t, 0.5 * (lo + hi));
        double m = il_sigma_table_mean(t, lo, hi, 0.01 * (hi - lo));
        if (!isfinite(v) || v < 0.0 || !isfinite(m))
            __builtin_trap();
    }
    il_r33_free(r);
    return 0;
}
