#!/usr/bin/env bash
# The search for the largest tensor paths on a residual stack h_i = tanh(W @ h_{i-1}) + h_{i-1}
# (4-entry vectors, 4 x 4 W): in the ops view W has 2^depth paths of nearly equal norm, so the
# best-first search's bound is loose. Prints, per depth, the listing note and the time and
# peak memory of `gradviz explain --wrt W --view ops` (GNU time).
# Usage: bench/tensor_path_search.sh [GRADVIZ_BINARY]   (default: the release build; DEPTHS="40 80 160")
set -euo pipefail
cd "$(dirname "$0")/.."
gradviz=${1:-$(swift build -c release --show-bin-path)/gradviz}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for depth in ${DEPTHS:-40 80 160}; do
    python3 - "$scratch/resid$depth.grad" "$depth" <<'PY'
import sys
depth = int(sys.argv[2])
lines = ["x = [0.5, -1, 0.25, 2]",
         "W = [[0.1, 0.2, -0.3, 0.05], [0.0, -0.1, 0.2, 0.3], [0.25, 0.1, 0.0, -0.2], [0.1, -0.05, 0.15, 0.1]]",
         "h0 = W @ x"]
lines += [f"h{i} = tanh(W @ h{i-1}) + h{i-1}" for i in range(1, depth + 1)]
lines.append(f"L = sum(h{depth} * h{depth})")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
    /usr/bin/time -f "depth $depth: %e s, %M KB peak" "$gradviz" explain "$scratch/resid$depth.grad" --wrt W --view ops \
        2>"$scratch/time" | grep -E 'listing|paths;|^agree' | cut -c1-160
    cat "$scratch/time"
done
