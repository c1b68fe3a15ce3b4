#!/usr/bin/env bash
# refl fit --batch: 20 simulated reflectivity datasets (a LiCoO2 film, the film thickness
# stepped from 360 to 436 Å, 3 % noise) plus a missing and a corrupt file in the index. Each good
# dataset gets its own result file, its fitted thickness is within 4σ of its truth, the summary
# names the two bad files with their error and marks the others ok, and the exit status says
# something failed. Under mpirun with 2 ranks (when built with MPI) the summary is the same.
# Usage: refl_batch.sh CLI SRCDIR
set -u
IL=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fails=0
check() { if "$@"; then pass=$((pass + 1)); else echo "FAIL: $*"; fails=$((fails + 1)); fi; }
mkdir -p "$tmp/data"
: >"$tmp/index.txt"
for i in $(seq 0 19); do
  d=$((360 + 4 * i))
  "$IL" refl simulate "air | Li0.5CoO2 25 4 density=4.9 | LiCoO2 $d 5 density=5.05 | Si 0 4" --q-min 0.008 \
    --q-max 0.25 --points 120 --log-q --dq-over-q 0.02 --background 2e-7 --noise 0.03 \
    --noise-floor 2e-7 --seed $((i + 1)) --ort "$tmp/data/d$i.ort" >/dev/null 2>&1 ||
    { echo "simulate failed"; exit 1; }
  echo "data/d$i.ort" >>"$tmp/index.txt"
  echo "$d" >"$tmp/truth$i"
done
printf 'Q R dR\n0.01 oops 0.1\n' >"$tmp/data/corrupt.txt"
echo "data/corrupt.txt" >>"$tmp/index.txt"
echo "data/missing.ort" >>"$tmp/index.txt"
M="$SRC/examples/refl/licoo2_fit.yaml"
"$IL" refl fit --model "$M" --batch "$tmp/index.txt" --batch-out "$tmp/out" >"$tmp/stdout" 2>&1
rc=$?
check test "$rc" = 1
check grep -q "22 datasets: 20 fitted, 2 failed" "$tmp/stdout"
check grep -q "corrupt.txt" "$tmp/stdout"
check grep -q "missing.ort" "$tmp/stdout"
check test "$(ls "$tmp/out"/*.json | wc -l)" = 20
check test "$(grep -c ',ok,' "$tmp/out/summary.csv")" = 20
check test "$(grep -c ',failed,' "$tmp/out/summary.csv")" = 2
# thickness of each dataset against its truth (the JSON lists parameters in model order)
ok=0
for i in $(seq 0 19); do
  read -r v s < <(awk '/"name": "LiCoO2.thickness"/{f=1} f && /"value"/{gsub(/[ ,]/,""); split($0,a,":"); v=a[2]} f && /"sigma"/{gsub(/[ ,]/,""); split($0,a,":"); print v, a[2]; exit}' "$tmp/out/d$i.ort.json")
  awk -v v="$v" -v s="$s" -v t="$(cat "$tmp/truth$i")" 'BEGIN{exit !(s > 0 && (v - t) < 4 * s && (t - v) < 4 * s)}' && ok=$((ok + 1))
done
check test "$ok" = 20
# (not in AddressSanitizer builds: Open MPI's memory hooks do not go with it)
if "$IL" refl fit --help | grep -q mpirun && command -v mpirun >/dev/null &&
  ! ldd "$IL" 2>/dev/null | grep -q libasan; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  mpirun -np 2 --oversubscribe "$IL" refl fit --model "$M" --batch "$tmp/index.txt" \
    --batch-out "$tmp/out2" >/dev/null 2>&1
  check cmp "$tmp/out/summary.csv" "$tmp/out2/summary.csv"
fi
echo "$pass passed, $fails failed"
[ "$fails" = 0 ]
