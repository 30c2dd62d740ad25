import Foundation
import Testing

/// The README's setup instructions stay true to the package: the tools version, every library
/// product in the dependency snippet, the install steps a fresh machine needs.
@Suite struct ReadmeSetupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func theDependencySnippetListsEveryLibraryProductAndTheToolsVersion() throws {
        let manifest = try Self.read("Package.swift")
        let readme = try Self.read("README.md")
        let libraries = manifest.components(separatedBy: ".library(name: \"").dropFirst()
            .compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(libraries.count >= 5)
        for library in libraries {
            #expect(readme.contains(".product(name: \"\(library)\", package: \"GradViz\")"), "\(library)")
        }
        let tools = try #require(manifest.split(separator: "\n").first)
        #expect(tools == "// swift-tools-version:6.0")
        #expect(readme.contains("// swift-tools-version:6.0") && readme.contains("swift-tools-version 6.0"))
    }

    @Test func theInstallStepsWorkOnAFreshMachine() throws {
        let readme = try Self.read("README.md")
        let update = try #require(readme.range(of: "apt-get update"))
        let install = try #require(readme.range(of: "apt-get install -y"))
        #expect(update.lowerBound < install.lowerBound)
        #expect(readme.contains("as root, leave out `sudo`"))
        #expect(readme.contains("brew install graphviz"))
        #expect(readme.contains("swift build -c release --static-swift-stdlib --product gradviz"))
        #expect(readme.contains(".build/release/gradviz"))
    }
}
