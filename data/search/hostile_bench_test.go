package search

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// hostileQueries are inputs built to make one query as expensive as
// possible: words that fold longer than they look, words far past any typo
// allowance, as many typo-tolerant words as a query keeps.
func hostileQueries() []struct{ name, query string } {
	r := rand.New(rand.NewPCG(4000, 1))
	long := make([]byte, 4000)
	for i := range long {
		long[i] = byte('a' + r.IntN(26))
	}
	var typoWords []string
	for i := 0; i < 40; i++ {
		w := make([]byte, 12)
		for j := range w {
			w[j] = byte('a' + r.IntN(26))
		}
		typoWords = append(typoWords, string(w))
	}
	return []struct{ name, query string }{
		{"ligatures-299", strings.Repeat("ﬃ", 299) + "x"},
		{"words-then-ligatures", "the specifics of the " + strings.Repeat("ﬃ", 299) + "x"},
		{"word-1000", string(long[:1000])},
		{"word-4000", string(long)},
		{"typo-words-40", strings.Join(typoWords, " ")},
		{"repeated-the-2000", strings.Repeat("the ", 2000) + "th"},
	}
}

// BenchmarkHostileKeystroke is one autocomplete keystroke of a hostile
// option on a 100,000-quotation index (the worst keystroke of issue 10).
//
//	go test ./data/search -run '^$' -bench HostileKeystroke -benchtime 3x -count 6
func BenchmarkHostileKeystroke(b *testing.B) {
	s := getBenchSet(b, 100_000)
	for _, h := range hostileQueries() {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s.ix.Complete(h.query, 25)
			}
		})
	}
}
