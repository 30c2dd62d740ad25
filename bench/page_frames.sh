#!/usr/bin/env bash
# The interactive page of a deep chain (issue 9): `z = 1`, `zchain = z - z - … - z` with N terms,
# `gradviz render --view ops --format html` and `gradviz frames --view ops --format svg`, with the
# given binary and, when a second one is given, with that baseline too (a build before
# InteractivePage.maxFrameWork), side by side in one run. Prints wall and CPU time (user + system)
# and peak RSS of each run (GNU time, one run each: the long ones take tens of seconds), and the
# number of frames the page embeds.
# Needs: GNU time, python3.
# Usage: bench/page_frames.sh [GRADVIZ [BASELINE_GRADVIZ]]  (default: the release build, no baseline)
#   TERMS="25 30 40 100"
set -euo pipefail
cd "$(dirname "$0")/.."
gradviz=${1:-$(swift build -c release --show-bin-path)/gradviz}
baseline=${2:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

frame_count() {  # page.html -> number of frames in its gradviz-frames JSON
    python3 - "$1" <<'PY'
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
body = re.search(r'id="gradviz-frames">(.*?)</script>', html, re.S).group(1)
print(len(json.loads(body)["frames"]))
PY
}

run() {  # label binary args... -> "label wall cpu rss"
    local label=$1 binary=$2
    shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" "$binary" "$@" >/dev/null 2>"$scratch/err" || true
    read -r wall user system rss <"$scratch/time"
    printf '%-34s %7.2f s wall %7.2f s CPU %6d MB' "$label" "$wall" "$(echo "$user + $system" | bc)" $((rss / 1024))
}

for n in ${TERMS:-25 30 40 100}; do
    python3 -c "import sys; n=int(sys.argv[1]); print('z = 1'); print('zchain = ' + ' - '.join(['z'] * n))" "$n" \
        >"$scratch/chain$n.grad"
    for which in new baseline; do
        binary=$gradviz
        [ "$which" = baseline ] && { [ -n "$baseline" ] || continue; binary=$baseline; }
        run "$which: page, $n terms" "$binary" render "$scratch/chain$n.grad" --view ops --format html \
            -o "$scratch/chain$n-$which.html"
        echo "  ($(frame_count "$scratch/chain$n-$which.html") frames)"
        rm -rf "$scratch/frames"
        run "$which: frames, $n terms" "$binary" frames "$scratch/chain$n.grad" --view ops --format svg \
            -o "$scratch/frames"
        echo "  ($(ls "$scratch/frames" 2>/dev/null | grep -c '\.svg$' || true) files)"
    done
done
