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
		return fmt.Sprintf("%s Kabadu, a lawyer, said: “We will open the road.” “It is late,” Mr. Kabadu told reporters.\n\n", madeUpSurname(i*31+7))
	}},
	{"one-given-name", func(i int) string {
		return fmt.Sprintf("Anna %s, a lawyer, said: “We will open the road.” “It is late,” Anna told reporters.\n\n", madeUpSurname(i*31+7))
	}},
	{"one-office", func(i int) string {
		return fmt.Sprintf("The mayor, Nora %s, said “we will open the road.” “It is late,” the mayor said. ", madeUpSurname(i*31+7))
	}},
	{"pronouns", func(i int) string {
		return fmt.Sprintf("Hugo %s spoke. “It is late,” he said. “Yes,” she said. “No,” they said. ", madeUpSurname(i*31+7))
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
