"""A thin-film cell that evolves in time (include/interlayer/cell.h, docs/cell.md): run a
protocol on a cell as `interlayer cell simulate` does, and get the time series back.

Units: time s, voltage V, current A/cm² (> 0 charges the cell: Li leaves the cathode),
thickness nm, resistance Ω cm², Li amounts atoms/cm² in the ledger (the library keeps
mol/cm²; ×N_A as ledger.csv writes them), charge µAh/cm².

    import interlayer as il
    run = il.cell.simulate("examples/cell/si-li3po4-licoo2.yaml",
                           "Charge at 10 uA/cm2 until 4.2 V; Discharge at 10 uA/cm2 until 3 V")
    run.time_s, run.voltage_V, run.ledger["cathode"], run.ledger["total"]
"""
import ctypes as C
from dataclasses import dataclass

import numpy as np

from ._arrays import as_doubles, copy_out, enc, ptr, text
from ._errors import call
from ._lib import CellOptions, CellParams, CellTwin, CellTwinOptions, lib
from .stack import Stack

#: Avogadro constant (SI 2019, exact): the ledger's mol/cm² as atoms/cm²
AVOGADRO = 6.02214076e23

# ledger fields per interlayer (il_cell_ledger)
_PER_INTERLAYER = ("immobilised", "reacted", "initial")
_LEDGER = ("cathode", "anode_mobile", "anode_metal", "plated", "electrolyte")


@dataclass
class CellRun:
    """A run's time series (one value per sample): time_s, voltage_V, current_A_cm2, step
    (protocol index), cycle (1-based), cathode_x, anode_x (Li per formula unit; a Li metal
    anode: its thickness in nm), electrolyte_resistance_ohm_cm2, thickness_nm and
    resistance_ohm_cm2 {interlayer: array}, ledger {part: atoms/cm²} with the parts
    cathode, anode_mobile, anode_metal, plated, electrolyte, "<interlayer> immobilised",
    "<interlayer> reacted", "<interlayer> initial", total (= cathode + anode_mobile +
    anode_metal + electrolyte + the interlayers' parts; plated is anode_metal's change since
    the start, not a place of its own), plus relative_error (ledger
    closure), charge_C_cm2, li_moved_atoms_cm2, faraday_relative_error; cycles (a list of
    dicts: cycle, charge_uAh_cm2, discharge_uAh_cm2, coulombic_efficiency,
    immobilised_uAh_cm2); interlayers (names); state_time_s (saved states) and
    state_stack(k) (saved state k as a Stack with the Li profiles)."""
    time_s: np.ndarray
    voltage_V: np.ndarray
    current_A_cm2: np.ndarray
    step: np.ndarray
    cycle: np.ndarray
    cathode_x: np.ndarray
    anode_x: np.ndarray
    electrolyte_resistance_ohm_cm2: np.ndarray
    thickness_nm: dict
    resistance_ohm_cm2: dict
    ledger: dict
    cycles: list
    interlayers: list
    state_time_s: np.ndarray
    nominal_capacity_uAh_cm2: float
    _states: list

    def state_stack(self, k):
        """Saved state k as a Stack (electrode Li as profiles, interlayers at their
        thickness): the NDP and reflectometry models take it unchanged."""
        return self._states[k]


@dataclass
class TwinSeries:
    """What the NDP instrument of a twin records: start_s and live_s per spectrum (s, on the
    run's clock), counts (n_spectra × channels), reference (the pristine cell over
    reference_live_s), energy_keV (the instrument's calibration at each channel)."""
    start_s: np.ndarray
    live_s: np.ndarray
    counts: np.ndarray
    reference: np.ndarray
    reference_live_s: float
    energy_keV: np.ndarray


