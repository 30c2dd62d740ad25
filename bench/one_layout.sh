#!/usr/bin/env bash
# Slide builds laid out once (issue 28), side by side in one hyperfine run: one figure (SVG),
# `frames` (SVG) and the page with its frames, for weight_sharing --wrt w1 and the 143-node scalar
# MLP 4-8-8-1 tanh (bench/tanh_mlp_grad.py), by BASELINE (optional, a build from before) and
# GRADVIZ. Use static release builds (README's install section). Prints hyperfine's table and
# each ratio to the figure, by wall time and by CPU time (steadier on a shared machine).
# Usage: bench/one_layout.sh GRADVIZ [BASELINE]
set -euo pipefail
cd "$(dirname "$0")/.."
new=$1
old=${2:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 bench/tanh_mlp_grad.py "$scratch/mlp.grad"
commands=()
for bin in $old $new; do
    tag=$([ "$bin" = "$new" ] && echo new || echo old)
    commands+=(-n "$tag ws figure" "$bin render samples/weight_sharing.grad --wrt w1 -o $scratch/$tag-ws.svg --quiet")
    commands+=(-n "$tag ws frames" "$bin frames samples/weight_sharing.grad --wrt w1 -o $scratch/$tag-wsf --format svg")
    commands+=(-n "$tag ws page" "$bin render samples/weight_sharing.grad --wrt w1 -o $scratch/$tag-ws.html --quiet")
    commands+=(-n "$tag mlp figure" "$bin render $scratch/mlp.grad -o $scratch/$tag-mlp.svg --quiet")
    commands+=(-n "$tag mlp frames" "$bin frames $scratch/mlp.grad -o $scratch/$tag-mlpf --format svg")
    commands+=(-n "$tag mlp page" "$bin render $scratch/mlp.grad -o $scratch/$tag-mlp.html --quiet")
done
hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$scratch/t.json" "${commands[@]}" >/dev/null
python3 - "$scratch/t.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
r = {x["command"]: x["mean"] for x in results}
cpu = {x["command"]: x["user"] + x["system"] for x in results}
print("| build | work | mean wall | × its figure | CPU (user + system) | × its figure |\n|---|---|---|---|---|---|")
for tag in ("old", "new"):
    for graph in ("ws", "mlp"):
        fig = r.get(f"{tag} {graph} figure")
        if fig is None: continue
        for work in ("figure", "frames", "page"):
            t = r[f"{tag} {graph} {work}"]
            c = cpu[f"{tag} {graph} {work}"]
            c0 = cpu[f"{tag} {graph} figure"]
            print(f"| {tag} | {graph} {work} | {t*1000:.1f} ms | {t/fig:.2f}× | {c*1000:.1f} ms | {c/c0:.2f}× |")
PY
