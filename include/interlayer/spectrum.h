/* Detector pulse-height spectra: one object, read from and written to the formats that MCA
 * software writes (Ortec/Maestro .Spe, Ortec .Chn, ANSI N42.42 XML, CSV/TSV).
 *
 * Counts are doubles because simulated spectra are expected values; measured spectra hold whole
 * numbers (il_spectrum_is_integer tells). Channel i of the object is absolute channel number i of
 * the instrument: a file whose data start at channel k > 0 gets channels 0..k-1 filled with zero,
 * so the energy calibration applies to the index directly. */
#ifndef INTERLAYER_SPECTRUM_H
#define INTERLAYER_SPECTRUM_H
#include "interlayer/export.h"
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "interlayer/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct il_spectrum il_spectrum;

typedef enum {
    IL_SPECTRUM_AUTO = 0, /* readers: from content, then extension; writers: from extension */
    IL_SPECTRUM_SPE,      /* Ortec/Maestro ASCII .Spe */
    IL_SPECTRUM_CHN,      /* Ortec binary .Chn */
    IL_SPECTRUM_N42,      /* ANSI N42.42 XML (2011 RadInstrumentData; 2006 N42InstrumentData read) */
    IL_SPECTRUM_CSV       /* CSV/TSV text: counts | channel,counts | energy,counts | ch,E,counts */
} il_spectrum_format;

/* Largest number of channels any reader accepts (real MCAs have at most 65536). */
#define IL_SPECTRUM_MAX_CHANNELS (1u << 20)
/* Largest count per channel a reader accepts: 2^53, beyond which a double no longer holds every
 * whole number, so such a value in a file is corruption, not a measurement. */
#define IL_SPECTRUM_MAX_COUNT 9007199254740992.0
/* Largest file il_spectrum_load reads (a 1<<20-channel text spectrum is ~20 MB). */
#define IL_SPECTRUM_MAX_FILE_BYTES (256u << 20)

/* ---- the object ------------------------------------------------------------------------- */

/* A spectrum of n_channels (1..IL_SPECTRUM_MAX_CHANNELS) zero counts, no times, no calibration. */
IL_API il_status il_spectrum_new(size_t n_channels, il_spectrum **out, il_error *err);
IL_API void il_spectrum_free(il_spectrum *s);
/* A deep copy. */
IL_API il_status il_spectrum_copy(const il_spectrum *s, il_spectrum **out, il_error *err);

IL_API size_t il_spectrum_n_channels(const il_spectrum *s);
/* The counts, n_channels long; the _mut form lets a caller fill a spectrum it made. */
IL_API const double *il_spectrum_counts(const il_spectrum *s);
IL_API double *il_spectrum_counts_mut(il_spectrum *s);
/* Counts in channel `ch`; 0 outside the spectrum. */
IL_API double il_spectrum_count(const il_spectrum *s, size_t ch);
/* Sum of all counts. */
IL_API double il_spectrum_total(const il_spectrum *s);
/* 1 when every count is a whole number (a measured spectrum), 0 otherwise (expected values). */
IL_API int il_spectrum_is_integer(const il_spectrum *s);

/* The fluence x solid angle / 4 pi (n/cm2) over the live time that a spectrum reduced by
 * `ndp reduce` carries (CSV "# fluence_solid_angle_n_cm2:"), or NaN when the file gives none. */
IL_API double il_spectrum_fluence_solid_angle_n_cm2(const il_spectrum *s);

/* Live and real time in seconds; NaN when unknown. */
IL_API double il_spectrum_live_time_s(const il_spectrum *s);
IL_API double il_spectrum_real_time_s(const il_spectrum *s);
/* Each value finite and >= 0, or NaN for unknown; live <= real when both are known. */
IL_API il_status il_spectrum_set_times_s(il_spectrum *s, double live_s, double real_s,
                                         il_error *err);

/* Start of the acquisition as ISO 8601 ("2013-10-11T10:30:10", with a "+hh:mm"/"Z" suffix
 * only when the file gave a time zone), or NULL when unknown. */
IL_API const char *il_spectrum_start_iso(const il_spectrum *s);
/* Start as time_t. Files rarely name a time zone; a start without one is read as UTC.
 * Returns IL_ERR_NOT_FOUND when the start is unknown. */
