import CGradVizProcess
import Foundation

/// Renders a batch in several processes, one per core, so that Graphviz lays out several
/// figures at once.
///
/// libgvc keeps its state in globals and lays out one graph at a time per process, so threads
/// cannot share out the layouts; processes can. The batch is cut into contiguous chunks of
/// files. This process renders the first chunk as before, writing and reporting as it goes;
/// each other chunk is rendered by a child made with `fork()` after start-up (argument parsing
/// and the binary's loading are paid once), whose standard error is held in an unnamed
/// temporary file and written out, chunk by chunk, after this process's own files. So the
/// messages, the "wrote" lines and the files are those of one process rendering the files in
/// order, and the exit status is the worst of the chunks'.
///
/// A child is made only while this process has one thread (checked, not assumed): a child of a
/// threaded process could inherit a lock that no thread of its own will ever release. It ends
/// when this process does, however that happens (`gradviz_die_with_parent`). When a worker cannot be
/// made (not on Linux, no temporary file, standard error closed, `fork` failing), this process
/// renders its chunk itself. A worker stopped by a signal is a failed chunk, reported as such.
enum BatchWorkers {
    /// The most processes a batch uses, whatever the machine or `--jobs`: each holds its own
    /// Graphviz context and figure in memory.
    static let maxWorkers = 8

    /// The least work a worker is given by default, in ``weight(of:)`` units (a small script
    /// is 1): a worker pays Graphviz's first-use costs again (a few milliseconds), which fewer
    /// than 3 small figures do not win back, while one big figure does (`bench/RESULTS.md`,
    /// batches).
    static let minWeightPerWorker = 3

