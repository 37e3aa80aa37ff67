package corpus

import (
	"fmt"
	"strings"
	"testing"

	"newsbot/data/article"
	"newsbot/data/search/synth"
)

// synthDocs are n analysed invented articles of six quotations each.
func synthDocs(n int, seed uint64) []*Doc {
	qs := synth.Quotes(n*6, seed, nil)
	docs := make([]*Doc, n)
	for i := range docs {
		var b strings.Builder
		for j := range 6 {
			fmt.Fprintf(&b, "Officials met on Tuesday to discuss plan %d-%d.\n\n“%s,” said Ann Lee%d, the minister.\n\n", seed, i, qs[i*6+j], j)
		}
		docs[i] = Analyze(article.Article{ID: fmt.Sprintf("s%d-%d", seed, i), Title: fmt.Sprintf("Story %d-%d about the plan", seed, i), Body: b.String()})
	}
	return docs
}

// BenchmarkReloadAt10k measures a hot reload that changed one article of
// 10,000 (already analysed): "update" is Store.Update over the shared
// indexes (the changed article indexed in a new segment, the old one
// tombstoned); "rebuild" is the baseline, a new corpus with every index
// built anew, as the loader made before. Both build the titles and people
// indexes, which stay per corpus.
func BenchmarkReloadAt10k(b *testing.B) {
	docs := synthDocs(10_000, 1)
	b.Run("update", func(b *testing.B) {
		st := NewStore(New(docs))
		cur := append([]*Doc(nil), docs...)
		fresh := synthDocs(b.N, 2)
		b.ResetTimer()
		for i := range b.N {
			// A fresh slice each time: the served corpus holds the old.
			cur = append(cur[:len(cur)-1:len(cur)-1], fresh[i])
			c := st.Update(cur)
			c.FindArticle("story", 1)
		}
	})
	b.Run("rebuild", func(b *testing.B) {
		cur := append([]*Doc(nil), docs...)
		fresh := synthDocs(b.N, 3)
		b.ResetTimer()
		for i := range b.N {
			cur = append(cur[:len(cur)-1:len(cur)-1], fresh[i])
			c := New(cur)
			c.FindArticle("story", 1)
		}
	})
}
