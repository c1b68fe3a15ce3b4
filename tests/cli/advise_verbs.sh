#!/usr/bin/env bash
# CLI tests of `interlayer advise`: the ranked table, CSV and JSON, and one clear line for a
# bad question (interface not in the stack, unknown want, bad length), nothing half-written.
# Usage: advise_verbs.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"

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
