#!/usr/bin/env bash
# Installing elsewhere (`cmake --install BUILD --prefix DIR`, the README's way): interlayer.pc
# names DIR, a C program builds with `pkg-config --cflags --libs interlayer` alone and runs,
# the man page and the Python package land under DIR and the package imports from there.
# Usage: install_prefix.sh CLI SRCDIR (the build tree is the directory of CLI).
set -u
IL=$1
SRC=$2
BUILD=$(cd "$(dirname "$IL")" && pwd)
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# A sanitizer build's library needs its runtime preloaded into every program; this test is
# about installing, which the plain build covers.
if ldd "$BUILD/libinterlayer.so" | grep -q 'libasan'; then
  echo "skipped: sanitizer build"; exit 0
fi

prefix="$tmp/prefix"
cmake --install "$BUILD" --prefix "$prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }

pc=$(find "$prefix" -name interlayer.pc)
[ -n "$pc" ] || { echo "FAIL: no interlayer.pc installed"; exit 1; }
grep -qx "prefix=$prefix" "$pc" || bad "interlayer.pc: $(grep '^prefix=' "$pc"), expected prefix=$prefix"

cat >"$tmp/use.c" <<'C'
#include <interlayer/interlayer.h>
#include <stdio.h>
int main(void)
{
    il_error err;
    il_stack *s;
    if (il_stack_parse("Pt 50nm | LiCoO2 1um | Si", NULL, &s, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("%s %zu %.1f\n", IL_VERSION, il_stack_count(s), il_stack_thickness_nm(s));
    il_stack_free(s);
    return 0;
}
C
export PKG_CONFIG_PATH="$(dirname "$pc")"
# pkg-config output is meant to be word-split.
# shellcheck disable=SC2046
if cc -std=c11 -o "$tmp/use" "$tmp/use.c" $(pkg-config --cflags --libs interlayer) 2>"$tmp/cc.err"; then
  out=$(LD_LIBRARY_PATH="$(pkg-config --variable=libdir interlayer)" "$tmp/use") || bad "program failed: $out"
  [ "$out" = "$(sed -n 's/^Version: //p' "$pc") 3 1050.0" ] || bad "program printed '$out'"
else
  bad "cc with pkg-config flags: $(head -5 "$tmp/cc.err")"
fi

# The program and its man page.
"$prefix/bin/interlayer" stack show "Pt 50nm | Si" >/dev/null || bad "installed program does not run"
man=$(find "$prefix" -name interlayer.1)
[ -n "$man" ] || bad "no man page installed"
[ -n "$man" ] && { grep -q 'interlayer stack show STACK' "$man" || bad "man page lacks the stack usage"; }
# The page is made from the --help texts: every command the program lists has its section,
# and groff reads it without a warning.
if [ -n "$man" ]; then
  for c in $("$IL" --help | awk '/^commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}'); do
    grep -q "^\.SS $c\$" "$man" || bad "man page has no section for '$c'"
  done
  if command -v groff >/dev/null 2>&1; then
    w=$(groff -man -ww -z "$man" 2>&1)
    [ -z "$w" ] || bad "groff warns about the man page: $(head -3 <<<"$w")"
  fi
fi

# The Python package, imported from the install tree with nothing pointing at the build.
py=$(find "$prefix" -name __init__.py -path '*interlayer*' | head -1)
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  if [ -z "$py" ]; then bad "no Python package installed"
  else
    out=$(cd "$tmp" && env -u INTERLAYER_LIBRARY PYTHONPATH="$(dirname "$(dirname "$py")")" \
          /usr/bin/python3 -c 'import interlayer as il; print(len(il.Stack("Pt 50nm | LiCoO2 1um | Si")))' 2>&1)
    [ "$out" = 3 ] || bad "python import from the prefix: $out"
  fi
fi

[ "$fails" = 0 ] && echo "install_prefix: all passed" || exit 1
