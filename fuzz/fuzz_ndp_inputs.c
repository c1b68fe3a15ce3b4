/* libFuzzer target for the NDP text inputs: the instrument YAML reader and the cycler CSV
 * reader see the same bytes. A parsed instrument must pass its own range check, since the
 * forward model trusts it; a parsed cycler record must hold at least one row. */
#include <stdint.h>
#include <stdlib.h>

#include "interlayer/interlayer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    il_error err;
    il_ndp_instrument ins;
    il_ndp_instrument_default(&ins);
    if (il_ndp_instrument_parse((const char *)data, size, "<fuzz>", &ins, &err) == IL_OK &&
        il_ndp_instrument_check(&ins, &err) != IL_OK)
        abort();
    il_ndp_cycler *c = NULL;
    if (il_ndp_cycler_parse((const char *)data, size, "<fuzz>", &c, &err) == IL_OK) {
        if (!c)
            abort();
        il_ndp_cycler_free(c);
    }
    return 0;
}
