#!/usr/bin/env bash
# CLI tests of `interlayer advise`: the ranked table, CSV and JSON, and one clear line for a
# bad question (interface not in the stack, unknown want, bad length), nothing half-written.
# Usage: advise_verbs.sh CLI SRCDIR
set -u
IL=$1
fails=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect_ok() {
  local name=$1 pat=$2; shift 2
  local out
  if ! out=$("$@" 2>"$tmp/err"); then bad "$name: exit $? ($(cat "$tmp/err"))"; return; fi
  if grep -Eq -- "$pat" <<<"$out"; then ok; else bad "$name: output lacks /$pat/"; echo "$out" | head -20; fi
}
expect_fail() {
  local name=$1 code=$2 pat=$3; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" = "$code" ] || { bad "$name: exit $rc, expected $code"; return; }
  [ "$(wc -l <"$tmp/err")" = 1 ] || { bad "$name: stderr has $(wc -l <"$tmp/err") lines"; cat "$tmp/err"; return; }
  grep -Eq -- "$pat" "$tmp/err" && ok || bad "$name: stderr '$(cat "$tmp/err")' lacks /$pat/"
}

expect_ok text-ndp 'NDP +works +alpha leaves' "$IL" advise default --interface Si/Li3PO4 --want li-amount
expect_ok text-xps 'Etched-XPS.*without sputtering it sees' "$IL" advise default --interface Si/Li3PO4 --want li-amount
expect_ok text-iba 'RBS +cannot +Li is nearly invisible to RBS' "$IL" advise default --interface Si/Li3PO4
expect_ok text-res 'depth resolution at the interface [0-9]+ nm > 10 nm wanted' \
  "$IL" advise default --interface Si/Li3PO4 --want li-profile,operando --resolution 10nm
expect_ok gold 'triton leaves' "$IL" advise "Au 5um | LiCoO2 700nm | Li3PO4 1.5um | Si 200nm | Cu" --interface Si/Li3PO4 --want li-amount
expect_ok json '"verdict": "works"' "$IL" advise default --interface Li3PO4/Si --want li-amount --json
expect_ok json-depth '"interface_depth_nm": 3250' "$IL" advise default --interface Si/Li3PO4 --json
expect_ok csv '^rank,technique,name,verdict,decides' "$IL" advise default --interface Si/Li3PO4 --csv
"$IL" advise default --interface Si/Li3PO4 --want li-amount -o "$tmp/a.txt" && grep -q 'NDP' "$tmp/a.txt" && ok || bad "-o file"

expect_fail no-interface 1 "interface 'Au/Si' is not in the stack \(its interfaces: .*Li3PO4/Si" \
  "$IL" advise default --interface Au/Si
expect_fail bad-want 2 "unknown want 'colour'" "$IL" advise default --interface Si/Li3PO4 --want li-profile,colour
expect_fail bad-res 2 "--resolution 'ten'" "$IL" advise default --interface Si/Li3PO4 --resolution ten
expect_fail bad-technique 2 "unknown technique 'sims' \(known: .*tof-sims" \
  "$IL" advise default --interface Si/Li3PO4 --technique ndp,sims
expect_ok only 'NDP' "$IL" advise default --interface Si/Li3PO4 --technique ndp,xps --csv
[ "$("$IL" advise default --interface Si/Li3PO4 --technique ndp,xps --csv | wc -l)" = 3 ] && ok || bad "--technique keeps two rows"
expect_fail no-iface-opt 2 "usage: interlayer advise" "$IL" advise default
"$IL" advise default --interface Au/Si --json -o "$tmp/x.json" 2>/dev/null
[ ! -e "$tmp/x.json" ] && ok || bad "a failed advise left $tmp/x.json"

echo "advise CLI: $pass passed, $fails failed"
[ "$fails" = 0 ]
