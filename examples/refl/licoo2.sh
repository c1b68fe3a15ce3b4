#!/bin/sh
# LiCoO2 film with a Li-depleted surface layer: simulate noisy neutron reflectivity (3 % dR,
# dQ/Q = 2 % (1σ)), then fit thickness, density and roughness of both layers with LM and, for
# honest uncertainties, MCMC (1500 steps here to keep the demo short; the output says whether
# the chain is longer than 50 autocorrelation times - raise --steps until it is).
# Usage: licoo2.sh [path/to/interlayer] [outdir]
set -e
IL=${1:-interlayer}
OUT=${2:-refl-licoo2-out}
HERE=$(dirname "$0")
mkdir -p "$OUT"
"$IL" refl sld "$(cat "$HERE/licoo2_truth.txt")"
"$IL" refl simulate "$(cat "$HERE/licoo2_truth.txt")" --q-min 0.008 --q-max 0.25 --points 150 \
    --log-q --dq-over-q 0.02 --background 2e-7 --noise 0.03 --noise-floor 2e-7 --seed 5 \
    --ort "$OUT/licoo2_simulated.ort" --plot "$OUT/licoo2_simulated.svg" -o "$OUT/licoo2_simulated.txt"
"$IL" refl fit "$OUT/licoo2_simulated.ort" --model "$HERE/licoo2_fit.yaml" \
    --curves "$OUT/licoo2_fit_curves.csv" --plot "$OUT/licoo2_fit.svg" \
    --profile-plot "$OUT/licoo2_sld.svg"
"$IL" refl fit "$OUT/licoo2_simulated.ort" --model "$HERE/licoo2_fit.yaml" --engine mcmc \
    --steps 1500 --json -o "$OUT/licoo2_mcmc.json" --profile-plot "$OUT/licoo2_sld_band.svg" --profile-csv "$OUT/licoo2_sld_band.csv"
echo "results in $OUT/"
