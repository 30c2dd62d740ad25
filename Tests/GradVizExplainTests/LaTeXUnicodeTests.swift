import Foundation
import GradVizEngine
import GradVizNotation
import GradVizScript
import Testing

@testable import GradVizExplain

/// Labels with `"`, emoji and other characters pdflatex has no command for: LaTeX writes what
/// pdflatex can show (a straight quote, accents, code points for the rest, never `?`), and
/// Markdown keeps them as written for MathJax and KaTeX.
@Suite struct LaTeXUnicodeTests {
    static let family = "👨‍👩‍👧"

    @Test func pdflatexMathWritesQuotesAndCodePoints() {
        #expect(LaTeXMath.label("\"q\"") == "\\text{{\\ttfamily\\char34}}q\\text{{\\ttfamily\\char34}}")
        #expect(LaTeXMath.label("x😀") == "x\\text{\\texttt{U+1F600}}")
        // A ZWJ sequence is one piece of text, not three.
        #expect(LaTeXMath.label(Self.family) == "\\text{\\texttt{U+1F468 U+200D U+1F469 U+200D U+1F467}}")
        #expect(LaTeXMath.label("学习") == "\\text{\\texttt{U+5B66 U+4E60}}")
        // Subscripts and accents keep their math forms next to an unknown character.
        #expect(LaTeXMath.label("ŷ₁🙂") == "\\hat{y}_{1}\\text{\\texttt{U+1F642}}")
        for label in ["\"q\"", "x😀", Self.family, "学习", "🇩🇪 ß `a`"] {
            let latex = LaTeXMath.label(label)
            #expect(latex.unicodeScalars.allSatisfy { $0.isASCII }, "\(latex)")
            #expect(!latex.contains("?"), "\(latex)")
        }
    }

    @Test func pdflatexTextUsesTextCommandsAndCodePoints() {
        #expect(LaTeXMath.text("say \"hi\"") == "say {\\ttfamily\\char34}hi{\\ttfamily\\char34}")
        #expect(LaTeXMath.text("café über Straße") == "caf\\'{e} \\\"{u}ber Stra\\ss{}e")
        #expect(LaTeXMath.text("naïve") == "na\\\"{\\i{}}ve")
        #expect(LaTeXMath.text("ok 😀") == "ok \\texttt{U+1F600}")
        #expect(LaTeXMath.text("“x” … σ₃") == "\\textquotedblleft{}x\\textquotedblright{} \\ldots{} $\\sigma$$_{3}$")
        #expect(!LaTeXMath.text("😀 \"\" 学").contains("?"))
    }

    @Test func markdownMathKeepsCharactersAsWritten() {
        #expect(LaTeXMath.label("\"q\" 😀", for: .web) == "\\text{\"}q\\text{\"}\\ \\text{😀}")
        #expect(LaTeXMath.label(Self.family, for: .web) == "\\text{\(Self.family)}")
        #expect(LaTeXMath.label("ŷ₁", for: .web) == "\\hat{y}_{1}")
    }

    @Test func markdownTextEscapesInlineMarkup() {
        #expect(
            Explanation.markdownText("*w* _x_ [a](b) <b> `c` $x$ a|b &amp;")
                == #"\*w\* \_x\_ \[a\](b) \<b\> \`c\` \$x\$ a\|b \&amp;"#)
        #expect(Explanation.markdownText("1.5e-4 (exact) 😀 ŷ") == "1.5e-4 (exact) 😀 ŷ")
    }

    /// A script whose labels hold a quote, emoji and accents, explained in every human format.
    static func explanation() throws -> Explanation {
        let source = """
            x = 2
            w = -1
            v = w * x + 2
            a = relu(v)
            L = a + x^2
            label x "\\"q\\" 😀"
            label w "w\(family)é"
            label L "ß🇩🇪"
            """
        let evaluation = try Script(source: source, file: "u.grad").evaluate()
        return Explanation(
            graph: evaluation.graph, wrt: try #require(evaluation.variable(named: "x")).id, of: evaluation.output.id)
    }

    @Test func markdownOfUnicodeLabelsHasNoQuestionMarks() throws {
        let markdown = try Self.explanation().render(.markdown)
        #expect(markdown.contains("\\text{\"}q\\text{\"}\\ \\text{😀}"), "\(markdown)")
        #expect(markdown.contains("\\text{ß🇩🇪}"), "\(markdown)")
        #expect(!markdown.contains("?"), "\(markdown)")
    }

    @Test(
        .enabled(if: ExplanationFormatTests.pdflatex != nil || ExplanationFormatTests.isCI, "pdflatex is not installed")
    )
    func latexOfUnicodeLabelsCompilesAndShowsThem() throws {
        try #require(
            ExplanationFormatTests.pdflatex != nil, "CI must compile the LaTeX: apt-get install texlive-latex-base")
        let explanation = try Self.explanation()
        let standalone = explanation.render(.latex, standalone: true)
        #expect(!standalone.contains("?"))
        #expect(standalone.contains("U+1F600"))
        let (pdf, failure) = try ExplanationFormatTests.compiled(standalone)
        let data = try #require(pdf, "\(failure?.suffix(1500) ?? "")")
        let fragment = explanation.render(.latex)
        let wrapped = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\(fragment)\\end{document}\n"
        let fragmentFailure = try ExplanationFormatTests.compile(wrapped)
        #expect(fragmentFailure == nil, "\(fragmentFailure?.suffix(1500) ?? "")")

        // Text mode too, with every command the text table uses, inside a paragraph.
        let sample = "say \"hi\" café über Straße naïve Æsop Øre œuvre Łódź “x” ‘y’ … ¡¿ § ¶ © † ‡ • 45° — – 😀 学 σ₃ x̂"
        let paragraph =
            "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
            + LaTeXMath.text(sample) + "\n\n$" + LaTeXMath.label(sample) + "$\n\\end{document}\n"
        let (textPDF, textFailure) = try ExplanationFormatTests.compiled(paragraph)
        let textData = try #require(textPDF, "\(textFailure?.suffix(1500) ?? "")")

        // What the PDF shows, read back where pdftotext is installed (CI has it).
        guard
            let tool = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return }
        func shown(_ pdf: Data) throws -> String {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "gradviz-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try pdf.write(to: folder.appendingPathComponent("d.pdf"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["d.pdf", "d.txt"]
            process.currentDirectoryURL = folder
            try process.run()
            process.waitUntilExit()
            return try String(contentsOf: folder.appendingPathComponent("d.txt"), encoding: .utf8)
        }
        let text = try shown(textData)
        for word in ["\"hi\"", "café", "über", "Straße", "U+1F600", "U+5B66"] {
            #expect(text.contains(word), "\(word) not in \(text)")
        }
        #expect(!text.contains("?"))
        let document = try shown(data)
        #expect(document.contains("U+1F600"), "\(document)")
        #expect(document.contains("\"q\""), "\(document)")
    }
}
