/* The body shared by the spectrum fuzz targets (one binary per reader): a spectrum reader on
 * arbitrary bytes. A file that reads must also write in every format and read back with the
 * same counts, live and real time (a writer/reader mismatch is a bug as real as a crash); the
 * .Chn and .Spe writers may refuse what the format cannot hold, saying why. Errors are expected
 * and fine; crashes, leaks, UB and traps are not. */
#ifndef IL_FUZZ_SPECTRUM_FUZZ_H
#define IL_FUZZ_SPECTRUM_FUZZ_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/spectrum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Same time, NaN (unknown) included. */
static int same_time(double a, double b) { return a == b || (a != a && b != b); }

/* may_refuse: the format holds less than the object (.Chn), so the writer may say no, with a
 * reason; what it does write must read back the same. */
static void check_roundtrip(const il_spectrum *s, il_spectrum_format f, int may_refuse)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return;
    il_error err;
    il_status st = il_spectrum_write(s, fp, f, &err);
    fclose(fp);
    if (st && may_refuse && err.message[0]) {
        free(buf);
        return;
    }
    if (st)
        __builtin_trap();
    il_spectrum *b = NULL;
    if (il_spectrum_parse(buf, len, "roundtrip", f, &b, NULL) != IL_OK ||
        il_spectrum_n_channels(b) != il_spectrum_n_channels(s) ||
        memcmp(il_spectrum_counts(b), il_spectrum_counts(s),
               il_spectrum_n_channels(s) * sizeof(double)) != 0)
        __builtin_trap();
    /* Live and real time come through exactly (spectrum convert promises it). */
    if (!same_time(il_spectrum_live_time_s(b), il_spectrum_live_time_s(s)) ||
        !same_time(il_spectrum_real_time_s(b), il_spectrum_real_time_s(s)))
        __builtin_trap();
    il_spectrum_free(b);
    free(buf);
}

static int fuzz_spectrum(const uint8_t *data, size_t size, il_spectrum_format format,
                         const char *name)
{
    il_spectrum *s = NULL;
    il_error err;
    if (il_spectrum_parse(data, size, name, format, &s, &err) != IL_OK) {
        if (s || err.message[0] == '\0')
            __builtin_trap(); /* a failure must leave no object and say why */
        return 0;
    }
    (void)il_spectrum_total(s);
    (void)il_spectrum_energy_keV(s, 100.5);
    (void)il_spectrum_start_iso(s);
    check_roundtrip(s, IL_SPECTRUM_CSV, 0);
    check_roundtrip(s, IL_SPECTRUM_SPE, 1); /* refuses one time without the other */
    check_roundtrip(s, IL_SPECTRUM_N42, 0);
    check_roundtrip(s, IL_SPECTRUM_CHN, 1);
    il_spectrum_free(s);
    return 0;
}

#endif
