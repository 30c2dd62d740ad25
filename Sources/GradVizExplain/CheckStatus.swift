import GradVizEngine

/// The verdict of one row of a ``CheckReport``: the engine's ``GradientCheck/Verdict``, which
/// `explain` gives too, so both say the same word for the same gradient.
public typealias CheckStatus = GradientCheck.Verdict
