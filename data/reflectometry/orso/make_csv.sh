#!/bin/sh
# Regenerates orso_layers.csv and orso_points.csv from the ORSO validation suite as copied to
# tests/probes/refl/data/orso (see its README.md: CC0, commit af597663). Run from the repository root:
#   sh data/reflectometry/orso/make_csv.sh
# The values are copied digit for digit (no reformatting) so the embedded cases equal the files.
set -e
src=tests/probes/refl/data/orso
out=data/reflectometry/orso
echo "test,index,thickness_A,sld_1e6,isld_1e6,roughness_A" > $out/orso_layers.csv
echo "test,q_invA,r,dq_sigma_invA" > $out/orso_points.csv
for t in 0 1 2 3 4 5 6 7; do
  layers=$(grep -v '^#' $src/test$t.txt | sed -n 1p | tr -d '[:space:]')
  data=$(grep -v '^#' $src/test$t.txt | sed -n 2p | tr -d '[:space:]')
  awk -v t=$t 'NF>=4 {printf "%s,%d,%s,%s,%s,%s\n", t, n++, $1, $2, $3, $4}' $src/$layers >> $out/orso_layers.csv
  awk -v t=$t 'NF>=2 {printf "%s,%s,%s,%s\n", t, $1, $2, (NF>=4 ? $4 : 0)}' $src/$data >> $out/orso_points.csv
done
