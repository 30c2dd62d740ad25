import GradVizDOT

/// Prepares Graphviz's SVG for inlining in a page: drops the XML prolog, doctype, comments and
/// the `<title>` elements (whose tape ids would show as tooltips), gives each node group
/// `data-name` (the page's script adds its tab stop and accessible name) and each edge group
/// `data-from`/`data-to`, and writes every element as ``SVGCompaction`` does.
///
/// Graphviz writes one element per line and the groups as `<g id="gvn12" class="node">`, with
/// the ids ``InteractiveFigure`` asked for, so a line-by-line pass finds them exactly; names are
/// escaped as attribute values.
enum SVGAnnotation {
    /// `svg` annotated, compacted with `defaults` (by default its own, ``SVGCompaction/defaults(of:)``).
    static func annotate(_ svg: String, figure: InteractiveFigure, defaults: SVGCompaction.Defaults? = nil) -> String {
        let compaction = SVGCompaction(defaults: defaults ?? SVGCompaction.defaults(of: svg))
        var nodes: [String: InteractiveFigure.NodeElement] = [:]
        for node in figure.nodes { nodes[node.id] = node }
        var edges: [String: InteractiveFigure.EdgeElement] = [:]
        for edge in figure.edges { edges[edge.id] = edge }
        var lines: [Substring] = []
        var started = false
        var inComment = false
        for line in svg.split(separator: "\n", omittingEmptySubsequences: false) {
            if !started {
                guard line.hasPrefix("<svg") else { continue }
                started = true
            }
            if inComment {
                if line.contains("-->") { inComment = false }
                continue
            }
            if line.hasPrefix("<!--") {
                if !line.contains("-->") { inComment = true }
                continue
            }
            if line.hasPrefix("<title>") && line.hasSuffix("</title>") { continue }
            if let (id, kind) = group(line) {
                if kind == "node", let node = nodes[id] {
                    let name = HTMLEscape.text(node.name)
                    lines.append(
                        Substring(
                            "<g id=\"\(id)\" class=\"node\" data-name=\"\(name)\">"))
                    continue
                }
                if kind == "edge", let edge = edges[id] {
                    lines.append(
                        Substring(
                            "<g id=\"\(id)\" class=\"edge\" data-from=\"\(HTMLEscape.text(edge.from))\" "
                                + "data-to=\"\(HTMLEscape.text(edge.to))\">"))
                    continue
                }
            }
            lines.append(compaction.line(line))
        }
        return lines.joined(separator: "\n")
    }

    /// The id and class of a `<g id="…" class="node|edge">` line.
    private static func group(_ line: Substring) -> (String, String)? {
        let prefix = "<g id=\""
        guard line.hasPrefix(prefix), line.hasSuffix("\">") else { return nil }
        let rest = line.dropFirst(prefix.count).dropLast(2)
        guard let quote = rest.firstIndex(of: "\"") else { return nil }
        let id = String(rest[..<quote])
        let tail = rest[quote...]
        guard tail.hasPrefix("\" class=\"") else { return nil }
        return (id, String(tail.dropFirst("\" class=\"".count)))
    }
}
