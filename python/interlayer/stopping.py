"""Stopping powers, CSDA ranges and depth-energy curves of light ions (1H..4He)."""
import ctypes as C

import numpy as np

from ._arrays import as_doubles, enc, ptr, text
from ._errors import call
from ._lib import Beam, DepthEnergyTable, StoppingPart, StoppingTarget, StoppingValue, lib
from .materials import Material
from .stack import as_stack

# il_straggling_model
STRAGGLING = {"yang": 0, "chu": 1, "bohr": 2, "none": 3}


def ion(name):
    """The il_ion number of an ion name ("alpha", "4He", "p", "t", ...)."""
    v = C.c_int()
    call(lib.il_ion_parse, enc(name), C.byref(v))
    return v.value


def _material(material, density_g_cm3):
    return material if isinstance(material, Material) else Material(material, density_g_cm3)


def _target(m):
    t = StoppingTarget()
    lib.il_composition_stopping_target(C.byref(m._comp), 0.0, C.byref(t))
    return t


def stopping(ion_name, material, energy_keV, density_g_cm3=None):
    """Stopping of an ion in a material at energies energy_keV (keV, total kinetic energy).

    Returns a dict of numpy arrays: electronic_keV_per_um, nuclear_keV_per_um,
    total_keV_per_um (keV/µm), electronic_eV_per_tfu, nuclear_eV_per_tfu, total_eV_per_tfu
    (eV per 1e15 atoms/cm²), and source (list of the data source at each energy: "table",
    "ICRU-49 fit", "mixed", ...). Raises RangeError outside the data's energy range."""
    m = _material(material, density_g_cm3)
    ion_ = ion(ion_name)
    E = as_doubles(energy_keV)
    tgt = _target(m)
    out = {k: np.empty(E.size) for k in ("electronic_eV_per_tfu", "nuclear_eV_per_tfu",
                                          "total_eV_per_tfu")}
    sources = []
    v = StoppingValue()
    for k, e in enumerate(E):
        call(lib.il_stopping_compound, ion_, C.byref(tgt), float(e), C.byref(v), None, None)
        out["electronic_eV_per_tfu"][k] = v.electronic_eV_tfu
        out["nuclear_eV_per_tfu"][k] = v.nuclear_eV_tfu
        out["total_eV_per_tfu"][k] = v.total_eV_tfu
        sources.append(text(lib.il_stop_source_name(v.source)))
    for part in ("electronic", "nuclear", "total"):
        out[part + "_keV_per_um"] = np.array([lib.il_stopping_keV_per_um(x, m.atoms_cm3)
                                              for x in out[part + "_eV_per_tfu"]])
    out["energy_keV"] = E
    out["source"] = sources
    return out


def stopping_sources(ion_name, material, energy_keV, density_g_cm3=None):
    """Which source served each element at energy_keV: {symbol Z: source name}."""
    m = _material(material, density_g_cm3)
    tgt = _target(m)
    parts = (StoppingPart * 64)()
    n = C.c_size_t()
    v = StoppingValue()
    call(lib.il_stopping_compound, ion(ion_name), C.byref(tgt), float(energy_keV), C.byref(v),
         parts, C.byref(n))
    return {parts[i].Z: text(lib.il_stop_source_name(parts[i].value.source))
            for i in range(n.value)}


def csda_range(ion_name, material, energy_keV, density_g_cm3=None):
    """CSDA range (the integral of dE/S from 0 to E) at energies energy_keV (keV).

    Returns a dict of numpy arrays: range_um (µm), range_tfu (1e15 atoms/cm²),
    range_mg_cm2 (mg/cm²)."""
    m = _material(material, density_g_cm3)
    tgt = _target(m)
    h = C.c_void_p()
    call(lib.il_stopping_new, ion(ion_name), C.byref(tgt), C.byref(h))
    try:
        E = as_doubles(energy_keV)
        tfu = np.empty(E.size)
        r = C.c_double()
        for k, e in enumerate(E):
            call(lib.il_stopping_range_tfu, h, float(e), C.byref(r))
            tfu[k] = r.value
    finally:
        lib.il_stopping_free(h)
    um = np.array([lib.il_tfu_to_nm(x, m.atoms_cm3) / 1000.0 for x in tfu])
    mg = np.array([lib.il_um_to_mg_cm2(x, m.density_g_cm3) for x in um])
    return {"energy_keV": E, "range_um": um, "range_tfu": tfu, "range_mg_cm2": mg}


def depth_energy(ion_name, E0_keV, stack, depth_nm, angle_deg=0.0, straggling="yang"):
    """Energy (keV) and straggling (1σ, keV) at the surface of an ion born at depth_nm (nm
    below the surface) with E0_keV, leaving at angle_deg from the outward normal.

    Returns (E_keV, sigma_keV) numpy arrays; E = 0 where the ion does not get out."""
    st = as_stack(stack)
    h = C.c_void_p()
    call(lib.il_stack_stopping_new, st.handle, ion(ion_name), STRAGGLING[straggling],
         C.byref(h))
    try:
        z = as_doubles(depth_nm)
        out = (Beam * z.size)()
        call(lib.il_depth_energy_curve, lib.il_stack_stopping_layers(h),
             lib.il_stack_stopping_count(h), float(E0_keV), float(angle_deg), ptr(z), z.size,
             out)
    finally:
        lib.il_stack_stopping_free(h)
    return (np.array([b.E_keV for b in out]), np.array([b.sigma_keV for b in out]))


def depth_energy_table(ion_name, E0_keV, stack, points=200, angle_deg=0.0, max_depth_nm=0.0):
    """The depth-energy curve as `interlayer depth-energy` tabulates it: `points` depths evenly
    from the surface to max_depth_nm (0: the finite layers plus the ion's range in the
    substrate) plus both sides of every interface, cut after the first depth from which
    nothing leaves. Returns (depth_nm, E_keV, sigma_keV) numpy arrays."""
    st = as_stack(stack)
    h = C.c_void_p()
    call(lib.il_stack_stopping_new, st.handle, ion(ion_name), STRAGGLING["yang"], C.byref(h))
    t = DepthEnergyTable()
    try:
        call(lib.il_depth_energy_sweep, lib.il_stack_stopping_layers(h),
             lib.il_stack_stopping_count(h), float(E0_keV), float(angle_deg), int(points),
             float(max_depth_nm), C.byref(t))
        z = np.array([t.depth_nm[k] for k in range(t.n)])
        E = np.array([t.exit[k].E_keV for k in range(t.n)])
        sig = np.array([t.exit[k].sigma_keV for k in range(t.n)])
    finally:
        lib.il_depth_energy_table_clear(C.byref(t))
        lib.il_stack_stopping_free(h)
    return z, E, sig
