"""Ion-beam analysis: RBS/EBS, ERDA and NRA spectra of a stack, kinematics, fits and IDF files
(include/interlayer/iba*.h), as `interlayer iba kinematics|simulate|fit` compute them.

Units: energies keV, angles degrees (theta the scattering angle, alpha the incidence and
beta the exit angle, both from the sample normal), masses u, fluence in incident particles,
solid angle msr, widths FWHM keV, areal densities 1e15 atoms/cm² (tfu). A spectrum's channel
k collects E(k − ½)..E(k + ½), E(x) = cal_offset_keV + cal_gain_keV x + cal_quad_keV x².

Setup keywords (every function below takes them; the library's defaults otherwise):
    technique "rbs" | "erda" | "nra"; beam "4He" (or (Z, A)); energy_keV 2000; spread_keV 0;
    geometry "ibm" | "cornell" | "general"; theta_deg 165 (ERDA 30); alpha_deg 0 (ERDA 75);
    beta_deg (general only); fluence 1e12; solid_angle_msr 1; resolution_keV 15;
    channels 1024; cal_offset_keV 0; cal_gain_keV 2; cal_quad_keV 0;
    screening "andersen" | "lecuyer" | "none"; straggling "yang" | "chu" | "bohr" | "none";
    accurate False; detect None (ERDA/NRA: only this element, e.g. "H");
    r33 () (paths of R33 cross-section files: EBS or NRA); foil and foil_nm (a range foil of
    that material and thickness in front of the detector, e.g. "Mylar", 10000).
Detector keywords (all off unless given): live_time_s and real_time_s (both: counts ×
    live/real); pileup_time_us (pulse-pair resolving time, needs the times); resolution_of
    {"1H": 20.0, "Li": 25.0} (FWHM keV per detected particle; a bare symbol: every isotope);
    window_tfu (Si dead layer of the detector); phd True (Si pulse-height defect);
    beam_spot_mm, aperture_mm with distance_mm (kinematic broadening).

    import interlayer as il
    sp = il.iba.simulate("Au 50nm | Si", energy_keV=2000, theta_deg=165)
    sp.energy_keV, sp.total, sp.elements["Au"]
"""
import ctypes as C
import math
import re
from dataclasses import dataclass, field

import numpy as np

from ._arrays import copy_out, enc, ptr, text
from ._errors import call
from ._lib import (IbaFitOptions, IbaFitParam, IbaFitResult, IbaFitSpectrum, IbaFoil, IbaIdf,
                   IbaKinematicsRow, IbaOptions, IbaParticleResolution, Isotope, StoppingTarget,
                   lib)
from .materials import Material
from .stack import Stack, as_stack

_TECHNIQUES = {"rbs": 0, "erda": 1, "nra": 2}
_GEOMETRIES = {"ibm": 0, "cornell": 1, "general": 2}
_SCREENING = {"andersen": 0, "lecuyer": 1, "none": 2}
_STRAGGLING = {"yang": 0, "chu": 1, "bohr": 2, "none": 3}
_ENGINES = {"lm": 0, "de": 1, "mcmc": 2}

_KEYS = ("technique", "beam", "energy_keV", "spread_keV", "geometry", "theta_deg", "alpha_deg",
         "beta_deg", "fluence", "solid_angle_msr", "resolution_keV", "channels",
         "cal_offset_keV", "cal_gain_keV", "cal_quad_keV", "screening", "straggling",
         "accurate", "detect", "r33", "live_time_s", "real_time_s", "foil", "foil_nm",
         "pileup_time_us", "window_tfu", "phd", "beam_spot_mm", "aperture_mm", "distance_mm",
         "resolution_of")


def symbol(Z):
    """The element symbol of atomic number Z."""
    e = lib.il_element_by_z(int(Z))
    if not e:
        raise ValueError(f"no element Z = {Z}")
    return text(e.contents.symbol)


def _element_Z(sym, what="element"):
    e = lib.il_element_by_symbol(enc(sym))
    if not e:
        raise ValueError(f"{what} {sym!r}: expected an element symbol (H, He, Li, ...)")
    return e.contents.Z


