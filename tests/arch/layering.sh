#!/usr/bin/env bash
# The layering rule of docs/architecture.md, enforced: a file under src/<layer>/ may include
# only headers of its own layer or of layers before it in
#   core < matter < physics < cell < probes < fit < experiment < advise < io < cli
# Public headers (include/interlayer/X.h) belong to the layer named for them in the table
# below; a public header missing from the table fails the test, so every new header is placed.
# Parsing libraries (YAML, JSON, XML) and plotting belong to io and cli only.
# With OBJDIR (the library's object files, CMakeFiles/il_objects.dir), calls are checked too:
# no object file of a layer may use a function defined in a later layer, whatever header
# declares it.
#   tests/arch/layering.sh SRCDIR [OBJDIR]
set -u
SRC=$(cd "${1:-.}" && pwd)
OBJ=${2:+$(cd "$2" && pwd)}
cd "$SRC" || exit 2
layers=(core matter physics cell probes fit experiment advise io cli)
declare -A rank
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done
rank[data]=0 # the embedded tables generated from data/ are plain constants

declare -A header_layer=(
  [export.h]=core [version.h]=core [constants.h]=core [error.h]=core [units.h]=core
  [elements.h]=matter [formula.h]=matter [composition.h]=matter [material.h]=matter [stack.h]=matter
  [stopping.h]=physics [stack_stopping.h]=physics [nuclear.h]=physics [scattering.h]=physics
  [xray_depth.h]=physics
  [ion_stopping.h]=physics [iba_kinematics.h]=physics [iba_cross_section.h]=physics [iba_sigma.h]=physics
  [cell.h]=cell [cell_io.h]=io
  [refl.h]=probes [refl_layer.h]=probes [refl_stack.h]=probes
  [ndp.h]=probes [ndp_model.h]=probes [ndp_simulate.h]=probes [ndp_calibrate.h]=probes
  [probe.h]=probes [sputter.h]=probes [iba.h]=probes
  [iba_pige.h]=probes
  [fit.h]=fit [linv.h]=fit [refl_fit.h]=fit [ndp_fit.h]=fit [ndp_invert.h]=fit [fit_stack.h]=fit
  [sputter_fit.h]=fit [iba_fit.h]=fit
  [ndp_series.h]=experiment [operando.h]=experiment
  [ndp_reduce.h]=experiment
  [advise.h]=advise
  [cell_twin.h]=experiment
  [stack_io.h]=io [spectrum.h]=io [outfile.h]=io [plot.h]=io [refl_data.h]=io
  [refl_model.h]=io [ndp_io.h]=io [operando_io.h]=io
  [ndp_reduce_io.h]=io
  [r33.h]=io [iba_io.h]=io
  [report.h]=io
  [sputter_io.h]=io
  [interlayer.h]=cli
)
fails=0; checked=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

for h in include/interlayer/*.h include/interlayer/*.h.in; do
  [ -e "$h" ] || continue
  n=$(basename "$h" .in)
  [ -n "${header_layer[$n]:-}" ] || bad "$h: public header not placed in a layer (tests/arch/layering.sh)"
done

while IFS= read -r f; do
  layer=${f#src/}; layer=${layer%%/*}
  [ -n "${rank[$layer]:-}" ] || { bad "$f: src/$layer is not a layer of the design"; continue; }
  me=${rank[$layer]}
  while IFS=: read -r line inc; do
    checked=$((checked + 1))
    case "$inc" in
      '"interlayer/'*) n=${inc#\"interlayer/}; n=${n%\"}; l=${header_layer[$n]:-} ;;
      '"'*/*) n=${inc#\"}; l=${n%%/*} ;;
      '"'*) continue ;; # a header beside the file: same folder, same layer
      '<yaml.h>'|'<libfyaml.h>'|'<jansson.h>'|'<libxml/'*|'<plplot'*) l=io ;;
      *) continue ;;
    esac
    [ -n "$l" ] && [ -n "${rank[$l]:-}" ] || { bad "$f:$line: includes $inc of no known layer"; continue; }
    [ "${rank[$l]}" -le "$me" ] || bad "$f:$line: $layer includes $inc of layer $l, which comes after it"
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | sed -E 's/^([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*([<"][^>"]*[>"]).*/\1:\2/')
done < <(find src -name '*.[ch]' | sort)

# the public headers themselves follow the same rule
for h in include/interlayer/*.h; do
  me=${rank[${header_layer[$(basename "$h")]:-cli}]}
  while IFS= read -r n; do
    l=${header_layer[$n]:-}
    [ -n "$l" ] || continue
    [ "${rank[$l]}" -le "$me" ] || bad "$h includes interlayer/$n of layer $l, which comes after it"
  done < <(sed -nE 's/^#include "interlayer\/([^"]*)".*/\1/p' "$h")
done

# calls: the defining layer of every il_ symbol an object file uses (objects of sources that
# no longer exist, left in a build tree by a move, are skipped)
calls=0
if [ -n "$OBJ" ]; then
  declare -A defined_in
  while read -r o sym; do defined_in[$sym]=$o; done < <(
    cd "$OBJ" && find src -name '*.o' | sort | while read -r o; do [ -e "$SRC/${o%.o}" ] || continue;
      nm --defined-only -g "$o" | awk -v o="$o" '$2 ~ /[TDBR]/ {print o, $3}'; done)
  while read -r o sym; do
    calls=$((calls + 1))
    d=${defined_in[$sym]:-}
    [ -n "$d" ] || continue
    ul=${o#src/}; ul=${ul%%/*}; dl=${d#src/}; dl=${dl%%/*}
    [ "${rank[$dl]}" -le "${rank[$ul]}" ] || bad "${o%.o}: $ul calls $sym of layer $dl (${d%.o})"
  done < <(cd "$OBJ" && find src -name '*.o' | sort | while read -r o; do [ -e "$SRC/${o%.o}" ] || continue;
      nm --undefined-only "$o" | awk -v o="$o" '$2 ~ /^il_/ {print o, $2}'; done)
fi

echo "layering: $checked includes and $calls calls checked"
if [ "$fails" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
