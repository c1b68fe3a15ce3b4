"""Neutron depth profiling: instrument, forward model, simulation and inversion.

Units: energies keV, depths nm, concentrations atoms/cm³, inventories atoms/cm², times s,
fluence rate n/cm²/s."""
import ctypes as C

import numpy as np

import math

from ._arrays import as_doubles, copy_out, enc, ptr, text
from ._errors import call
from ._lib import (NdpCycler, NdpInstrument, NdpInvertOptions, NdpProfile, NdpReduction,
                   NdpReductionPlan, NdpReferenceCalibration, NdpSim, OperandoFiles,
                   OperandoOptions, OperandoResult, lib)
from .stack import as_stack

_STRINGS = ("detector_material", "gas", "foil")
GEOMETRY = {"detector": 0, "solid_angle": 1}
METHODS = {"tikhonov": 0, "mlem": 1, "classic": 2}
# il_linv_lambda_rule (linv.h)
LAMBDA_RULES = {"fixed": 0, "discrepancy": 1, "lcurve": 2, "gcv": 3}


class Instrument:
    """An NDP station (il_ndp_instrument). Instrument() is the library's default (1e9 n/cm²/s,
    3600 s, 1024 channels of 3 keV, 20 keV FWHM, a 50 mm² detector at 50 mm on the normal,
    vacuum); keyword arguments override fields by their C names (fluence_rate_n_cm2_s,
    live_time_s, neutron_meV, distance_mm, area_mm2, angle_deg, channels, gain_keV,
    offset_keV, fwhm_keV, dead_layer_nm, gas, foil, foil_nm, slice_nm, ...).
    Instrument.load(path) reads an instrument YAML file."""

    def __init__(self, **fields):
        object.__setattr__(self, "_c", NdpInstrument())
        lib.il_ndp_instrument_default(C.byref(self._c))
        for k, v in fields.items():
            setattr(self, k, v)

    @classmethod
    def load(cls, path, **fields):
        self = cls()
        call(lib.il_ndp_instrument_load, enc(str(path)), C.byref(self._c))
        for k, v in fields.items():
            setattr(self, k, v)
        return self

    def __getattr__(self, k):
        c = object.__getattribute__(self, "_c")
        if k == "geometry":
            return {v: n for n, v in GEOMETRY.items()}[c.geometry]
        v = getattr(c, k)
        return text(v) if k in _STRINGS else v

    def __setattr__(self, k, v):
        if k not in dict(NdpInstrument._fields_):
            raise AttributeError(f"instrument has no field {k!r}")
        if k == "geometry":
            v = GEOMETRY[v] if isinstance(v, str) else v
        setattr(self._c, k, enc(v) if k in _STRINGS else v)

    def check(self):
        """Raises InvalidError naming the field when a value is out of range."""
        call(lib.il_ndp_instrument_check, C.byref(self._c))

    @property
    def solid_angle_sr(self):
        return lib.il_ndp_solid_angle_sr(C.byref(self._c))

    def as_dict(self):
        return {k: getattr(self, k) for k, _ in NdpInstrument._fields_}


