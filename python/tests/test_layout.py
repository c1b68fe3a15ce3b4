"""The ctypes mirrors of the C structures must match the headers byte for byte: compile a
program that prints sizeof and every offsetof, and compare. A field added, removed or
retyped on either side fails here instead of reading garbage."""
import ctypes as C
import os
import shutil
import subprocess

import pytest

from interlayer import _lib

STRUCTS = {
    "Error": "il_error", "Formula": "il_formula", "Enrichment": "il_enrichment",
    "Composition": "il_composition", "LayerProfile": "il_layer_profile", "Layer": "il_layer",
    "Material": "il_material", "MaterialResolved": "il_material_resolved",
    "StoppingValue": "il_stopping_value", "StoppingPart": "il_stopping_part",
    "StoppingTarget": "il_stopping_target", "Beam": "il_beam", "Slab": "il_slab",
    "DepthEnergyTable": "il_depth_energy_table", "NdpInstrument": "il_ndp_instrument",
    "NdpParticle": "il_ndp_particle", "NdpSim": "il_ndp_sim",
    "NdpInvertOptions": "il_ndp_invert_options", "NdpProfile": "il_ndp_profile",
    "ReflSlab": "il_refl_slab", "ReflResolution": "il_refl_resolution",
    "ReflLayerModel": "il_refl_layer_model", "ReflProbe": "il_refl_probe",
    "ReflDataset": "il_refl_dataset", "ReflModel": "il_refl_model",
    "ReflFitOpts": "il_refl_fit_opts", "ReflFitResult": "il_refl_fit_result",
    "ReflValidation": "il_refl_validation", "PlotSeries": "il_plot_series",
    "PlotAxes": "il_plot_axes", "PlotLayers": "il_plot_layers",
    "NdpReferenceCalibration": "il_ndp_reference_calibration",
    "LinvProblem": "il_linv_problem", "LinvMlemOptions": "il_linv_mlem_options",
    "LinvMlemInfo": "il_linv_mlem_info", "IbaFoil": "il_iba_foil",
    "IbaParticleResolution": "il_iba_particle_resolution", "IbaOptions": "il_iba_options",
    "IbaPart": "il_iba_part", "IbaKinematicsRow": "il_iba_kinematics_row",
    "IbaFitSpectrum": "il_iba_fit_spectrum", "IbaFitParam": "il_iba_fit_param",
    "IbaFitOptions": "il_iba_fit_options", "FitStackResult": "il_fit_stack_result",
    "IbaFitResult": "il_iba_fit_result", "IbaIdf": "il_iba_idf",
    "CellElectrode": "il_cell_electrode", "CellElectrolyte": "il_cell_electrolyte",
    "CellInterlayer": "il_cell_interlayer", "CellContact": "il_cell_contact",
    "CellParams": "il_cell_params", "CellLedger": "il_cell_ledger",
    "CellSample": "il_cell_sample", "CellCycle": "il_cell_cycle",
    "CellOptions": "il_cell_options", "NdpRun": "il_ndp_run", "NdpRunUsed": "il_ndp_run_used",
    "NdpReduceOptions": "il_ndp_reduce_options", "NdpReduction": "il_ndp_reduction",
    "NdpReductionPlan": "il_ndp_reduction_plan", "Technique": "il_technique",
    "AdviseOptions": "il_advise_options", "Advice": "il_advice",
    "AdviceList": "il_advice_list", "Element": "il_element", "Isotope": "il_isotope",
    "CellTwinOptions": "il_cell_twin_options", "CellTwin": "il_cell_twin",
    "OperandoFrame": "il_operando_frame", "OperandoFiles": "il_operando_files",
    "NdpCycler": "il_ndp_cycler", "NdpFaraday": "il_ndp_faraday",
    "NdpSeriesInput": "il_ndp_series_input", "NdpSeries": "il_ndp_series",
    "OperandoOptions": "il_operando_options", "OperandoResult": "il_operando_result",
}
RENAMED = {"lambda_": "lambda", "pass_": "pass"}


def c_name(field):
    return RENAMED.get(field, field)


def test_every_struct_matches_its_header(tmp_path):
    cc = os.environ.get("CC") or shutil.which("cc")
    includes = os.environ.get("INTERLAYER_INCLUDE_DIRS")
    if not cc or not includes:
        pytest.skip("needs a C compiler and INTERLAYER_INCLUDE_DIRS")
    lines = ['#include "interlayer/interlayer.h"', "#include <stdio.h>",
             "#include <stddef.h>", "int main(void) {"]
    expected = []
    for py, cname in STRUCTS.items():
        cls = getattr(_lib, py)
        lines.append(f'printf("{py} %zu\\n", sizeof({cname}));')
        expected.append(f"{py} {C.sizeof(cls)}")
        for f, _ in cls._fields_:
            lines.append(f'printf("{py}.{f} %zu\\n", offsetof({cname}, {c_name(f)}));')
            expected.append(f"{py}.{f} {getattr(cls, f).offset}")
    lines.append("return 0; }")
    src = tmp_path / "layout.c"
    src.write_text("\n".join(lines) + "\n")
    exe = tmp_path / "layout"
    args = [cc, "-std=c11", "-o", str(exe), str(src)]
    args += ["-I" + d for d in includes.split(os.pathsep)]
    subprocess.run(args, check=True)
    got = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout.split("\n")
    assert [g for g in got if g] == expected
