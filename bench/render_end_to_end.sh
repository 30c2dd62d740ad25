#!/usr/bin/env bash
# End-to-end figure benchmark: `gradviz render` (release build, in-process libgvc) against
# micrograd's usual draw_dot pipeline (Python + graphviz package + the dot program) on the same
# models, side by side in one hyperfine run. Needs: hyperfine, graphviz, pip install micrograd graphviz.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product gradviz >/dev/null
gradviz=$(swift build -c release --show-bin-path)/gradviz
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# Python started directly (a version manager's shim such as pyenv's adds ~60 ms per process).
python=$(python3 -c 'import sys; print(sys.executable)')
"$python" bench/scalar_mlp_grad.py "$scratch/mlp.grad" 16
# A batch: the same figure eight times, in one gradviz invocation and one Python process.
mkdir -p "$scratch/batch"
for i in 1 2 3 4 5 6 7 8; do cp samples/regression.grad "$scratch/batch/regression$i.grad"; done
# One hyperfine run, so every pair is measured under the same load; -N: no shell in between.
hyperfine -N --warmup 2 --runs "${RUNS:-10}" --export-markdown "${EXPORT:-$scratch/results.md}" \
    -n "gradviz render regression.grad" "$gradviz render samples/regression.grad -o $scratch/r.svg --quiet" \
    -n "micrograd draw_dot regression" "$python bench/draw_dot_pipeline.py regression $scratch/rp" \
    -n "gradviz render 8 × regression.grad" "$gradviz render $scratch/batch/regression1.grad $scratch/batch/regression2.grad $scratch/batch/regression3.grad $scratch/batch/regression4.grad $scratch/batch/regression5.grad $scratch/batch/regression6.grad $scratch/batch/regression7.grad $scratch/batch/regression8.grad -o $scratch/batch-out/ --quiet" \
    -n "micrograd draw_dot 8 × regression" "$python bench/draw_dot_pipeline.py regression $scratch/bp 8" \
    -n "gradviz render mlp.grad --view ops" "$gradviz render $scratch/mlp.grad --view ops -o $scratch/m.svg --quiet" \
    -n "micrograd draw_dot mlp" "$python bench/draw_dot_pipeline.py mlp $scratch/mp"
