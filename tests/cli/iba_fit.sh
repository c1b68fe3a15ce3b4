#!/usr/bin/env bash
# CLI tests of `iba fit`: two RBS spectra of Au 20 nm / LiCoO2 250 nm / Si (165 deg, and 140 deg
# tilted 30 deg, whole counts) fitted at once from a start 20-25 % off recover both thicknesses,
# the Co content and both scales (within 1 %: the data are noiseless, rounded to whole counts,
# so the only error is the rounding, far below 1 %); the outputs (table, CSV, JSON, plot per
# spectrum) and one-line errors for bad input.
# Usage: iba_fit.sh CLI SRCDIR
set -u
IL=$(realpath "$1")
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

truth="Au 20nm name=top | LiCoO2 250nm name=cathode | Si"
start="Au 25nm name=top | LiCoO2 200nm name=cathode | Si"
common=(--channels 400 --offset 200keV --gain 5 --fluence 3e13)
"$IL" iba simulate "$truth" "${common[@]}" --csv | awk -F, 'NR > 1 {printf "%d,%d\n", $1, $3 + 0.5}' >"$tmp/a.csv"
"$IL" iba simulate "$truth" "${common[@]}" --angle 140 --tilt 30 --csv |
  awk -F, 'NR > 1 {printf "%d,%d\n", $1, $3 + 0.5}' >"$tmp/b.csv"

out=$("$IL" iba fit "$start" "$tmp/a.csv,window=100:399" "$tmp/b.csv,angle=140,tilt=30,window=100:399" \
  "${common[@]}" --fit top.thickness_nm --fit cathode.thickness_nm --fit cathode.frac:Co=1.2 \
  --fit scale --plot "$tmp/f.svg") || bad "fit exit: $out"
check() { # name expected
  v=$(echo "$out" | awk -v n="$1" '$1 == n {print $3}')
  awk -v v="$v" -v w="$2" 'BEGIN { exit !(v != "" && (v - w) / w < 0.01 && (w - v) / w < 0.01) }' ||
    bad "$1 = '$v', expected $2 within 1 %"
}
check top.thickness_nm 20
check cathode.thickness_nm 250
check cathode.frac:Co 1
check iba1:scale 1
check iba2:scale 1
echo "$out" | grep -q '^fitted stack: Au 19\.9\|^fitted stack: Au 20\.0' || bad "fitted stack line: $out"
[ -s "$tmp/f.svg" ] && [ -s "$tmp/f-2.svg" ] || bad "--plot: f.svg and f-2.svg expected"

"$IL" iba fit "$start" "$tmp/a.csv" "${common[@]}" --fit top.thickness_nm --fit scale --csv -o "$tmp/fit.csv" ||
  bad "--csv exit"
head -1 "$tmp/fit.csv" | grep -q '^spectrum,channel,energy_keV,data,fit,O,Si,Co,Au$' || bad "csv header: $(head -1 "$tmp/fit.csv")"
[ "$(wc -l <"$tmp/fit.csv")" = 401 ] || bad "csv: $(wc -l <"$tmp/fit.csv") lines, expected 401"
"$IL" iba fit "$start" "$tmp/a.csv" "${common[@]}" --fit top.thickness_nm --engine de --generations 20 --json |
  grep -q '"engine": "de"' || bad "--engine de --json"
# a short chain: the engine runs and reports a spread (the statistics need long chains)
"$IL" iba fit "$start" "$tmp/a.csv" "${common[@]}" --fit top.thickness_nm --engine mcmc --steps 10 \
  --walkers 8 --json | grep -q '"engine": "mcmc"' || bad "--engine mcmc --json"

# --idf-out: the file holds everything needed to repeat the fitted spectrum
"$IL" iba fit "$start" "$tmp/a.csv,window=100:399" "${common[@]}" --fit top.thickness_nm \
  --fit cathode.thickness_nm --fit scale --csv -o "$tmp/f2.csv" --idf-out "$tmp/f.xnra" || bad "--idf-out exit"
