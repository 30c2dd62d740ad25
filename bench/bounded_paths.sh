#!/usr/bin/env bash
# Bounded path sums (issue 9): the two reproducers of "Hangs and unbounded memory" that ran
# path by path, timed with /usr/bin/time -v (wall clock and maximum resident set size):
#   check on a 10⁵-statement chain  a_i = a_{i-1} + x       (10⁵ paths, 5·10⁹ prefixes)
#   explain --view ops on p = a1*a1*…*a1, 10⁵ factors       (10⁵ paths of up to 99 999 edges)
# Usage: bench/bounded_paths.sh [GRADVIZ…]   (default: this checkout's release build). Give a
# build from before the change and one from after to compare them in one run, e.g.
#   bench/bounded_paths.sh /tmp/gradviz-before .build/release/gradviz
# N=30000 bench/bounded_paths.sh  runs smaller scripts (the old build takes minutes at 10⁵).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-100000}
if [ $# -eq 0 ]; then
    swift build -c release --static-swift-stdlib --product gradviz >/dev/null
    set -- "$(swift build -c release --show-bin-path)/gradviz"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 - "$n" "$scratch" <<'PY'
import sys
n, scratch = int(sys.argv[1]), sys.argv[2]
with open(f"{scratch}/chain.grad", "w") as f:
    f.write("x = 1000\na0 = 1\n")
    f.writelines(f"a{i} = a{i - 1} + x\n" for i in range(1, n + 1))
with open(f"{scratch}/product.grad", "w") as f:
    f.write("a1 = 1.0001\np = " + "*".join(["a1"] * n) + "\n")
PY
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {
    local label=$1; shift
    /usr/bin/time -v "$@" >"$scratch/out.txt" 2>"$scratch/time.txt" || true
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$scratch/time.txt" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$scratch/time.txt" | awk '{print $NF}')
    printf '  %-44s wall %10s  max RSS %8d MB  output %9d bytes\n' "$label" "$wall" $((rss / 1024)) \
        "$(wc -c <"$scratch/out.txt")"
}
for gradviz in "$@"; do
    echo "$gradviz (n = $n):"
    measure "check chain.grad" "$gradviz" check "$scratch/chain.grad"
    measure "explain product.grad --wrt a1 --view ops" "$gradviz" explain "$scratch/product.grad" --wrt a1 --view ops
    measure "explain product.grad --wrt a1 (vars view)" "$gradviz" explain "$scratch/product.grad" --wrt a1
done