def parse_beam(beam):
    """(Z, A) of a beam: "4He", "1H", "7Li", "He" (its most abundant isotope) or (Z, A)."""
    if isinstance(beam, tuple):
        return int(beam[0]), int(beam[1])
    m = re.fullmatch(r"(\d*)([A-Z][a-z]?)", str(beam).strip())
    if not m:
        raise ValueError(f"beam {beam!r}: expected an ion such as 4He, 1H or 7Li")
    Z = _element_Z(m.group(2), f"beam {beam!r}:")
    if m.group(1):
        A = int(m.group(1))
        mass = C.c_double()
        call(lib.il_nuclide_mass_u, Z, A, C.byref(mass))
        return Z, A
    iso = (Isotope * 16)()
    n = lib.il_element_isotopes(Z, iso, 16)
    if n == 0:
        raise ValueError(f"beam {beam!r}: give the mass number")
    return Z, max(iso[:n], key=lambda t: t.abundance).A


def _choice(table, value, what):
    if value not in table:
        raise ValueError(f"{what} {value!r}: expected one of {', '.join(table)}")
    return table[value]


class _Setup:
    """An il_iba_options with what it points to (R33 tables) kept alive."""

    def __init__(self, kw):
        unknown = set(kw) - set(_KEYS)
        if unknown:
            raise TypeError(f"unknown IBA setting(s) {', '.join(sorted(unknown))}; "
                            f"expected {', '.join(_KEYS)}")
        o = IbaOptions()
        lib.il_iba_options_default(C.byref(o))
        tech = kw.get("technique", "rbs")
        o.technique = _choice(_TECHNIQUES, tech, "technique")
        if "beam" in kw:
            o.beam_Z, o.beam_A = parse_beam(kw["beam"])
        elif tech == "nra":
            o.beam_Z, o.beam_A = 1, 1
        if tech == "erda":
            o.theta_deg, o.alpha_deg = 30.0, 75.0
        o.geometry = _choice(_GEOMETRIES, kw.get("geometry", "ibm"), "geometry")
        o.screening = _choice(_SCREENING, kw.get("screening", "andersen"), "screening")
        o.straggling = _choice(_STRAGGLING, kw.get("straggling", "yang"), "straggling")
        o.accurate = int(bool(kw.get("accurate", False)))
        names = {"spread_keV": "energy_spread_keV"}
        for k in ("energy_keV", "spread_keV", "theta_deg", "alpha_deg", "beta_deg", "fluence",
                  "solid_angle_msr", "resolution_keV", "cal_offset_keV", "cal_gain_keV",
                  "cal_quad_keV", "live_time_s", "real_time_s"):
            if kw.get(k) is not None:
                setattr(o, names.get(k, k), float(kw[k]))
        if kw.get("channels") is not None:
            if int(kw["channels"]) < 1:
                raise ValueError(f"channels {kw['channels']}: expected at least 1")
            o.channels = int(kw["channels"])
        if kw.get("detect"):
            o.detect_Z = _element_Z(kw["detect"], "detect")
        self._r33 = []
        tables = []
        for path in kw.get("r33", ()) or ():
            h = C.c_void_p()
            call(lib.il_r33_load, enc(str(path)), C.byref(h))
            self._r33.append(h)
            tables += [lib.il_r33_table(h, k) for k in range(lib.il_r33_count(h))]
        self._tables = (C.c_void_p * max(1, len(tables)))(*tables)
        if tables:
            o.sigma, o.n_sigma = self._tables, len(tables)
        self._foil(o, kw)
        self._detector(o, kw)
        self.o = o

    def _foil(self, o, kw):
        if kw.get("foil") is None:
            if kw.get("foil_nm") is not None:
                raise ValueError("foil_nm without foil: name the foil's material")
            return
        if not kw.get("foil_nm", 0) > 0:
            raise ValueError(f"foil {kw['foil']!r}: give its thickness foil_nm > 0 (nm)")
        self._mat = Material(kw["foil"])  # the arrays the foil points to live in it
        t = StoppingTarget()
        lib.il_composition_stopping_target(C.byref(self._mat._comp), 0.0, C.byref(t))
        o.foil = IbaFoil(t.Z, t.atoms, t.n,
                         lib.il_nm_to_tfu(float(kw["foil_nm"]), self._mat.atoms_cm3))

    def _detector(self, o, kw):
        for k, c in (("pileup_time_us", "pileup_time_us"), ("window_tfu", "detector_window_tfu"),
                     ("beam_spot_mm", "beam_spot_mm"), ("aperture_mm", "aperture_mm"),
                     ("distance_mm", "detector_distance_mm")):
            if kw.get(k) is not None:
                if not kw[k] >= 0:
                    raise ValueError(f"{k} {kw[k]}: expected a number >= 0")
                setattr(o, c, float(kw[k]))
        o.pulse_height_defect = int(bool(kw.get("phd", False)))
        # the same checks as the program's detector options (cmd_iba_detector.c)
        if o.pileup_time_us > 0 and not o.real_time_s > 0:
            raise ValueError(f"pileup_time_us {o.pileup_time_us}: needs real_time_s and "
                             "live_time_s (the count rate)")
        if (o.beam_spot_mm > 0 or o.aperture_mm > 0) and not o.detector_distance_mm > 0:
            raise ValueError("beam_spot_mm/aperture_mm need distance_mm (mm from the sample "
                             "to the detector aperture)")
        res = kw.get("resolution_of") or {}
        self._res = (IbaParticleResolution * max(1, len(res)))()
        for k, (particle, fwhm) in enumerate(res.items()):
            m = re.fullmatch(r"(\d*)([A-Z][a-z]?)", str(particle).strip())
            if not m:
                raise ValueError(f"resolution_of {particle!r}: expected a particle such as "
                                 "1H, 4He or Li")
            if not fwhm > 0:
                raise ValueError(f"resolution_of {particle}: FWHM {fwhm} must be > 0 (keV)")
            self._res[k] = IbaParticleResolution(
                _element_Z(m.group(2), "resolution_of"), int(m.group(1) or 0), float(fwhm))
        if res:
            o.particle_resolution, o.n_particle_resolution = self._res, len(res)

    def __del__(self):
        for h in getattr(self, "_r33", []):
            lib.il_r33_free(h)
        self._r33 = []


