#!/usr/bin/env bash
# ndp invert -o FILE and ndp calibrate -o FILE (README: every verb takes -o): the file holds
# byte for byte what stdout would (text, --json, --csv, --method classic), goes through the
# temp-file-and-rename writer (a failed run leaves an existing file as it was, an unwritable
# place is an error naming it), and --batch refuses -o (its results go to OUTDIR).
# Usage: ndp_output_file.sh CLI SRCDIR
set -u
IL=$1
. "$(dirname "${BASH_SOURCE[0]}")/support/harness.bash"
S="Pt 50nm | LiCoO2 1um | Li3PO4 1.5um | Si"

"$IL" ndp simulate "$S" --seed 5 -o "$tmp/s.spe" >/dev/null || { echo "simulate failed"; exit 1; }

# same_as_stdout NAME ARGS...: ARGS with -o NAME writes what ARGS print, and prints nothing
same_as_stdout() {
  local name=$1; shift
  "$IL" "$@" >"$tmp/$name.stdout" 2>/dev/null || return 1
  "$IL" "$@" -o "$tmp/$name" >"$tmp/$name.quiet" 2>/dev/null || return 1
  cmp -s "$tmp/$name" "$tmp/$name.stdout" && [ ! -s "$tmp/$name.quiet" ] && [ -s "$tmp/$name" ]
}
check same_as_stdout inv.txt ndp invert "$tmp/s.spe" --stack "$S"
check same_as_stdout inv.json ndp invert "$tmp/s.spe" --stack "$S" --json
check same_as_stdout inv.csv ndp invert "$tmp/s.spe" --stack "$S" --csv
check same_as_stdout classic.json ndp invert "$tmp/s.spe" --stack "$S" --method classic --json
check same_as_stdout cal.txt ndp calibrate "$tmp/s.spe" --stack "$S"
check same_as_stdout cal.json ndp calibrate "$tmp/s.spe" --stack "$S" --json

# a run that fails (a stack the spectrum cannot be inverted with: unknown material) keeps the
# old file untouched and leaves no temporary beside it
echo keep >"$tmp/old.txt"
check bash -c '! "$0" ndp invert "$1/s.spe" --stack "Xx 5nm | Si" -o "$1/old.txt" 2>/dev/null' "$IL" "$tmp"
check grep -qx keep "$tmp/old.txt"
check bash -c '! "$0" ndp calibrate "$1/s.spe" --stack "Xx 5nm | Si" -o "$1/old.txt" 2>/dev/null' "$IL" "$tmp"
check grep -qx keep "$tmp/old.txt"
check test "$(ls "$tmp" | grep -c '^\.\?old\.txt.')" = 0

# an output folder that does not exist: exit 1 and a message naming the path
"$IL" ndp invert "$tmp/s.spe" --stack "$S" -o "$tmp/no/such/x.txt" >/dev/null 2>"$tmp/err"
check test $? = 1
check grep -q "$tmp/no/such/x.txt" "$tmp/err"
"$IL" ndp calibrate "$tmp/s.spe" --stack "$S" -o "$tmp/no/such/x.txt" >/dev/null 2>"$tmp/err"
check test $? = 1
check grep -q "$tmp/no/such/x.txt" "$tmp/err"

# --batch writes one result per spectrum into OUTDIR: -o is refused, not ignored
"$IL" ndp invert --batch "$tmp" --batch-out "$tmp/b" --stack "$S" -o "$tmp/x" >/dev/null 2>"$tmp/err"
check test $? = 2
check grep -q -- '-o are per spectrum' "$tmp/err"

finish ndp_output_file
