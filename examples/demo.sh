#!/usr/bin/env bash
# The main job (make demo) on the built-in default cell (the review's Cu/Si/Li3PO4/LiCoO2/Pt
# thin-film battery with packaging): the stack, the stopping and ranges of the NDP alpha
# (2055.8 keV) and triton (2727.7 keV) in each layer, their depth-energy curves, then an
# operando NDP experiment simulated and analysed, and a reflectometry isotope-contrast example;
# text, CSV, JSON and plots in OUTDIR.
set -euo pipefail
IL=${1:-build/interlayer}
OUT=${2:-demo-out}
mkdir -p "$OUT"

echo "== the default cell"
"$IL" stack show default | tee "$OUT/stack.txt"
"$IL" stack show default --json -o "$OUT/stack.json"

materials=$("$IL" stack show default --csv | tail -n +2 | cut -d, -f2 | awk '!seen[$0]++')
particles=("4He 2055.8keV alpha" "3H 2727.7keV triton")

echo
echo "== stopping and CSDA range of the NDP particles in each material of the cell"
{
  echo "particle,material,energy_keV,electronic_keV_per_um,nuclear_keV_per_um,electronic_eV_per_1e15_atoms_cm2,range_um,range_1e15_atoms_per_cm2"
  for p in "${particles[@]}"; do
    read -r ion energy name <<<"$p"
    for m in $materials; do
      s=$("$IL" stopping "$ion" "$m" --energy "$energy" --csv | tail -1 | cut -d, -f1-3,5)
      r=$("$IL" range "$ion" "$m" --energy "$energy" --csv | tail -1 | cut -d, -f2,3)
      e=$(cut -d, -f1 <<<"$s"); rest=$(cut -d, -f2- <<<"$s")
      echo "$name,$m,$e,$rest,$r"
      "$IL" stopping "$ion" "$m" --energy "$energy" --json -o "$OUT/stopping-$name-$m.json"
    done
  done
} >"$OUT/stopping.csv.tmp" && mv "$OUT/stopping.csv.tmp" "$OUT/stopping.csv"
column -s, -t <"$OUT/stopping.csv" 2>/dev/null || cat "$OUT/stopping.csv"

echo
echo "== energy at the surface against depth of birth (review Fig. 28b,c)"
for p in "${particles[@]}"; do
  read -r ion energy name <<<"$p"
  "$IL" depth-energy "$ion" --energy "$energy" --stack default --csv -o "$OUT/depth-energy-$name.csv"
  "$IL" depth-energy "$ion" --energy "$energy" --stack default --json -o "$OUT/depth-energy-$name.json"
  "$IL" depth-energy "$ion" --energy "$energy" --stack default --csv --plot "$OUT/depth-energy-$name.svg" >/dev/null
  "$IL" depth-energy "$ion" --energy "$energy" --stack default --csv --plot "$OUT/depth-energy-$name.png" >/dev/null
  "$IL" stopping "$ion" LiCoO2 --from 10keV --to 3MeV --points 120 --csv \
    --plot "$OUT/stopping-$name-LiCoO2.svg" >/dev/null
  echo "$name: $(wc -l <"$OUT/depth-energy-$name.csv") depths -> $OUT/depth-energy-$name.{csv,json,svg,png}"
done

# The main job: an operando NDP experiment on the default cell, simulated, then analysed as
# real data (inventories, Faraday balance, the interlayer found).
echo
echo "== operando neutron depth profiling of the cycling cell (its digital twin)"
examples/ndp/operando-demo.sh "$IL" "$OUT/ndp"

# Reflectometry: the review's 6LiNbO3/Si isotope multilayer, its isotope-contrast Bragg peak
# fading as 6Li and 7Li exchange.
echo
echo "== neutron reflectometry of the 6LiNbO3/Si/natLiNbO3/Si multilayer"
sh examples/refl/linbo3_multilayer.sh "$IL" "$OUT/refl-linbo3"
echo
echo "== ion-beam analysis of the review's cells: RBS, He ERDA with a range foil, 7Li(p,a) NRA"
examples/iba/iba-demo.sh "$IL" "$OUT/iba" .

echo
echo "== the evolving cell: three C/5 cycles of the default cell with a Li-trapping interlayer"
"$IL" cell simulate examples/cell/si-li3po4-licoo2.yaml \
  --protocol "3 x (Charge at C/5 until 4.2 V; Discharge at C/5 until 3.0 V)" --save-every 1h \
  -o "$OUT/cell"

echo
echo "== which technique sees the Si/Li3PO4 interface of the default cell (Li amount, operando)?"
"$IL" advise default --interface Si/Li3PO4 --want li-amount,operando --resolution 20nm \
  | tee "$OUT/advise.txt"
"$IL" report default --interface Si/Li3PO4 -o "$OUT/report.html"
echo "one-page report: $OUT/report.html"
echo
echo "demo results in $OUT/"
