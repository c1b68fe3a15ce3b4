/* Operando NDP: a series of spectra taken while a cell cycles, put on one clock, inverted
 * against a reference and set against the charge the cycler passed.
 *
 * The steps, each usable alone:
 *   frames (from operando_io.h, or built in code)
 *   -> il_operando_align        times on one clock, frames in time order
 *   -> il_operando_cathode      the layer whose Li loss the charge is compared with
 *   -> il_operando_run          inversion of every spectrum (il_ndp_series_run), Faraday balance,
 *                               interface growth, and the model of the last profile
 *   -> operando_io.h writers    the CSV tables, the JSON summary and the plots.
 * Nothing here reads or writes files: frames carry counts, not spectra. */
#ifndef INTERLAYER_OPERANDO_H
#define INTERLAYER_OPERANDO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/error.h"
#include "interlayer/ndp_model.h"
#include "interlayer/ndp_series.h"
#include "interlayer/ndp_simulate.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where the times of a series come from.
 * FILES: each spectrum's own start time (seconds since the epoch); t = 0 becomes the start of
 *        the reference acquisition (or of the earliest spectrum without a reference).
 * INDEX: times given on the cycler's clock (an index file); they are kept as they are and the
 *        reference is taken to END at t = 0, i.e. measured just before cycling starts. */
typedef enum { IL_OPERANDO_CLOCK_FILES = 0, IL_OPERANDO_CLOCK_INDEX } il_operando_clock;

/* One acquisition of the series. */
typedef struct {
    const char *file;     /* names the spectrum in the result files (borrowed) */
    const double *counts; /* n_channels counts (borrowed) */
    size_t n_channels;
    double time_s;        /* start of the acquisition: as read, then on the series clock */
    double live_s;        /* live time (s); NaN or <= 0: unknown, the instrument's is used */
    size_t source;        /* the reader's position of this frame (kept through sorting) */
} il_operando_frame;

/* Puts the frames on one clock (see il_operando_clock) and sorts them by time (then by file
 * name, so that equal times give one order). `reference` may be NULL; its time_s is set to the
 * clock's value for it (0 for FILES, NaN for INDEX: it ends at 0). With FILES every frame
 * needs a finite time_s (IL_ERR_INVALID naming the file otherwise). */
IL_API il_status il_operando_align(il_operando_frame *frames, size_t n,
                                   il_operando_frame *reference, il_operando_clock clock,
                                   il_error *err);

/* IL_ERR_INVALID naming the first frame whose channel count differs from `n_channels` (the
 * instrument's). */
IL_API il_status il_operando_check_channels(const il_operando_frame *frames, size_t n,
                                            size_t n_channels, il_error *err);

/* The cathode of a stack: the first layer holding Li and a transition metal of the usual
 * cathodes (Mn, Fe, Co, Ni: Z 25..28), else the finite layer holding the most Li. 0 for a stack
 * without layers. */
IL_API size_t il_operando_cathode(const il_stack *s);

/* Sentinel for il_operando_options.cathode_layer: let il_operando_cathode choose. */
#define IL_OPERANDO_CATHODE_AUTO ((size_t)-1)

typedef struct {
    double area_cm2;           /* cell area for the Faraday balance (1) */
    size_t cathode_layer;      /* 0-based, or IL_OPERANDO_CATHODE_AUTO (default) */
    il_ndp_series_input series; /* the analysis settings (inversion method, nsigma,
                                   min_fraction, self_consistent, window, progress); the
                                   data fields are filled by il_operando_run */
} il_operando_options;

IL_API void il_operando_options_default(il_operando_options *o);

/* What an operando run found. Frames, model and cycler are borrowed from the caller and must
 * outlive the result (the writers read them). */
typedef struct {
    size_t n;                         /* spectra in the series */
    il_operando_frame *frames;        /* n, in time order (a copy of the caller's) */
    il_operando_frame reference;      /* counts NULL when the first spectrum was the reference */
    il_ndp_series *series;            /* inversions, inventories, Faraday, growth */
    size_t cathode_layer;
    double area_cm2;
    const il_stack *stack;
    const il_ndp_model *model;
    const il_ndp_cycler *cycler;      /* NULL without a cycler record */
    il_ndp_sim *last_model;           /* the model of the last profile, by layer; NULL when it
                                         could not be simulated */
    double *last_counts;              /* the last spectrum scaled to the instrument's live time
                                         (n_channels values), to compare with last_model */
} il_operando_result;

IL_API void il_operando_result_free(il_operando_result *r);

/* Runs the analysis on aligned frames (il_operando_align). `reference` may be NULL (the first
 * spectrum is then the reference); `cycler` may be NULL (no Faraday balance). */
IL_API il_status il_operando_run(const il_ndp_model *m, const il_stack *s,
                                 const il_operando_frame *frames, size_t n,
                                 const il_operando_frame *reference, const il_ndp_cycler *cycler,
                                 const il_operando_options *opt, il_operando_result **out,
                                 il_error *err);

#ifdef __cplusplus
}
#endif
#endif
