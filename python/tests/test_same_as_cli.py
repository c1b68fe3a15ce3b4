"""The Python package and the program give the same numbers for the same inputs. The program
prints ten significant digits, so agreement is checked to a relative 1e-9 (and an absolute
floor for values printed as 0)."""
import json

import numpy as np
import pytest

import interlayer as il

STACK = "Pt 50nm | LiCoO2 1um li6=0.95 | Li3PO4 1.5um | Si"
REL = 1e-9


def close(a, b):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=REL, atol=1e-300)


def test_stack_show(cli):
    doc = json.loads(cli("stack", "show", STACK, "--json"))
    s = il.Stack(STACK)
    assert [l.name for l in s.layers] == [l["name"] for l in doc["layers"]]
    close(s.thickness_nm, doc["thickness_nm"])
    close(s.li_capacity_uAh_cm2, doc["li_capacity_uAh_per_cm2"])
    for mine, theirs in zip(s.layers, doc["layers"]):
        close(mine.density_g_cm3, theirs["density_g_cm3"])
        close(mine.atoms_cm3, theirs["atoms_per_cm3"])
        if not mine.is_substrate:
            close(mine.areal_tfu, theirs["areal_density_1e15_atoms_per_cm2"])
            close(mine.li_atoms_cm2, theirs["li_atoms_per_cm2"])
            close(mine.li6_atoms_cm2, theirs["li6_atoms_per_cm2"])


@pytest.mark.parametrize("ion,material,energy", [("alpha", "LiCoO2", 2000.0),
                                                 ("t", "Li3PO4", 2727.7), ("p", "Si", 500.0)])
def test_stopping_and_range(cli, ion, material, energy):
    doc = json.loads(cli("stopping", ion, material, "--energy", energy, "--json"))
    mine = il.stopping(ion, material, energy)
    close(mine["electronic_keV_per_um"], doc["electronic_keV_per_um"])
    close(mine["nuclear_keV_per_um"], doc["nuclear_keV_per_um"])
    close(mine["total_keV_per_um"], doc["total_keV_per_um"])
    assert mine["source"][0] == doc["source"]
    doc = json.loads(cli("range", ion, material, "--energy", energy, "--json"))
    r = il.csda_range(ion, material, energy)
    close(r["range_um"], doc["range_um"])
    close(r["range_tfu"], doc["range_1e15_atoms_per_cm2"])
    close(r["range_mg_cm2"], doc["range_mg_per_cm2"])


def test_depth_energy(cli):
    doc = json.loads(cli("depth-energy", "alpha", "--energy", "2055.8", "--stack", STACK,
                         "--points", "20", "--json"))
    z, E, sig = il.depth_energy_table("alpha", 2055.8, STACK, points=20)
    close(z, [p["depth_nm"] for p in doc["points"]])
    close(E, [p["exit_energy_keV"] for p in doc["points"]])
    close(sig, [p["straggling_sigma_keV"] for p in doc["points"]])


def test_ndp_simulate(cli):
    doc = json.loads(cli("ndp", "simulate", STACK, "--seed", "7", "--json"))
    sim = il.ndp.simulate(STACK, seed=7)
    close(sim.energy_keV, doc["energy_keV"])
    close(sim.counts, doc["counts"])
    close(sim.background, doc["background"])
    # Poisson samples are whole numbers drawn from the same generator and seed: exactly equal.
    assert list(sim.sampled) == doc["counts_sampled"]
    for key, counts in doc["particles"].items():
        close(sim.by_particle[key], counts)


def test_ndp_invert(cli, tmp_path):
    spe = tmp_path / "s.csv"
    cli("ndp", "simulate", STACK, "--seed", "7", "-o", spe)
    doc = json.loads(cli("ndp", "invert", spe, "--stack", STACK, "--json"))
    counts = il.Spectrum.load(spe).counts
    p = il.ndp.invert(counts, STACK)
    close(p.depth_nm, doc["depth_nm"])
    # Tikhonov with GCV: the same deterministic computation; printed to ten digits.
    np.testing.assert_allclose(p.conc_atoms_cm3, doc["li_atoms_per_cm3"], rtol=1e-8, atol=1e12)
    close(p.li_atoms_cm2, [l["li_atoms_per_cm2"] for l in doc["layers"]])


def test_refl_simulate_and_sld(cli):
    model = "air | LiNbO3 200 5 li6=1 | Si 0 3"
    doc = json.loads(cli("refl", "simulate", model, "--points", "50", "--dq-over-q", "0.02",
                         "--json"))
    m = il.refl.SlabModel(model)
    # the program's Q grid (its printed Q values are rounded to ten digits)
    q = il.refl.q_grid(0.005, 0.3, 50)
    close(q, doc["q"])
    r = il.refl.reflectivity(m.slabs(), q, dq_over_q=0.02)
    close(r, doc["r"])
    doc = json.loads(cli("refl", "sld", model, "--probe", "xray", "--json"))
    slabs = m.slabs(kind="xray")
    close(slabs[:, 1], [l["sld_real"] for l in doc["layers"]])
    close(slabs[:, 2], [l["sld_imag"] for l in doc["layers"]])


def test_spectrum_read_equals_cli(cli, tmp_path):
    f = tmp_path / "s.spe"
    cli("ndp", "simulate", STACK, "--seed", "1", "-o", f)
    s = il.Spectrum.load(f)
    assert s.live_time_s == 3600.0
    doc = json.loads(cli("ndp", "simulate", STACK, "--seed", "1", "--json"))
    assert list(s.counts) == doc["counts_sampled"]


def test_ndp_calibrate(cli, tmp_path):
    # A reference measured on a shifted energy scale (offset 12 keV, gain 2.95 keV): the
    # calibration the program reports and the package's agree.
    spe = tmp_path / "ref.csv"
    cli("ndp", "simulate", STACK, "--seed", "3", "--offset", "12", "--gain", "2.95", "-o", spe)
    doc = json.loads(cli("ndp", "calibrate", spe, "--stack", STACK, "--json"))
    c = il.ndp.calibrate(il.Spectrum.load(spe).counts, STACK)
    close(c["offset_keV"], doc["offset_keV"])
    close(c["gain_keV"], doc["gain_keV_per_channel"])
    close(c["factor"], doc["fluence_solid_angle_factor"])
    # and it finds the scale the spectrum was made with (0.2 % on the gain, 3 keV offset:
    # the edge rule's reach on 3-keV channels)
    assert abs(c["gain_keV"] - 2.95) < 0.006 and abs(c["offset_keV"] - 12) < 3
