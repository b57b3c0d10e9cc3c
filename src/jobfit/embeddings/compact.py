"""Unit vectors stored compactly: each row as int8 with one float32 scale, a quarter of float32's bytes.

A resume keeps one vector per statement (`matching.meaning`), read by ranking for every candidate, so the
stored form is small and decodes in one NumPy pass. A row `v` is stored as `round(v / s * 127)` with
`s = max |v|`; a cosine of two decoded unit vectors is off by less than 0.01 (tested).

Layout (little-endian): uint32 rows, uint32 dim, rows x float32 scale, rows x dim int8.
"""

from __future__ import annotations

import numpy as np

_HEADER = 8


def pack_rows(vectors: np.ndarray) -> bytes:
    """The compact bytes of a 2-d float array (zero rows stay zero)."""
    rows = np.asarray(vectors, dtype=np.float32)
    if rows.ndim != 2:
        raise ValueError(f"expected a 2-d array of vectors, got shape {rows.shape}")
    scale = np.abs(rows).max(axis=1) if rows.size else np.zeros(len(rows), dtype=np.float32)
    safe = np.where(scale > 0, scale, 1.0).astype(np.float32)
    quantised = np.rint(rows / safe[:, None] * 127.0).astype(np.int8)
    header = np.array([rows.shape[0], rows.shape[1]], dtype="<u4").tobytes()
    return header + (scale / 127.0).astype("<f4").tobytes() + quantised.tobytes()


def unpack_rows(data: bytes) -> np.ndarray:
    """The float32 rows `pack_rows` stored; `ValueError` on bytes of another length than their header says."""
    if len(data) < _HEADER:
        raise ValueError("packed vectors: truncated header")
    count, dim = (int(x) for x in np.frombuffer(data, dtype="<u4", count=2))
    if len(data) != _HEADER + 4 * count + count * dim:
        raise ValueError("packed vectors: length does not match the header")
    scale = np.frombuffer(data, dtype="<f4", count=count, offset=_HEADER)
    rows = np.frombuffer(data, dtype=np.int8, count=count * dim, offset=_HEADER + 4 * count).reshape(count, dim)
    return rows.astype(np.float32) * scale[:, None]
