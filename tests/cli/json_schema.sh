#!/usr/bin/env bash
# Every verb's --json output validates against its schema in docs/schema/ (numbers are numbers
# or null, never strings such as "substrate"; documented fields present), including the cases
# that produce non-finite values (a substrate, particles that no longer escape).
# Usage: json_schema.sh CLI SRCDIR. Needs python3-jsonschema (Debian).
set -u
IL=$1
SRC=$2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
  echo "FAIL: python3-jsonschema is not installed (apt-get install python3-jsonschema)"; exit 1
fi
fails=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S="Pt 50nm | LiCoO2 1um | Li3PO4 1.5um | Si"

# check SCHEMA CMD...: runs the command, validates its stdout.
check() {
  local schema=$1; shift
  if ! "$@" >"$tmp/out.json" 2>"$tmp/err"; then
    echo "FAIL: $*: exit $? ($(head -c 300 "$tmp/err"))"; fails=$((fails + 1)); return
  fi
  if out=$("$PY" "$SRC/tests/cli/json_validate.py" "$SRC/docs/schema/$schema.schema.json" <"$tmp/out.json"); then
    pass=$((pass + 1))
  else
    echo "FAIL: $* does not validate against $schema: $out"; fails=$((fails + 1))
  fi
}

check materials-list "$IL" materials --json
check materials-show "$IL" materials LiCoO2 --json
check stack-show "$IL" stack show default --json
check stack-show "$IL" stack show "$S" --json
check stack-show "$IL" stack show "$SRC/examples/graded-electrolyte.yaml" --json
check stopping "$IL" stopping alpha LiCoO2 --energy 2000 --json
check stopping "$IL" stopping t Li3PO4 --from 100 --to 2727 --points 7 --json
check range "$IL" range alpha LiCoO2 --energy 2055.8 --json
check iba-pige "$IL" iba pige "LiF 500nm | Si" --r33 "$SRC/tests/cli/data/pige_test_7li.r33" --json
check depth-energy "$IL" depth-energy alpha --energy 2055.8 --stack "$S" --points 10 --json
check ndp-simulate "$IL" ndp simulate "$S" --seed 1 --json
check ndp-reactions "$IL" ndp reactions --json
"$IL" ndp simulate "$S" --seed 1 -o "$tmp/s.csv" 2>/dev/null
check ndp-invert "$IL" ndp invert "$tmp/s.csv" --stack "$S" --json
check ndp-invert "$IL" ndp invert "$tmp/s.csv" --stack "$S" --method classic --json
check ndp-invert "$IL" ndp invert "$tmp/s.csv" --stack "$S" --fit-interlayer 1500nm --json
# a result file of ndp invert --batch (MLEM): the schema of ndp invert --json
batch_json() { "$IL" ndp invert --batch "$tmp/bi.txt" --batch-out "$tmp/bo" --stack "$S" --method mlem >/dev/null && cat "$tmp/bo/s.csv.json"; }
echo "s.csv" >"$tmp/bi.txt"
check ndp-invert batch_json
check ndp-calibrate "$IL" ndp calibrate "$tmp/s.csv" --stack "$S" --json
check refl-sld "$IL" refl sld "air | LiNbO3 200 5 li6=1 | Si" --json
check refl-sld "$IL" refl sld "air | LiNbO3 200 5 li6=1 | Si" --probe xray --json
check refl-simulate "$IL" refl simulate "air | LiNbO3 200 5 li6=1 | Si" --points 20 --json
check refl-simulate "$IL" refl simulate "air | LiNbO3 200 5 | Si" --points 20 --noise 0.03 --json
check refl-validate "$IL" refl validate --json
D="$SRC/tests/io/spectrum/data"
check spectrum-show "$IL" spectrum show "$D/Mendocino_07-10-13_Acq-10-10-13.Spe" --roi 100:200 --roi 500keV:700keV --json
check spectrum-show "$IL" spectrum show "$D/Alcatraz14.CHN" --json
check spectrum-show "$IL" spectrum show "$D/Alcatraz14.n42" --json
check spectrum-show "$IL" spectrum show "$D/Mendocino_07-10-13_Acq-10-10-13.csv" --json
check spectrum-show "$IL" spectrum show "$tmp/s.csv" --json
"$IL" refl simulate "air | LiNbO3 200 5 li6=1 | Si" --points 80 --noise 0.03 --ort "$tmp/d.ort" >/dev/null 2>&1
cat >"$tmp/m.yaml" <<'M'
probe: neutron
layers:
  - {name: air, sld: 0}
  - {name: film, material: LiNbO3, li6: 1, thickness: {value: 195, min: 150, max: 250}, roughness: 5}
  - {name: Si, material: Si}