    /// How much work the script at `path` stands for: its size in KiB, at least 1 (a lecture
    /// figure's script is a few hundred bytes, a scalar MLP's of a thousand nodes 13 KiB). Its
    /// figure is not known before it is evaluated, and the size is a stand-in that needs no
    /// more than a `stat`.
    static func weight(of path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 1 }
        return max(1, Int(info.st_size) / 1024)
    }

    /// How many processes render files of these `weights`: `jobs` when given (at most
    /// ``maxWorkers`` and one file each), otherwise one per available core with at least
    /// ``minWeightPerWorker`` each.
    static func workerCount(weights: [Int], jobs: Int?, cores: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> Int
    {
        let wanted = jobs ?? min(cores, weights.reduce(0, +) / minWeightPerWorker)
        return max(1, min(wanted, maxWorkers, weights.count))
    }

    /// The files, of these `weights`, cut into `workers` contiguous ranges of about equal
    /// weight, none empty.
    static func chunks(weights: [Int], workers: Int) -> [Range<Int>] {
        let count = weights.count
        let workers = max(1, min(workers, count))
        let total = weights.reduce(0, +)
        var chunks: [Range<Int>] = []
        var start = 0
        var sum = 0
        for index in 1..<workers {
            // This chunk ends where the running weight comes nearest index/workers of the total
            // (compared times `workers`, in integers), taking at least one file and leaving one
            // for each chunk after it.
            let target = total * index
            var end = start + 1
            sum += weights[start]
            while end < count - (workers - index),
                abs(workers * (sum + weights[end]) - target) < abs(workers * sum - target)
            {
                sum += weights[end]
                end += 1
            }
            chunks.append(start..<end)
            start = end
        }
        chunks.append(start..<count)
        return chunks
    }

    /// What ``run(_:work:)`` did.
    struct Outcome {
        /// Whether every chunk succeeded.
        var succeeded = true
        /// The chunks that child processes rendered (the others were rendered here).
        var inWorkers: [Range<Int>] = []
    }

    /// Runs `work` on every chunk, the first in this process and each other in a child process
    /// (`work` returns whether its chunk succeeded).
    ///
    /// While a child finishes, the progress line says so; then its standard error is written to
    /// this process's, in the chunks' order.
    static func run(_ chunks: [Range<Int>], work: (Range<Int>) -> Bool) -> Outcome {
        /// Who renders a chunk: this process, or a child whose standard error goes to `capture`.
        enum Worker {
            case this
            case child(pid: pid_t, capture: UnsafeMutablePointer<FILE>)
        }
        var workers: [Worker] = chunks.isEmpty ? [] : [.this]
        let parent = getpid()
        if chunks.count > 1 {
            // Children are waited for: an ignored SIGCHLD (inherited from whoever started
            // gradviz) would reap them unseen and lose their exit status.
            signal(SIGCHLD, SIG_DFL)
        }
        for index in chunks.indices.dropFirst() {
            guard threadCount() == 1, let capture = tmpfile() else {
                workers.append(.this)
                continue
            }
            // With standard error closed, the temporary file would take its descriptor and this
            // process would write its own messages into a child's.
            guard fileno(capture) > STDERR_FILENO else {
                fclose(capture)
                workers.append(.this)
                continue
            }
            // Nothing buffered in this process may be written twice, by the child as well.
            fflush(nil)
            let pid = fork()
            if pid == 0 {
                // SIGKILL: a worker may have inherited a mask that blocks every other signal.
                _ = gradviz_die_with_parent(SIGKILL)
                if getppid() != parent { _exit(2) }  // the parent ended before the line above
                for case .child(_, let earlier) in workers { fclose(earlier) }
                dup2(fileno(capture), STDERR_FILENO)
                ProgressLine.shared.silence()
                let succeeded = work(chunks[index])
                fflush(nil)
                _exit(succeeded ? 0 : 2)
            }
            guard pid > 0 else {
                fclose(capture)
                workers.append(.this)
                continue
            }
            workers.append(.child(pid: pid, capture: capture))
        }
        // In the chunks' order: what this process renders is rendered when its turn comes, and
        // a child's messages are written once every earlier chunk's are.
        var outcome = Outcome()
        let total = chunks.last?.upperBound ?? 0
        for (chunk, worker) in zip(chunks, workers) {
            switch worker {
            case .this:
                if !work(chunk) { outcome.succeeded = false }
            case .child(let pid, let capture):
                outcome.inWorkers.append(chunk)
                var status: Int32 = 0
                var waited: pid_t = -1
                ProgressLine.shared.stage("waiting for the worker process rendering \(describe(chunk, of: total))") {
                    repeat { waited = waitpid(pid, &status, 0) } while waited < 0 && errno == EINTR
                }
                relay(capture)
                fclose(capture)
                let stoppedBy = status & 0x7f
                if waited != pid {
                    outcome.succeeded = false
                    StandardError.write(
                        "gradviz: error: the worker process rendering \(describe(chunk, of: total)) could not be waited for\n"
                    )
                } else if stoppedBy != 0 {
                    outcome.succeeded = false
                    StandardError.write(
                        "gradviz: error: the worker process rendering \(describe(chunk, of: total)) was stopped by signal \(stoppedBy)\n"
                    )
                } else if (status >> 8) & 0xff != 0 {
                    outcome.succeeded = false
                }
            }
        }
        return outcome
    }

    /// `files 5–8 of 12`: a chunk as people count files, from 1.
    static func describe(_ chunk: Range<Int>, of total: Int) -> String {
        chunk.count == 1
            ? "file \(chunk.lowerBound + 1) of \(total)"
            : "files \(chunk.lowerBound + 1)–\(chunk.upperBound) of \(total)"
    }

    /// Writes what was written to `file` to standard error, from its start, a piece of whole
    /// lines at a time (a long output is never read whole, and no character is cut between
    /// pieces, unless a line is longer than a piece).
    private static func relay(_ file: UnsafeMutablePointer<FILE>) {
        let descriptor = fileno(file)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending: [UInt8] = []
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += off_t(count)
            pending += buffer[0..<count]
            if let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) {
                StandardError.write(String(decoding: pending[...lastNewline], as: UTF8.self))
                pending.removeSubrange(...lastNewline)
            } else if pending.count >= buffer.count {
                StandardError.write(String(decoding: pending, as: UTF8.self))
                pending.removeAll()
            }
        }
        if !pending.isEmpty { StandardError.write(String(decoding: pending, as: UTF8.self)) }
    }

    /// How many threads this process has (Linux: the entries of `/proc/self/task`); 0 when it
    /// cannot tell, which makes no worker.
    private static func threadCount() -> Int {
        #if os(Linux)
            guard let directory = opendir("/proc/self/task") else { return 0 }
            defer { closedir(directory) }
            var count = 0
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { count += 1 }
            }
            return count
        #else
            return 0
        #endif
    }
}
