#!/usr/bin/env bash
# Runs every README command, both demos and a list of CLI invocations (good and bad input), and
# keeps each one's stdout, stderr and exit code in OUTDIR, so that two builds can be compared
# byte for byte with `diff -r` (a refactor must not change what any command prints).
# Run from the repository root; OUTDIR must be a relative path so that paths that end up in the
# outputs are the same in every checkout.
#   tools/snapshot.sh build/interlayer snapshot-out
set -u
IL=$(realpath "${1:-build/interlayer}")
OUT=${2:-snapshot-out}
case "$OUT" in /*) echo "snapshot: OUTDIR must be relative" >&2; exit 2 ;; esac
rm -rf "$OUT"; mkdir -p "$OUT/cmd"
n=0
run() { # run ARGS...: one invocation, its outputs in cmd/NNN.{args,out,err,rc}
  n=$((n + 1)); local k; k=$(printf "%03d" "$n")
  printf '%s\n' "$*" >"$OUT/cmd/$k.args"
  "$IL" "$@" >"$OUT/cmd/$k.out" 2>"$OUT/cmd/$k.err" </dev/null
  echo $? >"$OUT/cmd/$k.rc"
}
T=$OUT/files
mkdir -p "$T"
inline="Pt 50nm | LiCoO2 1um li6=0.95 | Li3PO4 1.5um density=2.4 | Si 200nm | Cu 500nm | Si"
run --help
run materials
run materials LiCoO2
run materials --json
run materials LiCoO3
# the cells of the review (listed, so that a new example adds at the end instead of renumbering)
for s in default "$inline" examples/au-si-lipon-licoo2-au-al.yaml examples/cu-lipon-6licoo2-pt.yaml \
    examples/default-cell.yaml examples/linbo3-isotope-multilayer.yaml \
    examples/pt-licgc-licoo2-au.yaml examples/ti-nbo-lipon-limn2o4-ti.yaml; do
  run stack show "$s"; run stack show "$s" --json; run stack show "$s" --csv
done
for ion in p d t 3He alpha; do
  for m in Li LiCoO2 Li3PO4 Si Cu Pt Kapton "Li7La3Zr2O12"; do
    run stopping "$ion" "$m" --energy 1MeV --json
    run range "$ion" "$m" --energy 2MeV --csv
  done
done
run stopping alpha LiCoO2 --from 10keV --to 3MeV --points 40 --csv
run stopping alpha 'Li3PO4' --energy 2MeV --density 2.2 --scale Li=1.1 --json
run range alpha LiCoO2 --energy 2MeV --scale Si=1.1
run stopping alpah Si --energy 2MeV
run stopping alpha 'Li3P%O4' --energy 2MeV --density 2
run stopping alpha Si --energy 2GeVx
run stack show "Pt 50 | Si"
run stack show "LiCoO2 1um li6=1.2"
run depth-energy alpha --energy 2055.8keV --stack default --csv
run depth-energy t --energy 2727.7keV --stack "$inline" --angle 30 --json
run depth-energy alpha --energy 2055.8keV --stack default --csv --plot "$T/de.svg"
run ndp --help
run ndp reactions
run ndp reactions --json
run ndp simulate default --seed 3 -o "$T/s.spe"
run ndp simulate default --json
run ndp simulate examples/ndp/pristine.yaml --instrument examples/ndp/instrument.yaml --seed 4 -o "$T/p.spe"
run ndp simulate default --seed 5 -o "$T/s.n42"
run ndp simulate default --seed 6 -o "$T/s.csv"
run ndp simulate default --gas He --pressure 5 --foil Mylar --foil-thickness 1000nm --csv
run ndp simulate default --solid-angle 0.01 --exit-angle 10 --csv
run ndp invert "$T/s.spe" --stack default
run ndp invert "$T/s.spe" --stack default --json
run ndp invert "$T/s.spe" --stack default --csv --unconstrained
run ndp invert "$T/s.spe" --stack default --lambda discrepancy --json
run ndp invert "$T/s.spe" --stack default --lambda lcurve --json
run ndp invert "$T/s.spe" --stack default --method classic --json
run ndp invert "$T/s.spe" --stack default --method mlem --json
run ndp invert "$T/s.spe" --stack default --self-consistent 2 --json
run ndp invert "$T/p.spe" --stack examples/ndp/pristine.yaml --instrument examples/ndp/instrument.yaml --fit-interlayer 3250nm
run ndp invert "$T/s.spe" --stack default --plot "$T/inv.svg"
run ndp calibrate "$T/s.spe" --stack default --json
run ndp calibrate "$T/s.spe" --stack default
run ndp invert "$T/nosuch.spe" --stack default
run ndp simulate default --channels -3
run refl --help
run refl validate
run refl sld "$inline"
run refl sld "$inline" --probe xray --energy CuKa --json
run refl sld examples/linbo3-isotope-multilayer.yaml --json
run refl sld "air | LiCoO2 300 5 | Si 0 3" --probe xray --energy MoKa --csv
run refl simulate "air | LiCoO2 300 5 | Si 0 3" --q-min 0.005 --q-max 0.2 --points 50 --csv
run refl simulate "air | LiCoO2 300 5 | Si 0 3" --q-min 0.005 --q-max 0.2 --points 50 --dq-over-q 0.03 --json
run refl fit tests/probes/refl/data/measured/c_PLP0011859_q.txt --model examples/refl/platypus_d2o.yaml --dq-fwhm
run refl fit tests/probes/refl/data/measured/c_PLP0011859_q.txt --model examples/refl/platypus_d2o.yaml --dq-fwhm --json
run refl simulate "air | LiCoO3 300 5 | Si 0 3" --points 5
for s in examples/graded-electrolyte.yaml; do
  run stack show "$s"; run stack show "$s" --json
done
bash examples/demo.sh "$IL" "$OUT/demo" >"$OUT/demo.stdout" 2>"$OUT/demo.stderr"; echo $? >"$OUT/demo.rc"
sh examples/refl/licoo2.sh "$IL" "$OUT/licoo2" >"$OUT/licoo2.stdout" 2>"$OUT/licoo2.stderr"; echo $? >"$OUT/licoo2.rc"
# Bitmaps carry no text to compare; the SVGs beside them do.
find "$OUT" -name '*.png' -delete
echo "snapshot: $n invocations and 2 demos in $OUT"
