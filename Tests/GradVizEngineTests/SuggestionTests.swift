import GradVizEngine
import Testing

/// "Did you mean": the closest known name within a typo's distance, nothing otherwise.
@Suite struct SuggestionTests {
    @Test func typosFindTheIntendedName() {
        #expect(Suggestion.closest(to: "sigmod", among: ["relu", "sigmoid", "softmax"]) == "sigmoid")
        #expect(Suggestion.closest(to: "w2", among: ["x", "w1", "b1"]) == "w1")
        // A swap is one edit.
        #expect(Suggestion.closest(to: "--rnakdir", among: ["--rankdir", "--theme"]) == "--rankdir")
        #expect(Suggestion.closest(to: "Yhat", among: ["yhat", "y"]) == "yhat")
        #expect(Suggestion.closest(to: "lenght", among: ["length", "left"]) == "length")
    }

    @Test func farOrOneLetterNamesGetNothing() {
        #expect(Suggestion.closest(to: "z", among: ["x", "y"]) == nil)
        #expect(Suggestion.closest(to: "banana", among: ["relu", "tanh"]) == nil)
        #expect(Suggestion.closest(to: "", among: ["x"]) == nil)
        #expect(Suggestion.closest(to: "x", among: [String]()) == nil)
        #expect(
            Suggestion.closest(to: String(repeating: "a", count: 100), among: [String(repeating: "a", count: 99)])
                == nil)
    }

    @Test func theExactNameIsNotSuggestedAndTiesGoToTheFirst() {
        #expect(Suggestion.closest(to: "w1", among: ["w1"]) == nil)
        #expect(Suggestion.closest(to: "w3", among: ["w1", "w2"]) == "w1")
        #expect(Suggestion.didYouMean("tnah", among: ["tanh"]) == "; did you mean 'tanh'?")
        #expect(Suggestion.didYouMean("qq", among: ["tanh"]) == "")
    }
}
