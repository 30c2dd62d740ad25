import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether a script can be evaluated within the memory the process is allowed, judged from its
/// size before it is parsed.
///
/// Swift cannot recover from a failed allocation: the runtime prints `Fatal error: failed to
/// allocate …` and aborts (status 134). So a script that would need more than the process may
/// have is refused up front, with a message and status 2, while the process can still speak.
/// The estimate is a lower bound (``bytesPerSourceByte``), so a script that fits is never
/// refused; one that passes can still run out later (a script whose lines build much more
/// than their length says), and then ends as Swift ends.
enum ScriptMemory {
    /// Memory taken per byte of script, at least: parsing, recording and the backward pass of a
    /// chain of leaves and sums took 43 bytes resident per byte of script at 1.1 and 11.5 MB.
    static let bytesPerSourceByte = 32

    /// Scripts smaller than this are never refused (the estimate is for large ones).
    static let smallestChecked = 1 << 20

    /// Why a script of `sourceBytes` cannot be evaluated within the process's limits, or `nil`.
    static func problem(sourceBytes: Int) -> String? {
        guard sourceBytes >= smallestChecked else { return nil }
        let (needed, overflow) = sourceBytes.multipliedReportingOverflow(by: bytesPerSourceByte)
        guard let (available, what) = available() else { return nil }
        guard overflow || needed > available else { return nil }
        return "a script of \(megabytes(sourceBytes)) needs at least \(megabytes(needed)) of memory to evaluate, "
            + "more than the \(megabytes(max(0, available))) left under \(what)"
    }

    /// The most memory the process may still take: the smallest of what is left under its
    /// address-space limit (`ulimit -v`), its data limit (`ulimit -d`) and its cgroup's
    /// `memory.max`, with the limit's name; `nil` when none is set.
    static func available() -> (Int, String)? {
        var candidates: [(Int, String)] = []
        let used = virtualSize()
        if let limit = limit(.addressSpace) { candidates.append((limit - used, "the address-space limit (ulimit -v)")) }
        if let limit = limit(.data) { candidates.append((limit - used, "the data limit (ulimit -d)")) }
        if let max = number(in: "/sys/fs/cgroup/memory.max"), let current = number(in: "/sys/fs/cgroup/memory.current")
        {
            candidates.append((max - current, "the cgroup's memory.max"))
        }
        return candidates.min { $0.0 < $1.0 }
    }

    private enum Limit { case addressSpace, data }

    /// The soft limit, or `nil` when unlimited.
    private static func limit(_ which: Limit) -> Int? {
        var value = rlimit()
        #if os(Linux)
            let resource = __rlimit_resource_t(which == .addressSpace ? RLIMIT_AS.rawValue : RLIMIT_DATA.rawValue)
        #else
            let resource = which == .addressSpace ? RLIMIT_AS : RLIMIT_DATA
        #endif
        guard getrlimit(resource, &value) == 0, value.rlim_cur != rlim_t.max else { return nil }
        return value.rlim_cur > rlim_t(Int.max) ? nil : Int(value.rlim_cur)
    }

    /// The process's virtual size in bytes (0 where `/proc` is not there).
    private static func virtualSize() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").first.flatMap({ Int($0) })
        else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The whole number a one-line file holds (`max` and unreadable files: `nil`).
    private static func number(in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value >= 1024 ? String(format: "%.1f GB", value / 1024) : String(format: "%.1f MB", value)
    }
}
