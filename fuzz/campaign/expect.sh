#!/usr/bin/env bash
# Hostile `expect` lines: literals, tolerances, unknown names, data, duplicates, thousands of
# expectations, huge tensors; `check` and `eval` in text, JSON and JUnit. Every JSON output
# must parse and every JUnit report must be well-formed XML.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

base='x = 3
w1 = 5
b1 = 2
w2 = 2
b2 = 3
y = 40
yhat = w2 * (w1 * x + b1) + b2
L = (yhat - y)^2'

n=0
# One line each: the expectation, then the statuses it may end with.
while IFS='|' read -r line allowed; do
    [ -z "$line" ] && continue
    n=$((n + 1))
    name=expect-line-$n
    printf '%s\n%s\n' "$base" "$line" | case_file "$name" s.grad
    case_run "$name" "$allowed" -- "$GRADVIZ" check s.grad
    case_run "$name-json" "$allowed" -- "$GRADVIZ" check "$CAMPAIGN_DIR/$name/s.grad" --format json --junit j.xml
    python3 -c 'import json,sys,xml.etree.ElementTree as E; json.load(open(sys.argv[1])); E.parse(sys.argv[2])' \
        "$CAMPAIGN_DIR/$name-json/.stdout" "$CAMPAIGN_DIR/$name-json/j.xml" 2>/dev/null ||
        echo "FINDING $name-json: JSON or JUnit does not parse"
    case_run "$name-eval" "$allowed" -- "$GRADVIZ" eval "$CAMPAIGN_DIR/$name/s.grad" --format json
