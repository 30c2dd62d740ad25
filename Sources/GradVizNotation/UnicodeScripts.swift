/// The Unicode subscript and superscript characters GradViz reads and writes, in one table:
/// `₁` is a subscript 1, `⁽` a superscript parenthesis, `ᵦ` a subscript β, `ᴬ` a superscript A.
///
/// Display labels write names with these characters (`w_1` → w₁); figures read them back to set
/// real subscripts (`w₁` → w<SUB>1</SUB>) and LaTeX to write `w_{1}`. One table keeps the three
/// in step: a character added here is known to all of them.
public enum UnicodeScripts {
    /// Whether a character is set below or above the line.
    public enum Position: Sendable {
        case `subscript`, superscript
    }

    /// A run of script characters read back as plain text: `₁,₂` → subscript `1,2`.
    public struct Run: Hashable, Sendable {
        /// Below or above the line.
        public let position: Position
        /// The plain characters (`1,2`, `(1)`, `T`); a script minus reads as `−` (U+2212).
        public let plain: String
    }

    /// Pairs of plain character and script character, for each position. Unicode has no
    /// script form for some letters (subscript b, superscript q): they are simply missing.
    private static let pairs: [Position: (plain: String, script: String)] = [
        .subscript: (
            "0123456789+−=()aeoxhklmnpstijruvβγρφχ",
            "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥᵦᵧᵨᵩᵪ"
        ),
        .superscript: (
            "0123456789+−=()abcdefghijklmnoprstuvwxyzTABDEGHIJKLMNOPRUVW",
            "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂ"
        ),
    ]

    private static let toScript: [Position: [Character: Character]] = pairs.mapValues { pair in
        var table = Dictionary(uniqueKeysWithValues: zip(pair.plain, pair.script))
        table["-"] = table["−"]  // an ASCII hyphen-minus is written as the same script minus
        return table
    }

    private static let fromScript: [Character: (Position, Character)] = {
        var table: [Character: (Position, Character)] = [:]
        for (position, pair) in pairs {
            for (plain, script) in zip(pair.plain, pair.script) { table[script] = (position, plain) }
        }
        return table
    }()

    /// The script form of `plain` at `position`, or `nil` when Unicode has none.
    public static func script(_ plain: Character, _ position: Position) -> Character? {
        toScript[position]?[plain]
    }

    /// `text` written entirely in script characters at `position` (commas kept, as in w₁,₂),
    /// or `nil` when one character has no script form.
    public static func scripted(_ text: String, _ position: Position) -> String? {
        var result = ""
        for character in text {
            if character == "," {
                result.append(",")
            } else if let replacement = script(character, position) {
                result.append(replacement)
            } else {
                return nil
            }
        }
        return result
    }

    /// The position and plain form of a script character, or `nil` for any other character.
    public static func plain(_ character: Character) -> (position: Position, plain: Character)? {
        fromScript[character].map { (position: $0.0, plain: $0.1) }
    }

    /// The run of script characters of one position starting at `index`, with `index` moved past
    /// it; `nil` (and `index` unchanged) when the scalar there is not a script character.
    ///
    /// A comma between two script characters of the run belongs to it (`w₁,₂` is w with the
    /// subscript `1,2`).
    public static func run(in scalars: [Unicode.Scalar], from index: inout Int) -> Run? {
        guard index < scalars.count, let (position, _) = plain(Character(scalars[index])) else { return nil }
        func plainInRun(_ scalar: Unicode.Scalar) -> Character? {
            guard let (found, character) = plain(Character(scalar)), found == position else { return nil }
            return character
        }
        var text = ""
        while index < scalars.count {
            if let character = plainInRun(scalars[index]) {
                text.append(character)
                index += 1
            } else if scalars[index] == ",", index + 1 < scalars.count, plainInRun(scalars[index + 1]) != nil {
                text.append(",")
                index += 1
            } else {
                break
            }
        }
        return Run(position: position, plain: text)
    }
}
