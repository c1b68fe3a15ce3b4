#!/usr/bin/env bash
# refl fit: the resolution grid is made at the start model; when the fit moves the critical edge
# far (a Ni film's SLD fitted from 6 to 9.4e-6 Å⁻²), its error at the solution exceeds the target
# and the grid is made again there, with an LM polish. Checks: the rebuild is reported, no
# "exceeds its target" warning is left, and every parameter agrees with the fit on the exact
# adaptive resolution path (--exact-resolution, the reference) within 0.1 of its sigma (the grid's
# target is 1e-3 of the smallest relative error bar, so its effect on the parameters is far below
# their sigma). Usage: refl_plan_rebuild.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"
"$IL" refl simulate "air | Ni 300 4 | Si 0 3" --q-min 0.005 --q-max 0.2 --points 200 \
  --dq-over-q 0.03 --noise 0.01 --noise-floor 1e-7 --background 1e-7 --seed 1 \
  --ort "$tmp/d.ort" >/dev/null 2>&1 || { echo "simulate failed"; exit 1; }
cat >"$tmp/m.yaml" <<'YAML'
probe: neutron
wavelength: 1.798
layers:
  - {name: air, sld: 0}
  - {name: film, sld: {value: 6.0, min: 2, max: 12}, thickness: {value: 280, min: 200, max: 400},
     roughness: {value: 4, min: 0, max: 12}}
  - {name: Si, material: Si, roughness: 3}
background: {value: 1e-7, min: 0, max: 1e-5}
YAML
"$IL" refl fit --model "$tmp/m.yaml" "$tmp/d.ort" >"$tmp/grid.txt" 2>&1
check test $? = 0
check grep -q "made again there" "$tmp/grid.txt"
check test "$(grep -c "exceeds its target" "$tmp/grid.txt")" = 0
"$IL" refl fit --model "$tmp/m.yaml" "$tmp/d.ort" --exact-resolution >"$tmp/exact.txt" 2>&1
check test $? = 0
for p in film.sld film.thickness film.roughness background; do
  g=$(awk -v p="$p" '$1 == p { print $2, $3 }' "$tmp/grid.txt")
  e=$(awk -v p="$p" '$1 == p { print $2 }' "$tmp/exact.txt")
  check awk -v g="$g" -v e="$e" -v p="$p" 'BEGIN { split(g, a, " ");
    d = (a[1] - e) / a[2]; printf "%s: grid %s exact %s (%+.4f sigma)\n", p, a[1], e, d;
    exit !(d < 0.1 && d > -0.1) }'
done
finish refl_plan_rebuild
