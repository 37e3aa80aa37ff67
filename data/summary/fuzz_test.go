package summary

import (
	"slices"
	"testing"

	"newsbot/data/text"
)

// FuzzSummarize checks the contract on arbitrary text: no panic, indices
// ascending, distinct, in range, at most n (and at most MaxSentences).
func FuzzSummarize(f *testing.F) {
	f.Add("He said so. But why? Scroll down for video\nThe end.", "title", 3)
	f.Add("", "", 1)
	f.Add("A. B. C. D. E. F. G. H. I. J. K. L.", "x", 10)
	f.Add("Ünïcode wörds ünd 123 numbers. „Quoted” text here now.", "", 2)
	f.Fuzz(func(t *testing.T, body, title string, n int) {
		sents := text.Sentences(body)
		got := Summarize(title, sents, n)
		if got == nil {
			t.Fatal("nil result")
		}
		if len(got) > max(n, 0) || len(got) > MaxSentences {
			t.Fatalf("n=%d: got %d sentences", n, len(got))
		}
		if !slices.IsSorted(got) {
			t.Fatalf("not ascending: %v", got)
		}
		for k, i := range got {
			if i < 0 || i >= len(sents) || (k > 0 && got[k-1] == i) {
				t.Fatalf("bad index %d in %v (%d sentences)", i, got, len(sents))
			}
		}
	})
}
