#!/usr/bin/env bash
# CLI tests of hostile input (issue 12, section 7): numbers are decimal only and bounded by a
# physical range the message states; reflectometry counts, data and models are checked where
# they are given. Each case prints one line "interlayer: MESSAGE" and exits non-zero.
# Usage: hostile_input.sh CLI SRCDIR
set -u
IL=$(realpath "$1")
SRC=$(realpath "${2:-.}")
fails=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# f CODE MESSAGE ARGS...: exit CODE, nothing on stdout, stderr exactly "interlayer: MESSAGE"
f() {
  local code=$1 msg=$2; shift 2
  "$IL" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local rc=$?
  [ "$rc" = "$code" ] || { bad "interlayer $*: exit $rc, expected $code"; return; }
  [ -s "$tmp/out" ] && { bad "interlayer $*: wrote to stdout"; return; }
  [ "$(cat "$tmp/err")" = "interlayer: $msg" ] && pass=$((pass + 1)) ||
    bad "interlayer $*: stderr '$(cat "$tmp/err")', expected 'interlayer: $msg'"
}
# same STACK1 STACK2: "stack show" succeeds on both with the same output
same() {
  "$IL" stack show "$1" >"$tmp/a" 2>&1 && "$IL" stack show "$2" >"$tmp/b" 2>&1 &&
    cmp -s "$tmp/a" "$tmp/b" && pass=$((pass + 1)) || bad "'$1' and '$2' differ or fail"
}

# --- numbers: decimal only, range stated
f 1 "column 4: layer 1: '0x10nm' is not a thickness (expected e.g. 50nm, 1.5um, 300tfu)" \
  stack show 'Pt 0x10nm | Si'
f 1 "column 4: layer 1: thickness 1e308mm is above the largest allowed, 1 m" \
  stack show 'Pt 1e308mm | Si'
f 1 "column 17: layer 1: density 50 g/cm3 is above the largest allowed, 30 g/cm3 (osmium, the densest solid, is 22.6)" \
  stack show 'Pt 10nm density=50 | Si'
f 1 "material 'Si': density 50 g/cm3 is above the largest allowed, 30 g/cm3 (osmium, the densest solid, is 22.6)" \
  stopping 4He Si --energy 2000 --density 50
# the smallest density: a vacuum is no layer (1e-300 used to pass)
f 1 "material 'Si': density 1e-300 g/cm3 is below the smallest allowed, 1e-6 g/cm3 (air at 1 mbar is 1.2e-6; less is a vacuum, not a layer)" \
  stopping 4He Si --energy 2000 --density 1e-300
f 1 "material 'Si': density 1e-300 g/cm3 is below the smallest allowed, 1e-6 g/cm3 (air at 1 mbar is 1.2e-6; less is a vacuum, not a layer)" \
  range 4He Si --energy 2000 --density 1e-300
f 1 "column 17: layer 1: density 1e-300 g/cm3 is below the smallest allowed, 1e-6 g/cm3 (air at 1 mbar is 1.2e-6; less is a vacuum, not a layer)" \
  stack show 'Pt 10nm density=1e-300 | Si'
printf 'layers:\n  - {material: Pt, thickness: 10nm, density: 1e-7}\nsubstrate: {material: Si}\n' >d.yaml
f 1 "d.yaml:2:46: density: 1e-7 g/cm3 is below the smallest allowed, 1e-6 g/cm3 (air at 1 mbar is 1.2e-6; less is a vacuum, not a layer)" \
  stack show d.yaml
# below the stopping data's lowest energy (1 keV) the value is labelled extrapolated, not table
"$IL" stopping 4He Si --energy 1e-300 --json >lo.json 2>/dev/null &&
  python3 -c 'import json,sys; d=json.load(open("lo.json")); sys.exit(not (d["source"] == "extrapolated below 1 keV" and d["sources"]["Si"] == "extrapolated"))' &&
  "$IL" stopping 4He Si --energy 1e-300 --csv | grep -q ',extrapolated below 1 keV$' &&
  "$IL" stopping 4He Si --energy 1 --csv | grep -q ',table$' &&
  pass=$((pass + 1)) || bad "stopping 4He Si --energy 1e-300: source not 'extrapolated' (or 1 keV not 'table')"
