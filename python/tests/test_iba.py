"""interlayer.iba against closed forms and against `interlayer iba kinematics|simulate`."""
import csv
import io
import json
import math
import os

import numpy as np
import pytest

import interlayer as il

STACK = "Au 50nm | LiCoO2 200nm | Si"


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_kfactor_4he_au_165_closed_form():
    # Chu, Mayer & Nicolet, Backscattering Spectrometry (1978) eq. 2.5:
    # K = [(x cos θ + sqrt(1 − x² sin² θ)) / (1 + x)]², x = M1/M2. With the AME2020 masses
    # 4He 4.002603 u and 197Au 196.966570 u at 165°, by hand: x = 0.0203214,
    # x² sin² θ = 2.766e-5, K = (0.980356 / 1.020321)² = 0.92320 (5 digits, so 1e-5).
    M1, M2, th = 4.002603254, 196.96657, math.radians(165.0)
    x = M1 / M2
    closed = ((x * math.cos(th) + math.sqrt(1 - (x * math.sin(th)) ** 2)) / (1 + x)) ** 2
    (K,) = il.iba.kfactor(M1, M2, 165.0)
    assert K == pytest.approx(closed, rel=1e-12)   # same formula, double rounding only
    assert K == pytest.approx(0.92320, abs=1e-5)   # the hand value to its digits
    # the kinematics table uses the library's own 4He mass and Au's atomic weight
    au = il.iba.kinematics("Au 50nm | Si", energy_keV=2000, theta_deg=165)[0]
    assert (au.element, au.factor) == ("Au", pytest.approx(0.92320, abs=1e-5))
    assert au.surface_keV == pytest.approx(au.factor * 2000, rel=1e-12)


def test_kfactor_two_solutions_and_recoil():
    # M1 > M2 below the largest angle asin(M2/M1): two solutions (Tesmer & Nastasi app. 1)
    K = il.iba.kfactor(4.0026, 1.00783, 10.0)
    assert len(K) == 2 and K[0] > K[1] > 0
    assert il.iba.kfactor(4.0026, 1.00783, 30.0) == ()
    # recoil factor 4 M1 M2 cos²φ / (M1 + M2)², exact for φ = 0: 4·4·1/(5)² = 0.64
    assert il.iba.recoil_factor(4.0, 1.0, 0.0) == pytest.approx(0.64, rel=1e-14)


