"""interlayer.ndp.reduce and interlayer.advise against the program's JSON for the same input,
and the reduction against the known truth of the example's synthetic runs."""
import json
import os

import numpy as np
import pytest

import interlayer as il


@pytest.fixture
def reduction_file(source_dir):
    return os.path.join(source_dir, "examples/ndp/reduce/reduction.yaml")


def test_reduce_same_as_cli(cli, tmp_path, reduction_file):
    doc = json.loads(cli("ndp", "reduce", reduction_file, "-o", tmp_path / "r.csv", "--json"))
    r = il.ndp.reduce(reduction_file)
    rel = dict(rtol=1e-9, atol=1e-9)  # the program prints 10 significant digits
    np.testing.assert_allclose(r.counts, doc["counts"], **rel)
    np.testing.assert_allclose(r.sigma, doc["counts_sigma"], **rel)
    assert r.time_s == pytest.approx(doc["time_s"], rel=1e-9)
    for mine, theirs in (("fluence_omega_n_cm2", "fluence_solid_angle_n_cm2"),
                         ("fluence_omega_sigma_n_cm2", "fluence_solid_angle_sigma_n_cm2"),
                         ("fluence_omega_per_monitor_n_cm2",
                          "fluence_solid_angle_per_monitor_n_cm2"),
                         ("li6_atoms_cm2", "li6_atoms_per_cm2"),
                         ("li6_atoms_cm2_sigma", "li6_atoms_per_cm2_sigma")):
        assert getattr(r, mine) == pytest.approx(doc[theirs], rel=1e-9)
    for mine, theirs in (("ref_counts_net", "reference_counts_net"),
                         ("ref_counts_gross", "reference_counts_gross"),
                         ("background_counts_subtracted", "background_counts_subtracted"),
                         ("li_counts", "li_window_counts")):
        assert r.steps[mine] == pytest.approx(doc[theirs], rel=1e-9)
    for run in ("sample", "background", "reference"):
        for k in ("live_time_s", "real_time_s", "dead_time_fraction", "monitor_counts",
                  "total_counts"):
            assert r.runs[run][k] == pytest.approx(doc["runs"][run][k], rel=1e-9)
        assert r.runs[run]["live_source"] == doc["runs"][run]["live_time_source"]


def test_reduce_finds_the_truth(reduction_file):
    # The example's runs were simulated with a known fluence × Ω/4π of the sample run,
    # 1e9 n/cm²/s × 4000 s × 1.584e-3 = 6.336e9 n/cm², and 1.3956e17 6Li/cm² (LiF 300 nm):
    # the reduction must find both within 2 of its own stated σ (a 5 % chance to fail by
    # noise is not an issue: the runs are fixed files).
    r = il.ndp.reduce(reduction_file)
    assert abs(r.fluence_omega_n_cm2 - 6.336e9) < 2 * r.fluence_omega_sigma_n_cm2
    assert abs(r.li6_atoms_cm2 - 1.3956e17) < 2 * r.li6_atoms_cm2_sigma
    # the closed form of step 4 (ndp_reduce.h): F per monitor = net reference counts /
    # (certified 10B/cm² × σ(10B) × products per capture × reference monitor)
    s = r.steps
    F1 = s["ref_counts_net"] / (1.018e15 * s["ref_xs_b"] * 1e-24 * 1
                                * r.runs["reference"]["monitor_counts"])
    assert r.fluence_omega_per_monitor_n_cm2 == pytest.approx(F1, rel=1e-12)
    assert r.fluence_omega_n_cm2 == pytest.approx(F1 * r.runs["sample"]["monitor_counts"],
                                                  rel=1e-12)
    assert r.li6_atoms_cm2 == pytest.approx(
        s["li_counts"] / (s["li_xs_b"] * 1e-24 * r.fluence_omega_n_cm2), rel=1e-12)
    # dead time from live and real time
    u = r.runs["sample"]
    assert u["dead_time_fraction"] == pytest.approx(1 - u["live_time_s"] / u["real_time_s"])


