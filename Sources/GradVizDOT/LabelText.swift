import GradVizEngine
import GradVizNotation

/// A piece of label text in two forms: HTML-like label markup (already escaped, with
/// `<SUB>`/`<SUP>` for subscripts and superscripts) and the plain text it shows, whose length
/// estimates the width it takes.
package struct LabelText: Hashable {
    /// Escaped markup for an HTML-like label.
    package var html: String
    /// The visible text, unescaped.
    package var plain: String

    /// Plain text, escaped.
    package init(_ text: String) {
        html = DOTEscape.html(text)
        plain = text
    }

    package init(html: String, plain: String) {
        self.html = html
        self.plain = plain
    }

    package static func + (lhs: LabelText, rhs: LabelText) -> LabelText {
        LabelText(html: lhs.html + rhs.html, plain: lhs.plain + rhs.plain)
    }

    package static func += (lhs: inout LabelText, rhs: LabelText) { lhs = lhs + rhs }

    /// `self` set as a superscript (in plain text, Unicode superscripts where they exist: `²`).
    var superscript: LabelText {
        LabelText(html: "<SUP>" + html + "</SUP>", plain: UnicodeScripts.scripted(plain, .superscript) ?? plain)
    }

    /// `self` set as a subscript (in plain text, Unicode subscripts where they exist: `₁`).
    var `subscript`: LabelText {
        LabelText(html: "<SUB>" + html + "</SUB>", plain: UnicodeScripts.scripted(plain, .subscript) ?? plain)
    }

    /// `self` in bold.
    package var bold: LabelText { LabelText(html: "<B>" + html + "</B>", plain: plain) }

    /// `self` in another colour and/or size.
    package func font(color: String? = nil, size: String? = nil) -> LabelText {
        var attributes = ""
        if let color { attributes += " COLOR=\"" + DOTEscape.html(color) + "\"" }
        if let size { attributes += " POINT-SIZE=\"" + DOTEscape.html(size) + "\"" }
        // Graphviz rejects an empty <FONT></FONT>.
        guard !attributes.isEmpty, !html.isEmpty else { return self }
        return LabelText(html: "<FONT" + attributes + ">" + html + "</FONT>", plain: plain)
    }

    /// The pieces joined with `separator` between them.
    package static func joined(_ pieces: [LabelText], separator: LabelText) -> LabelText {
        var result = LabelText("")
        for (index, piece) in pieces.enumerated() {
            if index > 0 { result += separator }
            result += piece
        }
        return result
    }
}
