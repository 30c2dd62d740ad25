/// Splits a line of text into script runs the way pango's script iterator does, so kerning and
/// ligatures apply where pango applies them (each run is shaped on its own).
///
/// Common characters (digits, punctuation, symbols) join the run they are in: at the start of a
/// line they take the first real script that follows, after it the script before them. A closing
/// bracket takes the script of its opening bracket (pango's paired characters), which can start
/// a new run: in `α(x)` the `)` belongs with `α(`, not with `x`.
enum UnicodeScriptRuns {
    /// Script 0 is Common; others are real scripts (as numbered by `EmbeddedFont`).
    static let common = 0

    /// The resolved script of every character, given each character's own script.
    static func resolve(_ scripts: [Int], scalars: [Unicode.Scalar]) -> [Int] {
        var resolved = Array(repeating: common, count: scripts.count)
        var runScript = common
        var runStart = 0
        // Open brackets: their pair index and the script they were given.
        var stack: [(pair: Int, script: Int)] = []
        var runStackStart = 0
        for index in scripts.indices {
            var script = scripts[index]
            let pair = pairedIndex(of: scalars[index].value)
            var closes = false
            if let pair {
                if pair % 2 == 0 {
                    stack.append((pair, runScript))
                } else {
                    while let last = stack.last, last.pair != pair - 1 { stack.removeLast() }
                    if let last = stack.last {
                        script = last.script
                        closes = true
                    }
                }
            }
            if script == common || runScript == common || script == runScript {
                if runScript == common && script != common {
                    runScript = script
                    for open in runStackStart..<stack.count { stack[open].script = script }
                    for earlier in runStart..<index { resolved[earlier] = script }
                }
            } else {
                runScript = script
                runStart = index
                runStackStart = stack.count
            }
            if closes {
                stack.removeLast()
                runStackStart = min(runStackStart, stack.count)
            }
            resolved[index] = runScript
        }
        return resolved
    }

    /// pango's paired characters, opening then closing: an even index opens, the next closes.
    private static let paired: [UInt32] = [
        0x0028, 0x0029, 0x003C, 0x003E, 0x005B, 0x005D, 0x007B, 0x007D, 0x00AB, 0x00BB,
        0x0F3A, 0x0F3B, 0x0F3C, 0x0F3D, 0x169B, 0x169C, 0x2018, 0x2019, 0x201C, 0x201D,
        0x2039, 0x203A, 0x2045, 0x2046, 0x207D, 0x207E, 0x208D, 0x208E, 0x27E6, 0x27E7,
        0x27E8, 0x27E9, 0x27EA, 0x27EB, 0x2983, 0x2984, 0x2985, 0x2986, 0x2987, 0x2988,
        0x2989, 0x298A, 0x298B, 0x298C, 0x298D, 0x298E, 0x298F, 0x2990, 0x2991, 0x2992,
        0x2993, 0x2994, 0x2995, 0x2996, 0x2997, 0x2998, 0x3008, 0x3009, 0x300A, 0x300B,
        0x300C, 0x300D, 0x300E, 0x300F, 0x3010, 0x3011, 0x3014, 0x3015, 0x3016, 0x3017,
        0x3018, 0x3019, 0x301A, 0x301B, 0xFD3E, 0xFD3F, 0xFE59, 0xFE5A, 0xFE5B, 0xFE5C,
        0xFE5D, 0xFE5E, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D, 0xFF5B, 0xFF5D, 0xFF5F, 0xFF60,
        0xFF62, 0xFF63,
    ]

    private static func pairedIndex(of value: UInt32) -> Int? {
        guard value >= 0x28, value <= 0xFF63 else { return nil }
        return paired.firstIndex(of: value)
    }
}
