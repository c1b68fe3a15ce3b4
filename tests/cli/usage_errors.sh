#!/usr/bin/env bash
# CLI tests of usage errors: every verb's --help, and each way a command line can be wrong
# (missing values, unknown options, bad numbers or words, extra arguments) gives exactly one line
# "interlayer: <message>" on stderr, nothing on stdout and exit 2; bad input found by the library
# exits 1. The messages are those of the program before its option parsers became one table
# (src/cli/options.c). Usage: usage_errors.sh CLI SRCDIR
set -u
IL=$(realpath "$1")
fails=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run CODE ARGS...: runs the program, checks the exit code; stdout, stderr in $tmp/out, $tmp/err
run() {
  local code=$1; shift
  "$IL" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local rc=$?
  [ "$rc" = "$code" ] || { bad "interlayer $*: exit $rc, expected $code"; return 1; }
}
# u MESSAGE ARGS...: exit 2, stdout empty, stderr exactly "interlayer: MESSAGE"
u() {
  local msg=$1; shift
  run 2 "$@" || return
  [ -s "$tmp/out" ] && { bad "interlayer $*: wrote to stdout"; return; }
  [ "$(cat "$tmp/err")" = "interlayer: $msg" ] && pass=$((pass + 1)) ||
    bad "interlayer $*: stderr '$(cat "$tmp/err")', expected 'interlayer: $msg'"
}
# f CODE MESSAGE ARGS...: exit CODE, stderr exactly "interlayer: MESSAGE"
f() {
  local code=$1 msg=$2; shift 2
  run "$code" "$@" || return
  [ "$(cat "$tmp/err")" = "interlayer: $msg" ] && pass=$((pass + 1)) ||
    bad "interlayer $*: stderr '$(cat "$tmp/err")', expected 'interlayer: $msg'"
}
# h STREAM CODE FIRSTLINE ARGS...: exit CODE and the help starts with FIRSTLINE on STREAM
h() {
  local stream=$1 code=$2 first=$3; shift 3
  run "$code" "$@" || return
  [ "$(head -n 1 "$tmp/$stream")" = "$first" ] && pass=$((pass + 1)) ||
    bad "interlayer $*: $stream starts '$(head -n 1 "$tmp/$stream")', expected '$first'"
}

# --- help of every verb (stdout, exit 0), and bare commands
h out 0 "usage: interlayer COMMAND [ARGS...]" --help
h err 2 "usage: interlayer COMMAND [ARGS...]"
h out 0 "usage: interlayer materials [NAME|FORMULA] [--csv|--json]" materials --help
h out 0 "usage: interlayer stack show STACK [--csv|--json]" stack -h
h out 0 "usage: interlayer stopping ION MATERIAL --energy E [--density G_CM3] [--csv|--json]" stopping --help
h out 0 "usage: interlayer ndp reactions [--csv|--json] [-o FILE]" ndp reactions --help
h err 2 "usage: interlayer stopping ION MATERIAL --energy E [--density G_CM3] [--csv|--json]" stopping alpha
h out 0 "usage: interlayer range ION MATERIAL --energy E [--density G_CM3] [--scale EL=F] [--csv|--json]" range --help
h out 0 "usage: interlayer depth-energy ION --energy E0 --stack STACK [--angle DEG]" depth-energy -h
h err 2 "usage: interlayer depth-energy ION --energy E0 --stack STACK [--angle DEG]" depth-energy alpha --energy 2MeV
h out 0 "usage: interlayer ndp VERB ..." ndp --help
h out 0 "usage: interlayer ndp VERB ..." ndp simulate --help
h out 0 "usage: interlayer ndp VERB ..." ndp invert -h
h out 0 "usage: interlayer ndp VERB ..." ndp calibrate --help
h out 0 "usage: interlayer ndp operando DIR --stack STACK [--reference FILE]" ndp operando --help
h out 0 "usage: interlayer refl VERB [ARGS...]" refl --help
h err 2 "usage: interlayer refl VERB [ARGS...]" refl
h out 0 "usage: interlayer refl validate [--csv|--json] [-o FILE]" refl validate --help
h out 0 "usage: interlayer refl sld MODEL [--probe neutron|xray] [--wavelength Å]" refl sld -h
h out 0 "usage: interlayer refl simulate MODEL [--q-min 0.005] [--q-max 0.3]" refl simulate --help
h out 0 "usage: interlayer refl fit [DATA...] --model MODEL.yaml" refl fit --help

