#!/usr/bin/env bash
# Pruned figure benchmark (issue 12): a micrograd-style scalar MLP of about 20 000 variables
# (20 inputs, 45 tanh layers of 20 units, one output), too large for a whole figure (the
# renderer refuses past 20 000 nodes plus edges), drawn with `--prune --wrt w1_0_0` to SVG,
# side by side in one hyperfine run with what the whole graph costs up to the refusal:
# writing its DOT. Needs: hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product gradviz >/dev/null
gradviz=$(swift build -c release --show-bin-path)/gradviz
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 - "$scratch/mlp.grad" <<'PY'
import random, sys
random.seed(1)
width, depth = 20, 45
lines = [f"x{k} = {random.uniform(-1, 1):.3f}" for k in range(width)]
previous = [f"x{k}" for k in range(width)]
for layer in range(1, depth + 1):
    units = []
    for j in range(width):
        lines.append(f"b{layer}_{j} = {random.uniform(-0.1, 0.1):.3f}")
        terms = []
        for k in range(width):
            lines.append(f"w{layer}_{j}_{k} = {random.uniform(-0.4, 0.4):.3f}")
            terms.append(f"w{layer}_{j}_{k} * {previous[k]}")
        lines.append(f"h{layer}_{j} = tanh(b{layer}_{j} + " + " + ".join(terms) + ")")
        units.append(f"h{layer}_{j}")
    previous = units
lines += [f"v{j} = {random.uniform(-1, 1):.3f}" for j in range(width)]
lines.append("o = " + " + ".join(f"v{j} * {previous[j]}" for j in range(width)))
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
cd "$scratch"
echo "whole figure to SVG (expected: refused, exit 2):"
"$gradviz" render mlp.grad -o full.svg 2>&1 | tail -1 || true
hyperfine --warmup 1 --runs 5 \
    -n "pruned figure, SVG" "$gradviz render mlp.grad --prune --wrt w1_0_0 -o pruned.svg" \
    -n "whole figure, DOT only" "$gradviz render mlp.grad -o full.dot"
