/* Resolution smearing for fits: one kernel evaluation on a shared Q grid, then fixed weights.
 *
 * The Q axis covered by the data's resolution windows is cut into panels, each carrying G
 * Gauss–Legendre nodes; the nodes of all panels are the shared grid. A panel is at most α σ_min
 * wide, σ_min the narrowest resolution width among the windows that reach it, so the Gaussian of
 * every point that uses the panel is smooth across it; around the backing medium's critical edge
 * (where R has a square-root kink) panels are four times narrower, and the two next to the edge
 * are graded geometrically towards it. Point i's smeared value is
 * Σ_j W_ij R(Q_j): for a panel wholly inside the window W_ij = (GL weight) · g_i(Q_j); for a
 * panel the window edge cuts, R is replaced by its interpolating polynomial through the panel's
 * nodes and ∫ g_i L_j over the covered part is done by a finer Gauss–Legendre rule, so the cut
 * costs no accuracy. Rows are divided by their weight sum when the resolution is renormalised,
 * as the exact path (refl_resolution.c) does.
 *
 * The grid density is not guessed: il_refl_smear_plan_new compares the plan with the exact
 * adaptive path at the given slabs and halves α until they agree to the requested accuracy. */
#include <gsl/gsl_integration.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/built.h"
#include "probes/refl/refl_kernel.h"

/* Gauss–Legendre nodes per panel, and for the cut panels' ∫ g L_j (the integrand there is a
 * Gaussian times a polynomial of degree G-1: 16 nodes integrate it to ~1e-12 on a panel that is
 * at most a fraction of σ wide). */
enum { G = 6, G_CUT = 16, MAX_LEVEL = 8, GRADE = 6 };

struct il_refl_smear_plan {
    size_t nq, nnodes;
    double *node;    /* nnodes Q values (1/Å; may be negative: |r| is even in Q) */
    size_t *row;     /* nq + 1 offsets into col/w */
    size_t *col;
    double *w;
    double accuracy; /* requested relative accuracy */
    double error;    /* measured against the exact path at construction */
    il_refl_resolution res;
    double *q, *sigma; /* copies for re-checking against the exact path */
};

void il_refl_smear_plan_free(il_refl_smear_plan *p)
{
    if (!p)
        return;
    free(p->node);
    free(p->row);
    free(p->col);
    free(p->w);
    free(p->q);
    free(p->sigma);
    free(p);
}

size_t il_refl_smear_plan_nodes(const il_refl_smear_plan *p) { return p ? p->nnodes : 0; }
double il_refl_smear_plan_error(const il_refl_smear_plan *p) { return p ? p->error : NAN; }
double il_refl_smear_plan_accuracy(const il_refl_smear_plan *p) { return p ? p->accuracy : NAN; }

/* Half-width of the window in σ: the given truncation, else where the Gaussian's two tails hold
 * less than a tenth of the accuracy (erfc(T/√2) <= acc/10), at most the exact path's 8.5. */
static double window_sigmas(const il_refl_resolution *res, double acc)
{
    if (res->truncate_sigma > 0.0)
        return res->truncate_sigma;
    double T = 3.0;
    while (T < 8.5 && erfc(T / sqrt(2.0)) > 0.1 * acc)
        T += 0.25;
    return T;
}

typedef struct {
    double *x, *w; /* on [-1, 1] */
    int n;
} glrule;

static int gl_make(glrule *r, int n)
{
    r->n = n;
    r->x = malloc((size_t)n * sizeof *r->x);
    r->w = malloc((size_t)n * sizeof *r->w);
    gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc((size_t)n);
    if (!r->x || !r->w || !t) {
        if (t)
            gsl_integration_glfixed_table_free(t);
        return -1;
    }
    for (int k = 0; k < n; k++)
        gsl_integration_glfixed_point(-1.0, 1.0, (size_t)k, &r->x[k], &r->w[k], t);
    gsl_integration_glfixed_table_free(t);
    return 0;
}

static void gl_free(glrule *r)
{
    free(r->x);
    free(r->w);
}

/* Panel boundaries from lo to hi with width α σ_min(Q) (σ_min over the windows [a_i, b_i] that
 * overlap the panel), a quarter of that within ±15 % of ±Q_c, and a boundary at ±Q_c itself.
 * Gaps that no window reaches get no panel. *out (free) receives the boundary pairs. */
