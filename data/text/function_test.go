package text

import "testing"

func TestIsFunctionWord(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"the", true},
		{"of", true},
		{"and", true},
		{"im", true},    // "I'm" as Words folds it
		{"dont", true},  // "don't"
		{"said", true},  // attribution
		{"x", true},     // single letters
		{"7", true},     // single digits
		{"", true},      // nothing at all says nothing
		{"best", false}, // content words
		{"backstop", false},
		{"ukraine", false},
		{"The", false}, // not folded: callers pass Words' output
		{"theory", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := IsFunctionWord(tt.word); got != tt.want {
				t.Errorf("IsFunctionWord(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}

// Every listed word must be reachable as Words folds it: a listed word that
// Words would never produce (capitals, an apostrophe) is dead weight.
func TestFunctionWordsFolded(t *testing.T) {
	for w := range functionWords {
		if ws := Words(w); len(ws) != 1 || ws[0] != w {
			t.Errorf("function word %q folds to %q", w, ws)
		}
	}
}