class Model:
    """The forward model of a stack seen by an instrument: depth slices, particles followed,
    their depth resolution. Model(stack, instrument=None)."""

    def __init__(self, stack, instrument=None):
        self.stack = as_stack(stack)
        self.instrument = instrument or Instrument()
        h = C.c_void_p()
        call(lib.il_ndp_model_new, self.stack.handle, C.byref(self.instrument._c), C.byref(h))
        self._h = h

    def __del__(self):
        if getattr(self, "_h", None):
            lib.il_ndp_model_free(self._h)
            self._h = None

    @property
    def slice_edges_nm(self):
        """n_slices + 1 slice boundaries (nm below the surface)."""
        n = lib.il_ndp_model_n_slices(self._h)
        return copy_out(lib.il_ndp_model_slice_edges_nm(self._h), n + 1)

    @property
    def layer_names(self):
        return [text(lib.il_ndp_model_layer_name(self._h, i))
                for i in range(lib.il_ndp_model_n_layers(self._h))]

    @property
    def layer_tops_nm(self):
        """Top of each layer (nm), and the bottom of the model last."""
        return np.array([lib.il_ndp_model_layer_top_nm(self._h, i)
                         for i in range(lib.il_ndp_model_n_layers(self._h) + 1)])

    @property
    def particles(self):
        """The charged particles followed: dicts with key, reaction, Z, A, E0_keV and
        sigma_b (barn, at the instrument's neutron energy)."""
        out = []
        for p in range(lib.il_ndp_model_n_particles(self._h)):
            q = lib.il_ndp_model_particle(self._h, p).contents
            out.append({"key": text(q.key), "reaction": text(q.reaction), "Z": q.Z, "A": q.A,
                        "E0_keV": q.E0_keV, "sigma_b": q.sigma_b})
        return out

    def depth_resolution(self, particle, depth_nm):
        """(fwhm_nm, mean_exit_keV) of particle (index or key) at depths depth_nm (nm)."""
        keys = [p["key"] for p in self.particles]
        p = keys.index(particle) if isinstance(particle, str) else particle
        z = as_doubles(depth_nm)
        fwhm, mean = np.empty(z.size), np.empty(z.size)
        call(lib.il_ndp_depth_resolution, self._h, p, ptr(z), z.size, ptr(fwhm), ptr(mean))
        return fwhm, mean


class Simulation:
    """An expected NDP spectrum. energy_keV (channel centres), counts (expected, background
    included), background, by_particle {key: counts}, by_layer (n_layers x channels),
    layer_names, sampled (Poisson-sampled counts when a seed was given, else None)."""


def simulate(stack, instrument=None, seed=None, model=None):
    """The expected spectrum of `stack` on `instrument` (default Instrument()); with a seed,
    also a Poisson-sampled one (GSL mt19937, the same numbers as `ndp simulate --seed`)."""
    m = model or Model(stack, instrument)
    r = C.POINTER(NdpSim)()
    call(lib.il_ndp_simulate, m._h, 0, None, C.byref(r))
    try:
        s = r.contents
        nc = s.n_channels
        out = Simulation()
        out.energy_keV = copy_out(s.energy_keV, nc)
        out.counts = copy_out(s.counts, nc)
        out.background = copy_out(s.background, nc)
        bp = copy_out(s.by_particle, nc * s.n_particles).reshape(s.n_particles, nc)
        out.by_particle = {p["key"]: bp[k] for k, p in enumerate(m.particles)}
        out.by_layer = copy_out(s.by_layer, nc * s.n_layers).reshape(s.n_layers, nc)
        out.layer_names = m.layer_names
        out.sampled = None
        if seed:
            out.sampled = np.empty(nc)
            call(lib.il_ndp_poisson_sample, ptr(out.counts), nc, int(seed), ptr(out.sampled))
    finally:
        lib.il_ndp_sim_free(r)
    out.model = m
    return out


class Profile:
    """An inverted depth profile: depth_nm (bin centres), width_nm, conc_atoms_cm3 and
    conc_sigma_atoms_cm3 (counting statistics), bin_layer, per layer li_atoms_cm2 with
    li_atoms_cm2_sigma (counting), _reg (regularisation bias), _sys (systematic); fitted
    (the model spectrum of the result), lambda_, chi2, iterations, layer_names."""


