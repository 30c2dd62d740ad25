import Foundation
import Testing

/// The setup instructions stay true to the package: the tools version and the umbrella product in
/// the Swift library guide's dependency snippet, every library product named there, the install
/// steps a fresh machine needs in the README.
@Suite struct ReadmeSetupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func theDependencySnippetUsesTheUmbrellaAndTheGuideNamesEveryLibraryProduct() throws {
        let manifest = try Self.read("Package.swift")
        let guide = try Self.read("Documentation/SwiftLibrary.md")
        let readme = try Self.read("README.md")
        let libraries = manifest.components(separatedBy: ".library(name: \"").dropFirst()
            .compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(libraries.count >= 5)
        #expect(libraries.contains("GradViz"))
        #expect(guide.contains(".product(name: \"GradViz\", package: \"GradViz\")"))
        #expect(guide.contains("import GradViz\n"))
        for library in libraries {
            #expect(guide.contains("`\(library)`"), "\(library)")
        }
        let tools = try #require(manifest.split(separator: "\n").first)
        #expect(tools == "// swift-tools-version:6.0")
        #expect(guide.contains("// swift-tools-version:6.0") && readme.contains("swift-tools-version 6.0"))
    }

    @Test func theInstallStepsWorkOnAFreshMachineAndKeepTestPackagesApart() throws {
        let readme = try Self.read("README.md")
        let contributing = try Self.read("CONTRIBUTING.md")
        let ci = try Self.read(".ci/run")
        // Users install what the tool needs; the test-only packages are the contributor's, and
        // CI installs every one of both.
        let userInstall = try #require(readme.split(separator: "\n").first { $0.contains("apt-get install -y") })
        #expect(!userInstall.contains("chromium") && !userInstall.contains("texlive"))
        let testInstall = try #require(contributing.split(separator: "\n").first { $0.contains("apt-get install -y") })
        for package in (userInstall + " " + testInstall).split(separator: " ").filter({ !$0.hasPrefix("-") })
        where !["sudo", "apt-get", "install"].contains(String(package)) {
            #expect(ci.contains(" \(package)"), "\(package) is not installed by .ci/run")
        }
        let update = try #require(readme.range(of: "apt-get update"))
        let install = try #require(readme.range(of: "apt-get install -y"))
        #expect(update.lowerBound < install.lowerBound)
        #expect(readme.contains("as root, leave out `sudo`"))
        #expect(readme.contains("brew install graphviz"))
        #expect(readme.contains("swift build -c release --static-swift-stdlib --product gradviz"))
        #expect(readme.contains(".build/release/gradviz"))
    }
}
