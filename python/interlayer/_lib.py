"""Loading libinterlayer and describing its C types to ctypes.

Every structure here mirrors one in include/interlayer/*.h field by field; the test
python/tests/test_layout.py compiles the headers and checks sizes and offsets, so a change on
the C side cannot silently shift a field here.
"""
import ctypes as C
import os

from . import _where

c_double_p = C.POINTER(C.c_double)
c_size_t_p = C.POINTER(C.c_size_t)

# Capacities fixed by the headers (formula.h, composition.h, stack.h, ndp.h).
IL_FORMULA_MAX = 32
IL_ENRICH_MAX = 8
IL_COMPOSITION_MAX = 64
IL_PROFILE_POINTS_MAX = 128
IL_LAYER_PROFILES_MAX = 4
IL_NDP_NAME_MAX = 64
IL_REFL_ORSO_CASES = 8


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("file", C.c_char * 256), ("line", C.c_int),
                ("column", C.c_int), ("message", C.c_char * 768)]


class Formula(C.Structure):
    _fields_ = [("n", C.c_size_t), ("Z", C.c_int * IL_FORMULA_MAX),
                ("A", C.c_int * IL_FORMULA_MAX), ("count", C.c_double * IL_FORMULA_MAX)]


class Enrichment(C.Structure):
    _fields_ = [("Z", C.c_int), ("A", C.c_int), ("fraction", C.c_double)]


class Composition(C.Structure):
    _fields_ = [("n", C.c_size_t), ("Z", C.c_int * IL_COMPOSITION_MAX),
                ("A", C.c_int * IL_COMPOSITION_MAX),
                ("atoms", C.c_double * IL_COMPOSITION_MAX)]


class LayerProfile(C.Structure):
    _fields_ = [("Z", C.c_int), ("A", C.c_int), ("kind", C.c_int), ("n", C.c_size_t),
                ("depth_nm", C.c_double * IL_PROFILE_POINTS_MAX),
                ("value", C.c_double * IL_PROFILE_POINTS_MAX),
                ("top", C.c_double), ("bottom", C.c_double), ("centre_nm", C.c_double),
                ("width_nm", C.c_double), ("at_interface", C.c_double), ("bulk", C.c_double),
                ("length_nm", C.c_double), ("from_bottom", C.c_int)]


class Layer(C.Structure):
    _fields_ = [("name", C.c_char * 64), ("material", C.c_char * 128), ("formula", Formula),
                ("density_g_cm3", C.c_double), ("density_source", C.c_char * 256),
                ("thickness_nm", C.c_double), ("areal_tfu", C.c_double), ("given", C.c_int),
                ("roughness_nm", C.c_double), ("n_enrich", C.c_size_t),
                ("enrich", Enrichment * IL_ENRICH_MAX), ("stopping_factor", C.c_double),
                ("is_substrate", C.c_int), ("molar_mass_g_mol", C.c_double),
                ("atoms_cm3", C.c_double), ("li_atoms_cm3", C.c_double),
                ("li6_atoms_cm3", C.c_double), ("li_atoms_cm2", C.c_double),
                ("li6_atoms_cm2", C.c_double), ("li_mol_cm2", C.c_double),
                ("li_capacity_uAh_cm2", C.c_double), ("n_profiles", C.c_size_t),
                ("profiles", LayerProfile * IL_LAYER_PROFILES_MAX)]


class Material(C.Structure):
    _fields_ = [("name", C.c_char_p), ("formula", C.c_char_p), ("density_g_cm3", C.c_double),
                ("density_source", C.c_char_p), ("description", C.c_char_p)]


class MaterialResolved(C.Structure):
    _fields_ = [("name", C.c_char * 64), ("formula", Formula), ("density_g_cm3", C.c_double),
                ("density_source", C.c_char * 256), ("from_db", C.c_int)]


class StoppingValue(C.Structure):
    _fields_ = [("electronic_eV_tfu", C.c_double), ("nuclear_eV_tfu", C.c_double),
                ("total_eV_tfu", C.c_double), ("source", C.c_int)]


class StoppingPart(C.Structure):
    _fields_ = [("Z", C.c_int), ("atom_fraction", C.c_double), ("value", StoppingValue)]


class StoppingTarget(C.Structure):
    _fields_ = [("Z", C.POINTER(C.c_int)), ("atoms", c_double_p), ("n", C.c_size_t),
                ("factor", C.c_double), ("user", C.c_void_p), ("n_user", C.c_size_t),
                ("exclude_nuclear", C.c_int), ("straggling", C.c_int),
                ("emax_keV", C.c_double)]


class Beam(C.Structure):
    _fields_ = [("E_keV", C.c_double), ("sigma_keV", C.c_double)]


class Slab(C.Structure):
    _fields_ = [("stopping", C.c_void_p), ("atoms_cm3", C.c_double),
                ("thickness_nm", C.c_double)]


class DepthEnergyTable(C.Structure):
    _fields_ = [("n", C.c_size_t), ("depth_nm", c_double_p), ("exit", C.POINTER(Beam))]


class NdpInstrument(C.Structure):
    _fields_ = [("fluence_rate_n_cm2_s", C.c_double), ("live_time_s", C.c_double),
                ("neutron_meV", C.c_double), ("geometry", C.c_int),
                ("distance_mm", C.c_double), ("area_mm2", C.c_double),
                ("angle_deg", C.c_double), ("solid_angle_sr", C.c_double),
                ("exit_angle_deg", C.c_double), ("angle_bins", C.c_int),
                ("channels", C.c_int), ("gain_keV", C.c_double), ("offset_keV", C.c_double),
                ("quadratic_keV", C.c_double), ("fwhm_keV", C.c_double),
                ("dead_layer_nm", C.c_double),
                ("detector_material", C.c_char * IL_NDP_NAME_MAX),
                ("gas", C.c_char * IL_NDP_NAME_MAX), ("gas_pressure_mbar", C.c_double),
                ("gas_temperature_K", C.c_double), ("foil", C.c_char * IL_NDP_NAME_MAX),
                ("foil_nm", C.c_double), ("bkg_flat_cps_keV", C.c_double),
                ("bkg_tail_cps_keV", C.c_double), ("bkg_tail_decay_keV", C.c_double),
                ("slice_nm", C.c_double)]


