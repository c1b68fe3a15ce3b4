#!/usr/bin/env bash
# CLI tests of `interlayer cell`: simulate on the example cell writes every file it promises,
# whole, with a ledger that closes and states that `stack show` reads back; bad parameter files
# and protocols give one line naming the key or the word at fault (file:line:column), nothing
# half-written, exit 1; usage errors exit 2. Usage: cell_verbs.sh CLI SRCDIR
set -u
IL=$(realpath "$1")
SRC=$(realpath "$2")
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"
CELL="$SRC/examples/cell/si-li3po4-licoo2.yaml"

"$IL" cell simulate "$CELL" --protocol "Charge at C/5 until 4.2 V; Discharge at C/5 until 3.0 V" \
  --save-every 1h -o "$tmp/run" >"$tmp/out" 2>"$tmp/err" && ok || bad "simulate failed: $(cat "$tmp/err")"
for f in timeseries.csv ledger.csv cycles.csv summary.json voltage.svg current.svg thickness.svg \
  ledger.svg states/state_001.yaml; do
  [ -s "$tmp/run/$f" ] && ok || bad "simulate did not write $f"
done
grep -q "closes to" "$tmp/out" && ok || bad "no ledger line in the report"
# the ledger closes to 1e-9 at every sample (column relative_error of ledger.csv)
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "relative_error") c = i; next }
         $c > 1e-9 { bad = 1 } END { exit bad || !c }' "$tmp/run/ledger.csv" && ok ||
  bad "ledger.csv: relative_error above 1e-9"
"$IL" stack show "$tmp/run/states/state_002.yaml" >/dev/null 2>&1 && ok || bad "a saved state is not a stack file"

# one line at file:line:column naming the key at fault
sed 's/diffusivity_cm2_s: 1.0e-10/diffusivity_cm2_s: -1/' "$CELL" >"$tmp/bad1.yaml"
cp "$SRC/examples/cell/si-li3po4-licoo2-stack.yaml" "$tmp/"
"$IL" cell simulate "$tmp/bad1.yaml" --protocol "Rest for 1 s" -o "$tmp/b1" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "bad1.yaml:15:22: 'cathode.diffusivity_cm2_s': must be > 0" "$tmp/err" &&
  [ ! -e "$tmp/b1" ] && ok || bad "negative diffusivity: $(cat "$tmp/err")"
sed 's/  ocv: Si /  ocvv: Si /' "$CELL" >"$tmp/bad2.yaml"
"$IL" cell simulate "$tmp/bad2.yaml" --protocol "Rest for 1 s" -o "$tmp/b2" >/dev/null 2>"$tmp/err"
grep -q "bad2.yaml:22:3: unknown key 'anode.ocvv'; did you mean 'ocv'?" "$tmp/err" && ok || bad "unknown key: $(cat "$tmp/err")"
sed 's/  layer: anode/  layer: anodes/' "$CELL" >"$tmp/bad3.yaml"
"$IL" cell simulate "$tmp/bad3.yaml" --protocol "Rest for 1 s" -o "$tmp/b3" >/dev/null 2>"$tmp/err"
grep -q "bad3.yaml:21:10: anode.layer: no stack layer named 'anodes'" "$tmp/err" && ok || bad "unknown layer: $(cat "$tmp/err")"
# a protocol error names the word
"$IL" cell simulate "$CELL" --protocol "Charge at C/5 untill 4.2 V" -o "$tmp/b4" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "^interlayer: --protocol:1:15: unexpected 'untill'" "$tmp/err" && [ ! -e "$tmp/b4" ] &&
  ok || bad "protocol error: $(cat "$tmp/err")"
# usage
"$IL" cell simulate "$CELL" -o "$tmp/b5" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "give either --protocol TEXT or --cycler FILE" "$tmp/err" && ok || bad "usage: $(cat "$tmp/err")"
"$IL" cell simulate --help >/dev/null 2>&1 && ok || bad "--help"

