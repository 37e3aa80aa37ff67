package search

import (
	"context"
	"slices"
	"sort"
)

type scratch struct {
	mask    []uint32 // per text: the groups that matched it (groupBit)
	touched []uint32 // texts whose mask is not zero
}

// Candidate selection: walk the postings of the rarest groups while they
// stay within budget (always at least minDrivers groups with postings, when
// the query has them), then fully score the best maxCandidates.
const (
	minDrivers    = 2
	softBudget    = 60_000
	hardBudget    = 200_000
	minBudget     = 2_000 // the least share of a segment (see budget)
	minCandidates = 64
	// segmentCands: a segment keeps up to this many times its share of
	// the candidates, as the best texts are not spread evenly.
	segmentCands  = 2
	maxCandidates = 256
)

// candidates selects the texts worth scoring: it walks the postings of
// the rarest groups within budget, keeps the texts that matched the most
// weight and re-weighs those tied at the edge on all groups. It returns
// nothing when no group has postings.
//
// keep, when not nil, leaves out texts (removed, or outside a collection).
//
// p is the groups to walk (planWalk): an Index plans on its own
// frequencies, the segments of a Segmented on those of all of them, so
// that they walk the postings one Index over the same texts would. b bounds
// the postings of a group too common to walk whole and the candidates
// kept: fullBudget for an Index, a share of it for a segment.
//
// The first partial candidates are weighed on the groups walked only (see
// choose).
func (ix *Index) candidates(ctx context.Context, groups []group, limit int, keep *keeper, p walkPlan, b budget) (cs []cand, partial int, err error) {
	if len(p.order) == 0 {
		return nil, 0, nil
	}
	var sc *scratch
	select {
	case sc = <-ix.scratch:
	default:
		sc = &scratch{mask: make([]uint32, len(ix.texts))}
	}
	defer func() {
		for _, d := range sc.touched {
			sc.mask[d] = 0
		}
		sc.touched = sc.touched[:0]
		select {
		case ix.scratch <- sc:
		default: // enough kept for the queries that run at once
		}
	}()
	if err := ix.walk(ctx, sc, groups, p, keep, b); err != nil {
		return nil, 0, err
	}
	cs, partial = ix.choose(sc, groups, limit, p.walk == len(p.order), b)
	return cs, partial, nil
}

// walkPlan is which groups a query walks the postings of: order lists the
// groups with postings, the rarest first, and the first walk of them are
// walked (always at least minDrivers when the query has them), the first
// one capped (markCapped) when it alone is over budget.
type walkPlan struct {
	order  []int
	walk   int
	capped bool
}

// planWalk plans the walk of groups with postings dfs (by group) within b.
func planWalk(dfs []int, b budget) walkPlan {
	var p walkPlan
	for i, df := range dfs {
		if df > 0 {
			p.order = append(p.order, i)
		}
	}
	sort.SliceStable(p.order, func(a, c int) bool { return dfs[p.order[a]] < dfs[p.order[c]] })
	walked := 0
	for k, gi := range p.order {
		df := dfs[gi]
		if k >= minDrivers && walked+df > b.soft || k > 0 && walked+df > b.hard {
			break
		}
		p.walk++
		if k == 0 && df > b.hard {
			// Even the rarest word is common ("the", "ther" and its
			// typos, a prefix of one letter).
			p.capped = true
			walked += b.hard
			continue
		}
		walked += df
	}
	return p
}

// plan is the walk of an Index's own groups.
func (ix *Index) plan(groups []group) walkPlan {
	dfs := make([]int, len(groups))
	for i := range groups {
		dfs[i] = groups[i].df
	}
	return planWalk(dfs, fullBudget)
}

// walk marks in sc the texts in the postings of the groups p walks.
func (ix *Index) walk(ctx context.Context, sc *scratch, groups []group, p walkPlan, keep *keeper, b budget) error {
	for k, gi := range p.order[:p.walk] {
		if err := ctx.Err(); err != nil {
			return err
		}
		g := &groups[gi]
		mark := func(t uint32, typo bool) {
			bit := groupBit(gi, typo, len(groups))
			for _, d := range ix.postings[ix.termStart[t]:ix.termStart[t+1]] {
				if keep != nil && !keep.keeps(d) {
					continue
				}
				if sc.mask[d] == 0 {
					sc.touched = append(sc.touched, d)
				}
				sc.mask[d] |= bit
			}
		}
		if k == 0 && p.capped {
			// its exact term and then its rarest variants, or its most
			// frequent completions, within budget
			ix.markCapped(g, mark, b)
			continue
		}
		for _, m := range g.matches {
			if m.term < g.lo || m.term >= g.hi {
				mark(m.term, m.typos > 0)
			}
		}
		for t := g.lo; t < g.hi; t++ {
			mark(t, false)
		}
	}
	return nil
}

