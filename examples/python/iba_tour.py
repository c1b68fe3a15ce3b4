#!/usr/bin/env python3
"""A second tour: ion-beam analysis, the cell model, the facility NDP reduction, operando-ready
numbers, the technique advisor and the linear inverse engines, in notebook-style cells (# %%).

Run from the source tree after building:
    PYTHONPATH=python INTERLAYER_LIBRARY=build/libinterlayer.so python3 examples/python/iba_tour.py [OUTDIR]
Plots go to OUTDIR (default: a temporary folder, removed at the end).
"""
# %% Setup: where the example files are, where plots go
import os
import sys
import tempfile

import numpy as np

import interlayer as il

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)
tmp = None
if len(sys.argv) > 1:
    OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
else:
    tmp = tempfile.TemporaryDirectory()
    OUT = tmp.name

# %% RBS kinematics: 2 MeV 4He on a Au | LiCoO2 | Si sample, detector at 165°
sample = "Au 20nm | LiCoO2 300nm | Si"
print("layer      element  K        from surface (keV)  depth scale (keV/nm)")
for r in il.iba.kinematics(sample, energy_keV=2000, theta_deg=165):
    print(f"{r.layer:10s} {r.element:8s} {r.factor:.5f}  {r.surface_keV:8.1f}"
          f"            {r.depth_scale_keV_nm:.4f}")

# %% The spectrum, per element, with counting noise (seed: the same counts every run)
sp = il.iba.simulate(sample, energy_keV=2000, theta_deg=165, fluence=2e13, seed=7)
print(f"{sp.total.sum():.0f} counts expected; per element:",
      {el: round(float(c.sum())) for el, c in sp.elements.items()})
series = [{"x": sp.energy_keV, "y": sp.sampled, "label": "counts", "style": "points"}]
series += [{"x": sp.energy_keV, "y": c, "label": el} for el, c in sp.elements.items()]
il.plot.xy(os.path.join(OUT, "rbs.svg"), series, title="2 MeV 4He RBS, 165 deg",
           xlabel="energy (keV)", ylabel="counts per channel")

# %% Fit it back: the cathode's thickness and the beam's fluence × solid angle are free
fit = il.iba.fit("Au 20nm | LiCoO2 200nm | Si",
                 [{"counts": sp.sampled, "setup": {"fluence": 2e13}}],
                 ["LiCoO2.thickness_nm", "iba1:scale"], reweight=True)
for name, v, s in zip(fit.names, fit.value, fit.sigma):
    print(f"  {name:22s} {v:10.4g} ± {s:.2g}")
print(f"  chi2 {fit.chi2:.0f} for {fit.dof} degrees of freedom; fitted stack: {fit.stack}")

# %% A SIMNRA file: its sample and setup, recomputed here
idf = il.iba.load_idf(os.path.join(EXAMPLES, "..", "data", "iba", "simnra_rbs_rough.xnra"))
setup = idf.spectra[0].setup
mine = il.iba.simulate(idf.stack, **setup)
print(f"{setup['beam']} at {setup['energy_keV']:.0f} keV: {len(idf.stack)} layers, "
      f"{mine.total.sum():.4g} counts here, file's own simulation "
      f"{idf.spectra[0].simulated.sum() if idf.spectra[0].simulated is not None else 'none'}")

# %% The cell: charge and discharge the thin-film cell, follow every Li atom
run = il.cell.simulate(os.path.join(EXAMPLES, "cell", "si-li3po4-licoo2.yaml"),
                       "Charge at C/5 until 4.2 V; Discharge at C/5 until 3.0 V",
                       save_every_s=3600)
led = run.ledger
total = led["cathode"] + led["anode_mobile"] + led["anode_metal"] + led["electrolyte"] + sum(
    led[f"{nm} {p}"] for nm in run.interlayers for p in ("immobilised", "reacted", "initial"))
print(f"{run.time_s[-1] / 3600:.2f} h, {len(run.cycles)} cycle(s), coulombic efficiency "
      f"{run.cycles[0]['coulombic_efficiency']:.3f}; Li total drifts by "
      f"{np.max(np.abs(total / total[0] - 1)):.1e}")
il.plot.xy(os.path.join(OUT, "cell_voltage.svg"),
           [{"x": run.time_s / 3600, "y": run.voltage_V, "label": "voltage"}],
           title="Si | Li3PO4 | LiCoO2 at C/5", xlabel="time (h)", ylabel="voltage (V)")

# %% A facility NDP measurement: sample, blank and a 10B reference reduced to atoms
red = il.ndp.reduce(os.path.join(EXAMPLES, "ndp", "reduce", "reduction.yaml"))
print(f"fluence x solid angle / 4 pi {red.fluence_omega_n_cm2:.4g} ± "
      f"{red.fluence_omega_sigma_n_cm2:.2g} n/cm2; 6Li {red.li6_atoms_cm2:.4g} ± "
      f"{red.li6_atoms_cm2_sigma:.2g} atoms/cm2; sample dead time "
      f"{100 * red.runs['sample']['dead_time_fraction']:.1f} %")
prof = red.invert("LiF 300nm | Si")
print(f"  inverted: Li in the LiF {prof.li_atoms_cm2[0]:.4g} ± {prof.li_atoms_cm2_total[0]:.2g} "
      f"atoms/cm2 (all uncertainties; the runs were made with 1.839e18)")

# %% Which technique sees the Li3PO4/Si interface of the default cell?
for a in il.advise.advise("default", "Li3PO4/Si", want="li-amount")[:6]:
    print(f"  {a.name:22s} {a.verdict:9s} {a.decides[:70]}")

# %% The linear inverse engines on a toy problem: a blurred step recovered
n = 40
z = np.arange(n)
truth = np.where(z < 20, 1.0, 3.0)
K = np.exp(-0.5 * ((z[:, None] - z[None, :]) / 2.0) ** 2)
rng = np.random.default_rng(1)
sigma = np.full(n, 0.1)
y = K @ truth + rng.normal(0, 0.1, n)
tk = il.fit.tikhonov(K, y, sigma, rule="gcv", breaks=[20])
print(f"Tikhonov (GCV, a break at bin 20): lambda {tk.lam:.3g}, chi2 {tk.chi2:.1f} for {n} "
      f"points, worst error {np.max(np.abs(tk.x - truth)):.3f}")
il.plot.xy(os.path.join(OUT, "tikhonov.svg"),
           [{"x": z, "y": truth, "label": "truth"},
            {"x": z, "y": tk.x, "yerr": tk.sigma_x, "label": "Tikhonov", "style": "points"}],
           title="a blurred step recovered", xlabel="bin", ylabel="amount")
print("plots in", OUT, sorted(f for f in os.listdir(OUT) if f.endswith(".svg")))
if tmp:
    tmp.cleanup()
