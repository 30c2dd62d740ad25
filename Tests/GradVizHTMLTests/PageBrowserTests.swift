import Foundation
import GradVizDOT
import GradVizEngine
import GradVizExplain
import GradVizFrames
import GradVizHTML
import GradVizNotation
import GradVizScript
import Testing

/// The interactive page in a real headless chromium: each sample's page, opened from a file URL,
/// lights exactly the paths `explain` lists for a clicked leaf, shows `explain`'s numbers, steps
/// through its frames, draws something, and makes no request.
@Suite(.serialized) struct PageBrowserTests {
    /// The repository's `samples/` directory.
    static let samplesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    static let samples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".grad") }.sorted().map { samplesDirectory.appendingPathComponent($0).path }
    }()

    /// Where screenshots go when `GRADVIZ_SCREENSHOTS` names a directory (to look at them).
    static func keep(_ png: Data, _ name: String) {
        guard let directory = ProcessInfo.processInfo.environment["GRADVIZ_SCREENSHOTS"] else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? png.write(to: URL(fileURLWithPath: directory).appendingPathComponent(name + ".png"))
    }

    /// Counts the content security policy's violations in `window.gradvizViolations`.
    static let violationCounter = """
        window.gradvizViolations = 0;
        document.addEventListener('securitypolicyviolation', () => { window.gradvizViolations += 1; });
        """

    /// `#1f2328` as CSS computes it, `rgb(31, 35, 40)`.
    static func rgb(_ hex: String?) -> String? {
        guard let hex, hex.hasPrefix("#"), hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else {
            return nil
        }
        return "rgb(\(value >> 16), \((value >> 8) & 255), \(value & 255))"
    }

    @Test func theSamplesAreFound() {
        #expect(Self.samples.count >= 4)
    }

    @Test func everySamplesPageLightsTheExplainedPathsOfEachLeaf() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        try await Browser.with { browser in
            // A request the page's content security policy blocks leaves no resource entry: count
            // the policy's violations too, from before the page's own script runs.
            try await browser.devTools(
                "Page.addScriptToEvaluateOnNewDocument",
                ["source": Self.violationCounter])
            try await browser.open(URL(string: "about:blank")!)
            let blank = try await browser.screenshot()
            for path in Self.samples {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                let evaluation = try Script.load(path: path).evaluate()
                let graph = evaluation.graph
                let output = evaluation.output.id
                let url = try PageFile.write(
                    graph: graph, output: output, options: FigureOptions(), to: pages, name: name)
                try await browser.open(url)
                let drawn = try #require(
                    try await browser.run("return document.querySelectorAll('g.node[data-name]').length") as? Int)
                let view = FlowView(graph: graph, output: output, kind: .vars)
                #expect(drawn == view.nodes.count, "\(name)")
                let leaves = evaluation.variables.filter(\.isLeaf)
                #expect(!leaves.isEmpty)
                for (number, leaf) in leaves.enumerated() {
                    // The first leaf by a real click on its drawing, the others through the API.
                    let reply: [String: Any]
                    if number == 0 {
                        let element = try await browser.element("g.node[data-name='\(leaf.name)']")
                        try await browser.click(element)
                        let clicked = try await browser.run(
                            "return window.gradviz.select(document.querySelector('g.node.selected').dataset.name)")
                        reply = try #require(clicked as? [String: Any], "\(name): click selected nothing")
                    } else {
                        let selected = try await browser.run("return window.gradviz.select(arguments[0])", [leaf.name])
                        reply = try #require(selected as? [String: Any])
                    }
                    let context = "\(name), \(leaf.name)"
                    if leaf.isData {
                        // Data (`constant`): no gradient and no paths, the panel says why.
                        #expect(reply["pathCount"] as? String == "0", "\(context)")
                        #expect(reply["shown"] as? Int == 0 && reply["gradient"] is NSNull, "\(context)")
                        let lit =
                            try await browser.run("return document.querySelectorAll('g.edge.on-path').length") as? Int
                        #expect(lit == 0, "\(context)")
                        let panel = try #require(
                            try await browser.run("return document.getElementById('panel').innerText") as? String)
                        #expect(panel.contains("data, no gradient"), "\(context): \(panel)")
                        continue
                    }
                    let explanation = Explanation(view: view, wrt: leaf.id, maxPaths: InteractiveFigure.defaultMaxPaths)
                    let expected = try #require(
                        JSONSerialization.jsonObject(with: Data(explanation.json.text.utf8)) as? [String: Any])
                    #expect(reply["pathCount"] as? String == String(explanation.pathCount), "\(context)")
                    #expect(reply["shown"] as? Int == explanation.paths.count, "\(context)")
                    #expect(Numbers.flat(reply["gradient"]) == Numbers.flat(expected["gradient"]), "\(context)")
                    #expect(Numbers.flat(reply["pathSum"]) == Numbers.flat(expected["pathSum"]), "\(context)")
                    let lit = try #require(
                        try await browser.run(
                            "return [...document.querySelectorAll('g.edge.on-path')].map(e => e.dataset.from + '>' + e.dataset.to)"
                        )
                            as? [String])
                    var onPaths = Set<String>()
                    for path in explanation.paths {
                        for edge in path.edges {
                            onPaths.insert(view.name(of: edge.from) + ">" + view.name(of: edge.to))
                        }
                    }
                    #expect(Set(lit) == onPaths, "\(context)")
                    // The panel's text: the count and the gradient as the figure writes them.
                    let panel = try #require(
                        try await browser.run("return document.getElementById('panel').innerText") as? String)
                    let numbers = NumberFormat(significantDigits: FigureOptions().precision)
                    let count = explanation.pathCount == 1 ? "1 path" : "\(explanation.pathCount) paths"
                    #expect(panel.contains(count), "\(context): \(panel)")
                    if explanation.gradient.shape.isScalar {
                        #expect(panel.contains(numbers.string(explanation.gradient.scalar)), "\(context): \(panel)")
                    }
                    #expect(panel.contains("✓") || explanation.pathCount == 0, "\(context): \(panel)")
                    let rows =
                        try await browser.run("return document.querySelectorAll('#panel tr.path').length") as? Int
                    #expect(rows == explanation.paths.count, "\(context)")
                }
                try await Self.stepsThroughEveryFrame(browser, graph: graph, output: output, url: url, name: name)
                let shot = try await browser.screenshot()
                Self.keep(shot, name)
                // A drawing compresses far worse than an empty page of the same size.
                #expect(shot.count > 4 * blank.count, "\(name): screenshot \(shot.count) bytes, blank \(blank.count)")
                let requests = try await browser.run("return performance.getEntriesByType('resource').length") as? Int
                #expect(requests == 0, "\(name) made requests")
                #expect(try await browser.run("return window.gradvizViolations") as? Int == 0, "\(name) tried requests")
                try await browser.run("window.gradviz.clear()")
                let cleared = try await browser.run("return document.querySelectorAll('.on-path').length") as? Int
                #expect(cleared == 0)
            }
        }
    }

    /// `step(k)` shows frame k of the slide build (`FrameSequence`) with its caption, on one
    /// layout: the structure frame shows no values, the last the whole figure; `#frame=k` opens
    /// the page at frame k.
    static func stepsThroughEveryFrame(_ browser: Browser, graph: Graph, output: NodeID, url: URL, name: String)
        async throws
    {
        let prepared = try InteractiveFigure(graph: graph, output: output, options: FigureOptions())
        let sequence = try FrameSequence(
            graph: graph, output: output, options: prepared.drawingOptions, captions: false)
        let count = try await browser.run("return window.gradviz.frameCount()") as? Int
        #expect(count == sequence.frames.count, "\(name)")
        #expect(sequence.frames.count >= 3, "\(name)")
        let viewBox = "return document.querySelector('#figure svg').getAttribute('viewBox')"
        let box = try await browser.run(viewBox) as? String
        let outputName = FlowView(graph: graph, output: output, kind: .vars).name(of: output)
        let outputText = "return document.querySelector(\"g.node[data-name='\(outputName)']\").textContent"
        let value = NumberFormat(significantDigits: 4).string(graph.value(of: output))
        for frame in sequence.frames {
            let caption = try await browser.run("return window.gradviz.step(arguments[0])", [frame.index]) as? String
            #expect(caption == frame.caption, "\(name) frame \(frame.index)")
            #expect(try await browser.run(viewBox) as? String == box, "\(name) frame \(frame.index) moved")
            let text = try #require(try await browser.run(outputText) as? String)
            if frame.step == "structure" { #expect(!text.contains(value), "\(name): \(text)") }
            if frame.index == sequence.frames.count { #expect(text.contains(value), "\(name): \(text)") }
        }
        var start = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        start.fragment = "frame=2"
        try await browser.open(URL(string: "about:blank")!)
        try await browser.open(try #require(start.url))
        #expect(try await browser.run("return document.documentElement.dataset.frame") as? String == "2")
        #expect(
            try await browser.run("return document.getElementById('caption').textContent") as? String
                == sequence.frames[1].caption)
        try await browser.open(url)
    }

    /// A page made with `--wrt w1` steps through the frames `gradviz frames --wrt w1` makes:
    /// after structure, forward and backward, path k lights path k of w1 alone, and the sum frame
    /// every path with the check; stepping back to a backward frame clears; `#frame=k` opens at a
    /// path frame with that path alone lit.
    @Test func aWrtPageStepsThroughEachPathAndTheSum() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let evaluation = try Script.load(path: Self.samplesDirectory.appendingPathComponent("weight_sharing.grad").path)
            .evaluate()
        let graph = evaluation.graph
        let output = evaluation.output.id
        let options = FigureOptions(wrt: "w1")
        let url = try PageFile.write(graph: graph, output: output, options: options, to: pages, name: "wrt")
        // What `gradviz frames --wrt w1` writes, and w1's paths as `explain` lists them.
        let sequence = try FrameSequence(graph: graph, output: output, options: options, captions: false)
        let view = FlowView(graph: graph, output: output, kind: .vars)
        let w1 = try #require(graph.node(named: "w1"))
        let paths = Explanation(view: view, wrt: w1, maxPaths: options.maxPaths).paths.map { path in
            Set(path.edges.map { view.name(of: $0.from) + ">" + view.name(of: $0.to) })
        }
        #expect(paths.count == 2)
        #expect(sequence.frames.suffix(3).map(\.step) == ["path1", "path2", "sum"])
        let litEdges =
            "return [...document.querySelectorAll('g.edge.on-path')].map(e => e.dataset.from + '>' + e.dataset.to)"
        let dimmedRows =
            "return [...document.querySelectorAll('#panel tr.path')].map(r => r.classList.contains('dimmed'))"
        try await Browser.with { browser in
            try await browser.open(url)
            #expect(try await browser.run("return window.gradviz.frameCount()") as? Int == sequence.frames.count)
            // It opens at the last frame, the sum: w1 selected, every path lit.
            #expect(
                try await browser.run("return document.documentElement.dataset.frame") as? String
                    == String(sequence.frames.count))
            for frame in sequence.frames {
                let caption =
                    try await browser.run("return window.gradviz.step(arguments[0])", [frame.index]) as? String
                #expect(caption == frame.caption, "frame \(frame.index)")
                let lit = Set(try #require(try await browser.run(litEdges) as? [String]))
                let context = "frame \(frame.index) \(frame.step): \(lit)"
                switch frame.step {
                case "path1", "path2":
                    let number = frame.step == "path1" ? 0 : 1
                    #expect(lit == paths[number], "\(context)")
                    #expect(try await browser.run(dimmedRows) as? [Bool] == [number != 0, number != 1], "\(context)")
                case "sum":
                    #expect(lit == paths[0].union(paths[1]), "\(context)")
                    let panel = try await browser.run("return document.getElementById('panel').innerText") as? String
                    #expect(panel?.contains("✓") == true, "\(panel ?? "")")
                    #expect(try await browser.run(dimmedRows) as? [Bool] == [false, false])
                default:
                    #expect(lit.isEmpty, "\(context)")
                }
            }
            // Back from a path frame to the last backward frame: nothing selected.
            let backward = try #require(sequence.frames.last { $0.step == "backward" })
            _ = try await browser.run("return window.gradviz.step(arguments[0])", [backward.index])
            #expect(try await browser.run(litEdges) as? [String] == [])
            #expect(try await browser.run("return document.querySelectorAll('g.node.selected').length") as? Int == 0)
            let path2 = try #require(sequence.frames.first { $0.step == "path2" })
            var start = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
            start.fragment = "frame=\(path2.index)"
            try await browser.open(URL(string: "about:blank")!)
            try await browser.open(try #require(start.url))
            #expect(Set(try #require(try await browser.run(litEdges) as? [String])) == paths[1])
            #expect(
                try await browser.run("return document.getElementById('caption').textContent") as? String
                    == path2.caption)
        }
    }

    /// 3⁴ paths in the ops view: every node's `data-name` is the stable name `explain` prints,
    /// `select` returns the count as a string of digits, and the panel says the list is cut.
    @Test func anOpsPageNamesItsNodesAndSaysWhenTheListIsCut() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let graph = Graph()
        let x = graph.leaf(0.5, name: "x")
        var a = x
        for _ in 0..<4 { a = try (a.tanh() + a.sigmoid()) + a.tanh() }
        let loss = a.named("L")
        loss.backward()
        var options = FigureOptions()
        options.view = .ops
        let url = try PageFile.write(
            graph: graph, output: loss.id, options: options, to: pages, name: "many", frames: false)
        let view = FlowView(graph: graph, output: loss.id, kind: .ops)
        let explanation = Explanation(view: view, wrt: x.id, maxPaths: InteractiveFigure.defaultMaxPaths)
        let count = String(explanation.pathCount)
        #expect(count == "81")
        try await Browser.with { browser in
            try await browser.open(url)
            let names =
                try await browser.run("return [...document.querySelectorAll('g.node')].map(n => n.dataset.name)")
                as? [String]
            #expect(Set(names ?? []) == Set(view.nodes.map(view.name(of:))))
            #expect(names?.count == view.nodes.count)
            let reply = try #require(try await browser.run("return window.gradviz.select('x')") as? [String: Any])
            #expect(reply["pathCount"] as? String == count)
            #expect(reply["shown"] as? Int == InteractiveFigure.defaultMaxPaths)
            let heading = try await browser.run("return document.querySelector('#panel h2').innerText") as? String
            #expect(heading?.contains("\(count) paths") == true, "\(heading ?? "")")
            #expect(
                heading?.contains("the \(InteractiveFigure.defaultMaxPaths) largest shown") == true, "\(heading ?? "")")
            #expect(
                try await browser.run("return document.querySelectorAll('#panel tr.path').length") as? Int
                    == InteractiveFigure.defaultMaxPaths)
        }
    }

    @Test func keyboardSelectsWithEnterAndClearsWithEscapeAndHoverShowsNumbers() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let evaluation = try Script.load(path: Self.samplesDirectory.appendingPathComponent("weight_sharing.grad").path)
            .evaluate()
        let url = try PageFile.write(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(), to: pages, name: "keys")
        try await Browser.with { browser in
            try await browser.open(url)
            // A label piece's leading space (" = 0.1498" after "∂o/∂a₁") is drawn, not collapsed:
            // Graphviz placed the piece by its x with the space.
            let spaced =
                try await browser.run(
                    """
                    return [...document.querySelectorAll('#figure text')].filter(t => t.textContent.startsWith(' '))
                      .map(t => t.getNumberOfChars() === t.textContent.length)
                    """) as? [Bool]
            #expect(spaced?.isEmpty == false)
            #expect(spaced?.allSatisfy { $0 } == true, "\(spaced ?? [])")
            // Tab from the last control of the header reaches the drawing's first node, then the
            // next; Enter selects the focused one. Each node is a named button for a screen reader.
            let names = try #require(
                try await browser.run("return [...document.querySelectorAll('g.node')].map(n => n.dataset.name)")
                    as? [String])
            #expect(names.count >= 2)
            let focused = "return document.activeElement.dataset.name || document.activeElement.id"
            try await browser.run("document.querySelector('header nav button:last-of-type').focus()")
            try await browser.press(["\u{E004}"])
            #expect(try await browser.run(focused) as? String == names[0])
            try await browser.press(["\u{E004}"])
            #expect(try await browser.run(focused) as? String == names[1])
            try await browser.press(["\u{E007}"])
            #expect(
                try await browser.run("return document.querySelector('g.node.selected').dataset.name") as? String
                    == names[1])
            let roles =
                try await browser.run(
                    "return [...document.querySelectorAll('g.node')].map(n => n.getAttribute('role') + ' ' + n.getAttribute('aria-label'))"
                )
                as? [String]
            #expect(roles == names.map { "button " + $0 })
            let w1 = try await browser.element("g.node[data-name='w1']")
            try await browser.type("\u{E007}", into: w1)
            let lit = try await browser.run("return document.querySelectorAll('g.edge.on-path').length") as? Int
            #expect(lit == 5)
            // The panel is text a screen reader reads as it changes, not pictures of text.
            #expect(
                try await browser.run("return document.getElementById('panel').getAttribute('aria-live')") as? String
                    == "polite")
            #expect(
                try await browser.run(
                    "return document.querySelectorAll('#panel img, #panel svg, #panel canvas').length")
                    as? Int == 0)
            try await browser.press(["\u{E00C}"])
            let cleared = try await browser.run("return document.querySelectorAll('g.edge.on-path').length") as? Int
            #expect(cleared == 0)
            // ← and → step through the frames; the page opens at the last, the whole figure.
            let frames = try #require(try await browser.run("return window.gradviz.frameCount()") as? Int)
            let current = "return document.documentElement.dataset.frame"
            #expect(try await browser.run(current) as? String == String(frames))
            try await browser.press(["\u{E012}"])
            try await browser.press(["\u{E012}"])
            #expect(try await browser.run(current) as? String == String(frames - 2))
            try await browser.press(["\u{E014}"])
            #expect(try await browser.run(current) as? String == String(frames - 1))
            // Hovering a node shows its value and gradient; hovering an edge its local derivative.
            let a1 = try await browser.element("g.node[data-name='a1']")
            try await browser.hover(a1)
            let nodeTip = try await browser.run("return document.getElementById('tooltip').innerText") as? String
            let graph = evaluation.graph
            let a1ID = try #require(graph.node(named: "a1"))
            let numbers = NumberFormat(significantDigits: 4)
            #expect(nodeTip?.contains(numbers.string(graph.value(of: a1ID).scalar)) == true, "\(nodeTip ?? "")")
            let gradient = try #require(graph.gradient(of: a1ID))
            #expect(nodeTip?.contains(numbers.string(gradient.scalar)) == true, "\(nodeTip ?? "")")
            // Hovering a path in the panel leaves only that path lit (at the last frame, where the
            // numbers have been revealed).
            try await browser.run("window.gradviz.step(arguments[0])", [frames])
            try await browser.run("window.gradviz.select('w1')")
            let row = try await browser.element("#panel tr.path")
            try await browser.hover(row)
            let alone =
                try await browser.run(
                    "return [...document.querySelectorAll('g.edge.on-path')].map(e => e.dataset.from + '>' + e.dataset.to)"
                )
                as? [String]
            let view = FlowView(graph: graph, output: evaluation.output.id, kind: .vars)
            let w1ID = try #require(graph.node(named: "w1"))
            let first = try #require(Explanation(view: view, wrt: w1ID).paths.first)
            #expect(Set(alone ?? []) == Set(first.edges.map { view.name(of: $0.from) + ">" + view.name(of: $0.to) }))
            // Its local derivatives as the lecture writes them, from the output inward: the symbols,
            // their formulas, then the numbers on a line of their own, written by the library's
            // ProductText as in the legend (the page gets the finished text).
            var symbols: [String] = []
            var values: [String] = []
            for (edge, factor) in zip(first.edges, first.factors).reversed() {
                let to = view.name(of: edge.to) == "l" ? DisplayLabel.loneEll : view.name(of: edge.to)
                symbols.append("∂\(to)/∂\(view.name(of: edge.from))")
                values.append(
                    ProductText.factor(
                        numbers.string(factor.scalar), negative: factor.scalar < 0, first: values.isEmpty))
            }
            let factors =
                try await browser.run("return document.querySelector('#panel tr.path .factors').innerText") as? String
            #expect(factors?.hasPrefix(ProductText.joined(symbols) + " = ") == true, "\(factors ?? "")")
            #expect(factors?.hasSuffix("\n= " + ProductText.joined(values)) == true, "\(factors ?? "")")
            #expect(factors?.contains("σ′(a1 + a2)") == true, "\(factors ?? "")")
            // Hovering an edge: its local derivative as its formula and its number, and the
            // expression it came from.
            try await browser.run(
                "document.querySelector('g.edge[data-from=w1][data-to=a1]').dispatchEvent(new MouseEvent('mouseenter'))"
            )
            let edgeTip = try await browser.run("return document.getElementById('tooltip').innerText") as? String
            let w1a1 = try #require(view.edges.first { view.name(of: $0.from) == "w1" && view.name(of: $0.to) == "a1" })
            let local = numbers.string(try #require(w1a1.scalarFactor))
            // Its formula, then its number.
            #expect(edgeTip?.contains("∂a1/∂w1 = σ′(w1·x1)·x1 = " + local) == true, "\(edgeTip ?? "")")
            #expect(edgeTip?.contains("from a1 = σ(w1·x1)") == true, "\(edgeTip ?? "")")
        }
    }

    /// At 1280 × 720 the drawing spans the window when the page opens (the panel takes no width
    /// until a node is selected, and folds with `p`); the header says what the page is, not the
    /// last frame's caption; at the structure frame a selected node's panel lists its paths
    /// without numbers (no local derivative's number, no product, no sum), and they appear once
    /// the backward pass has revealed them.
    @Test func thePageSpansTheWindowAndItsPanelShowsOnlyWhatTheFrameRevealed() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        func page(_ sample: String) throws -> (URL, FrameSequence) {
            let evaluation = try Script.load(path: Self.samplesDirectory.appendingPathComponent(sample + ".grad").path)
                .evaluate()
            let (graph, output) = (evaluation.graph, evaluation.output.id)
            let url = try PageFile.write(
                graph: graph, output: output, options: FigureOptions(), to: pages, name: sample)
            let prepared = try InteractiveFigure(graph: graph, output: output, options: FigureOptions())
            let sequence = try FrameSequence(
                graph: graph, output: output, options: prepared.drawingOptions, captions: false)
            return (url, sequence)
        }
        let drawingWidth = "return document.querySelector('#figure svg > g').getBoundingClientRect().width"
        let panelWidth = "return document.getElementById('panel').getBoundingClientRect().width"
        let panelText = "return document.getElementById('panel').innerText"
        try await Browser.with(width: 1280, height: 720) { browser in
            let (connected, connectedFrames) = try page("fully_connected")
            try await browser.open(connected)
            let width = try #require(try await browser.run(drawingWidth) as? Double)
            // As wide as the window less the margins its height leaves (1 116 px; 801 before).
            #expect(width >= 1100, "the drawing is \(width) of 1280 px wide")
            #expect(try await browser.run(panelWidth) as? Double == 0)
            let heading = try await browser.run("return document.querySelector('header h1').innerText") as? String
            #expect(
                heading == "fully_connected: the gradient of ℓ, node by node, by the chain rule", "\(heading ?? "")")
            let caption = try await browser.run("return document.getElementById('caption').textContent") as? String
            #expect(caption?.hasPrefix("Click a node") == true, "\(caption ?? "")")
            #expect(caption != connectedFrames.frames.last?.caption)
            Self.keep(try await browser.screenshot(), "fully_connected-1280x720")
            // Selecting opens the panel beside the drawing; `p` folds it and the drawing is whole again.
            _ = try await browser.run("return window.gradviz.select('w_11_1')")
            let opened = try #require(try await browser.run(panelWidth) as? Double)
            #expect(opened > 200)
            let figureWidth = "return document.getElementById('figure').getBoundingClientRect().width"
            #expect(try #require(try await browser.run(figureWidth) as? Double) <= 1280 - opened + 1)
            try await browser.press(["p"])
            #expect(try await browser.run(panelWidth) as? Double == 0)
            #expect(try #require(try await browser.run(drawingWidth) as? Double) >= 1100)
            try await browser.press(["p"])
            #expect(try #require(try await browser.run(panelWidth) as? Double) > 200)

            let (sharing, sharingFrames) = try page("weight_sharing")
            try await browser.open(sharing)
            #expect(sharingFrames.frames.first?.step == "structure")
            _ = try await browser.run("return window.gradviz.step(1)")
            _ = try await browser.run("return window.gradviz.select('w1')")
            let structure = try #require(try await browser.run(panelText) as? String)
            Self.keep(try await browser.screenshot(), "weight_sharing-structure-selected")
            // The paths and their symbols and formulas, no number (the sample's: −0.0462,
            // −0.02163, their sum −0.06782, the factors −0.367 and 0.1498).
            #expect(structure.contains("w1 → a2 → o → ℓ") && structure.contains("w1 → a1 → o → ℓ"), "\(structure)")
            #expect(structure.contains("∂ℓ/∂o · ∂o/∂a2 · ∂a2/∂w1 = 2(o − y)"), "\(structure)")
            for number in ["0.0462", "0.02163", "0.06782", "0.367", "0.1498", "✓", "Σ"] {
                #expect(!structure.contains(number), "\(number) in \(structure)")
            }
            // Stepping on reveals them with the frame that shows them: the last backward frame.
            let last = try #require(sharingFrames.frames.last { $0.step == "backward" })
            _ = try await browser.run("return window.gradviz.step(arguments[0])", [last.index - 1])
            let early = try #require(try await browser.run(panelText) as? String)
            #expect(!early.contains("0.06782"), "\(early)")
            _ = try await browser.run("return window.gradviz.step(arguments[0])", [last.index])
            let complete = try #require(try await browser.run(panelText) as? String)
            #expect(
                complete.contains("−0.0462") && complete.contains("−0.06782") && complete.contains("✓"), "\(complete)")
        }
    }

    @Test func zoomAndFitRewriteTheViewBoxAndTheReadersDarkSettingSwitchesALightPage() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let evaluation = try Script.load(path: Self.samplesDirectory.appendingPathComponent("regression.grad").path)
            .evaluate()
        let url = try PageFile.write(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(), to: pages, name: "view")
        try await Browser.with { browser in
            try await browser.open(url)
            let width = "return document.querySelector('#figure svg').viewBox.baseVal.width"
            let before = try #require(try await browser.run(width) as? Double)
            try await browser.press(["+"])
            let zoomed = try #require(try await browser.run(width) as? Double)
            #expect(abs(zoomed - before / 1.25) < 1e-6 * before)
            try await browser.press(["0"])
            #expect(try await browser.run(width) as? Double == before)
            let background = "return getComputedStyle(document.body).backgroundColor"
            #expect(try await browser.run(background) as? String == "rgb(255, 255, 255)")
            try await browser.devTools(
                "Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": "dark"]]])
            try await browser.open(url)
            #expect(try await browser.run(background) as? String == "rgb(30, 34, 40)")
            // The drawing follows: texts that inherit the <svg>'s colour get the dark text colour,
            // and a lit path the dark palette's first path colour.
            let dark = Dictionary(uniqueKeysWithValues: InteractiveFigure.pageColors(.dark))
            let inherited = try await browser.run(
                "return getComputedStyle([...document.querySelectorAll('#figure text')].find(t => !t.hasAttribute('fill'))).fill"
            )
            #expect(inherited as? String == Self.rgb(dark["--text"]))
            _ = try await browser.run("return window.gradviz.select('w1')")
            let lit =
                try await browser.run(
                    "return [...document.querySelectorAll('g.edge.on-path path')].map(p => getComputedStyle(p).stroke)")
                as? [String]
            #expect(lit?.isEmpty == false)
            #expect(lit?.contains(Self.rgb(dark["--path0"]) ?? "") == true, "\(lit ?? [])")
            let shot = try await browser.screenshot()
            Self.keep(shot, "regression-dark")
            // A print page keeps its black on white whatever the reader prefers.
            let print = try PageFile.write(
                graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(theme: .print), to: pages,
                name: "print")
            try await browser.open(print)
            #expect(try await browser.run(background) as? String == "rgb(255, 255, 255)")
            #expect(try await browser.run("return document.getElementById('theme') === null") as? Bool == true)
            Self.keep(try await browser.screenshot(), "regression-print")
        }
    }

    @Test func hostileLabelsAndNamesShowAsTextAndRunNothing() async throws {
        let pages = try PageFile.directory()
        defer { try? FileManager.default.removeItem(at: pages) }
        let hostile = "</script><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">&amp;"
        let source = """
            x = 2
            w = 3
            label w "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))"
            L = (w * x)^2
            """
        let evaluation = try Script(source: source, file: "hostile.grad").evaluate()
        let graph = Graph()
        let a = graph.leaf(2, name: hostile)
        let loss = try (a * a).named("L\"'<!--")
        loss.backward()
        let scripted = try PageFile.write(
            graph: evaluation.graph, output: evaluation.output.id, options: FigureOptions(), to: pages, name: "script")
        let named = try PageFile.write(
            graph: graph, output: loss.id, options: FigureOptions(), to: pages, name: "named")
        try await Browser.with { browser in
            try await browser.open(scripted)
            #expect(try await browser.run("return typeof window.gradviz") as? String == "object")
            let reply = try await browser.run("return window.gradviz.select('w')") as? [String: Any]
            #expect(reply?["pathCount"] as? String == "1")
            let panel = try await browser.run("return document.getElementById('panel').textContent") as? String
            #expect(panel?.contains("</script><script>window.pwned=1</script>") == true, "\(panel ?? "")")
            let figureText =
                try await browser.run("return document.querySelector('#figure svg').textContent") as? String
            // The drawing cuts the long label (DisplayLabel.maxDisplayLength), still as text.
            #expect(figureText?.contains("</script><script>window.pwned=1…") == true, "\(figureText ?? "")")
            try await browser.open(named)
            #expect(try await browser.run("return typeof window.gradviz") as? String == "object")
            let names =
                try await browser.run(
                    "return [...document.querySelectorAll('g.node')].map(n => n.dataset.name)") as? [String]
            #expect(Set(names ?? []) == [hostile, "L\"'<!--"])
            let selected =
                try await browser.run("return window.gradviz.select(arguments[0])", [hostile]) as? [String: Any]
            #expect(selected?["pathCount"] as? String == "1")
            #expect(try await browser.run("return window.pwned === undefined") as? Bool == true)
            let requests = try await browser.run("return performance.getEntriesByType('resource').length") as? Int
            #expect(requests == 0)
        }
    }
}

/// Pages written to a temporary directory for the browser to open.
enum PageFile {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradviz-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(
        graph: Graph, output: NodeID, options: FigureOptions, to directory: URL, name: String, frames: Bool = true
    ) throws -> URL {
        let figure = try InteractiveFigure(graph: graph, output: output, options: options)
        let page = try InteractivePage(figure: figure, title: name, theme: options.theme, frames: frames)
        let url = directory.appendingPathComponent(name + ".html")
        try Data(page.html.utf8).write(to: url)
        return url
    }
}

/// Numbers from JSON, flattened (a tensor's entries in row-major order) for exact comparison.
enum Numbers {
    static func flat(_ value: Any?) -> [Double]? {
        switch value {
        case let number as NSNumber: return [number.doubleValue]
        case let array as [Any]:
            var result: [Double] = []
            for item in array {
                guard let entries = flat(item) else { return nil }
                result += entries
            }
            return result
        default: return nil
        }
    }
}
