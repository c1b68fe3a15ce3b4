#!/usr/bin/env bash
# Operando NDP on the digital twin of the default thin-film cell (examples/cell/si-li3po4-licoo2.yaml,
# the review's Cu | Si | Li3PO4 | LiCoO2 | Pt cell): `cell twin` charges and discharges it for
# two cycles at C/5 while a Li-Si-P-O interlayer at Si/Li3PO4 immobilises 10 % of the Li entering
# the Si, and writes what an NDP instrument would have recorded (one spectrum an hour, Poisson
# counts, the pristine reference, the cycler record). `ndp operando` then analyses it as real
# data, knowing only the pristine structure. The demo ends by setting the Li the analysis finds
# left on the Si side after the last discharge against the capacity the cycler says was lost.
#
#   examples/ndp/operando-demo.sh [INTERLAYER_BINARY] [OUTDIR]
set -euo pipefail
IL=${1:-build/interlayer}
OUT=${2:-demo-out/ndp}
HERE=$(cd "$(dirname "$0")" && pwd)
CELL="$HERE/../cell/si-li3po4-licoo2.yaml"
INSTR="$HERE/instrument-1h.yaml"
CYCLE="Charge at C/5 until 4.2 V; Discharge at C/5 until 3.0 V; Hold at 3.0 V until 0.5 uA/cm2"
mkdir -p "$OUT"

echo "the twin: two cycles of the cell, an NDP spectrum every hour..."
"$IL" cell twin "$CELL" --protocol "2 x ($CYCLE); Rest for 1 hour" --ndp "$INSTR" --seed 1 \
  -o "$OUT/twin" | sed -n '1,/^Faraday/p'
T="$OUT/twin/ndp"

# --self-consistent 2: each spectrum's Li goes into the stopping of its layers (a delithiated
# cathode stops less, a lithiated Si anode more), twice over; the twin's states carry their Li
# in the stopping too, so the analysis and the truth see the same physics.
echo
echo "the analysis, as of real data (pristine structure, reference, cycler record)..."
"$IL" ndp operando "$T/series" --index "$T/series/index.csv" --stack "$T/pristine.yaml" \
  --reference "$T/reference.spe" --cycler "$T/cycler.csv" --cell-area 1 --self-consistent 2 \
  --instrument "$INSTR" -o "$OUT/results" | tee "$OUT/report.txt"

# The last spectrum of a full hour (the run's end cuts the very last one short), its start and
# end on the cycler's clock.
read -r FILE T0 T1 < <(awk -F, 'NR > 1 && $3 + 0 >= 3599 { f = $1; t0 = $2; t1 = $2 + $3 }
  END { print f, t0, t1 }' "$T/series/index.csv")

# Column `name` of a CSV row (headers are quoted when they hold spaces).
col() { # file row-selector-awk-expr name
  awk -F, -v name="$3" "NR == 1 { for (i = 1; i <= NF; i++) { h = \$i; gsub(/\"/, \"\", h); if (h == name) c = i } next }
    $2 { print \$c }" "$1"
}
row="index(\$2, \"$FILE\")"
inv="$OUT/results/inventories.csv"
for L in interlayer anode cathode; do
  eval "${L}_m=\$(col \"$inv\" '$row' '$L moved')"
  eval "${L}_s=\$(col \"$inv\" '$row' '$L moved sigma')"
  eval "${L}_y=\$(col \"$inv\" '$row' '$L moved systematic')"
done

# The cycler: the net charge passed by the start and by the end of that spectrum (trapezoids on
# the record), as Li atoms/cm2 (cell area 1 cm2); the spectrum integrates over the hour, so the
# capacity lost "at the spectrum" is the mean, +- half the change within it.
read -r LOST LOST_S < <(awk -F, -v t0="$T0" -v t1="$T1" 'NR > 1 {
    t = $1; i = $3
    if (n++) { for (k = 0; k < 2; k++) { e = k ? t1 : t0
        a = tp; b = (t < e ? t : e); if (b > a) q[k] += 0.5 * (ip + ip + (i - ip) * (b - tp) / (t - tp)) * (b - a) } }
    tp = t; ip = i }
  END { e = 1.602176634e-19; d = (q[1] - q[0]) / 2 / e
        printf "%.4e %.2e\n", (q[0] + q[1]) / 2 / e, d < 0 ? -d : d }' "$T/cycler.csv")

# The ledger of the twin (atoms/cm2; the truth the analysis never saw), over the same hour:
# interlayer immobilised + reacted (columns 7, 8), mobile Li in the Si (column 3).
read -r TRAP MOBILE < <(awk -F, -v t0="$T0" -v t1="$T1" 'NR > 1 && $1 >= t0 && $1 <= t1 {
    n++; a += $7 + $8; m += $3 } END { printf "%.4e %.4e\n", a / n, m / n }' "$OUT/twin/ledger.csv")

echo
echo "after the last discharge ($FILE, t = $T0..$T1 s), Li atoms/cm2:"
awk -v im="$interlayer_m" -v is="$interlayer_s" -v iy="$interlayer_y" \
    -v am="$anode_m" -v as="$anode_s" -v ay="$anode_y" -v cm="$cathode_m" -v cs="$cathode_s" \
    -v cy="$cathode_y" -v lost="$LOST" -v ls="$LOST_S" -v trap="$TRAP" -v mob="$MOBILE" 'BEGIN {
  si = sqrt(is * is + iy * iy); sa = sqrt(as * as + ay * ay); sc = sqrt(cs * cs + cy * cy)
  found = im + am; sf = sqrt(si * si + sa * sa)
  printf "  NDP: trapped in the Si/Li3PO4 interlayer   %.3e +- %.1e\n", im, si
  printf "  NDP: left in the Si anode                  %.3e +- %.1e\n", am, sa
  printf "  NDP: Li left on the Si side (sum)          %.3e +- %.1e\n", found, sf
  printf "  NDP: Li the cathode did not get back       %.3e +- %.1e\n", -cm, sc
  printf "  cycler: capacity lost (net charge / e)     %.3e +- %.1e (%.3f uAh/cm2)\n", lost, ls, lost * 1.602176634e-19 / 3.6e-3
  s = sqrt(sf * sf + ls * ls)
  printf "  -> the Li recovered on the Si side (trapped + stranded) equals the capacity lost:\n"
  printf "     difference %.2e = %.1f sigma (NDP and cycler sigmas in quadrature)\n", found - lost, (found - lost) / s
  printf "  (twin ledger, not seen by the analysis: immobilised and reacted %.3e, mobile in the Si %.3e)\n", trap, mob
}' | tee "$OUT/closure.txt"
echo "plots: $OUT/results/{inventories,delta_li_map,spectra,voltage}.svg, $OUT/twin/{voltage,ledger,thickness}.svg"
