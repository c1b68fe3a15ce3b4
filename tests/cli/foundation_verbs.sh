#!/usr/bin/env bash
# CLI tests of the foundation verbs: documented JSON/CSV fields, exit codes, one-line errors
# that say where and what, and no partial output files. Usage: foundation_verbs.sh CLI SRCDIR
set -u
IL=$1
SRC=$2
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"



# --- documented JSON fields (issue 2, section 4)
expect_ok stopping-json '"electronic_keV_per_um"' "$IL" stopping 4He LiCoO2 --energy 2055.8keV --json
expect_ok stopping-json-nuclear '"nuclear_keV_per_um"' "$IL" stopping alpha LiCoO2 --energy 2055.8keV --json
expect_ok stopping-json-tfu '"electronic_eV_per_1e15_atoms_cm2"' "$IL" stopping alpha Li3PO4 --energy 2.0558MeV --json
expect_ok stopping-json-sources '"Li": "fit"' "$IL" stopping alpha LiCoO2 --energy 2055.8 --json
expect_ok stopping-json-table '"O": "table"' "$IL" stopping alpha LiCoO2 --energy 2055.8 --json
expect_ok range-json '"range_um"' "$IL" range t Li --energy 2727.7keV --json
expect_ok range-json-tfu '"range_1e15_atoms_per_cm2"' "$IL" range alpha Li --energy 2055.8keV --json
expect_ok stack-json '"areal_density_1e15_atoms_per_cm2"' "$IL" stack show default --json
expect_ok stack-json-li '"li_atoms_per_cm2"' "$IL" stack show "Pt 50nm | LiCoO2 1um | Si" --json
expect_ok stack-json-fields '"thickness_nm"' "$IL" stack show "Pt 50nm | LiCoO2 1um" --json
expect_ok stack-yaml 'LiCoO2' "$IL" stack show "$SRC/examples/default-cell.yaml"
expect_ok materials-list 'Li6PS5Cl' "$IL" materials
# a stack with concentration profiles lists them; the uniform amount is the layer's own Li
expect_ok stack-profiles 'electrolyte: Li linear, 3.1 at the top, 2.8 at the bottom' \
  "$IL" stack show "$SRC/examples/graded-electrolyte.yaml"
expect_ok stack-profiles-json '"uniform_atoms_per_cm2": 2.17513108e\+?18' \
  "$IL" stack show "$SRC/examples/graded-electrolyte.yaml" --json
expect_ok materials-one 'molar mass' "$IL" materials LiCoO2
expect_ok stopping-csv '^energy_keV,electronic_keV_per_um' "$IL" stopping p Si --energy 1MeV --csv
expect_ok depth-energy-csv '^depth_nm,layer,exit_energy_keV,straggling_sigma_keV' \
  "$IL" depth-energy alpha --energy 2055.8keV --stack default --csv
expect_ok ion-aliases '"ion": "3H"' "$IL" range triton Si --energy 1MeV --json

# The review's ranges in Li metal (Sec. 4.5.2: 23.5 um alpha, 133 um triton), within 3 %.
r=$("$IL" range alpha Li --energy 2055.8keV --csv | tail -1 | cut -d, -f2)
awk -v r="$r" 'BEGIN{exit !(r > 23.5*0.97 && r < 23.5*1.03)}' && ok || bad "alpha range in Li $r um"
r=$("$IL" range t Li --energy 2727.7keV --csv | tail -1 | cut -d, -f2)
awk -v r="$r" 'BEGIN{exit !(r > 133*0.97 && r < 133*1.03)}' && ok || bad "triton range in Li $r um"

# Exit energy from the surface of a bare layer is the birth energy; deeper is lower.
e0=$("$IL" depth-energy alpha --energy 2055.8keV --stack "LiCoO2 1um" --points 3 --csv | sed -n 2p | cut -d, -f3)
[ "$e0" = "2055.8" ] && ok || bad "surface exit energy $e0"