class NdpParticle(C.Structure):
    _fields_ = [("key", C.c_char * 32), ("reaction", C.c_char * 32), ("target_Z", C.c_int),
                ("target_A", C.c_int), ("Z", C.c_int), ("A", C.c_int),
                ("E0_keV", C.c_double), ("sigma_b", C.c_double)]


class NdpSim(C.Structure):
    _fields_ = [("n_channels", C.c_size_t), ("n_particles", C.c_size_t),
                ("n_layers", C.c_size_t), ("energy_keV", c_double_p), ("counts", c_double_p),
                ("background", c_double_p), ("by_particle", c_double_p),
                ("by_layer", c_double_p), ("layer_particle", c_double_p),
                ("layer_particle_born", c_double_p)]


class NdpInvertOptions(C.Structure):
    _fields_ = [("method", C.c_int), ("lambda_rule", C.c_int), ("Z", C.c_int),
                ("resample", C.c_int), ("seed", C.c_uint64),
                ("calibration_rel_sigma", C.c_double), ("stopping_rel_sigma", C.c_double),
                ("density_rel_sigma", C.c_double), ("systematic", C.c_int),
                ("geometry_rel_sigma", C.c_double), ("self_consistent", C.c_int),
                ("spill", C.c_int), ("nonneg", C.c_int), ("mlem_layers", C.c_int),
                ("mlem_uncertainty", C.c_int)]


class NdpProfile(C.Structure):
    _fields_ = [("n_bins", C.c_size_t), ("n_layers", C.c_size_t), ("depth_nm", c_double_p),
                ("width_nm", c_double_p), ("conc", c_double_p), ("conc_sigma", c_double_p),
                ("bin_layer", c_size_t_p), ("li_atoms_cm2", c_double_p),
                ("li_atoms_cm2_sigma", c_double_p), ("li_atoms_cm2_reg", c_double_p),
                ("li_atoms_cm2_sys", c_double_p), ("li_atoms_cm2_spill", c_double_p),
                ("li_atoms_cm2_stop", c_double_p), ("li_atoms_cm2_dens", c_double_p),
                ("li_atoms_cm2_geom", c_double_p), ("li_atoms_cm2_cal", c_double_p),
                ("li_atoms_cm2_total", c_double_p), ("li_atoms_cm2_nonsys", c_double_p),
                ("passes", C.c_int), ("passes_converged", C.c_int), ("fitted", c_double_p),
                ("n_channels", C.c_size_t), ("lambda_", C.c_double), ("chi2", C.c_double),
                ("iterations", C.c_int), ("n_func", C.c_size_t), ("func", c_double_p),
                ("func_sigma", c_double_p), ("func_bias", c_double_p),
                ("mlem_stop", C.c_int), ("mlem_sigma", C.c_int)]


class PlotSeries(C.Structure):
    _fields_ = [("x", c_double_p), ("y", c_double_p), ("yerr", c_double_p), ("n", C.c_size_t),
                ("label", C.c_char_p), ("style", C.c_int)]


class PlotAxes(C.Structure):
    _fields_ = [("title", C.c_char_p), ("xlabel", C.c_char_p), ("ylabel", C.c_char_p),
                ("logx", C.c_int), ("logy", C.c_int)]


class PlotLayers(C.Structure):
    _fields_ = [("edges", c_double_p), ("names", C.POINTER(C.c_char_p)), ("n", C.c_size_t)]


class NdpReferenceCalibration(C.Structure):
    _fields_ = [("edge_channel", C.c_double * 2), ("edge_keV", C.c_double * 2),
                ("offset_keV", C.c_double), ("gain_keV", C.c_double), ("factor", C.c_double),
                ("factor_sigma", C.c_double), ("fluence_rate_n_cm2_s", C.c_double)]


class ReflSlab(C.Structure):
    _fields_ = [("thickness_A", C.c_double), ("sld_re_1e6", C.c_double),
                ("sld_im_1e6", C.c_double), ("roughness_A", C.c_double)]


class ReflResolution(C.Structure):
    _fields_ = [("kind", C.c_int), ("dq_over_q", C.c_double), ("truncate_sigma", C.c_double),
                ("renormalise", C.c_int), ("points", C.c_int), ("tol", C.c_double)]


class ReflLayerModel(C.Structure):
    _fields_ = [("name", C.c_char * 64), ("thickness_A", C.c_double),
                ("roughness_A", C.c_double), ("sld_re_1e6", C.c_double),
                ("sld_im_1e6", C.c_double), ("comp", Composition),
                ("density_g_cm3", C.c_double), ("li6_fraction", C.c_double)]


class ReflProbe(C.Structure):
    _fields_ = [("probe", C.c_int), ("wavelength_A", C.c_double), ("energy_keV", C.c_double)]


class ReflDataset(C.Structure):
    _fields_ = [("name", C.c_char * 128), ("n", C.c_size_t), ("q_invA", c_double_p),
                ("r", c_double_p), ("dr", c_double_p), ("dq", c_double_p),
                ("dq_kind", C.c_int), ("probe", C.c_char * 16), ("wavelength_A", C.c_double)]


class ReflModel(C.Structure):
    _fields_ = [("probe", ReflProbe), ("layers", C.POINTER(ReflLayerModel)),
                ("nlayers", C.c_size_t), ("scale", C.c_double), ("background", C.c_double),
                ("res", ReflResolution), ("params", C.c_void_p), ("nparams", C.c_size_t),
                ("b", C.c_void_p), ("nb", C.c_size_t), ("sets", C.c_void_p),
                ("nsets", C.c_size_t)]


class ReflFitOpts(C.Structure):
    _fields_ = [("engine", C.c_int), ("seed", C.c_ulong), ("max_iter", C.c_int),
                ("de_population", C.c_int), ("de_tol", C.c_double),
                ("mcmc_walkers", C.c_int), ("mcmc_steps", C.c_int), ("mcmc_burn", C.c_int),
                ("nthreads", C.c_int), ("exact_resolution", C.c_int),
                ("mpi_comm", C.c_void_p)]


class ReflFitResult(C.Structure):
    _fields_ = [("npar", C.c_size_t), ("ndata", C.c_size_t), ("value", c_double_p),
                ("sigma", c_double_p), ("corr", c_double_p), ("chi2", C.c_double),
                ("chi2_red", C.c_double), ("iterations", C.c_int), ("converged", C.c_int),
                ("quad_err", C.c_double), ("quad_target", C.c_double),
                ("quad_nodes", C.c_size_t), ("stop", C.c_int), ("evaluations", C.c_size_t),
                ("seconds", C.c_double), ("ess", C.c_double),
                ("acceptance", C.c_double), ("tau", c_double_p),
                ("nsamples", C.c_size_t), ("samples", c_double_p),
                ("plan_rebuilds", C.c_int)]


