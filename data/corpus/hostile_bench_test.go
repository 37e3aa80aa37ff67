package corpus

import (
	"fmt"
	"strings"
	"testing"

	"newsbot/data/article"

	"newsbot/data/article/articletest"
)

// hostileArticle is an invented article of about n bytes built to hurt the
// analysis: half of it names a new made-up person per paragraph, each
// quoted twice (by full name, then by honorific and surname alone); the
// other half is one paragraph with no break, dense with parentheses,
// names and quotations.
func hostileArticle(n int) string {
	firsts := []string{"Anna", "Peter", "Walter", "Nora", "Sandra", "Hugo", "Clara", "Ivan", "Maria", "Oscar"}
	var b strings.Builder
	for i := 0; b.Len() < n/2; i++ {
		s, f := articletest.InventedName(i*7919+3, 3), firsts[i%len(firsts)]
		fmt.Fprintf(&b, "%s %s, a lawyer from the valley, said: “We will open the road (and the old bridge) before winter.” ", f, s)
		fmt.Fprintf(&b, "“It is late,” Mr. %s told reporters, “but the council (for once) agrees.”\n\n", s)
	}
	for i := 0; b.Len() < n; i++ {
		s, f := articletest.InventedName(i*104729+11, 3), firsts[(i+3)%len(firsts)]
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
	}{{"256KiB", 256 << 10}, {"1MiB", 1 << 20}, {"5MiB", 5 << 20}} {
		body := hostileArticle(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Analyze(article.Article{Title: "A hostile article", Body: body})
			}
		})
	}
}

// hostileShapes are invented paragraphs, one new person each, that stress
// one lookup each: a cast all of one surname, all of one given name, all
// holding one office ("the mayor said"), and plural and pronoun speakers.
var hostileShapes = []struct {
	name string
	para func(i int) string
}{
	{"one-surname", func(i int) string {
		return fmt.Sprintf("%s Kabadu, a lawyer, said: “We will open the road.” “It is late,” Mr. Kabadu told reporters.\n\n", articletest.InventedName(i*31+7, 3))
	}},
	{"one-given-name", func(i int) string {
		return fmt.Sprintf("Anna %s, a lawyer, said: “We will open the road.” “It is late,” Anna told reporters.\n\n", articletest.InventedName(i*31+7, 3))
	}},
	{"one-office", func(i int) string {
		return fmt.Sprintf("The mayor, Nora %s, said “we will open the road.” “It is late,” the mayor said. ", articletest.InventedName(i*31+7, 3))
	}},
	{"pronouns", func(i int) string {
		return fmt.Sprintf("Hugo %s spoke. “It is late,” he said. “Yes,” she said. “No,” they said. ", articletest.InventedName(i*31+7, 3))
	}},
}

// BenchmarkAnalyzeHostileShapes analyses a 512 KiB article of each hostile
// shape: each was seconds or more while a lookup scanned the whole cast.
func BenchmarkAnalyzeHostileShapes(b *testing.B) {
	for _, s := range hostileShapes {
		var sb strings.Builder
		for i := 0; sb.Len() < 512<<10; i++ {
			sb.WriteString(s.para(i))
		}
		body := sb.String()
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				Analyze(article.Article{Title: "A hostile article", Body: body})
			}
		})
	}
}
