/* Inside the spectrum module: the object's layout and the helpers the format files share. */
#ifndef IL_SPECTRUM_PRIV_H
#define IL_SPECTRUM_PRIV_H
#include <stddef.h>
#include <stdio.h>

#include "interlayer/spectrum.h"

struct il_spectrum {
    size_t n;
    double *counts;
    double live_s, real_s; /* NaN when unknown */
    /* Start as the wall-clock fields the file gave; tz only when it named one. */
    int has_start, year, month, day, hour, minute;
    double second;
    int has_tz, tz_min;
    char iso[48];
    int has_cal;
    double cal[3];
    char *title;
    char *source;
    il_spectrum_format format; /* the format it was read from; AUTO when made in code */
    double fluence_omega_n_cm2; /* fluence x solid angle / 4 pi from `ndp reduce`, or NaN */
};

/* Allocates a zeroed spectrum of n channels with `name` as its source (n checked against the
 * cap, message names the file). */
il_status il__spec_make(size_t n, const char *name, il_spectrum **out, il_error *err);
/* Replaces the title with `len` bytes of `text` (control characters become spaces, blanks at
 * both ends dropped). */
il_status il__spec_title_n(il_spectrum *s, const char *text, size_t len, il_error *err);
/* Sets the start from fields, checking their ranges; 0 on success, -1 when out of range. */
int il__spec_set_start(il_spectrum *s, int year, int month, int day, int hour, int minute,
                       double second, int has_tz, int tz_min);

/* Puts file and line on an error that a generic setter raised without them. Safe on NULL. */
void il__spec_locate(il_error *err, const char *name, int line);

/* Parses a plain decimal number occupying exactly tok[0..len): digits, sign, point, exponent.
 * Rejects nan, inf, hex floats and anything else strtod would take. 0 on success. */
int il__spec_number(const char *tok, size_t len, double *v);
/* Checks a count read from a file: finite, >= 0, <= IL_SPECTRUM_MAX_COUNT. NULL when fine, else
 * the reason ("negative", ...). */
const char *il__spec_count_problem(double v);
/* Makes a printable, bounded copy of a token for messages ("1x3", or "1x3..." when cut). */
const char *il__spec_quote(const char *tok, size_t len, char *buf, size_t size);

/* Line cursor over a memory buffer; lines end in \n, \r\n or \r. */
typedef struct {
    const char *p, *end;
    int line; /* number of the line last returned, 1-based */
} il__spec_lines;
void il__spec_lines_init(il__spec_lines *c, const void *data, size_t size);
/* Next line without its terminator; 0 at the end of the buffer. */
int il__spec_next_line(il__spec_lines *c, const char **start, size_t *len);

/* Writes `v` with the fewest digits that read back to the same double. */
void il__spec_fmt_double(char *buf, size_t size, double v);
/* The same without exponent (for xs:duration); values below 1e-30 lose their digits. */
void il__spec_fmt_fixed(char *buf, size_t size, double v);
/* A count: whole numbers as plain integers, others as il__spec_fmt_double. */
void il__spec_fmt_count(char *buf, size_t size, double v);

/* Readers, one per format. `name` is never NULL here. */
il_status il__spec_read_spe(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err);
il_status il__spec_read_chn(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err);
il_status il__spec_read_n42(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err);
il_status il__spec_read_csv(const unsigned char *data, size_t size, const char *name,
                            il_spectrum **out, il_error *err);

/* Writers to a stream; they report only format-level problems, the caller checks ferror. */
il_status il__spec_write_csv(const il_spectrum *s, FILE *fp, char sep, il_error *err);
il_status il__spec_write_spe(const il_spectrum *s, FILE *fp, il_error *err);
il_status il__spec_write_n42(const il_spectrum *s, FILE *fp, il_error *err);
/* Binary: call it on a stream opened for binary writing (spectrum_chn_write.c). */
il_status il__spec_write_chn(const il_spectrum *s, FILE *fp, il_error *err);

#endif