class ReflValidation(C.Structure):
    _fields_ = [("test", C.c_int), ("nslabs", C.c_size_t), ("npoints", C.c_size_t),
                ("smeared", C.c_int), ("worst_rel_error", C.c_double),
                ("tolerance", C.c_double), ("pass_", C.c_int)]


# ---- elements (elements.h) ----
class Element(C.Structure):
    _fields_ = [("Z", C.c_int), ("symbol", C.c_char_p), ("name", C.c_char_p),
                ("atomic_weight_u", C.c_double), ("density_g_cm3", C.c_double),
                ("density_note", C.c_char_p)]


class Isotope(C.Structure):
    _fields_ = [("Z", C.c_int), ("A", C.c_int), ("mass_u", C.c_double),
                ("abundance", C.c_double)]


# ---- linear inverse engines (linv.h) ----
class LinvProblem(C.Structure):
    _fields_ = [("n_channels", C.c_size_t), ("n_bins", C.c_size_t), ("R", c_double_p),
                ("background", c_double_p)]


class LinvMlemOptions(C.Structure):
    _fields_ = [("max_iter", C.c_int), ("tol", C.c_double), ("stop", C.c_int),
                ("breaks", c_size_t_p), ("n_breaks", C.c_size_t)]


class LinvMlemInfo(C.Structure):
    _fields_ = [("iterations", C.c_int), ("deviance", C.c_double), ("target", C.c_double),
                ("stop", C.c_int)]


# ---- ion-beam analysis (iba.h, iba_fit.h, iba_io.h) ----
class IbaFoil(C.Structure):
    _fields_ = [("Z", C.POINTER(C.c_int)), ("atoms", c_double_p), ("n", C.c_size_t),
                ("areal_tfu", C.c_double)]


class IbaParticleResolution(C.Structure):
    _fields_ = [("Z", C.c_int), ("A", C.c_int), ("fwhm_keV", C.c_double)]


class IbaOptions(C.Structure):
    _fields_ = [("technique", C.c_int), ("beam_Z", C.c_int), ("beam_A", C.c_int),
                ("energy_keV", C.c_double), ("energy_spread_keV", C.c_double),
                ("geometry", C.c_int), ("theta_deg", C.c_double), ("alpha_deg", C.c_double),
                ("beta_deg", C.c_double), ("fluence", C.c_double),
                ("solid_angle_msr", C.c_double), ("resolution_keV", C.c_double),
                ("channels", C.c_size_t), ("cal_offset_keV", C.c_double),
                ("cal_gain_keV", C.c_double), ("cal_quad_keV", C.c_double),
                ("screening", C.c_int), ("straggling", C.c_int), ("accurate", C.c_int),
                ("sigma", C.POINTER(C.c_void_p)), ("n_sigma", C.c_size_t), ("foil", IbaFoil),
                ("detect_Z", C.c_int),
                ("particle_resolution", C.POINTER(IbaParticleResolution)),
                ("n_particle_resolution", C.c_size_t), ("pulse_height_defect", C.c_int),
                ("detector_window_tfu", C.c_double), ("real_time_s", C.c_double),
                ("live_time_s", C.c_double), ("pileup_time_us", C.c_double),
                ("beam_spot_mm", C.c_double), ("aperture_mm", C.c_double),
                ("detector_distance_mm", C.c_double), ("multiple_scattering", C.c_int),
                ("dual_scattering", C.c_int)]


class IbaPart(C.Structure):
    _fields_ = [("layer", C.c_size_t), ("Z", C.c_int), ("A", C.c_int), ("pZ", C.c_int),
                ("pA", C.c_int), ("counts", c_double_p)]


class IbaKinematicsRow(C.Structure):
    _fields_ = [("layer", C.c_size_t), ("Z", C.c_int), ("mass_u", C.c_double),
                ("factor", C.c_double), ("surface_keV", C.c_double), ("top_keV", C.c_double),
                ("bottom_keV", C.c_double), ("beam_top_keV", C.c_double),
                ("depth_scale_keV_nm", C.c_double)]


class IbaFitSpectrum(C.Structure):
    _fields_ = [("name", C.c_char_p), ("options", C.POINTER(IbaOptions)),
                ("counts", c_double_p), ("channels", C.c_size_t), ("first", C.c_size_t),
                ("last", C.c_size_t)]


class IbaFitParam(C.Structure):
    _fields_ = [("target", C.c_char_p), ("start", C.c_double), ("lower", C.c_double),
                ("upper", C.c_double), ("ties", C.c_char_p * 8)]


class IbaFitOptions(C.Structure):
    _fields_ = [("engine", C.c_int), ("reweight", C.c_int), ("seed", C.c_ulong),
                ("generations", C.c_int), ("steps", C.c_int), ("walkers", C.c_int),
                ("max_iter", C.c_int)]


class FitStackResult(C.Structure):
    _fields_ = [("n_params", C.c_size_t), ("value", c_double_p), ("sigma", c_double_p),
                ("corr", c_double_p), ("n_terms", C.c_size_t), ("chi2_term", c_double_p),
                ("n_term", c_size_t_p), ("chi2", C.c_double), ("dof", C.c_size_t)]


class IbaFitResult(C.Structure):
    _fields_ = [("engine", C.c_int), ("n_params", C.c_size_t),
                ("name", C.POINTER(C.c_char * 128)), ("start", c_double_p),
                ("fit", FitStackResult), ("iterations", C.c_int),
                ("evaluations", C.c_size_t), ("converged", C.c_int),
                ("acceptance", C.c_double), ("stack", C.c_void_p), ("n_spectra", C.c_size_t),
                ("options", C.POINTER(IbaOptions)), ("model", C.POINTER(C.c_void_p)),
                ("chi2_expected", c_double_p), ("chi2_expected_sd", c_double_p),
                ("chi2_expected_total", C.c_double), ("chi2_expected_sd_total", C.c_double)]


class IbaIdf(C.Structure):
    pass


IbaIdf._fields_ = [("stack", C.c_void_p), ("options", IbaOptions), ("data", c_double_p),
                   ("n_data", C.c_size_t), ("simulated", c_double_p),
                   ("n_simulated", C.c_size_t), ("next", C.POINTER(IbaIdf))]


