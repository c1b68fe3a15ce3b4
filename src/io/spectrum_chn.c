/* Ortec binary .Chn, little-endian throughout.
 *
 * Header, 32 bytes:
 *   0  int16   -1 (file type)          2  int16  MCA number      4  int16  segment
 *   6  char[2] start seconds "SS"      8  int32  real time, 20 ms ticks
 *  12  int32   live time, 20 ms ticks  16 char[8] start date "DDMmmYY" + century ('1' = 20xx)
 *  24  char[4] start time "HHMM"       28 uint16 first channel      30 uint16 channel count
 * Counts: channel count x uint32.
 * Trailer (optional, 512 bytes): int16 -101 (linear) or -102 (quadratic energy calibration),
 *   int16 reserved, float32 c0, c1, c2 (keV), float32 FWHM c0, c1, c2, ...;
 *   byte 256: length + detector description (63 chars); byte 320: length + sample description.
 * (Layout from ORTEC's "Software File Structure Manual" as quoted in public readers, checked
 * byte by byte against the example files, whose .Spe twins give the same times and gain.) */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/spectrum_priv.h"

#define CHN_HEADER 32
#define CHN_TRAILER 512

static int16_t rd_i16(const unsigned char *p) { return (int16_t)(uint16_t)(p[0] | p[1] << 8); }
static uint16_t rd_u16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

