#!/bin/sh
# The review's isotope multilayer [6LiNbO3 15 nm | Si 10 nm | natLiNbO3 15 nm | Si 10 nm] x 5 on
# Si (examples/linbo3-isotope-multilayer.yaml): the 6Li/7Li contrast doubles the period to 50 nm
# and gives Bragg peaks at odd orders of 2π/50 nm that the Si spacers alone do not; refraction
# moves them to Q = sqrt(Q_B² + Q_c²) ≈ 0.0185 (1st order, just above the critical edge) and
# 0.0397 1/Å (3rd order). As annealing lets 6Li and 7Li exchange, the two LiNbO3 layers approach the mean
# 6Li fraction and these peaks fade (their height goes as the square of the remaining contrast).
# This script simulates that: mixing m = 0 (as deposited) .. 1 (fully exchanged).
# Usage: linbo3_multilayer.sh [path/to/interlayer] [outdir]
set -e
IL=${1:-interlayer}
OUT=${2:-refl-linbo3-out}
HERE=$(dirname "$0")
mkdir -p "$OUT"
"$IL" refl sld "$HERE/../linbo3-isotope-multilayer.yaml"
echo "mixing  x6Li(enriched)  x6Li(natural)  R(isotope peak 1, Q~0.0185)  R(isotope peak 3, Q~0.0397)"
for m in 0 0.25 0.5 0.75 1; do
  xa=$(awk -v m=$m 'BEGIN { printf "%.4f", 0.95 - m * (0.95 - 0.51295) }')
  xb=$(awk -v m=$m 'BEGIN { printf "%.4f", 0.0759 + m * (0.51295 - 0.0759) }')
  model="air | (LiNbO3 150 5 density=4.63 li6=$xa | Si 100 5 | LiNbO3 150 5 density=4.63 li6=$xb | Si 100 5) x 5 | Si 0 5"
  "$IL" refl simulate "$model" --q-min 0.005 --q-max 0.1 --points 951 --dq-over-q 0.01 \
      --csv -o "$OUT/multilayer_mixing_$m.csv" --plot "$OUT/multilayer_mixing_$m.svg"
  r1=$(awk -F, 'NR > 1 && $1 >= 0.0183 && $1 <= 0.0187 { if ($2 > m) m = $2 } END { print m }' "$OUT/multilayer_mixing_$m.csv")
  r3=$(awk -F, 'NR > 1 && $1 >= 0.0395 && $1 <= 0.0399 { if ($2 > m) m = $2 } END { print m }' "$OUT/multilayer_mixing_$m.csv")
  printf "%-7s %-15s %-14s %-27s %s\n" $m $xa $xb $r1 $r3
done
echo "curves and plots in $OUT/"
