/* One clock for a series: spectra carry either their own start times (absolute) or times from
 * an index on the cycler's clock; the analysis needs seconds on one clock, in time order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/operando.h"

static int by_time(const void *a, const void *b)
{
    const il_operando_frame *x = a, *y = b;
    if (x->time_s != y->time_s)
        return x->time_s < y->time_s ? -1 : 1;
    /* Equal times: the file name decides, so the order does not depend on the folder's. */
    return strcmp(x->file ? x->file : "", y->file ? y->file : "");
}

/* File times are absolute; t = 0 is the start of the reference, which is what "before" means
 * to a user comparing with it, else the earliest spectrum. */
static il_status shift_file_times(il_operando_frame *frames, size_t n,
                                  il_operando_frame *reference, il_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(frames[i].time_s))
            return il_error_set_at(err, IL_ERR_INVALID, frames[i].file, 0, 0,
                                   "no start time for this spectrum on the series clock");
    double base = INFINITY;
    if (reference && isfinite(reference->time_s))
        base = reference->time_s;
    else
        for (size_t i = 0; i < n; i++)
            base = fmin(base, frames[i].time_s);
    for (size_t i = 0; i < n; i++)
        frames[i].time_s -= base;
    if (reference)
        reference->time_s = 0;
    return IL_OK;
}

il_status il_operando_align(il_operando_frame *frames, size_t n, il_operando_frame *reference,
                            il_operando_clock clock, il_error *err)
{
    if (!frames && n > 0)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_align: NULL frames");
    if (clock == IL_OPERANDO_CLOCK_FILES) {
        il_status st = shift_file_times(frames, n, reference, err);
        if (st)
            return st;
    } else if (reference) {
        /* On the cycler's clock the reference ends when cycling starts: NaN says "no start
         * time", and il_operando_run places it at -live/2. */
        reference->time_s = NAN;
    }
    if (n > 1)
        qsort(frames, n, sizeof *frames, by_time);
    return IL_OK;
}

il_status il_operando_check_channels(const il_operando_frame *frames, size_t n,
                                     size_t n_channels, il_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (frames[i].n_channels != n_channels)
            return il_error_set_at(err, IL_ERR_INVALID, frames[i].file, 0, 0,
                                   "%zu channels, but the series has %zu", frames[i].n_channels,
                                   n_channels);
    return IL_OK;
}
