package corpus

import (
	"fmt"
	"strings"
	"testing"

	"newsbot/data/article"
)

// madeUpSurname is the i-th of many invented capitalised words ("Kabadu"),
// so that a hostile article can name thousands of distinct people.
func madeUpSurname(i int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var sb strings.Builder
	sb.WriteByte(cons[i%len(cons)] - 'a' + 'A')
	i /= len(cons)
	for range 3 {
		sb.WriteByte(vows[i%len(vows)])
		i /= len(vows)
		sb.WriteByte(cons[i%len(cons)])
		i /= len(cons)
	}
	return sb.String()
}

// hostileArticle is an invented article of about n bytes built to hurt the
// analysis: half of it names a new made-up person per paragraph, each
// quoted twice (by full name, then by honorific and surname alone); the
// other half is one paragraph with no break, dense with parentheses,
// names and quotations.
func hostileArticle(n int) string {
	firsts := []string{"Anna", "Peter", "Walter", "Nora", "Sandra", "Hugo", "Clara", "Ivan", "Maria", "Oscar"}
	var b strings.Builder
	for i := 0; b.Len() < n/2; i++ {
		s, f := madeUpSurname(i*7919+3), firsts[i%len(firsts)]
		fmt.Fprintf(&b, "%s %s, a lawyer from the valley, said: “We will open the road (and the old bridge) before winter.” ", f, s)
		fmt.Fprintf(&b, "“It is late,” Mr. %s told reporters, “but the council (for once) agrees.”\n\n", s)
	}
	for i := 0; b.Len() < n; i++ {
		s, f := madeUpSurname(i*104729+11), firsts[(i+3)%len(firsts)]
		fmt.Fprintf(&b, "(%s %s, in a note) “the plan (if any) holds,” %s said (later), ", f, s, s)
	}
	return b.String()
}

// BenchmarkAnalyzeHostile analyses hostile articles of growing size; MB/s
// stays flat when every step is linear in the article.
func BenchmarkAnalyzeHostile(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"256KiB", 256 << 10}, {"1MiB", 1 << 20}} {
		body := hostileArticle(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Analyze(article.Article{Title: "A hostile article", Body: body})
			}
		})
	}
}
