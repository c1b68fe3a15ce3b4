#!/usr/bin/env bash
# interlayer spectrum show / convert: every ordered pair of formats through the program keeps
# counts, live and real time exactly (compared as the CSV the library writes, shortest decimals
# that read back to the same double); show reports what the file holds; refusals are one line,
# exit 1 and leave no file. Usage: spectrum_tools.sh CLI SRCDIR
set -u
IL=$1
SRC=$2
D="$SRC/tests/io/spectrum/data"
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"

# The counts column and the time lines of a spectrum, via the CSV writer.
fingerprint() {
  "$IL" spectrum convert "$1" "$tmp/fp.csv" >/dev/null || { echo "convert failed"; return; }
  grep -E '^# (live|real)_time_s:' "$tmp/fp.csv"
  grep -v '^#' "$tmp/fp.csv" | cut -d, -f1,3
}

for src in "$D/Alcatraz14.CHN" "$D/Mendocino_07-10-13_Acq-10-10-13.Spe" "$D/Alcatraz14.n42"; do
  want=$(fingerprint "$src")
  for a in Spe Chn n42 csv; do
    "$IL" spectrum convert "$src" "$tmp/a.$a" >/dev/null 2>"$tmp/err" || { bad "$src -> .$a: $(cat "$tmp/err")"; continue; }
    for b in Spe Chn n42 csv; do
      if "$IL" spectrum convert "$tmp/a.$a" "$tmp/b.$b" >/dev/null 2>"$tmp/err"; then
        [ "$(fingerprint "$tmp/b.$b")" = "$want" ] && ok || bad "$(basename "$src") -> .$a -> .$b changed counts or times"
      else
        bad "$(basename "$src") -> .$a -> .$b: $(cat "$tmp/err")"
      fi
    done
  done
done

# show: the numbers the file holds (Alcatraz14.CHN: 900 s live, 905.42 s real, 132978 counts,
# started 2012-09-17 13:41:07; values read by Ortec's own software for this file).
out=$("$IL" spectrum show "$D/Alcatraz14.CHN")
for want in 'format +Chn' 'channels +8192' 'live time +900 s' 'real time +905.42 s' \
            'start +2012-09-17T13:41:07' 'total +132978 counts' 'calibration +E = 0.5783317'; do
  grep -Eq "$want" <<<"$out" && ok || bad "spectrum show lacks /$want/"
done
# ROI sums: channels 100..200 against a sum computed here from the CSV.
sum=$("$IL" spectrum convert "$D/Alcatraz14.CHN" "$tmp/s.csv" >/dev/null &&
      awk -F, '!/^#/ && NR > 1 && $1 >= 100 && $1 <= 200 {s += $3} END {print s}' "$tmp/s.csv")
got=$("$IL" spectrum show "$D/Alcatraz14.CHN" --roi 100:200 --csv | awk -F, 'NR == 2 {print $6}')
[ -n "$sum" ] && [ "$got" = "$sum" ] && ok || bad "ROI 100:200 gave '$got', the CSV sums to '$sum'"
"$IL" spectrum show "$D/Alcatraz14.CHN" --roi 100keV:200keV --json | grep -q '"first_keV"' && ok || bad "energy ROI"

# expect_refusal NAME CODE PATTERN OUT CMD...: exit CODE, one stderr line matching PATTERN, and
# OUT (a path, or empty) not written.
expect_refusal() {
  local name=$1 code=$2 pat=$3 out=$4; shift 4
  "$@" >/dev/null 2>"$tmp/err"; local rc=$?
  [ "$rc" = "$code" ] || { bad "$name: exit $rc, expected $code"; return; }
  [ "$(wc -l <"$tmp/err")" = 1 ] || { bad "$name: stderr has $(wc -l <"$tmp/err") lines"; return; }
  grep -Eq -- "$pat" "$tmp/err" || { bad "$name: '$(cat "$tmp/err")' lacks /$pat/"; return; }
  [ -z "$out" ] || [ ! -e "$out" ] || { bad "$name: $out was written"; return; }
  ok
}
expect_refusal "csv without times to Chn" 1 'needs the live time' "$tmp/x.Chn" \
  "$IL" spectrum convert "$D/Mendocino_07-10-13_Acq-10-10-13.csv" "$tmp/x.Chn"
"$IL" spectrum convert "$D/Mendocino_07-10-13_Acq-10-10-13.csv" "$tmp/x.Chn" --live-time 595642 --real-time 595798 >/dev/null \
  && [ "$("$IL" spectrum show "$tmp/x.Chn" --json | grep -c '"live_time_s": 595642')" = 1 ] && ok || bad "--live-time/--real-time"
printf '0,1.5\n1,2\n' >"$tmp/frac.csv"
expect_refusal "fractional counts to Chn" 1 'whole counts' "$tmp/y.Chn" \
  "$IL" spectrum convert "$tmp/frac.csv" "$tmp/y.Chn" --live-time 1 --real-time 1
expect_refusal "missing file" 1 'nope.Spe' "" "$IL" spectrum show "$tmp/nope.Spe"
expect_refusal "bad ROI" 2 'expected LO:HI' "" "$IL" spectrum show "$D/Alcatraz14.CHN" --roi 100
expect_refusal "energy ROI without calibration" 2 'no calibration|has none' "" \
  "$IL" spectrum show "$tmp/frac.csv" --roi 1keV:2keV
expect_refusal "unknown format" 2 "unknown" "" "$IL" spectrum convert "$D/Alcatraz14.CHN" "$tmp/z.x" --to mca
expect_refusal "unknown extension" 1 'extension' "$tmp/z.mca" "$IL" spectrum convert "$D/Alcatraz14.CHN" "$tmp/z.mca"
expect_refusal "gain beyond float32 to Chn" 1 "outside its range" "$tmp/g.Chn" \
  "$IL" spectrum convert "$D/gain_beyond_float32.n42" "$tmp/g.Chn"
expect_refusal "gain below float32 to Chn" 1 "would no longer rise" "$tmp/g2.Chn" \
  "$IL" spectrum convert "$D/gain_below_float32.n42" "$tmp/g2.Chn"

echo "spectrum_tools: $pass passed, $fails failed"
[ "$fails" = 0 ]
