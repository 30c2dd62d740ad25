// The umbrella module: `import GradViz` gives a Swift program the whole library, as
// `import ArgumentParser` does for swift-argument-parser. Each module stays a product of its
// own for a program that needs only a part (the engine alone, say).
@_exported import GradVizDOT
@_exported import GradVizEngine
@_exported import GradVizExplain
@_exported import GradVizFrames
@_exported import GradVizHTML
@_exported import GradVizNotation
@_exported import GradVizRender
@_exported import GradVizScript
