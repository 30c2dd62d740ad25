import GradVizDOT
import GradVizExplain
import Testing

/// The DOT of every lecture example, pinned byte for byte. The numbers in these files were
/// checked by hand against the lecture when they were recorded (see each test's comment);
/// `FigureNumberTests` asserts the key ones independently.
@Suite struct SnapshotTests {
    @Test func addition() throws {
        Snapshot.check(try LectureExamples.figure(LectureExamples.add).dot, named: "add")
    }

    @Test func reluNeuron() throws {
        // u = 6, v = 5, a = 5; ∂a/∂v = 1, ∂a/∂w = x = 2.
        Snapshot.check(try LectureExamples.figure(LectureExamples.reluNeuron).dot, named: "relu-neuron")
    }

    @Test func reluAtItsKink() throws {
        // v = 0: relu′ does not exist, the convention 0 is used and the node says so.
        Snapshot.check(try LectureExamples.figure(LectureExamples.reluAtZero).dot, named: "relu-at-zero")
    }

    @Test func singlePath() throws {
        let options = FigureOptions(wrt: "w1")
        Snapshot.check(try LectureExamples.figure(LectureExamples.singlePath, options).dot, named: "single-path-wrt-w1")
    }

    @Test func weightSharing() throws {
        let options = FigureOptions(wrt: "w1")
        Snapshot.check(
            try LectureExamples.figure(LectureExamples.weightSharing, options).dot, named: "weight-sharing-wrt-w1")
    }

    @Test func regression() throws {
        // ŷ = 37, L = 9, ∂L/∂ŷ = −6, ∂L/∂w₂ = −102, ∂L/∂w₁ = −36, ∂L/∂b₁ = −12, ∂L/∂b₂ = −6.
        Snapshot.check(try LectureExamples.figure(LectureExamples.regression).dot, named: "regression")
    }

    @Test func regressionPathOfW2() throws {
        // One path w₂ → ŷ → L with factors 17 and −6: product −102.
        let options = FigureOptions(wrt: "w2")
        Snapshot.check(try LectureExamples.figure(LectureExamples.regression, options).dot, named: "regression-wrt-w2")
    }

    @Test func regressionOpsView() throws {
        let options = FigureOptions(view: .ops)
        Snapshot.check(try LectureExamples.figure(LectureExamples.regression, options).dot, named: "regression-ops")
    }

    @Test func regressionForwardOnly() throws {
        let options = FigureOptions(showGradients: false, showEdgeLabels: false)
        Snapshot.check(
            try LectureExamples.figure(LectureExamples.regression, options).dot, named: "regression-forward")
    }

    @Test func regressionDarkTopToBottom() throws {
        let options = FigureOptions(rankdir: .TB, theme: .dark)
        Snapshot.check(try LectureExamples.figure(LectureExamples.regression, options).dot, named: "regression-dark-tb")
    }

    @Test func fullyConnectedPrint() throws {
        let options = FigureOptions(wrt: "w_1_1__1", theme: .print)
        Snapshot.check(
            try LectureExamples.figure(LectureExamples.fullyConnected, options).dot,
            named: "fully-connected-wrt-w11-print")
    }

    @Test func fullyConnected() throws {
        let options = FigureOptions(wrt: "w_1_1__1")
        Snapshot.check(
            try LectureExamples.figure(LectureExamples.fullyConnected, options).dot, named: "fully-connected-wrt-w11")
    }

    @Test func tensorModules() throws {
        Snapshot.check(try LectureExamples.figure(LectureExamples.tensorModules).dot, named: "tensor-modules")
    }

    @Test func tensorModulesPathsOfW1() throws {
        let options = FigureOptions(wrt: "W__1")
        Snapshot.check(
            try LectureExamples.figure(LectureExamples.tensorModules, options).dot, named: "tensor-modules-wrt-W1")
    }
}