# ---- the cell model (cell.h) ----
IL_CELL_MAX_INTERLAYERS = 4
IL_CELL_NAME_MAX = 64


class CellElectrode(C.Structure):
    _fields_ = [("layer", C.c_char * IL_CELL_NAME_MAX), ("ocv", C.c_char * IL_CELL_NAME_MAX),
                ("li_max_per_formula", C.c_double), ("li_initial_per_formula", C.c_double),
                ("diffusivity_cm2_s", C.c_double), ("diffusivity_slope", C.c_double),
                ("diffusion_activation_eV", C.c_double),
                ("exchange_current_A_cm2", C.c_double),
                ("kinetics_activation_eV", C.c_double),
                ("li_metal_density_g_cm3", C.c_double)]


class CellElectrolyte(C.Structure):
    _fields_ = [("layer", C.c_char * IL_CELL_NAME_MAX), ("conductivity_S_cm", C.c_double),
                ("activation_eV", C.c_double)]


class CellInterlayer(C.Structure):
    _fields_ = [("layer", C.c_char * IL_CELL_NAME_MAX), ("side", C.c_int),
                ("ionic_conductivity_S_cm", C.c_double),
                ("electronic_conductivity_S_cm", C.c_double),
                ("reaction_free_energy_eV", C.c_double),
                ("reaction_resistance_ohm_cm2", C.c_double),
                ("tunneling_conductance_S_cm2", C.c_double),
                ("tunneling_length_nm", C.c_double), ("molar_volume_cm3_mol", C.c_double),
                ("activation_eV", C.c_double), ("trap_fraction", C.c_double),
                ("trap_capacity_mol_cm2", C.c_double)]


class CellContact(C.Structure):
    _fields_ = [("stack_pressure_MPa", C.c_double), ("creep_prefactor_MPa_n_s", C.c_double),
                ("creep_exponent", C.c_double), ("creep_activation_kJ_mol", C.c_double),
                ("creep_length_um", C.c_double), ("void_height_um", C.c_double)]


class CellParams(C.Structure):
    _fields_ = [("name", C.c_char * 128), ("temperature_K", C.c_double),
                ("area_cm2", C.c_double), ("contact_resistance_ohm_cm2", C.c_double),
                ("nominal_capacity_uAh_cm2", C.c_double), ("cathode", CellElectrode),
                ("anode", CellElectrode), ("electrolyte", CellElectrolyte),
                ("n_interlayers", C.c_size_t),
                ("interlayers", CellInterlayer * IL_CELL_MAX_INTERLAYERS),
                ("contact", CellContact)]


class CellLedger(C.Structure):
    _fields_ = [("cathode", C.c_double), ("anode_mobile", C.c_double),
                ("plated", C.c_double), ("anode_metal", C.c_double),
                ("electrolyte", C.c_double),
                ("interlayer_immobilised", C.c_double * IL_CELL_MAX_INTERLAYERS),
                ("interlayer_reacted", C.c_double * IL_CELL_MAX_INTERLAYERS),
                ("interlayer_initial", C.c_double * IL_CELL_MAX_INTERLAYERS),
                ("immobilised", C.c_double), ("total", C.c_double),
                ("initial_total", C.c_double), ("relative_error", C.c_double),
                ("charge_C_cm2", C.c_double), ("li_moved_mol_cm2", C.c_double),
                ("throughput_C_cm2", C.c_double), ("faraday_relative_error", C.c_double)]


class CellSample(C.Structure):
    _fields_ = [("time_s", C.c_double), ("voltage_V", C.c_double),
                ("current_A_cm2", C.c_double), ("step", C.c_size_t), ("cycle", C.c_size_t),
                ("thickness_nm", C.c_double * IL_CELL_MAX_INTERLAYERS),
                ("resistance_ohm_cm2", C.c_double * IL_CELL_MAX_INTERLAYERS),
                ("electrolyte_resistance_ohm_cm2", C.c_double), ("cathode_x", C.c_double),
                ("anode_x", C.c_double), ("ledger", CellLedger), ("void_nm", C.c_double * 2),
                ("contact_fraction", C.c_double * 2),
                ("interface_resistance_ohm_cm2", C.c_double * 2)]


class CellCycle(C.Structure):
    _fields_ = [("cycle", C.c_size_t), ("charge_uAh_cm2", C.c_double),
                ("discharge_uAh_cm2", C.c_double), ("coulombic_efficiency", C.c_double),
                ("immobilised_uAh_cm2", C.c_double)]


class CellOptions(C.Structure):
    _fields_ = [("n_volumes", C.c_size_t), ("rtol", C.c_double), ("save_every_s", C.c_double),
                ("max_step_s", C.c_double), ("max_time_s", C.c_double),
                ("sample_every_s", C.c_double), ("progress", C.c_void_p),
                ("progress_user", C.c_void_p)]


class CellTwinOptions(C.Structure):
    _fields_ = [("seed", C.c_uint64), ("poisson", C.c_int), ("progress", C.c_void_p),
                ("progress_user", C.c_void_p)]


class CellTwin(C.Structure):
    _fields_ = [("n_spectra", C.c_size_t), ("n_channels", C.c_size_t), ("start_s", c_double_p),
                ("live_s", c_double_p), ("counts", c_double_p), ("reference", c_double_p),
                ("reference_live_s", C.c_double)]


# ---- NDP reduction (ndp_reduce.h, ndp_reduce_io.h) ----
class NdpRun(C.Structure):
    _fields_ = [("name", C.c_char_p), ("source", C.c_char_p), ("counts", c_double_p),
                ("n_channels", C.c_size_t), ("file_live_time_s", C.c_double),
                ("file_real_time_s", C.c_double), ("live_time_s", C.c_double),
                ("real_time_s", C.c_double), ("monitor_counts", C.c_double),
                ("monitor_sigma", C.c_double)]


class NdpRunUsed(C.Structure):
    _fields_ = [("live_time_s", C.c_double), ("real_time_s", C.c_double),
                ("live_source", C.c_int), ("real_source", C.c_int),
                ("dead_time_fraction", C.c_double), ("monitor_counts", C.c_double),
                ("monitor_sigma", C.c_double), ("total_counts", C.c_double)]


