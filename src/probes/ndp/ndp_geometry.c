/* Solid angle and exit-angle distribution of a disc detector seen from the beam spot.
 *
 * The detector is a disc of radius a = sqrt(area/pi) whose centre is at distance d from the
 * (point-like) beam spot, on an axis tilted by alpha from the sample normal, its face normal to
 * that axis. A point at radius rho on the disc is seen under dOmega = cos(beta) dA / R^2 with
 * R^2 = d^2 + rho^2 and cos(beta) = d / R; its direction gives the exit angle theta of a particle
 * from the sample surface. The integral over the disc is done by Gauss-Legendre in rho and an
 * equally spaced rule in phi (exact for the periodic integrand to machine precision), then the
 * nodes are binned in cos(theta). The total reproduces 2 pi (1 - d / sqrt(d^2 + a^2)). */
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interlayer/ndp.h"
#include "interlayer/constants.h"

enum { N_RHO = 24, N_PHI = 48 };

double il_ndp_solid_angle_sr(const il_ndp_instrument *ins)
{
    if (ins->geometry == IL_NDP_GEOMETRY_SOLID_ANGLE)
        return ins->solid_angle_sr;
    double a2 = ins->area_mm2 / IL_PI, d = ins->distance_mm;
    /* 1 - d/sqrt(d^2+a^2) written without cancellation for small discs. */
    double s = sqrt(d * d + a2);
    return 2 * IL_PI * a2 / (s * (s + d));
}

double il_ndp_solid_angle_fraction(const il_ndp_instrument *ins)
{
    return il_ndp_solid_angle_sr(ins) / (4 * IL_PI);
}

size_t il_ndp_angle_distribution(const il_ndp_instrument *ins, il_ndp_angle_node *out,
                                 size_t max, il_error *err)
{
    if (il_ndp_instrument_check(ins, err))
        return 0;
    if (max == 0)
        return 0;
    if (ins->geometry == IL_NDP_GEOMETRY_SOLID_ANGLE) {
        out[0].weight_sr = ins->solid_angle_sr;
        out[0].cos_exit = cos(ins->exit_angle_deg * IL_PI / 180);
        out[0].cos_detector = 1;
        out[0].distance_mm = ins->distance_mm;
        return 1;
    }
    size_t nb = (size_t)ins->angle_bins < max ? (size_t)ins->angle_bins : max;
    double d = ins->distance_mm, a = sqrt(ins->area_mm2 / IL_PI);
    double al = ins->angle_deg * IL_PI / 180;
    double u[3] = {sin(al), 0, cos(al)}, e1[3] = {cos(al), 0, -sin(al)};
    gsl_integration_glfixed_table *gl = gsl_integration_glfixed_table_alloc(N_RHO);
    if (!gl) {
        il_error_set(err, IL_ERR_NOMEM, "out of memory");
        return 0;
    }
    /* Pass 1: range of cos(theta); pass 2: accumulate into bins. */
    double cmin = 2, cmax = -2;
    double *w = calloc(nb, sizeof *w), *inv = calloc(nb, sizeof *inv),
           *invb = calloc(nb, sizeof *invb), *dist = calloc(nb, sizeof *dist);
    if (!w || !inv || !invb || !dist) {
        free(w), free(inv), free(invb), free(dist);
        gsl_integration_glfixed_table_free(gl);
        il_error_set(err, IL_ERR_NOMEM, "out of memory");
        return 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < N_RHO; i++) {
            double rho, wr;
            gsl_integration_glfixed_point(0, a, i, &rho, &wr, gl);
            double R = sqrt(d * d + rho * rho);
            double dom_r = wr * rho * d / (R * R * R) * (2 * IL_PI / N_PHI);
            for (int j = 0; j < N_PHI; j++) {
                double ph = (j + 0.5) * 2 * IL_PI / N_PHI;
                double pz = d * u[2] + rho * cos(ph) * e1[2];
                double c = pz / R;
                if (c <= 0)
                    continue; /* behind the sample plane: shadowed by the sample */
                if (pass == 0) {
                    cmin = fmin(cmin, c);
                    cmax = fmax(cmax, c);
                    continue;
                }
                size_t k = cmax > cmin ? (size_t)((c - cmin) / (cmax - cmin) * nb) : 0;
                if (k >= nb)
                    k = nb - 1;
                w[k] += dom_r;
                inv[k] += dom_r / c;
                invb[k] += dom_r * R / d;
                dist[k] += dom_r * R;
            }
        }
    }
    size_t n = 0;
    for (size_t k = 0; k < nb; k++) {
        if (w[k] <= 0)
            continue;
        /* Mean path factor 1/cos is what sets the energy loss, so keep it exactly. */
        out[n].weight_sr = w[k];
        out[n].cos_exit = w[k] / inv[k];
        out[n].cos_detector = w[k] / invb[k];
        out[n].distance_mm = dist[k] / w[k];
        n++;
    }
    free(w), free(inv), free(invb), free(dist);
    gsl_integration_glfixed_table_free(gl);
    return n;
}
