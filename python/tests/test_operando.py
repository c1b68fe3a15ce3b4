"""interlayer.ndp.operando on a twin's series (made by `interlayer cell twin`) against
`interlayer ndp operando` on the same files, the cycler's charge and Li conservation."""
import csv
import os

import numpy as np
import pytest

import interlayer as il


@pytest.fixture(scope="module")
def twin(tmp_path_factory):
    from conftest import SOURCE_DIR as source_dir
    from conftest import run_cli
    d = tmp_path_factory.mktemp("twin")
    run_cli("cell", "twin", os.path.join(source_dir, "examples/cell/si-li3po4-licoo2.yaml"),
            "--protocol", "Charge at C/5 for 3 hours", "--ndp",
            os.path.join(source_dir, "examples/ndp/instrument-1h.yaml"), "--seed", "1",
            "-o", d / "tw")
    t = d / "tw" / "ndp"
    args = dict(series=t / "series", stack=t / "pristine.yaml", index=t / "series/index.csv",
                reference=t / "reference.spe", cycler=t / "cycler.csv")
    ins = os.path.join(source_dir, "examples/ndp/instrument-1h.yaml")
    run_cli("ndp", "operando", args["series"], "--index", args["index"], "--stack",
            args["stack"], "--reference", args["reference"], "--cycler", args["cycler"],
            "--cell-area", "1", "--instrument", ins, "-o", d / "cli")
    run = il.ndp.operando(instrument=il.ndp.Instrument.load(ins), area_cm2=1, **args)
    return run, d / "cli", args


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_same_as_cli(twin):
    run, cli_dir, _ = twin
    inv = rows(cli_dir / "inventories.csv")
    assert len(inv) == len(run.files) >= 3
    # inventories.csv prints 7 significant digits (sigmas 4): 1e-6 and 1e-3 relative
    np.testing.assert_allclose(run.time_s, [float(r["time_s"]) for r in inv], rtol=1e-9)
    for l, name in enumerate(run.layer_names):
        np.testing.assert_allclose(run.inventory[:, l],
                                   [float(r[f"{name} li_atoms_per_cm2"]) for r in inv],
                                   rtol=1e-6, atol=1e-6 * run.inventory.max())
        np.testing.assert_allclose(run.moved[:, l], [float(r[f"{name} moved"]) for r in inv],
                                   rtol=1e-6, atol=1e-6 * run.inventory.max())
        np.testing.assert_allclose(run.inventory_sigma[:, l],
                                   [float(r[f"{name} sigma"]) for r in inv], rtol=1e-3)
    fa = rows(cli_dir / "faraday.csv")
    np.testing.assert_allclose(run.faraday["charge_C"], [float(r["charge_C"]) for r in fa],
                               rtol=1e-5)
    np.testing.assert_allclose(run.faraday["ratio"], [float(r["ratio"]) for r in fa],
                               rtol=1e-4)


def test_charge_from_the_cycler_record(twin):
    # the Faraday balance's charge is the integral of the cycler's current from the
    # reference to the middle of each spectrum: the trapezoidal rule on the record (numpy)
    run, _, args = twin
    rec = rows(args["cycler"])
    t = np.array([float(r["Test Time / s"]) for r in rec])
    i = np.array([float(r["Current / A"]) for r in rec])
    for k, tm in enumerate(run.time_s):
        keep = t <= tm
        tt = np.append(t[keep], tm)
        ii = np.append(i[keep], np.interp(tm, t, i))
        q = np.sum((tt[1:] - tt[:-1]) * (ii[1:] + ii[:-1]) / 2)
        assert run.faraday["charge_C"][k] == pytest.approx(q, rel=1e-6)


def test_li_is_conserved(twin):
    # A closed cell loses no Li: the Li moved summed over the layers is zero within the
    # combined non-systematic uncertainty (3 σ: a 0.3 % chance to fail by noise)
    run, _, _ = twin
    total = run.moved.sum(axis=1)
    sigma = np.sqrt((run.moved_sigma ** 2).sum(axis=1))
    assert np.all(np.abs(total) < 3 * sigma)
    # while the cathode does lose Li, well beyond its uncertainty
    c = run.cathode_layer
    assert run.moved[-1, c] < -10 * run.moved_sigma[-1, c]


def test_errors(tmp_path):
    with pytest.raises(il.InterlayerError):
        il.ndp.operando(tmp_path / "nowhere", "default")
