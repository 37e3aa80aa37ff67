package search

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unsafe"
)

// Index is an immutable search index; safe for concurrent use.
type Index struct {
	texts  []string
	opts   Options
	params *scoreParams // the score's weights for this kind of index

	terms     []string // the vocabulary, sorted; a term's ID is its position
	termStart []uint32 // postings of term t: postings[termStart[t]:termStart[t+1]]
	postings  []uint32 // text IDs, ascending within a term
	docStart  []uint32 // words of text d: tokens[docStart[d]:docStart[d+1]]
	tokens    []uint32 // term IDs of every text's words, in order

	// lex holds the typo dictionary (typo.go): the index's own, whose IDs
	// are its term IDs, or one shared by the segments of a Segmented,
	// whose IDs gids and lids translate.
	lex *lexicon
	// A segment's terms are not in terms but in words (the shared
	// lexicon's, as of its build), at their lexicon IDs: see term.
	words termList
	gids  []uint32 // term → lexicon ID; nil when lex is the index's own
	lids  []uint32 // lexicon ID → term+1, 0 when absent (IDs past its end too)

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
	ix := &Index{texts: texts, opts: opts, params: paramsFor(opts)}
	terms := ix.tokenize()
	ix.sortVocabulary(terms)
	ix.buildPostings()
	ix.lex = newLexicon(ix.terms)
	ix.scratch = make(chan *scratch, runtime.GOMAXPROCS(0)+1)
	return ix
}

// tokenize fills docStart and tokens with the words of every text (at most
// maxTextWords each) numbered in order of first appearance, and returns
// the vocabulary in that order.
func (ix *Index) tokenize() []string {
	texts := ix.texts
	ix.docStart = make([]uint32, len(texts)+1)
	total := 0
	for _, s := range texts {
		total += len(s)
	}
	// Sized by Heaps' law (about 40·√words distinct words), so that the
	// map does not grow and rehash a hundred thousand terms.
	vocab := int(40 * math.Sqrt(float64(total)/5))
	ids := newWordTable(vocab)
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
			ix.tokens = append(ix.tokens, ids.number(w))
		})
	}
	ix.docStart[len(texts)] = uint32(len(ix.tokens))
	if cap(ix.tokens)-len(ix.tokens) > len(ix.tokens)/16 {
		// The estimate was high (short words): the index keeps this
		// array, so keep it exact rather than up to a third too long.
		ix.tokens = append(make([]uint32, 0, len(ix.tokens)), ix.tokens...)
	}
	ix.tokens = slices.Clip(ix.tokens)
	return ids.terms
}

// sortVocabulary sorts the vocabulary so that prefixes are ranges, and
// renumbers the tokens.
func (ix *Index) sortVocabulary(terms []string) {
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
	for i, t := range ix.tokens {
		ix.tokens[i] = remap[t]
	}
}

// buildPostings fills termStart and postings from the tokens: it counts
// the distinct texts per term, then fills.
func (ix *Index) buildPostings() {
	n := len(ix.docStart) - 1
	nterms := ix.termCount()
	last := make([]int32, nterms)
	for i := range last {
		last[i] = -1
	}
	ix.termStart = make([]uint32, nterms+1)
	for d := 0; d < n; d++ {
		for _, t := range ix.tokens[ix.docStart[d]:ix.docStart[d+1]] {
			if last[t] != int32(d) {
				last[t] = int32(d)
				ix.termStart[t+1]++
			}
		}
	}
	for t := range nterms {
		ix.termStart[t+1] += ix.termStart[t]
	}
	ix.postings = make([]uint32, ix.termStart[nterms])
	fill := last // reuse as the next free slot per term
	for t := range fill {
		fill[t] = int32(ix.termStart[t])
	}
	for d := 0; d < n; d++ {
		for _, t := range ix.tokens[ix.docStart[d]:ix.docStart[d+1]] {
			f := fill[t]
			if f > int32(ix.termStart[t]) && ix.postings[f-1] == uint32(d) {
				continue
			}
			ix.postings[f] = uint32(d)
			fill[t] = f + 1
		}
	}
}

// Len is the number of indexed texts.
func (ix *Index) Len() int { return len(ix.texts) }

// Terms is the size of the vocabulary.
func (ix *Index) Terms() int { return ix.termCount() }

// termCount is the size of the vocabulary (also before its postings are
// built).
func (ix *Index) termCount() int {
	if ix.gids != nil {
		return len(ix.gids)
	}
	return len(ix.terms)
}

// searchTerm returns the first term ≥ w (termCount when none).
func (ix *Index) searchTerm(w string) int {
	if ix.gids == nil {
		return sort.SearchStrings(ix.terms, w)
	}
	return sort.Search(len(ix.gids), func(i int) bool { return ix.words.at(ix.gids[i]) >= w })
}

// term returns term t.
func (ix *Index) term(t uint32) string {
	if ix.gids == nil {
		return ix.terms[t]
	}
	return ix.words.at(ix.gids[t])
}

// SizeBytes is the memory the index holds beyond the texts themselves (the
// slice of text headers is counted, the text bytes are not).
func (ix *Index) SizeBytes() int {
	n := int(unsafe.Sizeof(*ix))
	n += cap(ix.texts) * int(unsafe.Sizeof(""))
	n += cap(ix.terms) * int(unsafe.Sizeof(""))
	if ix.gids == nil {
		for _, t := range ix.terms {
			n += len(t)
		}
	} // else the bytes are the lexicon's
	n += 4 * (cap(ix.termStart) + cap(ix.postings) + cap(ix.docStart) + cap(ix.tokens))
	if ix.gids == nil {
		// its own lexicon: the terms are counted above
		for i := range ix.lex.parts {
			n += ix.lex.parts[i].sizeBytes()
		}
	} else {
		// a segment: the shared lexicon is counted once by its Segmented
		n += 4 * (cap(ix.gids) + cap(ix.lids))
	}
	return n
}

func (ix *Index) df(t uint32) int { return int(ix.termStart[t+1] - ix.termStart[t]) }

func (ix *Index) termID(w string) (uint32, bool) {
	i := sort.SearchStrings(ix.terms, w)
	if i < len(ix.terms) && ix.terms[i] == w {
		return uint32(i), true
	}
	return 0, false
}

// lid returns the term of lexicon ID g in ix, if ix has it.
func (ix *Index) lid(g uint32) (uint32, bool) {
	if ix.gids == nil {
		return g, int(g) < len(ix.terms)
	}
	if int(g) >= len(ix.lids) || ix.lids[g] == 0 {
		return 0, false
	}
	return ix.lids[g] - 1, true
}

// gid returns the lexicon ID of term t.
func (ix *Index) gid(t uint32) uint32 {
	if ix.gids == nil {
		return t
	}
	return ix.gids[t]
}

func (ix *Index) docLen(d uint32) uint32 { return ix.docStart[d+1] - ix.docStart[d] }