class NdpReduceOptions(C.Structure):
    _fields_ = [("ref_areal_density_atoms_cm2", C.c_double),
                ("ref_areal_density_sigma_atoms_cm2", C.c_double),
                ("ref_window_lo_ch", C.c_size_t), ("ref_window_hi_ch", C.c_size_t),
                ("ref_particles_per_capture", C.c_double), ("ref_reaction", C.c_char_p),
                ("li_reaction", C.c_char_p), ("ref_xs_sigma_b", C.c_double),
                ("li_xs_sigma_b", C.c_double), ("li_window_lo_ch", C.c_size_t),
                ("li_window_hi_ch", C.c_size_t)]


class NdpReduction(C.Structure):
    _fields_ = [("n_channels", C.c_size_t), ("counts", c_double_p), ("sigma", c_double_p),
                ("time_s", C.c_double), ("run", NdpRunUsed * 3),
                ("have_background", C.c_int),
                ("monitor_ratio_sample_background", C.c_double),
                ("monitor_ratio_reference_background", C.c_double),
                ("background_counts_subtracted", C.c_double),
                ("background_counts_subtracted_sigma", C.c_double),
                ("ref_counts_gross", C.c_double), ("ref_counts_net", C.c_double),
                ("ref_counts_net_sigma", C.c_double), ("ref_xs_b", C.c_double),
                ("ref_xs_sigma_b", C.c_double), ("li_xs_b", C.c_double),
                ("li_xs_sigma_b", C.c_double),
                ("fluence_omega_per_monitor_n_cm2", C.c_double),
                ("fluence_omega_per_monitor_sigma_n_cm2", C.c_double),
                ("fluence_omega_n_cm2", C.c_double),
                ("fluence_omega_sigma_n_cm2", C.c_double), ("li_counts", C.c_double),
                ("li_counts_sigma", C.c_double), ("li6_atoms_cm2", C.c_double),
                ("li6_atoms_cm2_sigma", C.c_double)]


class NdpReductionPlan(C.Structure):
    _fields_ = [("run", NdpRun * 3), ("have_background", C.c_int),
                ("options", NdpReduceOptions), ("spectrum", C.c_void_p * 3),
                ("path", (C.c_char * 1024) * 3), ("monitor_path", (C.c_char * 1024) * 3),
                ("monitor_window", (C.c_size_t * 2) * 3)]


# ---- the technique advisor (advise.h) ----
IL_ADVICE_TEXT = 320


class Technique(C.Structure):
    _fields_ = [("id", C.c_char_p), ("name", C.c_char_p), ("family", C.c_char_p),
                ("li_sensitive", C.c_int), ("isotope_sensitive", C.c_int),
                ("chemical_state", C.c_int), ("structure", C.c_int),
                ("destructive", C.c_int), ("operando", C.c_int),
                ("depth_res_min_nm", C.c_double), ("depth_res_max_nm", C.c_double),
                ("lateral_res_min_nm", C.c_double), ("lateral_res_max_nm", C.c_double),
                ("probe_depth_max_nm", C.c_double), ("capability", C.c_char_p),
                ("sample_requirement", C.c_char_p), ("limitation", C.c_char_p),
                ("section", C.c_char_p)]


class AdviseOptions(C.Structure):
    _fields_ = [("wants", C.c_uint), ("operando", C.c_int), ("resolution_nm", C.c_double),
                ("interlayer_nm", C.c_double), ("ndp_fluence_rate_n_cm2_s", C.c_double),
                ("precision", C.c_double), ("max_time_s", C.c_double),
                ("sputter_roughening", C.c_double), ("eh_potential_V", C.c_double),
                ("eh_lamella_nm", C.c_double), ("eh_voltage_kV", C.c_double),
                ("eh_phase_resolution_rad", C.c_double), ("eh_profile_V", c_double_p),
                ("eh_profile_n", C.c_size_t)]


class Advice(C.Structure):
    _fields_ = [("technique", C.POINTER(Technique)), ("verdict", C.c_int),
                ("decides", C.c_char * IL_ADVICE_TEXT), ("change", C.c_char * IL_ADVICE_TEXT),
                ("caveat", C.c_char * IL_ADVICE_TEXT), ("depth_resolution_nm", C.c_double),
                ("reach", C.c_double), ("by_table", C.c_int)]


class AdviceList(C.Structure):
    _fields_ = [("n", C.c_size_t), ("items", C.POINTER(Advice)),
                ("interface_depth_nm", C.c_double), ("upper", C.c_size_t)]


# ---- operando NDP (operando.h, operando_io.h, ndp_series.h) ----
class OperandoFrame(C.Structure):
    _fields_ = [("file", C.c_char_p), ("counts", c_double_p), ("n_channels", C.c_size_t),
                ("time_s", C.c_double), ("live_s", C.c_double), ("source", C.c_size_t)]


class OperandoFiles(C.Structure):
    _fields_ = [("n", C.c_size_t), ("frames", C.POINTER(OperandoFrame)),
                ("spectra", C.POINTER(C.c_void_p)), ("paths", C.POINTER(C.c_char_p)),
                ("reference", OperandoFrame), ("reference_spectrum", C.c_void_p),
                ("reference_path", C.c_char_p), ("clock", C.c_int)]


class NdpCycler(C.Structure):
    _fields_ = [("n", C.c_size_t), ("time_s", c_double_p), ("voltage_V", c_double_p),
                ("current_A", c_double_p)]


class NdpFaraday(C.Structure):
    _fields_ = [("charge_C", C.c_double), ("li_expected_atoms_cm2", C.c_double),
                ("li_expected_uAh_cm2", C.c_double), ("li_measured_atoms_cm2", C.c_double),
                ("li_measured_sigma_atoms_cm2", C.c_double), ("ratio", C.c_double)]


class NdpSeriesInput(C.Structure):
    _fields_ = [("n", C.c_size_t), ("counts", C.POINTER(c_double_p)), ("time_s", c_double_p),
                ("live_s", c_double_p), ("reference", c_double_p),
                ("reference_time_s", C.c_double), ("reference_live_s", C.c_double),
                ("cycler", C.POINTER(NdpCycler)), ("area_cm2", C.c_double),
                ("cathode_layer", C.c_size_t), ("window_nm", C.c_double),
                ("nsigma", C.c_double), ("consecutive", C.c_int),
                ("min_fraction", C.c_double), ("invert", NdpInvertOptions),
                ("stack", C.c_void_p), ("self_consistent", C.c_int),
                ("progress", C.c_void_p), ("progress_user", C.c_void_p),
                ("mpi_comm", C.c_void_p)]