f 1 "'0x10' is not an energy (expected e.g. 2055.8keV, 2.7MeV)" stopping 4He Si --energy 0x10
f 2 "--q-min '0x1': expected a number >= 0" refl simulate 'air | Si' --q-min 0x1
f 2 "--energy '1e9': expected an X-ray energy in keV, > 0 and <= 10000" refl sld 'air | Si' --energy 1e9
f 1 "column 15: layer 1: roughness: 1mm is above the largest allowed roughness, 10 um" \
  stack show 'Pt 10nm rough=1mm | Si'
# rough=0nm and rough=0 mean the same
same 'Pt 10nm rough=0nm | Si' 'Pt 10nm rough=0 | Si'

# --- reflectometry counts, data and models
printf 'layers:\n  - {name: air, sld: 0}\n  - {name: f, sld: 3, thickness: {value: 100, min: 50, max: 150}}\n  - {name: Si, sld: 2.07}\n' >m.yaml
printf '0.01 0.5 0.01\n0.02 0.3 0.01\n0.03 0.1 0.01\n' >ok.dat
printf '0.01 0.5 0.01\n-0.02 0.3 0.01\n' >neg.dat
f 2 "--steps '0': expected a whole number 1..1000000" refl fit ok.dat --model m.yaml --steps 0
f 2 "--steps '1e12': expected a whole number 1..1000000" refl fit ok.dat --model m.yaml --steps 1e12
f 2 "--walkers '0': expected a whole number 2..100000" refl fit ok.dat --model m.yaml --walkers 0
f 1 "neg.dat:2:1: negative Q = -0.02 (expected Q >= 0, in 1/Å)" refl fit neg.dat --model m.yaml
printf 'layers:\n  - {name: air, sld: 0}\n  - {name: f, sld: 3, thickness: -390}\n  - {name: Si, sld: 2.07}\n' >t.yaml
f 1 "t.yaml:3:34: 'thickness' -390: expected a length in Å >= 0" refl fit ok.dat --model t.yaml
printf 'layers: "air | Si"\nbackground: -1\n' >b.yaml
f 1 "b.yaml:2:13: 'background' -1: expected a reflectivity background >= 0" refl fit ok.dat --model b.yaml

# --- isotopes: Li-9 (178 ms) is no enrichment
f 1 "column 4: formula 'Li[9]CoO2': Li-9 is neither stable nor long-lived (it does not occur in nature and is no long-lived radionuclide such as H-3 or C-14): no layer can be enriched in it" \
  materials 'Li[9]CoO2'
f 1 "column 12: layer 1: 'li9': Li-9 is neither stable nor long-lived (it does not occur in nature and is no long-lived radionuclide such as H-3 or C-14): no layer can be enriched in it" \
  stack show 'LiCoO2 1um li9=0.5 | Si'
# an unknown isotope is the reason, not a misspelt material name
f 1 "column 4: formula 'Li[99]CoO2': no isotope Li-99 is known" materials 'Li[99]CoO2'
f 1 "plot file 'p.xyz': unknown extension (expected .svg, .png or .pdf)" stack show 'Pt 10nm | Si' --plot p.xyz
[ -e p.xyz ] && bad "stack show --plot p.xyz wrote p.xyz"

# --- bounds with the range in the message (and no hang at the top of the range)
M='air | LiNbO3 200 5 | Si'
f 2 "--dq-over-q '5': expected a number 0..0.5" refl simulate "$M" --dq-over-q 5
f 2 "--noise '1e300': expected a number 0..1" refl simulate "$M" --noise 1e300
f 2 "--scale '1e300': expected a number 0..100" refl simulate "$M" --scale 1e300
f 1 "--scale 'Pt=1e300': the factor must be 0.1..10 (a correction to the tabulated stopping)" \
  stopping 4He Pt --energy 1000 --scale Pt=1e300
f 1 "instrument options: instrument: neutron_meV = 1e+12, expected 0 < energy <= 1e6 meV (1 keV: the 1/v cross sections hold below it)" \
  ndp simulate default --neutron-meV 1e12
f 1 "instrument options: instrument: fluence_rate_n_cm2_s = 1e+14, expected 0 < rate <= 1e13 n/cm2/s (1e4 x the brightest NDP beam)" \
  ndp simulate default --fluence 1e14 --seed 1