IL_API il_status il_spectrum_start_time(const il_spectrum *s, time_t *t, il_error *err);
/* Sets the start from "YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm]"; NULL clears it. */
IL_API il_status il_spectrum_set_start_iso(il_spectrum *s, const char *iso, il_error *err);

/* Energy calibration E_keV = c[0] + c[1]*ch + c[2]*ch^2. Returns 1 and fills c (3 values) when
 * the spectrum has one, 0 otherwise (c left untouched; may be NULL). */
IL_API int il_spectrum_calibration(const il_spectrum *s, double c[3]);
/* All finite, and c1 != 0 or c2 != 0 (a constant energy is no calibration). */
IL_API il_status il_spectrum_set_calibration(il_spectrum *s, double c0_keV, double c1_keV,
                                             double c2_keV, il_error *err);
IL_API void il_spectrum_clear_calibration(il_spectrum *s);
/* Energy of channel `ch` (fractional channels allowed: 12.5 is the upper edge of channel 12 in
 * the Ortec convention where channel centres are whole numbers); NaN without a calibration. */
IL_API double il_spectrum_energy_keV(const il_spectrum *s, double ch);

/* A one-line description (the .Spe $SPEC_ID, the .Chn sample description, the N42 Remark);
 * "" when none. The setter copies; NULL clears. */
IL_API const char *il_spectrum_title(const il_spectrum *s);
IL_API il_status il_spectrum_set_title(il_spectrum *s, const char *title, il_error *err);
/* The name of the file (or buffer) it was read from; "" for a spectrum made in code. */
IL_API const char *il_spectrum_source(const il_spectrum *s);
/* The format it was read in (what IL_SPECTRUM_AUTO found); IL_SPECTRUM_AUTO for a spectrum
 * made in code. */
IL_API il_spectrum_format il_spectrum_read_format(const il_spectrum *s);

/* ---- reading ---------------------------------------------------------------------------- */

/* Reads a spectrum file. IL_SPECTRUM_AUTO picks the format from the content (a .Chn header,
 * a "$" section, an XML document) and otherwise from the extension, and falls back to CSV.
 * Errors name the file and, for text formats, the line. */
IL_API il_status il_spectrum_load(const char *path, il_spectrum_format format, il_spectrum **out,
                                  il_error *err);

/* The same from memory (no file needed: the fuzzers use this). `name` is used in messages and
 * as the source and, with IL_SPECTRUM_AUTO, for its extension; may be NULL. */
IL_API il_status il_spectrum_parse(const void *data, size_t size, const char *name,
                                   il_spectrum_format format, il_spectrum **out, il_error *err);

/* The format named by the extension of `path` (case-insensitive: .spe .chn .n42 .xml .csv .tsv
 * .txt .dat), or IL_SPECTRUM_AUTO when the extension names none. */
IL_API il_spectrum_format il_spectrum_format_from_path(const char *path);
/* "Spe", "Chn", "N42", "CSV" or "auto". */
IL_API const char *il_spectrum_format_name(il_spectrum_format format);

/* ---- writing ---------------------------------------------------------------------------- */

/* Writes the spectrum whole or not at all (temporary file + rename). IL_SPECTRUM_AUTO takes the
 * format from the extension. Formats: CSV (header channel,energy_keV,counts; metadata in "#"
 * comment lines the CSV reader reads back), .Spe, N42.42-2011, and .Chn, which holds less and
 * is refused (IL_ERR_RANGE / IL_ERR_INVALID, saying why) rather than rounded: whole counts
 * 0..2^32-1, at most 65535 channels, known live and real times in whole 20 ms ticks, a start in
 * 1900..2099 (its fraction of a second and time zone are dropped), calibration as float32.
 * Non-integer counts are written as decimals; Ortec programs expect whole numbers in .Spe, so
 * round or Poisson-sample a simulated spectrum first if it is meant for them. */
IL_API il_status il_spectrum_save(const il_spectrum *s, const char *path, il_spectrum_format format,
                                  il_error *err);
/* The same to an open stream (e.g. stdout); `format` must not be AUTO. */
IL_API il_status il_spectrum_write(const il_spectrum *s, FILE *fp, il_spectrum_format format,
                                   il_error *err);

#ifdef __cplusplus
}
#endif
#endif
