// Package search is newsbot's typo-tolerant index over short texts
// (quotations, titles, names): candidates from an inverted index of folded
// words with typo expansion, ranked by rarity-weighted matched words.
//
// How a query is answered:
//
//  1. The query is cut into normalised words (text.Words: case, accents,
//     quote marks and punctuation folded).
//  2. Each query word is expanded to the vocabulary terms it may stand for:
//     itself, the terms within its typo allowance (SymSpell deletion
//     dictionary, see typo.go) and, for the word still being typed in
//     Complete, every term it is a prefix of (one binary search: the
//     vocabulary is sorted, so a prefix is a contiguous range of term IDs)
//     or, when no term begins with it and it has 5 letters or more, every
//     term beginning one edit away from it ("secuir" → "security").
//  3. Candidates come from the postings of the rarest expanded words only,
//     so that a query never walks the postings of "the" or "said".
//  4. The best few hundred candidates by rarity of their matched words are
//     scored on their own words: matched query words weighted by IDF and
//     by typos, then the order and adjacency of the matched words.
//
// A Hit's Score is a confidence in [0, 1]: the IDF-weighted share of the
// query matched, discounted when the matched words are out of order or far
// apart. A fragment that is in no text scores low even when some of its
// words are common. Function words (text.IsFunctionWord) never make a hit
// on their own: a query of nothing else scores at most 0.5, and a hit that
// shares only such words with a query that has others is left out.
package search

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/sahilm/fuzzy"

	"newsbot/data/text"
)

// Hit is one result: the position of the matched text in the slice the index
// was built from, and a score in [0, 1] (1 is a perfect match).
type Hit struct {
	ID    int
	Score float64
	// Matched are the byte spans of the text's words that matched the
	// query, in order, for highlighting (for a fuzzy-scan hit of a Short
	// index, the runs of matched characters).
	Matched []text.Span
}

// Options tunes an index for the kind of text it holds.
type Options struct {
	// Short marks an index of short texts (titles, names), searched by
	// keywords: the order and adjacency of the words only break ties.
	// Its results are re-ranked with sahilm/fuzzy's subsequence score,
	// and when no word
	// matches (a run-together or clipped name such as "kstarmer") a fuzzy
	// scan of all texts answers instead, as long as there are at most
	// MaxFuzzyScan of them.
	Short bool
	// Keyword marks an index searched for mentions (/search) rather than
	// for the one text a query identifies: a hit's score says how well it
	// contains the query's words, however common they are, with no
	// discount for matches that many texts share; order and adjacency
	// only break ties.
	Keyword bool
}

// MaxFuzzyScan bounds the fuzzy.Find fallback of Short indexes: a scan
// costs about 1 µs per short text.
const MaxFuzzyScan = 5000

// maxQueryWords bounds the words of a query that are used (a bit mask per
// candidate holds the matched ones).
const maxQueryWords = 32

// maxTextWords bounds the words of one text that are indexed. A quotation,
// title or sentence is far shorter; a run-on text with no sentence stops
// could otherwise make each of the few hundred candidates a query scores
// cost a walk over a megabyte.
const maxTextWords = 1024

// maxOccurrences bounds the positions of one query word kept per text when
// scoring order and adjacency (a pass over pairs of positions): a text that
// repeats a word hundreds of times would otherwise cost the square of that.
const maxOccurrences = 16

// maxFuzzyQuery bounds the length of a query for which a Short index scans
// all its texts with sahilm/fuzzy: names and titles are short, and a
// longer query is no clipped name.
const maxFuzzyQuery = 256

// Index is an immutable search index; safe for concurrent use.
type Index struct {
	texts []string
	opts  Options

	terms     []string  // the vocabulary, sorted; a term's ID is its position
	termStart []uint32  // postings of term t: postings[termStart[t]:termStart[t+1]]
	postings  []uint32  // text IDs, ascending within a term
	docStart  []uint32  // words of text d: tokens[docStart[d]:docStart[d+1]]
	tokens    []uint32  // term IDs of every text's words, in order
	dels      deletions // typo lookup (typo.go)

	// scratch holds per-query buffers sized to the index (a mask per text:
	// 4 MB at a million). A channel rather than a sync.Pool, which drops
	// its contents at every GC and would make queries allocate and clear
	// it again, the main cause of slow outliers.
	scratch chan *scratch
}

// Build indexes texts. IDs in hits are positions in texts.
func Build(texts []string) *Index { return BuildWith(texts, Options{}) }

