import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Headless chromium driven through chromedriver, speaking WebDriver's HTTP protocol
/// (W3C WebDriver, https://www.w3.org/TR/webdriver2/) on a free loopback port.
///
/// `chromedriver` and `chromium` come from Debian's `chromium-driver` and `chromium` packages
/// (`CHROMEDRIVER` and `CHROMIUM` override the paths). The browser runs headless with
/// `--no-sandbox`, because CI runs as root.
final class Browser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let driver: Process
    private let base: URL
    private let session: String

    private init(driver: Process, base: URL, session: String) {
        self.driver = driver
        self.base = base
        self.session = session
    }

    /// Runs `body` with a fresh browser of `width`×`height` pixels, always shutting it down.
    static func with<T>(
        width: Int = 1280, height: Int = 720, _ body: (Browser) async throws -> T
    ) async throws -> T {
        let browser = try await start(width: width, height: height)
        do {
            let result = try await body(browser)
            await browser.quit()
            return result
        } catch {
            await browser.quit()
            throw error
        }
    }

    private static func start(width: Int, height: Int) async throws -> Browser {
        let environment = ProcessInfo.processInfo.environment
        let driverPath = environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
        let chromium = environment["CHROMIUM"] ?? "/usr/bin/chromium"
        for path in [driverPath, chromium] where !FileManager.default.isExecutableFile(atPath: path) {
            throw Failure(description: "\(path) is missing: apt-get install chromium chromium-driver")
        }
        let port = try freePort()
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: driverPath)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let base = URL(string: "http://127.0.0.1:\(port)")!
        var ready = false
        var problem = ""
        for _ in 0..<200 where !ready {
            do {
                let status = try await request(base, "GET", "/status")
                ready = (status["value"] as? [String: Any])?["ready"] as? Bool == true
                problem = "\(status)"
            } catch {
                problem = "\(error)"
            }
            if !ready { try await Task.sleep(nanoseconds: 25_000_000) }
        }
        guard ready else {
            stop(driver)
            throw Failure(description: "chromedriver did not start on port \(port): \(problem)")
        }
        let options: [String: Any] = [
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=\(width),\(height)", "--hide-scrollbars", "--force-color-profile=srgb",
            ],
        ]
        let capabilities: [String: Any] = [
            "capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]
        ]
        do {
            let created = try await request(base, "POST", "/session", capabilities)
            guard let value = created["value"] as? [String: Any], let session = value["sessionId"] as? String else {
                throw Failure(description: "chromedriver gave no session: \(created)")
            }
            return Browser(driver: driver, base: base, session: session)
        } catch {
            stop(driver)
            throw error
        }
    }

    private func quit() async {
        _ = try? await Browser.request(base, "DELETE", "/session/\(session)")
        Browser.stop(driver)
    }

    /// Ends chromedriver. SIGKILL, because a child of Foundation's `Process` on Linux inherits
    /// the test thread's blocked signals and so never sees SIGTERM.
    private static func stop(_ driver: Process) {
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    /// Opens `url` and waits for it to load.
    func open(_ url: URL) async throws {
        _ = try await command("POST", "url", ["url": url.absoluteString])
    }

    /// Runs `script` (a function body; `arguments[i]` are `arguments`) and returns its result.
    @discardableResult
    func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        let result = try await command("POST", "execute/sync", ["script": script, "args": arguments])
        return result is NSNull ? nil : result
    }

    /// The WebDriver id of the first element matching a CSS selector.
    func element(_ selector: String) async throws -> String {
        let found = try await command("POST", "element", ["using": "css selector", "value": selector])
        guard let object = found as? [String: Any], let id = object.values.first as? String else {
            throw Failure(description: "no element \(selector)")
        }
        return id
    }

    /// A real mouse click at the element's centre.
    func click(_ element: String) async throws {
        _ = try await command("POST", "element/\(element)/click", [:])
    }

    /// Types `text` into the element (WebDriver key codes: "\u{E007}" Enter, "\u{E00C}" Escape).
    func type(_ text: String, into element: String) async throws {
        _ = try await command("POST", "element/\(element)/value", ["text": text])
    }

    /// Presses keys on whatever has focus.
    func press(_ keys: [String]) async throws {
        let down = keys.map { ["type": "keyDown", "value": $0] }
        let up = keys.reversed().map { ["type": "keyUp", "value": $0] }
        _ = try await command(
            "POST", "actions", ["actions": [["type": "key", "id": "keyboard", "actions": down + up]]])
    }

    /// Moves the mouse to the centre of an element (hover).
    func hover(_ element: String) async throws {
        let origin: [String: Any] = ["element-6066-11e4-a52e-4f735466cecf": element]
        _ = try await command(
            "POST", "actions",
            [
                "actions": [
                    [
                        "type": "pointer", "id": "mouse", "parameters": ["pointerType": "mouse"],
                        "actions": [["type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0]],
                    ]
                ]
            ])
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let text = try await command("GET", "screenshot", nil) as? String, let png = Data(base64Encoded: text)
        else { throw Failure(description: "no screenshot") }
        return png
    }

    /// A Chrome DevTools Protocol command (such as `Emulation.setEmulatedMedia`).
    func devTools(_ name: String, _ parameters: [String: Any]) async throws {
        _ = try await command("POST", "goog/cdp/execute", ["cmd": name, "params": parameters])
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any {
        let reply = try await Browser.request(base, method, "/session/\(session)/\(path)", body)
        if let value = reply["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "WebDriver \(path): \(error): \(value["message"] ?? "")")
        }
        return reply["value"] ?? NSNull()
    }

    /// One HTTP/1.1 exchange with chromedriver over a plain loopback socket. (Foundation's
    /// URLSession on Linux goes through libcurl, which fails here with "Failed writing header";
    /// WebDriver needs nothing more than this.)
    private static func request(
        _ base: URL, _ method: String, _ path: String, _ body: [String: Any]? = nil
    ) async throws -> [String: Any] {
        guard let port = base.port else { throw Failure(description: "no port in \(base)") }
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(payload.count)\r\n\r\n"
        let reply = try exchange(port: port, Data(head.utf8) + payload)
        guard let split = reply.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "WebDriver sent no HTTP reply for \(path)")
        }
        let content = reply[split.upperBound...]
        guard let object = try JSONSerialization.jsonObject(with: content) as? [String: Any] else {
            throw Failure(description: "WebDriver sent no JSON object for \(path)")
        }
        return object
    }

    /// Sends `request` to 127.0.0.1:`port` and reads until the server closes the connection or
    /// the announced Content-Length has arrived.
    private static func exchange(port: Int, _ request: Data) throws -> Data {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "no socket") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw Failure(description: "cannot connect to port \(port)") }
        let sent = request.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, 0)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        guard sent else { throw Failure(description: "cannot send to port \(port)") }
        var reply = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count < 0 { throw Failure(description: "no reply from port \(port)") }
            if count == 0 { break }
            reply.append(contentsOf: chunk[0..<count])
            if let split = reply.range(of: Data("\r\n\r\n".utf8)),
                let head = String(data: reply[..<split.lowerBound], encoding: .utf8),
                let line = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
                reply.count - split.upperBound >= length
            {
                break
            }
        }
        return reply
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> Int {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "no socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
