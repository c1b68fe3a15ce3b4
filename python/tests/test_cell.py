"""interlayer.cell: Li conservation and equality with `interlayer cell simulate`'s files."""
import csv
import os

import numpy as np
import pytest

import interlayer as il

PROTOCOL = "Charge at 10 uA/cm2 until 4.2 V; Rest for 10 min; Discharge at C/5 until 3.0 V"
CELLS = ["si-li3po4-licoo2.yaml", "licoo2-lipon-li.yaml"]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def parts(run):
    """The ledger's parts, each Li atom in one: cathode, anode host, all of a Li metal anode's
    Li (anode_metal; plated is its change, not a separate place), electrolyte, and every
    interlayer's immobilised, reacted and initial Li (src/cell/model.c's sum)."""
    keys = ["cathode", "anode_mobile", "anode_metal", "electrolyte"]
    for nm in run.interlayers:
        keys += [f"{nm} immobilised", f"{nm} reacted", f"{nm} initial"]
    return keys


@pytest.mark.parametrize("name", CELLS)
def test_li_is_conserved(source_dir, name):
    run = il.cell.simulate(os.path.join(source_dir, "examples/cell", name), PROTOCOL)
    assert run.time_s.size > 10 and np.any(run.current_A_cm2 > 0)
    assert np.any(run.current_A_cm2 < 0)
    total = sum(run.ledger[k] for k in parts(run))
    # the sum over layers stays what it was (the integrator's rtol is 1e-8 per step; the
    # ledger is built to close far better: 1e-9 relative is the bound)
    assert np.max(np.abs(total - total[0])) / total[0] < 1e-9
    np.testing.assert_allclose(total, run.ledger["total"], rtol=1e-12)
    # and the Li that left the cathode is the charge passed (Faraday)
    assert np.max(run.ledger["faraday_relative_error"]) < 1e-9


@pytest.mark.parametrize("name", CELLS[:1])
def test_same_as_cli(cli, tmp_path, source_dir, name):
    path = os.path.join(source_dir, "examples/cell", name)
    cli("cell", "simulate", path, "--protocol", PROTOCOL, "--save-every", "1h",
        "-o", tmp_path / "run")
    run = il.cell.simulate(path, PROTOCOL, save_every_s=3600)
    ts = read_csv(tmp_path / "run" / "timeseries.csv")
    assert len(ts) == run.time_s.size
    col = lambda rows, k: np.array([float(r[k]) for r in rows])  # noqa: E731
    # timeseries.csv prints 8 significant digits, so 1e-7 relative
    for mine, theirs, scale in ((run.time_s, "time_s", 1), (run.voltage_V, "voltage_V", 1),
                                (run.current_A_cm2, "current_uA_cm2", 1e6),
                                (run.cathode_x, "cathode_x", 1), (run.anode_x, "anode_x", 1)):
        np.testing.assert_allclose(mine * scale, col(ts, theirs), rtol=1e-7, atol=1e-12)
    np.testing.assert_array_equal(run.step + 1, col(ts, "step"))
    np.testing.assert_array_equal(run.cycle, col(ts, "cycle"))
    for nm in run.interlayers:
        np.testing.assert_allclose(run.thickness_nm[nm], col(ts, f"{nm} thickness_nm"),
                                   rtol=1e-7)
    led = read_csv(tmp_path / "run" / "ledger.csv")
    # ledger.csv prints 12 significant digits
    for k in parts(run) + ["total"]:
        np.testing.assert_allclose(run.ledger[k], col(led, k + "_atoms_cm2"), rtol=1e-11,
                                   atol=1e-11 * run.ledger["total"][0])
    cyc = read_csv(tmp_path / "run" / "cycles.csv")
    assert [c["cycle"] for c in run.cycles] == [int(r["cycle"]) for r in cyc]
    np.testing.assert_allclose([c["charge_uAh_cm2"] for c in run.cycles],
                               col(cyc, "charge_uAh_cm2"), rtol=1e-7)
    assert run.state_time_s.size == len(os.listdir(tmp_path / "run" / "states"))
    assert len(run.state_stack(0)) == len(il.cell.Cell(path).stack)


def test_errors_name_the_place(source_dir):
    path = os.path.join(source_dir, "examples/cell", CELLS[0])
    with pytest.raises(il.ParseError) as e:
        il.cell.simulate(path, "Charge at 10 parsecs until 4.2 V")
    assert e.value.column > 0 and "parsecs" in str(e.value)
    with pytest.raises(il.InterlayerError) as e:
        il.cell.Cell(text_yaml="name: x\nstack: 'Li 1um | Si'\ntemperature_K: hot\n")
    assert e.value.line == 3


def test_twin_same_as_cli(cli, tmp_path, source_dir):
    path = os.path.join(source_dir, "examples/cell", CELLS[0])
    ins_path = os.path.join(source_dir, "examples/ndp/instrument-1h.yaml")
    proto = "Charge at C/5 for 3 hours"
    cli("cell", "twin", path, "--protocol", proto, "--ndp", ins_path, "--seed", "4",
        "-o", tmp_path / "tw")
    ins = il.ndp.Instrument.load(ins_path)
    run = il.cell.Cell(path).twin(proto, ins, seed=4)
    idx = read_csv(tmp_path / "tw/ndp/series/index.csv")
    assert len(idx) == run.ndp.counts.shape[0] == 3
    for k, row in enumerate(idx):
        assert float(row["time_s"]) == pytest.approx(run.ndp.start_s[k], rel=1e-9, abs=1e-9)
        assert float(row["live_time_s"]) == pytest.approx(run.ndp.live_s[k], rel=1e-9)
        sp = il.Spectrum.load(tmp_path / "tw/ndp/series" / row["file"])
        np.testing.assert_array_equal(sp.counts, run.ndp.counts[k])  # whole counts, exact
    ref = il.Spectrum.load(tmp_path / "tw/ndp/reference.spe")
    np.testing.assert_array_equal(ref.counts, run.ndp.reference)


def test_twin_is_the_mean_of_two_states(source_dir):
    # Without noise, spectrum k is the mean of the expected spectra of saved states k and
    # k + 1 (the trapezoid rule over the acquisition, cell_twin.h): recomputed here from the
    # state stacks with the plain NDP forward model (1e-9: the same model, summed in another
    # order)
    path = os.path.join(source_dir, "examples/cell", CELLS[0])
    ins = il.ndp.Instrument.load(os.path.join(source_dir, "examples/ndp/instrument-1h.yaml"))
    run = il.cell.Cell(path).twin("Charge at C/5 for 2 hours", ins, poisson=False)
    for k in range(run.ndp.counts.shape[0]):
        a = il.ndp.simulate(run.state_stack(k), ins).counts
        b = il.ndp.simulate(run.state_stack(k + 1), ins).counts
        np.testing.assert_allclose(run.ndp.counts[k], (a + b) / 2, rtol=1e-9,
                                   atol=1e-9 * a.max())
    np.testing.assert_allclose(run.ndp.reference, il.ndp.simulate(run.state_stack(0), ins).counts,
                               rtol=1e-9, atol=1e-9 * run.ndp.reference.max())
