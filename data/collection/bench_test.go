package collection

import (
	"context"
	"errors"
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
// has 10,000 articles until every command answers from it: "incremental"
// is what Manager.Add does (analyse the one article, index it in a small
// new segment of the shared indexes, make the server's view); "rebuild" is
// what it did before the indexes were shared, and the baseline: a whole
// corpus over the already analysed docs and the new one, every index built
// anew; "reanalyse" re-analyses the whole collection too. Compare with
// benchstat; the bar is 2 s an add.
func BenchmarkAddAt10k(b *testing.B) {
	const n = 10_000
	arts := synthArticles(n, 1)
	base := corpus.NewStore(corpus.Build(arts))
	b.Run("incremental", func(b *testing.B) {
		st := openStore(b, filepath.Join(b.TempDir(), "newsbot.db"))
		defer st.Close()
		m := New(base, st, nil, nil)
		m.Load(context.Background())
		// The duplicate check's keys of the base are made once per base
		// version, at the first addition: not a cost of every addition.
		if _, err := m.Add(context.Background(), "g1", "111", arts[0]); !errors.Is(err, ErrInBase) {
			b.Fatalf("warming the base keys: %v", err)
		}
		extra := synthArticles(b.N, 2)
		b.ResetTimer()
		for i := range b.N {
			if _, err := m.Add(context.Background(), "g1", "111", extra[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rebuild", func(b *testing.B) {
		docs := base.Current().Docs
		extra := synthArticles(b.N, 3)
		b.ResetTimer()
		for i := range b.N {
			c := corpus.New(append(docs[:len(docs):len(docs)], corpus.Analyze(extra[i])))
			// Every index, as a corpus copy built them all at once.
			c.FindArticle("story", 1)
			c.FindPerson("Ann Lee", 1)
		}
	})
	b.Run("reanalyse", func(b *testing.B) {
		extra := synthArticles(b.N, 3)
		b.ResetTimer()
		for i := range b.N {
			c := corpus.Build(append(append([]article.Article(nil), arts...), extra[i]))
			c.FindArticle("story", 1)
			c.FindPerson("Ann Lee", 1)
		}
	})
}
