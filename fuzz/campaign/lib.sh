# The campaign's harness: source it, then call `case_run NAME ALLOWED -- COMMAND…`.
#
# Each case runs in its own scratch directory under $CAMPAIGN_DIR (default /tmp/gradviz-campaign)
# with `timeout` ($CAMPAIGN_TIMEOUT s, default 60) and `ulimit -v` ($CAMPAIGN_VMEM KB, default
# 4000000), under /usr/bin/time -v when it exists. A line is appended to $CAMPAIGN_DIR/log.tsv:
#   name  status  signal  seconds  max-RSS-KB  leftovers  verdict  note
# The verdict is FINDING when the command was killed by a signal or the timeout, exited with a
# status not in ALLOWED (a comma list such as 0,1 or 2), printed a Swift fatal error or a stack
# trace, left a temporary (`.*.gradviz-*` or `*.tmp`) in its directory, or exited 2 without an
# `error:` line on stderr. $GRADVIZ is the binary under test.
set -u
: "${CAMPAIGN_DIR:=/tmp/gradviz-campaign}"
: "${CAMPAIGN_TIMEOUT:=60}"
: "${CAMPAIGN_VMEM:=4000000}"
: "${GRADVIZ:?set GRADVIZ to the gradviz binary (swift build -c release --show-bin-path)/gradviz}"
mkdir -p "$CAMPAIGN_DIR"
CAMPAIGN_LOG="$CAMPAIGN_DIR/log.tsv"
CAMPAIGN_RUNS=0
CAMPAIGN_FINDINGS=0

# case_run NAME ALLOWED -- COMMAND…: runs COMMAND in $CAMPAIGN_DIR/NAME (created empty; files the
# case needs are written there first by case_file). Stdout and stderr are kept there.
case_run() {
    local name=$1 allowed=$2
    shift 3
    local dir="$CAMPAIGN_DIR/$name"
    mkdir -p "$dir"
    local timing=()
    [ -x /usr/bin/time ] && timing=(/usr/bin/time -v -o "$dir/.time")
    local status
    (
        cd "$dir" || exit 99
        ulimit -v "$CAMPAIGN_VMEM"
        exec "${timing[@]}" timeout -s KILL "$CAMPAIGN_TIMEOUT" "$@" >"$dir/.stdout" 2>"$dir/.stderr" </dev/null
    )
    status=$?
    CAMPAIGN_RUNS=$((CAMPAIGN_RUNS + 1))
    local seconds=- rss=- signal=-
    if [ -f "$dir/.time" ]; then
        seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/.time")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/.time")
        signal=$(awk '/Command terminated by signal/ {print $NF}' "$dir/.time")
        [ -z "$signal" ] && signal=-
    fi
    [ "$status" -gt 128 ] && signal=$((status - 128))
    local leftovers
    leftovers=$(cd "$dir" && find . -name '.*.gradviz-*' -o -name '*.tmp' -o -name '.gradviz-staging*' | tr '\n' ' ')
    local verdict=ok note=""
    if [ "$signal" != - ] || [ "$status" -eq 137 ] || [ "$status" -eq 124 ]; then
        verdict=FINDING note="signal/timeout"
    elif ! [[ ",$allowed," == *",$status,"* ]]; then
        verdict=FINDING note="status $status not in $allowed"
    elif grep -qE 'Fatal error|Stack dump|Current stack trace|Illegal instruction' "$dir/.stderr"; then
        verdict=FINDING note="fatal error on stderr"
    elif [ -n "$leftovers" ]; then
        verdict=FINDING note="leftovers: $leftovers"
    elif [ "$status" -eq 2 ] && ! grep -q 'error:' "$dir/.stderr" "$dir/.stdout"; then
        verdict=FINDING note="exit 2 without error:"
    fi
    [ "$verdict" = FINDING ] && CAMPAIGN_FINDINGS=$((CAMPAIGN_FINDINGS + 1))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$status" "$signal" "$seconds" "$rss" "${leftovers:--}" \
        "$verdict" "$note" >>"$CAMPAIGN_LOG"
    [ "$verdict" = FINDING ] && printf 'FINDING %s: %s (status %s, %s s)\n' "$name" "$note" "$status" "$seconds"
    return 0
}

# case_file NAME FILE: writes standard input to $CAMPAIGN_DIR/NAME/FILE.
case_file() {
    mkdir -p "$CAMPAIGN_DIR/$1"
    cat >"$CAMPAIGN_DIR/$1/$2"
}

# case_stdout NAME / case_stderr NAME: what the last run of NAME printed.
case_stdout() { cat "$CAMPAIGN_DIR/$1/.stdout"; }
case_stderr() { cat "$CAMPAIGN_DIR/$1/.stderr"; }

# case_summary: how many runs and findings, on stderr.
case_summary() {
    printf '%s: %d runs, %d findings (log: %s)\n' "${0##*/}" "$CAMPAIGN_RUNS" "$CAMPAIGN_FINDINGS" "$CAMPAIGN_LOG" >&2
}