// BuildWith indexes texts with options.
func BuildWith(texts []string, opts Options) *Index {
	ix := &Index{texts: texts, opts: opts}
	ix.docStart = make([]uint32, len(texts)+1)
	total := 0
	for _, s := range texts {
		total += len(s)
	}
	// Sized by Heaps' law (about 40·√words distinct words), so that the
	// map does not grow and rehash a hundred thousand terms.
	vocab := int(40 * math.Sqrt(float64(total)/5))
	ids := make(map[string]uint32, vocab)
	terms := make([]string, 0, vocab)
	ix.tokens = make([]uint32, 0, total/5+16) // about one word per 5.5 bytes of news text
	var buf []byte
	for d, s := range texts {
		ix.docStart[d] = uint32(len(ix.tokens))
		words := 0
		buf = eachWord(s, buf, func(w []byte) {
			if words == maxTextWords {
				return
			}
			words++
			id, ok := ids[string(w)]
			if !ok {
				id = uint32(len(terms))
				terms = append(terms, string(w))
				ids[terms[id]] = id
			}
			ix.tokens = append(ix.tokens, id)
		})
	}
	ix.docStart[len(texts)] = uint32(len(ix.tokens))
	ix.tokens = slices.Clip(ix.tokens)
	ids = nil

	// Sort the vocabulary so that prefixes are ranges, and renumber.
	order := make([]uint32, len(terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(terms[a], terms[b]) })
	remap := make([]uint32, len(terms))
	ix.terms = make([]string, len(terms))
	for newID, old := range order {
		remap[old] = uint32(newID)
		ix.terms[newID] = terms[old]
	}
	terms, order = nil, nil
	for i, t := range ix.tokens {
		ix.tokens[i] = remap[t]
	}
	remap = nil

	// Postings: count distinct texts per term, then fill.
	last := make([]int32, len(ix.terms))
	for i := range last {
		last[i] = -1
	}
	ix.termStart = make([]uint32, len(ix.terms)+1)
	for d := range texts {
		for _, t := range ix.tokens[ix.docStart[d]:ix.docStart[d+1]] {
			if last[t] != int32(d) {
				last[t] = int32(d)
				ix.termStart[t+1]++
			}
		}
	}
	for t := range ix.terms {
		ix.termStart[t+1] += ix.termStart[t]
	}
	ix.postings = make([]uint32, ix.termStart[len(ix.terms)])
	fill := last // reuse as the next free slot per term
	for t := range fill {
		fill[t] = int32(ix.termStart[t])
	}
	for d := range texts {
		for _, t := range ix.tokens[ix.docStart[d]:ix.docStart[d+1]] {
			f := fill[t]
			if f > int32(ix.termStart[t]) && ix.postings[f-1] == uint32(d) {
				continue
			}
			ix.postings[f] = uint32(d)
			fill[t] = f + 1
		}
	}
	ix.dels = buildDeletions(ix.terms)
	ix.scratch = make(chan *scratch, runtime.GOMAXPROCS(0)+1)
	return ix
}

// Len is the number of indexed texts.
func (ix *Index) Len() int { return len(ix.texts) }

// Terms is the size of the vocabulary.
func (ix *Index) Terms() int { return len(ix.terms) }

// SizeBytes is the memory the index holds beyond the texts themselves (the
// slice of text headers is counted, the text bytes are not).
func (ix *Index) SizeBytes() int {
	n := int(unsafe.Sizeof(*ix))
	n += cap(ix.texts) * int(unsafe.Sizeof(""))
	n += cap(ix.terms) * int(unsafe.Sizeof(""))
	for _, t := range ix.terms {
		n += len(t)
	}
	n += 4 * (cap(ix.termStart) + cap(ix.postings) + cap(ix.docStart) + cap(ix.tokens))
	n += ix.dels.sizeBytes()
	return n
}

// Search returns up to limit hits for query, best first. Hits below a
// useful score are still returned (as suggestions); the caller decides from
// Score whether the first one is an answer.
func (ix *Index) Search(query string, limit int) []Hit {
	hs, _ := ix.find(context.Background(), query, limit, false)
	return hs
}

// Complete is Search for text that is still being typed: the last word is a
// prefix (unless the query ends with a space or punctuation).
func (ix *Index) Complete(query string, limit int) []Hit {
	hs, _ := ix.find(context.Background(), query, limit, endsInWord(query))
	return hs
}

