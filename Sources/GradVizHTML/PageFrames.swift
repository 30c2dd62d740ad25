import GradVizDOT
import GradVizExplain
import GradVizFrames
import GradVizRender

/// The frames of a slide build (`gradviz frames`: structure, forward, backward, and with `wrt`
/// each path and their sum) for a page: every frame shares one layout, so the page draws the last
/// backward frame (the complete figure) and keeps, for each other frame, only the node and edge
/// groups whose contents differ from it; stepping swaps those groups' contents in place. The path
/// and sum frames are the complete figure with the `wrt` node selected and paths lit by the
/// page's script, as a click lights them.
struct PageFrames {
    /// The last drawn frame's SVG, annotated: the page's drawing.
    let drawing: String
    /// `{"markup": [SVG markup], "frames": [{"step", "caption", "groups": {id: markup index},
    /// "lit"?}]}`, one frame per frame of the build, in order; `groups` names the groups whose
    /// contents differ from the drawing's; `lit`, in path and sum frames only, is the number
    /// (from 0) of the one path of the `wrt` node lit, or −1 for every listed path.
    let json: JSONValue
    /// Graphviz's warnings while rendering the frames.
    let warnings: [String]
    /// Whether a frame's layout effort was capped.
    let layoutCapped: Bool

    /// Renders every frame of `sequence` (drawn with `figure`'s options, so with its ids), then
    /// adds `pathFrames` (the `pathK` and `sum` frames of the `wrt` build), which light paths on
    /// the last frame's drawing.
    init(
        sequence: FrameSequence, pathFrames: [FrameSequence.Outline] = [], figure: InteractiveFigure,
        renderOptions: RenderOptions
    ) throws(RenderError) {
        var drawings: [String] = []
        var warnings: [String] = []
        var capped = false
        try sequence.renderAll(format: .svg, options: renderOptions) { (_, result) throws(RenderError) in
            for warning in result.warnings where !warnings.contains(warning) { warnings.append(warning) }
            capped = capped || result.layoutCapped
            drawings.append(String(decoding: result.data, as: UTF8.self))
        }
        // The groups of every frame are swapped into the last frame's <svg>: one set of defaults.
        let defaults = SVGCompaction.defaults(of: drawings.last ?? "")
        let annotated = drawings.map { SVGAnnotation.annotate($0, figure: figure, defaults: defaults) }
        let groups = annotated.map(Self.groups(of:))
        drawing = annotated.last ?? ""
        self.warnings = warnings
        layoutCapped = capped
        let base = groups.last ?? [:]
        // A group looks the same in many frames (a node before its value appears, after its
        // gradient has arrived): each different markup is written once and frames name it.
        var markup: [JSONValue] = []
        var known: [String: Int] = [:]
        let frames: [JSONValue] = zip(sequence.frames, groups).map { frame, contents in
            let changed = contents.keys.sorted().compactMap { id -> (String, JSONValue)? in
                let inner = contents[id] ?? ""
                guard inner != base[id] else { return nil }
                if let index = known[inner] { return (id, .integer(index)) }
                markup.append(.string(inner))
                known[inner] = markup.count - 1
                return (id, .integer(markup.count - 1))
            }
            return .object([
                ("step", .string(frame.step)), ("caption", .string(frame.caption)), ("groups", .object(changed)),
            ])
        }
        let lit: [JSONValue] = pathFrames.compactMap { frame in
            let number: Int
            switch frame.highlight {
            case .none: return nil
            case .path(let path): number = path
            case .every: number = -1
            }
            return .object([
                ("step", .string(frame.step)), ("caption", .string(frame.caption)), ("groups", .object([])),
                ("lit", .integer(number)),
            ])
        }
        json = .object([("markup", .array(markup)), ("frames", .array(frames + lit))])
    }

    /// The inner markup of each node and edge group (`<g id="gvn3" …>` … `</g>`), by id.
    static func groups(of svg: String) -> [String: String] {
        var result: [String: String] = [:]
        var current: String?
        var depth = 0
        var lines: [Substring] = []
        for line in svg.split(separator: "\n", omittingEmptySubsequences: false) {
            if let id = current {
                if line.hasPrefix("<g") { depth += 1 }
                if line.hasPrefix("</g>") {
                    if depth == 0 {
                        result[id] = lines.joined(separator: "\n")
                        current = nil
                        lines = []
                        continue
                    }
                    depth -= 1
                }
                lines.append(line)
            } else if line.hasPrefix("<g id=\"gv"), let end = line.dropFirst(7).firstIndex(of: "\"") {
                current = String(line[line.index(line.startIndex, offsetBy: 7)..<end])
                depth = 0
            }
        }
        return result
    }
}