f 1 "instrument options: instrument: live_time_s = 1e+09, expected 0 < time <= 3.2e8 s (ten years)" \
  ndp simulate default --time 1e9 --seed 1
f 1 "length 1e30nm is above the largest allowed, 1 m" depth-energy alpha --energy 1472 --stack default --max-depth 1e30nm
f 2 "--energy: X-ray energy '0x10keV': expected CuKa, MoKa, or a value with keV, eV, Å or nm" \
  refl simulate "$M" --probe xray --energy 0x10keV
# the largest fluence and time together: Poisson counts of mean ~1e17 per channel in seconds
# (the sampler used to spin for minutes), and their total within 1e-6 of the expected one
# (its standard deviation is 1e-9 of it)
if timeout 20 "$IL" ndp simulate default --fluence 1e13 --time 3e8 --seed 1 -o big.spe 2>/dev/null &&
  "$IL" ndp simulate default --fluence 1e13 --time 3e8 -o exp.spe 2>/dev/null; then
  t1=$("$IL" spectrum show big.spe | awk '$1 == "total" {print $2}')
  t2=$("$IL" spectrum show exp.spe | awk '$1 == "total" {print $2}')
  awk -v a="$t1" -v b="$t2" 'BEGIN { exit !(a > 0 && (a - b) / b < 1e-6 && (b - a) / b < 1e-6) }' &&
    pass=$((pass + 1)) || bad "sampled total $t1 vs expected $t2"
else
  bad "ndp simulate --fluence 1e13 --time 3e8 --seed 1 failed or took over 20 s"
fi

# --- spectrum files: no silent substitution, nothing silently ignored
cat >two.n42 <<'N42'
<?xml version="1.0"?>
<RadInstrumentData xmlns="http://physics.nist.gov/N42/2011/N42">
  <RadMeasurement id="M1">
    <RealTimeDuration>PT10S</RealTimeDuration>
    <Spectrum id="S1">
      <LiveTimeDuration>PT9S</LiveTimeDuration>
      <ChannelData>1 2 3 4</ChannelData>
    </Spectrum>
  </RadMeasurement>
  <RadMeasurement id="M2">
    <RealTimeDuration>PT10S</RealTimeDuration>
    <Spectrum id="S2">
      <LiveTimeDuration>PT9S</LiveTimeDuration>
      <ChannelData>5 6 7 8</ChannelData>
    </Spectrum>
  </RadMeasurement>
</RadInstrumentData>
N42
f 1 "two.n42:12: a second <Spectrum> with <ChannelData> (the first is at line 5): this file holds several measurements or detectors, and interlayer reads one spectrum per file; split it" \
  spectrum show two.n42
printf '$SPEC_ID:\nneg\n$MEAS_TIM:\n10 10\n$DATA:\n0 3\n1\n2\n3\n4\n$ENER_FIT:\n0 -1\n' >neg.spe
f 1 "neg.spe: energy calibration 0 -1 0 keV: energy must rise with the channel (gain > 0 over channels 0..3)" \
  spectrum show neg.spe
printf 'energy_keV,counts\n10,1\n9,2\n8,3\n' >back.csv
f 1 "back.csv:3: energy 9 keV after 10 keV: the energy column must increase with the channel" \
  spectrum show back.csv
printf 'energy_keV,counts\n0,1\n0,2\n0,3\n' >zero.csv
f 1 "zero.csv:3: energy 0 keV after 0 keV: the energy column must increase with the channel" \
  spectrum show zero.csv
printf '# calibration_keV: 0 -2 0\nchannel,counts\n0,1\n1,2\n' >calneg.csv
f 1 "calneg.csv: energy calibration 0 -2 0 keV: energy must rise with the channel (gain > 0 over channels 0..1)" \
  spectrum show calneg.csv
printf 'layers:\n  - {material: Pt, thickness: 10nm}\nsubstrate: {material: Si}\n---\nlayers:\n  - {material: Au, thickness: 10nm}\nsubstrate: {material: Si}\n' >two.yaml
f 1 "two.yaml:4:1: a second YAML document starts here: one file holds one document (the rest would be ignored); split it or remove the '---'" \
  stack show two.yaml
