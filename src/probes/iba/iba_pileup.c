/* The counting chain after the detector: dead time and pile-up.
 *
 * Dead time. The fluence is the charge collected over the real time; the analyser records
 * only during its live time, so every count is scaled by live/real (as SIMNRA's "live time"
 * correction does).
 *
 * Pile-up. Pulses arrive at random (Poisson) at the rate r = Y / t_real, Y the particles that
 * reach the detector in the real time. Two pulses closer than the resolving time tau of the
 * shaping amplifier are recorded as one pulse of the summed height. To first order in r tau
 * (the model of L. Wielopolski and R.P. Gardner, Nucl. Instrum. Methods 133 (1976) 303, in its
 * limit of fully overlapping pulses; the pulse-shape refinement of Molodtsov and Gurbich,
 * Nucl. Instrum. Methods B 267 (2009) 3484, that SIMNRA 7 uses is not implemented): a
 * recorded pulse is followed within tau by another with probability p = 1 - exp(-r tau); the
 * M recorded singles lose 2 p M(E), and p M pairs appear at the sum of their channel numbers
 * (the ADC adds pulse heights, which the channel number measures), distributed as the
 * spectrum's self-convolution. The pile-up integral is then p M ~ M^2 tau / t_live. Sums
 * beyond the last channel are lost, as in the ADC. Three-pulse pile-up, O((r tau)^2), is
 * neglected: keep r tau below ~0.05. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probes/iba/iba_spectrum_priv.h"

static void scale_all(il_iba_spectrum *s, double f)
{
    for (size_t k = 0; k < s->n; k++)
        s->total[k] *= f;
    for (size_t i = 0; i < s->n_parts; i++)
        for (size_t k = 0; k < s->n; k++)
            s->data[i][k] *= f;
}

il_status il__iba_finish(const il_iba_options *o, il_iba_spectrum *s, il_error *err)
{
    /* the options were checked with the setup (iba_setup.c) */
    int dead = o->real_time_s > 0.0 && o->live_time_s > 0.0;
    double Y = 0.0; /* particles at the detector during the real time */
    for (size_t k = 0; k < s->n; k++)
        Y += s->total[k];
    double live = dead ? o->live_time_s / o->real_time_s : 1.0;
    if (live != 1.0)
        scale_all(s, live);
    if (!(o->pileup_time_us > 0.0) || !(Y > 0.0))
        return IL_OK;
    double p = -expm1(-Y / o->real_time_s * o->pileup_time_us * 1e-6);
    double M = Y * live;
    double *pu = calloc(s->n, sizeof *pu);
    size_t *nz = malloc(s->n * sizeof *nz);
    if (!pu || !nz) {
        free(pu);
        free(nz);
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    }
    /* self-convolution over the occupied channels only: a spectrum is mostly empty above its
     * highest edge */
    size_t m = 0;
    for (size_t k = 0; k < s->n; k++)
        if (s->total[k] > 0.0)
            nz[m++] = k;
    double w = p / M; /* p M x (total/M) (x) (total/M) */
    for (size_t a = 0; a < m; a++) {
        size_t i = nz[a];
        double ci = w * s->total[i];
        for (size_t b = 0; b < m && i + nz[b] < s->n; b++)
            pu[i + nz[b]] += ci * s->total[nz[b]];
    }
    free(nz);
    scale_all(s, 1.0 - 2.0 * p);
    for (size_t k = 0; k < s->n; k++)
        s->total[k] += pu[k];
    s->pileup = pu;
    return IL_OK;
}
