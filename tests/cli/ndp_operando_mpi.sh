#!/usr/bin/env bash
# ndp operando across MPI ranks (issue 11): a series of 6 simulated spectra (the cathode losing
# Li step by step) inverted by one plain process and by mpirun -np 2: the results folders are
# identical byte for byte (every file: inventories, profiles, summary, plots) and so is the
# printed report, with Tikhonov (two passes and a self-consistent one) and with MLEM. Each
# spectrum is inverted by one rank and its numbers copied to the others, so nothing may differ.
# Skipped (passes) when the program was built without MPI or mpirun is missing.
# Usage: ndp_operando_mpi.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"
mpi_or_skip "$IL"
check() { if "$@"; then pass=$((pass + 1)); else echo "FAIL: $*"; fails=$((fails + 1)); fi; }
INSTR="--channels 512 --gain 6 --time 600 --slice 20nm"
PRISTINE="Pt 20nm | LiCoO2 500nm | Li3PO4 300nm | Si"
mkdir -p "$tmp/series"
"$IL" ndp simulate "$PRISTINE" $INSTR --seed 1 -o "$tmp/reference.spe" >/dev/null 2>&1 ||
  { echo "simulate failed"; exit 1; }
echo "file,time_s,live_time_s" >"$tmp/series/index.csv"
for k in 1 2 3 4 5 6; do
  x=$(awk -v k="$k" 'BEGIN { printf "%.3f", 1 - 0.06 * k }')
  "$IL" ndp simulate "Pt 20nm | Li${x}CoO2 500nm density=5 | Li3PO4 300nm | Si" $INSTR --seed $((10 + k)) \
    -o "$tmp/series/s$k.spe" >/dev/null 2>&1 || { echo "simulate failed"; exit 1; }
  echo "s$k.spe,$((600 * (k - 1))),600" >>"$tmp/series/index.csv"
done
for method in "tikhonov --self-consistent 1" "mlem"; do
  name=${method%% *}
  args=("$tmp/series" --index "$tmp/series/index.csv" --reference "$tmp/reference.spe"
    --stack "$PRISTINE" $INSTR --method $method)
  "$IL" ndp operando "${args[@]}" -o "$tmp/$name.1" >"$tmp/$name.1.txt" 2>&1
  check test $? = 0
  mpirun -np 2 --oversubscribe "$IL" ndp operando "${args[@]}" -o "$tmp/$name.2" \
    >"$tmp/$name.2.txt" 2>&1
  check test $? = 0
  check diff -r "$tmp/$name.1" "$tmp/$name.2"
  check diff <(sed "s|$tmp/$name.1|OUT|" "$tmp/$name.1.txt") \
    <(sed "s|$tmp/$name.2|OUT|" "$tmp/$name.2.txt")
  check test -s "$tmp/$name.1/inventories.csv"
done
echo "$pass passed, $fails failed"
[ "$fails" = 0 ]