def invert(counts, stack, instrument=None, method="tikhonov", lambda_rule="gcv", element=3,
           systematic=True, nonneg=True, self_consistent="auto", seed=None):
    """Inverts a spectrum (counts per channel, the instrument's channel count) into the depth
    profile of element Z = `element` (default Li) on the model's slices. Same defaults as
    `interlayer ndp invert`. self_consistent: passes that rebuild the stopping from the inverted
    Li ("auto": until the inventories stop changing; 0: none). Each inventory's uncertainty comes
    in parts (atoms/cm2): li_atoms_cm2_sigma (counting), _reg (regularisation), _spill (depth
    resolution across layer breaks), _stop, _dens, _geom, _cal, _sys (systematic), _nonsys and
    _total."""
    m = Model(stack, instrument)
    o = NdpInvertOptions()
    lib.il_ndp_invert_options_default(C.byref(o))
    o.method = METHODS[method]
    o.lambda_rule = LAMBDA_RULES[lambda_rule]
    o.Z = element
    o.systematic = int(systematic)
    o.nonneg = int(nonneg)
    o.self_consistent = -1 if self_consistent == "auto" else int(self_consistent)
    if seed is not None:
        o.seed = int(seed)
    y = as_doubles(counts)
    r = C.POINTER(NdpProfile)()
    call(lib.il_ndp_invert, m._h, m.stack.handle, ptr(y), C.byref(o), C.byref(r))
    try:
        p = r.contents
        out = Profile()
        nb, nl = p.n_bins, p.n_layers
        out.depth_nm = copy_out(p.depth_nm, nb)
        out.width_nm = copy_out(p.width_nm, nb)
        out.conc_atoms_cm3 = copy_out(p.conc, nb)
        out.conc_sigma_atoms_cm3 = copy_out(p.conc_sigma, nb)
        out.bin_layer = np.array([p.bin_layer[i] for i in range(nb)], dtype=np.int64)
        out.li_atoms_cm2 = copy_out(p.li_atoms_cm2, nl)
        out.li_atoms_cm2_sigma = copy_out(p.li_atoms_cm2_sigma, nl)
        out.li_atoms_cm2_reg = copy_out(p.li_atoms_cm2_reg, nl)
        out.li_atoms_cm2_sys = copy_out(p.li_atoms_cm2_sys, nl)
        for part in ("spill", "stop", "dens", "geom", "cal", "total", "nonsys"):
            v = getattr(p, "li_atoms_cm2_" + part)
            setattr(out, "li_atoms_cm2_" + part, copy_out(v, nl) if v else None)
        out.passes = p.passes
        out.fitted = copy_out(p.fitted, p.n_channels)
        out.lambda_ = p.lambda_
        out.chi2 = p.chi2
        out.iterations = p.iterations
        out.layer_names = m.layer_names
    finally:
        lib.il_ndp_profile_free(r)
    return out


def calibrate(counts, reference, instrument=None, name=None):
    """Calibrates an instrument on the measured spectrum of a reference sample of known
    composition (a Stack with Li), as `interlayer ndp calibrate` does: the energy scale from the
    alpha and triton edges and the fluence x solid angle factor. Returns a dict: offset_keV,
    gain_keV (per channel), alpha_edge_channel, alpha_edge_keV, triton_edge_channel,
    triton_edge_keV, factor, factor_sigma, fluence_rate_n_cm2_s (the instrument's fluence rate
    times factor), and instrument: a calibrated copy of the Instrument."""
    ins = instrument or Instrument()
    st = as_stack(reference)
    y = as_doubles(counts)
    c = NdpReferenceCalibration()
    call(lib.il_ndp_calibrate_reference, st.handle, C.byref(ins._c), ptr(y), y.size,
         enc(name) if name else None, C.byref(c))
    out = Instrument(**{k: getattr(ins, k) for k, _ in NdpInstrument._fields_})
    out.offset_keV, out.gain_keV, out.quadratic_keV = c.offset_keV, c.gain_keV, 0.0
    out.fluence_rate_n_cm2_s = c.fluence_rate_n_cm2_s
    return {"offset_keV": c.offset_keV, "gain_keV": c.gain_keV,
            "alpha_edge_channel": c.edge_channel[0], "alpha_edge_keV": c.edge_keV[0],
            "triton_edge_channel": c.edge_channel[1], "triton_edge_keV": c.edge_keV[1],
            "factor": c.factor, "factor_sigma": c.factor_sigma,
            "fluence_rate_n_cm2_s": c.fluence_rate_n_cm2_s, "instrument": out}


_RUNS = ("sample", "background", "reference")
_TIME_SOURCE = {0: "file", 1: "given"}