# the fluence a reduced spectrum carries (ndp reduce) must be a fluence, or the file is refused
printf '# fluence_solid_angle_n_cm2: -5\nchannel,counts\n0,1\n1,2\n' >flu.csv
f 1 "flu.csv:1:30: fluence_solid_angle_n_cm2 '-5': expected a fluence x solid angle / 4 pi in n/cm2 > 0" \
  spectrum show flu.csv
# a spectrum without a live time: said, with the value used instead (and --time changes it)
"$IL" ndp simulate 'LiCoO2 2um | Si' --channels 512 --gain 6 -o sim.csv 2>/dev/null
grep -v 'live_time_s\|real_time_s' sim.csv >nolive.csv
for t in 3600 100; do
  # (--time 100 makes the model 36 times too small: a poor fit, accepted here on purpose)
  "$IL" ndp invert nolive.csv --stack 'LiCoO2 2um | Si' --time $t --accept-poor-fit >/dev/null 2>"$tmp/err"
  rc=$?
  [ "$rc" = 0 ] && [ "$(cat "$tmp/err")" = "interlayer: note: nolive.csv gives no live time; using the instrument's live time, $t s (--time or live_time_s in the instrument file)" ] &&
    pass=$((pass + 1)) || bad "ndp invert nolive.csv --time $t: exit $rc, stderr '$(cat "$tmp/err")'"
done

cp "$SRC/fuzz/corpus/fuzz_spectrum_chn/negative_gain.Chn" neg.Chn
f 1 "neg.Chn: .Chn trailer: energy calibration 0.5 -0.5 0 keV: energy must rise with the channel (gain > 0 over channels 0..18)" \
  spectrum show neg.Chn

# --- results that judge themselves: a gamma-ray spectrum is no NDP calibration
cp "$SRC/tests/cli/data/Mendocino_07-10-13_Acq-10-10-13.Spe" gamma.Spe
f 1 "gamma.Spe: no NDP calibration: the steps found at channels 1980.8 and 3491.9 give offset 1175.6 keV, gain 0.4447 keV/channel; an offset beyond 514 keV (a quarter of the alpha edge's 2056 keV) means they are not the 6Li alpha and triton edges (channel ratio 1.763, energy ratio 1.327): is this an NDP spectrum of the reference, with a gain near the instrument's?" \
  ndp calibrate gamma.Spe --stack 'LiCoO2 2um | Si'
# a spectrum of another sample (edges at the same energies) is not a spectrum of the reference
"$IL" ndp simulate 'LiF 300nm | Si' --seed 4 -o lif.spe 2>/dev/null
"$IL" ndp calibrate lif.spe --stack 'LiF 300nm | Si' >/dev/null 2>&1 && pass=$((pass + 1)) ||
  bad "ndp calibrate lif.spe on its own reference was refused"
"$IL" ndp calibrate lif.spe --stack 'LiCoO2 2um | Si' >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "^interlayer: lif.spe: no NDP calibration: the reference's model does not match the spectrum above 300 keV (channels 96..1023): chi2 .* per channel (allowed 10) and .* % of the counts missed (allowed 30 %): wrong reference stack, or not a spectrum of it$" "$tmp/err" &&
  pass=$((pass + 1)) || bad "ndp calibrate lif.spe --stack LiCoO2: '$(cat "$tmp/err")'"

# ndp invert with the wrong stack, or a spectrum 100 channels off: written, warned, exit 3
# (the right stack leaves chi2/channel ~0.02 on these expected counts)
W="the result does not describe this spectrum; check the stack, the energy calibration (offset, gain), that the spectrum is of this sample, and the smoothing (lambda .*; --lambda); exit 3 (--accept-poor-fit to accept it)"
"$IL" ndp simulate 'LiCoO2 2um | Si' --channels 512 --gain 6 -o good.csv 2>/dev/null
"$IL" ndp invert good.csv --stack 'LiCoO2 2um | Si' >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
  pass=$((pass + 1)) || bad "ndp invert good.csv on its own stack: '$(cat "$tmp/err")'"
"$IL" ndp invert good.csv --stack 'Pt 1um | LiCoO2 2um | Si' >out.txt 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] && grep -q '^Li inventories of' out.txt &&
  grep -q "^interlayer: warning: good.csv: the inversion leaves chi2 .* over 512 channels, .* per channel (above 10): $W\$" "$tmp/err" &&
  pass=$((pass + 1)) || bad "ndp invert with the wrong stack: exit $rc, '$(cat "$tmp/err")'"
