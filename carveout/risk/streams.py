"""Counter-based uniform random numbers, identical in NumPy and in compiled kernels.

Uniform ``(sample, column)`` of a batch is a pure function of the batch's 64-bit key
(from its :class:`numpy.random.SeedSequence` child), the sample number and the
column: the SplitMix64 output at position ``sample * stride + column``. A kernel
can therefore draw its numbers inside any thread, in any order, and still match
the NumPy path and any other engine bit for bit.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_ONE = np.uint64(1)
_SCALE = 2.0**-53


def batch_key(seed: np.random.SeedSequence) -> int:
    """The 64-bit key of one batch's stream."""
    return int(seed.generate_state(1, dtype=np.uint64)[0])


@numba.njit(cache=True, inline="always")
def uniform_at(key: np.uint64, position: np.uint64) -> float:
    """The uniform in (0, 1) at ``position`` of the stream ``key``."""
    z = key + (position + _ONE) * _GOLDEN
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    z = z ^ (z >> _S31)
    # Through int64: 53 bits fit, and signed conversion is cheaper than unsigned.
    return (float(np.int64(z >> _S11)) + 0.5) * _SCALE


def uniforms(key: int, first: int, n: int, columns: int, stride: int) -> NDArray[np.float64]:
    """Uniforms of samples ``first … first + n - 1`` and columns ``0 … columns - 1``."""
    rows = np.arange(first, first + n, dtype=np.uint64)[:, np.newaxis]
    cols = np.arange(columns, dtype=np.uint64)[np.newaxis, :]
    position = rows * np.uint64(stride) + cols
    z = np.uint64(key) + (position + _ONE) * _GOLDEN
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    z = z ^ (z >> _S31)
    return np.asarray(((z >> _S11).astype(np.float64) + 0.5) * _SCALE)