// A text's mask says which groups matched it: bit g when group g matched
// it by a term the word is (or a completion of the word being typed). In a
// query of at most splitGroups words, a match by a typo only sets bit
// g+splitGroups instead, and weighs typoShare of the group: among the
// thousands of texts that may match a fragment's words at ten million,
// those with the words as typed come first, as the score would put them.
const (
	splitGroups = 16
	typoShare   = 0.85
)

// groupBit is the bit of group g (of n) in a text's mask.
func groupBit(g int, typo bool, n int) uint32 {
	if typo && n <= splitGroups {
		return 1 << (g + splitGroups)
	}
	return 1 << g
}

// maskWeight is the weight of the groups a mask holds.
func maskWeight(groups []group, mask uint32) float64 {
	split := len(groups) <= splitGroups
	w := 0.0
	for g := range groups {
		switch {
		case mask&(1<<g) != 0:
			w += groups[g].weight
		case split && mask&(1<<(g+splitGroups)) != 0:
			w += typoShare * groups[g].weight
		}
	}
	return w
}

// choose returns the candidates to score from the texts walk marked. When
// all is false, some groups were not walked.
//
// The first partial candidates returned carry the weight of the groups
// walked only, the others their weight on all groups: a segment's
// candidates pooled with other segments' by weight are re-weighed when the
// pool is cut (Segmented.find).
func (ix *Index) choose(sc *scratch, groups []group, limit int, all bool, b budget) (cands []cand, partial int) {
	// Keep the best candidates by the weight of the groups whose postings
	// were walked, then re-weigh them on every group by their own words
	// (cheap next to a full score), and score the best of those fully.
	k := max(b.cands, 2*limit)
	pre := ix.shortlist(sc, groups, max(2*b.cands, 2*k))
	switch {
	case all:
		// every group was walked: the weights are final
		return pre[:min(k, len(pre))], 0
	case len(pre) <= k:
		return pre, len(pre)
	}
	cands = make([]cand, 0, k)
	{
		// Candidates above the k-th weight are in; those tied with it
		// (common when only common words were walked) are re-weighed.
		edge := pre[k-1].w
		i := 0
		for ; i < len(pre) && pre[i].w > edge; i++ {
		}
		cands = append(cands, pre[:i]...)
		partial = i
		j := i
		for j < len(pre) && pre[j].w == edge {
			j++
		}
		tied := make([]uint32, 0, j-i)
		for _, c := range pre[i:j] {
			tied = append(tied, c.d)
		}
		cands = append(cands, ix.refine(tied, groups, k-len(cands))...)
	}
	return cands, partial
}

// candIDs returns the texts of cs.
func candIDs(cs []cand) []uint32 {
	ids := make([]uint32, len(cs))
	for i, c := range cs {
		ids[i] = c.d
	}
	return ids
}

// refine returns the k texts of cands that match the most weight over all
// groups (those whose postings were not walked included), ties to the
// earlier text.
func (ix *Index) refine(cands []uint32, groups []group, k int) []cand {
	// term → groups, in a small open-addressing table
	n := 0
	for _, g := range groups {
		n += len(g.matches)
	}
	size, shift := 16, 28
	for size < 2*n {
		size, shift = size*2, shift-1
	}
	// Fibonacci hashing, by the product's high bits: the terms a word
	// stands for are often neighbours in the vocabulary (its typos and
	// completions), and by the low bits they would fill runs of
	// neighbouring slots that every probe for another word walks through.
	slot := func(t uint32) int { return int(t * 0x9E3779B1 >> shift) }
	keys := make([]uint32, size)
	masks := make([]uint32, size)
	for gi, g := range groups {
		for _, m := range g.matches {
			i := slot(m.term)
			for masks[i] != 0 && keys[i] != m.term {
				i = (i + 1) & (size - 1)
			}
			keys[i] = m.term
			masks[i] |= groupBit(gi, m.typos > 0, len(groups))
		}
	}
	last := len(groups) - 1
	lo, hi := groups[last].lo, groups[last].hi
	cs := make([]cand, len(cands))
	for ci, d := range cands {
		var mask uint32
		for _, t := range ix.tokens[ix.docStart[d]:ix.docStart[d+1]] {
			if t >= lo && t < hi {
				mask |= 1 << last
			}
			for i := slot(t); masks[i] != 0; i = (i + 1) & (size - 1) {
				if keys[i] == t {
					mask |= masks[i]
					break
				}
			}
		}
		cs[ci] = cand{d, float32(maskWeight(groups, mask))}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return int(a.d) - int(b.d)
	})
	return cs[:min(k, len(cs))]
}

