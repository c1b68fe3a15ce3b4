#!/usr/bin/env bash
# `interlayer report` in a real headless browser (Debian's chromium): the page is one
# self-contained file (inline SVG, no scripts, nothing loaded from elsewhere), loads without
# console errors, and its screenshot has the expected layout: the stack drawing above the
# resolution plot above the advisor's table (checked by where the stack's first fill colour and
# the table's "works" green first appear, not pixel by pixel). Without chromium (or python3 to
# read the PNG) the browser part is skipped with a message; the file checks still run.
# Usage: report_html.sh CLI SRCDIR
set -u
IL=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

page=$tmp/report.html
"$IL" report default --interface Si/Li3PO4 --want li-amount -o "$page" || bad "report exit $?"
[ -s "$page" ] || { echo "FAIL: no page"; exit 1; }
[ "$(grep -c '<svg' "$page")" = 3 ] || bad "expected 3 inline SVG figures"
grep -qi '<script' "$page" && bad "the page has a script"
grep -Eqi '(src|href)="(https?:)?//' "$page" && bad "the page loads something from elsewhere"
grep -q 'Which technique, ranked' "$page" || bad "no advisor table"
grep -q 'Where the numbers come from' "$page" || bad "no provenance"
# ids are unique: two cairo figures must not share glyph ids
dups=$(grep -o 'id="[^"]*"' "$page" | sort | uniq -d | head -3)
[ -z "$dups" ] || bad "duplicate ids: $dups"
# a failing report writes nothing
"$IL" report default --interface Au/Si -o "$tmp/bad.html" 2>/dev/null && bad "bad interface accepted"
[ ! -e "$tmp/bad.html" ] || bad "a failed report left a file"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v python3 >/dev/null; then
  echo "SKIP browser checks: chromium or python3 not installed"
else
  export HOME=$tmp # chromium writes its profile there
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
    --window-size=1200,2600 --screenshot="$tmp/shot.png" "file://$page" 2>"$tmp/log" >/dev/null
  [ -s "$tmp/shot.png" ] || bad "no screenshot"
  grep -E 'CONSOLE|Uncaught|ERROR:.*(file|page)' "$tmp/log" | grep -v -E 'dbus|gpu|GPU|sandbox' \
    | head -3 | while read -r l; do echo "console: $l"; done | grep -q . && bad "console errors"
  python3 - "$tmp/shot.png" <<'PY' || bad "screenshot layout"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "8-bit RGB(A) expected"
        bpp = 4 if ctype == 6 else 3
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
for y in range(h):  # PNG row filters
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pr = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else (b if abs(p - b) <= abs(p - c) else c)
        line[i] = (line[i] + (0, a, b, (a + b) // 2, pr)[f]) & 255
    rows.append(line); prev = line
def first(rgb, tol=12):
    for y, line in enumerate(rows):
        for x in range(0, stride, bpp * 2):
            if all(abs(line[x + k] - rgb[k]) <= tol for k in range(3)):
                return y
    return None
stack = first((230, 159, 0))   # the top layer's fill
works = first((207, 232, 207))  # a "works" cell of the table
blank = sum(1 for line in rows[:h // 2] if len(set(line)) <= 2)
print("stack fill at y =", stack, "; table 'works' at y =", works, "; blank rows", blank)
assert stack is not None and works is not None, "stack figure or table missing"
assert stack < 700, "the stack figure should open the page"
assert works - stack > 900, "the resolution plot should sit between stack and table"
assert blank < h // 2 - 100, "the page is blank"
PY
fi
[ "$fails" = 0 ] && echo "report: ok"
[ "$fails" = 0 ]
