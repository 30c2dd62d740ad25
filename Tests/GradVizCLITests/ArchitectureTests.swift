import Foundation
import Testing

/// The README's "Architecture" list says what each target imports; this keeps it true.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The modules of this package and its dependencies, as the README spells them.
    static func spelled(_ module: String) -> String? {
        if module.hasPrefix("GradViz") { return String(module.dropFirst("GradViz".count)) }
        return ["CGraphviz", "CGradVizRecording", "CGradVizProcess", "BigInt", "ArgumentParser"].contains(module) ? module : nil
    }

    /// Target → the modules the README says it imports.
    static func readmeList() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Architecture"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```text\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        var list: [String: Set<String>] = [:]
        for line in rest[open.upperBound..<close.lowerBound].split(separator: "\n") {
            let columns = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard let target = columns.first, columns.count > 1 else { continue }
            let imports = columns[1] == "—" ? [] : columns[1].dropFirst("← ".count)
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

    @Test func theReadmeListsEveryTargetWithExactlyItsImports() throws {
        let readme = try Self.readmeList()
        var sources = try Self.sourceImports()
        sources["CGraphviz"] = nil  // the system library's module map, not Swift
        #expect(Set(readme.keys) == Set(sources.keys))
        for (target, imports) in sources {
            #expect(readme[target] == imports, "\(target) imports \(imports.sorted())")
        }
    }
}
