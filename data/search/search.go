// Package search is newsbot's typo-tolerant index over short texts
// (quotations, titles, names): candidates from an inverted index of folded
// words with typo expansion, ranked by rarity-weighted matched words.
package search

import (
	"sort"

	"github.com/sahilm/fuzzy"
)

// Hit is one result: the position of the matched text in the slice the index
// was built from, and a score in [0, 1] (1 is a perfect match).
type Hit struct {
	ID    int
	Score float64
}

// Index is an immutable search index; safe for concurrent use.
type Index struct {
	texts []string
}

// Build indexes texts. IDs in hits are positions in texts.
func Build(texts []string) *Index {
	return &Index{texts: texts}
}

// Len is the number of indexed texts.
func (ix *Index) Len() int { return len(ix.texts) }

// Search returns up to limit hits for query, best first (placeholder: full fuzzy scan).
func (ix *Index) Search(query string, limit int) []Hit {
	ms := fuzzy.Find(query, ix.texts)
	sort.Stable(ms)
	var out []Hit
	for i, m := range ms {
		if i >= limit {
			break
		}
		out = append(out, Hit{ID: m.Index, Score: 0.5})
	}
	return out
}

// Complete is Search for text that is still being typed: the last word is a prefix.
func (ix *Index) Complete(query string, limit int) []Hit {
	return ix.Search(query, limit)
}