class Cell:
    """A cell: a parameter file (YAML, examples/cell/) read and checked against its stack.
    Errors name file:line:column and the key."""

    def __init__(self, path=None, text_yaml=None, name="<string>", base_dir=None):
        p = CellParams()
        h = C.c_void_p()
        if path is not None:
            call(lib.il_cell_params_load, enc(str(path)), C.byref(p), C.byref(h))
        elif text_yaml is not None:
            data = enc(text_yaml)
            call(lib.il_cell_params_parse, data, len(data), enc(name),
                 enc(str(base_dir)) if base_dir else None, C.byref(p), C.byref(h))
        else:
            raise ValueError("give a parameter file path or its YAML text")
        self._params = p
        self.stack = Stack._adopt(h)

    @property
    def name(self):
        return text(self._params.name)

    @property
    def interlayers(self):
        return [text(self._params.interlayers[k].layer)
                for k in range(self._params.n_interlayers)]

    @property
    def temperature_K(self):
        return self._params.temperature_K

    @property
    def area_cm2(self):
        return self._params.area_cm2

    def run(self, protocol=None, cycler=None, save_every_s=0.0, sample_every_s=60.0,
            n_volumes=20, _twin=None):
        """Runs a protocol from the cell's initial state and returns a CellRun.

        protocol: text as `--protocol` ("Charge at 10 uA/cm2 until 4.2 V; Rest for 1 hour;
        3 x (...)"), errors name the word and its column; or cycler=(time_s, current_A):
        replay of a measured record (A, > 0 charging, divided by the area).
        save_every_s: save the full state this often (0: first and last only);
        sample_every_s: spacing of the time series (plus every step's start and end)."""
        pr = C.c_void_p()
        if (protocol is None) == (cycler is None):
            raise ValueError("give either a protocol or a cycler record")
        if protocol is not None:
            call(lib.il_cell_protocol_parse, enc(protocol), enc("protocol"), C.byref(pr))
        else:
            t, i = as_doubles(cycler[0]), as_doubles(cycler[1])
            if t.size != i.size:
                raise ValueError("cycler time and current differ in length")
            call(lib.il_cell_protocol_from_current, ptr(t), ptr(i), t.size,
                 self._params.area_cm2, C.byref(pr))
        o = CellOptions()
        lib.il_cell_options_default(C.byref(o))
        o.save_every_s, o.sample_every_s, o.n_volumes = (float(save_every_s),
                                                        float(sample_every_s), int(n_volumes))
        c, r = C.c_void_p(), C.c_void_p()
        try:
            call(lib.il_cell_new, C.byref(self._params), self.stack.handle, C.byref(c))
            cap = lib.il_cell_nominal_capacity_uAh_cm2(c)
            call(lib.il_cell_run, c, pr, C.byref(o), C.byref(r))
            out = _collect(r, self.interlayers, cap)
            if _twin is not None:
                out.ndp = _twin(r)
            return out
        finally:
            lib.il_cell_result_free(r)
            lib.il_cell_free(c)
            lib.il_cell_protocol_free(pr)

    def twin(self, protocol=None, instrument=None, cycler=None, seed=1, poisson=True,
             sample_every_s=60.0, n_volumes=20):
        """The digital twin of an operando NDP experiment (cell_twin.h), as `interlayer cell
        twin --ndp`: the protocol is run with a state saved every live time of `instrument`
        (an ndp.Instrument; default Instrument()), and spectrum k is what the instrument
        counts from state k to k + 1 (the mean of the two states' expected spectra, Poisson
        sampled with seed + k unless poisson=False). Returns the CellRun with .ndp, a
        TwinSeries."""
        from .ndp import Instrument
        ins = instrument or Instrument()
        t = CellTwinOptions()
        lib.il_cell_twin_options_default(C.byref(t))
        t.seed, t.poisson = int(seed), int(bool(poisson))

        def _twin(r):
            p = C.POINTER(CellTwin)()
            call(lib.il_cell_twin_run, r, C.byref(ins._c), C.byref(t), C.byref(p))
            try:
                w = p.contents
                n, nc = w.n_spectra, w.n_channels
                ch = np.arange(nc, dtype=float)
                return TwinSeries(copy_out(w.start_s, n), copy_out(w.live_s, n),
                                  copy_out(w.counts, n * nc).reshape(n, nc),
                                  copy_out(w.reference, nc), w.reference_live_s,
                                  ins.offset_keV + ins.gain_keV * ch + ins.quadratic_keV * ch * ch)
            finally:
                lib.il_cell_twin_free(p)
        # the CLI passes the live time as text "%.10g" to the duration reader: the same value
        every = float(f"{ins.live_time_s:.10g}")
        return self.run(protocol=protocol, cycler=cycler, save_every_s=every,
                        sample_every_s=sample_every_s, n_volumes=n_volumes, _twin=_twin)


