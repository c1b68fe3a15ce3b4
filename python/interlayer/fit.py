"""The linear inverse engines of the fit layer (include/interlayer/linv.h) on numpy arrays.

Each recovers amounts x (one per bin) from data y that follow y ≈ K x + b, K a response
matrix (channels × bins, e.g. the NDP response of ndp_model.h) and b a known background.
The engines know no technique: any K works. Units are those of your K, y and x.

    tikhonov(K, y, sigma, rule="discrepancy")   weighted least squares + smoothness penalty
    tikhonov(K, y, sigma, nonneg=True)          the same with x ≥ 0 (active-set NNLS)
    nnls(A, y)                                  min ‖A x − y‖₂ subject to x ≥ 0
    mlem(K, counts)                             Poisson maximum likelihood (EM), x ≥ 0

Errors raise the package's InterlayerError subclasses with the library's message.
"""
import ctypes as C
from dataclasses import dataclass

import numpy as np

from ._arrays import as_doubles, ptr, text
from ._errors import call
from ._lib import LinvMlemInfo, LinvMlemOptions, LinvProblem, lib

# il_linv_lambda_rule
_RULES = {"fixed": 0, "discrepancy": 1, "lcurve": 2, "gcv": 3}
# il_linv_stop_rule
_STOPS = {"converged": 0, "discrepancy": 1}

#: weight of the value penalty on the first bin of each segment (linv_tikhonov.c SEGMENT_EPS)
SEGMENT_EPS = 1e-3


def _matrix(K):
    K = np.ascontiguousarray(np.asarray(K, dtype=np.float64))
    if K.ndim != 2 or K.size == 0:
        raise ValueError("expected a non-empty 2-d matrix (channels × bins)")
    return K


def _problem(K, background):
    """The C problem over K and the background; the background array is returned too, and
    the caller holds it while the library reads through the pointer."""
    m, n = K.shape
    b = None if background is None else as_doubles(background)
    if b is not None and b.size != m:
        raise ValueError(f"background has {b.size} values, the matrix {m} rows")
    return LinvProblem(m, n, ptr(K), ptr(b)), b


def _breaks(breaks, n):
    if breaks is None or len(breaks) == 0:
        return None
    br = np.ascontiguousarray(np.asarray(breaks, dtype=np.uintp))
    if np.any(br >= n) or np.any(br == 0):
        raise ValueError(f"breaks are bin indices in 1..{n - 1}")
    return br


def penalty_matrix(n_bins, breaks=None):
    """The Tikhonov penalty L (n_bins × n_bins) the library uses: first differences
    x[j] − x[j−1] inside a segment, SEGMENT_EPS × x[j] on the first bin of each segment (bin 0
    and every index in `breaks`, where a step is physical and not penalised)."""
    L = np.zeros((n_bins, n_bins))
    starts = {0} | set(int(b) for b in (breaks if breaks is not None else []))
    for j in range(n_bins):
        if j in starts:
            L[j, j] = SEGMENT_EPS
        else:
            L[j, j], L[j, j - 1] = 1.0, -1.0
    return L


@dataclass
class TikhonovResult:
    """x (amounts per bin), sigma_x (1σ from the counting variances through the linear
    estimator; regularisation bias not included), lam (the λ used), chi2 (weighted residual
    sum), n_bound (bins held at zero; nonneg only, else 0)."""
    x: np.ndarray
    sigma_x: np.ndarray
    lam: float
    chi2: float
    n_bound: int = 0


