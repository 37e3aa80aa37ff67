package search

import (
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Building segments over a shared lexicon. A segment is an Index with its
// own sorted vocabulary (so that a prefix is a range of its term IDs, as in
// any Index) whose terms are translated to the lexicon's IDs (gids) and
// back (lids); the term strings are the lexicon's, not copies.

// segmentBuildSize is the most texts Add puts in one segment: a first load
// of millions is built as several segments at once, one per core.
const segmentBuildSize = 1 << 20

// buildSegments builds the segments of texts (at most segmentBuildSize
// texts each, in parallel), adding their new terms to s.lex. Callers hold
// s.mu.
func (s *Segmented) buildSegments(texts []string, nums, pos []uint32) []*segment {
	if len(texts) == 0 {
		return nil
	}
	k := (len(texts) + segmentBuildSize - 1) / segmentBuildSize
	ixs := make([]*Index, k)
	parallel(k, func(i int) {
		lo, hi := i*len(texts)/k, (i+1)*len(texts)/k
		ix := &Index{texts: texts[lo:hi:hi], opts: s.opts, params: paramsFor(s.opts)}
		ix.sortVocabulary(ix.tokenize())
		ix.buildPostings()
		ixs[i] = ix
	})
	// Number the new terms in the order of the segments and of their
	// sorted vocabularies: a first segment's lexicon IDs are then its
	// own term IDs, and it answers exactly as an Index.
	lex := s.lexicon()
	base := uint32(lex.terms.n)
	fresh := newWordTable(1024) // the new terms, numbered from base
	for _, ix := range ixs {
		ix.gids = make([]uint32, len(ix.terms))
		for t, w := range ix.terms {
			g, ok := lex.find(w)
			if !ok {
				g = base + fresh.numberString(w)
			}
			ix.gids[t] = g
		}
	}
	lex = lex.with(fresh.terms)
	s.lex = lex
	out := make([]*segment, k)
	parallel(k, func(i int) {
		ix := ixs[i]
		ix.lids = make([]uint32, lex.terms.n)
		for t, g := range ix.gids {
			ix.lids[g] = uint32(t) + 1
		}
		ix.terms, ix.words = nil, lex.terms // the lexicon's strings, not copies
		ix.scratch = make(chan *scratch, runtime.GOMAXPROCS(0)+1)
		lo, hi := i*len(texts)/k, (i+1)*len(texts)/k
		out[i] = &segment{ix: ix, num: nums[lo:hi:hi], pos: pos[lo:hi:hi]}
	})
	return out
}

// lexicon returns the lexicon the next segment adds to. Callers hold s.mu.
func (s *Segmented) lexicon() *lexicon {
	if s.lex == nil {
		s.lex = &lexicon{}
	}
	return s.lex
}

// parallel calls fn(0) … fn(k-1), as many at once as there are cores.
func parallel(k int, fn func(i int)) {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := 0; i < k; i++ {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			fn(i)
			<-sem
		}()
	}
	wg.Wait()
}

// merge builds one segment of the texts of segs that are not in dead,
// from their words as lexicon IDs (no text is cut into words again). lex
// holds every term of segs.
func (s *Segmented) merge(segs []*segment, dead bitset, lex *lexicon) *segment {
	ix := &Index{opts: s.opts, params: paramsFor(s.opts)}
	var nums, pos []uint32
	words := 0
	for _, sg := range segs {
		words += len(sg.ix.tokens)
	}
	ix.tokens = make([]uint32, 0, words)
	ix.docStart = []uint32{}
	for _, sg := range segs {
		for d := range sg.ix.texts {
			if dead.has(sg.num[d]) {
				continue
			}
			ix.texts = append(ix.texts, sg.ix.texts[d])
			nums = append(nums, sg.num[d])
			pos = append(pos, sg.pos[d])
			ix.docStart = append(ix.docStart, uint32(len(ix.tokens)))
			for _, t := range sg.ix.tokens[sg.ix.docStart[d]:sg.ix.docStart[d+1]] {
				ix.tokens = append(ix.tokens, sg.ix.gids[t])
			}
		}
	}
	ix.docStart = append(ix.docStart, uint32(len(ix.tokens)))
	ix.texts = slices.Clip(ix.texts)
	ix.tokens = slices.Clip(ix.tokens)

	// The merged vocabulary: the lexicon IDs used, sorted by term.
	ix.lids = make([]uint32, lex.terms.n)
	for _, g := range ix.tokens {
		if ix.lids[g] == 0 {
			ix.lids[g] = 1
			ix.gids = append(ix.gids, g)
		}
	}
	slices.SortFunc(ix.gids, func(a, b uint32) int { return strings.Compare(lex.terms.at(a), lex.terms.at(b)) })
	ix.gids = slices.Clip(ix.gids)
	ix.words = lex.terms
	for t, g := range ix.gids {
		ix.lids[g] = uint32(t) + 1
	}
	for i, g := range ix.tokens {
		ix.tokens[i] = ix.lids[g] - 1
	}
	ix.buildPostings()
	ix.scratch = make(chan *scratch, runtime.GOMAXPROCS(0)+1)
	return &segment{ix: ix, num: nums, pos: pos}
}
