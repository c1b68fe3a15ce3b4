#!/usr/bin/env bash
# CLI tests of the iba verbs: the kinematics table carries the hand-worked K factor of 4He on Au
# at 165 deg (0.923198, tests/physics/test_iba_physics.c), a spectrum has one row per channel and
# a column per element, NRA of 7Li(p,a) puts the alpha peak at the hand-worked surface energy
# (7584.8 keV at 2 MeV, 160 deg, within the peak's 20 keV resolution), ERDA with a range foil
# stops the Li and O recoils and lets the H through, and bad input gives one line and exit 1.
# Usage: iba.sh CLI SRCDIR
set -u
IL=$(realpath "$1")
SRC=$(realpath "$2")
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

out=$("$IL" iba kinematics "Au 20nm | LiCoO2 500nm | Si" --beam 4He --energy 2MeV --angle 165)
echo "$out" | grep -E '^Au +Au +196\.9666 +0\.92320 +1846\.4' >/dev/null || bad "kinematics Au row: $out"
"$IL" iba kinematics "Au 20nm | Si" --json | grep -q '"factor"' || bad "kinematics --json"

"$IL" iba simulate "Au 20nm | LiCoO2 500nm | Si" --csv -o "$tmp/s.csv" --plot "$tmp/s.svg" ||
  bad "simulate exit"
[ "$(wc -l <"$tmp/s.csv")" = 1025 ] || bad "simulate: $(wc -l <"$tmp/s.csv") lines, expected 1025"
head -1 "$tmp/s.csv" | grep -q '^channel,energy_keV,total,Li,O,Si,Co,Au$' || bad "simulate header: $(head -1 "$tmp/s.csv")"
[ -s "$tmp/s.svg" ] || bad "simulate --plot wrote nothing"

peak=$("$IL" iba simulate "LiF 200nm | Si" --technique nra --beam p --energy 2MeV --angle 160 \
  --r33 "$SRC/data/iba/li7pa0n.r33" --gain 10 --resolution 20keV --csv |
  awk -F, 'NR > 1 && $3 > max { max = $3; e = $2 } END { print e }')
awk -v e="$peak" 'BEGIN { exit !(e > 7540 && e < 7600) }' || bad "NRA alpha peak at $peak keV"

"$IL" iba simulate "Kapton 100nm | LiCoO2 200nm | Si" --technique erda --foil Kapton \
  --foil-thickness 6um --csv >"$tmp/e.csv" || bad "erda exit"
# columns of elements that put no count in the spectrum are left out: only H passes the foil
head -1 "$tmp/e.csv" | grep -q '^channel,energy_keV,total,H$' || bad "erda with foil: $(head -1 "$tmp/e.csv")"
awk -F, 'NR > 1 { h += $4 } END { exit !(h > 10) }' "$tmp/e.csv" || bad "erda with foil: no H"

# --multiple-scattering: same counts in all (a spread, not a loss), the back edge of the film
# less steep (more counts in the channels just below it)
"$IL" iba simulate "Si 500nm | C" --tilt 60 --csv >"$tmp/m0.csv" || bad "simulate exit"
"$IL" iba simulate "Si 500nm | C" --tilt 60 --multiple-scattering --csv >"$tmp/m1.csv" ||
  bad "simulate --multiple-scattering exit"
paste -d, "$tmp/m0.csv" "$tmp/m1.csv" | awk -F, 'NR > 1 { a += $5; b += $10; if ($2 > 700 && $2 < 770) { la += $5; lb += $10 } }
  END { exit !(b > 0.999 * a && b < 1.001 * a && lb > 1.05 * la) }' ||
  bad "--multiple-scattering: Si counts or back-edge tail"

# --dual-scattering: counts between the C edge and the Au peak, where single scattering has none
"$IL" iba simulate "Au 100nm | C" --dual-scattering --csv |
  awk -F, 'NR > 1 && $2 > 1000 && $2 < 1600 { b += $3 } END { exit !(b > 0.1) }' ||
  bad "--dual-scattering: no background below the Au peak"

