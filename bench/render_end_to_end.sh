#!/usr/bin/env bash
# End-to-end figure benchmark: `gradviz render` (release build, in-process libgvc) against
# micrograd's usual draw_dot pipeline (Python + graphviz package + the dot program) on the same
# models, side by side in one hyperfine run. Needs: hyperfine, graphviz, pip install micrograd graphviz.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gradviz >/dev/null
gradviz=$(swift build -c release --show-bin-path)/gradviz
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 bench/scalar_mlp_grad.py "$scratch/mlp.grad" 16
hyperfine --warmup 2 --runs 10 --export-markdown "$scratch/small.md" \
    -n "gradviz render regression.grad" "$gradviz render samples/regression.grad -o $scratch/r.svg" \
    -n "micrograd draw_dot regression" "python3 bench/draw_dot_pipeline.py regression $scratch/rp"
# A batch: the same figure eight times, in one gradviz invocation and one Python process.
mkdir -p "$scratch/batch"
for i in 1 2 3 4 5 6 7 8; do cp samples/regression.grad "$scratch/batch/regression$i.grad"; done
hyperfine --warmup 1 --runs 10 \
    -n "gradviz render 8 × regression.grad" "$gradviz render $scratch/batch/*.grad -o $scratch/batch-out/" \
    -n "micrograd draw_dot 8 × regression" "python3 bench/draw_dot_pipeline.py regression $scratch/bp 8"
hyperfine --warmup 1 --runs 5 \
    -n "gradviz render mlp.grad --view ops" "$gradviz render $scratch/mlp.grad --view ops -o $scratch/m.svg" \
    -n "micrograd draw_dot mlp" "python3 bench/draw_dot_pipeline.py mlp $scratch/mp"