def _collect(r, names, cap):
    n = lib.il_cell_result_n_samples(r)
    S = [lib.il_cell_result_sample(r, k).contents for k in range(n)]
    col = lambda f: np.array([f(s) for s in S], dtype=float)  # noqa: E731
    ni = len(names)
    ledger = {k: col(lambda s, k=k: getattr(s.ledger, k) * AVOGADRO) for k in _LEDGER}
    for j, nm in enumerate(names):
        for part in _PER_INTERLAYER:
            ledger[f"{nm} {part}"] = col(
                lambda s, j=j, part=part: getattr(s.ledger, "interlayer_" + part)[j] * AVOGADRO)
    ledger["total"] = col(lambda s: s.ledger.total * AVOGADRO)
    ledger["relative_error"] = col(lambda s: s.ledger.relative_error)
    ledger["charge_C_cm2"] = col(lambda s: s.ledger.charge_C_cm2)
    ledger["li_moved_atoms_cm2"] = col(lambda s: s.ledger.li_moved_mol_cm2 * AVOGADRO)
    ledger["faraday_relative_error"] = col(lambda s: s.ledger.faraday_relative_error)
    cycles = []
    for k in range(lib.il_cell_result_n_cycles(r)):
        cy = lib.il_cell_result_cycle(r, k).contents
        cycles.append(dict(cycle=cy.cycle, charge_uAh_cm2=cy.charge_uAh_cm2,
                           discharge_uAh_cm2=cy.discharge_uAh_cm2,
                           coulombic_efficiency=cy.coulombic_efficiency,
                           immobilised_uAh_cm2=cy.immobilised_uAh_cm2))
    ns = lib.il_cell_result_n_states(r)
    states = []
    for k in range(ns):
        h = C.c_void_p()
        call(lib.il_cell_result_state_stack, r, k, C.byref(h))
        states.append(Stack._adopt(h))
    return CellRun(
        time_s=col(lambda s: s.time_s), voltage_V=col(lambda s: s.voltage_V),
        current_A_cm2=col(lambda s: s.current_A_cm2), step=col(lambda s: s.step).astype(int),
        cycle=col(lambda s: s.cycle).astype(int), cathode_x=col(lambda s: s.cathode_x),
        anode_x=col(lambda s: s.anode_x),
        electrolyte_resistance_ohm_cm2=col(lambda s: s.electrolyte_resistance_ohm_cm2),
        thickness_nm={nm: col(lambda s, j=j: s.thickness_nm[j]) for j, nm in enumerate(names)},
        resistance_ohm_cm2={nm: col(lambda s, j=j: s.resistance_ohm_cm2[j])
                            for j, nm in enumerate(names[:ni])},
        ledger=ledger, cycles=cycles, interlayers=list(names),
        state_time_s=np.array([lib.il_cell_result_state_time_s(r, k) for k in range(ns)]),
        nominal_capacity_uAh_cm2=cap, _states=states)


def simulate(cell, protocol=None, cycler=None, **options):
    """Runs `protocol` on the cell of parameter file `cell` (a path or a Cell); the same as
    `interlayer cell simulate CELL --protocol TEXT`. Options as Cell.run."""
    c = cell if isinstance(cell, Cell) else Cell(cell)
    return c.run(protocol=protocol, cycler=cycler, **options)


def ocv_V(material, x):
    """Open-circuit potential (V vs Li/Li⁺) of table `material` ("LiCoO2", "LiMn2O4", "Si",
    "Li") at x Li per formula unit (array in, array out)."""
    xs = as_doubles(x)
    out = np.zeros(xs.size)
    v = C.c_double()
    for k, xv in enumerate(xs):
        call(lib.il_cell_ocv_V, enc(material), float(xv), C.byref(v))
        out[k] = v.value
    return out
