#!/usr/bin/env bash
# Layout caps for big ops-view figures, chosen by measurement: the ops view of micrograd-style
# scalar MLPs 2 → w → w → 1 on one sample (w = 2 … 16; w = 16 is micrograd's MLP(2, [16, 16, 1])),
# laid out by Graphviz's `dot` program (the same layout code GradViz calls in-process) with and
# without the caps of Sources/GradVizRender/LayoutCaps.swift. Prints nodes, edges and the mean
# CPU time (user + system) of each, steadier than wall time on a shared machine, and the median
# wall time. Needs: graphviz, hyperfine.
# Usage: bench/layout_caps.sh [GRADVIZ_BINARY]  (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
gradviz=${1:-$(swift build -c release --show-bin-path)/gradviz}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
font=(-Gfontname="DejaVu Sans" -Nfontname="DejaVu Sans" -Efontname="DejaVu Sans")
caps=(-Gnewrank=true -Gnslimit=0.2 -Gnslimit1=0.2 -Gmclimit=0.2 -Gsearchsize=10)
printf '| width w | nodes | edges | uncapped CPU (wall) | capped CPU (wall) | uncapped / capped (CPU) |\n|---|---|---|---|---|---|\n'
for width in ${WIDTHS:-2 4 6 8 10 12 16}; do
    python3 bench/scalar_mlp_grad.py "$scratch/mlp$width.grad" "$width"
    "$gradviz" render "$scratch/mlp$width.grad" --view ops -o "$scratch/mlp$width.dot" 2>/dev/null
    nodes=$(grep -cE '^\s*n[0-9]+ \[' "$scratch/mlp$width.dot" || true)
    edges=$(grep -c -- ' -> ' "$scratch/mlp$width.dot" || true)
    hyperfine -N --warmup 1 --runs "${RUNS:-3}" --export-json "$scratch/t.json" \
        -n uncapped "dot -Tsvg ${font[*]@Q} $scratch/mlp$width.dot -o $scratch/u.svg" \
        -n capped "dot -Tsvg ${font[*]@Q} ${caps[*]} $scratch/mlp$width.dot -o $scratch/c.svg" >/dev/null 2>&1
    python3 - "$scratch/t.json" "$width" "$nodes" "$edges" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
cpu = {k: v["user"] + v["system"] for k, v in r.items()}
u, c = cpu["uncapped"], cpu["capped"]
wu, wc = r["uncapped"]["median"], r["capped"]["median"]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {u * 1000:.0f} ms ({wu * 1000:.0f} ms) "
      f"| {c * 1000:.0f} ms ({wc * 1000:.0f} ms) | {u / c:.1f}× |")
PY
done
