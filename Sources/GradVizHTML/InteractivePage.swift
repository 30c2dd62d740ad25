import Foundation
import GradVizDOT
import GradVizExplain
import GradVizFrames
import GradVizRender

/// One self-contained HTML page for a figure (`render --format html`): the drawing as inline
/// SVG, its styles, its script and its data inline, and nothing fetched from anywhere (a
/// content security policy forbids every request), so it opens from disk in any current
/// browser.
///
/// Clicking a node (or `window.gradviz.select(name)`) lights every path from it to the output,
/// each in its own colour, and the side panel shows the legend a `--wrt` figure draws. Hovering
/// a path in the panel leaves only that path lit; hovering an edge or a node shows its numbers.
/// The drawing pans and zooms; Tab, Enter and Escape work the selection from the keyboard; the
/// colours follow the figure's theme and, for light and dark, the reader's setting.
///
/// The script's contract, for tests and other tools: every node's group has `data-name`, every
/// edge's `data-from` and `data-to`; `window.gradviz.select(name)` returns `{pathCount, shown,
/// pathSum, gradient}` (`pathCount` a string of digits, the others as `explain --format json`
/// writes them) and gives each lit edge the class `on-path`; `window.gradviz.clear()` clears;
/// `window.gradviz.step(k)` shows frame k (from 1, as `gradviz frames` numbers them) and returns
/// its caption; `#frame=k` in the address opens the page at frame k.
public struct InteractivePage {
    /// The page's bytes (UTF-8 HTML).
    public let html: String
    /// Graphviz's warnings while rendering the drawing.
    public let warnings: [String]
    /// Whether Graphviz's layout effort was capped for a large graph.
    public let layoutCapped: Bool

    /// Things a person should know about the page, such as frames left out.
    public let notes: [String]

    /// The most nodes a page steps through frames for: each frame is a layout, and a bigger
    /// graph's build is better made as files with `gradviz frames`.
    public static let maxFrameNodes = 100

    /// The most work a page spends on frames, counted as the build's drawn frames times the
    /// graph's nodes plus edges: every frame is planned and drawn (on one shared layout,
    /// `Renderer.renderFrames`), so this, not the node count alone, is what a page costs. A deep
    /// chain of 100 nodes has 201 frames (44 s when each frame was laid out on its own); this
    /// kept a page's frames within about a second or two then (bench/RESULTS.md), and is kept
    /// until measured again with the shared layout.
    public static let maxPageFrameWork = 6_000

    /// The former name of ``maxPageFrameWork`` (named apart from `FrameSequence.maxFrameWork`,
    /// the bound of a `frames` build).
    @available(*, deprecated, renamed: "maxPageFrameWork")
    public static var maxFrameWork: Int { maxPageFrameWork }

    /// Why the page leaves out the frames of `figure`'s slide build, or `nil` when it draws
    /// them: more than ``maxFrameNodes`` nodes, more than ``maxPageFrameWork``, or a build
    /// `FrameSequence` refuses. Decided from the build's plan, before any frame is drawn.
    public static func framesLeftOut(_ figure: InteractiveFigure) -> String? {
        let nodes = figure.nodes.count
        if nodes > maxFrameNodes {
            return "the page has no frames: the graph has \(nodes) nodes (more than \(maxFrameNodes)); "
                + "gradviz frames writes them as files"
        }
        let count: Int
        do {
            count = try FrameSequence.outline(
                graph: figure.graph, output: figure.output, options: figure.drawingOptions
            ).count
        } catch {
            return "the page has no frames: \(error)"
        }
        let size = nodes + figure.edges.count
        guard count * size <= maxPageFrameWork else {
            return "the page has no frames: the build is too long for a page (\(count) frames of \(nodes) nodes "
                + "and \(figure.edges.count) edges; frames × (nodes + edges) at most \(maxPageFrameWork)); "
                + "gradviz frames writes them as files"
        }
        return nil
    }