def test_reduce_errors_name_the_place(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sample:\n  spectrum: nowhere.csv\n  monitor: lots\n")
    with pytest.raises(il.InterlayerError) as e:
        il.ndp.reduce(bad)
    assert e.value.line >= 2 and "bad.yaml" in str(e.value)


def test_advise_same_as_cli(cli):
    args = ["default", "--interface", "Li3PO4/Si", "--want", "li-amount,li-profile",
            "--resolution", "20nm"]
    doc = json.loads(cli("advise", *args, "--json"))
    mine = il.advise.advise("default", "Li3PO4/Si", want="li-amount,li-profile",
                            resolution_nm=20)
    items = doc["techniques"]
    assert [a.id for a in mine] == [t["technique"] for t in items]
    assert [a.rank + 1 for a in mine] == [t["rank"] for t in items]
    for a, t in zip(mine, items):
        if t.get("depth_resolution_nm") is not None:
            assert a.depth_resolution_nm == pytest.approx(t["depth_resolution_nm"], rel=1e-9)
    assert [a.verdict for a in mine] == [t["verdict"] for t in items]
    assert [a.decides for a in mine] == [t["decides"] for t in items]
    assert len(mine) == len(il.advise.techniques())
    # the ranking: works before marginal before cannot before not computed
    order = ["works", "marginal", "cannot", "not yet computed"]
    assert [order.index(a.verdict) for a in mine] == sorted(order.index(a.verdict)
                                                           for a in mine)


def test_advise_physics():
    # NDP on the default cell: the interface lies 3.25 µm deep, the depth of the layers above
    # it. NDP counts the interlayer's Li there but cannot resolve a 10 nm profile (its depth
    # resolution there is ~135 nm): the question decides the verdict.
    s = il.Stack("default")
    lst = il.advise.advise(s, "Li3PO4/Si", want="li-amount")
    upper = s.layer(lst.upper)
    assert lst.interface_depth_nm == pytest.approx(upper.top_nm + upper.thickness_nm,
                                                   rel=1e-12)
    ndp = lst.find("ndp")
    assert ndp.verdict == "works"
    prof = il.advise.advise(s, "Li3PO4/Si", want="li-profile", resolution_nm=10).find("ndp")
    assert prof.verdict == "cannot" and prof.depth_resolution_nm > 10
    with pytest.raises(il.NotFoundError, match="interface"):
        il.advise.advise(s, "Au/Si")
    with pytest.raises(il.InterlayerError):
        il.advise.advise(s, "Li3PO4/Si", want="gossip")


def test_reduced_spectrum_inverted_as_the_program(cli, tmp_path, reduction_file):
    # reduce -> invert, in Python and through the program's reduced CSV
    cli("ndp", "reduce", reduction_file, "-o", tmp_path / "r.csv")
    doc = json.loads(cli("ndp", "invert", tmp_path / "r.csv", "--stack", "LiF 300nm | Si",
                         "--json"))
    r = il.ndp.reduce(reduction_file)
    p = r.invert("LiF 300nm | Si")
    want = [layer["li_atoms_per_cm2"] for layer in doc["layers"]]
    np.testing.assert_allclose(p.li_atoms_cm2, want, rtol=1e-9)
    # the truth of the example: 1.3956e17 6Li/cm² at natural abundance 0.0759 (NIST) is
    # 1.8387e18 Li/cm² in the LiF; found within 2 of the stated total σ
    truth = 1.3956e17 / 0.0759
    assert abs(p.li_atoms_cm2[0] - truth) < 2 * p.li_atoms_cm2_total[0]
    # the instrument it stands for gives back the reduction's fluence × Ω/4π
    ins = r.instrument()
    frac = ins.solid_angle_sr / (4 * np.pi)
    assert ins.fluence_rate_n_cm2_s * ins.live_time_s * frac == pytest.approx(
        r.fluence_omega_n_cm2, rel=1e-6)