# every parameter set of examples/cell runs, and its ledger closes
for f in "$SRC"/examples/cell/*.yaml; do
  case "$f" in *-stack.yaml) continue ;; esac
  case "$f" in *licoo2*) P="Charge at 10 uA/cm2 until 4.2 V; Discharge at 10 uA/cm2 until 3.0 V" ;;
    *) P="Charge at 0.1 mA/cm2 for 1 hour; Rest for 10 min; Discharge at 0.1 mA/cm2 for 1 hour" ;; esac
  n=$(basename "$f" .yaml)
  "$IL" cell simulate "$f" --protocol "$P" -o "$tmp/ex_$n" >/dev/null 2>"$tmp/err" && ok || bad "$n: $(cat "$tmp/err")"
  awk -F': ' '/"(ledger|faraday)_worst_relative_error"/ { v = $2; sub(/,$/, "", v); n++; if (v + 0 >= 1e-9) bad = 1 }
              END { exit bad || n != 2 }' "$tmp/ex_$n/summary.json" && ok || bad "$n: the ledger does not close"
done
# Han et al. (2017): the Al2O3 coating takes the interface from 1710 to 1 ohm cm2; at 0.1 mA/cm2
# the cell voltage drops by 0.1 mA/cm2 x (2 x 1710 - 2) ohm cm2 = 0.3418 V (at the first sample)
v1=$(awk -F, 'NR == 3 {print $3}' "$tmp/ex_li-llzo-li/timeseries.csv")
v2=$(awk -F, 'NR == 3 {print $3}' "$tmp/ex_li-al2o3-llzo-li/timeseries.csv")
awk -v a="$v1" -v b="$v2" 'BEGIN { d = a - b - 0.3418; exit !(d < 1e-6 && d > -1e-6) }' && ok ||
  bad "Al2O3 coating: voltages $v1 and $v2 do not differ by 0.3418 V"

# anneal: an isotope bilayer exchanges 6Li and 7Li; each layer keeps its Li; errors name the word
"$IL" cell anneal "LiNbO3 100nm li6=0.95 name=a | LiNbO3 100nm name=b | Si" --species Li6 --D0 1e-14 \
  --programme "600 K for 20 min; 25 C for 1 h" -o "$tmp/ann.yaml" >/dev/null 2>"$tmp/err" && ok || bad "anneal: $(cat "$tmp/err")"
"$IL" stack show "$tmp/ann.yaml" >"$tmp/show" 2>&1 && grep -q "a: 6Li linear" "$tmp/show" && ok || bad "annealed stack: $(cat "$tmp/show")"
"$IL" cell anneal "LiNbO3 100nm" --species Li6 --D0 1e-14 --programme "600 K for 20 min; 25 X for 1 h" \
  -o "$tmp/ann2.yaml" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "^interlayer: --programme:1:19: '25' needs K or C" "$tmp/err" && [ ! -e "$tmp/ann2.yaml" ] && ok ||
  bad "anneal programme error: $(cat "$tmp/err")"

# contact and stripping CCD diagnostic (Li metal cells): a CCD line with its assumptions, the
# contact columns; without creep data exactly one line saying it is off; a bad creep value gets
# one line at the key's place
LIC="$SRC/examples/cell/li-li6ps5cl-li.yaml"
"$IL" cell simulate "$LIC" --protocol "Charge at 0.1 mA/cm2 for 30 min" -o "$tmp/li" >"$tmp/out" 2>"$tmp/err" &&
  grep -q "^contact: stripping CCD .* mA/cm2 at 3 MPa.*plating (dendrite) limits are not modelled" "$tmp/out" &&
  head -1 "$tmp/li/timeseries.csv" | grep -q '"stripped contact_fraction"' && ok || bad "contact diagnostic: $(cat "$tmp/out" "$tmp/err")"
sed '/^contact:/,/^  void_height_um/d' "$LIC" >"$tmp/nocreep.yaml"
"$IL" cell simulate "$tmp/nocreep.yaml" --protocol "Charge at 0.1 mA/cm2 for 30 min" -o "$tmp/li2" >"$tmp/out" 2>"$tmp/err" &&
  [ "$(grep -c contact "$tmp/out")" = 1 ] && grep -q "^contact diagnostic off: no creep data" "$tmp/out" && ok ||
  bad "no creep data: $(cat "$tmp/out" "$tmp/err")"
sed 's/  creep_exponent: 6.56/  creep_exponent: -6.56/' "$LIC" >"$tmp/badcreep.yaml"
"$IL" cell simulate "$tmp/badcreep.yaml" --protocol "Rest for 1 s" -o "$tmp/b9" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "badcreep.yaml:37:19: 'contact.creep_exponent': must be > 0" "$tmp/err" &&
  [ ! -e "$tmp/b9" ] && ok || bad "bad creep exponent: $(cat "$tmp/err")"

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
