/* The detector's response to one kind of particle: its resolution, the dead layer (front
 * window) it crosses before the sensitive volume, and the pulse-height defect.
 *
 * Pulse-height defect. A Si detector's pulse measures the energy given to electrons; what the
 * particle gives to the lattice in nuclear collisions makes no charge (the "nuclear defect"
 * of W.N. Lennard, S.Y. Tong, G.R. Massoumi and L. Wong, Nucl. Instrum. Methods B 45 (1990)
 * 281, and E.C. Finch, A.A. Cafolla, M. Asher, Nucl. Instrum. Methods 198 (1982) 547). Taken
 * here as the energy lost to nuclear stopping while the particle stops in Si,
 *   E_pulse(E) = integral_0^E S_e / (S_e + S_n) dE',
 * with the electronic stopping of ion_stopping.h and ZBL's universal nuclear stopping: an
 * upper bound of the nuclear defect (the recoils' own ionisation, Lindhard's partition, is
 * not given back) and without the recombination defect that matters for the heaviest ions.
 * Light ions lose a few keV this way, heavy recoils tens to hundreds of keV; the calibration
 * (offset, gain) then describes the electronic pulse, as when a lab calibrates with 4He and
 * fits the offset. */
#include <math.h>
#include <stdlib.h>

#include "interlayer/elements.h"
#include "probes/iba/iba_priv.h"

#define PHD_N 400 /* log grid from PHD_E0 to the table top */
#define PHD_E0 0.01

struct iba_phd {
    double lo, dl;  /* log(E) of the first node and the step */
    double E[PHD_N], P[PHD_N]; /* energy and pulse energy at the nodes */
};

static double ratio(int Z, double M, double E, double M_si)
{
    double Se;
    if (il_ion_stopping_electronic(Z, M, 14, E, &Se, NULL) != IL_OK)
        return 1.0;
    double Sn = il_stopping_nuclear_zbl(Z, M, 14, M_si, E);
    return Se + Sn > 0.0 ? Se / (Se + Sn) : 1.0;
}

il_status il__iba_phd_new(int Z, double M, double emax_keV, iba_phd **out, il_error *err)
{
    iba_phd *p = malloc(sizeof *p);
    if (!p)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    double M_si = il_element_by_z(14)->atomic_weight_u;
    p->lo = log(PHD_E0);
    p->dl = (log(emax_keV) - p->lo) / (PHD_N - 1);
    /* below PHD_E0 (10 eV) the ratio is taken constant */
    double prevE = PHD_E0, prevR = ratio(Z, M, PHD_E0, M_si), acc = prevR * PHD_E0;
    p->E[0] = PHD_E0;
    p->P[0] = acc;
    for (int i = 1; i < PHD_N; i++) {
        double E = exp(p->lo + i * p->dl);
        /* Simpson on each log interval: the ratio is smooth in E */
        double Em = 0.5 * (prevE + E), R = ratio(Z, M, E, M_si);
        acc += (E - prevE) / 6.0 * (prevR + 4.0 * ratio(Z, M, Em, M_si) + R);
        p->E[i] = E;
        p->P[i] = acc;
        prevE = E;
        prevR = R;
    }
    *out = p;
    return IL_OK;
}

void il__iba_phd_free(iba_phd *p)
{
    free(p);
}

double il__iba_phd_pulse(const iba_phd *p, double E, double *slope)
{
    if (!(E > p->E[0])) {
        double r = p->P[0] / p->E[0];
        if (slope)
            *slope = r;
        return E > 0.0 ? r * E : 0.0;
    }
    double u = (log(E) - p->lo) / p->dl;
    int i = (int)u;
    if (i >= PHD_N - 1)
        i = PHD_N - 2;
    double t = (E - p->E[i]) / (p->E[i + 1] - p->E[i]);
    double s = (p->P[i + 1] - p->P[i]) / (p->E[i + 1] - p->E[i]);
    if (slope)
        *slope = s;
    return p->P[i] + t * (p->P[i + 1] - p->P[i]);
}

double il__iba_resolution_fwhm(const il_iba_options *o, int Z, int A)
{
    /* an exact isotope entry wins over an element entry */
    double fw = o->resolution_keV;
    int best = 0;
    for (size_t i = 0; i < o->n_particle_resolution; i++) {
        const il_iba_particle_resolution *r = &o->particle_resolution[i];
        if (r->Z != Z || (r->A != 0 && r->A != A))
            continue;
        int rank = r->A == A ? 2 : 1;
        if (rank > best) {
            best = rank;
            fw = r->fwhm_keV;
        }
    }
    return fw;
}
