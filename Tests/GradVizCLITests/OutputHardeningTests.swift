import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Issue 9's file and injection reproducers: hostile option values, devices, temporary files
/// and a format that contradicts `-o`'s extension.
@Suite struct OutputHardeningTests {
    static let script = "x = 2\nw = 3\nL = (w * x - 1)^2\n"

    @Test(arguments: ["A&B", "\"><script>alert(1)</script><x a=\"", "Sans<b>", "x'y", "a\\b", "Font\nName"])
    func aHostileFontIsAUsageErrorAndWritesNothing(font: String) throws {
        let directory = try GradViz.scratch(["m.grad": Self.script])
        let result = try GradViz.run(["render", "m.grad", "-o", "m.svg", "--font", font], in: directory)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("font name"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.svg").path))
    }

    @Test func aFontconfigPatternIsAccepted() throws {
        let directory = try GradViz.scratch(["m.grad": Self.script])
        let result = try GradViz.run(["render", "m.grad", "-o", "m.svg", "--font", "DejaVu Sans:bold"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("m.svg"), encoding: .utf8)
        #expect(svg.contains("DejaVu Sans"))
        #expect(try XMLDocument(xmlString: svg).rootElement()?.name == "svg")
    }

    @Test func anExtensionThatContradictsTheFormatIsAUsageError() throws {
        let directory = try GradViz.scratch(["m.grad": Self.script])
        let result = try GradViz.run(["render", "m.grad", "-o", "x.svg", "--format", "png"], in: directory)
        #expect(result.status == 64)
        #expect(result.stderr.contains(".svg"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.svg").path))
        // A name without a format's extension takes any format.
        let plain = try GradViz.run(["render", "m.grad", "-o", "figure", "--format", "png"], in: directory)
        #expect(plain.status == 0, "\(plain.stderr)")
    }

    @Test func aCharacterDeviceIsWrittenDirectlyNeverReplaced() throws {
        let directory = try GradViz.scratch(["m.grad": Self.script])
        let result = try GradViz.run(["render", "m.grad", "-o", "/dev/null", "--format", "svg"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
        let entries = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.contains("gradviz") }
        #expect(entries.isEmpty)
    }

    @Test func aFullDiskIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let directory = try GradViz.scratch(["m.grad": Self.script])
        let result = try GradViz.run(["render", "m.grad", "-o", "/dev/full", "--format", "svg"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/full")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test func aFIFOIsWrittenDirectly() throws {
        let directory = try GradViz.scratch(["m.grad": Self.script])
        let fifo = directory.appendingPathComponent("pipe.svg").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader on the other end, so the writer's open does not block forever.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$0.out\"", fifo]
        try reader.run()
        let result = try GradViz.run(["render", "m.grad", "-o", "pipe.svg"], in: directory)
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: fifo)
        #expect(attributes[.type] as? FileAttributeType != .typeRegular)
        let received = try String(contentsOfFile: fifo + ".out", encoding: .utf8)
        #expect(received.contains("</svg>"))
    }

    @Test func aSymlinkIsFollowedAndKept() throws {
        let directory = try GradViz.scratch(["m.grad": Self.script, "real.svg": "old"])
        let link = directory.appendingPathComponent("link.svg").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.svg")
        let result = try GradViz.run(["render", "m.grad", "-o", "link.svg"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "real.svg")
        let written = try String(contentsOf: directory.appendingPathComponent("real.svg"), encoding: .utf8)
        #expect(written.contains("</svg>"))
    }

    @Test func temporaryFilesAreRecognisableAndStaleOnesAreRemoved() throws {
        // A temporary file of a process that no longer exists (pid beyond any pid_max), and an
        // unrelated hidden file that must stay.
        let stale = ".m.svg.gradviz-2147483646-7.tmp"
        let directory = try GradViz.scratch(["m.grad": Self.script, stale: "partial", ".m.svg.keep": "mine"])
        let result = try GradViz.run(["render", "m.grad", "-o", "m.svg"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(entries == ["m.grad", "m.svg", ".m.svg.keep"])
    }
}
