#!/usr/bin/env bash
# MPI (built with Open MPI, run by mpirun): DE population and MCMC walker evaluations spread over
# 2 ranks give the same output, byte for byte (parameters, σ, χ², curves, evaluation count), as
# one plain process with the same seed: every rank draws the same random numbers and each
# evaluation is the same code on the same row wherever it runs. Skipped (passes) when the
# program was built without MPI or mpirun is missing. Usage: refl_mpi.sh CLI SRCDIR
set -u
IL=$1
SRC=$2
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"
mpi_or_skip "$IL"
check() { if "$@"; then pass=$((pass + 1)); else echo "FAIL: $*"; fails=$((fails + 1)); fi; }
M="$SRC/examples/refl/platypus_d2o.yaml"
for engine in "de --seed 3" "mcmc --steps 100 --seed 2"; do
  name=${engine%% *}
  "$IL" refl fit --model "$M" --dq-fwhm --engine $engine --json >"$tmp/$name.1" 2>"$tmp/err.1"
  mpirun -np 2 --oversubscribe "$IL" refl fit --model "$M" --dq-fwhm --engine $engine --json \
    >"$tmp/$name.2" 2>"$tmp/err.2"
  check test -s "$tmp/$name.1"
  check cmp "$tmp/$name.1" "$tmp/$name.2"
done
check grep -q '"stop": "converged"' "$tmp/de.1"
echo "$pass passed, $fails failed"
[ "$fails" = 0 ]
