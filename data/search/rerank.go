package search

import (
	"math"
	"sort"

	"github.com/sahilm/fuzzy"

	"newsbot/data/text"
)

// runSpans turns fuzzy's matched byte indexes into spans of consecutive
// bytes.
func runSpans(idx []int) []text.Span {
	var out []text.Span
	for _, i := range idx {
		if n := len(out); n > 0 && out[n-1].End == i {
			out[n-1].End = i + 1
			continue
		}
		out = append(out, text.Span{Start: i, End: i + 1})
	}
	return out
}

// fuzzyRerank uses sahilm/fuzzy on short texts: a subsequence match of the
// whole query breaks ties between hits of equal score, and when no word
// matched well it finds run-together or clipped names by a scan of all
// texts, which is cheap for a few thousand titles or names.
func (ix *Index) fuzzyRerank(query string, groups []group, hits []Hit, limit int) []Hit {
	good := len(hits) > 0 && hits[0].Score >= 0.5
	content := false
	for _, g := range groups {
		content = content || !g.common
	}
	// A query of common words only would match run-together names by
	// chance ("the" in "Heather").
	if !good && content && len(ix.texts) <= MaxFuzzyScan && len(query) <= maxFuzzyQuery {
		seen := map[int]bool{}
		for _, h := range hits {
			seen[h.ID] = true
		}
		for _, m := range fuzzy.Find(query, ix.texts) {
			if seen[m.Index] {
				continue
			}
			// Confidence from how much of the text the query covers.
			cover := float64(len(m.MatchedIndexes)) / float64(max(1, len(ix.texts[m.Index])))
			hits = append(hits, Hit{ID: m.Index, Score: 0.3 + 0.4*cover, Matched: runSpans(m.MatchedIndexes)})
		}
	}
	if len(hits) < 2 {
		return hits
	}
	short := make([]string, len(hits))
	for i, h := range hits {
		short[i] = ix.texts[h.ID]
	}
	bonus := make([]float64, len(hits))
	if len(query) > maxFuzzyQuery {
		return hits[:min(limit, len(hits))]
	}
	for _, m := range fuzzy.Find(query, short) {
		bonus[m.Index] = 1 // a subsequence match of the whole query
	}
	idx := make([]int, len(hits))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ha, hb := hits[idx[a]], hits[idx[b]]
		if math.Abs(ha.Score-hb.Score) > 1e-9 {
			return ha.Score > hb.Score
		}
		return bonus[idx[a]] > bonus[idx[b]]
	})
	out := make([]Hit, 0, min(limit, len(hits)))
	for _, i := range idx {
		if len(out) == limit {
			break
		}
		out = append(out, hits[i])
	}
	return out
}
