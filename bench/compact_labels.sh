#!/usr/bin/env bash
# Detailed against compact figures of large graphs, to choose FigureOptions.defaultLargeGraphThreshold
# by measurement: the ops and vars views of micrograd-style scalar MLPs 2 → w → w → 1 on one sample
# (bench/scalar_mlp_grad.py), rendered to SVG by two gradviz binaries side by side in one hyperfine
# run: DETAILED (a build whose threshold is above these graphs, every node a table and every edge
# labelled) and COMPACT (this build: past the threshold, one line per node and no edge labels).
# Prints nodes, the mean CPU time (user + system) of each and their ratio, and the font size a
# 14-pt label is drawn at once Graphviz scales the drawing to the default size (10 × 7 in).
# Needs: hyperfine. Usage: bench/compact_labels.sh DETAILED_BINARY [COMPACT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
detailed=$1
compact=${2:-$(swift build -c release --show-bin-path)/gradviz}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '| view | w | nodes | detailed CPU | compact CPU | detailed / compact | 14 pt drawn at (detailed → compact) |\n|---|---|---|---|---|---|---|\n'
for width in ${WIDTHS:-4 6 8 12 16}; do
    python3 bench/scalar_mlp_grad.py "$scratch/mlp$width.grad" "$width"
    for view in ops vars; do
        "$detailed" render "$scratch/mlp$width.grad" --view "$view" -o "$scratch/d.svg" --quiet 2>/dev/null
        "$compact" render "$scratch/mlp$width.grad" --view "$view" -o "$scratch/c.svg" --quiet 2>/dev/null
        "$compact" render "$scratch/mlp$width.grad" --view "$view" -o "$scratch/c.dot" --format dot --quiet 2>/dev/null
        nodes=$(grep -cE '^\s*n[0-9]+ \[' "$scratch/c.dot" || true)
        hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$scratch/t.json" \
            -n detailed "$detailed render $scratch/mlp$width.grad --view $view -o $scratch/d.svg --quiet" \
            -n compact "$compact render $scratch/mlp$width.grad --view $view -o $scratch/c.svg --quiet" >/dev/null 2>&1
        python3 - "$scratch/t.json" "$view" "$width" "$nodes" "$scratch/d.svg" "$scratch/c.svg" <<'PY'
import json, re, sys
r = {x["command"]: x["user"] + x["system"] for x in json.load(open(sys.argv[1]))["results"]}
def drawn(path):
    # Graphviz scales the drawing to the size limit in the graph group's transform.
    return 14 * float(re.search(r'transform="scale\(([0-9.]+)', open(path).read(6000)).group(1))
d, c = r["detailed"], r["compact"]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {d*1000:.0f} ms | {c*1000:.0f} ms | {d/c:.2f}× "
      f"| {drawn(sys.argv[5]):.2g} → {drawn(sys.argv[6]):.2g} pt |")
PY
    done
done
