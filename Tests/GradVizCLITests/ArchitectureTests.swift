import Foundation
import Testing

/// CONTRIBUTING.md's "Architecture" list says what each target imports; this keeps it, the
/// `import`s in `Sources/` and the dependencies `Package.swift` declares equal.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The modules of this package and its dependencies, as the list spells them.
    static func spelled(_ module: String) -> String? {
        if module.hasPrefix("GradViz") { return String(module.dropFirst("GradViz".count)) }
        return ["CGraphviz", "CGradVizRecording", "CGradVizProcess", "BigInt", "ArgumentParser"].contains(module)
            ? module : nil
    }

    /// Target → the modules CONTRIBUTING.md says it imports.
    static func documentedList() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: root.appendingPathComponent("CONTRIBUTING.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Architecture"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```text\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        var list: [String: Set<String>] = [:]
        for line in rest[open.upperBound..<close.lowerBound].split(separator: "\n") {
            let columns = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard let target = columns.first, columns.count > 1 else { continue }
            let imports =
                columns[1] == "—"
                ? []
                : columns[1].dropFirst("← ".count)
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            list[target] = Set(imports)
        }
        return list
    }

    /// Target → the package modules its sources import.
    static func sourceImports() throws -> [String: Set<String>] {
        let sources = root.appendingPathComponent("Sources")
        var result: [String: Set<String>] = [:]
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path) where !target.hasPrefix(".") {
            var imports: Set<String> = []
            let files = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)
            while let file = files?.nextObject() as? String {
                guard file.hasSuffix(".swift") else { continue }
                let text = try String(
                    contentsOf: sources.appendingPathComponent(target).appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                        words[..<index].allSatisfy({ $0.hasPrefix("@") }),
                        let module = spelled(String(words[index + 1]))
                    else { continue }
                    imports.insert(module)
                }
            }
            result[target] = imports
        }
        return result
    }

    /// Target → the dependencies `Package.swift` gives it (targets, and products by name), for
    /// the targets under `Sources/`. The manifest writes each target as `.target(name: "…",
    /// dependencies: [ … ])` (or `.executableTarget`), which is all this reads.
    static func manifestDependencies() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        for chunk in manifest.components(separatedBy: "\n        .").dropFirst() {
            guard chunk.hasPrefix("target(") || chunk.hasPrefix("executableTarget("),
                let nameStart = chunk.range(of: "name: \""),
                let nameEnd = chunk[nameStart.upperBound...].firstIndex(of: "\"")
            else { continue }
            let name = String(chunk[nameStart.upperBound..<nameEnd])
            guard !chunk.contains("path: \"Tests/") else { continue }
            var dependencies: Set<String> = []
            if let open = chunk.range(of: "dependencies: ["),
                let close = chunk[open.upperBound...].range(of: "]")
            {
                let list = chunk[open.upperBound..<close.lowerBound]
                // `.product(name: "X", package: "Y")` names X; a bare string names a target.
                let pieces = list.components(separatedBy: "\"")
                var index = 1
                while index < pieces.count {
                    let before = pieces[index - 1]
                    if before.hasSuffix("package: ") {
                        index += 2
                        continue
                    }
                    if let module = spelled(pieces[index]) { dependencies.insert(module) }
                    index += 2
                }
            }
            result[name] = dependencies
        }
        return result
    }

    @Test func theContributorGuideListsEveryTargetWithExactlyItsImports() throws {
        let documented = try Self.documentedList()
        var sources = try Self.sourceImports()
        sources["CGraphviz"] = nil  // the system library's module map, not Swift
        #expect(Set(documented.keys) == Set(sources.keys))
        for (target, imports) in sources {
            #expect(documented[target] == imports, "\(target) imports \(imports.sorted())")
        }
    }

    @Test func packageSwiftDeclaresExactlyWhatEachTargetImports() throws {
        let manifest = try Self.manifestDependencies()
        var sources = try Self.sourceImports()
        sources["CGraphviz"] = nil
        #expect(Set(manifest.keys) == Set(sources.keys))
        for (target, imports) in sources {
            #expect(
                manifest[target] == imports,
                "\(target) imports \(imports.sorted()), Package.swift says \(manifest[target]?.sorted() ?? [])")
        }
    }
}