// markCapped marks the postings of a group too common to walk whole: the
// exact term, then typo variants from the rarest, then the most frequent
// completions of a prefix, until about hardBudget postings.
func (ix *Index) markCapped(g *group, mark func(t uint32, typo bool), b budget) {
	ms := slices.Clone(g.matches)
	slices.SortFunc(ms, func(a, b termMatch) int {
		if a.typos != b.typos && (a.typos == 0 || b.typos == 0) {
			return int(a.typos) - int(b.typos)
		}
		return ix.df(a.term) - ix.df(b.term)
	})
	budget := b.hard
	for _, m := range ms {
		if df := ix.df(m.term); df <= budget || m.typos == 0 {
			mark(m.term, m.typos > 0)
			budget -= min(df, budget)
		}
	}
	if g.hi > g.lo && budget > 0 {
		for _, t := range ix.topTerms(g.lo, g.hi, min(budget, b.soft)) {
			mark(t, false)
		}
	}
}

// topTerms returns the most frequent terms of [lo, hi) whose postings add
// up to about budget.
func (ix *Index) topTerms(lo, hi uint32, budget int) []uint32 {
	// Only terms frequent enough to matter are sorted: those with at least
	// budget/64 postings, or all when there are none such.
	ts := make([]uint32, 0, 64)
	minDF := budget / 64
	for t := lo; t < hi; t++ {
		if ix.df(t) >= minDF {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		for t := lo; t < hi && len(ts) < 4096; t++ {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b uint32) int { return ix.df(b) - ix.df(a) })
	sum := 0
	for i, t := range ts {
		sum += ix.df(t)
		if sum > budget && i > 0 {
			return ts[:i]
		}
	}
	return ts
}

// budget bounds the work of one query in one index: the postings walked
// (the soft bound stops walking once minDrivers groups are walked, the
// hard one always) and the candidates scored.
type budget struct{ soft, hard, cands int }

// fullBudget is an Index's.
var fullBudget = budget{softBudget, hardBudget, maxCandidates}

// share is the budget of a segment holding n of total texts: segments
// share one query's budget by their size (which groups they walk is
// planned for all of them at once), with a floor for small segments.
func (b budget) share(n, total int) budget {
	if total <= 0 {
		return b
	}
	f := float64(n) / float64(total)
	return budget{
		max(minBudget, int(float64(b.soft)*f)),
		max(minBudget, int(float64(b.hard)*f)),
		min(b.cands, max(minCandidates, int(float64(b.cands)*f*segmentCands))),
	}
}

// cand is a candidate text with the weight of the groups it matched.
type cand struct {
	d uint32
	w float32
}

// shortlist returns up to k touched texts with the highest weight of
// matched groups, best first, ties to the earlier text.
func (ix *Index) shortlist(sc *scratch, groups []group, k int) []cand {
	wOf := func(mask uint32) float32 { return float32(maskWeight(groups, mask)) }
	// Comparing lengths here would cost a cache miss per candidate; the
	// full score decides between equals anyway.
	less := func(a, b cand) bool {
		if a.w != b.w {
			return a.w < b.w
		}
		return a.d > b.d
	}
	// min-heap of the best k
	h := make([]cand, 0, min(k, len(sc.touched)))
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(h) {
				return
			}
			if r := l + 1; r < len(h) && less(h[r], h[l]) {
				l = r
			}
			if !less(h[l], h[i]) {
				return
			}
			h[i], h[l] = h[l], h[i]
			i = l
		}
	}
	var lastMask uint32
	var lastW float32
	for _, d := range sc.touched {
		m := sc.mask[d]
		if m != lastMask {
			lastMask, lastW = m, wOf(m)
		}
		c := cand{d, lastW}
		if len(h) < k {
			h = append(h, c)
			if len(h) == k {
				for i := k/2 - 1; i >= 0; i-- {
					down(i)
				}
			}
			continue
		}
		if less(h[0], c) {
			h[0] = c
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b cand) int {
		switch {
		case less(b, a):
			return -1
		case less(a, b):
			return 1
		}
		return 0
	})
	return h
}