"$IL" ndp invert good.csv --stack 'Pt 1um | LiCoO2 2um | Si' --accept-poor-fit >/dev/null 2>"$tmp/err" &&
  [ ! -s "$tmp/err" ] && pass=$((pass + 1)) || bad "--accept-poor-fit did not accept: '$(cat "$tmp/err")'"
awk -F, 'BEGIN {OFS = ","; k = 0} /^#/ {print; next} /^channel/ {print "channel,counts"; next}
  {ch[k] = $1; y[k] = $3; k++} END {for (i = 0; i < k; i++) print ch[i], (i >= 100 ? y[i - 100] : 0)}' \
  good.csv >shift.csv
"$IL" ndp invert shift.csv --stack 'LiCoO2 2um | Si' >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 3 ] && grep -q "^interlayer: warning: shift.csv: the inversion leaves chi2 .* per channel (above 10): $W\$" "$tmp/err" &&
  pass=$((pass + 1)) || bad "ndp invert of a spectrum shifted by 100 channels: exit $rc, '$(cat "$tmp/err")'"
# --batch: the poor fit is inverted and flagged in the summary's error column, the good one not
mkdir bt
cp good.csv bt/a.csv
"$IL" ndp simulate 'Pt 1um | LiCoO2 2um | Si' --channels 512 --gain 6 -o bt/b.csv 2>/dev/null
"$IL" ndp invert --batch bt --batch-out bo --stack 'LiCoO2 2um | Si' --channels 512 --gain 6 >/dev/null 2>&1 &&
  grep -q '^"bt/a.csv",ok,[0-9.e+-]*,512,,' bo/summary.csv &&
  grep -q '^"bt/b.csv",ok,[0-9.e+-]*,512,"warning: chi2 .* per channel, above 10: the result does not describe this spectrum (stack, calibration, another sample or too much smoothing)",' bo/summary.csv &&
  pass=$((pass + 1)) || bad "ndp invert --batch: poor fit not flagged in bo/summary.csv"
# --fit-interlayer at a depth outside the stack, or where no interface can be fitted
f 1 "interlayer depth 1e+09 nm is outside the stack: its layers end at 2000 nm (the substrate's top); give a depth within 0..2000 nm, or 'auto'" \
  ndp invert good.csv --stack 'LiCoO2 2um | Si' --fit-interlayer 1e9nm
f 1 "no interlayer can be fitted near 1000 nm: the interface nearest it has no slices of the spectrum on one side (a layer the particles do not leave, or the substrate) or a layer below it under 2 nm" \
  ndp invert good.csv --stack 'LiCoO2 2um | Si' --fit-interlayer 1000nm

# an operando cycler record that misses the spectra, or carries -1e30 A, is refused (spectra of
# 600 s starting at 0 and 700 s: their middles are 300 and 1000 s)
mkdir op
for i in 1 2; do "$IL" ndp simulate 'LiCoO2 2um | Si' --seed $i --time 600 -o op/s$i.spe 2>/dev/null; done
printf 'file,time_s\ns1.spe,0\ns2.spe,700\n' >idx.csv
printf 'Test Time / s,Voltage / V,Current / A\n2000,3.9,1e-5\n3000,4.0,1e-5\n' >late.csv
printf 'Test Time / s,Voltage / V,Current / A\n0,3.9,1e-5\n500,4.0,1e-5\n' >early.csv
printf 'Test Time / s,Voltage / V,Current / A\n0,3.9,-1e30\n5000,4.0,1e-5\n' >huge.csv
f 1 "the cycler record starts at t = 2000 s, after the middle of spectrum 1 (t = 300 s): the charge passed before it is unknown; the record must cover the spectra (300..1000 s), on the same clock" \
  ndp operando op --index idx.csv --stack 'LiCoO2 2um | Si' --cycler late.csv -o o1
f 1 "the cycler record ends at t = 500 s, before the middle of spectrum 2 (t = 1000 s): the charge passed after it is unknown; the record must cover the spectra (300..1000 s), on the same clock" \
  ndp operando op --index idx.csv --stack 'LiCoO2 2um | Si' --cycler early.csv -o o2
