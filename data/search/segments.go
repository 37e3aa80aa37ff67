package search

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"newsbot/data/text"
)

// Segmented is an index that takes writes, as Lucene's does: immutable
// segments (each an Index), new articles in a small new segment, removals
// as tombstones, and background merges of the smallest segments so that a
// query never looks at more than about MaxSegments of them. Each server's
// collection is a filter over the shared segments (Collection), not a copy.
//
// A query sees one snapshot (the segments and tombstones at the time it
// starts); writers publish a new snapshot atomically, so an added article
// is searchable as soon as Add returns and queries never wait for writers.
// Scores are computed with the statistics of all segments together (the
// frequencies of a word add up; N counts every text, removed ones
// included until a merge drops them, as Lucene counts deleted documents),
// so they mean the same as those of one Index over the same texts.
//
// The segments share one lexicon (lexicon.go): the vocabulary and its typo
// dictionary are stored once, not once per segment, and a query finds the
// typos of its words once, weighs them on the statistics of all segments,
// plans which postings to walk for all of them at once (as one Index
// would), and only then walks each segment. A segment keeps its own sorted
// vocabulary as lexicon IDs, so that a prefix is a range of its terms.
//
// Segmented is for quotations and mentions; the fuzzy-scan fallback of
// Short indexes (a few thousand titles or names) is not offered.
type Segmented struct {
	opts Options
	// MaxSegments bounds the segments a query walks; a merge starts when
	// there are more. Set it before the first Add.
	MaxSegments int

	mu      sync.Mutex // writers: Add, Remove, Collection, merges
	cur     atomic.Pointer[snapshot]
	slots   map[string]uint32 // article ID → its slot
	slotIDs []string          // slot → article ID
	live    []int32           // slot → the num of its current texts, -1 when none
	lex     *lexicon          // the lexicon of the segments, shared; the snapshot's is the same
	merging bool
	merges  sync.WaitGroup
}

// DefaultMaxSegments is the MaxSegments of NewSegmented.
const DefaultMaxSegments = 10

// Article is one article's texts (its quotations), as given to Add.
type Article struct {
	ID    string
	Texts []string
}

// DocHit is a hit in a Segmented index: the article and the position of the
// text among the texts it was added with.
type DocHit struct {
	Article string
	Text    int
	Score   float64
	Matched []text.Span // byte spans of the text that matched
}

// snapshot is what a query sees.
type snapshot struct {
	segs []*segment
	// Every Add of an article gets a new num. dead holds the nums that
	// were removed or replaced (copied on write); slotOf maps a num to the
	// article's slot (append-only, so readers of a shorter prefix are safe).
	dead   bitset
	slotOf []uint32
	ids    []string // slot → article ID (append-only, as slotOf)
	n      int      // texts in all segments, removed ones included: the N of IDF
	// lex is the vocabulary and typo dictionary of all the segments: a
	// query expands its words in it once (expand), then translates the
	// terms they stand for into each segment's.
	lex *lexicon
}

// segment is one immutable Index and, per text, the num of the article
// add that brought it and its position among that article's texts.
type segment struct {
	ix  *Index
	num []uint32
	pos []uint32
}

// bitset is a set of small integers.
type bitset []uint64

func (b bitset) has(i uint32) bool {
	w := int(i >> 6)
	return w < len(b) && b[w]&(1<<(i&63)) != 0
}

// with returns a copy of b with i set.
func (b bitset) with(i uint32) bitset {
	w := int(i >> 6)
	out := make(bitset, max(len(b), w+1))
	copy(out, b)
	out[w] |= 1 << (i & 63)
	return out
}

// keeper leaves out, during the postings walk of one segment, the texts
// that were removed and those outside the collection asked of.
type keeper struct {
	num    []uint32
	dead   bitset
	slotOf []uint32
	coll   bitset // nil: every article
}

func (k *keeper) keeps(d uint32) bool {
	n := k.num[d]
	if k.dead.has(n) {
		return false
	}
	return k.coll == nil || k.coll.has(k.slotOf[n])
}

// NewSegmented returns an empty segmented index whose segments are built
// with opts (Short is ignored: see Segmented).
func NewSegmented(opts Options) *Segmented {
	opts.Short = false
	s := &Segmented{opts: opts, MaxSegments: DefaultMaxSegments, slots: map[string]uint32{}}
	s.cur.Store(&snapshot{})
	return s
}

// slot returns the slot of article id, making one if needed. Callers hold
// s.mu.
func (s *Segmented) slot(id string) uint32 {
	sl, ok := s.slots[id]
	if !ok {
		sl = uint32(len(s.slotIDs))
		s.slots[id] = sl
		s.slotIDs = append(s.slotIDs, id)
		s.live = append(s.live, -1)
	}
	return sl
}

