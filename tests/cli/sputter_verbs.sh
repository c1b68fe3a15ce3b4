#!/usr/bin/env bash
# CLI tests of `interlayer sputter simulate|deconvolve` against independent expectations:
# - a sharp interface (Pt on Si, ToF-SIMS MRI: w 1 nm, sigma 0, lambda 0.3 nm) is measured at
#   half height at the true depth shifted by the mixing and information terms; the 16-84 % width
#   of the measured step is Hofmann's depth resolution sqrt((2 sigma)^2 + (1.668 lambda)^2 +
#   (1.668 w)^2) to 15 % (the formula is Hofmann's approximation of the exact convolution);
# - atomic fractions: Li3PO4 far from its interfaces reads 3/8 Li (exact, the formula);
# - deconvolve of a simulated 10 nm LiNbO3 layer (XPS, resolution ~6 nm) returns its Nb
#   amount (0.2 x 10 nm = 2 nm of Nb fraction x depth) to 5 % and its centre (105 nm) to within
#   half the depth resolution;
# - one-line errors: unknown technique, unknown element, non-uniform depth grid, missing file;
#   nothing written on failure.
# Usage: sputter_verbs.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"

# sharp interface: 16-84 % width of the Pt step against Hofmann's resolution
"$IL" sputter simulate "Pt 50nm | Si" --technique tof-sims --elements Pt --step 0.05nm \
  --depth 80nm --csv >"$tmp/pt.csv" || bad "simulate pt"
awk -F, -v want="$(awk 'BEGIN{print sqrt((1.668*0.3)^2+(1.668*1)^2)}')" '
  NR>1 { z=$1; m=$3; if (!a && m < 0.84) a=z; if (!b && m < 0.16) b=z; if (!h && m < 0.5) h=z }
  END { w=b-a; if (w > 0.85*want && w < 1.15*want && h > 49 && h < 52) exit 0;
        printf "width %g vs %g, half height at %g\n", w, want, h; exit 1 }' "$tmp/pt.csv" \
  && ok || bad "sharp-interface width"

# Li3PO4 bulk reads its formula's Li fraction
"$IL" sputter simulate "Li3PO4 100nm | Si" --technique xps --elements Li --step 0.5nm --csv \
  | awk -F, 'NR>1 && $1>40 && $1<60 { if ($3 < 0.3749 || $3 > 0.3751) bad=1 } END { exit bad }' \
  && ok || bad "Li3PO4 Li fraction"

# text output starts with the MRI parameters; -o writes a file; JSON; plot
"$IL" sputter simulate default --technique xps --depth 100nm | head -1 | grep -Eq '^# xps: mixing 2 nm' \
  && ok || bad "text header"
"$IL" sputter simulate default --technique aes --depth 100nm --csv -o "$tmp/a.csv" --plot "$tmp/a.svg" \
  && head -1 "$tmp/a.csv" | grep -q '^depth_nm,H_true' && [ -s "$tmp/a.svg" ] && ok || bad "-o and --plot"

# deconvolution recovers a 10 nm LiNbO3 layer
"$IL" sputter simulate "Li3PO4 100nm | LiNbO3 10nm | LiCoO2" --technique xps --elements Nb \
  --step 0.5nm --depth 160nm --csv | awk -F, 'NR>1 {print $1 "," $3}' >"$tmp/nb.csv"
"$IL" sputter deconvolve "$tmp/nb.csv" --technique xps --information-depth 2.8 --csv >"$tmp/d.csv" \
  || bad "deconvolve"
awk -F, 'NR>1 { s += $3 * 0.5; m += $1 * $3 * 0.5 }
  END { c = m / s; if (s > 1.9 && s < 2.1 && c > 102 && c < 108) exit 0;
        printf "amount %g (2), centre %g (105)\n", s, c; exit 1 }' "$tmp/d.csv" && ok || bad "deconvolve amount/centre"
"$IL" sputter deconvolve "$tmp/nb.csv" --technique xps --json | grep -q '"deconvolved"' && ok || bad "deconvolve json"

expect_fail technique 2 "--technique: technique 'xyz' unknown \(expected xps, aes, tof-sims or gd-oes\)" \
  "$IL" sputter simulate default --technique xyz
expect_fail no-technique 2 "--technique xps\|aes\|tof-sims\|gd-oes is required" \
  "$IL" sputter simulate default
expect_fail element 2 "unknown element 'Qq'" "$IL" sputter simulate default --technique xps --elements Li,Qq
printf '1,2\n2,3\n4,5\n' >"$tmp/bad.csv"
expect_fail grid 1 "bad.csv: depth step 1 nm at point 2 differs from the mean step 1.5 nm" \
  "$IL" sputter deconvolve "$tmp/bad.csv" --technique xps -o "$tmp/never.csv"
[ ! -e "$tmp/never.csv" ] && ok || bad "half-written output"
expect_fail missing 1 "nope.csv: cannot open" "$IL" sputter deconvolve "$tmp/nope.csv" --technique xps
"$IL" sputter --help | grep -q deconvolve && ok || bad "group help"
"$IL" sputter simulate --help | grep -q 'Hofmann' && ok || bad "simulate help on stdout"

echo "sputter verbs: $pass passed, $fails failed"
[ "$fails" = 0 ]
