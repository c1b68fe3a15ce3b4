#!/usr/bin/env bash
# ndp invert's constraint switch: concentrations are non-negative by default (the NNLS solve);
# --unconstrained gives the plain Tikhonov solution, which on a noisy spectrum of a cell with
# Li-free layers dips below zero somewhere. Usage: ndp_invert_options.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"

"$IL" ndp simulate default --seed 3 -o "$tmp/s.spe" >/dev/null || { echo "simulate failed"; exit 1; }
min_of() { # smallest li_atoms_per_cm3 value in a JSON file (one number per line after the key)
  awk '/"li_atoms_per_cm3": \[/{on=1; next} on && /\]/{on=0} on {gsub(/[ ,]/, ""); if (m == "" || $0 + 0 < m) m = $0 + 0} END {print m}' "$1"
}
"$IL" ndp invert "$tmp/s.spe" --stack default --json >"$tmp/c.json"
"$IL" ndp invert "$tmp/s.spe" --stack default --json --unconstrained >"$tmp/u.json"
c=$(min_of "$tmp/c.json")
u=$(min_of "$tmp/u.json")
check awk -v m="$c" 'BEGIN{exit !(m >= 0)}'
check awk -v m="$u" 'BEGIN{exit !(m < 0)}'
finish ndp_invert_options
