// swift-tools-version:6.0
import PackageDescription

/// GradViz: see and check how gradients flow through a computation graph.
///
/// The targets are a fan around the engine, not a chain: the script language, the explainer and
/// the figures each read the engine's graph; the renderer takes DOT text only; the notation
/// target imports nothing. The README's "Architecture" section lists every target's imports (a
/// test keeps it true); the `gradviz` command line is a thin layer over them.
let package = Package(
    name: "GradViz",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GradVizNotation", targets: ["GradVizNotation"]),
        .library(name: "GradVizEngine", targets: ["GradVizEngine"]),
        .library(name: "GradVizScript", targets: ["GradVizScript"]),
        .library(name: "GradVizExplain", targets: ["GradVizExplain"]),
        .library(name: "GradVizDOT", targets: ["GradVizDOT"]),
        .library(name: "GradVizRender", targets: ["GradVizRender"]),
        .library(name: "GradVizFrames", targets: ["GradVizFrames"]),
        .library(name: "GradVizHTML", targets: ["GradVizHTML"]),
        // The whole library behind one import: `import GradViz`.
        .library(name: "GradViz", targets: ["GradViz"]),
        .executable(name: "gradviz", targets: ["gradviz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        // `swift package generate-documentation`: the DocC catalog (a plugin, built only when run).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // How names and numbers are written for people: display labels, Unicode sub- and
        // superscripts, Greek letters, LaTeX math, number formats, text tables. No dependencies.
        .target(name: "GradVizNotation"),
        // The autodiff engine: a recorded tape of ops with forward values and local derivatives.
        .target(name: "GradVizEngine", dependencies: ["CGradVizRecording"]),
        // The engine's one thread-local variable: the recording scope a `ScopedValue` records in.
        .target(name: "CGradVizRecording"),
        // A batch's worker processes end with the command that forked them (C: `prctl`).
        .target(name: "CGradVizProcess"),
        // The `.grad` script language: lexer, parser and evaluator onto the engine.
        .target(name: "GradVizScript", dependencies: ["GradVizEngine", "GradVizNotation"]),
        // Chain-rule explanations: the variable view, path counts, per-path products, checks.
        .target(
            name: "GradVizExplain",
            dependencies: ["GradVizEngine", "GradVizNotation", .product(name: "BigInt", package: "BigInt")]
        ),
        // Annotated Graphviz DOT for figures.
        .target(name: "GradVizDOT", dependencies: ["GradVizEngine", "GradVizNotation", "GradVizExplain"]),
        // Graphviz's C library, rendered in-process.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(name: "GradVizRender", dependencies: ["CGraphviz"]),
        // libpng (installed with Graphviz), for tests that decode rendered PNGs; test support, so
        // its module map lives under Tests/.
        .systemLibrary(
            name: "CPNG", path: "Tests/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
        // Slide builds: frame sequences rendered to files with a manifest, Beamer overlays and
        // the loss curve of training steps.
        .target(
            name: "GradVizFrames",
            dependencies: ["GradVizEngine", "GradVizNotation", "GradVizExplain", "GradVizDOT", "GradVizRender"]
        ),
        // The interactive page: the rendered SVG with its data, styles and script inline.
        .target(
            name: "GradVizHTML",
            dependencies: [
                "GradVizEngine", "GradVizNotation", "GradVizExplain", "GradVizDOT", "GradVizRender", "GradVizFrames",
            ],
            resources: [.embedInCode("Resources/page.js"), .embedInCode("Resources/page.css")]
        ),
        // The umbrella module: re-exports every library module, so `import GradViz` is all a
        // Swift user writes.
        .target(
            name: "GradViz",
            dependencies: [
                "GradVizNotation", "GradVizEngine", "GradVizScript", "GradVizExplain", "GradVizDOT", "GradVizRender",
                "GradVizFrames", "GradVizHTML",
            ]
        ),
        .executableTarget(
            name: "gradviz",
            dependencies: [
                "GradVizFrames",
                "GradVizEngine", "GradVizNotation", "GradVizScript", "GradVizExplain", "GradVizDOT",
                "GradVizRender", "GradVizHTML", "CGradVizProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gradviz-bench",
            dependencies: ["GradVizEngine", "GradVizExplain", "GradVizRender"]
        ),
        // The lecture's sample scripts, shared by the test targets (not part of the product).
        .target(name: "GradVizTestFixtures", path: "Tests/Fixtures"),
        .testTarget(name: "GradVizNotationTests", dependencies: ["GradVizNotation"]),
        .testTarget(name: "GradVizEngineTests", dependencies: ["GradVizEngine"]),
        .testTarget(
            name: "GradVizScriptTests",
            dependencies: ["GradVizScript", "GradVizEngine", "GradVizNotation", "GradVizTestFixtures"]
        ),
        .testTarget(
            name: "GradVizExplainTests",
            dependencies: [
                "GradVizExplain", "GradVizNotation", "GradVizScript", "GradVizEngine", "GradVizTestFixtures",
            ]
        ),
        .testTarget(
            name: "GradVizDOTTests",
            dependencies: [
                "GradVizDOT", "GradVizNotation", "GradVizScript", "GradVizEngine", "GradVizExplain", "GradVizRender",
                "GradVizFrames", "GradVizHTML", "GradVizTestFixtures", "CPNG",
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "GradVizRenderTests", dependencies: ["GradVizRender"]),
        .testTarget(
            name: "GradVizFramesTests",
            dependencies: [
                "GradVizFrames", "GradVizDOT", "GradVizNotation", "GradVizScript", "GradVizEngine", "GradVizExplain",
                "GradVizRender",
            ]
        ),
        .testTarget(name: "GradVizTests", dependencies: ["GradViz"]),
        .testTarget(name: "GradVizCLITests", dependencies: ["gradviz", "GradVizTestFixtures"]),
        .testTarget(
            name: "GradVizHTMLTests",
            dependencies: [
                "GradVizHTML", "GradVizDOT", "GradVizScript", "GradVizEngine", "GradVizExplain", "GradVizNotation",
                "GradVizFrames",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
