import GradVizEngine

/// What one frame of a slide build shows of the full figure; everything else is left blank,
/// keeping its space.
package struct FrameReveal {
    /// How much of the `wrt` legend a frame shows.
    package enum Legend: Equatable {
        /// Nothing: the legend's space is blank and no path is lit.
        case hidden
        /// The legend's heading and its first `count` paths; path `count` (1-based) is lit.
        case paths(Int)
        /// Everything, as in the full figure: every path lit, the sum and the check.
        case complete
    }

    /// A frame that shows nothing yet.
    package init() {}

    /// Nodes whose forward value (and kink warning) is shown.
    package var values: Set<NodeID> = []
    /// Nodes whose gradient is shown, with the gradient shown: the final one, or the partial sum
    /// of what has arrived so far.
    package var gradients: [NodeID: Tensor] = [:]
    /// Nodes whose shown gradient is a partial sum, marked as such.
    package var partial: Set<NodeID> = []
    /// Indices of the view's edges whose local derivative is shown.
    package var edgeLabels: Set<Int> = []
    /// How much of the legend is shown.
    package var legend: Legend = .hidden
    /// What just happened, drawn under the figure; `nil` for none.
    package var caption: LabelText?

    /// Whether path `number` (0-based, as listed) is drawn in its colour.
    func lights(path number: Int) -> Bool {
        switch legend {
        case .hidden: false
        case .paths(let count): number == count - 1
        case .complete: true
        }
    }

    /// Whether the legend row of path `number` (0-based) is shown.
    func showsLegendRow(path number: Int) -> Bool {
        switch legend {
        case .hidden: false
        case .paths(let count): number < count
        case .complete: true
        }
    }
}
