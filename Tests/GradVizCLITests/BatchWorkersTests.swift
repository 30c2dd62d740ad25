import Foundation
import Testing

@testable import gradviz

/// How a batch is shared out between processes: contiguous chunks in the files' order, a number
/// of workers bounded whatever is asked, and every chunk rendered even where no worker can be made.
@Suite struct BatchWorkersTests {
    @Test(arguments: [(1, 1), (7, 1), (7, 2), (7, 3), (12, 5), (3, 8), (100, 8)])
    func chunksCoverTheFilesInOrderWithSizesOneApart(files: Int, workers: Int) {
        let chunks = BatchWorkers.chunks(count: files, workers: workers)
        #expect(chunks.count == min(files, workers))
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == files)
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(previous.upperBound == next.lowerBound)
            #expect(previous.count == next.count || previous.count == next.count + 1)
        }
    }

    @Test func workerCountFollowsTheCoresAndJobsWithinItsBounds() {
        // By default: one per core, with at least minFilesPerWorker files each.
        let least = BatchWorkers.minFilesPerWorker
        #expect(BatchWorkers.workerCount(files: 1, jobs: nil, cores: 4) == 1)
        #expect(BatchWorkers.workerCount(files: 2 * least - 1, jobs: nil, cores: 4) == 1)
        #expect(BatchWorkers.workerCount(files: 2 * least, jobs: nil, cores: 4) == 2)
        #expect(BatchWorkers.workerCount(files: 1000, jobs: nil, cores: 2) == 2)
        #expect(BatchWorkers.workerCount(files: 1000, jobs: nil, cores: 1) == 1)
        #expect(BatchWorkers.workerCount(files: 1000, jobs: nil, cores: 64) == BatchWorkers.maxWorkers)
        // --jobs: as asked, but never more than the files or maxWorkers.
        #expect(BatchWorkers.workerCount(files: 4, jobs: 3, cores: 1) == 3)
        #expect(BatchWorkers.workerCount(files: 2, jobs: 3, cores: 8) == 2)
        #expect(BatchWorkers.workerCount(files: 1000, jobs: 1000, cores: 8) == BatchWorkers.maxWorkers)
        #expect(BatchWorkers.workerCount(files: 1000, jobs: 1, cores: 8) == 1)
    }

    /// The test process runs many threads, so no worker may be forked from it: every chunk is
    /// rendered here instead, in order, and a failed chunk still fails the run.
    @Test func aThreadedProcessRendersEveryChunkItselfInOrder() {
        let chunks = BatchWorkers.chunks(count: 9, workers: 3)
        var done: [Range<Int>] = []
        let started = Thread { Thread.sleep(forTimeInterval: 1) }
        started.start()  // a second thread, whatever the test runner runs
        let outcome = BatchWorkers.run(chunks) { chunk in
            done.append(chunk)
            return chunk.lowerBound != 3
        }
        #expect(done == chunks)
        #expect(outcome.inWorkers.isEmpty)
        #expect(!outcome.succeeded)
    }
}
