import GradVizNotation
import GradVizRender

/// A Beamer frame that shows a slide build's frames as overlays, one per slide, in place.
/// `\input` it inside a `beamer` document.
///
/// Slide k shows frame k in two parts: the graph with its caption (`NAME-0k-STEP-graph.pdf`),
/// as large as the text width and the height the legend leaves allow, and under it the `wrt`
/// legend (`NAME-0k-STEP-legend.pdf`) at three quarters of its size (10.5 pt text for the
/// default 14 pt), smaller only if it would be wider than the text or taller than a third of it.
/// Both parts have the same size in every frame, so nothing moves from slide to slide; without a
/// legend the graph takes the whole height.
struct BeamerOverlay {
    /// The frame title, as written (escaped here).
    let title: String
    /// The graph part of each frame, in order.
    let graphs: [String]
    /// The legend part of each frame, in order; empty without a legend.
    let legends: [String]

    /// The format Beamer includes: PDF if rendered, else PNG; `nil` when neither is.
    static func format(among formats: [RenderFormat]) -> RenderFormat? {
        formats.contains(.pdf) ? .pdf : formats.contains(.png) ? .png : nil
    }

    /// How much of the text height the frame's figures take (the rest is the frame title's).
    static let height = "0.85\\textheight"

    /// The TeX text, or `nil` when a file name would need escaping that `\includegraphics` does
    /// not take (anything but letters, digits, `-`, `_` and the one extension dot).
    var tex: String? {
        guard (graphs + legends).allSatisfy(Self.isSafe) else { return nil }
        var lines = [
            "% Slide build written by gradviz frames: \\input this file in a beamer document",
            "% (graphicx is loaded by beamer); slide k shows frame k: the graph and its caption as large as the",
            "% text width and the height the legend leaves, the legend under it. Every slide has the same geometry.",
            "\\ifdefined\\gradvizlegend\\else\\newsavebox\\gradvizlegend\\newlength\\gradvizgraphheight\\fi",
            "\\begin{frame}{" + Self.escaped(title) + "}",
            "  \\centering",
        ]
        if let legend = legends.last {
            // Every legend part has the same size: measure one, at 3/4 or fitted into the box.
            let box = "width=\\textwidth,height=0.33\\textheight,keepaspectratio"
            lines += [
                "  \\sbox\\gradvizlegend{\\includegraphics[scale=0.75]{" + legend + "}}%",
                "  \\ifdim\\wd\\gradvizlegend>\\textwidth \\sbox\\gradvizlegend{\\includegraphics[" + box + "]{"
                    + legend + "}}\\fi",
                "  \\ifdim\\ht\\gradvizlegend>0.33\\textheight \\sbox\\gradvizlegend{\\includegraphics[" + box + "]{"
                    + legend + "}}\\fi",
                "  \\setlength\\gradvizgraphheight{\\dimexpr" + Self.height + "-\\ht\\gradvizlegend-1ex\\relax}%",
            ]
        } else {
            lines.append("  \\setlength\\gradvizgraphheight{" + Self.height + "}%")
        }
        for (index, file) in graphs.enumerated() {
            lines.append(
                "  \\includegraphics<\(index + 1)>[width=\\textwidth,height=\\gradvizgraphheight,keepaspectratio]{"
                    + file + "}%")
        }
        if !legends.isEmpty {
            lines.append("  \\par\\vspace{1ex}%")
            for (index, file) in legends.enumerated() {
                lines.append(
                    "  \\includegraphics<\(index + 1)>[width=\\wd\\gradvizlegend,height=\\ht\\gradvizlegend]{"
                        + file + "}%")
            }
        }
        lines.append("\\end{frame}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isSafe(_ file: String) -> Bool {
        let parts = file.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty
            && parts[0].unicodeScalars.allSatisfy(isSafeScalar)
    }

    private static func isSafeScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "_"
    }

    /// Text for the frame title as pdflatex sets it (``GradVizNotation/LaTeXMath/text(_:)``:
    /// TeX's special characters escaped, other characters by their commands or code points), on
    /// one line: control characters, line breaks among them, become spaces.
    static func escaped(_ text: String) -> String {
        let line = String(
            text.map { character in
                character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : character
            })
        return LaTeXMath.text(line)
    }
}