# detector chain: live/real scales every channel; pile-up adds its own column
"$IL" iba simulate "Au 50nm | Si" --csv >"$tmp/d0.csv" || bad "simulate exit"
"$IL" iba simulate "Au 50nm | Si" --live-time 80 --real-time 100 --csv >"$tmp/d1.csv" ||
  bad "simulate --live-time exit"
paste -d, "$tmp/d0.csv" "$tmp/d1.csv" | awk -F, 'NR > 1 && $3 > 1 {
  n = split($0, f, ","); r = f[n / 2 + 3] / $3; if (r < 0.79999 || r > 0.80001) bad = 1 }
  END { exit bad }' || bad "live/real does not scale the total by 0.8"
"$IL" iba simulate "Au 50nm | Si" --fluence 1e13 --gain 4 --live-time 90 --real-time 100 \
  --pileup-time 2 --csv | head -1 | grep -q ',pileup$' || bad "no pile-up column"

# counting noise: --seed gives whole counts, reproducible, whose sum lies within 5 sqrt(N) of
# the expected sum (Poisson: sd of a sum of independent counts = sqrt of its mean)
"$IL" iba simulate "Au 50nm | Si" --fluence 1e13 --seed 4 --csv >"$tmp/n1.csv" || bad "--seed exit"
"$IL" iba simulate "Au 50nm | Si" --fluence 1e13 --seed 4 --csv | cmp -s - "$tmp/n1.csv" ||
  bad "--seed 4 twice differs"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "expected") e = i }
  NR > 1 { if ($3 != int($3)) frac = 1; n += $3; m += $e }
  END { d = n - m; exit !(e && !frac && m > 1000 && d * d < 25 * m) }' "$tmp/n1.csv" ||
  bad "--seed counts: not whole or sum off the expected sum"

# PIGE: per layer, a thick LiF target under 3 MeV protons
"$IL" iba pige "LiF 500nm | Au 50um | LiF" --r33 "$SRC/tests/cli/data/pige_test_7li.r33" \
  --csv >"$tmp/p.csv" || bad "pige exit"
awk -F, 'NR == 2 && $6 > 0 { ok1 = 1 } NR == 3 && $6 == 0 { ok2 = 1 } END { exit !(ok1 && ok2) }' \
  "$tmp/p.csv" || bad "pige rows: $(cat "$tmp/p.csv")"

# bad input: exit 1, one line on stderr naming the problem
err() {
  local want=$1; shift
  "$IL" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" = 1 ] || { bad "$* exit $rc"; return; }
  [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "$want" "$tmp/err" || bad "$*: $(cat "$tmp/err")"
}
err "cannot be realised" iba simulate "Au 10nm | Si" --angle 60
err "expected an ion" iba simulate "Au 10nm | Si" --beam Xx
err "above the range of cross section" iba simulate "LiF 200nm | Si" --technique nra --beam p \
  --energy 8MeV --angle 160 --r33 "$SRC/data/iba/li7pa0n.r33"
printf 'Units: mb\nData:\n1 0 1 0\n2 0 x 0\nEndData:\n' >"$tmp/bad.r33"
err "bad.r33:4:5: data row: expected numbers" iba simulate "Au 10nm | Si" --r33 "$tmp/bad.r33"
err "foil-thickness" iba simulate "Au 10nm | Si" --foil Kapton
err "pige_test_7li.r33: beam energy 5000 keV is above" iba pige LiF --energy 5MeV \
  --r33 "$SRC/tests/cli/data/pige_test_7li.r33"
err "pileup-time 2 us needs --real-time" iba simulate "Au 10nm | Si" --pileup-time 2
err "resolution-of" iba simulate "Au 10nm | Si" --resolution-of 1H

[ "$fails" = 0 ] && echo "iba CLI: all passed" || exit 1
