/* Space charge (cell.h): the Debye length, the distance over which a mobile carrier screens a
 * potential step at an interface (the review's Figure 4e), and the layer itself. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <math.h>
#include <string.h>

#include "cell/cell_internal.h"
#include "interlayer/constants.h"

double il_debye_length_nm(double eps_r, double carriers_cm3, double T_K)
{
    if (!(eps_r > 0) || !(carriers_cm3 > 0) || !(T_K > 0))
        return NAN;
    double e = IL_ELEMENTARY_CHARGE_C;
    double lam_m = sqrt(eps_r * IL_VACUUM_PERMITTIVITY_F_PER_M * IL_BOLTZMANN_J_PER_K * T_K /
                        (e * e * carriers_cm3 * 1e6));
    return lam_m * 1e9;
}

/* ---- Poisson-Boltzmann with site saturation ----
 * With u = e phi / kT, theta = c_b / N and b = 1 - theta, the first integral of eps phi'' =
 * -e (c - c_b) from the bulk (phi, phi' -> 0) is (eps / 2) phi'^2 = G(u) = kT N (ln(1 + b
 * (e^u - 1)) - b u) >= 0 (per m3). Depth follows as x(phi) = int_phi^phi0 dpsi / |phi'(psi)|;
 * the other integrals take the same change of variable. SI units inside. */
typedef struct {
    double kT, N, b, eps, e; /* J, m^-3, -, F/m, C */
    double cb;
    int saturate;
    int what; /* 0: 1/|phi'|, 1: (c_b/c - 1)/|phi'|, 2: (c - c_b)/|phi'| */
} pb;

static double G_of_u(const pb *P, double u)
{
    if (!P->saturate) /* N -> infinity: kT c_b (e^-u - 1 + u) */
        return P->kT * P->cb * (fabs(u) < 1e-4 ? u * u / 2 - u * u * u / 6 : expm1(-u) + u);
    double b = P->b;
    if (fabs(u) < 1e-4)
        return P->kT * P->N * b * (1 - b) * (u * u / 2 + (1 - 2 * b) * u * u * u / 6);
    return P->kT * P->N * (log1p(b * expm1(u)) - b * u);
}

static double conc(const pb *P, double u)
{
    if (!P->saturate)
        return P->cb * exp(-u);
    return P->N / (1 + (P->N - P->cb) / P->cb * exp(u));
}

static double integrand(double psi, void *user)
{
    const pb *P = user;
    double u = P->e * psi / P->kT;
    double slope = sqrt(2 * G_of_u(P, u) / P->eps);
    if (!(slope > 0))
        return 0;
    switch (P->what) {
    case 1: { /* c_b/c - 1 = b (e^u - 1) with site saturation, e^u - 1 without */
        double r = P->saturate ? P->b * expm1(u) : expm1(u);
        return r / slope;
    }
    case 2:
        return (conc(P, u) - P->cb) / slope;
    default:
        return 1.0 / slope;
    }
}

static il_status quad(pb *P, int what, double a, double b, double *out, il_error *err)
{
    P->what = what;
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    if (!w)
        return il_error_set(err, IL_ERR_NOMEM, "out of memory");
    gsl_function f = {integrand, P};
    double abserr;
    int s = gsl_integration_qags(&f, a, b, 0, 1e-10, 1000, w, out, &abserr);
    gsl_integration_workspace_free(w);
    if (s && s != GSL_EROUND)
        return il_error_set(err, IL_ERR_NUMERIC, "space charge: quadrature failed (%s)",
                            gsl_strerror(s));
    return IL_OK;
}

il_status il_space_charge_solve(const il_space_charge_params *p, const double *x_nm, size_t n,
                                double *phi_V, double *c_cm3, il_space_charge_result *res,
                                il_error *err)
{
    if (!(p->eps_r > 0) || !(p->carriers_cm3 > 0) || !(p->T_K > 0) || !isfinite(p->potential_step_V) ||
        !(p->sites_cm3 > p->carriers_cm3) || !(p->conductivity_S_cm > 0))
        return il_error_set(err, IL_ERR_INVALID, "space charge: eps_r, carriers, T and the "
                            "conductivity must be > 0, sites > carriers, the step finite");
    pb P;
    P.e = IL_ELEMENTARY_CHARGE_C;
    P.kT = IL_BOLTZMANN_J_PER_K * p->T_K;
    P.cb = p->carriers_cm3 * 1e6;
    P.saturate = isfinite(p->sites_cm3);
    P.N = P.saturate ? p->sites_cm3 * 1e6 : INFINITY;
    P.b = P.saturate ? 1 - P.cb / P.N : 1;
    P.eps = p->eps_r * IL_VACUUM_PERMITTIVITY_F_PER_M;
    double phi0 = p->potential_step_V, u0 = P.e * phi0 / P.kT;
    memset(res, 0, sizeof *res);
    res->debye_length_nm = il_debye_length_nm(p->eps_r, p->carriers_cm3, p->T_K);
    res->screening_length_nm = res->debye_length_nm / sqrt(P.saturate ? P.b : 1);
    double slope0 = sqrt(2 * G_of_u(&P, u0) / P.eps); /* V/m */
    res->field_V_cm = (phi0 > 0 ? 1 : -1) * slope0 * 1e-2; /* -dphi/dx: phi falls into the bulk */
    if (phi0 == 0) {
        res->field_V_cm = 0;
    } else {
        double lo = phi0 > 0 ? 0 : phi0, hi = phi0 > 0 ? phi0 : 0, v;
        il_status st = quad(&P, 1, lo, hi, &v, err);
        if (st)
            return st;
        /* dx = |dpsi| / |phi'| over the layer: depletion (phi0 > 0, c < c_b) adds resistance,
         * accumulation takes it away; the signs come with the integrands */
        double sigma_b = p->conductivity_S_cm * 100; /* S/m */
        res->resistance_ohm_cm2 = v / sigma_b * 1e4;
        if ((st = quad(&P, 2, lo, hi, &v, err)))
            return st;
        res->excess_atoms_cm2 = v * 1e-4;
    }
    for (size_t i = 0; i < n; i++) {
        /* x(phi) rises monotonically as |phi| falls from |phi0| to 0: bisection on phi */
        double x = x_nm[i] * 1e-9, a = 0, b = phi0;
        if (phi0 == 0 || x <= 0) {
            phi_V[i] = x <= 0 ? phi0 : 0;
        } else {
            for (int k = 0; k < 200 && fabs(b - a) > 1e-15 * fabs(phi0); k++) {
                double m = 0.5 * (a + b), xm;
                il_status st = quad(&P, 0, phi0 > 0 ? m : phi0, phi0 > 0 ? phi0 : m, &xm, err);
                if (st)
                    return st;
                if (xm > x)
                    a = m; /* too deep: phi is larger in magnitude at x */
                else
                    b = m;
            }
            phi_V[i] = 0.5 * (a + b);
        }
        c_cm3[i] = conc(&P, P.e * phi_V[i] / P.kT) * 1e-6;
    }
    return IL_OK;
}