// SearchContext is Search that stops when ctx is done: it then returns the
// hits it has scored so far, best first (perhaps none), and ctx.Err().
// The work of any query is bounded anyway (about a millisecond at a million
// texts); ctx lets a caller with a tight budget, such as autocomplete
// within Discord's three seconds on a loaded machine, answer in time.
func (ix *Index) SearchContext(ctx context.Context, query string, limit int) ([]Hit, error) {
	return ix.find(ctx, query, limit, false)
}

// CompleteContext is Complete that stops when ctx is done, as
// SearchContext does.
func (ix *Index) CompleteContext(ctx context.Context, query string, limit int) ([]Hit, error) {
	return ix.find(ctx, query, limit, endsInWord(query))
}

// termMatch is one vocabulary term a query word may stand for.
type termMatch struct {
	term  uint32
	typos uint8
}

// group is one query word with everything it may match.
type group struct {
	word    string
	matches []termMatch
	lo, hi  uint32  // prefix range of term IDs (Complete's last word), empty when lo == hi
	df      int     // postings to walk for this group
	idf     float64 // ln(1 + N/df) of the term the word most likely stands for
	anyIDF  float64 // the same for all its matches together (df summed)
	weight  float64 // √idf: its share in the coverage
	// common marks a word that says nothing about which text is meant:
	// an English function word (text.IsFunctionWord) or a word in a
	// large share of the texts. Its rarity is capped (commonIDF), and a
	// hit that matched only common words is never confident.
	common bool
}

// Quality of a matched word by kind of match: typos cost a little (they are
// the point of the index), a prefix of the word being typed is nearly exact,
// a term whose beginning is one edit from the word being typed counts as a
// little less than a full word one typo away (index prefixTypo).
var typoQuality = [4]float64{1, 0.85, 0.7, 0.8}

const prefixQuality = 0.95

// prefixTypo is the typos value of a termMatch that matched the word being
// typed by its beginning, one edit away ("secuir" → "security").
const prefixTypo = 3

// minLenPrefixTypo is the length from which the word being typed may hold a
// typo (Meilisearch's length for one typo): a shorter prefix one edit away
// reaches too much of the vocabulary to mean anything.
const minLenPrefixTypo = 5

// maxPrefixTypoTerms bounds the terms a mistyped prefix may stand for (the
// most frequent are kept).
const maxPrefixTypoTerms = 2048

// Common words. A word in more than commonShare of the texts of an index of
// at least commonMinTexts counts as common, as function words always do
// (below that size document frequencies say little). A common word counts
// at most as rare as a word in commonFloor of the texts, about as rare as
// the rarer function words are in news quotations: on a small index its
// own frequency would make it as telling as a name.
const (
	commonShare    = 0.2
	commonMinTexts = 50
	commonFloor    = 0.05
	commonFactor   = 0.5 // score factor of a hit on common words only: never confident
)

// commonIDF is the highest IDF a common word gets in an index of n texts.
func commonIDF(n int) float64 {
	return math.Log(1 + float64(n)/(commonFloor*float64(n)+0.5))
}

type scratch struct {
	mask    []uint32 // per text: bit g set when group g matched it
	touched []uint32 // texts whose mask is not zero
}

// Candidate selection: walk the postings of the rarest groups while they
// stay within budget (always at least minDrivers groups with postings, when
// the query has them), then fully score the best maxCandidates.
const (
	minDrivers    = 2
	softBudget    = 60_000
	hardBudget    = 200_000
	maxCandidates = 256
	preCandidates = 512 // those tied at the edge are re-weighed on all groups
)

func (ix *Index) find(ctx context.Context, query string, limit int, prefix bool) ([]Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 || len(ix.texts) == 0 {
		return nil, nil
	}
	words := queryWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	groups := make([]group, len(words))
	for i, w := range words {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		groups[i] = ix.expand(w, prefix && i == len(words)-1)
	}
	hits, err := ix.rank(ctx, groups, limit)
	if err != nil {
		return hits, err
	}
	if ix.opts.Short {
		hits = ix.fuzzyRerank(query, groups, hits, limit)
	}
	return hits, nil
}