class Reduction:
    """A reduced NDP measurement (ndp_reduce.h), the steps' numbers with it.

    counts, sigma: the net sample spectrum (dead-time corrected, background subtracted, at the
    sample's monitor count; may be negative) and its 1σ per channel; energy_keV: the sample
    spectrum's calibration at each channel; time_s: the time it stands for (the sample's real
    time); fluence_omega_n_cm2 ± fluence_omega_sigma_n_cm2: fluence × solid angle / 4π of the
    sample run (n/cm²; counts of one product = atoms/cm² × cross section × this; pass it to
    invert as the calibration); fluence_omega_per_monitor_n_cm2 (± …sigma…); runs: per run
    ("sample", "background", "reference") a dict with live_time_s, real_time_s,
    live_source/real_source ("file" or "given"), dead_time_fraction, monitor_counts,
    monitor_sigma, total_counts; steps: every other number of the reduction by its C name
    (monitor ratios, background counts subtracted, reference counts gross/net ± sigma, cross
    sections ± sigma in barn, li_counts ± sigma, li6_atoms_cm2 ± sigma: NaN without a 6Li
    window); paths: the spectra read; calibration_keV (offset, gain, quadratic of the
    sample's spectrum). instrument() and invert(stack) carry it on to a depth profile."""

    def instrument(self, base=None):
        """The instrument the reduced spectrum stands for (what `ndp invert` makes of the
        reduced CSV): `base` (default Instrument()) with the sample's calibration, its channel
        count, live time = time_s, and the fluence rate that gives this reduction's fluence ×
        solid angle / 4π at the base's solid angle: F / (time_s × Ω/4π)."""
        ins = Instrument(**(base.as_dict() if base else {}))
        if self.calibration_keV[1] > 0:
            ins.offset_keV, ins.gain_keV, ins.quadratic_keV = self.calibration_keV
        ins.channels = self.counts.size
        ins.live_time_s = self.time_s
        frac = lib.il_ndp_solid_angle_fraction(C.byref(ins._c))
        ins.fluence_rate_n_cm2_s = self.fluence_omega_n_cm2 / (self.time_s * frac)
        return ins

    def invert(self, stack, instrument=None, **options):
        """Inverts the reduced spectrum on `stack` (ndp.invert with self.instrument(instrument);
        other keywords as ndp.invert). Net channels below zero are taken as 0, as in the CSV
        the program writes for `ndp invert` (the spectrum readers take no negative counts)."""
        return invert(np.maximum(self.counts, 0.0), stack, self.instrument(instrument),
                      **options)

    def __repr__(self):
        return (f"Reduction(F = {self.fluence_omega_n_cm2:.4g} ± "
                f"{self.fluence_omega_sigma_n_cm2:.2g} n/cm², {self.counts.size} channels)")


def reduce(reduction_file):
    """Reduces the runs a reduction file names (YAML: sample, optional background, reference
    standard; see include/interlayer/ndp_reduce_io.h and examples/ndp/reduce/), as
    `interlayer ndp reduce FILE` does. Errors name file:line:column, or the run and the key
    that sets a missing live or real time. Returns a Reduction."""
    plan = C.POINTER(NdpReductionPlan)()
    call(lib.il_ndp_reduction_plan_load, enc(str(reduction_file)), C.byref(plan))
    red = C.POINTER(NdpReduction)()
    try:
        p = plan.contents
        bg = C.byref(p.run[1]) if p.have_background else None
        call(lib.il_ndp_reduce, C.byref(p.run[0]), bg, C.byref(p.run[2]), C.byref(p.options),
             C.byref(red))
        r = red.contents
        out = Reduction()
        n = r.n_channels
        out.counts, out.sigma = copy_out(r.counts, n), copy_out(r.sigma, n)
        cal = (C.c_double * 3)()
        lib.il_spectrum_calibration(p.spectrum[0], cal)
        ch = np.arange(n, dtype=float)
        out.energy_keV = cal[0] + cal[1] * ch + cal[2] * ch * ch
        out.calibration_keV = (cal[0], cal[1], cal[2])
        out.time_s = r.time_s
        out.have_background = bool(r.have_background)
        out.runs = {}
        for k, name in enumerate(_RUNS):
            if k == 1 and not r.have_background:
                continue
            u = r.run[k]
            out.runs[name] = dict(live_time_s=u.live_time_s, real_time_s=u.real_time_s,
                                  live_source=_TIME_SOURCE.get(u.live_source, "?"),
                                  real_source=_TIME_SOURCE.get(u.real_source, "?"),
                                  dead_time_fraction=u.dead_time_fraction,
                                  monitor_counts=u.monitor_counts,
                                  monitor_sigma=u.monitor_sigma, total_counts=u.total_counts)
        skip = {"n_channels", "counts", "sigma", "run", "have_background", "time_s"}
        out.steps = {f: getattr(r, f) for f, _ in NdpReduction._fields_ if f not in skip}
        for f in ("fluence_omega_n_cm2", "fluence_omega_sigma_n_cm2",
                  "fluence_omega_per_monitor_n_cm2", "fluence_omega_per_monitor_sigma_n_cm2",
                  "li6_atoms_cm2", "li6_atoms_cm2_sigma"):
            setattr(out, f, out.steps[f])
        out.paths = {name: text(p.path[k].value) for k, name in enumerate(_RUNS) if p.spectrum[k]}
        return out
    finally:
        lib.il_ndp_reduction_free(red)
        lib.il_ndp_reduction_plan_free(plan)