def test_kinematics_same_as_cli(cli):
    mine = il.iba.kinematics(STACK, energy_keV=2000, theta_deg=165, alpha_deg=10)
    theirs = rows(cli("iba", "kinematics", STACK, "--energy", "2MeV", "--angle", "165",
                      "--tilt", "10", "--csv"))
    assert [(r.layer, r.element) for r in mine] == [(t["layer"], t["element"]) for t in theirs]
    for r, t in zip(mine, theirs):
        for k, c in (("factor", "factor"), ("surface_keV", "surface_keV"),
                     ("beam_top_keV", "beam_top_keV"), ("top_keV", "top_keV"),
                     ("bottom_keV", "bottom_keV"),
                     ("depth_scale_keV_nm", "depth_scale_keV_per_nm")):
            want = math.nan if t[c] == "-" else float(t[c])
            got = getattr(r, k)
            if math.isnan(want):
                assert math.isnan(got) or got <= 0
            else:  # the program prints 10 significant digits
                assert got == pytest.approx(want, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("args,kw", [
    ([], {}),
    (["--energy", "3MeV", "--angle", "170", "--tilt", "20", "--resolution", "12keV",
      "--channels", "700", "--gain", "3.5", "--offset", "40keV"],
     dict(energy_keV=3000, theta_deg=170, alpha_deg=20, resolution_keV=12, channels=700,
          cal_gain_keV=3.5, cal_offset_keV=40)),
    (["--technique", "erda", "--energy", "2MeV"], dict(technique="erda", energy_keV=2000)),
])
def test_simulate_same_as_cli(cli, args, kw):
    sp = il.iba.simulate(STACK, **kw)
    t = rows(cli("iba", "simulate", STACK, *args, "--csv"))
    assert len(t) == sp.total.size
    np.testing.assert_allclose(sp.energy_keV, [float(r["energy_keV"]) for r in t],
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(sp.total, [float(r["total"]) for r in t], rtol=1e-9, atol=1e-12)
    cols = [c for c in t[0] if c not in ("channel", "energy_keV", "total")]
    assert sorted(cols) == sorted(sp.elements)
    for el in cols:
        np.testing.assert_allclose(sp.elements[el], [float(r[el]) for r in t],
                                   rtol=1e-9, atol=1e-12)
    # per-part contributions add up to the total (no pile-up here)
    np.testing.assert_allclose(sum(p.counts for p in sp.parts), sp.total, rtol=1e-12,
                               atol=1e-9 * sp.total.max())


def test_sampled_same_as_cli(cli):
    sp = il.iba.simulate(STACK, seed=5)
    t = rows(cli("iba", "simulate", STACK, "--seed", "5", "--csv"))
    np.testing.assert_array_equal(sp.sampled, [float(r["total"]) for r in t])


def test_thin_layer_area_closed_form():
    # A thin Au film: counts = Q Ω σ_R(E0) N t / cos α (Chu et al. eq. 3.12); with no
    # screening and 1 nm Au the energy loss changes σ by < 0.1 %, so 0.5 % tolerance.
    o = dict(energy_keV=2000, theta_deg=165, screening="none", channels=1024)
    sp = il.iba.simulate("Au 1nm | C", **o)
    au = il.Stack("Au 1nm | C").layer(0)
    M1, M2, th = 4.002603254, 196.96657, math.radians(165)
    e2 = 1.43996448e-10  # e²/4πε0 in keV·cm
    E = 2000.0
    # Rutherford lab cross section (cm²/sr), Chu et al. eq. 2.21
    r = math.sqrt(1 - (M1 / M2 * math.sin(th)) ** 2)
    sig = (2 * 79 * e2 / (4 * E)) ** 2 * 4 / math.sin(th) ** 4 * (r + math.cos(th)) ** 2 / r
    want = 1e12 * 1e-3 * sig * au.atoms_cm3 * 1e-7
    assert sp.elements["Au"].sum() == pytest.approx(want, rel=5e-3)


def test_errors_carry_the_library_message():
    with pytest.raises(il.InvalidError, match="tilt"):
        il.iba.simulate(STACK, alpha_deg=95)
    with pytest.raises(ValueError, match="beam"):
        il.iba.simulate(STACK, beam="4Xx")


def test_idf_load_and_fit(source_dir):
    f = il.iba.load_idf(os.path.join(source_dir, "data/iba/simnra_rbs_rough.xnra"))
    assert len(f.spectra) >= 1 and len(f.stack) >= 1
    sp = il.iba.simulate(f.stack, **f.spectra[0].setup)
    assert sp.total.size == f.spectra[0].setup["channels"]
    # fit a spectrum drawn from a known thickness: the fit finds it within 3 σ
    truth = il.iba.simulate("Au 50nm | Si", seed=11, fluence=1e13)
    r = il.iba.fit("Au 40nm | Si", [{"counts": truth.sampled, "setup": {"fluence": 1e13}}],
                   ["Au.thickness_nm"])
    v, s = r["Au.thickness_nm"]
    assert abs(v - 50) < 3 * s and s < 1
    assert r.model[0].total.size == truth.total.size
    # empty channels add nothing to χ² (σ² = max(n, 1)), so only an upper bound holds
    assert r.chi2 / r.dof < 1.3


@pytest.mark.parametrize("args,kw", [
    (["--technique", "erda", "--foil", "Mylar", "--foil-thickness", "10um", "--detect", "H"],
     dict(technique="erda", foil="Mylar", foil_nm=10000, detect="H")),
    (["--live-time", "90", "--real-time", "100", "--pileup-time", "2", "--resolution-of",
      "4He=12keV", "--window", "50", "--phd", "--beam-spot", "1", "--aperture", "2",
      "--distance", "100"],
     dict(live_time_s=90, real_time_s=100, pileup_time_us=2, resolution_of={"4He": 12},
          window_tfu=50, phd=True, beam_spot_mm=1, aperture_mm=2, distance_mm=100)),
])
def test_foil_and_detector_same_as_cli(cli, args, kw):
    stack = "LiCoO2 100nm | Li3PO4 100nm | Si" if "erda" in args else STACK
    sp = il.iba.simulate(stack, **kw)
    t = rows(cli("iba", "simulate", stack, *args, "--csv"))
    np.testing.assert_allclose(sp.total, [float(r["total"]) for r in t], rtol=1e-9,
                               atol=1e-12)
    if "pile-up" in t[0]:
        np.testing.assert_allclose(sp.pileup, [float(r["pile-up"]) for r in t], rtol=1e-9,
                                   atol=1e-12)


def half_max_edge_keV(sp):
    """Energy of the high-energy edge of a spectrum at half its maximum (interpolated)."""
    y, top = sp.total, sp.total.max()
    k = np.max(np.nonzero(y >= top / 2)[0])
    return np.interp(top / 2, [y[k + 1], y[k]], [sp.energy_keV[k + 1], sp.energy_keV[k]])


def test_range_foil_against_its_stopping():
    # ERDA of H in Mylar, 2 MeV 4He, recoils at 30°: the surface edge sits at the recoil
    # energy E0 · 4 M1 M2 cos²φ / (M1 + M2)² (Tesmer & Nastasi app. 1). A 10 µm Mylar foil
    # in front of the detector lowers it by the protons' loss in the foil: dE/dx = −S(E)
    # integrated here with RK4 from the proton stopping table, independently of the IBA
    # code's slab transport. Edges are found at half maximum on 2 keV channels with 15 keV
    # FWHM resolution: 2 keV tolerance. Protons all pass the foil: counts equal to 1e-6.
    o = dict(technique="erda", energy_keV=2000, detect="H")
    bare = il.iba.simulate("Mylar 200nm | Si", **o)
    foil = il.iba.simulate("Mylar 200nm | Si", foil="Mylar", foil_nm=10000, **o)
    E = 2000 * il.iba.recoil_factor(4.002603254, 1.00782503, 30.0)
    assert half_max_edge_keV(bare) == pytest.approx(E, abs=2.0)
    S = lambda e: il.stopping("p", "Mylar", e)["total_keV_per_um"][0]  # noqa: E731
    h = 0.01  # µm steps
    for _ in range(1000):
        k1 = S(E)
        k2 = S(E - h * k1 / 2)
        k3 = S(E - h * k2 / 2)
        k4 = S(E - h * k3)
        E -= h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
    assert half_max_edge_keV(foil) == pytest.approx(E, abs=2.0)
    assert foil.total.sum() == pytest.approx(bare.total.sum(), rel=1e-6)
    with pytest.raises(ValueError, match="foil_nm"):
        il.iba.simulate(STACK, foil="Mylar")


def test_two_spectra_fit_same_as_cli(cli, tmp_path):
    # two detectors (165° and 140°) see one Au film; thickness shared, a scale each
    data = []
    for k, (theta, seed) in enumerate(((165, 1), (140, 2))):
        sp = il.iba.simulate("Au 50nm | Si", theta_deg=theta, seed=seed, fluence=1e13)
        il.Spectrum(sp.sampled, live_time_s=1, real_time_s=1).save(tmp_path / f"s{k + 1}.csv")
        data.append({"counts": sp.sampled, "setup": {"theta_deg": theta, "fluence": 1e13}})
    doc = json.loads(cli("iba", "fit", "Au 40nm | Si", tmp_path / "s1.csv",
                         f"{tmp_path / 's2.csv'},angle=140", "--fit", "Au.thickness_nm",
                         "--fit", "scale", "--fluence", "1e13", "--json"))
    r = il.iba.fit("Au 40nm | Si", data, ["Au.thickness_nm", "iba1:scale", "iba2:scale"])
    assert r.names == [p["name"] for p in doc["parameters"]]
    np.testing.assert_allclose(r.value, [p["value"] for p in doc["parameters"]], rtol=1e-9)
    np.testing.assert_allclose(r.sigma, [p["sigma"] for p in doc["parameters"]], rtol=1e-9)
    assert r.chi2 == pytest.approx(doc["chi2"], rel=1e-9) and r.dof == doc["dof"]
    assert r.chi2_expected == pytest.approx(doc["chi2_expected"], rel=1e-9)
    assert r.chi2_expected_sd == pytest.approx(doc["chi2_expected_sd"], rel=1e-9)
    # and the fit finds the truth: 50 nm within 3 σ, scales 1 within 3 σ
    assert abs(r["Au.thickness_nm"][0] - 50) < 3 * r["Au.thickness_nm"][1]
    for k in (1, 2):
        v, s = r[f"iba{k}:scale"]
        assert abs(v - 1) < 3 * s
    # a tie: one parameter drives a second target (one scale for both spectra)
    t = il.iba.fit("Au 40nm | Si", data,
                   ["Au.thickness_nm", {"target": "iba1:scale", "ties": ["iba2:scale"]}])
    assert t.names == ["Au.thickness_nm", "iba1:scale"]
    assert abs(t["iba1:scale"][0] - 1) < 3 * t["iba1:scale"][1]


def test_ebs_with_r33_same_as_cli(cli, source_dir):
    # 16O(α,α) elastic (non-Rutherford, SigmaCalc at 160°) near its 3.04 MeV resonance
    r33 = os.path.join(source_dir, "data/iba/sigmacalc_16O_alpha_alpha_16O_160deg.r33")
    kw = dict(energy_keV=3040, theta_deg=160, r33=[r33])
    sp = il.iba.simulate("SiO2 500nm | Si", **kw)
    t = rows(cli("iba", "simulate", "SiO2 500nm | Si", "--energy", "3040keV", "--angle", "160",
                 "--r33", r33, "--csv"))
    np.testing.assert_allclose(sp.elements["O"], [float(r["O"]) for r in t], rtol=1e-9,
                               atol=1e-12)
    # the resonance raises O's yield well above Rutherford's
    ruth = il.iba.simulate("SiO2 500nm | Si", energy_keV=3040, theta_deg=160)
    assert sp.elements["O"].sum() > 2 * ruth.elements["O"].sum()