// expand finds the terms word may stand for and weighs it by rarity.
func (ix *Index) expand(word string, prefix bool) group {
	g := group{word: word}
	rs := []rune(word)
	d := allowedTypos(len(rs))
	exact, hasExact := ix.termID(word)
	if hasExact {
		g.matches = append(g.matches, termMatch{exact, 0})
	}
	variants := d
	if d == 0 && !hasExact && len(rs) == minLen1Typo-1 {
		// An unknown three-letter word is most likely a four-letter one
		// with a letter missed ("ust", "oal"): look up only the word
		// itself among the terms' one-letter deletions.
		d = 1
	}
	if d > 0 {
		seen := map[uint32]bool{}
		if hasExact {
			seen[exact] = true
		}
		// A known content word is not a typo of a function word: "dare"
		// does not stand for "are" (an unknown one may: "thier").
		noFunction := hasExact && !text.IsFunctionWord(word)
		var trs []rune
		eachVariant(rs, variants, func(h uint32) {
			ix.dels.lookup(h, func(t uint32) {
				if seen[t] {
					return
				}
				seen[t] = true
				trs = appendRunes(trs[:0], ix.terms[t])
				if k := osa(rs, trs, d); k <= d && k > 0 && !(noFunction && text.IsFunctionWord(ix.terms[t])) {
					g.matches = append(g.matches, termMatch{t, uint8(k)})
				}
			})
		})
	}
	if prefix {
		g.lo = uint32(sort.SearchStrings(ix.terms, word))
		g.hi = g.lo
		for int(g.hi) < len(ix.terms) && strings.HasPrefix(ix.terms[g.hi], word) {
			g.hi++
			if g.hi-g.lo > 64 { // long range: find its end by binary search
				g.hi = g.lo + uint32(sort.Search(len(ix.terms)-int(g.lo), func(i int) bool {
					return !strings.HasPrefix(ix.terms[int(g.lo)+i], word)
				}))
				break
			}
		}
	}
	if prefix && g.hi == g.lo && len(rs) >= minLenPrefixTypo && len(rs) <= maxTypoLen {
		// (A longer word gets no typo tolerance here either: its one-edit
		// prefixes grow with the square of its length.)
		// No term begins with the word being typed: it may hold a typo.
		g.matches = ix.prefixTypos(rs, g.matches)
	}
	for _, m := range g.matches {
		if m.term < g.lo || m.term >= g.hi { // the prefix range counts below
			g.df += ix.df(m.term)
		}
	}
	if g.hi > g.lo {
		g.df += int(ix.termStart[g.hi] - ix.termStart[g.lo])
	}
	n := len(ix.texts)
	var likely uint32 // the term the word most likely stands for
	g.idf, likely = ix.idf(g, hasExact, exact, len(rs))
	g.anyIDF = math.Log(1 + float64(n)/(float64(g.df)+0.5))
	// A function word, or (in an index large enough for frequencies to
	// mean something) a word most likely standing for a very frequent term.
	g.common = text.IsFunctionWord(word) ||
		!hasExact && len(g.matches) > 0 && text.IsFunctionWord(ix.terms[likely]) ||
		n >= commonMinTexts && g.idf < math.Log(1+1/(commonShare+0.5/float64(n)))
	if g.common {
		c := commonIDF(n)
		g.idf, g.anyIDF = min(g.idf, c), min(g.anyIDF, c)
	}
	g.weight = math.Sqrt(g.idf)
	return g
}

