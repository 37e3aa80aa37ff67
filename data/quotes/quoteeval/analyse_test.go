package quoteeval

import (
	"testing"

	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

// TestAnalyseIsWhatUsersGet checks that the evaluation scores quotations
// as corpus.Analyze leaves them: after the entity step, which gives a
// document's words to the organisation that issued it, where the
// quotation extractor alone names the document. Invented examples.
func TestAnalyseIsWhatUsersGet(t *testing.T) {
	tests := []struct {
		name, body, quote, extractor, users string
	}{
		{"a report speaks for its issuer",
			"Researchers at the Kestrel Policy Centre surveyed 300 orchards across the valley last spring.\n\n" +
				"“Most growers sold their apples below cost this year,” the report said.",
			"Most growers sold their apples below cost this year,", "report", "Kestrel Policy Centre"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.body)
			toks := text.Tokenize(tc.body)
			raw := quotes.ExtractTokens(tc.body, sents, toks, people.FindTokens(tc.body, sents, toks))
			speaker := func(qs []Quote) string {
				for _, q := range qs {
					if q.Text == tc.quote {
						return q.Speaker
					}
				}
				t.Fatalf("quotation %q not found in %+v", tc.quote, qs)
				return ""
			}
			if got := speaker(raw); got != tc.extractor {
				t.Logf("extractor alone: %q (want %q; the test is about the difference)", got, tc.extractor)
			}
			if got := speaker(Analyse(tc.body)); got != tc.users {
				t.Errorf("Analyse: speaker %q, want %q", got, tc.users)
			}
		})
	}
}
