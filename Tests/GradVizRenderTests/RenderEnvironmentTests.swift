import Testing

@testable import GradVizRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rendering needs no `dot` executable and no `PATH`.
@Suite struct RenderEnvironmentTests {
    @Test func rendersEveryFormatWithAnEmptyPATH() throws {
        let saved = getenv("PATH").map { String(cString: $0) }
        setenv("PATH", "", 1)
        defer {
            if let saved { setenv("PATH", saved, 1) } else { unsetenv("PATH") }
        }
        // Start from a fresh context so plugin loading also happens without PATH.
        GraphvizSession.shared.discardContext()
        let dot = "digraph g { a [label=\"no path\"]; a -> b; }"
        let svg = try Renderer.render(dot: dot, format: .svg)
        #expect(try #require(SVGDocument(svg.data)).texts.contains("no path"))
        #expect(PNGHeader(try Renderer.render(dot: dot, format: .png).data) != nil)
        #expect(try Renderer.render(dot: dot, format: .pdf).data.starts(with: Array("%PDF".utf8)))
    }
}