def exit_angle_deg(**setup):
    """The exit angle beta (deg from the normal) the setup gives; InvalidError when the
    geometry cannot be realised."""
    s = _Setup(setup)
    b = C.c_double()
    call(lib.il_iba_exit_angle, C.byref(s.o), C.byref(b))
    return b.value


def kfactor(M1_u, M2_u, theta_deg):
    """Elastic kinematic factors K = E1/E0 of M1 scattered by M2 through theta (lab):
    a tuple of 0, 1 or 2 values (two when M1 > M2 below the largest angle)."""
    K = (C.c_double * 2)()
    n = lib.il_iba_kfactor(float(M1_u), float(M2_u), float(theta_deg), K)
    return tuple(K[:n])


def recoil_factor(M1_u, M2_u, phi_deg):
    """E2/E0 of target M2 knocked forward at phi by M1: 4 M1 M2 cos²φ / (M1 + M2)²."""
    return lib.il_iba_recoil_factor(float(M1_u), float(M2_u), float(phi_deg))


@dataclass
class KinematicsRow:
    """One layer and element: factor (K, recoil factor or reaction ratio; 0 unseen),
    surface_keV (factor × E0), beam_top_keV (mean beam energy at the layer's top), top_keV and
    bottom_keV (detected from the layer's top and bottom; NaN where nothing leaves),
    depth_scale_keV_nm (keV detected per nm of depth)."""
    layer: str
    layer_index: int
    Z: int
    element: str
    mass_u: float
    factor: float
    surface_keV: float
    beam_top_keV: float
    top_keV: float
    bottom_keV: float
    depth_scale_keV_nm: float


def kinematics(stack, **setup):
    """The kinematics table (as `interlayer iba kinematics`): a list of KinematicsRow."""
    st = as_stack(stack)
    s = _Setup(setup)
    n = C.c_size_t()
    call(lib.il_iba_kinematics, st.handle, C.byref(s.o), None, 0, C.byref(n))
    rows = (IbaKinematicsRow * max(1, n.value))()
    call(lib.il_iba_kinematics, st.handle, C.byref(s.o), rows, n.value, C.byref(n))
    names = [l.name for l in st.layers]
    return [KinematicsRow(names[r.layer], r.layer, r.Z, symbol(r.Z), r.mass_u, r.factor,
                          r.surface_keV, r.beam_top_keV, r.top_keV, r.bottom_keV,
                          r.depth_scale_keV_nm) for r in rows[:n.value]]


@dataclass
class Part:
    """One contribution: target isotope (Z, A) in layer `layer` (index), detected particle
    (pZ, pA), counts per channel."""
    layer: int
    Z: int
    A: int
    pZ: int
    pA: int
    counts: np.ndarray


@dataclass
class IbaSpectrum:
    """A simulated spectrum: energy_keV (channel centres), total (expected counts per
    channel), elements {symbol: counts} (every isotope and layer of the element), parts (per
    layer and isotope), pileup (or None), sampled (Poisson counts when a seed was given)."""
    energy_keV: np.ndarray
    total: np.ndarray
    elements: dict
    parts: list = field(default_factory=list)
    pileup: np.ndarray = None
    sampled: np.ndarray = None


