#!/usr/bin/env bash
# Size limit benchmark (issue 9): how long and how much memory `gradviz render` takes to refuse
# a graph too large to draw. The script is a chain of N lines (default 10⁶), `a0 = 1`,
# `a1 = a0 + 1`, …: N nodes and N − 1 edges in the vars view, far past the renderer's 20 000
# objects. Prints /usr/bin/time -v's wall time and maximum resident set size, with
# `render --timings`' stages, for the release build of this checkout and, if BEFORE names
# another gradviz binary (an older build), for that one too in the same run.
# Needs: GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${LINES_IN_CHAIN:-1000000}
swift build -c release --static-swift-stdlib --product gradviz >/dev/null
gradviz=$(swift build -c release --show-bin-path)/gradviz
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 - "$scratch/chain.grad" "$lines" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("a0 = 1\n")
    for i in range(1, count):
        f.write(f"a{i} = a{i - 1} + 1\n")
PY
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "script: $lines lines ($(du -h "$scratch/chain.grad" | cut -f1))"
run() {
    local name=$1 binary=$2
    /usr/bin/time -v "$binary" render "$scratch/chain.grad" -o "$scratch/chain.svg" --timings 2>"$scratch/$name.err" || true
    echo "$name:"
    grep -E "timings: evaluate|error:" "$scratch/$name.err" | sed 's/^/  /' | cut -c1-160
    grep -E "User time|System time|Elapsed \(wall clock\)|Maximum resident set size" "$scratch/$name.err" | sed 's/^\s*/  /'
}
if [[ -n "${BEFORE:-}" ]]; then run before "$BEFORE"; fi
run after "$gradviz"