static int make_panels(const double *a, const double *b, const double *sig, size_t n, double alpha,
                       double qc, double **out, size_t *npan)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (sig[i] > 0.0) {
            lo = fmin(lo, a[i]);
            hi = fmax(hi, b[i]);
        }
    size_t cap = 256, np = 0;
    double *pan = malloc(2 * cap * sizeof *pan);
    if (!pan)
        return -1;
    double x = lo;
    while (x < hi) {
        /* narrowest window at x; if none, jump to the next window start */
        double smin = INFINITY, next = INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (!(sig[i] > 0.0))
                continue;
            if (a[i] <= x && b[i] > x)
                smin = fmin(smin, sig[i]);
            else if (a[i] > x)
                next = fmin(next, a[i]);
        }
        if (!isfinite(smin)) {
            if (!isfinite(next))
                break;
            x = next;
            continue;
        }
        double h = alpha * smin;
        for (size_t i = 0; i < n; i++) /* a narrower window starting inside the panel */
            if (sig[i] > 0.0 && a[i] > x && a[i] < x + h && alpha * sig[i] < h)
                h = fmax(alpha * sig[i], a[i] - x);
        if (qc > 0.0 && fabs(fabs(x) - qc) < 0.15 * qc)
            h *= 0.25;
        double end = fmin(x + h, hi);
        /* stop at ±Q_c so the kink is a panel boundary (at the plan's slabs) */
        for (int s = -1; s <= 1; s += 2)
            if (qc > 0.0 && s * qc > x + 1e-12 * qc && s * qc < end)
                end = s * qc;
        if (np == cap) {
            cap *= 2;
            double *t = realloc(pan, 2 * cap * sizeof *pan);
            if (!t) {
                free(pan);
                return -1;
            }
            pan = t;
        }
        pan[2 * np] = x;
        pan[2 * np + 1] = end;
        np++;
        x = end;
    }
    /* R ~ A + B sqrt|Q - Q_c| on either side of the edge: a polynomial rule on a panel that
     * touches the branch point converges only as h^1.5, so those panels are graded
     * geometrically towards it (widths h/4^k, k = GRADE..1), which leaves a residual of
     * (h/4^GRADE)^1.5 from the innermost panel only. */
    if (qc > 0.0) {
        double *g = malloc(2 * (np * (2 * GRADE + 1) + 1) * sizeof *g);
        if (!g) {
            free(pan);
            return -1;
        }
        size_t ng = 0;
        for (size_t k = 0; k < np; k++) {
            double pa = pan[2 * k], pb = pan[2 * k + 1], h = pb - pa;
            int at_lo = fabs(fabs(pa) - qc) <= 1e-12 * qc, at_hi = fabs(fabs(pb) - qc) <= 1e-12 * qc;
            if (at_lo == at_hi) { /* neither (or a panel spanning both signs: leave it) */
                g[2 * ng] = pa;
                g[2 * ng + 1] = pb;
                ng++;
                continue;
            }
            double f = 1.0;
            for (int l = 0; l < GRADE; l++)
                f *= 0.25;
            /* boundaries at distance h f, 4 h f, ..., h from the edge */
            double prev = at_lo ? pa : pb;
            for (int l = 0; l <= GRADE; l++, f *= 4.0) {
                double e = at_lo ? pa + h * f : pb - h * f;
                if (l == GRADE)
                    e = at_lo ? pb : pa;
                g[2 * ng] = at_lo ? prev : e;
                g[2 * ng + 1] = at_lo ? e : prev;
                ng++;
                prev = e;
            }
            if (at_hi) { /* written from the edge downwards: restore ascending order */
                for (size_t u = ng - (GRADE + 1), v = ng - 1; u < v; u++, v--) {
                    double t0 = g[2 * u], t1 = g[2 * u + 1];
                    g[2 * u] = g[2 * v];
                    g[2 * u + 1] = g[2 * v + 1];
                    g[2 * v] = t0;
                    g[2 * v + 1] = t1;
                }
            }
        }
        free(pan);
        pan = g;
        np = ng;
    }
    *out = pan;
    *npan = np;
    return 0;
}

/* Lagrange basis polynomial j of the panel's nodes t[0..G) at s. */
static double lagrange(const double *t, int j, double s)
{
    double v = 1.0;
    for (int k = 0; k < G; k++)
        if (k != j)
            v *= (s - t[k]) / (t[j] - t[k]);
    return v;
}

