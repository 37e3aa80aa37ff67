package search

import (
	"runtime"
	"slices"

	"newsbot/data/text"
)

// lexicon is a vocabulary with its typo dictionary. An Index built alone
// has its own (a term's lexicon ID is its term ID); the segments of a
// Segmented share one, so that the typo variants of a word (the largest
// part of an index's memory after the postings) are stored once rather
// than once per segment, and a query finds the typos of its words once
// rather than in every segment.
//
// A lexicon value is immutable: adding terms (with) returns a new value
// that shares the old one's arrays. Readers of the old value never look
// past its lengths, and a Segmented has one writer at a time, so queries
// read a lexicon without locks while articles are added.
type lexicon struct {
	terms termList // lexicon ID → term; append-only
	// parts are the typo dictionaries of consecutive ranges of IDs, the
	// oldest (and largest) first. A new part is made for the terms an
	// Add brings, and parts are merged as a binary counter carries
	// (with), so that there are O(log terms) of them and each term is
	// rebuilt O(log terms) times in all.
	parts []deletions
}

// newLexicon returns the lexicon of terms, their IDs in that order.
func newLexicon(terms []string) *lexicon {
	return &lexicon{terms: termList{flat: terms, n: len(terms)}, parts: []deletions{buildDeletions(terms, 0)}}
}

// with returns a lexicon with the terms of lx and then added.
func (lx *lexicon) with(added []string) *lexicon {
	if len(added) == 0 {
		return lx
	}
	base := uint32(lx.terms.n)
	out := &lexicon{terms: lx.terms.append(added)}
	if len(added) >= parallelPart {
		// A first load: its parts are built at once, one per core, and
		// not merged (a binary counter carries into them later).
		k := runtime.GOMAXPROCS(0)
		parts := make([]deletions, k)
		parallel(k, func(i int) {
			lo, hi := i*len(added)/k, (i+1)*len(added)/k
			parts[i] = buildDeletions(added[lo:hi], base+uint32(lo))
		})
		out.parts = append(slices.Clip(lx.parts), parts...)
		return out
	}
	out.parts = append(slices.Clip(lx.parts), buildDeletions(added, base))
	// Merge the newest parts while the one before is at most twice the
	// size of the newest: parts stay of geometrically decreasing size. An
	// Add waits for this, so no merge makes a part of more than maxCarry
	// terms: parts of that size then accumulate, one per maxCarry new
	// terms, rather than one Add rebuilding the typo dictionary of the
	// whole vocabulary (about a second at a million quotations).
	for len(out.parts) >= 2 {
		a, b := out.parts[len(out.parts)-2], out.parts[len(out.parts)-1]
		if a.hi-a.lo > 2*(b.hi-b.lo) || b.hi-a.lo > maxCarry {
			break
		}
		out.parts = append(out.parts[:len(out.parts)-2], buildDeletions(out.terms.slice(a.lo, b.hi), a.lo))
	}
	return out
}

// maxCarry is the largest part with merges (a variable for tests): about
// 30 ms of building (16k terms).
var maxCarry uint32 = 1 << 14

// parallelPart is the number of new terms from which with builds their typo
// dictionary in parallel parts (a variable for tests).
var parallelPart = 1 << 17

// lookup calls fn with the ID of every term stored under variant hash h,
// in ascending order of IDs within each part (see deletions.lookup).
func (lx *lexicon) lookup(h uint32, fn func(id uint32)) {
	for i := range lx.parts {
		lx.parts[i].lookup(h, fn)
	}
}

// find returns the ID of term w: every term is stored under the hash of
// itself with nothing deleted.
func (lx *lexicon) find(w string) (uint32, bool) {
	var buf [64]rune
	rs := appendRunes(buf[:0], w)
	id, ok := uint32(0), false
	lx.lookup(variantHash(rs, -1, -1), func(t uint32) {
		if !ok && lx.terms.at(t) == w {
			id, ok = t, true
		}
	})
	return id, ok
}