# A user scale on an element multiplies its electronic stopping exactly and is reported as "user".
s0=$("$IL" stopping alpha Li --energy 2MeV --csv | tail -1 | cut -d, -f2)
s1=$("$IL" stopping alpha Li --energy 2MeV --scale Li=1.1 --csv | tail -1 | cut -d, -f2)
awk -v a="$s0" -v b="$s1" 'BEGIN{exit !(b / a > 1.1 - 1e-9 && b / a < 1.1 + 1e-9)}' && ok || bad "--scale: $s0 -> $s1"
expect_ok scale-user-source '"Li": "user"' "$IL" stopping alpha LiCoO2 --energy 2MeV --scale Li=1.05 --json
expect_fail scale-foreign-element 1 "Si is not in LiCoO2" "$IL" range alpha LiCoO2 --energy 2MeV --scale Si=1.1

# --- errors: one line, place and problem, non-zero exit
expect_fail unknown-material 1 "unknown material 'LiCoO3'; did you mean 'LiCoO2'" \
  "$IL" stopping alpha LiCoO3 --energy 2MeV
expect_fail unknown-ion 1 "did you mean" "$IL" stopping alpah Si --energy 2MeV
expect_fail malformed-formula 1 "^interlayer: column 5: formula 'Li3P%O4': unexpected '%'$" "$IL" stopping alpha 'Li3P%O4' --energy 2MeV --density 2
expect_fail no-unit 1 "column 4: layer 1: '50' has no unit" "$IL" stack show "Pt 50 | Si"
expect_fail negative-thickness 1 "greater than zero" "$IL" stack show "Pt -5nm | Si"
expect_fail zero-thickness 1 "greater than zero" "$IL" stack show "Pt 0nm | Si"
expect_fail enrichment-range 1 "within \[0, 1\]" "$IL" stack show "LiCoO2 1um li6=1.2"
expect_fail enrichment-absent 1 "no natural B to enrich" "$IL" stack show "LiCoO2 1um b10=0.9"
expect_fail energy-unit 1 "unknown energy unit" "$IL" stopping alpha Si --energy 2GeVx
expect_fail energy-range 1 "keV" "$IL" stopping alpha Si --energy 5000MeV
expect_fail missing-file 1 "nosuch" "$IL" stack show "$tmp/nosuch.yaml"
printf 'layers:\n  - {material: Pt, thickness: 50nm}\n  - {material: LiCoO2, thickness: [1um}\n' >"$tmp/bad.yaml"
expect_fail malformed-yaml 1 "bad.yaml:3:[0-9]+" "$IL" stack show "$tmp/bad.yaml"
printf 'layers:\n  - {material: Pt, thickness: 50nm}\n  - {material: LiCoO3, thickness: 1um}\n' >"$tmp/bad2.yaml"
expect_fail yaml-unknown-material 1 "bad2.yaml:3:[0-9]+: .*LiCoO2" "$IL" stack show "$tmp/bad2.yaml"
expect_fail unknown-command 2 "unknown command" "$IL" frobnicate
expect_fail unknown-option 2 "unknown option" "$IL" range alpha Si --energy 1MeV --bogus

# --- nothing half-written: a failing run leaves no output file, a good one a whole file
"$IL" stopping alpha LiCoO3 --energy 2MeV --json -o "$tmp/s.json" 2>/dev/null
[ ! -e "$tmp/s.json" ] && ok || bad "failed run left $tmp/s.json"
"$IL" stopping alpha LiCoO2 --energy 2MeV --json -o "$tmp/s.json" && grep -q '"sources"' "$tmp/s.json" && ok || bad "-o json"
ls "$tmp" | grep -q '\.tmp\.' && bad "temporary files left behind" || ok
"$IL" depth-energy t --energy 2727.7keV --stack default --plot "$tmp/de.svg" --csv >/dev/null && [ -s "$tmp/de.svg" ] && ok || bad "plot"

echo "$pass passed, $fails failed"
[ "$fails" = 0 ]
