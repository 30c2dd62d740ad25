#!/bin/sh
# `gradviz check` on a chain of N leaves, s_i = s_{i-1} + v_i (every leaf's paths run along the
# whole chain): before issue 29 each leaf was explained on its own, quadratic in N; now past
# CheckReport.leafByLeafBudget every leaf is checked in shared passes, linear, with one
# finite-difference budget for the whole check. Usage: bench/check_leaves.sh [gradviz] [N…]
set -eu
gradviz=${1:-.build/release/gradviz}
[ $# -gt 0 ] && shift
sizes=${*:-4000 8000 32000}
directory=$(mktemp -d)
trap 'rm -rf "$directory"' EXIT
for n in $sizes; do
    python3 - "$n" "$directory/leaves$n.grad" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n): f.write(f"v{i} = {i % 7 + 1}\n")
    f.write("s0 = v0\n")
    for i in range(1, n): f.write(f"s{i} = s{i-1} + v{i}\n")
PY
    printf '%s leaves (%s bytes): ' "$n" "$(wc -c < "$directory/leaves$n.grad")"
    /usr/bin/time -f '%e s wall, %U s user, %M KB' "$gradviz" check "$directory/leaves$n.grad" > /dev/null
done
