#!/usr/bin/env bash
# Formulas on deep and long expressions and hostile labels, through --edge-labels formula|both
# (SVG, DOT, HTML) and explain in every format; the LaTeX of a hostile label is compiled.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

python3 - "$CAMPAIGN_DIR" <<'PY'
import os, sys
root = sys.argv[1]
def write(name, text):
    os.makedirs(f"{root}/{name}", exist_ok=True)
    open(f"{root}/{name}/s.grad", "w").write(text)
# A 1 MB expression: one line of sums and products of two leaves.
terms = 1_000_000 // 12
write("formula-1mb-sum", "x = 0.5\nw = 2\nL = " + " + ".join("x * w" if i % 2 else "w * x" for i in range(terms)) + "\n")
# A 1 MB line of nested functions (no recursion allowed anywhere).
depth = 1_000_000 // 7
write("formula-1mb-nested", "x = 0.5\nL = " + "tanh(" * depth + "x" + ")" * depth + "\n")
write("formula-1mb-parens", "x = 0.5\nL = " + "(" * 500_000 + "x" + ")" * 500_000 + "\n")
write("formula-1mb-neg", "x = 0.5\nL = " + "-" * 1_000_000 + "x\n")
# 63, 64 and 65 unnamed nodes between a leaf and the output.
for n in (31, 32, 33, 63, 64, 65):
    write(f"formula-size-{n}", "x = 0.5\nL = " + "sigmoid(" * n + "x" + ")" * n + "\n")
# A 100 000-statement chain, each edge a formula.
write("formula-chain-100k", "x = 0.5\n" + "".join(f"h{i} = h{i-1} * x + 0.001\n" if i else "h0 = x\n" for i in range(100_000)))
# Every op of the language in one formula, at edge values.
write("formula-every-op", """x = 0.5
y = -2
z = [1, -1e300, 0]
a = relu(x) + sigmoid(y) + tanh(x) + exp(x) + log(x + 3) + abs(y) + sqrt(x) + softplus(y) + leaky_relu(y)
b = max(x, y) + min(x, x) + x ^ 3 / y - -x
c = sum(log_softmax(z)) + mean(softmax(z)) + sum(leaky_relu(z))
L = a * b + c
""")
# Hostile labels reaching formulas: HTML/SVG/DOT/LaTeX/terminal metacharacters.
hostile = ['<script>alert(1)</script>', '&amp;&lt;"\'', '\\input{/etc/passwd}\\def\\x{', '}}}$$^^_%#~&',
           '\x1b]0;pwned\x07\x1b[2J', '\u202eevil\u202c', 'a\u2028b\u0085c', '\\end{align*}\\documentclass',
           '"; node [label="x', '-->\n', '\\\\\\', '${x}', '\x00nul', '𝔚⁽¹⁾' * 50]
def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', ' ') + '"'
for k, label in enumerate(hostile):
    write(f"formula-hostile-{k}", f"x = 0.5\nw = 2\nb = 1\nh = w * x + b\nL = (h - 3)^2\nlabel w {quote(label)}\nlabel h {quote(label)}\nlabel x {quote(label)}\n")
# A long name (10 000 characters) in a formula: label length is issue 30's, measured only.
name = "w" * 10_000
write("formula-long-name", f"x = 0.5\n{name} = 2\nL = ({name} * x + 1)^2\n")
PY

formats_render=(svg dot html)
for dir in "$CAMPAIGN_DIR"/formula-*/; do
    name=$(basename "$dir")
    [ -f "$dir/s.grad" ] || continue
    for labels in formula both; do
        for format in "${formats_render[@]}"; do
            case_run "$name-render-$labels-$format" 0,2 -- "$GRADVIZ" render "$dir/s.grad" --edge-labels "$labels" \
                --format "$format" -o "out.$format"
            out="$CAMPAIGN_DIR/$name-render-$labels-$format/out.$format"
            if [ -f "$out" ]; then
                size=$(stat -c %s "$out")
                [ "$size" -gt 20000000 ] && echo "FINDING $name $labels $format: $size bytes of output"
                if [ "$format" = svg ]; then
                    python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$out" ||
                        echo "FINDING $name $labels svg: not well-formed XML"
                fi
                if [ "$format" = dot ] && [ "$size" -lt 2000000 ]; then
                    timeout 60 dot -Tsvg "$out" >/dev/null 2>&1 || echo "FINDING $name $labels dot: dot refuses it"
                fi
                if grep -q '<script>alert' "$out"; then echo "FINDING $name $labels $format: raw <script>"; fi
            fi
        done
    done
    case_run "$name-render-wrt" 0,2 -- "$GRADVIZ" render "$dir/s.grad" --edge-labels both --wrt x -o out.svg
    case_run "$name-ops" 0,2 -- "$GRADVIZ" render "$dir/s.grad" --edge-labels formula --view ops -o out.svg
    for format in text markdown latex json; do
        case_run "$name-explain-$format" 0,2 -- "$GRADVIZ" explain "$dir/s.grad" --wrt x --format "$format"
        out="$CAMPAIGN_DIR/$name-explain-$format/.stdout"
        size=$(stat -c %s "$out")
        [ "$size" -gt 20000000 ] && echo "FINDING $name explain $format: $size bytes"
        if [ "$format" = json ] && [ "$size" -gt 0 ]; then
            python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" || echo "FINDING $name explain json: not JSON"
        fi
        if [ "$format" = text ] || [ "$format" = markdown ]; then
            if LC_ALL=C grep -qP '\x1b|\x07|\xe2\x80\xae' "$out"; then echo "FINDING $name explain $format: raw control"; fi
        fi
    done
    case_run "$name-explain-ops" 0,2 -- "$GRADVIZ" explain "$dir/s.grad" --wrt x --view ops --format latex
    case_run "$name-standalone" 0,2 -- "$GRADVIZ" explain "$dir/s.grad" --wrt x --format latex --standalone
    tex="$CAMPAIGN_DIR/$name-standalone/.stdout"
    if [[ $name == formula-hostile-* || $name == formula-every-op ]] && [ -s "$tex" ]; then
        cp "$tex" "$CAMPAIGN_DIR/$name-standalone/e.tex"
        (cd "$CAMPAIGN_DIR/$name-standalone" && timeout 60 pdflatex -no-shell-escape -interaction=nonstopmode -halt-on-error e.tex \
            >pdflatex.log 2>&1) || echo "FINDING $name: the standalone LaTeX does not compile (pdflatex.log)"
    fi
done
case_summary