def _spectrum(h, seed=None):
    nch = lib.il_iba_spectrum_channels(h)
    E = np.array([lib.il_iba_spectrum_energy_keV(h, float(k)) for k in range(nch)])
    total = copy_out(lib.il_iba_spectrum_total(h), nch)
    Z = (C.c_int * 128)()
    ne = lib.il_iba_spectrum_elements(h, Z, 128)
    elements = {}
    for z in Z[:ne]:
        buf = np.zeros(nch)
        lib.il_iba_spectrum_element(h, z, ptr(buf))
        elements[symbol(z)] = buf
    parts = []
    for k in range(lib.il_iba_spectrum_n_parts(h)):
        p = lib.il_iba_spectrum_part(h, k).contents
        parts.append(Part(p.layer, p.Z, p.A, p.pZ, p.pA, copy_out(p.counts, nch)))
    pile = lib.il_iba_spectrum_pileup(h)
    sampled = None
    if seed is not None:
        sampled = np.zeros(nch)
        call(lib.il_iba_spectrum_sample, h, int(seed), ptr(sampled))
    return IbaSpectrum(E, total, elements, parts, copy_out(pile, nch) if pile else None,
                       sampled)


def simulate(stack, seed=None, **setup):
    """The expected spectrum of `stack` (a Stack or anything Stack() takes) for the setup
    keywords (module docstring). seed: also draw Poisson counts (`sampled`; the same seed
    gives the same counts as `interlayer iba simulate --seed`). Returns an IbaSpectrum."""
    st = as_stack(stack)
    s = _Setup(setup)
    h = C.c_void_p()
    call(lib.il_iba_simulate, st.handle, C.byref(s.o), C.byref(h))
    try:
        return _spectrum(h, seed)
    finally:
        lib.il_iba_spectrum_free(h)


def _setup_dict(o):
    """Setup keywords of an il_iba_options (what an IDF file gives)."""
    inv = lambda table, v: next(k for k, x in table.items() if x == v)  # noqa: E731
    d = dict(technique=inv(_TECHNIQUES, o.technique), beam=f"{o.beam_A}{symbol(o.beam_Z)}",
             energy_keV=o.energy_keV, spread_keV=o.energy_spread_keV,
             geometry=inv(_GEOMETRIES, o.geometry), theta_deg=o.theta_deg,
             alpha_deg=o.alpha_deg, beta_deg=o.beta_deg, fluence=o.fluence,
             solid_angle_msr=o.solid_angle_msr, resolution_keV=o.resolution_keV,
             channels=o.channels, cal_offset_keV=o.cal_offset_keV,
             cal_gain_keV=o.cal_gain_keV, cal_quad_keV=o.cal_quad_keV,
             screening=inv(_SCREENING, o.screening), straggling=inv(_STRAGGLING, o.straggling))
    if o.real_time_s > 0 and o.live_time_s > 0:
        d.update(live_time_s=o.live_time_s, real_time_s=o.real_time_s)
    return d


@dataclass
class IdfSpectrum:
    """One <spectrum> of an IDF file: setup (keywords for simulate/fit), data (measured counts
    or None), simulated (the file's own simulated total, e.g. SIMNRA's, or None)."""
    setup: dict
    data: np.ndarray
    simulated: np.ndarray


@dataclass
class IdfFile:
    """An IDF / SIMNRA .xnra file: the sample as a Stack (IDF has no densities: thicknesses in
    nm are nominal, 1e15 atoms/cm² and fractions are the file's) and its spectra."""
    stack: Stack
    spectra: list


def load_idf(path):
    """Reads an IDF or .xnra file (errors name file:line). Returns an IdfFile;
    simulate(f.stack, **f.spectra[0].setup) recomputes its first spectrum."""
    p = C.POINTER(IbaIdf)()
    call(lib.il_iba_idf_load, enc(str(path)), C.byref(p))
    try:
        d = p.contents
        stack = Stack._adopt(C.c_void_p(d.stack))
        d.stack = None  # the Stack owns it now
        spectra = []
        q = p
        while q:
            c = q.contents
            spectra.append(IdfSpectrum(_setup_dict(c.options),
                                       copy_out(c.data, c.n_data) if c.data else None,
                                       copy_out(c.simulated, c.n_simulated)
                                       if c.simulated else None))
            q = c.next
        return IdfFile(stack, spectra)
    finally:
        lib.il_iba_idf_free(p)


