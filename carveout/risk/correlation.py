"""Rank correlation between estimates by the Iman–Conover method.

Iman and Conover (1982) reorder each column of an independent sample so that
its rank correlation approaches a target matrix, without changing any column's
values — so every marginal distribution (and a Latin hypercube stratification)
is kept exactly. Cost: one ``n × m`` by ``m × m`` product and ``m`` sorts of ``n``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import special


def group_correlation(groups: Sequence[int], rho: float) -> NDArray[np.float64]:
    """A correlation matrix where members of the same group (``>= 0``) correlate by ``rho``."""
    g = np.asarray(groups)
    same = (g[:, None] == g[None, :]) & (g[:, None] >= 0)
    target = np.where(same, rho, 0.0)
    np.fill_diagonal(target, 1.0)
    return target


def _cholesky(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Lower Cholesky factor, nudging the diagonal if the matrix is only semi-definite."""
    jitter = 0.0
    for _ in range(8):
        try:
            return np.asarray(np.linalg.cholesky(matrix + jitter * np.eye(len(matrix))))
        except np.linalg.LinAlgError:
            jitter = max(2 * jitter, 1e-10)
    raise ValueError("the correlation matrix is not positive semi-definite")


def iman_conover(
    sample: NDArray[np.float64], target: NDArray[np.float64], rng: np.random.Generator
) -> NDArray[np.float64]:
    """``sample`` with each column reordered so rank correlations approach ``target``."""
    n, m = sample.shape
    if m < 2 or n < 3 or np.allclose(target, np.eye(m)):
        return sample
    scores = special.ndtri(np.arange(1, n + 1) / (n + 1))
    scores = scores / scores.std()
    s = np.empty((n, m))
    for j in range(m):
        s[:, j] = rng.permutation(scores)
    # Remove the sample correlation the random permutation happened to create, then
    # impose the target: T = S · Q⁻ᵀ · Pᵀ with P, Q the Cholesky factors of target, corr(S).
    q = _cholesky(np.corrcoef(s, rowvar=False))
    p = _cholesky(target)
    t = s @ np.linalg.solve(q.T, p.T)
    ranks = np.argsort(np.argsort(t, axis=0), axis=0)
    ordered = np.sort(sample, axis=0)
    return np.asarray(np.take_along_axis(ordered, ranks, axis=0))


def rank_correlation(sample: NDArray[np.float64]) -> NDArray[np.float64]:
    """Spearman rank correlation of the columns of ``sample``."""
    ranks = np.argsort(np.argsort(sample, axis=0), axis=0).astype(np.float64)
    return np.asarray(np.corrcoef(ranks, rowvar=False))