f 1 "the cycler record's current -1e+30 A at t = 0 s is -1e+30 A/cm2 over the cell's 1 cm2; expected |I| <= 1 A/cm2 (1000 mA/cm2, a hundred times the fastest solid-state cycling): wrong units or a corrupt record?" \
  ndp operando op --index idx.csv --stack 'LiCoO2 2um | Si' --cycler huge.csv -o o3
[ -e o1 ] || [ -e o2 ] || [ -e o3 ] && bad "a refused operando run left an output folder"
# index live time 0 or -5: refused at its place
printf 'file,time_s,live_time_s\ns1.spe,0,0\ns2.spe,700,600\n' >idx0.csv
f 1 "idx0.csv:2:10: live_time_s 0: expected a time > 0 and <= 3.2e8 s (ten years)" \
  ndp operando op --index idx0.csv --stack 'LiCoO2 2um | Si' -o o4
printf 'file,time_s,live_time_s\ns1.spe,0,600\ns2.spe,700,-5\n' >idx5.csv
f 1 "idx5.csv:3:12: live_time_s -5: expected a time > 0 and <= 3.2e8 s (ten years)" \
  ndp operando op --index idx5.csv --stack 'LiCoO2 2um | Si' -o o5

# --- --plot on a full disk: refused, and the plot there before is left as it was (a tmpfs of
# 1 MiB; skipped where mounting is not permitted)
mkdir full
if mount -t tmpfs -o size=1m tmpfs full 2>/dev/null; then
  "$IL" stopping 4He Si --from 100 --to 3000 --plot full/p.svg >/dev/null 2>&1 && cp full/p.svg good.svg
  echo "an old plot" >full/p.pdf
  echo "an old plot" >full/p.png
  dd if=/dev/zero of=full/fill bs=1k count=1024 2>/dev/null
  for ext in svg pdf png; do
    cp "full/p.$ext" before
    "$IL" stopping 4He Si --from 100 --to 3000 --plot "full/p.$ext" >/dev/null 2>"$tmp/err"
    rc=$?
    # the first line: under ASan, LeakSanitizer adds its suppression report (fontconfig)
    [ "$rc" = 1 ] && [ "$(head -n 1 "$tmp/err")" = "interlayer: plot 'full/p.$ext' was not written completely (disk full?); the file is left as it was" ] &&
      cmp -s before "full/p.$ext" && pass=$((pass + 1)) ||
      bad "--plot full/p.$ext on a full disk: exit $rc, '$(cat "$tmp/err")', file kept: $(cmp -s before "full/p.$ext" && echo yes || echo no)"
  done
  [ -s good.svg ] || bad "--plot full/p.svg on an empty 1 MiB tmpfs failed"
  umount full
else
  echo "hostile_input: full-disk --plot cases skipped (mount -t tmpfs not permitted here)"
fi

# --- messages that said the wrong reason, or options that silently picked one
f 2 "stopping: --csv and --json ask for two formats of one output: give one" \
  stopping 4He Si --energy 2000 --csv --json
f 2 "ndp simulate: --csv and --json ask for two formats of one output: give one" \
  ndp simulate default --csv --json
f 2 "stopping: --energy gives one energy, --from/--to a curve: give one of them" \
  stopping 4He Si --energy 2000 --from 100 --to 200
printf 'channels: 10000000\n' >ch.yaml
f 1 "ch.yaml:1:11: 'channels': 10000000 is outside 0..1048576 (2^20)" ndp simulate default --instrument ch.yaml
printf 'channels: 1.5\n' >ch2.yaml
f 1 "ch2.yaml:1:11: 'channels': '1.5' is not a whole number" ndp simulate default --instrument ch2.yaml

# --- unbounded work: a spectrum beyond what the inversion takes is refused with the remedy
"$IL" ndp simulate 'LiCoO2 2um | Si' --channels 8193 --gain 0.375 -o wide.csv 2>/dev/null
f 2 "ndp invert: wide.csv has 8193 channels; the inversion takes up to 8192 (its time and memory grow with the channel count, and a detector of ~20 keV resolution needs a few hundred): sum neighbouring channels first" \
  ndp invert wide.csv --stack 'LiCoO2 2um | Si'

echo "hostile_input: $pass passed, $fails failed"
[ "$fails" = 0 ]
