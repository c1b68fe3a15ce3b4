# The CLI tests' common harness (sourced; not a test itself: CMake runs tests/cli/*.sh only).
# Sets up a scratch folder removed on exit, the pass/fail counters and the checks most scripts
# share; `finish NAME` prints the count and gives the script its exit status.
fails=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
# check CMD...: counts CMD's success as a pass, its failure as a failure naming CMD
check() { if "$@"; then ok; else bad "$*"; fi; }

# expect_ok NAME PATTERN CMD...: exit 0 and stdout matches PATTERN (grep -E)
expect_ok() {
  local name=$1 pat=$2; shift 2
  local out
  if ! out=$("$@" 2>"$tmp/err"); then bad "$name: exit $? ($(cat "$tmp/err"))"; return; fi
  if grep -Eq -- "$pat" <<<"$out"; then ok; else bad "$name: output lacks /$pat/"; echo "$out" | head -20; fi
}

# expect_fail NAME CODE PATTERN CMD...: exit CODE, one stderr line matching PATTERN
expect_fail() {
  local name=$1 code=$2 pat=$3; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" = "$code" ] || { bad "$name: exit $rc, expected $code"; return; }
  [ "$(wc -l <"$tmp/err")" = 1 ] || { bad "$name: stderr has $(wc -l <"$tmp/err") lines"; cat "$tmp/err"; return; }
  grep -Eq -- "$pat" "$tmp/err" && ok || bad "$name: stderr '$(cat "$tmp/err")' lacks /$pat/"
}

# finish NAME: the summary line; the exit status is 0 only when nothing failed
finish() {
  echo "$1: $pass passed, $fails failed"
  [ "$fails" = 0 ]
}

# mpi_or_skip CLI: exits the script as passed ("skipped: ...") unless CLI was built with MPI
# and mpirun exists; Open MPI's memory hooks and allocations do not go with AddressSanitizer,
# so the MPI runs are checked in the ordinary build only. This machine's tests run as root,
# which Open MPI wants confirmed.
mpi_or_skip() {
  if ! "$1" refl fit --help | grep -q mpirun || ! command -v mpirun >/dev/null; then
    echo "skipped: built without MPI or no mpirun"
    exit 0
  fi
  if ldd "$1" 2>/dev/null | grep -q libasan; then
    echo "skipped: AddressSanitizer build"
    exit 0
  fi
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
}
