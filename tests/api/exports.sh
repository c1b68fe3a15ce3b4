#!/usr/bin/env bash
# libinterlayer.so exports exactly the functions that the public headers declare: nothing
# internal leaks out (hidden visibility, IL_API in include/interlayer/export.h), and nothing
# declared is missing. The declarations are read by the compiler itself (gcc -aux-info lists
# every prototype it sees, with the file it came from), not by pattern matching on C.
#   tests/api/exports.sh CC LIBRARY.so SRCDIR GENERATED_INCLUDE_DIR
set -u
CC=$1 LIB=$2 SRC=$3 GEN=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include "interlayer/interlayer.h"\n' >"$tmp/all.c"
if ! "$CC" -std=c11 -I"$SRC/include" -I"$GEN" -aux-info "$tmp/aux.txt" -fsyntax-only "$tmp/all.c"; then
  echo "exports: the public headers do not compile on their own"; echo "0 passed, 1 failed"; exit 1
fi
# lines look like: /* /path/include/interlayer/error.h:32:NC */ extern void il_error_clear (il_error *);
grep '/include/interlayer/' "$tmp/aux.txt" | sed -E 's/^.*\*\/ *//; s/ *\(.*$//; s/.*[ *]//' |
  sort -u >"$tmp/declared"
nm -D --defined-only "$LIB" | awk '$2 ~ /[TDBRWV]/ {print $3}' |
  grep -Ev '^(_init|_fini|_edata|_end|__bss_start|__(asan|ubsan|lsan|odr_asan|sanitizer)_.*|\.gomp_critical_user_.*)$' |
  sort -u >"$tmp/exported"
# (.gomp_critical_user_NAME is the lock GCC makes for "#pragma omp critical (NAME)"; it
# must be shared by every copy of the library in a process, so GCC keeps it visible.)
# public headers without a definition would be a broken promise, internal names a leak
missing=$(comm -23 "$tmp/declared" "$tmp/exported")
leaked=$(comm -13 "$tmp/declared" "$tmp/exported")
echo "exports: $(wc -l <"$tmp/declared") declared, $(wc -l <"$tmp/exported") exported"
[ -z "$missing" ] || { echo "declared in include/ but not exported:"; echo "$missing" | sed 's/^/  /'; }
[ -z "$leaked" ] || { echo "exported but not declared in include/:"; echo "$leaked" | sed 's/^/  /'; }
if [ -z "$missing$leaked" ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
