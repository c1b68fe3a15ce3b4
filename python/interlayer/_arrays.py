"""numpy <-> C array helpers (contiguous float64, pointers kept alive by the caller)."""
import ctypes as C

import numpy as np


def as_doubles(values):
    """A contiguous float64 1-d copy of `values` (a number, a sequence or an array)."""
    return np.ascontiguousarray(np.atleast_1d(np.asarray(values, dtype=np.float64)).ravel())


def ptr(a):
    """A double* to a contiguous float64 array (None stays NULL)."""
    if a is None:
        return None
    return a.ctypes.data_as(C.POINTER(C.c_double))


def copy_out(p, n):
    """A numpy copy of n doubles at C pointer p (an empty array for NULL)."""
    if not p or n == 0:
        return np.zeros(0)
    return np.ctypeslib.as_array(p, shape=(n,)).copy()


def text(b):
    return b.decode(errors="replace") if isinstance(b, bytes) else b


def enc(s):
    return s.encode() if isinstance(s, str) else s
