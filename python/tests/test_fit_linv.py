"""interlayer.fit (the linear inverse engines) against numpy's least squares on the same
problems, and against known answers."""
import numpy as np
import pytest

import interlayer as il


@pytest.fixture
def problem():
    rng = np.random.default_rng(12)
    m, n = 60, 12
    K = rng.uniform(0.0, 1.0, (m, n))
    x = rng.uniform(1.0, 5.0, n)
    sigma = rng.uniform(0.05, 0.2, m)
    y = K @ x + rng.normal(0.0, 1.0, m) * sigma
    return K, x, y, sigma


def augmented(K, y, sigma, lam, breaks=None, b=None):
    """Tikhonov as ordinary least squares: [W^½K; λL] x ≈ [W^½(y − b); 0]."""
    n = K.shape[1]
    L = il.fit.penalty_matrix(n, breaks)
    r = y - (0 if b is None else b)
    A = np.vstack([K / sigma[:, None], lam * L])
    rhs = np.concatenate([r / sigma, np.zeros(n)])
    return np.linalg.lstsq(A, rhs, rcond=None)[0]


@pytest.mark.parametrize("lam,breaks", [(0.3, None), (2.0, [4, 9]), (1e-3, [6])])
def test_tikhonov_fixed_lambda_is_least_squares(problem, lam, breaks):
    K, x, y, sigma = problem
    b = np.full(K.shape[0], 0.5)
    r = il.fit.tikhonov(K, y + b, sigma, lam=lam, breaks=breaks, background=b)
    want = augmented(K, y + b, sigma, lam, breaks, b)
    # both solve the same well-conditioned system in double precision (SVD vs QR)
    np.testing.assert_allclose(r.x, want, rtol=1e-8, atol=1e-8 * np.abs(want).max())
    assert r.lam == lam
    assert r.chi2 == pytest.approx(np.sum(((y - K @ want) / sigma) ** 2), rel=1e-8)
    # sigma_x: the linear estimator's propagated σ, x = H y with H from the normal equations
    L = il.fit.penalty_matrix(K.shape[1], breaks)
    W = np.diag(1 / sigma ** 2)
    H = np.linalg.solve(K.T @ W @ K + lam ** 2 * L.T @ L, K.T @ W)
    np.testing.assert_allclose(r.sigma_x, np.sqrt(np.diag(H @ np.diag(sigma ** 2) @ H.T)),
                               rtol=1e-8)


def test_tikhonov_discrepancy_rule(problem):
    K, x, y, sigma = problem
    r = il.fit.tikhonov(K, y, sigma, rule="discrepancy")
    # Morozov: chi² equals the number of channels at the chosen λ
    assert r.chi2 == pytest.approx(K.shape[0], rel=1e-4)
    np.testing.assert_allclose(r.x, augmented(K, y, sigma, r.lam), rtol=1e-8, atol=1e-8)
    for rule in ("gcv", "lcurve"):
        g = il.fit.tikhonov(K, y, sigma, rule=rule)
        assert g.lam > 0
        np.testing.assert_allclose(g.x, augmented(K, y, sigma, g.lam), rtol=1e-7, atol=1e-7)


def test_tikhonov_nonneg(problem):
    K, x, y, sigma = problem
    x_true = x.copy()
    x_true[3:6] = 0.0
    y2 = K @ x_true
    r = il.fit.tikhonov(K, y2 - 0.3 * K[:, 4], sigma, lam=1e-4, nonneg=True)
    assert np.all(r.x >= 0) and r.n_bound >= 1


def test_nnls_against_least_squares(problem):
    K, x, y, sigma = problem
    # an interior solution: NNLS is the unconstrained least squares
    np.testing.assert_allclose(il.fit.nnls(K, y), np.linalg.lstsq(K, y, rcond=None)[0],
                               rtol=1e-8)
    # a bound solution: KKT conditions (gradient ≥ 0 where x = 0, = 0 where x > 0)
    yb = y - (x[2] + 5.0) * K[:, 2]  # unconstrained x[2] near -5
    xb = il.fit.nnls(K, yb)
    g = K.T @ (K @ xb - yb)
    assert np.all(xb >= 0) and xb[2] == 0.0
    assert np.all(g[xb == 0] > -1e-8) and np.all(np.abs(g[xb > 0]) < 1e-8)


def test_mlem_recovers_exact_data():
    # noiseless counts: run to convergence, the maximum-likelihood solution is the truth
    rng = np.random.default_rng(3)
    K = rng.uniform(0.1, 1.0, (40, 6))
    x = rng.uniform(50, 200, 6)
    r = il.fit.mlem(K, K @ x, stop="converged", tol=1e-12, max_iter=200000)
    np.testing.assert_allclose(r.x, x, rtol=1e-4)  # EM converges slowly: 1e-4 is reached
    assert r.deviance < 1e-6
    d = il.fit.poisson_deviance(K @ x, K @ r.x)
    assert d == pytest.approx(r.deviance, rel=1e-6, abs=1e-12)


def test_errors():
    with pytest.raises(ValueError, match="rows"):
        il.fit.tikhonov(np.eye(3), [1, 2], [1, 1], lam=1)
    with pytest.raises(il.InterlayerError):
        il.fit.tikhonov(np.eye(3), [1, 2, 3], [1, 0, 1], lam=1)
