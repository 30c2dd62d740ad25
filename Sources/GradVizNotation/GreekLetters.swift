/// The Greek alphabet as GradViz names it: `alpha` ↔ α, `Sigma` ↔ Σ, α ↔ `\alpha` in LaTeX.
///
/// Display labels turn names into letters (`sigma3` → σ₃); LaTeX turns letters into commands.
/// Both read this one list.
enum GreekLetters {
    /// The letters in alphabetical order: name, small letter, capital letter.
    static let alphabet: [(name: String, lower: Character, upper: Character)] = {
        let names = [
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
            "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi",
            "chi", "psi", "omega",
        ]
        return Array(zip(names, zip("αβγδεζηθικλμνξοπρστυφχψω", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")))
            .map { (name: $0.0, lower: $0.1.0, upper: $0.1.1) }
    }()

    /// A letter by name: `alpha` → α, `Alpha` → Α (a capitalised name is the capital letter).
    static let byName: [String: Character] = {
        var table: [String: Character] = [:]
        for letter in alphabet {
            table[letter.name] = letter.lower
            table[letter.name.prefix(1).uppercased() + letter.name.dropFirst()] = letter.upper
        }
        return table
    }()

    /// Capitals that look like Latin letters, which LaTeX has no command for: Α is `A`.
    private static let latinLookalikes: [Character: Character] = Dictionary(
        uniqueKeysWithValues: zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧ", "ABEZHIKMNOPTX"))

    /// A letter as LaTeX math: `\alpha`, `\Sigma`, `A` for Α, `o` for ο, `\varsigma` for ς.
    static let latex: [Character: String] = {
        var table: [Character: String] = [:]
        for letter in alphabet {
            table[letter.lower] = letter.name == "omicron" ? "o" : "\\" + letter.name
            table[letter.upper] =
                latinLookalikes[letter.upper].map(String.init)
                ?? "\\" + letter.name.prefix(1).uppercased() + letter.name.dropFirst()
        }
        for (variant, command) in zip("ςϵϑϕϱϖ", ["varsigma", "epsilon", "vartheta", "phi", "varrho", "varpi"]) {
            table[variant] = "\\" + command
        }
        return table
    }()
}
