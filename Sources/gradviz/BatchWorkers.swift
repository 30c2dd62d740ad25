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
/// threaded process could inherit a lock that no thread of its own will ever release. When a
/// worker cannot be made, this process renders its chunk itself.
enum BatchWorkers {
    /// The most processes a batch uses, whatever the machine or `--jobs`: each holds its own
    /// Graphviz context and figure in memory.
    static let maxWorkers = 8

    /// The fewest files a worker is given by default: a worker pays Graphviz's first-use costs
    /// again (a few milliseconds), which a chunk of fewer small figures does not win back
    /// (`bench/RESULTS.md`, batches).
    static let minFilesPerWorker = 3

    /// How many processes render `files` files: `jobs` when given (at most ``maxWorkers`` and one
    /// file each), otherwise one per available core with at least ``minFilesPerWorker`` files
    /// each.
    static func workerCount(files: Int, jobs: Int?, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int {
        let wanted = jobs ?? min(cores, files / minFilesPerWorker)
        return max(1, min(wanted, maxWorkers, files))
    }

    /// `0..<count` cut into `workers` contiguous ranges whose sizes differ by at most one, the
    /// longer ones first.
    static func chunks(count: Int, workers: Int) -> [Range<Int>] {
        let workers = max(1, min(workers, count))
        let size = count / workers
        let extra = count % workers
        var chunks: [Range<Int>] = []
        var start = 0
        for index in 0..<workers {
            let end = start + size + (index < extra ? 1 : 0)
            chunks.append(start..<end)
            start = end
        }
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
        for index in chunks.indices.dropFirst() {
            guard threadCount() == 1, let capture = tmpfile() else {
                workers.append(.this)
                continue
            }
            // Nothing buffered in this process may be written twice, by the child as well.
            fflush(nil)
            let pid = fork()
            if pid == 0 {
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
                ProgressLine.shared.stage("waiting for the worker process rendering \(describe(chunk, of: total))") {
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                }
                let held = contents(of: capture)
                fclose(capture)
                if !held.isEmpty { ProgressLine.shared.write(String(decoding: held, as: UTF8.self)) }
                let signal = status & 0x7f
                if signal != 0 {
                    outcome.succeeded = false
                    ProgressLine.shared.write(
                        "gradviz: error: the worker process rendering \(describe(chunk, of: total)) was stopped by signal \(signal)\n")
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
            ? "file \(chunk.lowerBound + 1) of \(total)" : "files \(chunk.lowerBound + 1)–\(chunk.upperBound) of \(total)"
    }

    /// The bytes written to `file`, read from its start.
    private static func contents(of file: UnsafeMutablePointer<FILE>) -> [UInt8] {
        let descriptor = fileno(file)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
            offset += off_t(count)
        }
        return bytes
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
