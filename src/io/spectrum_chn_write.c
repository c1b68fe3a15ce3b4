/* Writing Ortec binary .Chn (the layout is described in spectrum_chn.c, which reads it back).
 *
 * The format holds less than the spectrum object, so the writer refuses what it cannot keep
 * instead of rounding it silently: counts must be whole numbers 0..2^32-1 in at most 65535
 * channels, live and real time known and whole multiples of the format's 20 ms tick, and the
 * start (if any) in 1900..2099. It keeps the energy calibration as float32 (7 significant
 * digits, what the reader gives back) and the title as the 63-byte sample description; the
 * start's fraction of a second and its time zone have no field and are dropped. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/spectrum_priv.h"

#define CHN_HEADER 32
#define CHN_TRAILER 512
#define CHN_MAX_CHANNELS 65535u
#define CHN_TICKS_PER_S 50.0 /* 20 ms */

static void put_i16(unsigned char *p, int v)
{
    uint16_t u = (uint16_t)(int16_t)v;
    p[0] = (unsigned char)(u & 0xff);
    p[1] = (unsigned char)(u >> 8);
}

static void put_u32(unsigned char *p, uint32_t u)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(u >> (8 * i));
}

static void put_f32(unsigned char *p, double v)
{
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    put_u32(p, u);
}

/* A time in 20 ms ticks, exactly, or -1 with the reason in err. */
static long long ticks(double t_s, const char *what, il_error *err)
{
    if (isnan(t_s)) {
        il_error_set(err, IL_ERR_INVALID,
                     ".Chn needs the %s time, and the spectrum has none (give it, e.g. "
                     "spectrum convert --live-time S --real-time S)",
                     what);
        return -1;
    }
    /* Exact means the reader's ticks / 50 gives back the same double. */
    double k = nearbyint(t_s * CHN_TICKS_PER_S);
    if (!(k >= 0 && k <= INT32_MAX) || k / CHN_TICKS_PER_S != t_s) {
        il_error_set(err, IL_ERR_RANGE,
                     ".Chn keeps times as whole 20 ms ticks up to %.0f s; %s time %.17g s "
                     "is not one",
                     INT32_MAX / CHN_TICKS_PER_S, what, t_s);
        return -1;
    }
    return (long long)k;
}

/* Header bytes 6-7, 16-27: start seconds, date "DDMmmYY" + century, time "HHMM". */
static il_status put_start(const il_spectrum *s, unsigned char *h, il_error *err)
{
    if (!s->has_start) {
        memset(h + 6, ' ', 2);
        memset(h + 16, ' ', 12);
        return IL_OK;
    }
    if (s->year < 1900 || s->year > 2099)
        return il_error_set(err, IL_ERR_RANGE,
                            ".Chn dates cover 1900..2099; the start is in %d", s->year);
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char b[16];
    snprintf(b, sizeof b, "%02d", (int)floor(s->second));
    memcpy(h + 6, b, 2);
    snprintf(b, sizeof b, "%02d%.3s%02d%c", s->day, months + 3 * (s->month - 1), s->year % 100,
             s->year >= 2000 ? '1' : '0');
    memcpy(h + 16, b, 8);
    snprintf(b, sizeof b, "%02d%02d", s->hour, s->minute);
    memcpy(h + 24, b, 4);
    return IL_OK;
}

il_status il__spec_write_chn(const il_spectrum *s, FILE *fp, il_error *err)
{
    if (s->n > CHN_MAX_CHANNELS)
        return il_error_set(err, IL_ERR_RANGE,
                            ".Chn holds at most %u channels; the spectrum has %zu",
                            CHN_MAX_CHANNELS, s->n);
    for (size_t i = 0; i < s->n; i++) {
        double c = s->counts[i];
        if (c < 0 || c > UINT32_MAX || c != floor(c))
            return il_error_set(err, IL_ERR_RANGE,
                                ".Chn holds whole counts 0..%u; channel %zu has %.17g (round or "
                                "Poisson-sample a simulated spectrum first)",
                                UINT32_MAX, i, c);
    }
    long long live = ticks(s->live_s, "live", err);
    if (live < 0)
        return err ? err->code : IL_ERR_INVALID;
    long long real = ticks(s->real_s, "real", err);
    if (real < 0)
        return err ? err->code : IL_ERR_INVALID;

    /* The trailer keeps the calibration as float32: a coefficient beyond its range would come
     * back as inf, which no reader takes. Refused before anything is written. */
    for (int k = 0; s->has_cal && k < 3; k++)
        if (!isfinite((float)s->cal[k]))
            return il_error_set(err, IL_ERR_INVALID,
                                ".Chn keeps the energy calibration as float32: coefficient %d "
                                "(%g) is outside its range (|c| <= %g)",
                                k, s->cal[k], (double)FLT_MAX);
    /* ... and a gain too small for float32 comes back as 0 (a flat scale, refused on reading):
     * the float32 calibration must still rise with the channel, as the reader demands. */
    double last = s->n > 1 ? (double)(s->n - 1) : 0.0;
    if (s->has_cal && (!((float)s->cal[1] > 0) ||
                       !((double)(float)s->cal[1] + 2.0 * (float)s->cal[2] * last > 0)))
        return il_error_set(err, IL_ERR_INVALID,
                            ".Chn keeps the energy calibration as float32: gain %g and quadratic "
                            "term %g become %g and %g there, and energy would no longer rise with "
                            "the channel",
                            s->cal[1], s->cal[2], (double)(float)s->cal[1],
                            (double)(float)s->cal[2]);
    unsigned char h[CHN_HEADER] = {0};
    put_i16(h, -1);
    put_i16(h + 2, 1); /* MCA number */
    put_i16(h + 4, 1); /* segment */
    put_u32(h + 8, (uint32_t)real);
    put_u32(h + 12, (uint32_t)live);
    il_status st = put_start(s, h, err);
    if (st)
        return st;
    put_i16(h + 28, 0);
    h[30] = (unsigned char)(s->n & 0xff);
    h[31] = (unsigned char)(s->n >> 8);
    if (fwrite(h, 1, sizeof h, fp) != sizeof h)
        return il_error_set(err, IL_ERR_IO, "writing the .Chn header failed");
    for (size_t i = 0; i < s->n; i++) {
        unsigned char c[4];
        put_u32(c, (uint32_t)s->counts[i]);
        if (fwrite(c, 1, 4, fp) != 4)
            return il_error_set(err, IL_ERR_IO, "writing .Chn counts failed");
    }
    /* The trailer carries the calibration and the description; without either, none. */
    if (!s->has_cal && !(s->title && s->title[0]))
        return IL_OK;
    unsigned char t[CHN_TRAILER] = {0};
    put_i16(t, -102); /* quadratic energy calibration */
    if (s->has_cal) {
        put_f32(t + 4, s->cal[0]);
        put_f32(t + 8, s->cal[1]);
        put_f32(t + 12, s->cal[2]);
    } else {
        /* The reader takes a zero gain as "no calibration". */
        put_f32(t + 8, 0);
    }
    if (s->title && s->title[0]) {
        size_t len = strlen(s->title);
        if (len > 63)
            len = 63;
        t[320] = (unsigned char)len;
        memcpy(t + 321, s->title, len);
    }
    if (fwrite(t, 1, sizeof t, fp) != sizeof t)
        return il_error_set(err, IL_ERR_IO, "writing the .Chn trailer failed");
    return IL_OK;
}
