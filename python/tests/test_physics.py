"""Physics through the Python layer against independent references."""
import math

import numpy as np
import pytest

import interlayer as il


def test_fresnel_reflectivity_of_a_bare_substrate():
    # Analytic: r = (k0 - k1)/(k0 + k1), k1 = sqrt(k0^2 - 4 pi rho 1e-6), k0 = Q/2 (no
    # roughness, no absorption). Tolerance 1e-12 relative: two exact formulas in doubles.
    rho = 2.07
    q = np.linspace(0.001, 0.3, 300)
    r = il.refl.reflectivity([[0, 0, 0, 0], [0, rho, 0, 0]], q)
    k0 = q / 2
    k1 = np.sqrt(k0 * k0 - 4 * math.pi * rho * 1e-6 + 0j)
    ref = np.abs((k0 - k1) / (k0 + k1)) ** 2
    np.testing.assert_allclose(r, ref, rtol=1e-12)


def test_si_neutron_sld_matches_tabulated():
    # Si: b = 4.1491 fm (Sears 1992), 2.329 g/cm3 -> 2.0735e-6 A^-2 (NIST SLD calculator gives
    # 2.074 for 2.33 g/cm3). 1e-3 relative: the density's last digit.
    assert il.refl.sld("Si", 2.329).real == pytest.approx(2.0735, rel=1e-3)


def test_orso_validation_suite_passes():
    assert all(v["pass"] for v in il.refl.validate())


def test_alpha_stopping_in_silicon_against_astar():
    # NIST ASTAR (ICRU 49), Si, 2 MeV alpha: electronic 1023 MeV cm2/g -> at 2.33 g/cm3
    # 1023 * 2.33 * 0.1 = 238.36 keV/um. 2e-3: the table's four printed digits.
    s = il.stopping("alpha", "Si", 2000.0)
    assert s["electronic_keV_per_um"][0] == pytest.approx(238.36, rel=2e-3)
    assert s["source"][0] == "table"


def test_li_capacity_of_licoo2_from_first_principles():
    # 1 um LiCoO2 at 5.05 g/cm3: 5.05e-4 g/cm2 / 97.87 g/mol * F / 3.6 C per mAh -> 138.3
    # uAh/cm2 (molar mass from CIAAW weights; 1e-4 relative for rounding of those).
    s = il.Stack("LiCoO2 1um")
    expected = 5.05e-4 / (6.94 + 58.933194 + 2 * 15.999) * 96485.33212 / 3.6e-3
    assert s.li_capacity_uAh_cm2 == pytest.approx(expected, rel=1e-3)


def test_ndp_spectrum_parts_add_up_and_inversion_recovers_li():
    stack = il.Stack("Pt 50nm | LiCoO2 700nm | Si")
    sim = il.ndp.simulate(stack, seed=11)
    # Conservation: the total is background plus every particle's share (1e-12 relative).
    parts = sim.background + sum(sim.by_particle.values())
    np.testing.assert_allclose(parts, sim.counts, rtol=1e-12, atol=1e-12)
    p = il.ndp.invert(sim.sampled, stack)
    truth = stack.layer(1).li_atoms_cm2
    # The inverted inventory of the LiCoO2 layer lies within 3 sigma of the truth (counting
    # plus regularisation bias); a wrong response or scale is off by far more.
    sig = math.hypot(p.li_atoms_cm2_sigma[1], p.li_atoms_cm2_reg[1])
    assert abs(p.li_atoms_cm2[1] - truth) < 3 * sig


def test_errors_carry_the_library_message_and_place():
    with pytest.raises(il.ParseError) as e:
        il.parse_formula("Li3P%O4")
    assert e.value.column == 5 and "unexpected '%'" in str(e.value)
    with pytest.raises(il.NotFoundError) as e:
        il.Stack("Pt 50nm | LiCoO3 1um | Si")
    assert "did you mean 'LiCoO2'" in e.value.message
    with pytest.raises(il.RangeError):
        il.stopping("alpha", "Si", 1e9)
    with pytest.raises(il.InterlayerError) as e:
        il.Stack.from_yaml("layers:\n  - {material: Pt, thickness: fifty}\n", "s.yaml")
    assert e.value.file == "s.yaml" and e.value.line == 2


def test_spectrum_round_trip(tmp_path):
    s = il.Spectrum([1, 2, 3, 40], live_time_s=10.5, real_time_s=11.0)
    s.calibration = (1.0, 3.0, 0.0)
    s.save(tmp_path / "a.spe")
    t = il.Spectrum.load(tmp_path / "a.spe")
    assert t.format == "Spe"
    assert list(t.counts) == [1, 2, 3, 40]
    assert (t.live_time_s, t.real_time_s) == (10.5, 11.0)
    assert t.calibration[:2] == (1.0, 3.0)


def test_refl_fit_recovers_thickness(tmp_path, source_dir):
    # Simulated data from a known film, fitted from a wrong start: LM finds the truth within
    # 3 sigma (noise 2 %, seeded).
    import interlayer.refl as R
    q = R.q_grid(0.01, 0.2, 120)
    truth = [[0, 0, 0, 0], [300, 4.0, 0, 5], [0, 2.07, 0, 3]]
    r = R.reflectivity(truth, q)
    rng = np.random.default_rng(3)
    dr = 0.02 * r
    data = tmp_path / "d.txt"
    np.savetxt(data, np.c_[q, r + rng.normal(0, dr), dr])
    model = tmp_path / "m.yaml"
    model.write_text("probe: neutron\nlayers:\n"
                     "  - {name: air, sld: 0}\n"
                     "  - {name: film, sld: 4.0, thickness: {value: 295, min: 250, max: 350},"
                     " roughness: 5}\n"
                     "  - {name: Si, sld: 2.07, roughness: 3}\n")
    f = R.fit(model, data)
    k = f["names"].index(next(n for n in f["names"] if "thick" in n))
    assert abs(f["value"][k] - 300) < 3 * f["sigma"][k]
    # The run is reported as the C library reports it: why LM stopped and how much it cost.
    assert f["stop"] in ("converged", "no-progress") and f["converged"]
    assert f["evaluations"] > 0 and f["seconds"] > 0
    assert 0 <= f["quadrature_error"] < 1e-3
