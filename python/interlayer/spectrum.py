"""Detector pulse-height spectra: .Spe, .Chn, N42.42 and CSV files, read and written by the
library's own readers and writers (the ones the analysis uses)."""
import ctypes as C
import math

from ._arrays import as_doubles, copy_out, enc, text
from ._errors import call
from ._lib import lib

FORMATS = {"auto": 0, "spe": 1, "chn": 2, "n42": 3, "csv": 4}


class Spectrum:
    """A spectrum. Spectrum.load(path, format="auto") reads a file; Spectrum(counts) makes one.

    counts (numpy array), live_time_s and real_time_s (s; None when unknown), start (ISO 8601
    text or None), calibration ((c0_keV, c1_keV, c2_keV) with E = c0 + c1 ch + c2 ch², or
    None), title, energy_keV (channel energies, None without a calibration)."""

    def __init__(self, counts=None, live_time_s=None, real_time_s=None, _handle=None):
        if _handle is not None:
            self._h = _handle
            return
        c = as_doubles(counts)
        h = C.c_void_p()
        call(lib.il_spectrum_new, c.size, C.byref(h))
        self._h = h
        C.memmove(lib.il_spectrum_counts_mut(h), c.ctypes.data, c.nbytes)
        if live_time_s is not None or real_time_s is not None:
            self.set_times(live_time_s, real_time_s)

    @classmethod
    def load(cls, path, format="auto"):
        h = C.c_void_p()
        call(lib.il_spectrum_load, enc(str(path)), FORMATS[format.lower()], C.byref(h))
        return cls(_handle=h)

    def __del__(self):
        if getattr(self, "_h", None):
            lib.il_spectrum_free(self._h)
            self._h = None

    def save(self, path, format="auto"):
        """Writes the file whole or not at all (.Spe, .Chn, .n42, .csv by extension)."""
        call(lib.il_spectrum_save, self._h, enc(str(path)), FORMATS[format.lower()])

    def __len__(self):
        return lib.il_spectrum_n_channels(self._h)

    @property
    def format(self):
        """The format it was read in ("Spe", "Chn", "N42", "CSV"; "auto" when made in code)."""
        return text(lib.il_spectrum_format_name(lib.il_spectrum_read_format(self._h)))

    @property
    def counts(self):
        return copy_out(lib.il_spectrum_counts(self._h), len(self))

    @staticmethod
    def _opt(x):
        return None if math.isnan(x) else x

    @property
    def live_time_s(self):
        return self._opt(lib.il_spectrum_live_time_s(self._h))

    @property
    def real_time_s(self):
        return self._opt(lib.il_spectrum_real_time_s(self._h))

    def set_times(self, live_time_s=None, real_time_s=None):
        nan = float("nan")
        call(lib.il_spectrum_set_times_s, self._h,
             nan if live_time_s is None else float(live_time_s),
             nan if real_time_s is None else float(real_time_s))

    @property
    def start(self):
        s = lib.il_spectrum_start_iso(self._h)
        return text(s) if s else None

    @start.setter
    def start(self, iso):
        call(lib.il_spectrum_set_start_iso, self._h, None if iso is None else enc(iso))

    @property
    def calibration(self):
        c = (C.c_double * 3)()
        return tuple(c) if lib.il_spectrum_calibration(self._h, c) else None

    @calibration.setter
    def calibration(self, c):
        call(lib.il_spectrum_set_calibration, self._h, float(c[0]), float(c[1]),
             float(c[2]) if len(c) > 2 else 0.0)

    @property
    def energy_keV(self):
        c = self.calibration
        if c is None:
            return None
        import numpy as np
        ch = np.arange(len(self), dtype=float)
        return c[0] + c[1] * ch + c[2] * ch * ch

    @property
    def title(self):
        return text(lib.il_spectrum_title(self._h))

    @title.setter
    def title(self, t):
        call(lib.il_spectrum_set_title, self._h, enc(t))

    @property
    def total(self):
        return float(self.counts.sum())