done <<'LINES'
expect L = 9|0
expect L = 1e999|2
expect L = 1e-400|0,1
expect L = nan|2
expect L = inf|2
expect L = -|2
expect L = [|2
expect L = [[1, 2], [3]]|2
expect L = []|2
expect L = [[]]|2
expect L = 9 within|2
expect L = 9 within -1|2
expect L = 9 within 1e999|2
expect L = 9 within nan|2
expect L = 9 within 0|0,1
expect L = 8 within 1e308|0
expect L = 9 within 1 within 2|2
expect L = 9 within 1e-3 extra|2
expect L = 9 within -0|0,1,2
expect L = 9 within 1/0|2
expect L = x|2
expect L = 3 * 3|2
expect L = -9|1
expect L = -(9)|1,2
expect L = --9|1,2
expect|2
expect L|2
expect L =|2
expect = 9|2
expect 3 = 3|2
expect nope = 1|2
expect dL/dnope = 1|2
expect dnope/dw1 = 1|2
expect dL/d = 1|2
expect d/dw1 = 1|2
expect dL/dw1|2
expect dLdw1 = 1|2
expect dL / dw1 = -36|0,2
expect d L/d w1 = -36|0,2
expect dL/dL = 1|0,1
expect dx/dL = 0|0,1,2
expect dL/dx = -12|0,1
expect dw1/dw1 = 1|0,1
expect dyhat/dw1 = 6|0
expect dyhat/dy = 0|0,1
expect dL/dw1 = [-36]|1
expect dL/dw1 = [[-36]]|1
expect dL/dw1 = 36|1
expect dL/dw1 = -12|1
expect dL/dw1 = -18|1
expect dL/dw1 = 1e308|1
expect dL/dw1 = -1e308|1
expect dL/dw1 = 4.9e-324|1
expect dL/dw1 = -36.0000000001|0
expect ŷ = 37|2
expect yhat = 37 # a comment "quoted" \u202e|0
expect yhat = 37 within 1e-300|0
expect yhat = 36.99|1
expect dL/dw1 = -36 within 0.0|0
expect L = 0x10|2
expect L = 9e|2
expect L = .5e-3|1
expect L = 9,|2
expect L = (9)|0,2
expect L = 9 within 1e-3 within|2
expect within = 1|2
expect expect = 1|2
expect label = 1|2
expect dL/dw1 = -36 within x|2
LINES

# Expectations before the variable, inside a module, of a constant and of data.
printf 'expect yhat = 37\n%s\n' "$base" | case_file expect-before s.grad
case_run expect-before 0,2 -- "$GRADVIZ" check s.grad
printf 'module m {\n%s\nexpect yhat = 37\nexpect dL/dw1 = -36\n}\n' "$base" | case_file expect-in-module s.grad
case_run expect-in-module 0,2 -- "$GRADVIZ" check s.grad
printf '%s\nconstant x y\nexpect dL/dx = -12\nexpect dL/dy = 6\nexpect x = 3\n' "$base" | case_file expect-data s.grad
case_run expect-data 0,1,2 -- "$GRADVIZ" check s.grad --format json

# Duplicates and thousands of expectations: all wrong, so every one is diagnosed.
python3 - "$CAMPAIGN_DIR" <<'PY'
import os, sys
root = sys.argv[1]
def write(name, text):
    os.makedirs(f"{root}/{name}", exist_ok=True)
    open(f"{root}/{name}/s.grad", "w").write(text)
base = "x = 3\nw1 = 5\nb1 = 2\nw2 = 2\nb2 = 3\ny = 40\nyhat = w2 * (w1 * x + b1) + b2\nL = (yhat - y)^2\n"
write("expect-dup-5000", base + "expect dL/dw1 = -18\n" * 5000)
# A wide sum: every leaf on its own path, each expectation wrong (12 paths searched each).
n = 2000
leaves = "".join(f"a{i} = {i % 7 + 1}\n" for i in range(n))
s = " + ".join(f"a{i} * a{(i + 1) % n}" for i in range(n))
write("expect-wide-2000", leaves + f"L = {s}\n" + "".join(f"expect dL/da{i} = {i + 0.5}\n" for i in range(n)))
# A chain of 5 000 statements, an expectation of every one (values and gradients), all wrong.
n = 5000
chain = "x = 0.5\n" + "".join(f"h{i} = tanh(h{i - 1} * 1.01 + 0.1)\n" if i else "h0 = tanh(x)\n" for i in range(n))
write("expect-chain-5000", chain + "".join(f"expect h{i} = {i}\nexpect dh{n-1}/dh{i} = {i}\n" for i in range(n)))
# Many paths between each pair: a diamond ladder, 2^40 paths, gradients of every rung.
rungs = 40
text = "x = 0.3\nh0 = x\n" 
for i in range(1, rungs + 1):
    text += f"u{i} = tanh(h{i-1})\nv{i} = sigmoid(h{i-1})\nh{i} = u{i} + v{i}\n"
text += f"L = h{rungs}\n" + "".join(f"expect dL/dh{i} = {i + 1}\n" for i in range(rungs)) + "expect dL/dx = 123\n"
write("expect-ladder-40", text)
# A huge expected matrix against a huge weight.
r = 300
W = "[" + ", ".join("[" + ", ".join(str((i * r + j) % 5 - 2) for j in range(r)) + "]" for i in range(r)) + "]"
v = "[" + ", ".join(str(i % 3) for i in range(r)) + "]"
write("expect-huge-matrix", f"W = {W}\nx = {v}\nconstant x\nL = sum(tanh(W @ x))\nexpect dL/dW = {W}\nexpect W = {W}\n")
# A huge expected vector against a scalar.
write("expect-huge-vector", base + "expect dL/dw1 = [" + ", ".join("1" for _ in range(200000)) + "]\n")
# Hostile labels that reach diagnoses (text, JSON, JUnit).
hostile = '<&>\\"\']]>\x1b[2J\x07\u202e\u2028 &amp; <!-- -->'
write("expect-hostile-labels", base.replace("w1 = 5", "w1 = 5\nlabel w1 \"" + hostile.replace("\\", "\\\\").replace('"', '\\"') + "\"")
      .replace("yhat =", "label yhat \"]]></failure><x a='\\\"'>\"\nyhat =")
      + "expect dL/dw1 = -18\nexpect yhat = 36\nexpect dL/dw2 = 102\n")
PY
for name in expect-dup-5000 expect-wide-2000 expect-chain-5000 expect-ladder-40 expect-huge-matrix expect-huge-vector \
    expect-hostile-labels; do
    case_run "$name" 1,2 -- "$GRADVIZ" check s.grad --format json --junit j.xml
    mv "$CAMPAIGN_DIR/$name/.stdout" "$CAMPAIGN_DIR/$name/check.json"
    python3 - "$CAMPAIGN_DIR/$name" <<'PY' || echo "FINDING $name: output does not parse"
import json, sys, xml.etree.ElementTree as ET, os
d = sys.argv[1]
if os.path.getsize(f"{d}/check.json"):
    json.load(open(f"{d}/check.json"))
if os.path.exists(f"{d}/j.xml"):
    ET.parse(f"{d}/j.xml")
PY
    case_run "$name-text" 1,2 -- "$GRADVIZ" check "$CAMPAIGN_DIR/$name/s.grad"
    if LC_ALL=C grep -qP '\x1b|\x07' "$CAMPAIGN_DIR/$name-text/.stdout" "$CAMPAIGN_DIR/$name-text/.stderr"; then
        echo "FINDING $name-text: a raw control character reached the terminal"
    fi
    case_run "$name-eval" 0,1,2 -- "$GRADVIZ" eval "$CAMPAIGN_DIR/$name/s.grad" --format json
done
case_summary
