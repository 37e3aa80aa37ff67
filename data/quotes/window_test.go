package quotes

import (
	"strings"
	"testing"

	"newsbot/data/text"
)

// TestScanWindowsBounded checks that no attribution rule sees a sentence
// longer than maxSentenceTokens, whatever the input: run-on text without
// stops made the extraction quadratic (a 1 MB article took 25–46 s).
func TestScanWindowsBounded(t *testing.T) {
	tests := []struct{ name, body string }{
		{"run-on words", strings.Repeat("the council said Ann Ortiz and “we will win,” he told reporters ", 400)},
		{"marks only", strings.Repeat("“a,” ‘b’ \"c\" ", 1000)},
		{"one sentence of names", strings.Repeat("Ann Ortiz, Tom Reyes, ", 500) + "said it."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := text.Tokenize(tc.body)
			d := newDoc(tc.body, text.Sentences(tc.body), toks, nil)
			for s := range d.sentTok {
				a, b := d.sentRange(s)
				if b-a > maxSentenceTokens {
					t.Fatalf("sentence %d spans %d tokens, more than %d", s, b-a, maxSentenceTokens)
				}
			}
			if len(d.sentTok) < len(toks)/maxSentenceTokens {
				t.Errorf("%d windows for %d tokens", len(d.sentTok), len(toks))
			}
			Extract(tc.body, nil, nil) // and the whole extraction runs on it
		})
	}
}
