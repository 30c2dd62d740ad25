import Foundation
import Testing

@testable import gradviz

/// How a batch is shared out between processes: contiguous chunks in the files' order, of about
/// equal weight, a number of workers bounded whatever is asked, and every chunk rendered even
/// where no worker can be made.
@Suite struct BatchWorkersTests {
    @Test(arguments: [(1, 1), (7, 1), (7, 2), (7, 3), (12, 5), (3, 8), (100, 8)])
    func equalFilesAreCutInOrderIntoChunksOneFileApart(files: Int, workers: Int) {
        let chunks = BatchWorkers.chunks(weights: Array(repeating: 1, count: files), workers: workers)
        #expect(chunks.count == min(files, workers))
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == files)
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(previous.upperBound == next.lowerBound)
        }
        let sizes = chunks.map(\.count)
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(sizes)")
    }

    @Test func aBigFileGetsAChunkOfItsOwnAndNoChunkIsEmpty() {
        #expect(BatchWorkers.chunks(weights: [12] + Array(repeating: 1, count: 12), workers: 2) == [0..<1, 1..<13])
        #expect(BatchWorkers.chunks(weights: Array(repeating: 1, count: 12) + [12], workers: 2) == [0..<12, 12..<13])
        #expect(BatchWorkers.chunks(weights: [100, 100, 1, 1], workers: 4) == [0..<1, 1..<2, 2..<3, 3..<4])
        #expect(BatchWorkers.chunks(weights: [100, 1, 1, 1], workers: 3) == [0..<1, 1..<2, 2..<4])
        // Small files before big ones: the cut comes where the weights are nearest half.
        #expect(BatchWorkers.chunks(weights: [1, 1, 13, 13], workers: 2) == [0..<3, 3..<4])
        #expect(BatchWorkers.chunks(weights: [1, 5, 3], workers: 2) == [0..<2, 2..<3])
    }

    @Test func aScriptWeighsItsSizeInKibibytesAndAtLeastOne() throws {
        let directory = try GradViz.scratch([
            "small.grad": "x = 1\n", "big.grad": String(repeating: "x = 1\n", count: 1024),
        ])
        #expect(BatchWorkers.weight(of: directory.appendingPathComponent("small.grad").path) == 1)
        #expect(BatchWorkers.weight(of: directory.appendingPathComponent("big.grad").path) == 6)
        #expect(BatchWorkers.weight(of: directory.appendingPathComponent("missing.grad").path) == 1)
    }

    @Test func workerCountFollowsTheCoresAndJobsWithinItsBounds() {
        let least = BatchWorkers.minWeightPerWorker
        func small(_ count: Int) -> [Int] { Array(repeating: 1, count: count) }
        // By default: one per core, with at least minWeightPerWorker each.
        #expect(BatchWorkers.workerCount(weights: small(1), jobs: nil, cores: 4) == 1)
        #expect(BatchWorkers.workerCount(weights: small(2 * least - 1), jobs: nil, cores: 4) == 1)
        #expect(BatchWorkers.workerCount(weights: small(2 * least), jobs: nil, cores: 4) == 2)
        #expect(BatchWorkers.workerCount(weights: [13, 13], jobs: nil, cores: 4) == 2)
        #expect(BatchWorkers.workerCount(weights: small(1000), jobs: nil, cores: 2) == 2)
        #expect(BatchWorkers.workerCount(weights: small(1000), jobs: nil, cores: 1) == 1)
        #expect(BatchWorkers.workerCount(weights: small(1000), jobs: nil, cores: 64) == BatchWorkers.maxWorkers)
        // --jobs: as asked, but never more than the files or maxWorkers.
        #expect(BatchWorkers.workerCount(weights: small(4), jobs: 3, cores: 1) == 3)
        #expect(BatchWorkers.workerCount(weights: small(2), jobs: 3, cores: 8) == 2)
        #expect(BatchWorkers.workerCount(weights: small(1000), jobs: 1000, cores: 8) == BatchWorkers.maxWorkers)
        #expect(BatchWorkers.workerCount(weights: small(1000), jobs: 1, cores: 8) == 1)
    }

    /// The test process runs many threads, so no worker may be forked from it: every chunk is
    /// rendered here instead, in order, and a failed chunk still fails the run.
    @Test func aThreadedProcessRendersEveryChunkItselfInOrder() {
        let chunks = BatchWorkers.chunks(weights: Array(repeating: 1, count: 9), workers: 3)
        var done: [Range<Int>] = []
        let other = Thread { Thread.sleep(forTimeInterval: 1) }
        other.start()  // a second thread, whatever the test runner runs
        let outcome = BatchWorkers.run(chunks) { chunk in
            done.append(chunk)
            return chunk.lowerBound != 3
        }
        #expect(done == chunks)
        #expect(outcome.inWorkers.isEmpty)
        #expect(!outcome.succeeded)
    }
}