// Add indexes articles in one new segment, replacing any earlier texts of
// the same IDs (an ID given twice keeps its last texts). They are
// searchable when Add returns. Large batches (a first load) are built as
// several segments of at most segmentBuildSize texts, in parallel.
func (s *Segmented) Add(arts ...Article) {
	if len(arts) == 0 {
		return
	}
	s.mu.Lock()
	old := s.cur.Load()
	dead := old.dead
	slotOf := old.slotOf
	last := map[string]int{}
	for i, a := range arts {
		last[a.ID] = i
	}
	// sized exactly: the segments keep these arrays
	total := 0
	for _, a := range arts {
		total += len(a.Texts)
	}
	texts := make([]string, 0, total)
	nums, pos := make([]uint32, 0, total), make([]uint32, 0, total)
	for i, a := range arts {
		sl := s.slot(a.ID)
		num := uint32(len(slotOf))
		slotOf = append(slotOf, sl)
		if last[a.ID] != i {
			dead = dead.with(num) // replaced later in the same batch
		} else {
			if prev := s.live[sl]; prev >= 0 {
				dead = dead.with(uint32(prev))
			}
			s.live[sl] = int32(num)
		}
		for p, t := range a.Texts {
			texts = append(texts, t)
			nums = append(nums, num)
			pos = append(pos, uint32(p))
		}
	}
	// Building does not need the lock, but holding it keeps writers in
	// order; queries never take it.
	segs := s.buildSegments(texts, nums, pos)
	next := &snapshot{segs: append(slices.Clip(old.segs), segs...), dead: dead, slotOf: slotOf, ids: s.slotIDs, n: old.n + len(texts), lex: s.lexicon()}
	s.cur.Store(next)
	s.maybeMerge()
	s.mu.Unlock()
}

// Remove tombstones the texts of article id; it reports whether there were
// any. They leave results at once and the index at the next merge of their
// segment.
func (s *Segmented) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sl, ok := s.slots[id]
	if !ok || s.live[sl] < 0 {
		return false
	}
	old := s.cur.Load()
	next := *old
	next.dead = old.dead.with(uint32(s.live[sl]))
	s.live[sl] = -1
	s.cur.Store(&next)
	return true
}

// Collection is a set of articles a query is limited to (one server's
// articles): a filter over the shared segments. It holds article IDs, so
// an article added later under one of them is in it.
type Collection struct{ bits bitset }

// Collection returns the collection of the articles with the given IDs,
// added or not yet.
func (s *Segmented) Collection(ids []string) *Collection {
	s.mu.Lock()
	defer s.mu.Unlock()
	var bits bitset
	for _, id := range ids {
		sl := s.slot(id)
		if int(sl>>6) >= len(bits) {
			bits = append(bits, make(bitset, int(sl>>6)+1-len(bits))...)
		}
		bits[sl>>6] |= 1 << (sl & 63)
	}
	if bits == nil {
		bits = bitset{} // empty, not "every article"
	}
	return &Collection{bits: bits}
}

// maybeMerge starts a background merge of the smallest segments when there
// are more than MaxSegments. Callers hold s.mu.
func (s *Segmented) maybeMerge() {
	snap := s.cur.Load()
	if s.merging || len(snap.segs) <= max(2, s.MaxSegments) {
		return
	}
	// Merge the smallest segments down to half the limit, so that merges
	// are rare and a large segment is rewritten only when it is among
	// the smallest (the write cost stays logarithmic, as in Lucene's
	// tiered policy).
	bySize := slices.Clone(snap.segs)
	slices.SortStableFunc(bySize, func(a, b *segment) int { return cmp.Compare(a.ix.Len(), b.ix.Len()) })
	k := max(2, len(snap.segs)-max(1, s.MaxSegments/2)+1)
	picked := bySize[:k]
	s.merging = true
	s.merges.Add(1)
	go func() {
		defer s.merges.Done()
		merged := s.merge(picked, snap.dead, snap.lex)
		s.mu.Lock()
		defer s.mu.Unlock()
		s.replace(picked, merged)
		s.merging = false
		s.maybeMerge()
	}()
}

// replace publishes a snapshot with the segments old replaced by merged, at
// the place of the first of them. Callers hold s.mu.
func (s *Segmented) replace(old []*segment, merged *segment) {
	snap := s.cur.Load()
	next := *snap
	next.segs = make([]*segment, 0, len(snap.segs))
	placed := false
	next.n = 0
	for _, sg := range snap.segs {
		if slices.Contains(old, sg) {
			if placed || merged.ix.Len() == 0 {
				continue
			}
			sg, placed = merged, true
		}
		next.segs = append(next.segs, sg)
		next.n += sg.ix.Len()
	}
	s.cur.Store(&next)
}

// Wait waits for the merges under way (and those they start) to finish.
func (s *Segmented) Wait() { s.merges.Wait() }

