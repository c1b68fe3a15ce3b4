/* Files of the cell model (cell.h): the parameter file (YAML, units in the keys) and what a run
 * writes.
 *
 * Parameter file:
 *   name: Si | Li3PO4 | LiCoO2 thin-film cell
 *   stack: "Pt 50nm | LiCoO2 700nm name=cathode | ..."   (inline, or a stack file's path,
 *                                                         relative to the parameter file)
 *   temperature_K: 298.15          area_cm2: 1            contact_resistance_ohm_cm2: 0
 *   nominal_capacity_uAh_cm2: 0    (0: from the cathode)
 *   cathode / anode: {layer, ocv, li_max_per_formula, li_initial_per_formula,
 *       diffusivity_cm2_s, diffusivity_slope, diffusion_activation_eV, exchange_current_A_cm2,
 *       kinetics_activation_eV, li_metal_density_g_cm3}
 *   electrolyte: {layer, conductivity_S_cm, activation_eV}
 *   interlayers: [{layer, side: anode|cathode, ionic_conductivity_S_cm,
 *       electronic_conductivity_S_cm, reaction_free_energy_eV, reaction_resistance_ohm_cm2,
 *       tunneling_conductance_S_cm2, tunneling_length_nm, molar_volume_cm3_mol, activation_eV,
 *       trap_fraction, trap_capacity_mol_cm2}]
 *   contact: {stack_pressure_MPa, creep_prefactor_MPa_n_s, creep_exponent,
 *       creep_activation_kJ_mol, creep_length_um, void_height_um}   (Li metal electrodes)
 *   sources: anything (citations; not read)
 * Unknown keys, values that are not numbers, negative values and the model's own checks
 * (il_cell_new) give one error at file:line:column naming the key.
 *
 * A run (il_cell_write) writes into a folder:
 *   timeseries.csv  time_s,time_h,voltage_V,current_uA_cm2,charge_uAh_cm2,cycle,step,
 *                   cathode_x,anode_x, per interlayer "<name> thickness_nm", "<name>
 *                   resistance_ohm_cm2", electrolyte_resistance_ohm_cm2, and with the contact
 *                   diagnostic per Li metal electrode "<layer> void_nm", "<layer>
 *                   contact_fraction", "<layer> interface_resistance_ohm_cm2" 
 *   ledger.csv      time_s, the ledger in Li atoms/cm2 (cathode, anode_mobile, anode_metal,
 *                   plated, electrolyte, per interlayer immobilised/reacted/initial, total),
 *                   relative_error, charge_C_cm2, li_moved_atoms_cm2, faraday_relative_error
 *   cycles.csv      cycle,charge_uAh_cm2,discharge_uAh_cm2,coulombic_efficiency,
 *                   immobilised_uAh_cm2
 *   summary.json    name, parameters, steps, cycles, final ledger, worst ledger errors,
 *                   contact (Li metal cells: enabled, stripping CCD, assumptions, worst void),
 *                   saved states (time and stack file)
 *   states/state_NNN.yaml  saved states as stack files (il_stack_load reads them)
 *   voltage.svg, thickness.svg, ledger.svg
 * Every file appears whole or not at all (outfile.h). */
#ifndef INTERLAYER_CELL_IO_H
#define INTERLAYER_CELL_IO_H
#include "interlayer/export.h"
#include <stddef.h>

#include "interlayer/cell.h"
#include "interlayer/cell_twin.h"
#include "interlayer/ndp.h"
#include "interlayer/error.h"
#include "interlayer/stack.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a parameter file, loads its stack and checks both by building the model; on success
 * *params and *stack (free with il_stack_free) hold them. */
IL_API il_status il_cell_params_load(const char *path, il_cell_params *params, il_stack **stack,
                                     il_error *err);
/* The same from text; `name` labels errors, `dir` (may be NULL) resolves a relative stack
 * path. */
IL_API il_status il_cell_params_parse(const char *text, size_t len, const char *name,
                                      const char *dir, il_cell_params *params, il_stack **stack,
                                      il_error *err);

/* A stack as a YAML stack file (the layers, their densities, and Li profiles as LINEAR points),
 * readable by il_stack_load_yaml. */
IL_API il_status il_cell_write_stack_yaml(const char *path, const il_stack *s, il_error *err);

/* All files of a run into `dir` (created when missing). `protocol_text` is recorded. */
IL_API il_status il_cell_write(const char *dir, const il_cell_result *r, const char *protocol_text,
                               il_error *err);

/* The cycler record of a run in the Battery Data Format the NDP operando reader takes
 * (ndp_io.h): `Test Time / s,Voltage / V,Current / A` (current = A/cm2 x area_cm2, > 0
 * charging) at every sample. */
IL_API il_status il_cell_write_cycler_csv(const char *path, const il_cell_result *r,
                                          il_error *err);

/* The twin's synthetic experiment, as `interlayer ndp operando` reads real data:
 *   series/spectrum_NNN.spe and series/index.csv (file,time_s,live_time_s: acquisition
 *   starts on the cycler's clock), reference.spe (the pristine cell), pristine.yaml (its
 *   stack: the first saved state), cycler.csv. The spectra carry the instrument's energy
 *   calibration and live time. */
IL_API il_status il_cell_twin_write(const char *dir, const il_cell_twin *t,
                                    const il_ndp_instrument *ins, const il_cell_result *r,
                                    il_error *err);

/* The twin's reflectometry series: refl/state_NNN.ort (R(Q) of each saved state, dQ as 1
 * sigma, no noise) and refl/index.csv (file,time_s) in `dir`. */
IL_API il_status il_cell_twin_write_refl(const char *dir, const il_cell_result *r,
                                         const il_cell_twin_refl_options *o, il_error *err);

#ifdef __cplusplus
}
#endif
#endif