class OperandoRun:
    """An operando series analysed (operando.h, ndp_series.h). Per spectrum (n, time order):
    files, time_s (middle of each acquisition, on the cycler's clock), voltage_V (NaN without
    a cycler). Per spectrum and layer (n × n_layers arrays, atoms/cm²): inventory,
    inventory_sigma (non-systematic: counting, regularisation, spill), moved (Li gained
    since the reference), moved_sigma, moved_sys (its systematic part). reference_inventory
    (n_layers). layer_names. faraday: dict of arrays charge_C, li_expected_atoms_cm2,
    li_expected_uAh_cm2, li_measured_atoms_cm2 (Li that left the cathode),
    li_measured_sigma_atoms_cm2, ratio. Per layer interface k (n_interfaces): interfaces
    (names "upper / lower"), interface_nm (depth), window_nm (half width used), recovered
    (share of a thin layer's Li the window keeps), excess and excess_sigma (n_interfaces × n:
    Li above the neighbours' mean change within ±window, atoms/cm²), first (index of the first
    spectrum of a growth, or None), growth_depth_nm. cathode_layer (index), lambda_."""

    def __repr__(self):
        return f"OperandoRun({len(self.files)} spectra, {len(self.layer_names)} layers)"


def _adapt(ins, sp_handle):
    """The instrument as the series' first (or reference) spectrum says: calibration, channel
    count, live time (what `ndp operando` does; a spectrum without live time keeps the
    instrument's)."""
    cal = (C.c_double * 3)()
    if lib.il_spectrum_calibration(sp_handle, cal) and cal[1] > 0:
        ins.offset_keV, ins.gain_keV, ins.quadratic_keV = cal[0], cal[1], cal[2]
    ins.channels = lib.il_spectrum_n_channels(sp_handle)
    lt = lib.il_spectrum_live_time_s(sp_handle)
    if math.isfinite(lt) and lt > 0:
        ins.live_time_s = lt


