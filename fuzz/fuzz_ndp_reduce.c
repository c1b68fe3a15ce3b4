/* libFuzzer target for NDP reduction files: the YAML reader with no base directory, so no
 * spectrum is opened and only the text is judged. A plan that parses must name a sample and a
 * reference and carry options the reduction accepts (a positive certified density). */
#include <stdint.h>
#include <stdlib.h>

#include "interlayer/interlayer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    il_error err;
    il_ndp_reduction_plan *p = NULL;
    if (il_ndp_reduction_plan_parse((const char *)data, size, "<fuzz>", NULL, &p, &err) ==
        IL_OK) {
        if (!p || !(p->options.ref_areal_density_atoms_cm2 > 0))
            abort();
        il_ndp_reduction_plan_free(p);
    }
    return 0;
}
