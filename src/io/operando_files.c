/* Reading the spectra of an operando series: a folder of spectrum files, or the rows of an
 * index, each loaded with its start and live time. Times stay as read; putting them on one
 * clock is the experiment's job (il_operando_align). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/built.h"
#include "interlayer/operando_io.h"
#include "core/grow.h"

void il_operando_files_free(il_operando_files *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        if (f->paths)
            free(f->paths[i]);
        if (f->spectra)
            il_spectrum_free(f->spectra[i]);
    }
    free(f->paths);
    free(f->spectra);
    free(f->frames);
    free(f->reference_path);
    il_spectrum_free(f->reference_spectrum);
    free(f);
}

/* The formats il_spectrum_load reads; anything else in the folder (notes, the index) is not
 * a spectrum. */
static int is_spectrum_name(const char *n)
{
    const char *dot = strrchr(n, '.');
    if (!dot)
        return 0;
    return !strcasecmp(dot, ".spe") || !strcasecmp(dot, ".chn") || !strcasecmp(dot, ".n42") ||
           !strcasecmp(dot, ".xml") || !strcasecmp(dot, ".csv") || !strcasecmp(dot, ".tsv");
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Every spectrum file of `dir` but the reference, in the folder's order; times unknown. */
static il_status scan_folder(const char *dir, const char *reference_path, char ***paths,
                             size_t *n, il_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return il_error_set_at(err, IL_ERR_IO, dir, 0, 0, "cannot open directory: %s",
                               strerror(errno));
    struct dirent *de;
    size_t cap = 0;
    il_status st = IL_OK;
    while (!st && (de = readdir(d))) {
        if (de->d_name[0] == '.' || !is_spectrum_name(de->d_name))
            continue;
        char *p = join(dir, de->d_name);
        if (p && reference_path && !strcmp(p, reference_path)) {
            free(p);
            continue;
        }
        /* The index the series comes with would otherwise be read as a CSV spectrum and fail
         * on its first row with a message about numbers. */
        if (p && !strcasecmp(de->d_name, "index.csv")) {
            st = il_error_set_at(err, IL_ERR_INVALID, p, 0, 0,
                                 "this is the series' index, not a spectrum: give it with "
                                 "--index %s (or move it out of the folder)",
                                 p);
            free(p);
            continue;
        }
        if (p && *n == cap) {
            size_t ncap = il_grow_next_cap(cap, 64);
            if (IL_GROW_ARRAY(*paths, ncap, NULL) == IL_OK) {
                cap = ncap;
            } else {
                free(p);
                p = NULL;
            }
        }
        if (!p)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
        else
            (*paths)[(*n)++] = p;
    }
    closedir(d);
    return st;
}

/* A spectrum and the live time its frame uses: the index's when given, else the file's. */
static il_status load_frame(const char *path, il_spectrum **sp, il_operando_frame *f,
                            il_error *err)
{
    il_status st = il_spectrum_load(path, IL_SPECTRUM_AUTO, sp, err);
    if (st)
        return st;
    f->file = path;
    f->counts = il_spectrum_counts(*sp);
    f->n_channels = il_spectrum_n_channels(*sp);
    if (!(f->live_s > 0)) {
        double lt = il_spectrum_live_time_s(*sp);
        f->live_s = lt > 0 ? lt : NAN;
    }
    return IL_OK;
}

/* File clock: every spectrum needs its start time; the reference's is optional (without it
 * the series starts at its earliest spectrum). */
static il_status read_start_times(il_operando_files *f, il_error *err)
{
    time_t t;
    if (f->reference_spectrum && il_spectrum_start_time(f->reference_spectrum, &t, NULL) == IL_OK)
        f->reference.time_s = (double)t;
    for (size_t i = 0; i < f->n; i++) {
        if (il_spectrum_start_time(f->spectra[i], &t, err))
            return il_error_set_at(err, IL_ERR_NOT_FOUND, f->paths[i], 0, 0,
                                   "no start time in the file; give the times in --index FILE "
                                   "(columns file,time_s)");
        f->frames[i].time_s = (double)t;
    }
    return IL_OK;
}

static il_status find_spectra(il_operando_files *f, const char *dir, const char *index_path,
                              const char *reference_path, double **time_s, double **live_s,
                              il_error *err)
{
    if (index_path)
        return il_operando_index_load(index_path, dir, &f->paths, time_s, live_s, &f->n, err);
    return scan_folder(dir, reference_path, &f->paths, &f->n, err);
}

static il_status load_all(il_operando_files *f, const char *dir, const char *index_path,
                          const char *reference_path, il_error *err)
{
    double *time_s = NULL, *live_s = NULL;
    il_status st = find_spectra(f, dir, index_path, reference_path, &time_s, &live_s, err);
    if (!st && f->n == 0)
        st = il_error_set_at(err, IL_ERR_NOT_FOUND, dir, 0, 0,
                             "no spectra (.spe .chn .n42 .xml .csv .tsv) found");
    if (!st) {
        f->frames = calloc(f->n, sizeof *f->frames);
        f->spectra = calloc(f->n, sizeof *f->spectra);
        if (!f->frames || !f->spectra)
            st = il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; !st && i < f->n; i++) {
        f->frames[i].time_s = time_s ? time_s[i] : NAN;
        f->frames[i].live_s = live_s ? live_s[i] : NAN;
        f->frames[i].source = i;
        st = load_frame(f->paths[i], &f->spectra[i], &f->frames[i], err);
    }
    free(time_s);
    free(live_s);
    f->reference.time_s = NAN;
    f->reference.live_s = NAN;
    if (!st && reference_path) {
        if (!(f->reference_path = strdup(reference_path)))
            return il_error_set(err, IL_ERR_NOMEM, "out of memory");
        st = load_frame(f->reference_path, &f->reference_spectrum, &f->reference, err);
    }
    if (!st && !index_path)
        st = read_start_times(f, err);
    return st;
}

il_status il_operando_files_load(const char *dir, const char *index_path,
                                 const char *reference_path, il_operando_files **out,
                                 il_error *err)
{
    if (!dir || !out)
        return il_error_set(err, IL_ERR_INVALID, "il_operando_files_load: NULL argument");
    *out = NULL;
    il_operando_files *f = calloc(1, sizeof *f);
    if (!f)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    f->clock = index_path ? IL_OPERANDO_CLOCK_INDEX : IL_OPERANDO_CLOCK_FILES;
    il_status st = load_all(f, dir, index_path, reference_path, err);
    IL_RETURN_BUILT(st, f, il_operando_files_free, out);
}
