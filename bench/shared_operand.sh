#!/usr/bin/env bash
# One operand shared by many ops across many ranks (issue 9): `z = 1`, `zchain = z - z - … - z`
# with N terms, the product `a1 * a1 * …` and the statements `s1 = z - z`, `s2 = s1 - z`, …,
# rendered to SVG by `gradviz render` (both views), each with the given binary and, when a second
# one is given, with that baseline too (a build before Sources/GradVizDOT/OperandCopies.swift),
# side by side in one run. Prints the mean wall time and CPU time (user + system) of each and the
# ratio baseline / new (hyperfine, RUNS runs; a case over 5 s is timed once with /usr/bin/time); a
# run longer than TIMEOUT seconds (default 60) is stopped and printed as "> TIMEOUT s".
# Needs: hyperfine, timeout, GNU time.
# Usage: bench/shared_operand.sh [GRADVIZ [BASELINE_GRADVIZ]]  (default: the release build, no baseline)
#   TERMS="50 70 100 300" SHAPES="chain product statements" VIEWS="ops vars" RUNS=3 TIMEOUT=60
set -euo pipefail
cd "$(dirname "$0")/.."
gradviz=${1:-$(swift build -c release --show-bin-path)/gradviz}
baseline=${2:-}
limit=${TIMEOUT:-60}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

script() {  # shape terms file
    python3 - "$1" "$2" >"$3" <<'PY'
import sys
shape, n = sys.argv[1], int(sys.argv[2])
if shape == "chain":
    print("z = 1")
    print("zchain = " + " - ".join(["z"] * n))
elif shape == "product":
    print("a1 = 1.001")
    print("p = " + " * ".join(["a1"] * n))
else:
    print("z = 1")
    print("s1 = z - z")
    for i in range(2, n + 1):
        print(f"s{i} = s{i - 1} - z")
PY
}

time_one() {  # name binary grad view -> "wall cpu" in seconds, or "timeout"
    # One timed run first; a run longer than 5 s is reported as it is (one run), shorter ones
    # are measured again by hyperfine.
    local name=$1 binary=$2 grad=$3 view=$4 first
    if ! /usr/bin/time -o "$scratch/$name.time" -f '%e %U %S' timeout "$limit" "$binary" render "$grad" \
        --view "$view" -o "$scratch/$name.svg" --quiet 2>/dev/null; then
        echo timeout
        return
    fi
    read -r wall user system <"$scratch/$name.time"
    if python3 -c "import sys; sys.exit(0 if $wall > 5 else 1)"; then
        python3 -c "print($wall, $user + $system)"
        return
    fi
    hyperfine -N --runs "${RUNS:-3}" --export-json "$scratch/$name.json" \
        "$binary render $grad --view $view -o $scratch/$name.svg --quiet" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["user"] + r["system"])' \
        "$scratch/$name.json"
}

show() {  # "wall cpu" or timeout
    if [[ $1 == timeout ]]; then echo "> $limit s"; else
        read -r wall cpu <<<"$1"; printf '%.2f s (CPU %.2f s)' "$wall" "$cpu"; fi
}

if [[ -n $baseline ]]; then
    printf '| shape | terms | view | before | after | before / after (wall) |\n|---|---|---|---|---|---|\n'
else
    printf '| shape | terms | view | time |\n|---|---|---|---|\n'
fi
for shape in ${SHAPES:-chain product statements}; do
    for terms in ${TERMS:-50 70 100 300}; do
        grad="$scratch/$shape$terms.grad"
        script "$shape" "$terms" "$grad"
        for view in ${VIEWS:-ops vars}; do
            new=$(time_one "new-$shape$terms$view" "$gradviz" "$grad" "$view")
            if [[ -z $baseline ]]; then
                printf '| %s | %s | %s | %s |\n' "$shape" "$terms" "$view" "$(show "$new")"
                continue
            fi
            old=$(time_one "old-$shape$terms$view" "$baseline" "$grad" "$view")
            ratio="—"
            if [[ $new != timeout ]]; then
                read -r newWall _ <<<"$new"
                if [[ $old == timeout ]]; then ratio="> $(python3 -c "print(f'{$limit / $newWall:.0f}')")×"
                else read -r oldWall _ <<<"$old"; ratio="$(python3 -c "print(f'{$oldWall / $newWall:.1f}')")×"; fi
            fi
            printf '| %s | %s | %s | %s | %s | %s |\n' "$shape" "$terms" "$view" "$(show "$old")" "$(show "$new")" "$ratio"
        done
    done
done
