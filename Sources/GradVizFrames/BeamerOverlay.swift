import GradVizRender

/// A Beamer frame that shows a slide build's frames as overlays, one per slide, in place:
/// `\includegraphics<k>{NAME-0k-STEP.pdf}`. `\input` it inside a `beamer` document.
struct BeamerOverlay {
    /// The frame title (the script's name).
    let title: String
    /// The frame files, in order.
    let files: [String]

    /// The format Beamer includes: PDF if rendered, else PNG; `nil` when neither is.
    static func format(among formats: [RenderFormat]) -> RenderFormat? {
        formats.contains(.pdf) ? .pdf : formats.contains(.png) ? .png : nil
    }

    /// The TeX text, or `nil` when a file name would need escaping that `\includegraphics` does
    /// not take (anything but letters, digits, `-`, `_` and the one extension dot).
    var tex: String? {
        guard files.allSatisfy(Self.isSafe) else { return nil }
        var lines = [
            "% Slide build written by gradviz frames: \\input this file in a beamer document",
            "% (graphicx is loaded by beamer); each \\includegraphics<k> shows frame k on slide k.",
            "\\begin{frame}{" + Self.escaped(title) + "}",
            "  \\centering",
        ]
        for (index, file) in files.enumerated() {
            lines.append(
                "  \\includegraphics<\(index + 1)>[width=\\textwidth,height=0.85\\textheight,keepaspectratio]{"
                    + file + "}%")
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

    /// Text for a LaTeX argument: the ten special characters escaped, control characters dropped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "{", "}", "#", "$", "%", "&", "_": result += "\\" + String(character)
            case "~": result += "\\textasciitilde{}"
            case "^": result += "\\textasciicircum{}"
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                    result.append(character)
                }
            }
        }
        return result
    }
}
