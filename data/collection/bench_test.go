package collection

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/search/synth"
)

// synthArticles are n invented articles of six quotations each, built from
// the synthetic quotation generator.
func synthArticles(n int, seed uint64) []article.Article {
	qs := synth.Quotes(n*6, seed, nil)
	arts := make([]article.Article, n)
	for i := range arts {
		var b strings.Builder
		for j := range 6 {
			fmt.Fprintf(&b, "Officials met on Tuesday to discuss plan %d-%d.\n\n“%s,” said Ann Lee%d, the minister.\n\n", seed, i, qs[i*6+j], j)
		}
		arts[i] = article.Article{ID: fmt.Sprintf("s%d-%d", seed, i), Title: fmt.Sprintf("Story %d-%d about the plan", seed, i), Body: b.String()}
	}
	return arts
}

// BenchmarkAddAt10k measures adding one article to a server whose corpus
// has 10,000 articles until every command answers from it: "incremental" is
// what Manager.Add does (analyse the one article, rebuild the indexes over
// already analysed docs); "reanalyse" is the baseline of re-analysing the
// whole collection. Compare with benchstat; the bar is 2 s an add.
func BenchmarkAddAt10k(b *testing.B) {
	const n = 10_000
	arts := synthArticles(n, 1)
	base := corpus.NewStore(corpus.Build(arts))
	b.Run("incremental", func(b *testing.B) {
		st := openStore(b, filepath.Join(b.TempDir(), "newsbot.db"))
		defer st.Close()
		m := New(base, st, nil, nil)
		m.Load(context.Background())
		extra := synthArticles(b.N, 2)
		b.ResetTimer()
		for i := range b.N {
			if _, err := m.Add(context.Background(), "g1", "111", extra[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("reanalyse", func(b *testing.B) {
		extra := synthArticles(b.N, 3)
		b.ResetTimer()
		for i := range b.N {
			corpus.Build(append(append([]article.Article(nil), arts...), extra[i]))
		}
	})
}
