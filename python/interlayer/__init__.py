"""interlayer: buried interfaces of all-solid-state Li batteries, from Python.

A thin layer over libinterlayer (ctypes): the same library, the same numbers as the
`interlayer` program. numpy arrays in and out; units in every name (nm, keV, atoms/cm³,
tfu = 1e15 atoms/cm², Å and 1e-6 Å⁻² for reflectometry). Library errors raise
InterlayerError (ParseError, NotFoundError, RangeError, InvalidError) carrying the library's
message with file:line:column where there is one.

    import interlayer as il
    s = il.Stack("Pt 50nm | LiCoO2 1um | Li3PO4 1.5um | Si")
    il.stopping("alpha", "LiCoO2", [500, 1000, 2000])["total_keV_per_um"]
    sim = il.ndp.simulate(s, seed=1)
    prof = il.ndp.invert(sim.sampled, s)
    q = il.refl.q_grid(0.005, 0.3, 200)
    R = il.refl.reflectivity(il.refl.SlabModel("air | LiNbO3 200 5 li6=1 | Si").slabs(), q)
    red = il.ndp.reduce("examples/ndp/reduce/reduction.yaml")       # facility reduction
    sp = il.iba.simulate("Au 50nm | Si", energy_keV=2000, theta_deg=165)   # RBS
    run = il.cell.simulate("examples/cell/si-li3po4-licoo2.yaml", "Charge at C/5 until 4.2 V")
    il.advise.advise("default", "Li3PO4/Si")                           # ranked techniques
    il.fit.tikhonov(K, y, sigma, rule="gcv")                           # linear inverse engines
"""
from . import advise, cell, fit, iba, ndp, plot, refl
from ._errors import (InterlayerError, InvalidError, NotFoundError, ParseError,
                      RangeError)
from .materials import Material, materials, parse_formula
from .spectrum import Spectrum
from .stack import Layer, Stack
from .stopping import (csda_range, depth_energy, depth_energy_table, stopping,
                       stopping_sources)

__version__ = "0.1.0"
__all__ = ["Stack", "Layer", "Material", "Spectrum", "materials", "parse_formula", "stopping",
           "stopping_sources", "csda_range", "depth_energy", "depth_energy_table", "ndp", "plot",
           "refl", "iba", "cell", "fit", "advise", "InterlayerError", "ParseError",
           "NotFoundError", "RangeError", "InvalidError"]