// prefixTypos adds to ms the terms that begin with a string one edit
// (OSA: substitution, deletion, insertion, transposition) from prefix p:
// every such string is a contiguous range of the sorted vocabulary. An edit
// of the last letter leaves p without it, which covers the rest.
func (ix *Index) prefixTypos(p []rune, ms []termMatch) []termMatch {
	type rng struct{ lo, hi uint32 }
	var rs []rng
	var buf []rune
	add := func(q []rune) {
		s := string(q)
		lo := sort.SearchStrings(ix.terms, s)
		if lo == len(ix.terms) || !strings.HasPrefix(ix.terms[lo], s) {
			return
		}
		hi := lo + sort.Search(len(ix.terms)-lo, func(i int) bool {
			return !strings.HasPrefix(ix.terms[lo+i], s)
		})
		rs = append(rs, rng{uint32(lo), uint32(hi)})
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	last := len(p) - 1
	add(p[:last]) // the last letter mistyped, or one too many
	for i := 0; i < last; i++ {
		buf = append(append(buf[:0], p[:i]...), p[i+1:]...) // a letter too many
		add(buf)
		if i+1 < len(p) { // two letters swapped
			buf = append(buf[:0], p...)
			buf[i], buf[i+1] = buf[i+1], buf[i]
			add(buf)
		}
		for _, c := range alphabet {
			if c != p[i] { // a letter mistyped
				buf = append(buf[:0], p...)
				buf[i] = c
				add(buf)
			}
			// a letter missed before p[i]
			buf = append(append(append(buf[:0], p[:i]...), c), p[i:]...)
			add(buf)
		}
	}
	if len(rs) == 0 {
		return ms
	}
	slices.SortFunc(rs, func(a, b rng) int { return int(a.lo) - int(b.lo) })
	seen := make(map[uint32]bool, len(ms))
	for _, m := range ms {
		seen[m.term] = true
	}
	var ts []uint32
	end := uint32(0)
	for _, r := range rs {
		for t := max(r.lo, end); t < r.hi; t++ {
			if !seen[t] {
				ts = append(ts, t)
			}
		}
		end = max(end, r.hi)
	}
	if len(ts) > maxPrefixTypoTerms {
		slices.SortFunc(ts, func(a, b uint32) int { return ix.df(b) - ix.df(a) })
		ts = ts[:maxPrefixTypoTerms]
	}
	for _, t := range ts {
		ms = append(ms, termMatch{t, prefixTypo})
	}
	return ms
}

// idf is a query word's rarity: the IDF of the term it most likely stands
// for, which it returns too when that is an exact or typo match. Its square
// root weighs the word in the coverage, damped so that one rare word,
// perhaps one the user added, does not outweigh all the others.
func (ix *Index) idf(g group, hasExact bool, exact uint32, runes int) (float64, uint32) {
	n := float64(len(ix.texts))
	var df float64
	var term uint32
	switch {
	case hasExact:
		df = float64(ix.df(exact))
		term = exact
	case len(g.matches) > 0:
		best := g.matches[0]
		for _, m := range g.matches[1:] {
			if m.typos < best.typos || m.typos == best.typos && ix.df(m.term) > ix.df(best.term) {
				best = m
			}
		}
		df = float64(ix.df(best.term))
		term = best.term
	case g.hi > g.lo:
		// the most frequent completion is the likeliest
		for t := g.lo; t < g.hi && t < g.lo+256; t++ {
			df = max(df, float64(ix.df(t)))
		}
	case runes < minLen1Typo:
		// an unknown short word is probably a mistyped function word
		df = n / 20
	default:
		df = 1 // an unknown word: as rare as can be
	}
	return math.Log(1 + n/(df+0.5)), term
}

func (ix *Index) df(t uint32) int { return int(ix.termStart[t+1] - ix.termStart[t]) }

func (ix *Index) termID(w string) (uint32, bool) {
	i := sort.SearchStrings(ix.terms, w)
	if i < len(ix.terms) && ix.terms[i] == w {
		return uint32(i), true
	}
	return 0, false
}

// rank selects candidates from the rarest groups and scores them.
func (ix *Index) rank(ctx context.Context, groups []group, limit int) ([]Hit, error) {
	order := make([]int, 0, len(groups))
	for i, g := range groups {
		if g.df > 0 {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return nil, nil
	}
	sort.SliceStable(order, func(a, b int) bool { return groups[order[a]].df < groups[order[b]].df })

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
	walked, drivers := 0, 0
	for k, gi := range order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		g := &groups[gi]
		if k >= minDrivers && walked+g.df > softBudget || k > 0 && walked+g.df > hardBudget {
			break
		}
		drivers++
		bit := uint32(1) << gi
		mark := func(t uint32) {
			for _, d := range ix.postings[ix.termStart[t]:ix.termStart[t+1]] {
				if sc.mask[d] == 0 {
					sc.touched = append(sc.touched, d)
				}
				sc.mask[d] |= bit
			}
		}
		if k == 0 && g.df > hardBudget {
			// Even the rarest word is common ("the", "ther" and its typos,
			// a prefix of one letter): its exact term and then its rarest
			// variants, or its most frequent completions, within budget.
			ix.markCapped(g, mark)
			walked += hardBudget
			continue
		}
		for _, m := range g.matches {
			if m.term < g.lo || m.term >= g.hi {
				mark(m.term)
			}
		}
		for t := g.lo; t < g.hi; t++ {
			mark(t)
		}
		walked += g.df
	}

	// Keep the best candidates by the weight of the groups whose postings
	// were walked, then re-weigh them on every group by their own words
	// (cheap next to a full score), and score the best of those fully.
	k := max(maxCandidates, 2*limit)
	pre := ix.shortlist(sc, groups, max(preCandidates, 2*k))
	cands := make([]uint32, 0, min(k, len(pre)))
	if len(pre) <= k {
		for _, c := range pre {
			cands = append(cands, c.d)
		}
	} else if drivers == len(order) {
		// every group was walked: the weights are final
		for _, c := range pre[:k] {
			cands = append(cands, c.d)
		}
	} else {
		// Candidates above the k-th weight are in; those tied with it
		// (common when only common words were walked) are re-weighed.
		edge := pre[k-1].w
		i := 0
		for ; i < len(pre) && pre[i].w > edge; i++ {
			cands = append(cands, pre[i].d)
		}
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

	q := newQueryTerms(groups)
	hits := make([]Hit, 0, len(cands))
	var err error
	for i, d := range cands {
		if i%32 == 0 {
			if err = ctx.Err(); err != nil {
				break // answer with what is scored
			}
		}
		if s := ix.score(int(d), groups, q, nil); s > 0 {
			hits = append(hits, Hit{ID: int(d), Score: s})
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		ha, hb := hits[a], hits[b]
		if ha.Score != hb.Score {
			return ha.Score > hb.Score
		}
		if la, lb := ix.docLen(uint32(ha.ID)), ix.docLen(uint32(hb.ID)); la != lb {
			return la < lb // the tighter text is the more specific answer
		}
		return ha.ID < hb.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	at := make([]int, len(groups))
	for i := range hits {
		ix.score(hits[i].ID, groups, q, at)
		hits[i].Matched = ix.matchedSpans(hits[i].ID, at)
	}
	return hits, err
}

// matchedSpans turns matched word positions of text d into byte spans of
// the text, in order. It returns nil when the text's words cannot be
// located (a folding that changed word boundaries).
func (ix *Index) matchedSpans(d int, at []int) []text.Span {
	spans := wordSpans(ix.texts[d], int(ix.docLen(uint32(d))))
	if len(spans) != int(ix.docLen(uint32(d))) {
		return nil
	}
	var out []text.Span
	for _, p := range at {
		if p >= 0 && p < len(spans) && !slices.Contains(out, spans[p]) {
			out = append(out, spans[p])
		}
	}
	slices.SortFunc(out, func(a, b text.Span) int { return a.Start - b.Start })
	return out
}

// refine returns the k texts of cands that match the most weight over all
// groups (those whose postings were not walked included), ties to the
// earlier text.
func (ix *Index) refine(cands []uint32, groups []group, k int) []uint32 {
	// term → groups, in a small open-addressing table
	n := 0
	for _, g := range groups {
		n += len(g.matches)
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	keys := make([]uint32, size)
	masks := make([]uint32, size)
	for gi, g := range groups {
		for _, m := range g.matches {
			i := int(m.term*0x9E3779B1) & (size - 1)
			for masks[i] != 0 && keys[i] != m.term {
				i = (i + 1) & (size - 1)
			}
			keys[i] = m.term
			masks[i] |= 1 << gi
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
			for i := int(t*0x9E3779B1) & (size - 1); masks[i] != 0; i = (i + 1) & (size - 1) {
				if keys[i] == t {
					mask |= masks[i]
					break
				}
			}
		}
		w := 0.0
		for gi := range groups {
			if mask&(1<<gi) != 0 {
				w += groups[gi].weight
			}
		}
		cs[ci] = cand{d, float32(w)}
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
	out := make([]uint32, min(k, len(cs)))
	for i := range out {
		out[i] = cs[i].d
	}
	return out
}

// markCapped marks the postings of a group too common to walk whole: the
// exact term, then typo variants from the rarest, then the most frequent
// completions of a prefix, until about hardBudget postings.
func (ix *Index) markCapped(g *group, mark func(t uint32)) {
	ms := slices.Clone(g.matches)
	slices.SortFunc(ms, func(a, b termMatch) int {
		if a.typos != b.typos && (a.typos == 0 || b.typos == 0) {
			return int(a.typos) - int(b.typos)
		}
		return ix.df(a.term) - ix.df(b.term)
	})
	budget := hardBudget
	for _, m := range ms {
		if df := ix.df(m.term); df <= budget || m.typos == 0 {
			mark(m.term)
			budget -= min(df, budget)
		}
	}
	if g.hi > g.lo && budget > 0 {
		for _, t := range ix.topTerms(g.lo, g.hi, min(budget, softBudget)) {
			mark(t)
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

// cand is a candidate text with the weight of the groups it matched.
type cand struct {
	d uint32
	w float32
}

// shortlist returns up to k touched texts with the highest weight of
// matched groups, best first, ties to the earlier text.
func (ix *Index) shortlist(sc *scratch, groups []group, k int) []cand {
	wOf := func(mask uint32) float32 {
		var w float64
		for g := range groups {
			if mask&(1<<g) != 0 {
				w += groups[g].weight
			}
		}
		return float32(w)
	}
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

func (ix *Index) docLen(d uint32) uint32 { return ix.docStart[d+1] - ix.docStart[d] }

// queryTerms maps a term to the groups it matches, for scoring.
type queryTerms map[uint32][]groupMatch

type groupMatch struct {
	group   int
	quality float64
}

func newQueryTerms(groups []group) queryTerms {
	q := queryTerms{}
	for gi, g := range groups {
		for _, m := range g.matches {
			q[m.term] = append(q[m.term], groupMatch{gi, typoQuality[m.typos]})
		}
	}
	return q
}

// Adjacency of two query words that follow each other in the query (gap e
// words apart there, 1 when nothing was dropped) found g words apart in the
// text.
func pairScore(g, e int) float64 {
	switch {
	case g == e:
		return 1
	case g > 0 && (g == e+1 || g == e-1):
		return 0.8 // a word dropped or added
	case g < 0 && g >= -2:
		return 0.5 // swapped (a reversed run is caught by the order factor in score)
	case g > 0 && g <= e+3:
		return 0.4
	}
	return 0
}

// score is the confidence that text d is what the query means.
//
// When at is not nil, at[g] is set to the word position in text d that
// group g was matched at (-1 when it was not), for highlighting.
func (ix *Index) score(d int, groups []group, q queryTerms, at []int) float64 {
	toks := ix.tokens[ix.docStart[d]:ix.docStart[d+1]]
	type occ struct {
		pos     int
		quality float64
	}
	var occBuf [maxQueryWords][]occ
	occs := occBuf[:len(groups)]
	for p, t := range toks {
		for _, gm := range q[t] {
			if len(occs[gm.group]) < maxOccurrences {
				occs[gm.group] = append(occs[gm.group], occ{p, gm.quality})
			}
		}
		last := len(groups) - 1
		if g := groups[last]; t >= g.lo && t < g.hi && len(occs[last]) < maxOccurrences {
			qual := prefixQuality
			if ix.terms[t] == g.word {
				qual = 1
			}
			occs[last] = append(occs[last], occ{p, qual})
		}
	}
	var total, got float64
	content, contentMatched := false, false
	for gi, g := range groups {
		total += g.weight
		best := 0.0
		for _, o := range occs[gi] {
			best = max(best, o.quality)
		}
		got += g.weight * best
		if !g.common {
			content = true
			contentMatched = contentMatched || best > 0
		}
	}
	if total == 0 || got == 0 || content && !contentMatched {
		// Only common words of a query with content words matched:
		// "the" is no reason to offer a text for "the backstop".
		return 0
	}
	coverage := got / total

	// Order and adjacency of consecutive matched words, with one position
	// per word chosen for the whole query (a Viterbi pass over the
	// occurrences), so that a repeated common word cannot supply a good
	// pair here and another there.
	var mg [maxQueryWords]int // matched groups in query order
	k := 0
	for gi := range groups {
		if len(occs[gi]) > 0 {
			mg[k] = gi
			k++
		}
	}
	if at != nil {
		for g := range at {
			at[g] = -1
		}
		if k == 1 {
			at[mg[0]] = occs[mg[0]][0].pos
		}
	}
	var pairBest [maxQueryWords]float64 // score of the pairs each word takes part in, at best
	prox, pairW := 0.0, 0.0
	// order discounts a match whose words mostly run backwards: one
	// swapped pair is a slip of memory, a reversed run is another text.
	order := 1.0
	switch {
	case len(groups) == 1:
		prox, pairBest[0] = 1, 1
		if at != nil && len(occs[0]) > 0 {
			at[0] = occs[0][0].pos
		}
	case k >= 2:
		// dp[j][o]: best weighted pair score of mg[0..j] with mg[j] at occurrence o
		var dpBuf [2][]float64
		from := make([][]int32, k)
		prevDP := dpBuf[0][:0]
		for range occs[mg[0]] {
			prevDP = append(prevDP, 0)
		}
		for j := 1; j < k; j++ {
			a, b := mg[j-1], mg[j]
			e := b - a
			w := (groups[a].weight + groups[b].weight) / 2
			pairW += w
			cur := dpBuf[j%2][:0]
			from[j] = make([]int32, len(occs[b]))
			for oi, ob := range occs[b] {
				best, arg := -1.0, 0
				for pi, oa := range occs[a] {
					if v := prevDP[pi] + w*pairScore(ob.pos-oa.pos, e); v > best {
						best, arg = v, pi
					}
				}
				cur = append(cur, best)
				from[j][oi] = int32(arg)
			}
			dpBuf[j%2] = cur
			prevDP = cur
		}
		end := 0
		for o, v := range prevDP {
			if v > prevDP[end] {
				end = o
			}
		}
		// Walk back for the gaps on the chosen path, then score each pair.
		var gaps, es [maxQueryWords]int // gaps[j]: between mg[j-1] and mg[j]
		o := end
		if at != nil {
			at[mg[k-1]] = occs[mg[k-1]][o].pos
		}
		for j := k - 1; j >= 1; j-- {
			p := int(from[j][o])
			gaps[j] = occs[mg[j]][o].pos - occs[mg[j-1]][p].pos
			es[j] = mg[j] - mg[j-1]
			if at != nil {
				at[mg[j-1]] = occs[mg[j-1]][p].pos
			}
			o = p
		}
		// An isolated swap of two neighbouring words (pairs on both sides
		// run forward) is one slip, as a transposition is one typo: the
		// swapped pair and its neighbours, one word off each, count as
		// nearly in place. A run of backward pairs is not a slip.
		fwd := func(j int) bool { return j < 1 || j >= k || gaps[j] > 0 }
		forward := 0.0
		prox = 0
		for j := 1; j < k; j++ {
			ps := pairScore(gaps[j], es[j])
			switch {
			case gaps[j] == -1 && es[j] == 1 && fwd(j-1) && fwd(j+1):
				ps = 0.8
				forward += 0.5
			case gaps[j] > 0:
				forward++
				if gaps[j] == es[j]+1 && (j > 1 && gaps[j-1] == -1 && es[j-1] == 1 || j+1 < k && gaps[j+1] == -1 && es[j+1] == 1) {
					ps = 1 // the other side of a swap
				}
			}
			a, b := mg[j-1], mg[j]
			prox += ps * (groups[a].weight + groups[b].weight) / 2
			pairBest[a] = max(pairBest[a], ps)
			pairBest[b] = max(pairBest[b], ps)
		}
		prox /= pairW
		order = 0.6 + 0.4*forward/float64(k-1)
	}

	// Evidence: a match identifies one text among N only when the matched
	// words, in place, are together rare enough, about ln N nats of
	// surprise; "of the animal" matches many texts well and names none.
	evidence := 0.0
	for gi, g := range groups {
		if len(occs[gi]) == 0 {
			continue
		}
		best := 0.0
		for _, o := range occs[gi] {
			best = max(best, o.quality)
		}
		// An exact word is as surprising as it is rare; a typo or prefix
		// match only as rare as all the words within reach ("cost"
		// reaches "most", "host", "post"…).
		surprise := g.anyIDF
		if best == 1 {
			surprise = g.idf
		}
		evidence += surprise * best * (0.5 + 0.5*pairBest[gi])
	}
	// A remembered quotation keeps its words in order; titles, names and
	// /search queries are keywords, for which order and adjacency only
	// break ties.
	//
	// Two words are as often keywords ("Putin regroup") as a remembered
	// run, so near each other in order they are enough, words apart or
	// reversed they are not.
	var s float64
	switch {
	case ix.opts.Short || ix.opts.Keyword:
		s = coverage * (0.8 + 0.2*prox)
	case len(groups) == 2:
		s = coverage * (0.5 + 0.5*prox) * order
	default:
		s = coverage * (0.2 + 0.8*prox) * order
	}
	if ix.opts.Keyword {
		return s
	}
	// as much as one exact word found in one text only
	need := math.Log(1 + float64(len(ix.texts))/1.5)
	s *= min(1, evidence/need)
	if !content {
		// A query of common words only ("of the") is in nearly every
		// text, however few texts there are to tell: ranked, never
		// confident.
		s *= commonFactor
	}
	return s
}

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