/* Builds the plan for one α. */
static il_status build(il_refl_smear_plan *p, double alpha, double qc, il_error *err)
{
    const double inv_sqrt_2pi = 0.39894228040143267794;
    size_t n = p->nq;
    double T = window_sigmas(&p->res, p->accuracy);
    int renorm = p->res.truncate_sigma > 0.0 ? p->res.renormalise : 1;
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *pan = NULL;
    glrule gl = {0}, gc = {0};
    size_t npan = 0;
    il_status st = IL_OK;
    if (!a || !b || gl_make(&gl, G) || gl_make(&gc, G_CUT)) {
        st = il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        a[i] = p->q[i] - T * p->sigma[i];
        b[i] = p->q[i] + T * p->sigma[i];
    }
    if (make_panels(a, b, p->sigma, n, alpha, qc, &pan, &npan)) {
        st = il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
        goto done;
    }
    /* nodes: G per panel, then one per unsmeared point */
    size_t nzero = 0;
    for (size_t i = 0; i < n; i++)
        nzero += !(p->sigma[i] > 0.0);
    free(p->node);
    p->nnodes = npan * G + nzero;
    p->node = malloc((p->nnodes ? p->nnodes : 1) * sizeof *p->node);
    free(p->row);
    p->row = malloc((n + 1) * sizeof *p->row);
    if (!p->node || !p->row) {
        st = il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
        goto done;
    }
    for (size_t k = 0; k < npan; k++) {
        double mid = 0.5 * (pan[2 * k] + pan[2 * k + 1]), hw = 0.5 * (pan[2 * k + 1] - pan[2 * k]);
        for (int j = 0; j < G; j++)
            p->node[k * G + j] = mid + hw * gl.x[j];
    }
    /* count the weights: panels overlapping each window (panels are sorted) */
    size_t nnz = 0;
    size_t *first = malloc(n * sizeof *first), *last = malloc(n * sizeof *last);
    if (!first || !last) {
        free(first);
        free(last);
        st = il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        first[i] = last[i] = 0;
        if (!(p->sigma[i] > 0.0)) {
            nnz++;
            continue;
        }
        size_t lo = 0, hi = npan; /* first panel with end > a_i */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (pan[2 * mid + 1] <= a[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        first[i] = lo;
        size_t k = lo;
        while (k < npan && pan[2 * k] < b[i])
            k++;
        last[i] = k;
        nnz += (last[i] - first[i]) * G;
    }
    free(p->col);
    free(p->w);
    p->col = malloc((nnz ? nnz : 1) * sizeof *p->col);
    p->w = malloc((nnz ? nnz : 1) * sizeof *p->w);
    if (!p->col || !p->w) {
        free(first);
        free(last);
        st = il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
        goto done;
    }
    size_t m = 0, zi = npan * G;
    for (size_t i = 0; i < n; i++) {
        p->row[i] = m;
        double s = p->sigma[i];
        if (!(s > 0.0)) {
            p->node[zi] = p->q[i];
            p->col[m] = zi++;
            p->w[m++] = 1.0;
            continue;
        }
        double wsum = 0.0;
        size_t row0 = m;
        for (size_t k = first[i]; k < last[i]; k++) {
            double pa = pan[2 * k], pb = pan[2 * k + 1];
            double hw = 0.5 * (pb - pa);
            const double *t = &p->node[k * G];
            double ca = fmax(pa, a[i]), cb = fmin(pb, b[i]);
            int cut = ca > pa || cb < pb;
            for (int j = 0; j < G; j++) {
                double wj = 0.0;
                if (!cut) {
                    double x = (t[j] - p->q[i]) / s;
                    wj = hw * gl.w[j] * inv_sqrt_2pi * exp(-0.5 * x * x) / s;
                } else if (cb > ca) {
                    double cm = 0.5 * (ca + cb), ch = 0.5 * (cb - ca);
                    for (int u = 0; u < G_CUT; u++) {
                        double qq = cm + ch * gc.x[u], x = (qq - p->q[i]) / s;
                        wj += ch * gc.w[u] * inv_sqrt_2pi * exp(-0.5 * x * x) / s *
                              lagrange(t, j, qq);
                    }
                }
                p->col[m] = k * G + (size_t)j;
                p->w[m++] = wj;
                wsum += wj;
            }
        }
        if (renorm && wsum > 0.0)
            for (size_t k = row0; k < m; k++)
                p->w[k] /= wsum;
    }
    p->row[n] = m;
    free(first);
    free(last);
done:
    free(a);
    free(b);
    free(pan);
    gl_free(&gl);
    gl_free(&gc);
    return st;
}

il_status il_refl_smear_plan_eval(const il_refl_smear_plan *p, const il_refl_slab *slabs,
                                  size_t nslabs, double scale, double background, double *work,
                                  double *r_out, il_error *err)
{
    il_status st = il_refl_reflectivity(slabs, nslabs, p->node, p->nnodes, 1.0, 0.0, work, err);
    if (st)
        return st;
    for (size_t i = 0; i < p->nq; i++) {
        double v = 0.0;
        for (size_t k = p->row[i]; k < p->row[i + 1]; k++)
            v += p->w[k] * work[p->col[k]];
        r_out[i] = scale * v + background;
    }
    return IL_OK;
}

il_status il_refl_smear_plan_check(const il_refl_smear_plan *p, const il_refl_slab *slabs,
                                   size_t nslabs, double *rel_error, il_error *err)
{
    size_t n = p->nq;
    double *exact = malloc(n * sizeof *exact), *fast = malloc(n * sizeof *fast);
    double *work = malloc((p->nnodes ? p->nnodes : 1) * sizeof *work);
    il_status st = IL_OK;
    if (!exact || !fast || !work)
        st = il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
    il_refl_resolution r = p->res;
    r.kind = IL_REFL_DQ_SIGMA;
    r.points = 0; /* the exact adaptive path, two orders below the accuracy */
    r.tol = fmin(1e-8, 0.01 * p->accuracy);
    if (!st)
        st = il_refl_smeared(slabs, nslabs, p->q, p->sigma, n, &r, 1.0, 0.0, exact, NULL, err);
    if (!st)
        st = il_refl_smear_plan_eval(p, slabs, nslabs, 1.0, 0.0, work, fast, err);
    double worst = 0.0;
    for (size_t i = 0; i < n && !st; i++) {
        double e = fabs(fast[i] - exact[i]) / fabs(exact[i]);
        if (!(e <= worst))
            worst = e;
    }
    free(exact);
    free(fast);
    free(work);
    if (!st)
        *rel_error = worst;
    return st;
}

il_status il_refl_smear_plan_new(const double *q_invA, const double *dq_invA, size_t nq,
                                 const il_refl_resolution *res, const il_refl_slab *slabs,
                                 size_t nslabs, double accuracy, il_refl_smear_plan **out,
                                 il_error *err)
{
    *out = NULL;
    il_status st = il_refl_check_args(slabs, nslabs, q_invA, out, nq, err);
    if (st)
        return st;
    if (!res)
        return il_error_set(err, IL_ERR_INVALID, "resolution plan: no resolution given");
    if (!(accuracy > 0.0 && accuracy < 1.0))
        return il_error_set(err, IL_ERR_INVALID,
                            "resolution plan: accuracy %g must be in (0, 1)", accuracy);
    il_refl_smear_plan *p = calloc(1, sizeof *p);
    if (!p)
        return il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
    p->nq = nq;
    p->accuracy = accuracy;
    p->res = *res;
    p->q = malloc(nq * sizeof *p->q);
    p->sigma = malloc(nq * sizeof *p->sigma);
    if (!p->q || !p->sigma) {
        il_refl_smear_plan_free(p);
        return il_error_set(err, IL_ERR_NOMEM, "resolution plan: out of memory");
    }
    for (size_t i = 0; i < nq; i++) {
        double w = dq_invA ? dq_invA[i] : res->dq_over_q * fabs(q_invA[i]);
        double s = res->kind == IL_REFL_DQ_FWHM ? w / IL_FWHM_PER_SIGMA : w;
        if (!(s >= 0.0) || !isfinite(s)) {
            il_refl_smear_plan_free(p);
            return il_error_set(err, IL_ERR_INVALID,
                                "resolution plan: point %zu: width %g is not >= 0", i, s);
        }
        p->q[i] = q_invA[i];
        p->sigma[i] = s;
    }
    double drho = slabs[nslabs - 1].sld_re_1e6 - slabs[0].sld_re_1e6;
    double qc = drho > 0.0 ? sqrt(4.0 * IL_REFL_FOURPI_E6 * drho) : 0.0;
    /* α = 2 (two σ per panel of 6 nodes) and halving: each level doubles the nodes */
    double alpha = 2.0;
    for (int level = 0;; level++, alpha *= 0.5) {
        st = build(p, alpha, qc, err);
        if (!st)
            st = il_refl_smear_plan_check(p, slabs, nslabs, &p->error, err);
        if (st || p->error <= accuracy)
            break;
        if (level == MAX_LEVEL) {
            st = il_error_set(err, IL_ERR_NUMERIC,
                              "resolution plan: error %.2g with %zu nodes, wanted %.2g",
                              p->error, p->nnodes, accuracy);
            break;
        }
    }
    IL_RETURN_BUILT(st, p, il_refl_smear_plan_free, out);
}
