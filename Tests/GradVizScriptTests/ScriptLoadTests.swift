import Foundation
import GradVizEngine
import Testing

@testable import GradVizScript

/// Reading scripts from files.
@Suite struct ScriptLoadTests {
    /// A fresh temporary directory, removed by the caller.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gradviz-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func loadsAUTF8File() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.grad").path
        try Data("x = 3\nlabel y \"ψ₁\"\ny = x^2\n".utf8).write(to: URL(fileURLWithPath: path))
        let script = try Script.load(path: path)
        #expect(script.file == path)
        let run = try script.evaluate()
        #expect(run.file == path)
        #expect(run.value("y") == 9)
        #expect(run.variable(named: "y")?.label == "ψ₁")
    }

    @Test func diagnosticsFromAFileNameThePath() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.grad").path
        try Data("x = 3\ny = x + z\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Diagnostic.self) { try Script.load(path: path) }
        do {
            _ = try Script.load(path: path)
        } catch {
            #expect(error.description.hasPrefix("\(path):2:9: error: unknown name 'z'"))
        }
    }

    @Test func missingFileIsADiagnosticAtTheStart() {
        let path = "/nonexistent-\(UUID().uuidString)/model.grad"
        do {
            _ = try Script.load(path: path)
            Issue.record("expected a diagnostic")
        } catch {
            #expect(error.line == 0 && error.column == 0)
            #expect(error.description == "\(path): error: no such file")
        }
    }

    @Test func nonUTF8FileIsADiagnostic() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("latin1.grad").path
        // "x = 3\ny = x·2" in Latin-1: 0xB7 is not valid UTF-8 on its own.
        try Data([0x78, 0x20, 0x3D, 0x20, 0x33, 0x0A, 0x79, 0x20, 0x3D, 0x20, 0x78, 0xB7, 0x32]).write(
            to: URL(fileURLWithPath: path))
        do {
            _ = try Script.load(path: path)
            Issue.record("expected a diagnostic")
        } catch {
            #expect(error.line == 0 && error.column == 0)
            #expect(error.message == "the file is not UTF-8 text")
        }
    }

    @Test func directoryIsADiagnostic() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try Script.load(path: directory.path)
            Issue.record("expected a diagnostic")
        } catch {
            #expect(error.line == 0 && error.column == 0)
            #expect(error.message.contains("directory"))
        }
    }
}