// sizeBytes is the memory the lexicon holds: the terms' headers and
// bytes, and the typo dictionary.
func (lx *lexicon) sizeBytes() int {
	n := lx.terms.sizeBytes()
	for i := range lx.parts {
		n += lx.parts[i].sizeBytes()
	}
	return n
}

// typoMatches appends to ms the terms within d edits of the word rs (word
// as runes) found among the variants of rs with up to variants runes
// deleted, other than exact, and returns it. present, when not nil, leaves
// out terms that no text holds any more (a Segmented's lexicon keeps the
// terms of merged-away texts). hasExact tells whether the word itself is
// a term (then a content word is no typo of a function word).
func (lx *lexicon) typoMatches(ms []termMatch, word string, rs []rune, d, variants int, hasExact bool, exact uint32, present func(uint32) bool) []termMatch {
	seen := map[uint32]bool{}
	if hasExact {
		seen[exact] = true
	}
	// A known content word is not a typo of a function word: "dare"
	// does not stand for "are" (an unknown one may: "thier").
	noFunction := hasExact && !text.IsFunctionWord(word)
	var trs []rune
	eachVariant(rs, variants, func(h uint32) {
		lx.lookup(h, func(t uint32) {
			if seen[t] {
				return
			}
			seen[t] = true
			if present != nil && !present(t) {
				return
			}
			term := lx.terms.at(t)
			trs = appendRunes(trs[:0], term)
			if k := osa(rs, trs, d); k <= d && k > 0 && !(noFunction && text.IsFunctionWord(term)) {
				ms = append(ms, termMatch{t, uint8(k)})
			}
		})
	})
	return ms
}

// typoReach returns the edits tolerated in word rs and the deletions its
// variants are looked up with: an unknown three-letter word is most likely
// a four-letter one with a letter missed ("ust", "oal"), so the word
// itself is looked up among the terms' one-letter deletions.
func typoReach(rs []rune, hasExact bool) (d, variants int) {
	d = allowedTypos(len(rs))
	variants = d
	if d == 0 && !hasExact && len(rs) == minLen1Typo-1 {
		d = 1
	}
	return d, variants
}

// termList is the terms of a lexicon. A shared lexicon's are held in
// chunks of termChunk that never move once allocated, so that a segment
// keeps the list as of its build (a few words) and reads its terms from
// there, rather than a string header per term of its own; adding terms
// copies only the list of chunks. An Index's own lexicon is one flat slice,
// its terms.
type termList struct {
	flat   []string   // the terms, when not chunked
	chunks [][]string // chunk c holds terms c·termChunk onwards, cap termChunk
	n      int
}

const termChunkBits = 14
const termChunk = 1 << termChunkBits

// at returns term i.
func (l *termList) at(i uint32) string {
	if l.flat != nil {
		return l.flat[i]
	}
	return l.chunks[i>>termChunkBits][i&(termChunk-1)]
}

// append returns the list with ts added; l stays valid (its readers never
// look past l.n, and chunks are written past it only).
func (l termList) append(ts []string) termList {
	out := termList{chunks: slices.Clone(l.chunks), n: l.n}
	if l.flat != nil {
		out.chunks, out.n = nil, 0
		ts = append(slices.Clone(l.flat), ts...)
	}
	for _, t := range ts {
		c := out.n >> termChunkBits
		if c == len(out.chunks) {
			out.chunks = append(out.chunks, make([]string, 0, termChunk))
		}
		out.chunks[c] = append(out.chunks[c], t)
		out.n++
	}
	return out
}

// slice returns terms [lo, hi) as a new slice.
func (l *termList) slice(lo, hi uint32) []string {
	out := make([]string, 0, hi-lo)
	for i := lo; i < hi; i++ {
		out = append(out, l.at(i))
	}
	return out
}

// sizeBytes is the memory of the list: the headers and the bytes of the
// terms.
func (l *termList) sizeBytes() int {
	n := 16 * cap(l.flat)
	for _, c := range l.chunks {
		n += 16 * cap(c)
	}
	for i := 0; i < l.n; i++ {
		n += len(l.at(uint32(i)))
	}
	return n
}