@dataclass
class FitResult:
    """An IBA fit: names (the free parameters' targets), start, value, sigma (1σ), corr
    (correlation matrix), chi2, chi2_spectra (per spectrum), dof, iterations, evaluations,
    converged, stack (the Stack at the fitted values), setups (each spectrum's setup at the
    fit), model (an IbaSpectrum per spectrum, channels as the data's), chi2_expected and
    chi2_expected_sd (the chi2 Poisson counts of the fitted model would give, and its standard
    deviation: compare chi2 with these, not with dof, for sparse spectra; per spectrum in
    chi2_expected_spectra)."""
    names: list
    start: np.ndarray
    value: np.ndarray
    sigma: np.ndarray
    corr: np.ndarray
    chi2: float
    chi2_spectra: np.ndarray
    dof: int
    iterations: int
    evaluations: int
    converged: bool
    stack: Stack
    setups: list
    model: list
    chi2_expected: float
    chi2_expected_sd: float
    chi2_expected_spectra: np.ndarray

    def __getitem__(self, name):
        """(value, sigma) of the parameter named `name`."""
        k = self.names.index(name)
        return self.value[k], self.sigma[k]


def fit(stack, spectra, params, engine="lm", reweight=True, seed=1, max_iter=0,
        generations=0, steps=0, walkers=0):
    """Fits measured spectra of one stack at once (as `interlayer iba fit`).

    spectra: a list of dicts {"counts": array, "setup": {setup keywords}, optional "name",
    "first", "last" (channels fitted, inclusive; last 0: to the end)}.
    params: a list of targets ("LAYER.thickness_nm", "LAYER.frac:Li", "LAYER.density_g_cm3",
    "LAYER.roughness_nm", "iba1:scale", "iba1:cal_gain_keV", ...) or dicts {"target", "start",
    "lower", "upper", "ties": [more targets]} (NaN / missing: the library's defaults).
    engine "lm" | "de" | "mcmc"; reweight (default, as the program): a second LM pass with
    model weights (Pearson χ²; False: counts as weights only).
    Returns a FitResult."""
    st = as_stack(stack)
    if not spectra:
        raise ValueError("no spectrum to fit")
    setups, keep = [], []
    cs = (IbaFitSpectrum * len(spectra))()
    for k, sp in enumerate(spectra):
        s = _Setup(dict(sp.get("setup", {})))
        counts = np.ascontiguousarray(np.asarray(sp["counts"], dtype=np.float64))
        name = enc(sp["name"]) if sp.get("name") else None
        setups.append(s)
        keep += [counts, name]
        cs[k] = IbaFitSpectrum(name, C.pointer(s.o), ptr(counts), counts.size,
                               int(sp.get("first", 0)), int(sp.get("last", 0)))
    cp = (IbaFitParam * max(1, len(params)))()
    for k, p in enumerate(params):
        p = {"target": p} if isinstance(p, str) else dict(p)
        ties = [enc(t) for t in p.get("ties", ())]
        if len(ties) > 8:
            raise ValueError(f"{p['target']}: at most 8 ties")
        keep.append(ties)
        nan = math.nan
        cp[k] = IbaFitParam(enc(p["target"]), float(p.get("start", nan)),
                            float(p.get("lower", nan)), float(p.get("upper", nan)),
                            (C.c_char_p * 8)(*ties))
    o = IbaFitOptions()
    lib.il_iba_fit_options_default(C.byref(o))
    o.engine = _choice(_ENGINES, engine, "engine")
    o.reweight, o.seed, o.max_iter = int(bool(reweight)), int(seed), int(max_iter)
    o.generations, o.steps, o.walkers = int(generations), int(steps), int(walkers)
    r = IbaFitResult()
    try:
        call(lib.il_iba_fit, st.handle, cs, len(spectra), cp, len(params), C.byref(o),
             C.byref(r))
        n = r.n_params
        f = r.fit
        names = [text(r.name[k].value) for k in range(n)]
        clone = C.c_void_p()
        call(lib.il_stack_clone, r.stack, C.byref(clone))
        model = []
        for k in range(r.n_spectra):
            model.append(_spectrum(r.model[k]))
        return FitResult(names, copy_out(r.start, n), copy_out(f.value, n),
                         copy_out(f.sigma, n), copy_out(f.corr, n * n).reshape(n, n),
                         f.chi2, copy_out(f.chi2_term, f.n_terms), f.dof, r.iterations,
                         r.evaluations, bool(r.converged), Stack._adopt(clone),
                         [_setup_dict(r.options[k]) for k in range(r.n_spectra)], model,
                         r.chi2_expected_total, r.chi2_expected_sd_total,
                         copy_out(r.chi2_expected, r.n_spectra))
    finally:
        lib.il_iba_fit_result_free(C.byref(r))