def tikhonov(K, y, sigma, lam=None, rule=None, breaks=None, background=None, nonneg=False):
    """Minimises Σᵢ (yᵢ − bᵢ − (K x)ᵢ)² / σᵢ² + λ² ‖L x‖² (L: penalty_matrix(n_bins, breaks)).

    K: channels × bins; y, sigma (> 0): per channel; background b (default 0).
    λ: give `lam` (rule "fixed"), or a rule: "discrepancy" (χ² = channels, Morozov; the
    default when no lam), "lcurve" (corner of the L-curve), "gcv" (generalised
    cross-validation). nonneg=True: the same functional subject to x ≥ 0 (λ chosen on the
    unconstrained problem). Returns a TikhonovResult."""
    K = _matrix(K)
    m, n = K.shape
    y, s = as_doubles(y), as_doubles(sigma)
    if y.size != m or s.size != m:
        raise ValueError(f"y and sigma need {m} values (the matrix rows)")
    if rule is None:
        rule = "fixed" if lam is not None else "discrepancy"
    if rule not in _RULES:
        raise ValueError(f"rule {rule!r}: expected one of {', '.join(_RULES)}")
    if rule == "fixed" and lam is None:
        raise ValueError("rule 'fixed' needs lam")
    var = np.ascontiguousarray(s * s)
    pb, b = _problem(K, background)
    br = _breaks(breaks, n)
    h = C.c_void_p()
    call(lib.il_linv_tikhonov_new, C.byref(pb), ptr(var),
         None if br is None else br.ctypes.data_as(C.POINTER(C.c_size_t)),
         0 if br is None else br.size, C.byref(h))
    try:
        lam_c = C.c_double(float(lam) if lam is not None else 0.0)
        x, sx, chi2 = np.zeros(n), np.zeros(n), C.c_double()
        nb = C.c_size_t(0)
        if nonneg:
            call(lib.il_linv_tikhonov_solve_nonneg, h, ptr(y), _RULES[rule], C.byref(lam_c),
                 ptr(x), ptr(sx), C.byref(chi2), None, None, None, C.byref(nb))
        else:
            call(lib.il_linv_tikhonov_solve, h, ptr(y), _RULES[rule], C.byref(lam_c), ptr(x),
                 ptr(sx), C.byref(chi2))
    finally:
        lib.il_linv_tikhonov_free(h)
    return TikhonovResult(x, sx, lam_c.value, chi2.value, nb.value)


def nnls(A, y):
    """x ≥ 0 minimising ‖A x − y‖₂ (A: m × n, full column rank; Lawson–Hanson active set)."""
    A = _matrix(A)
    m, n = A.shape
    y = as_doubles(y)
    if y.size != m:
        raise ValueError(f"y needs {m} values (the matrix rows)")
    x = np.zeros(n)
    call(lib.il_linv_nnls, m, n, ptr(A), ptr(y), ptr(x))
    return x


@dataclass
class MlemResult:
    """x (amounts per bin, ≥ 0), iterations, deviance (Poisson deviance at x), target (the
    discrepancy target: channels with counts expected), stop (why it stopped, in words)."""
    x: np.ndarray
    iterations: int
    deviance: float
    target: float
    stop: str


def mlem(K, counts, background=None, x0=None, stop="discrepancy", max_iter=2000, tol=1e-6,
         breaks=None):
    """Poisson maximum likelihood of counts ~ Poisson(K x + b) by EM (Shepp & Vardi 1982).

    stop: "discrepancy" (early stopping at deviance ≤ channels, regularises) or "converged"
    (relative change of x below tol). x0: starting point (> 0; default flat, or constant per
    segment with `breaks`). Returns an MlemResult."""
    K = _matrix(K)
    m, n = K.shape
    y = as_doubles(counts)
    if y.size != m:
        raise ValueError(f"counts need {m} values (the matrix rows)")
    if stop not in _STOPS:
        raise ValueError(f"stop {stop!r}: expected 'discrepancy' or 'converged'")
    pb, b = _problem(K, background)
    o = LinvMlemOptions()
    lib.il_linv_mlem_options_default(C.byref(o))
    o.max_iter, o.tol, o.stop = int(max_iter), float(tol), _STOPS[stop]
    br = _breaks(breaks, n)
    if br is not None:
        o.breaks, o.n_breaks = br.ctypes.data_as(C.POINTER(C.c_size_t)), br.size
    x = np.zeros(n) if x0 is None else as_doubles(x0).copy()
    if x.size != n:
        raise ValueError(f"x0 needs {n} values (the matrix columns)")
    info = LinvMlemInfo()
    call(lib.il_linv_mlem_run, C.byref(pb), ptr(y), C.byref(o), ptr(x), C.byref(info))
    return MlemResult(x, info.iterations, info.deviance, info.target,
                      text(lib.il_linv_mlem_stop_text(info.stop)))


def poisson_deviance(counts, mu):
    """2 Σ [y ln(y/μ) − (y − μ)] (channels where both are 0 contribute 0)."""
    y, m = as_doubles(counts), as_doubles(mu)
    if y.size != m.size:
        raise ValueError("counts and mu differ in length")
    return lib.il_linv_poisson_deviance(ptr(y), ptr(m), y.size)
