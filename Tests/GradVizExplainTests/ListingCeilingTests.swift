import Foundation
import GradVizEngine
import GradVizExplain
import Testing

/// However many paths are asked for, an explanation lists at most
/// ``Explanation/maxListedPaths``: listing costs time and memory per path, so the bound must not
/// be the caller's number (issue 9: `--max-paths 1000000000` on 48 diamonds grew to 5.3 GB).
@Suite struct ListingCeilingTests {
    @Test func anyMaxPathsListsAtMostTheCeiling() {
        // 2¹¹ = 2048 paths, more than the ceiling of 1000.
        let (graph, start, end) = PathCountTests.diamonds(11, named: true)
        let explanation = Explanation(graph: graph, wrt: start, of: end, maxPaths: 1_000_000_000, pathOrder: .size)
        #expect(explanation.pathCount == 2048)
        #expect(explanation.paths.count == Explanation.maxListedPaths)
        #expect(explanation.maxPaths == Explanation.maxListedPaths)
        #expect(explanation.listsEveryPath == false)
        // The listed ones are still the largest and the sum still covers every path.
        let magnitudes = explanation.paths.map(\.magnitude)
        #expect(magnitudes == magnitudes.sorted(by: >))
        #expect(Swift.abs(explanation.pathSum.scalar - explanation.gradient.scalar) <= 1e-12)
    }

    @Test func askingPastTheCeilingIsAProblemOnlyWhenThereAreMorePaths() {
        let (graph, start, end) = PathCountTests.diamonds(48, named: true)
        let problem = Explanation.listingProblem(graph: graph, wrt: start, of: end, maxPaths: 1_000_000_000)
        // 2⁴⁸ paths, said in full, with the ceiling.
        #expect(problem?.contains("n0 has 281474976710656 paths to n48") == true, "\(problem ?? "nil")")
        #expect(problem?.contains("at most \(Explanation.maxListedPaths)") == true)
        #expect(
            Explanation.listingProblem(graph: graph, wrt: start, of: end, maxPaths: Explanation.maxListedPaths) == nil)
        // A graph with few paths lists them all, whatever is asked for.
        let (small, from, to) = PathCountTests.diamonds(3, named: true)
        #expect(Explanation.listingProblem(graph: small, wrt: from, of: to, maxPaths: Int.max) == nil)
        let all = Explanation(graph: small, wrt: from, of: to, maxPaths: Int.max, pathOrder: .size)
        #expect(all.paths.count == 8 && all.listsEveryPath)
    }
}