class NdpSeries(C.Structure):
    _fields_ = [("n", C.c_size_t), ("n_bins", C.c_size_t), ("n_layers", C.c_size_t),
                ("n_channels", C.c_size_t), ("n_interfaces", C.c_size_t),
                ("reference", C.POINTER(NdpProfile)),
                ("profile", C.POINTER(C.POINTER(NdpProfile))), ("mid_time_s", c_double_p),
                ("delta_conc", c_double_p), ("delta_counts", c_double_p),
                ("inventory", c_double_p), ("inventory_sigma", c_double_p),
                ("moved", c_double_p), ("moved_sigma", c_double_p), ("moved_sys", c_double_p),
                ("voltage_V", c_double_p), ("faraday", C.POINTER(NdpFaraday)),
                ("interface_nm", c_double_p), ("excess", c_double_p),
                ("excess_sigma", c_double_p), ("window_nm", c_double_p),
                ("recovered", c_double_p), ("recovered_spread", c_double_p),
                ("first", c_size_t_p), ("growth_depth_nm", c_double_p)]


class OperandoOptions(C.Structure):
    _fields_ = [("area_cm2", C.c_double), ("cathode_layer", C.c_size_t),
                ("series", NdpSeriesInput)]


class OperandoResult(C.Structure):
    _fields_ = [("n", C.c_size_t), ("frames", C.POINTER(OperandoFrame)),
                ("reference", OperandoFrame), ("series", C.POINTER(NdpSeries)),
                ("cathode_layer", C.c_size_t), ("area_cm2", C.c_double),
                ("stack", C.c_void_p), ("model", C.c_void_p),
                ("cycler", C.POINTER(NdpCycler)), ("last_model", C.POINTER(NdpSim)),
                ("last_counts", c_double_p)]


P = C.POINTER
V = C.c_void_p
E = P(Error)
d = C.c_double
sz = C.c_size_t
i = C.c_int
s = C.c_char_p

