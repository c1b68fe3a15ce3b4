#!/usr/bin/env bash
# ndp reduce: a sample + blank + 10B reference set made with `ndp simulate` reduces, its output
# is a spectrum `ndp invert` reads, and bad reduction files are refused with file:line:column
# and no output written (missing spectrum file, spectrum without live time, negative monitor).
# Usage: ndp_reduce.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"
has() { grep -q -- "$1" "$2"; }

sim() { "$IL" ndp simulate "$1" --seed "$2" --time "$3" --bkg-flat 2e-4 -o "$tmp/$4" >/dev/null \
  || { echo "simulate $1 failed"; exit 1; }; }
sim "LiF 300nm | Si" 1 3600 s.csv
sim "Si 100nm | Si" 2 3000 b.csv
sim "B 1.018tfu b10=1 | Si" 3 7000 r.csv

# Monitors: 1e-6 per n/cm2 at the default 1e9 n/cm2/s over the real times.
cat >"$tmp/red.yaml" <<YAML
sample:
  spectrum: s.csv
  monitor: 4000
  real_time_s: 4000
  li_window_keV: [2350, 2900]
background:
  spectrum: b.csv
  monitor: 3100
  real_time_s: 3100
reference:
  spectrum: r.csv
  monitor: 7600
  real_time_s: 7600
  areal_density_atoms_cm2: 1.018e15
  areal_density_sigma_atoms_cm2: 1.75e13
  window_keV: [1300, 1900]
YAML
check "$IL" ndp reduce "$tmp/red.yaml" -o "$tmp/out.csv" >"$tmp/o.txt" 2>"$tmp/e.txt"
check has "dead-time fraction 0.1000" "$tmp/o.txt"
check has "fluence x solid angle / 4pi of the sample run" "$tmp/o.txt"
check has "6Li window" "$tmp/o.txt"
check test -s "$tmp/out.csv"
check "$IL" ndp invert "$tmp/out.csv" --stack "LiF 300nm | Si" --json >"$tmp/inv.json"
# invert takes the fluence x solid angle the reduced CSV carries, with no flag, and says so: the
# LiF inventory agrees with the truth within 1 total sigma (the truth is what simulate made;
# the reference's 1.7 % areal-density sigma dominates), and a file claiming twice the fluence
# gives half the Li (within 1 %: the inversion is linear in the counts per atom)
"$IL" ndp invert "$tmp/out.csv" --stack "LiF 300nm | Si" --truth "LiF 300nm | Si" \
  >"$tmp/inv.txt" 2>"$tmp/inv.err"
check has "out.csv carries fluence x solid angle / 4 pi 6.3" "$tmp/inv.err"
check awk '$1 == "LiF" { found = 1; d = $13; if (d < -1 || d > 1) exit 1 } END { exit !found }' "$tmp/inv.txt"
sed 's/^# fluence_solid_angle_n_cm2: .*/# fluence_solid_angle_n_cm2: 12643777286/' "$tmp/out.csv" >"$tmp/out2x.csv"
"$IL" ndp invert "$tmp/out2x.csv" --stack "LiF 300nm | Si" >"$tmp/inv2.txt" 2>/dev/null
check awk 'FNR == 1 { f++ } $1 == "LiF" { v[f] = $3 } END { r = v[2] / v[1]; exit !(r > 0.495 && r < 0.505) }' "$tmp/inv.txt" "$tmp/inv2.txt"
# --fluence given: it wins, and the note says the file's value was not used
"$IL" ndp invert "$tmp/out.csv" --stack "LiF 300nm | Si" --fluence 1e9 >/dev/null 2>"$tmp/inv3.err"
check has "fluence 1e9 used instead of the fluence x solid angle / 4 pi that" "$tmp/inv3.err"
check "$IL" ndp reduce "$tmp/red.yaml" -o "$tmp/out2.csv" --json >"$tmp/o.json"
check python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['fluence_solid_angle_sigma_n_cm2'] > 0 and len(d['counts_sigma']) == len(d['counts'])" "$tmp/o.json"
# ... and it validates against its documented schema (python3-jsonschema, as json_schema.sh uses)
check python3 -c "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" "$tmp/o.json" "$2/docs/schema/ndp-reduce.schema.json"

# Bad inputs: each refused, non-zero exit, the place named, nothing written.
bad() { # name yaml-text expected-message
  printf '%s\n' "$2" >"$tmp/$1.yaml"
  rm -f "$tmp/bad.csv"
  if "$IL" ndp reduce "$tmp/$1.yaml" -o "$tmp/bad.csv" >/dev/null 2>"$tmp/$1.err"; then
    echo "FAIL: $1 accepted"; fails=$((fails + 1)); return
  fi
  check has "$3" "$tmp/$1.err"
  check test ! -e "$tmp/bad.csv"
}
bad missing "$(sed 's/spectrum: s.csv/spectrum: nothere.csv/' "$tmp/red.yaml")" "nothere.csv"
bad negmon "$(sed 's/monitor: 4000/monitor: -5/' "$tmp/red.yaml")" "negmon.yaml:3:12: 'monitor': -5, expected a number > 0"
# A spectrum without live time (energy and counts alone) is an error naming the run and the key...
grep -v '^#' "$tmp/s.csv" | cut -d, -f2,3 >"$tmp/nolive.csv"
bad nolive "$(sed 's/spectrum: s.csv/spectrum: nolive.csv/' "$tmp/red.yaml")" "sample: spectrum '.*nolive.csv' carries no live time.*give live_time_s"
# ... and with live_time_s given it runs and says which value it used.
sed 's/spectrum: s.csv/spectrum: nolive.csv\n  live_time_s: 3600/' "$tmp/red.yaml" >"$tmp/given.yaml"
check "$IL" ndp reduce "$tmp/given.yaml" -o "$tmp/given.csv" >"$tmp/given.txt"
check has "carries no live time: used 3600 s from the reduction file" "$tmp/given.txt"
# YAML mistakes are named at file:line:column.
bad unknown "$(sed 's/  li_window_keV:/  li_windw_keV:/' "$tmp/red.yaml")" "unknown.yaml:5:3: unknown key 'li_windw_keV' in 'sample'"
bad window "$(sed 's/window_keV: \[1300, 1900\]/window_keV: [1900, 1300]/' "$tmp/red.yaml")" "window.yaml:16:22: 'window_keV': expected low < high"
bad nomon "$(sed '/monitor: 3100/d' "$tmp/red.yaml")" "nomon.yaml:6:1: 'background' needs its monitor"
# A monitor given as a spectrum and its peak window: the sum over the window is used.
awk 'BEGIN{print "channel,counts"; for(i=0;i<64;i++) print i "," ((i>=20 && i<=29) ? 400 : 3)}' >"$tmp/mon.csv"
sed 's/  monitor: 4000$/  monitor_spectrum: mon.csv\n  monitor_window: [20, 29]/' "$tmp/red.yaml" >"$tmp/mon.yaml"
check "$IL" ndp reduce "$tmp/mon.yaml" -o "$tmp/mon_out.csv" >"$tmp/mon.txt"
check has "monitor 4000 +- 63.2 counts from" "$tmp/mon.txt"
finish ndp_reduce
