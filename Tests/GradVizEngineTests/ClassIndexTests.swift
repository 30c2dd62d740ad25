import Foundation
import GradVizEngine
import Testing

/// A class index that reaches `cross_entropy` after recording (a replay that sets the index
/// leaf, as finite differences and `replayedValue` do) is rounded and kept in range while still
/// a number: 1e19 is the last class and −1e19 the first, never a conversion that traps.
@Suite struct ClassIndexTests {
    @Test func aReplayedHugeClassIndexIsClampedToTheNearestClass() throws {
        let g = Graph()
        let logits: [Double] = [1, -2, 0.5]
        let z = g.leaf(try Tensor(logits), name: "z")
        let t = g.leaf(1, name: "t")
        let loss = try z.crossEntropy(t)
        let logSumExp = log(logits.map(exp).reduce(0, +))
        for (index, expected) in [
            (1e19, logSumExp - 0.5), (-1e19, logSumExp - 1), (.infinity, logSumExp - 1), (.nan, logSumExp - 1),
        ] {
            let replayed = g.replayedValue(of: loss.id, setting: t.id, to: Tensor(index))
            #expect(abs(replayed.scalar - expected) < 1e-12, "class index \(index)")
        }
    }
}