// Segments is the number of segments a query walks now.
func (s *Segmented) Segments() int { return len(s.cur.Load().segs) }

// Len is the number of texts in the segments, removed ones not yet merged
// away included.
func (s *Segmented) Len() int { return s.cur.Load().n }

// SizeBytes is the memory the index holds beyond the texts themselves.
func (s *Segmented) SizeBytes() int {
	snap := s.cur.Load()
	n := int(unsafe.Sizeof(*s)) + 8*cap(snap.dead) + 4*cap(snap.slotOf)
	if snap.lex != nil {
		n += snap.lex.sizeBytes()
	}
	for _, sg := range snap.segs {
		n += sg.ix.SizeBytes() + 4*(cap(sg.num)+cap(sg.pos))
	}
	s.mu.Lock()
	for _, id := range s.slotIDs {
		n += len(id) + int(unsafe.Sizeof(id)) + 4 + 16 // the slot map's entry, roughly
	}
	n += 4 * cap(s.live)
	s.mu.Unlock()
	return n
}

// Search returns up to limit hits for query in coll (every article when
// coll is nil), best first, as Index.Search does.
func (s *Segmented) Search(query string, limit int, coll *Collection) []DocHit {
	hs, _ := s.find(context.Background(), query, limit, false, coll)
	return hs
}

// Complete is Search for text still being typed, as Index.Complete.
func (s *Segmented) Complete(query string, limit int, coll *Collection) []DocHit {
	hs, _ := s.find(context.Background(), query, limit, endsInWord(query), coll)
	return hs
}

// SearchContext is Search that stops when ctx is done, as
// Index.SearchContext.
func (s *Segmented) SearchContext(ctx context.Context, query string, limit int, coll *Collection) ([]DocHit, error) {
	return s.find(ctx, query, limit, false, coll)
}

// CompleteContext is Complete that stops when ctx is done.
func (s *Segmented) CompleteContext(ctx context.Context, query string, limit int, coll *Collection) ([]DocHit, error) {
	return s.find(ctx, query, limit, endsInWord(query), coll)
}

// segHit is a hit of one segment, for merging.
type segHit struct {
	Hit
	seg int
	len uint32
}

func (s *Segmented) find(ctx context.Context, query string, limit int, prefix bool, coll *Collection) ([]DocHit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	snap := s.cur.Load()
	if limit <= 0 || snap.n == 0 {
		return nil, nil
	}
	words := queryWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	// Expand every word once in the shared lexicon, weigh it on the
	// statistics of all the segments, and translate it into each.
	per := make([][]group, len(snap.segs))
	for si := range per {
		per[si] = make([]group, len(words))
	}
	for i, w := range words {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		snap.expand(per, i, w, prefix && i == len(words)-1)
	}
	var coBits bitset
	if coll != nil {
		coBits = coll.bits
	}
	// Candidates of every segment, then the best of them all scored: as
	// many as one Index scores.
	type segCand struct {
		cand
		seg int
	}
	var pool []segCand
	cands := make([][]cand, len(snap.segs))
	partial := make([]int, len(snap.segs))
	dfs := make([]int, len(words))
	for si := range snap.segs {
		for i := range words {
			dfs[i] += per[si][i].df
		}
	}
	plan := planWalk(dfs, fullBudget)
	for si, sg := range snap.segs {
		var keep *keeper
		if len(snap.dead) > 0 || coBits != nil {
			keep = &keeper{num: sg.num, dead: snap.dead, slotOf: snap.slotOf, coll: coBits}
		}
		var err error
		cands[si], partial[si], err = sg.ix.candidates(ctx, per[si], limit, keep, plan, fullBudget.share(sg.ix.Len(), snap.n))
		if err != nil {
			return nil, err
		}
	}
	poolSize := max(maxCandidates, 2*limit)
	total := 0
	for si := range cands {
		total += len(cands[si])
	}
	for si, cs := range cands {
		if total > poolSize && partial[si] > 0 {
			// The pool is cut by weight: weigh on all groups the
			// candidates weighed on the walked groups only, so that those
			// of different segments compare alike.
			copy(cs, snap.segs[si].ix.refine(candIDs(cs[:partial[si]]), per[si], partial[si]))
		}
		for _, c := range cs {
			pool = append(pool, segCand{c, si})
		}
	}
	slices.SortFunc(pool, func(a, b segCand) int {
		if a.w != b.w {
			return cmp.Compare(b.w, a.w)
		}
		if a.seg != b.seg {
			return a.seg - b.seg
		}
		return int(a.d) - int(b.d)
	})
	pool = pool[:min(len(pool), poolSize)]
	bySeg := make([][]uint32, len(snap.segs))
	for _, c := range pool {
		bySeg[c.seg] = append(bySeg[c.seg], c.d)
	}
	var all []segHit
	var err error
	for si, sg := range snap.segs {
		if len(bySeg[si]) == 0 {
			continue
		}
		hs, e := sg.ix.scoreHits(ctx, per[si], bySeg[si], limit, snap.n, false)
		for _, h := range hs {
			all = append(all, segHit{h, si, sg.ix.docLen(uint32(h.ID))})
		}
		if err = e; err != nil {
			break
		}
	}
	// The order of Index's: score, then the tighter text, then the
	// earlier one (segments are in the order their texts came).
	slices.SortFunc(all, func(a, b segHit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		if a.len != b.len {
			return cmp.Compare(a.len, b.len)
		}
		if a.seg != b.seg {
			return a.seg - b.seg
		}
		return a.ID - b.ID
	})
	out := make([]DocHit, 0, min(limit, len(all)))
	terms := make([]queryTerms, len(snap.segs)) // made for the segments of the hits only
	at := make([]int, len(words))
	for _, h := range all[:min(limit, len(all))] {
		sg := snap.segs[h.seg]
		if terms[h.seg] == nil {
			terms[h.seg] = newQueryTerms(per[h.seg], sg.ix.params)
		}
		h.Matched = sg.ix.spans(h.ID, per[h.seg], terms[h.seg], at, snap.n)
		out = append(out, DocHit{
			Article: snap.ids[snap.slotOf[sg.num[h.ID]]],
			Text:    int(sg.pos[h.ID]),
			Score:   h.Score,
			Matched: h.Matched,
		})
	}
	return out, err
}

