/// One recorded operation on the tape: 32 bytes of plain data, no references.
///
/// The value's entries live in the graph's flat value storage at `offset`; inputs are indices of
/// earlier nodes (`-1` when absent), so the whole graph is a few buffers that free in one step.

struct Node: BitwiseCopyable {
    var op: Op
    var rank: UInt8
    /// Bit 0: the forward pass hit a kink (relu or abs at exactly 0, max or min at a tie).
    /// Bit 1: the leaf is data (no gradient wanted, like PyTorch's `requires_grad=False`).
    /// Bits 2 and 3, on scalar elementwise nodes: the first or second input is a constant, so
    /// the backward pass skips it without reading its node.
    var flags: UInt8
    var rows: Int32
    var columns: Int32
    var lhs: Int32
    var rhs: Int32
    /// Index into ``Graph/modules`` of the innermost module that recorded the node, or -1.
    var module: Int32
    var offset: Int

    static let kinkFlag: UInt8 = 1
    static let dataFlag: UInt8 = 2
    static let lhsConstantFlag: UInt8 = 4
    static let rhsConstantFlag: UInt8 = 8

    var shape: Shape { Shape(rank: Int(rank), rows: Int(rows), columns: Int(columns)) }

    var count: Int { Int(rows) * Int(columns) }
}
