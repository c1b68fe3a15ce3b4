"""Specular reflectivity (neutrons, X-rays), SLD and fits of slab models.

Units (ORSO): Q in 1/Å, thickness and roughness in Å, SLD in 1e-6 Å⁻² (positive imaginary
part = absorption). A slab model is an (n, 4) array of rows (thickness_A, sld_re_1e6,
sld_im_1e6, roughness_A), fronting medium first, backing medium last; roughness is that of
the interface above the slab."""
import ctypes as C

import numpy as np

from ._arrays import as_doubles, copy_out, enc, ptr, text
from ._errors import call
from ._lib import (ReflDataset, ReflFitOpts, ReflFitResult, ReflLayerModel, ReflModel,
                   ReflProbe, ReflResolution, ReflSlab, ReflValidation, lib)
from .materials import Material
from .stack import Stack, as_stack

ENGINES = {"lm": 0, "de": 1, "mcmc": 2}
# Arrays the library allocates with malloc for the caller to free().
_free = C.CDLL(None).free
_free.argtypes = [C.c_void_p]
_free.restype = None


def _slabs(slabs):
    a = np.asarray(slabs, dtype=np.float64)
    if a.ndim != 2 or a.shape[1] != 4 or a.shape[0] < 2:
        raise ValueError("slabs: an (n >= 2, 4) array of (thickness_A, sld_re_1e6, "
                         "sld_im_1e6, roughness_A)")
    out = (ReflSlab * a.shape[0])()
    for j, row in enumerate(a):
        out[j] = ReflSlab(*row)
    return out


def probe(kind="neutron", wavelength_A=0.0, energy=None):
    """An il_refl_probe: neutrons at wavelength_A (0: 1.798 Å) or X-rays at `energy`
    ("CuKa", "8.048keV", a number in keV; None: Cu Kα)."""
    p = ReflProbe()
    p.probe = {"neutron": 0, "xray": 1, "x-ray": 1}[kind]
    p.wavelength_A = float(wavelength_A)
    if energy is not None:
        if isinstance(energy, str):
            e = C.c_double()
            call(lib.il_xray_energy_parse, enc(energy), C.byref(e))
            p.energy_keV = e.value
        else:
            p.energy_keV = float(energy)
    return p


def reflectivity(slabs, q_invA, scale=1.0, background=0.0, dq_over_q=0.0, fwhm=False,
                 dq_invA=None):
    """R(Q) of a slab model at q_invA (1/Å): Abeles matrices with Nevot–Croce roughness,
    smeared by a Gaussian resolution of constant dq_over_q (1σ, or FWHM with fwhm=True) or
    per-point dq_invA, integrated over the whole Gaussian (as `refl simulate --dq-over-q`)."""
    s = _slabs(slabs)
    q = as_doubles(q_invA)
    r = np.empty(q.size)
    if dq_over_q or dq_invA is not None:
        res = ReflResolution()
        lib.il_refl_resolution_init(C.byref(res))
        res.kind = 1 if fwhm else 0
        res.dq_over_q = float(dq_over_q)
        dq = None if dq_invA is None else as_doubles(dq_invA)
        call(lib.il_refl_smeared, s, len(s), ptr(q), ptr(dq), q.size, C.byref(res),
             float(scale), float(background), ptr(r), None)
    else:
        call(lib.il_refl_reflectivity, s, len(s), ptr(q), q.size, float(scale),
             float(background), ptr(r))
    return r


def q_grid(q_min_invA=0.005, q_max_invA=0.3, n=500, log=False):
    """n Q values (1/Å) from q_min to q_max, evenly or evenly in log Q."""
    q = np.empty(int(n))
    call(lib.il_refl_q_grid, float(q_min_invA), float(q_max_invA), q.size, int(log), ptr(q))
    return q


def sld(material, density_g_cm3=None, kind="neutron", wavelength_A=0.0, energy=None):
    """SLD (complex, 1e-6 Å⁻²) of a material (name or formula) for neutrons or X-rays."""
    m = material if isinstance(material, Material) else Material(material, density_g_cm3)
    re, im = C.c_double(), C.c_double()
    p = probe(kind, wavelength_A, energy)
    if p.probe == 0:
        wl = p.wavelength_A or 1.798
        call(lib.il_sld_neutron, C.byref(m._comp), m.density_g_cm3, wl, 0, C.byref(re),
             C.byref(im))
    else:
        call(lib.il_sld_xray, C.byref(m._comp), m.density_g_cm3, p.energy_keV or 8.048,
             C.byref(re), C.byref(im))
    return complex(re.value, im.value)


class SlabModel:
    """A slab model from the ORSO inline language ("air | LiNbO3 200 5 li6=1 | Si", Å), a
    YAML model file, or a Stack (thickness nm -> Å, composition and enrichment from the
    stack). names: the layers' names; slabs(kind=..., ...) the (n, 4) array for a probe."""

    def __init__(self, model):
        self._model = None
        ptr_ = C.POINTER(ReflLayerModel)()
        n = C.c_size_t()
        if isinstance(model, Stack):
            call(lib.il_refl_stack_layers, model.handle, C.byref(ptr_), C.byref(n))
        elif str(model).endswith((".yaml", ".yml")):
            mp = C.POINTER(ReflModel)()
            call(lib.il_refl_model_load, enc(str(model)), C.byref(mp))
            self._model = mp
            ptr_, n = mp.contents.layers, C.c_size_t(mp.contents.nlayers)
        else:
            call(lib.il_refl_model_parse, enc(str(model)), b"<model>", C.byref(ptr_),
                 C.byref(n))
        self._layers = [ReflLayerModel.from_buffer_copy(ptr_[j]) for j in range(n.value)]
        if self._model is None:
            _free(C.cast(ptr_, C.c_void_p))

    def __del__(self):
        if getattr(self, "_model", None):
            lib.il_refl_model_free(self._model)
            self._model = None

    @property
    def names(self):
        return [text(l.name) for l in self._layers]

    def slabs(self, kind="neutron", wavelength_A=0.0, energy=None):
        """The (n, 4) slab array for a probe (SLDs from compositions where given)."""
        p = probe(kind, wavelength_A, energy)
        out = np.empty((len(self._layers), 4))
        re, im = C.c_double(), C.c_double()
        for j, l in enumerate(self._layers):
            call(lib.il_refl_layer_sld, C.byref(l), C.byref(p), C.byref(re), C.byref(im))
            out[j] = (l.thickness_A, re.value, im.value, l.roughness_A)
        return out


