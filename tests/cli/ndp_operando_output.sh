#!/usr/bin/env bash
# CLI tests of `ndp operando`'s results folder (issue 12, section 7): it is built beside the
# target and swapped in whole, so a failure leaves an earlier result untouched and a success
# leaves no file of an earlier run behind; a folder holding anything else (the user's data) is
# refused before the analysis; the index's duplicates and live times are checked with the row
# named; a series folder's index.csv is not read as a spectrum.
# Usage: ndp_operando_output.sh CLI SRCDIR
set -u
IL=$(realpath "$1")
fails=0
pass=0
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { pass=$((pass + 1)); }
# err CODE MESSAGE ARGS...: exit CODE and stderr exactly "interlayer: MESSAGE"
err() {
  local code=$1 msg=$2; shift 2
  "$IL" "$@" >out.txt 2>err.txt </dev/null
  local rc=$?
  [ "$rc" = "$code" ] && [ "$(cat err.txt)" = "interlayer: $msg" ] && ok ||
    bad "interlayer $*: exit $rc, stderr '$(cat err.txt)', expected $code 'interlayer: $msg'"
}

S='LiCoO2 2um | Si'
mkdir s
"$IL" ndp simulate "$S" --channels 512 --gain 6 --seed 1 -o ref.spe &&
  "$IL" ndp simulate "$S" --channels 512 --gain 6 --seed 2 -o s/sp1.spe &&
  "$IL" ndp simulate "$S" --channels 512 --gain 6 --seed 3 -o s/sp2.spe || bad "simulate failed"
printf 'file,time_s,live_time_s\nsp1.spe,0,3600\nsp2.spe,3600,3600\n' >s/idx.csv
run() { "$IL" ndp operando s --index s/idx.csv --stack "$S" --reference ref.spe "$@" >/dev/null 2>err.txt; }

# a new folder: written, nothing left beside it
run -o res && [ -f res/summary.json ] && [ -f res/inventories.svg ] && ok || bad "new folder: $(cat err.txt)"
[ "$(ls -d res.* 2>/dev/null)" = "" ] && ok || bad "left beside the output: $(ls -d res.*)"

# an earlier result with a file this run does not write (voltage.svg: no cycler now) is
# replaced whole: the stale plot is gone
echo stale >res/voltage.svg
echo stale >res/faraday.csv
run -o res && [ ! -e res/voltage.svg ] && ! grep -q stale res/faraday.csv && ok ||
  bad "earlier result not replaced whole: $(ls res) $(cat err.txt)"

# a folder holding the user's data is refused before the analysis, and kept as it was
mkdir data && echo precious >data/notes.txt
err 1 "data: the output folder holds 'notes.txt', which this command does not write: it replaces the folder whole, so give a new or empty folder (nothing was written)" \
  ndp operando s --index s/idx.csv --stack "$S" --reference ref.spe -o data
[ "$(ls data)" = notes.txt ] && ok || bad "data folder changed: $(ls data)"
echo x >afile
err 1 "afile: exists and is not a folder: give a folder to write the results into" \
  ndp operando s --index s/idx.csv --stack "$S" --reference ref.spe -o afile

# a failure after the analysis (the folder beside the target cannot be made: read-only parent)
# leaves the earlier result untouched (skipped as root, who may write anyway)
if [ "$(id -u)" != 0 ]; then
  cp -r res ro && chmod a-w "$tmp" && before=$(ls -l ro | md5sum)
  run -o ro && bad "wrote into a read-only parent"
  chmod u+w "$tmp"
  [ "$(ls -l ro | md5sum)" = "$before" ] && ok || bad "earlier result changed on failure"
fi
# a failure part way (the second spectrum unreadable, after the first loaded) leaves it too
cp -r res keep && before=$(cat keep/*.csv | md5sum)
cp s/sp2.spe sp2.bak && echo garbage >s/sp2.spe
run -o keep && bad "a garbage spectrum was accepted"
[ "$(cat keep/*.csv | md5sum)" = "$before" ] && [ "$(ls -d keep.* 2>/dev/null)" = "" ] && ok ||
  bad "earlier result changed or temporaries left on failure"
cp sp2.bak s/sp2.spe

# the index: a spectrum listed twice is named with both rows; live time 0 or negative refused
printf 'file,time_s,live_time_s\nsp1.spe,0,3600\nsp2.spe,3600,3600\nsp1.spe,7200,3600\n' >s/dup.csv
err 1 "s/dup.csv:4:1: spectrum 's/sp1.spe' is listed twice (lines 2 and 4): each file is one moment of the series" \
  ndp operando s --index s/dup.csv --stack "$S" -o d2
[ ! -e d2 ] && ok || bad "duplicate index wrote d2"
printf 'file,time_s,live_time_s\nsp1.spe,0,0\n' >s/l0.csv
err 1 "s/l0.csv:2:11: live_time_s 0: expected a time > 0 and <= 3.2e8 s (ten years)" \
  ndp operando s --index s/l0.csv --stack "$S" -o d2
printf 'file,time_s,live_time_s\nsp1.spe,0,-5\n' >s/l5.csv
err 1 "s/l5.csv:2:11: live_time_s -5: expected a time > 0 and <= 3.2e8 s (ten years)" \
  ndp operando s --index s/l5.csv --stack "$S" -o d2
rm s/dup.csv s/l0.csv s/l5.csv

# a series folder with its index.csv, given without --index
cp s/idx.csv s/index.csv
err 1 "s/index.csv: this is the series' index, not a spectrum: give it with --index s/index.csv (or move it out of the folder)" \
  ndp operando s --stack "$S" -o d3

echo "ndp_operando_output: $pass passed, $fails failed"
[ "$fails" = 0 ]
