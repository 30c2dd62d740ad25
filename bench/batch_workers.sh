#!/usr/bin/env bash
# Batches rendered by one process (--jobs 1) against worker processes (--jobs N, default one per
# core), side by side in one hyperfine run per batch: small lecture figures (8 and 100 copies of
# samples/regression.grad) and big ones (4 ops-view figures of micrograd's MLP(2, [16, 16, 1])).
# Prints the mean wall time of each and their ratio; the files written are compared too.
# Needs: hyperfine, python3. Usage: bench/batch_workers.sh [JOBS]   (RUNS=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product gradviz >/dev/null
gradviz=$(swift build -c release --show-bin-path)/gradviz
jobs=${1:-$(nproc)}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/small" "$scratch/big"
for i in $(seq 100); do cp samples/regression.grad "$scratch/small/r$i.grad"; done
python3 bench/scalar_mlp_grad.py "$scratch/big/mlp.grad" 16
for i in 1 2 3 4; do cp "$scratch/big/mlp.grad" "$scratch/big/mlp$i.grad"; done
rm "$scratch/big/mlp.grad"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); workers: --jobs $jobs"
printf '| batch | one process | %s workers | one / workers |\n|---|---|---|---|\n' "$jobs"
run() {  # name, extra options, files…
    local name=$1 extra=$2
    shift 2
    hyperfine -N --warmup 2 --runs "${RUNS:-10}" --export-json "$scratch/t.json" \
        -n one "$gradviz render $* -o $scratch/one/ --quiet --jobs 1 $extra" \
        -n workers "$gradviz render $* -o $scratch/workers/ --quiet --jobs $jobs $extra" >/dev/null
    diff -r "$scratch/one" "$scratch/workers" >/dev/null || { echo "$name: the files differ" >&2; exit 1; }
    python3 - "$scratch/t.json" "$name" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"| {sys.argv[2]} | {r['one'] * 1000:.1f} ms | {r['workers'] * 1000:.1f} ms | {r['one'] / r['workers']:.2f}× |")
PY
    rm -rf "$scratch/one" "$scratch/workers"
}
run "8 lecture figures" "" $(ls "$scratch"/small/r*.grad | head -8)
run "100 lecture figures" "" "$scratch"/small/r*.grad
run "4 MLP figures, ops view (982 nodes)" "--view ops" "$scratch"/big/mlp*.grad