def stack_slabs(stack, kind="neutron", wavelength_A=0.0, energy=None):
    """The slab model of a Stack (vacuum fronting, substrate backing) for a probe."""
    return SlabModel(as_stack(stack)).slabs(kind, wavelength_A, energy)


def sld_profile(slabs, z_A=None, points=400):
    """SLD along depth with error-function interfaces: (z_A, sld_re_1e6, sld_im_1e6).
    z_A (Å, 0 = the first interface) defaults to `points` depths covering the model."""
    s = _slabs(slabs)
    if z_A is None:
        z = np.empty(int(points))
        call(lib.il_refl_profile_grid, s, len(s), z.size, ptr(z))
    else:
        z = as_doubles(z_A)
    re, im = np.empty(z.size), np.empty(z.size)
    call(lib.il_refl_profile, s, len(s), ptr(z), z.size, ptr(re), ptr(im))
    return z, re, im


def validate():
    """The ORSO validation suite: a list of dicts (test, worst_rel_error, tolerance, pass)."""
    out = (ReflValidation * 8)()
    call(lib.il_refl_validate, out)
    return [{"test": v.test, "points": v.npoints, "smeared": bool(v.smeared),
             "worst_rel_error": v.worst_rel_error, "tolerance": v.tolerance,
             "pass": bool(v.pass_)} for v in out]


def load_data(path):
    """Reflectivity data (.ort or plain columns): a list of dicts with name, q_invA, r, dr,
    dq (numpy arrays; dr/dq None when the file has none)."""
    h = C.c_void_p()
    call(lib.il_refl_data_load, enc(str(path)), None, C.byref(h))
    try:
        out = []
        for j in range(lib.il_refl_data_count(h)):
            d = lib.il_refl_data_get(h, j).contents
            out.append({"name": text(d.name), "q_invA": copy_out(d.q_invA, d.n),
                        "r": copy_out(d.r, d.n),
                        "dr": copy_out(d.dr, d.n) if d.dr else None,
                        "dq": copy_out(d.dq, d.n) if d.dq else None})
        return out
    finally:
        lib.il_refl_data_free(h)


# il_fit_stop, in the order of include/interlayer/fit.h
STOP_REASONS = {0: "converged", 1: "max-iterations", 2: "no-progress"}


def fit(model_path, data_paths, engine="lm", seed=1, max_iter=0, mcmc_steps=0):
    """Fits a YAML model file (free parameters as {value, min, max}) to data files, as
    `interlayer refl fit` does. Returns a dict: names, value, sigma (1σ), corr (matrix),
    chi2, chi2_red, iterations, converged, stop (why the engine stopped), evaluations (model
    evaluations), seconds (wall time), quadrature_error (relative, of the resolution smearing at
    the solution), curves (model R of each dataset at its Q)."""
    if isinstance(data_paths, (str, bytes)) or hasattr(data_paths, "__fspath__"):
        data_paths = [data_paths]
    mp = C.POINTER(ReflModel)()
    call(lib.il_refl_model_load, enc(str(model_path)), C.byref(mp))
    files, sets = [], []
    f = C.c_void_p()
    res = ReflFitResult()
    try:
        for path in data_paths:
            h = C.c_void_p()
            call(lib.il_refl_data_load, enc(str(path)), None, C.byref(h))
            files.append(h)
            sets += [lib.il_refl_data_get(h, j) for j in range(lib.il_refl_data_count(h))]
        arr = (C.POINTER(ReflDataset) * len(sets))(*sets)
        call(lib.il_refl_model_make_fit, mp, arr, len(sets), C.byref(f))
        o = ReflFitOpts()
        lib.il_refl_fit_opts_init(C.byref(o))
        o.engine = ENGINES[engine]
        o.seed = int(seed)
        if max_iter:
            o.max_iter = int(max_iter)
        if mcmc_steps:
            o.mcmc_steps = int(mcmc_steps)
        call(lib.il_refl_fit_run, f, C.byref(o), C.byref(res))
        n = res.npar
        out = {"names": [text(lib.il_refl_fit_param_name(f, k)) for k in range(n)],
               "value": copy_out(res.value, n), "sigma": copy_out(res.sigma, n),
               "corr": copy_out(res.corr, n * n).reshape(n, n), "chi2": res.chi2,
               "chi2_red": res.chi2_red, "iterations": res.iterations,
               "converged": bool(res.converged),
               "stop": STOP_REASONS.get(res.stop, "unknown"), "evaluations": res.evaluations,
               "seconds": res.seconds, "quadrature_error": res.quad_err, "curves": []}
        for k, ds in enumerate(sets):
            r = np.empty(ds.contents.n)
            call(lib.il_refl_fit_curve, f, k, None, ptr(r))
            out["curves"].append(r)
        return out
    finally:
        lib.il_refl_fit_result_free(C.byref(res))
        if f:
            lib.il_refl_fit_free(f)
        for h in files:
            lib.il_refl_data_free(h)
        lib.il_refl_model_free(mp)