"$IL" iba simulate "$tmp/f.xnra" --csv -o "$tmp/again.csv" || bad "simulate f.xnra"
paste -d, "$tmp/f2.csv" "$tmp/again.csv" | awk -F, 'NR > 1 { d = $5 - $12; if (d < 0) d = -d; if (d > 1e-6 * ($5 + 1)) n++ }
  END { exit n > 0 }' || bad "simulate of the --idf-out file differs from the fit"
# an .xnra as the spectrum (its data and setup), and as --setup for a CSV spectrum
for args in "$tmp/f.xnra" "$tmp/a.csv,window=100:399 --setup $tmp/f.xnra"; do
  # shellcheck disable=SC2086
  v=$("$IL" iba fit "$start" $args --fit top.thickness_nm --fit cathode.thickness_nm --fit scale |
    awk '$1 == "top.thickness_nm" {print $3}')
  awk -v v="$v" 'BEGIN { exit !(v > 19.8 && v < 20.2) }' || bad "fit of $args: top.thickness_nm = '$v'"
done
# an IDF file with two spectra (the two --idf-out files of a two-spectrum fit, the second's
# <spectrum> spliced after the first's): FILE,spectrum=K fits each, as the two CSV files did
"$IL" iba fit "$start" "$tmp/a.csv,window=100:399" "$tmp/b.csv,angle=140,tilt=30,window=100:399" \
  "${common[@]}" --fit top.thickness_nm --fit cathode.thickness_nm --fit scale --idf-out "$tmp/g.xnra" \
  >/dev/null || bad "g.xnra exit"
awk '/<spectrum>/ {p = 1} p {print} /<\/spectrum>/ {p = 0}' "$tmp/g-2.xnra" >"$tmp/sp2"
awk 'FNR == NR {b = b $0 "\n"; next} {print} /<\/spectrum>/ {printf "%s", b}' "$tmp/sp2" "$tmp/g.xnra" \
  >"$tmp/two.xnra"
out=$("$IL" iba fit "$start" "$tmp/two.xnra,spectrum=1" "$tmp/two.xnra,spectrum=2,window=100:399" \
  --fit top.thickness_nm --fit cathode.thickness_nm --fit scale) || bad "fit of two.xnra: $out"
check top.thickness_nm 20
check cathode.thickness_nm 250
check iba2:scale 1
"$IL" iba fit "$start" "$tmp/two.xnra,spectrum=3" --fit scale 2>&1 | grep -q 'holds 2 spectra' ||
  bad "spectrum=3 of a two-spectrum file"
# a file SIMNRA wrote simulates
"$IL" iba simulate "$(realpath "$2")/data/iba/simnra_rbs_rough.xnra" --csv | head -1 |
  grep -q '^channel,energy_keV,total,C,O,Al$' || bad "simulate of SIMNRA's .xnra"

# bad input: one line, non-zero exit, naming the culprit
expect_err() { # pattern command...
  local pat=$1; shift
  if err=$("$@" 2>&1 >/dev/null); then bad "$* succeeded"; return; fi
  [ "$(echo "$err" | wc -l)" = 1 ] && echo "$err" | grep -q -- "$pat" || bad "$*: '$err' (want '$pat')"
}
expect_err "thicknes_nm" "$IL" iba fit "$start" "$tmp/a.csv" --fit top.thicknes_nm
expect_err "nothing to fit" "$IL" iba fit "$start" "$tmp/a.csv"
expect_err "unknown setting 'foo'" "$IL" iba fit "$start" "$tmp/a.csv,foo=1" --fit scale
expect_err "window '9:3'" "$IL" iba fit "$start" "$tmp/a.csv" --window 9:3 --fit scale
expect_err "outside its bounds" "$IL" iba fit "$start" "$tmp/a.csv" --fit top.thickness_nm=500:1:100
expect_err "missing.csv" "$IL" iba fit "$start" "$tmp/missing.csv" --fit scale
expect_err "no --fit parameter 'x'" "$IL" iba fit "$start" "$tmp/a.csv" --fit scale --tie x=y

echo "iba_fit: $fails failed"
[ "$fails" = 0 ]