M
check refl-fit "$IL" refl fit "$tmp/d.ort" --model "$tmp/m.yaml" --json
check refl-fit "$IL" refl fit "$tmp/d.ort" --model "$tmp/m.yaml" --engine mcmc --steps 100 --json
check iba-simulate "$IL" iba simulate "Au 20nm | LiCoO2 100nm | Si" --channels 300 --json
check iba-simulate "$IL" iba simulate "Au 20nm | LiCoO2 100nm | Si" --channels 300 --seed 5 --json
"$IL" iba simulate "Au 20nm | Si" --channels 300 --csv | awk -F, 'NR > 1 {printf "%d,%d\n", $1, $3 + 0.5}' >"$tmp/rbs.csv"
check iba-fit "$IL" iba fit "Au 25nm name=top | Si" "$tmp/rbs.csv" --fit top.thickness_nm --fit scale --json
check advise "$IL" advise default --interface Si/Li3PO4 --json
check advise "$IL" advise "$S" --interface Li3PO4/Si --want li-amount,operando --json
check sputter-simulate "$IL" sputter simulate "$S" --technique xps --depth 60nm --json
check sputter-simulate "$IL" sputter simulate "$S" --technique gd-oes --elements Li,Pt --depth 60nm --json
printf 'depth_nm,Li\n0.5,0\n1.5,0\n2.5,0.2\n3.5,0.4\n4.5,0.4\n5.5,0.4\n' >"$tmp/p.csv"
check sputter-deconvolve "$IL" sputter deconvolve "$tmp/p.csv" --technique tof-sims --json

# ndp operando writes its summary.json into the results folder: a small series (three 600 s
# spectra of the default cell, as tests/cli/test_ndp_cli.c makes).
mkdir -p "$tmp/ser"
"$IL" ndp simulate default --time 600 --seed 1 -o "$tmp/ref.spe" >/dev/null 2>&1
printf 'file,time_s,live_time_s\n' >"$tmp/ser/index.csv"
for k in 1 2 3; do
  "$IL" ndp simulate default --time 600 --seed $((10 + k)) -o "$tmp/ser/s$k.csv" >/dev/null 2>&1
  printf 's%d.csv,%d,600\n' "$k" $((600 * (k - 1))) >>"$tmp/ser/index.csv"
done
check ndp-operando-summary sh -c '"$0" ndp operando "$1/ser" --index "$1/ser/index.csv" --stack default --reference "$1/ref.spe" -o "$1/res" >/dev/null && cat "$1/res/summary.json"' "$IL" "$tmp"

# The schema must be able to fail: the old substrate thickness "substrate" is refused.
echo '{"name":"","stack":"Si","thickness_nm":0,"li_atoms_per_cm2":0,"li_capacity_uAh_per_cm2":0,"layers":[{"name":"Si","material":"Si","formula":"Si","thickness_nm":"substrate","density_g_cm3":2.33,"areal_density_1e15_atoms_per_cm2":null,"atoms_per_cm3":5e22,"li_atoms_per_cm2":null,"li6_atoms_per_cm2":null,"li_mol_per_cm2":null,"li_capacity_uAh_per_cm2":null,"roughness_nm":0,"density_source":"","substrate":true}]}' \
  | "$PY" "$SRC/tests/cli/json_validate.py" "$SRC/docs/schema/stack-show.schema.json" >/dev/null \
  && { echo "FAIL: a string thickness validated"; fails=$((fails + 1)); } || pass=$((pass + 1))

echo "json_schema: $pass passed, $fails failed"
[ "$fails" = 0 ]
