#!/usr/bin/env python3
"""A tour of interlayer from Python, in notebook-style cells (# %% runs cell by cell in
Jupyter, VS Code or Spyder; `python3 tour.py` runs it all).

Run from the source tree after building:
    PYTHONPATH=python INTERLAYER_LIBRARY=build/libinterlayer.so python3 examples/python/tour.py
or, after `make install`, simply `python3 examples/python/tour.py`.
"""
# %% The cell: a thin-film battery, detector side first
import numpy as np

import interlayer as il

cell = il.Stack("Pt 50nm | LiCoO2 700nm | Li3PO4 1.5um | Si 200nm | Cu 500nm | Si")
for layer in cell.layers:
    print(f"{layer.name:8s} top {layer.top_nm:7.1f} nm  {layer.density_g_cm3:5.2f} g/cm3  "
          f"Li {layer.li_capacity_uAh_cm2:7.2f} uAh/cm2")
print(f"Li inventory {cell.li_capacity_uAh_cm2:.1f} uAh/cm2 in {cell.thickness_nm:.0f} nm")

# %% Stopping and range of the 6Li(n,a)3H products in the cathode
E = np.array([500.0, 1000.0, 2055.8])
S = il.stopping("alpha", "LiCoO2", E)
print("alpha in LiCoO2, keV/um:", np.round(S["total_keV_per_um"], 1), S["source"])
print("triton range in LiCoO2: %.2f um" % il.csda_range("t", "LiCoO2", 2727.7)["range_um"][0])

# %% Where an alpha born at depth z leaves the surface (keV), and its straggling
z = np.array([0.0, 50.0, 400.0, 750.0, 1500.0])
E_exit, sigma = il.depth_energy("alpha", 2055.8, cell, z)
for zi, e, s in zip(z, E_exit, sigma):
    print(f"  born at {zi:6.0f} nm -> {e:7.1f} keV +- {s:4.1f}")

# %% NDP: simulate a measurement (1 h, default station), then invert it
sim = il.ndp.simulate(cell, seed=42)
print(f"expected counts {sim.counts.sum():.0f}, sampled {sim.sampled.sum():.0f}")
profile = il.ndp.invert(sim.sampled, cell)
for name, n, dn, truth in zip(profile.layer_names, profile.li_atoms_cm2,
                              profile.li_atoms_cm2_sigma, (l.li_atoms_cm2 for l in cell.layers)):
    if truth and np.isfinite(truth):
        print(f"  {name:8s} Li {n:.3e} +- {dn:.1e} atoms/cm2 (truth {truth:.3e})")

# %% Errors carry the library's message, with the column of the mistake
try:
    il.Stack("Pt 50nm | LiCoO3 1um | Si")
except il.NotFoundError as e:
    print("error:", e)

# %% Reflectometry: 6Li/7Li contrast in LiNbO3 on Si
q = il.refl.q_grid(0.005, 0.15, 300)
for li6 in (0.0759, 0.95):
    model = il.refl.SlabModel(f"air | LiNbO3 300 5 li6={li6} | Si 0 3")
    R = il.refl.reflectivity(model.slabs(), q, dq_over_q=0.02)
    print(f"6Li fraction {li6}: film SLD {model.slabs()[1, 1]:.3f}e-6 A^-2, "
          f"R(0.05) = {np.interp(0.05, q, R):.3e}")

# %% Spectra: write the simulated NDP spectrum in every format and read it back
import tempfile, os
with tempfile.TemporaryDirectory() as d:
    spec = il.Spectrum(sim.sampled, live_time_s=3600.0, real_time_s=3600.0)
    spec.calibration = (0.0, 3.0, 0.0)
    for ext in ("spe", "chn", "n42", "csv"):
        path = os.path.join(d, "ndp." + ext)
        try:
            spec.save(path)
        except il.InterlayerError as e:
            print(f"  .{ext}: {e}")
            continue
        back = il.Spectrum.load(path)
        print(f"  .{ext}: {back.total:.0f} counts, live {back.live_time_s} s, "
              f"same counts: {np.array_equal(back.counts, spec.counts)}")