# name: (restype, argtypes). Only what the Python layer calls; each matches its header.
_PROTOTYPES = {
    "il_error_format": (s, [E, C.c_char_p, sz]),
    "il_status_name": (s, [i]),
    # materials, formulas
    "il_material_builtin_count": (sz, []),
    "il_material_builtin": (P(Material), [sz]),
    "il_material_resolve": (i, [V, s, d, P(MaterialResolved), E]),
    "il_formula_parse": (i, [s, P(Formula), E]),
    "il_formula_format": (s, [P(Formula), C.c_char_p, sz]),
    "il_composition_from_formula": (i, [P(Formula), P(Enrichment), sz, P(Composition), E]),
    "il_composition_number_density": (i, [P(Composition), d, c_double_p, E]),
    "il_composition_molar_mass": (i, [P(Composition), c_double_p, E]),
    "il_composition_stopping_target": (None, [P(Composition), d, P(StoppingTarget)]),
    # stacks
    "il_stack_load": (i, [s, V, P(V), E]),
    "il_stack_parse": (i, [s, V, P(V), E]),
    "il_stack_parse_yaml": (i, [s, sz, s, V, P(V), E]),
    "il_stack_default_cell": (i, [P(V), E]),
    "il_stack_free": (None, [V]),
    "il_stack_clone": (i, [V, P(V), E]),
    "il_stack_name": (s, [V]),
    "il_stack_count": (sz, [V]),
    "il_stack_layer": (P(Layer), [V, sz]),
    "il_stack_thickness_nm": (d, [V]),
    "il_stack_areal_tfu": (d, [V]),
    "il_stack_layer_top_nm": (d, [V, sz]),
    "il_stack_format": (s, [V, C.c_char_p, sz]),
    "il_stack_set_thickness_nm": (i, [V, sz, d, E]),
    "il_stack_set_density": (i, [V, sz, d, E]),
    "il_stack_set_roughness_nm": (i, [V, sz, d, E]),
    "il_layer_composition": (i, [P(Layer), P(Composition), E]),
    # stopping
    "il_ion_parse": (i, [s, P(C.c_int), E]),
    "il_stopping_compound": (i, [i, P(StoppingTarget), d, P(StoppingValue), P(StoppingPart),
                                 P(sz), E]),
    "il_stop_source_name": (s, [i]),
    "il_stopping_new": (i, [i, P(StoppingTarget), P(V), E]),
    "il_stopping_free": (None, [V]),
    "il_stopping_range_tfu": (i, [V, d, c_double_p, E]),
    "il_stopping_keV_per_um": (d, [d, d]),
    "il_tfu_to_nm": (d, [d, d]),
    "il_nm_to_tfu": (d, [d, d]),
    "il_um_to_mg_cm2": (d, [d, d]),
    "il_stack_stopping_new": (i, [V, i, i, P(V), E]),
    "il_stack_stopping_free": (None, [V]),
    "il_stack_stopping_count": (sz, [V]),
    "il_stack_stopping_layers": (P(Slab), [V]),
    "il_depth_energy_sweep": (i, [P(Slab), sz, d, d, sz, d, P(DepthEnergyTable), E]),
    "il_depth_energy_table_clear": (None, [P(DepthEnergyTable)]),
    "il_depth_energy_curve": (i, [P(Slab), sz, d, d, c_double_p, sz, P(Beam), E]),
    # NDP
    "il_ndp_instrument_default": (None, [P(NdpInstrument)]),
    "il_ndp_instrument_check": (i, [P(NdpInstrument), E]),
    "il_ndp_instrument_load": (i, [s, P(NdpInstrument), E]),
    "il_ndp_solid_angle_sr": (d, [P(NdpInstrument)]),
    "il_ndp_solid_angle_fraction": (d, [P(NdpInstrument)]),
    "il_ndp_model_new": (i, [V, P(NdpInstrument), P(V), E]),
    "il_ndp_model_free": (None, [V]),
    "il_ndp_model_n_slices": (sz, [V]),
    "il_ndp_model_slice_edges_nm": (c_double_p, [V]),
    "il_ndp_model_n_layers": (sz, [V]),
    "il_ndp_model_layer_name": (s, [V, sz]),
    "il_ndp_model_layer_top_nm": (d, [V, sz]),
    "il_ndp_model_n_particles": (sz, [V]),
    "il_ndp_model_particle": (P(NdpParticle), [V, sz]),
    "il_ndp_depth_resolution": (i, [V, sz, c_double_p, sz, c_double_p, c_double_p, E]),
    "il_ndp_simulate": (i, [V, i, c_double_p, P(P(NdpSim)), E]),
    "il_ndp_sim_free": (None, [P(NdpSim)]),
    "il_ndp_poisson_sample": (i, [c_double_p, sz, C.c_uint64, c_double_p, E]),
    "il_ndp_invert_options_default": (None, [P(NdpInvertOptions)]),
    "il_ndp_invert": (i, [V, V, c_double_p, P(NdpInvertOptions), P(P(NdpProfile)), E]),
    "il_ndp_profile_free": (None, [P(NdpProfile)]),
    "il_ndp_calibrate_reference": (i, [V, P(NdpInstrument), c_double_p, sz, s,
                                       P(NdpReferenceCalibration), E]),
    # spectra
    "il_spectrum_load": (i, [s, i, P(V), E]),
    "il_spectrum_new": (i, [sz, P(V), E]),
    "il_spectrum_free": (None, [V]),
    "il_spectrum_n_channels": (sz, [V]),
    "il_spectrum_counts": (c_double_p, [V]),
    "il_spectrum_counts_mut": (c_double_p, [V]),
    "il_spectrum_live_time_s": (d, [V]),
    "il_spectrum_real_time_s": (d, [V]),
    "il_spectrum_set_times_s": (i, [V, d, d, E]),
    "il_spectrum_start_iso": (s, [V]),
    "il_spectrum_set_start_iso": (i, [V, s, E]),
    "il_spectrum_calibration": (i, [V, c_double_p]),
    "il_spectrum_set_calibration": (i, [V, d, d, d, E]),
    "il_spectrum_title": (s, [V]),
    "il_spectrum_set_title": (i, [V, s, E]),
    "il_spectrum_save": (i, [V, s, i, E]),
    "il_spectrum_format_name": (s, [i]),
    "il_spectrum_read_format": (i, [V]),
    # plots
    "il_plot_xy_layers": (i, [s, P(PlotAxes), P(PlotLayers), P(PlotSeries), sz, E]),
    "il_plot_map_layers": (i, [s, P(PlotAxes), P(PlotLayers), c_double_p, sz, c_double_p, sz,
                               c_double_p, s, E]),
    # reflectometry and SLD
    "il_refl_reflectivity": (i, [P(ReflSlab), sz, c_double_p, sz, d, d, c_double_p, E]),
    "il_refl_resolution_init": (None, [P(ReflResolution)]),
    "il_refl_smeared": (i, [P(ReflSlab), sz, c_double_p, c_double_p, sz, P(ReflResolution),
                            d, d, c_double_p, c_double_p, E]),
    "il_refl_profile": (i, [P(ReflSlab), sz, c_double_p, sz, c_double_p, c_double_p, E]),
    "il_refl_profile_grid": (i, [P(ReflSlab), sz, sz, c_double_p, E]),
    "il_refl_q_grid": (i, [d, d, sz, i, c_double_p, E]),
    "il_refl_model_parse": (i, [s, s, P(P(ReflLayerModel)), P(sz), E]),
    "il_refl_model_load": (i, [s, P(P(ReflModel)), E]),
    "il_refl_model_free": (None, [P(ReflModel)]),
    "il_refl_stack_layers": (i, [V, P(P(ReflLayerModel)), P(sz), E]),
    "il_refl_layer_sld": (i, [P(ReflLayerModel), P(ReflProbe), c_double_p, c_double_p, E]),
    "il_sld_neutron": (i, [P(Composition), d, d, C.c_uint, c_double_p, c_double_p, E]),
    "il_sld_xray": (i, [P(Composition), d, d, c_double_p, c_double_p, E]),
    "il_xray_energy_parse": (i, [s, c_double_p, E]),
    "il_refl_validate": (i, [P(ReflValidation), E]),
    "il_refl_data_load": (i, [s, V, P(V), E]),
    "il_refl_data_count": (sz, [V]),
    "il_refl_data_get": (P(ReflDataset), [V, sz]),
    "il_refl_data_free": (None, [V]),
    "il_refl_model_make_fit": (i, [P(ReflModel), P(P(ReflDataset)), sz, P(V), E]),
    "il_refl_fit_free": (None, [V]),
    "il_refl_fit_nparams": (sz, [V]),
    "il_refl_fit_param_name": (s, [V, i]),
    "il_refl_fit_opts_init": (None, [P(ReflFitOpts)]),
    "il_refl_fit_run": (i, [V, P(ReflFitOpts), P(ReflFitResult), E]),
    "il_refl_fit_result_free": (None, [P(ReflFitResult)]),
    "il_refl_fit_curve": (i, [V, i, c_double_p, c_double_p, E]),
    # elements
    "il_element_by_z": (P(Element), [i]),
    "il_element_by_symbol": (P(Element), [s]),
    "il_element_isotopes": (sz, [i, P(Isotope), sz]),
    "il_nuclide_mass_u": (i, [i, i, c_double_p, E]),
    # linear inverse engines
    "il_linv_mlem_options_default": (None, [P(LinvMlemOptions)]),
    "il_linv_mlem_run": (i, [P(LinvProblem), c_double_p, P(LinvMlemOptions), c_double_p,
                             P(LinvMlemInfo), E]),
    "il_linv_mlem_stop_text": (s, [i]),
    "il_linv_tikhonov_new": (i, [P(LinvProblem), c_double_p, c_size_t_p, sz, P(V), E]),
    "il_linv_tikhonov_free": (None, [V]),
    "il_linv_tikhonov_solve": (i, [V, c_double_p, i, c_double_p, c_double_p, c_double_p,
                                   c_double_p, E]),
    "il_linv_tikhonov_solve_nonneg": (i, [V, c_double_p, i, c_double_p, c_double_p, c_double_p,
                                          c_double_p, c_double_p, c_double_p, c_double_p,
                                          P(sz), E]),
    "il_linv_tikhonov_functional_sigma": (i, [V, d, c_double_p, c_double_p, E]),
    "il_linv_nnls": (i, [sz, sz, c_double_p, c_double_p, c_double_p, E]),
    "il_linv_poisson_deviance": (d, [c_double_p, c_double_p, sz]),
    # ion-beam analysis
    "il_iba_options_default": (None, [P(IbaOptions)]),
    "il_iba_exit_angle": (i, [P(IbaOptions), c_double_p, E]),
    "il_iba_kfactor": (i, [d, d, d, c_double_p]),
    "il_iba_recoil_factor": (d, [d, d, d]),
    "il_iba_simulate": (i, [V, P(IbaOptions), P(V), E]),
    "il_iba_spectrum_free": (None, [V]),
    "il_iba_spectrum_channels": (sz, [V]),
    "il_iba_spectrum_total": (c_double_p, [V]),
    "il_iba_spectrum_energy_keV": (d, [V, d]),
    "il_iba_spectrum_n_parts": (sz, [V]),
    "il_iba_spectrum_part": (P(IbaPart), [V, sz]),
    "il_iba_spectrum_pileup": (c_double_p, [V]),
    "il_iba_spectrum_element": (None, [V, i, c_double_p]),
    "il_iba_spectrum_elements": (sz, [V, P(i), sz]),
    "il_iba_spectrum_sample": (i, [V, C.c_uint64, c_double_p, E]),
    "il_iba_kinematics": (i, [V, P(IbaOptions), P(IbaKinematicsRow), sz, P(sz), E]),
    "il_iba_fit_options_default": (None, [P(IbaFitOptions)]),
    "il_iba_fit": (i, [V, P(IbaFitSpectrum), sz, P(IbaFitParam), sz, P(IbaFitOptions),
                       P(IbaFitResult), E]),
    "il_iba_fit_result_free": (None, [P(IbaFitResult)]),
    "il_iba_idf_load": (i, [s, P(P(IbaIdf)), E]),
    "il_iba_idf_free": (None, [P(IbaIdf)]),
    "il_r33_load": (i, [s, P(V), E]),
    "il_r33_free": (None, [V]),
    "il_r33_count": (sz, [V]),
    "il_r33_table": (V, [V, sz]),
    # the cell model
    "il_cell_params_default": (None, [P(CellParams)]),
    "il_cell_ocv_V": (i, [s, d, c_double_p, E]),
    "il_cell_params_load": (i, [s, P(CellParams), P(V), E]),
    "il_cell_params_parse": (i, [s, sz, s, s, P(CellParams), P(V), E]),
    "il_cell_protocol_parse": (i, [s, s, P(V), E]),
    "il_cell_protocol_from_current": (i, [c_double_p, c_double_p, sz, d, P(V), E]),
    "il_cell_protocol_free": (None, [V]),
    "il_cell_new": (i, [P(CellParams), V, P(V), E]),
    "il_cell_free": (None, [V]),
    "il_cell_nominal_capacity_uAh_cm2": (d, [V]),
    "il_cell_options_default": (None, [P(CellOptions)]),
    "il_cell_parse_duration_s": (i, [s, c_double_p, E]),
    "il_cell_run": (i, [V, V, P(CellOptions), P(V), E]),
    "il_cell_result_free": (None, [V]),
    "il_cell_result_n_samples": (sz, [V]),
    "il_cell_result_sample": (P(CellSample), [V, sz]),
    "il_cell_result_n_cycles": (sz, [V]),
    "il_cell_result_cycle": (P(CellCycle), [V, sz]),
    "il_cell_result_n_states": (sz, [V]),
    "il_cell_result_state_time_s": (d, [V, sz]),
    "il_cell_result_state_stack": (i, [V, sz, P(V), E]),
    "il_cell_result_params": (P(CellParams), [V]),
    "il_cell_twin_options_default": (None, [P(CellTwinOptions)]),
    "il_cell_twin_run": (i, [V, P(NdpInstrument), P(CellTwinOptions), P(P(CellTwin)), E]),
    "il_cell_twin_free": (None, [P(CellTwin)]),
    # NDP reduction
    "il_ndp_reduction_plan_load": (i, [s, P(P(NdpReductionPlan)), E]),
    "il_ndp_reduction_plan_free": (None, [P(NdpReductionPlan)]),
    "il_ndp_reduce": (i, [P(NdpRun), P(NdpRun), P(NdpRun), P(NdpReduceOptions),
                          P(P(NdpReduction)), E]),
    "il_ndp_reduction_free": (None, [P(NdpReduction)]),
    # operando NDP
    "il_operando_files_load": (i, [s, s, s, P(P(OperandoFiles)), E]),
    "il_operando_files_free": (None, [P(OperandoFiles)]),
    "il_operando_align": (i, [P(OperandoFrame), sz, P(OperandoFrame), i, E]),
    "il_operando_check_channels": (i, [P(OperandoFrame), sz, sz, E]),
    "il_operando_options_default": (None, [P(OperandoOptions)]),
    "il_operando_run": (i, [V, V, P(OperandoFrame), sz, P(OperandoFrame), P(NdpCycler),
                            P(OperandoOptions), P(P(OperandoResult)), E]),
    "il_operando_result_free": (None, [P(OperandoResult)]),
    "il_ndp_cycler_load": (i, [s, P(P(NdpCycler)), E]),
    "il_ndp_cycler_free": (None, [P(NdpCycler)]),
    # the advisor
    "il_technique_count": (sz, []),
    "il_technique_get": (P(Technique), [sz]),
    "il_advise_options_default": (None, [P(AdviseOptions)]),
    "il_advise_wants_parse": (i, [s, P(C.c_uint), P(i), E]),
    "il_advise_run": (i, [V, s, P(AdviseOptions), P(P(AdviceList)), E]),
    "il_advice_list_free": (None, [P(AdviceList)]),
    "il_verdict_name": (s, [i]),
}


def _candidates():
    # An explicit path wins (tests point it at the build tree), then the path written at
    # install time, then the system's search (ldconfig, LD_LIBRARY_PATH).
    env = os.environ.get("INTERLAYER_LIBRARY")
    if env:
        yield env
    if _where.LIBRARY:
        yield _where.LIBRARY
    yield "libinterlayer.so.0"
    yield "libinterlayer.so"


def _load():
    errors = []
    for path in _candidates():
        try:
            lib = C.CDLL(path)
        except OSError as e:
            errors.append(str(e))
            continue
        for name, (res, args) in _PROTOTYPES.items():
            f = getattr(lib, name)
            f.restype = res
            f.argtypes = args
        return lib
    raise ImportError("interlayer: cannot load libinterlayer (set INTERLAYER_LIBRARY to its "
                      "path): " + "; ".join(errors))


lib = _load()

# GSL's default error handler aborts the process; a Python session must get an exception
# instead, so the package (a program using the library, as the CLI is) turns it off once.
# dlsym through the library's handle finds GSL among its dependencies.
lib.gsl_set_error_handler_off.restype = C.c_void_p
lib.gsl_set_error_handler_off()