static uint32_t rd_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float rd_f32(const unsigned char *p)
{
    uint32_t u = rd_u32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static int two_digits(const unsigned char *p, int *v)
{
    /* Ortec pads with a blank: " 9" is 9. */
    int hi = p[0] == ' ' ? 0 : p[0] - '0', lo = p[1] - '0';
    if (hi < 0 || hi > 9 || lo < 0 || lo > 9)
        return -1;
    *v = hi * 10 + lo;
    return 0;
}

/* Start from the header's date, time and seconds fields; 1 if set, 0 if blank, -1 if bad. */
static int chn_start(il_spectrum *s, const unsigned char *h)
{
    const unsigned char *date = h + 16, *hm = h + 24, *ss = h + 6;
    int blank = 1;
    for (int i = 0; i < 8; i++)
        if (date[i] != ' ' && date[i] != 0)
            blank = 0;
    if (blank)
        return 0;
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    int d, y, hh, mm, sec, mon = 0;
    for (int m = 0; m < 12; m++) {
        const char *mn = months + 3 * m;
        /* Case-insensitive: some writers use "OCT". */
        if ((date[2] | 0x20) == (mn[0] | 0x20) && (date[3] | 0x20) == (mn[1] | 0x20) &&
            (date[4] | 0x20) == (mn[2] | 0x20))
            mon = m + 1;
    }
    if (!mon || two_digits(date, &d) || two_digits(date + 5, &y) || two_digits(hm, &hh) ||
        two_digits(hm + 2, &mm) || two_digits(ss, &sec))
        return -1;
    y += date[7] == '1' ? 2000 : 1900;
    return il__spec_set_start(s, y, mon, d, hh, mm, sec, 0, 0) == 0 ? 1 : -1;
}

il_status il__spec_read_chn(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err)
{
    if (size < CHN_HEADER)
        return il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                               "truncated .Chn: %zu bytes, shorter than the 32-byte header",
                               size);
    int16_t type = rd_i16(data);
    if (type != -1)
        return il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                               "not an Ortec .Chn file: first word is %d, expected -1", type);
    uint32_t real_t = rd_u32(data + 8), live_t = rd_u32(data + 12);
    size_t first = rd_u16(data + 28), count = rd_u16(data + 30);
    if (count == 0)
        return il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                               ".Chn header (byte 30) gives 0 channels");
    size_t need = CHN_HEADER + 4 * count;
    if (size < need)
        return il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                               "truncated .Chn: the header announces %zu channels (%zu bytes "
                               "with the header) but the file has %zu bytes",
                               count, need, size);
    /* Times are signed in the format; a negative one is corruption. */
    if ((int32_t)real_t < 0 || (int32_t)live_t < 0)
        return il_error_set_at(err, IL_ERR_RANGE, name, 0, 0,
                               "negative .Chn real or live time (%d, %d ticks of 20 ms)",
                               (int32_t)real_t, (int32_t)live_t);
    il_spectrum *s;
    il_status r = il__spec_make(first + count, name, &s, err);
    if (r)
        return r;
    for (size_t i = 0; i < count; i++)
        s->counts[first + i] = rd_u32(data + CHN_HEADER + 4 * i);
    /* 20 ms ticks: multiply by 0.02 exactly as 1/50 so 45000 ticks give 900 s, not 899.99... */
    r = il_spectrum_set_times_s(s, live_t / 50.0, real_t / 50.0, err);
    if (r) {
        il_error_prefix(err, ".Chn header: ");
        il__spec_locate(err, name, 0);
        goto fail;
    }
    if (chn_start(s, data) < 0) {
        char q[32];
        char raw[16];
        memcpy(raw, data + 16, 8);
        memcpy(raw + 8, data + 24, 4);
        memcpy(raw + 12, data + 6, 2);
        r = il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                            ".Chn start date/time '%s' unreadable (expected DDMmmYY?HHMM + SS)",
                            il__spec_quote(raw, 14, q, sizeof q));
        goto fail;
    }
    size_t rest = size - need;
    const unsigned char *t = data + need;
    if (rest > 0) {
        if (rest < 2) {
            r = il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                                "truncated .Chn trailer at byte %zu: %zu byte(s)", need, rest);
            goto fail;
        }
        int16_t tag = rd_i16(t);
        if (tag != -101 && tag != -102) {
            r = il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                                "unknown .Chn trailer tag %d at byte %zu (expected -101 or "
                                "-102)",
                                tag, need);
            goto fail;
        }
        size_t need_cal = tag == -102 ? 16 : 12;
        if (rest < need_cal) {
            r = il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                                "truncated .Chn trailer at byte %zu: %zu bytes, the energy "
                                "calibration needs %zu",
                                need, rest, need_cal);
            goto fail;
        }
        double c0 = rd_f32(t + 4), c1 = rd_f32(t + 8), c2 = tag == -102 ? rd_f32(t + 12) : 0;
        if (!isfinite(c0) || !isfinite(c1) || !isfinite(c2)) {
            r = il_error_set_at(err, IL_ERR_PARSE, name, 0, 0,
                                ".Chn trailer: energy calibration %g %g %g is not finite", c0,
                                c1, c2);
            goto fail;
        }
        /* float32 holds ~7 digits; the .Spe twin of the example prints 3.78444e-1, so the
         * coefficients are rounded to 7 significant digits to give back what was written. */
        double c[3] = {c0, c1, c2};
        for (int i = 0; i < 3; i++)
            if (c[i] != 0) {
                char b[32];
                snprintf(b, sizeof b, "%.7g", c[i]);
                c[i] = strtod(b, NULL);
            }
        /* all zero: not calibrated; anything else must be a scale that rises (a falling one
         * was dropped in silence, and NDP then used the instrument's gain) */
        if ((c[1] != 0 || c[2] != 0) &&
            (r = il_spectrum_set_calibration(s, c[0], c[1], c[2], err))) {
            il_error_prefix(err, "%s: .Chn trailer: ", name);
            goto fail;
        }
        /* The sample description is the title; fall back on the detector description. */
        size_t off = 0;
        if (rest >= 321 && t[320] > 0 && (size_t)t[320] <= 63 && rest >= 321 + (size_t)t[320])
            off = 320;
        else if (rest >= 257 && t[256] > 0 && (size_t)t[256] <= 63 &&
                 rest >= 257 + (size_t)t[256])
            off = 256;
        if (off) {
            size_t len = t[off];
            const unsigned char *txt = t + off + 1;
            size_t k = 0;
            while (k < len && txt[k] != 0)
                k++;
            if ((r = il__spec_title_n(s, (const char *)txt, k, err)))
                goto fail;
        }
    }
    *out = s;
    return IL_OK;
fail:
    il_spectrum_free(s);
    return r;
}