# --- bad input the library finds: exit 1
f 1 "--density 0: must be > 0 (g/cm3)" stopping alpha Si --energy 1MeV --density 0
f 1 "'x' is not a number" stopping alpha Si --from 1keV --to 2keV --points x
f 1 "--scale 'Si': expected ELEMENT=FACTOR, e.g. Li=1.05" stopping alpha Si --energy 1MeV --scale Si
f 1 "'x' is not a length (expected e.g. 50nm, 1.5um)" depth-energy alpha --energy 2MeV --stack default --max-depth x
f 1 "option --channels: 'channels': 'x' is not a whole number" ndp simulate default --channels x
f 1 "option --solid-angle: 'solid_angle_sr': 'x' is not a number" ndp simulate default --solid-angle x
# --profile=FILE after --profile-kind=KIND is the profile (it was once taken as the kind)
f 1 "nosuch.csv: cannot open profile file" ndp simulate default --profile-kind=steps --profile=nosuch.csv

# --- usage errors: exit 2, one line
u "materials: unexpected argument '--bogus'" materials --bogus
u "materials: unexpected argument 'b'" materials a b
u "option -o needs a value" materials -o
u "option --output needs a value" materials --output
u "option --plot needs a value" materials --plot
u "materials: unexpected argument '-x'" materials --csv -x
u "usage: interlayer stack show STACK [--csv|--json]" stack
u "usage: interlayer stack show STACK [--csv|--json]" stack show
u "usage: interlayer stack show STACK [--csv|--json]" stack shw default
u "stack: unexpected argument 'extra'" stack show default extra
u "stack: unknown option '--bogus'" stack show default --bogus
u "stack: unknown option '--csv=1'" stack show default --csv=1
u "option -o needs a value" stack show default -o
u "stopping: give --energy E, or --from E1 --to E2" stopping alpha Si
u "stopping: unexpected argument 'extra'" stopping alpha Si extra --energy 1MeV
u "option --energy needs a value" stopping alpha Si --energy
u "stopping: unknown option '--bogus'" stopping alpha Si --bogus
u "stopping: give --energy E, or --from E1 --to E2" stopping alpha Si --from 1keV
u "stopping: --points 1: expected a whole number 2..1000000" stopping alpha Si --from 1keV --to 2keV --points 1
u "stopping: --points 2.5: expected a whole number 2..1000000" stopping alpha Si --from 1keV --to 2keV --points 2.5
u "stopping: --to must be above --from" stopping alpha Si --from 2keV --to 1keV --points 3
u "option --density needs a value" stopping alpha Si --energy 1MeV --density
u "option --scale needs a value" stopping alpha Si --energy 1MeV --scale
u "option -o needs a value" stopping alpha Si --energy 1MeV -o
u "stopping: unknown option '-x'" stopping -x
u "stopping: unexpected argument '-'" stopping alpha Si --energy 1MeV -
u "stopping: unknown option '--energyx'" stopping alpha Si --energy 1MeV --energyx 3
u "stopping: unknown option '--energyx=3'" stopping alpha Si --energyx=3
u "usage: interlayer range ION MATERIAL --energy E" range
u "usage: interlayer range ION MATERIAL --energy E" range alpha
u "usage: interlayer range ION MATERIAL --energy E" range alpha Si
u "range: unexpected argument 'x'" range alpha Si x --energy 1MeV
u "option --energy needs a value" range alpha Si --energy
u "range: unknown option '--bogus'" range alpha Si --energy 1MeV --bogus
u "option --scale needs a value" range alpha Si --energy 1MeV --scale
u "option --plot needs a value" range alpha Si --energy 1MeV --csv --plot
u "option --stack needs a value" depth-energy alpha --energy 2MeV --stack
u "depth-energy: unexpected argument 'extra'" depth-energy alpha --energy 2MeV --stack default extra
u "depth-energy: unexpected argument '--bogus'" depth-energy alpha --energy 2MeV --stack default --bogus
u "depth-energy: --angle 90: expected 0 <= DEG < 90" depth-energy alpha --energy 2MeV --stack default --angle 90
u "depth-energy: --angle -1: expected 0 <= DEG < 90" depth-energy alpha --energy 2MeV --stack default --angle -1
u "depth-energy: --points 1: expected a whole number 2..1000000" depth-energy alpha --energy 2MeV --stack default --points 1
u "depth-energy: --points 2.5: expected a whole number 2..1000000" depth-energy alpha --energy 2MeV --stack default --points 2.5
u "option --angle needs a value" depth-energy alpha --energy 2MeV --stack default --points 3 --angle
u "usage: interlayer ndp simulate|invert|operando|calibrate|reactions|reduce ..." ndp
u "ndp: unknown verb 'bogus' (simulate, invert, operando, calibrate, reactions, reduce)" ndp bogus
u "ndp reactions: unexpected argument '--bogus'" ndp reactions --bogus
u "ndp reactions: unexpected argument 'x'" ndp reactions x
u "option -o needs a value" ndp reactions -o
u "usage: interlayer ndp simulate STACK [options] (see ndp --help)" ndp simulate
u "ndp simulate: unexpected argument 'extra'" ndp simulate default extra
u "ndp simulate: unknown option '--bogus'" ndp simulate default --bogus
u "option --seed needs a value" ndp simulate default --seed
u "ndp simulate: --seed '-1' is not a whole number >= 0" ndp simulate default --seed -1
u "ndp simulate: --seed 'x' is not a whole number >= 0" ndp simulate default --seed x
u "ndp simulate: --seed '1.5' is not a whole number >= 0" ndp simulate default --seed 1.5
u "ndp simulate: --seed '' is not a whole number >= 0" ndp simulate default --seed=
u "option --channels needs a value" ndp simulate default --channels
u "option --instrument needs a value" ndp simulate default --instrument
u "option --profile needs a value" ndp simulate default --profile
u "option --profile-kind needs a value" ndp simulate default --profile-kind
u "option --plot needs a value" ndp simulate default --plot
u "option -o needs a value" ndp simulate default -o
u "option --output needs a value" ndp simulate default --output
u "option --start needs a value" ndp simulate default --start
u "usage: interlayer ndp invert SPECTRUM --stack STACK [options]" ndp invert
u "usage: interlayer ndp invert SPECTRUM --stack STACK [options]" ndp invert x.spe
u "option --stack needs a value" ndp invert x.spe --stack
u "ndp invert: unexpected argument 'y.spe'" ndp invert x.spe y.spe --stack default
u "ndp invert: unknown option '--bogus'" ndp invert x.spe --stack default --bogus
u "ndp invert: --method 'bad' unknown (tikhonov, mlem, classic)" ndp invert x.spe --stack default --method bad
u "ndp invert: --lambda 'bad' unknown (gcv, discrepancy, lcurve)" ndp invert x.spe --stack default --lambda bad
u "ndp invert: --self-consistent '11' must be 0..10 passes or auto" ndp invert x.spe --stack default --self-consistent 11
u "ndp invert: --self-consistent 'x' must be 0..10 passes or auto" ndp invert x.spe --stack default --self-consistent x
u "option --self-consistent needs a value" ndp invert x.spe --stack default --self-consistent
u "ndp invert: --fit-interlayer: 'x' is not a length (expected e.g. 50nm, 1.5um) (or 'auto': every interface)" ndp invert x.spe --stack default --fit-interlayer x
u "option --fit-interlayer needs a value" ndp invert x.spe --stack default --fit-interlayer
u "option --plot needs a value" ndp invert x.spe --stack default --plot
u "option --method needs a value" ndp invert x.spe --stack default --method
u "option --lambda needs a value" ndp invert x.spe --stack default --lambda
u "usage: interlayer ndp calibrate SPECTRUM --stack REFERENCE_STACK" ndp calibrate
u "usage: interlayer ndp calibrate SPECTRUM --stack REFERENCE_STACK" ndp calibrate x.spe
u "option --stack needs a value" ndp calibrate x.spe --stack
u "ndp calibrate: unexpected argument 'y'" ndp calibrate x.spe y --stack default
u "ndp calibrate: unknown option '--bogus'" ndp calibrate x.spe --stack default --bogus
u "ndp calibrate: unknown option '--csv'" ndp calibrate x.spe --stack default --csv
u "option --gain needs a value" ndp calibrate x.spe --stack default --json --gain
u "usage: interlayer ndp operando DIR --stack STACK -o OUTDIR [--reference FILE] [--cycler FILE] [--index FILE]" ndp operando
u "usage: interlayer ndp operando DIR --stack STACK -o OUTDIR [--reference FILE] [--cycler FILE] [--index FILE]" ndp operando dir
u "usage: interlayer ndp operando DIR --stack STACK -o OUTDIR [--reference FILE] [--cycler FILE] [--index FILE]" ndp operando dir --stack default
u "option -o needs a value" ndp operando dir --stack default -o
u "ndp operando: unknown option '--bogus'" ndp operando dir --stack default -o out --bogus
u "ndp operando: unexpected argument 'a'" ndp operando dir a --stack default -o out
u "ndp operando: --cell-area '0' must be a number > 0 (cm2)" ndp operando dir --stack default -o out --cell-area 0
u "ndp operando: --self-consistent '11' must be 0..10 passes" ndp operando dir --stack default -o out --self-consistent 11
u "ndp operando: --min-fraction '1' must be in [0, 1)" ndp operando dir --stack default -o out --min-fraction 1
u "ndp operando: --nsigma '0' must be a number > 0" ndp operando dir --stack default -o out --nsigma 0
u "ndp operando: --method 'classic' unknown (tikhonov, mlem)" ndp operando dir --stack default -o out --method classic
u "refl: unknown verb 'bogus' (validate, sld, simulate, fit)" refl bogus
u "refl validate: unexpected argument 'x'" refl validate x
u "refl validate: unexpected argument '--bogus'" refl validate --bogus
u "option -o needs a value" refl validate -o
u "refl sld: give a MODEL (see --help)" refl sld
u "refl sld: unexpected argument 'extra'" refl sld 'air | Si' extra
u "refl sld: unexpected argument '--bogus'" refl sld 'air | Si' --bogus
u "option --probe needs a value" refl sld 'air | Si' --probe
u "--probe 'bad': expected neutron or xray" refl sld 'air | Si' --probe bad
u "option --wavelength needs a value" refl sld 'air | Si' --wavelength
u "--wavelength '0': expected a decimal value in Å, > 0 and <= 10000" refl sld 'air | Si' --wavelength 0
u "--wavelength '5nm': expected a decimal value in Å, > 0 and <= 10000" refl sld 'air | Si' --wavelength 5nm
u "option --energy needs a value" refl sld 'air | Si' --energy
u "--energy: X-ray energy 'bad': expected CuKa, MoKa, or a value with keV, eV, Å or nm" refl sld 'air | Si' --energy bad
u "--energy: X-ray energy '-8': expected CuKa, MoKa, or a value with keV, eV, Å or nm" refl sld 'air | Si' --energy -8
u "refl simulate: give a MODEL (see --help)" refl simulate
u "refl simulate: unexpected argument 'extra'" refl simulate 'air | Si' extra
u "refl simulate: unexpected argument '--bogus'" refl simulate 'air | Si' --bogus
u "option --q-min needs a value" refl simulate 'air | Si' --q-min
u "--q-min 'x': expected a number >= 0" refl simulate 'air | Si' --q-min x
u "--q-min '-1': expected a number >= 0" refl simulate 'air | Si' --q-min -1
u "--q-min 'inf': expected a number >= 0" refl simulate 'air | Si' --q-min inf
u "refl simulate: need --q-max > --q-min and at most 1e7 points" refl simulate 'air | Si' --q-min 0.3 --q-max 0.1
u "--points '1': expected a number >= 2" refl simulate 'air | Si' --points 1
u "refl simulate: need --q-max > --q-min and at most 1e7 points" refl simulate 'air | Si' --points 1e8
u "refl simulate: --log-q needs --q-min > 0" refl simulate 'air | Si' --log-q --q-min 0
u "option --ort needs a value" refl simulate 'air | Si' --points 4 --ort
u "--seed '-1': expected a number >= 0" refl simulate 'air | Si' --points 4 --seed -1
u "refl fit: give --model MODEL.yaml (see --help)" refl fit
u "option --model needs a value" refl fit --model
u "refl fit: give --model MODEL.yaml (see --help)" refl fit x.ort

echo "usage_errors: $pass passed, $fails failed"
[ "$fails" = 0 ]
