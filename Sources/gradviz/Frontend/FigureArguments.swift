import ArgumentParser
import GradVizDOT
import GradVizExplain
import GradVizRender
import GradVizScript

extension ViewKind: ExpressibleByArgument {}
extension Theme: ExpressibleByArgument {}
extension RankDirection: ExpressibleByArgument {}
extension EdgeLabelContent: ExpressibleByArgument {}
extension PathOrder: ExpressibleByArgument {}

/// The options that shape a figure, shared by every command that draws one.
struct FigureArguments: ParsableArguments {
    @Option(help: "vars: one node per named variable; ops: one node per primitive op.")
    var view: ViewKind = .vars

    @Option(
        help:
            "Colour every path from this variable (or tensor entry, W1[1,1]) to the output, with a legend of products.")
    var wrt: String?

    @Flag(help: "Draw tensors as their scalar entries (neurons), named W1[1,2], h[3].")
    var expand = false

    @Option(help: "Draw each module nested this deep as one node (0: the top-level modules only).")
    var collapse: Int?

    @Option(help: ArgumentHelp(PathOrder.help))
    var pathOrder: PathOrder = .default

    @Flag(help: "With --wrt: draw only the nodes of its listed paths, plus faint stubs for the inputs they read.")
    var prune = false

    @Option(help: "Layout direction: LR or TB.")
    var rankdir: RankDirection = .LR

    @Option(help: "light, dark, or print (grayscale, told apart without colour).")
    var theme: Theme = .light

    @Option(help: "Significant digits of the numbers shown.")
    var precision: Int = 4

    @Flag(help: "Forward values only, on exactly the full figure's layout (blanks where gradients go).")
    var forwardOnly = false

    @Flag(help: "Leave the local derivatives off the edges.")
    var noEdgeLabels = false

    @Option(
        help:
            "What edge labels and a --wrt legend show of each local derivative: value, formula (as the lecture derives it, 2(ŷ − y)) or both."
    )
    var edgeLabels: EdgeLabelContent = .value

    @Option(help: "Font family.")
    var font: String = "DejaVu Sans"

    @Option(help: "Font size in points.")
    var fontSize: Double = 14

    @Option(
        help: ArgumentHelp(
            "Draw for a slide: \(SlideFormat.presets.map(\.name).joined(separator: ", ")). Text keeps its point size; a graph too big for the slide at a readable size is drawn at that size, with a note.",
            valueName: "format"))
    var slide: String?

    @Option(help: "Maximum drawing size in inches, as Graphviz's size attribute: \"W,H\".")
    var size: String?

    @Option(help: "Resolution of PNG output in dots per inch.")
    var dpi: Double?

    @Flag(help: "Transparent background.")
    var transparent = false

    @Flag(
        help:
            "Mark each expect line on its node: ✓, or ✗ with the right value, with the verdict of gradviz check (its default tolerance)."
    )
    var markExpectations = false

    /// The library checks the values (``Figure/validate(_:)``); a bad one is a usage error here.
    func validate() throws {
        if markExpectations && expand {
            throw ValidationError(
                "--mark-expectations marks the script's variables, --expand draws their entries: use one of them")
        }
        if let slide, SlideFormat.named(slide) == nil {
            throw ValidationError(
                "unknown slide '\(slide)': use \(SlideFormat.presets.map(\.name).joined(separator: ", "))")
        }
        do {
            try Figure.validate(options)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// How the figures are rendered.
    var renderOptions: RenderOptions { RenderOptions(dpi: dpi, minimumScale: options.minimumScale) }

    /// ``options`` for a figure that will be laid out: checked against the renderer's size
    /// limit as soon as the figure knows what it draws, before any DOT is written.
    var laidOutOptions: FigureOptions {
        var options = options
        let renderOptions = renderOptions
        options.sizeCheck = {
            renderOptions.sizeProblem(
                nodes: $0.nodes, edges: $0.edges, clusters: $0.clusters, clusterDepth: $0.clusterDepth)
        }
        return options
    }

    /// `options` for a figure of `evaluation`: with its `expect` lines to mark when `mark`
    /// (`--mark-expectations`) is set.
    static func options(_ options: FigureOptions, for evaluation: Evaluation, marking mark: Bool) -> FigureOptions {
        var options = options
        if mark { options.expectations = evaluation.checkableExpectations }
        return options
    }

    /// The figure options these arguments describe.
    var options: FigureOptions {
        var options = FigureOptions()
        options.view = view
        options.wrt = wrt
        options.rankdir = rankdir
        options.theme = theme
        options.precision = precision
        options.showGradients = !forwardOnly
        options.showEdgeLabels = !noEdgeLabels
        options.edgeLabels = edgeLabels
        options.fontName = font
        options.fontSize = fontSize
        options.size = size
        options.slide = slide.flatMap(SlideFormat.named)
        options.dpi = dpi
        options.transparent = transparent
        options.prune = prune
        options.collapse = collapse
        options.pathOrder = pathOrder
        return options
    }
}