    /// Renders `figure` and assembles its page, titled `title`, with the frames of its slide
    /// build (`FrameSequence`: structure, forward, backward and, when the figure has `wrt`
    /// (``InteractiveFigure/lessonOptions``), each path and their sum) when `frames` is set and
    /// ``framesLeftOut(_:)`` finds no reason to leave them out (otherwise ``notes`` and the page's
    /// header say why). The page draws the last backward frame, the
    /// complete figure on the build's layout; the path and sum frames are that drawing with the
    /// `wrt` node selected and its path (or every path) lit, as a click lights them.
    ///
    /// - Throws: `RenderError` when Graphviz cannot render the drawing.
    public init(
        figure: InteractiveFigure, title: String, theme: Theme, frames: Bool = true,
        renderOptions: RenderOptions = RenderOptions()
    ) throws(RenderError) {
        var notes: [String] = []
        var sequence: FrameSequence?
        if frames {
            if let reason = InteractivePage.framesLeftOut(figure) {
                notes.append(reason)
            } else {
                do {
                    sequence = try FrameSequence(
                        graph: figure.graph, output: figure.output, options: figure.drawingOptions, captions: false)
                } catch {
                    notes.append("the page has no frames: \(error)")
                }
            }
        }
        var lessons: [FrameSequence.Outline] = []
        if sequence != nil, let options = figure.lessonOptions {
            do {
                lessons = try FrameSequence.outline(graph: figure.graph, output: figure.output, options: options)
                    .filter { $0.highlight != .none }
            } catch {
                notes.append("the page has no path frames: \(error)")
            }
        }
        let svg: String
        // Without frames, `note` says why, and the page shows it where a frame's caption goes.
        var framesJSON = JSONValue.object(
            [("markup", .array([])), ("frames", .array([]))] + (notes.first.map { [("note", .string($0))] } ?? []))
        if let sequence, !sequence.frames.isEmpty {
            let made = try PageFrames(
                sequence: sequence, pathFrames: lessons, figure: figure, renderOptions: renderOptions)
            svg = made.drawing
            framesJSON = made.json
            warnings = made.warnings
            layoutCapped = made.layoutCapped
        } else {
            let result = try Renderer.render(dot: figure.figure.dot, format: .svg, options: renderOptions)
            warnings = result.warnings
            layoutCapped = result.layoutCapped
            svg = SVGAnnotation.annotate(String(decoding: result.data, as: UTF8.self), figure: figure)
        }
        self.notes = notes
        var intro = "Click a node (or Tab to it and press Enter) to see every path from it to \(figure.outputLabel)"
        if let count = sequence.map({ $0.frames.count + lessons.count }), count > 0 {
            intro += "; ← and → step through the slide build's \(count) frames"
        }
        html = InteractivePage.assemble(
            svg: svg, data: figure.data.compactText, frames: framesJSON.compactText, title: title, theme: theme,
            subject: figure.subject, intro: intro + ".")
    }

    private static let script = String(decoding: PackageResources.page_js, as: UTF8.self)
    private static let style = String(decoding: PackageResources.page_css, as: UTF8.self)

    /// The page around the drawing, the data and the script; its header says what the page is
    /// (`title: subject`) and, until a frame is stepped to, `intro`.
    static func assemble(
        svg: String, data: String, frames: String, title: String, theme: Theme, subject: String, intro: String
    ) -> String {
        let alternate: Theme? =
            switch theme {
            case .light: .dark
            case .dark: .light
            case .print: nil
            }
        var css = ":root {" + InteractiveFigure.pageColors(theme).map { " \($0.0): \($0.1);" }.joined() + " }\n"
        if let alternate {
            css +=
                "html.alternate {"
                + InteractiveFigure.pageColors(alternate).map { " \($0.0): \($0.1);" }.joined() + " }\n"
            // The <svg> element itself too: its texts inherit its fill (SVGCompaction).
            for (from, to) in InteractiveFigure.colorMap(from: theme, to: alternate) {
                css +=
                    "html.alternate #figure svg[fill=\"\(from)\" i], html.alternate #figure svg [fill=\"\(from)\" i] "
                    + "{ fill: \(to); }\n"
                css += "html.alternate #figure svg [stroke=\"\(from)\" i] { stroke: \(to); }\n"
            }
        }
        let escapedTitle = HTMLEscape.text(title)
        let themeButton =
            alternate == nil
            ? ""
            : "<button type=\"button\" id=\"theme\" title=\"Switch light/dark (t)\" aria-label=\"Switch light or dark colours\">◐</button>"
        return """
            <!DOCTYPE html>
            <html lang="en" data-theme="\(theme.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(escapedTitle) · GradViz</title>
            <style>
            \(css)\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escapedTitle)<span class="subject">: \(HTMLEscape.text(subject))</span></h1>
            <nav aria-label="Frames and view">
            <button type="button" id="previous" title="Previous frame (←)" aria-label="Previous frame">←</button>
            <span id="frame-number" aria-live="polite"></span>
            <button type="button" id="next" title="Next frame (→)" aria-label="Next frame">→</button>
            <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
            <button type="button" id="zoom-out" title="Zoom out (−)" aria-label="Zoom out">−</button>
            <button type="button" id="fit" title="Fit the drawing (0)" aria-label="Fit the drawing">⤢</button>
            <button type="button" id="panel-toggle" title="Show or fold the side panel (p)" aria-controls="panel" aria-expanded="false" aria-label="Show or fold the side panel">☰</button>
            \(themeButton)
            </nav>
            <p id="caption" aria-live="polite">\(HTMLEscape.text(intro))</p>
            </header>
            <main>
            <div id="figure" aria-label="Computation graph: Tab to a node, Enter to show its paths, Escape to clear">
            \(svg)
            </div>
            <aside id="panel" aria-live="polite" aria-label="Chain rule">
            <p class="hint">Click a node (or Tab to it and press Enter) to see every path from it to the output.</p>
            </aside>
            </main>
            <div id="tooltip" role="tooltip" hidden></div>
            <script type="application/json" id="gradviz-data">\(HTMLEscape.scriptJSON(data))</script>
            <script type="application/json" id="gradviz-frames">\(HTMLEscape.scriptJSON(frames))</script>
            <script>
            \(script)</script>
            </body>
            </html>

            """
    }
}