def operando(series, stack, instrument=None, index=None, reference=None, cycler=None,
             area_cm2=1.0, cathode_layer=None, method="tikhonov", self_consistent=None,
             nsigma=None, min_fraction=None, window_nm=None):
    """Analyses an operando NDP series as `interlayer ndp operando` does: every spectrum
    inverted on the pristine `stack`, inventories per layer against time, the Li moved, the
    Faraday balance against the cycler's charge and growing interlayers at each interface.

    series: the folder of spectra (any format the readers take); index: a CSV
    `file,time_s[,live_time_s]` (the times then come from it); reference: the pristine
    spectrum (default: the first); cycler: a Battery Data Format record (`Test Time / s`,
    `Voltage / V`, `Current / A`); area_cm2: cell area (cm²) for the Faraday balance;
    cathode_layer: 0-based layer index (default: found from the stack); method "tikhonov" |
    "mlem"; self_consistent: passes with each spectrum's own Li in the stopping (0..10);
    nsigma, min_fraction, window_nm: the growth detection (defaults 3, 0, depth resolution).
    The instrument (default Instrument()) takes calibration, channel count and live time from
    the reference, else the earliest spectrum. Returns an OperandoRun."""
    ins = Instrument(**(instrument.as_dict() if instrument else {}))
    files = C.POINTER(OperandoFiles)()
    call(lib.il_operando_files_load, enc(str(series)), enc(str(index)) if index else None,
         enc(str(reference)) if reference else None, C.byref(files))
    cyc = C.POINTER(NdpCycler)()
    res = C.POINTER(OperandoResult)()
    try:
        f = files.contents
        ref = C.byref(f.reference) if f.reference_spectrum else None
        call(lib.il_operando_align, f.frames, f.n, ref, f.clock)
        _adapt(ins, f.reference_spectrum if f.reference_spectrum
               else f.spectra[f.frames[0].source])
        call(lib.il_operando_check_channels, f.frames, f.n, ins.channels)
        m = Model(stack, ins)
        if cycler:
            call(lib.il_ndp_cycler_load, enc(str(cycler)), C.byref(cyc))
        o = OperandoOptions()
        lib.il_operando_options_default(C.byref(o))
        if not area_cm2 > 0:
            raise ValueError(f"area_cm2 {area_cm2}: expected a number > 0 (cm²)")
        o.area_cm2 = float(area_cm2)
        if cathode_layer is not None:
            if not 0 <= cathode_layer < len(m.stack):
                raise ValueError(f"cathode_layer {cathode_layer}: expected 0..{len(m.stack) - 1}")
            o.cathode_layer = int(cathode_layer)
        s = o.series
        s.invert.method = METHODS[method]
        if self_consistent is not None:
            s.self_consistent = int(self_consistent)
        if nsigma is not None:
            s.nsigma = float(nsigma)
        if min_fraction is not None:
            s.min_fraction = float(min_fraction)
        if window_nm is not None:
            s.window_nm = float(window_nm)
        call(lib.il_operando_run, m._h, m.stack.handle, f.frames, f.n, ref,
             cyc if cyc else None, C.byref(o), C.byref(res))
        return _operando_out(res.contents, m)
    finally:
        lib.il_operando_result_free(res)
        lib.il_ndp_cycler_free(cyc)
        lib.il_operando_files_free(files)


def _operando_out(r, m):
    s = r.series.contents
    n, nl, ni = s.n, s.n_layers, s.n_interfaces
    out = OperandoRun()
    out.files = [text(r.frames[i].file) for i in range(n)]
    out.layer_names = m.layer_names
    out.time_s = copy_out(s.mid_time_s, n)
    out.voltage_V = copy_out(s.voltage_V, n)
    grid = lambda p: copy_out(p, n * nl).reshape(n, nl)  # noqa: E731
    out.inventory, out.inventory_sigma = grid(s.inventory), grid(s.inventory_sigma)
    out.moved, out.moved_sigma, out.moved_sys = grid(s.moved), grid(s.moved_sigma), \
        grid(s.moved_sys)
    out.reference_inventory = copy_out(s.reference.contents.li_atoms_cm2, nl)
    out.lambda_ = s.reference.contents.lambda_
    fa = [s.faraday[i] for i in range(n)]
    out.faraday = {k: np.array([getattr(q, k) for q in fa]) for k, _ in fa[0]._fields_} \
        if n else {}
    names = out.layer_names
    out.interfaces = [f"{names[k]} / {names[k + 1]}" for k in range(ni)]
    out.interface_nm = copy_out(s.interface_nm, ni)
    out.window_nm = copy_out(s.window_nm, ni)
    out.recovered = copy_out(s.recovered, ni)
    out.excess = copy_out(s.excess, ni * n).reshape(ni, n)
    out.excess_sigma = copy_out(s.excess_sigma, ni * n).reshape(ni, n)
    out.first = [None if s.first[k] >= n else int(s.first[k]) for k in range(ni)]
    out.growth_depth_nm = copy_out(s.growth_depth_nm, ni)
    out.cathode_layer = r.cathode_layer
    return out
