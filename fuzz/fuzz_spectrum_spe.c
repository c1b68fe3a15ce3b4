/* libFuzzer target: the SPE spectrum reader (spectrum_fuzz.h says what is checked). */
#include "spectrum_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_spectrum(data, size, IL_SPECTRUM_SPE, "fuzz.spe");
}