// expand finds the terms word may stand for, once in the shared lexicon,
// and sets per[si][i] to its group in each segment si, weighed on the
// statistics of all of them: as Index.expand does in one index, so that one
// segment answers exactly as one Index.
func (sn *snapshot) expand(per [][]group, i int, word string, prefix bool) {
	segs := sn.segs
	// present: a term some segment holds (the lexicon keeps the terms of
	// texts merged away)
	present := func(g uint32) bool {
		for _, sg := range segs {
			if _, ok := sg.ix.lid(g); ok {
				return true
			}
		}
		return false
	}
	rs := []rune(word)
	var global []termMatch
	exact, hasExact := sn.lex.find(word)
	hasExact = hasExact && present(exact)
	if hasExact {
		global = append(global, termMatch{exact, 0})
	}
	if d, variants := typoReach(rs, hasExact); d > 0 {
		global = sn.lex.typoMatches(global, word, rs, d, variants, hasExact, exact, present)
	}
	completed := false
	for si, sg := range segs {
		g := &per[si][i]
		*g = group{word: word}
		for _, m := range global {
			if t, ok := sg.ix.lid(m.term); ok {
				g.matches = append(g.matches, termMatch{t, m.typos})
			}
		}
		if prefix {
			g.lo, g.hi = sg.ix.prefixRange(word)
			completed = completed || g.hi > g.lo
		}
	}
	if prefix && !completed && prefixTypoLen(len(rs)) {
		// No term of any segment begins with the word being typed.
		for si, sg := range segs {
			per[si][i].matches = sg.ix.prefixTypos(rs, per[si][i].matches)
		}
	}

	// The statistics of all segments: the postings of a term add up.
	st := wordStats{runes: len(rs), exact: hasExact, completed: completed}
	var exactDF int
	type sum struct {
		id    uint32
		typos uint8
		df    int
	}
	var sums []sum // in the order an Index lists its matches
	at := map[uint32]int{}
	for si, sg := range segs {
		g := &per[si][i]
		g.df = sg.ix.groupDF(g)
		st.df += g.df
		st.matched = st.matched || len(g.matches) > 0
		if g.hi > g.lo {
			st.prefixDF = max(st.prefixDF, sg.ix.prefixDF(g.lo, g.hi))
		}
		for _, m := range g.matches {
			df := sg.ix.df(m.term)
			if hasExact {
				if m.typos == 0 {
					exactDF += df
				}
				continue
			}
			id := sg.ix.gid(m.term)
			k, ok := at[id]
			if !ok {
				k = len(sums)
				at[id] = k
				sums = append(sums, sum{id: id, typos: m.typos})
			}
			sums[k].df += df
		}
	}
	switch {
	case hasExact:
		st.likelyDF = exactDF
	case len(sums) > 0:
		best := sums[0]
		for _, m := range sums[1:] {
			if m.typos < best.typos || m.typos == best.typos && m.df > best.df {
				best = m
			}
		}
		st.likelyDF = best.df
		st.likelyFunction = text.IsFunctionWord(sn.lex.terms.at(best.id))
	}
	w := group{word: word, stats: st}
	w.weigh(sn.n)
	for si := range segs {
		g := &per[si][i]
		g.idf, g.anyIDF, g.weight, g.common = w.idf, w.anyIDF, w.weight, w.common
	}
}
