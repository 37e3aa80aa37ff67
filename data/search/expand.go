package search

import (
	"math"
	"slices"
	"sort"
	"strings"

	"newsbot/data/text"
)

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
	stats  wordStats // what idf, anyIDF, weight and common are computed from
}

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

// expand finds the terms word may stand for and weighs it by rarity.
func (ix *Index) expand(word string, prefix bool) group {
	g := ix.match(word, prefix)
	g.weigh(len(ix.texts))
	return g
}

// match finds the terms word may stand for and their statistics, without
// weighing them (a segmented index adds up the statistics of its segments
// first).
func (ix *Index) match(word string, prefix bool) group {
	g := group{word: word}
	rs := []rune(word)
	exact, hasExact := ix.termID(word)
	if hasExact {
		g.matches = append(g.matches, termMatch{exact, 0})
	}
	if d, variants := typoReach(rs, hasExact); d > 0 {
		g.matches = ix.lex.typoMatches(g.matches, word, rs, d, variants, hasExact, exact, nil)
	}
	if prefix {
		g.lo, g.hi = ix.prefixRange(word)
	}
	if prefix && g.hi == g.lo && prefixTypoLen(len(rs)) {
		// No term begins with the word being typed: it may hold a typo.
		g.matches = ix.prefixTypos(rs, g.matches)
	}
	g.df = ix.groupDF(&g)
	g.stats = ix.stats(g, hasExact, exact, len(rs))
	return g
}

// prefixRange returns the range of the terms that begin with word.
func (ix *Index) prefixRange(word string) (lo, hi uint32) {
	n := ix.termCount()
	lo = uint32(ix.searchTerm(word))
	hi = lo
	for int(hi) < n && strings.HasPrefix(ix.term(hi), word) {
		hi++
		if hi-lo > 64 { // long range: find its end by binary search
			return lo, lo + uint32(sort.Search(n-int(lo), func(i int) bool {
				return !strings.HasPrefix(ix.term(lo+uint32(i)), word)
			}))
		}
	}
	return lo, hi
}

// prefixTypoLen tells whether the word being typed, of n letters, may hold
// a typo when no term begins with it. (A longer word than maxTypoLen gets
// no typo tolerance here either: its one-edit prefixes grow with the
// square of its length.)
func prefixTypoLen(n int) bool { return n >= minLenPrefixTypo && n <= maxTypoLen }

// groupDF is the number of postings of g's matches and prefix range.
func (ix *Index) groupDF(g *group) int {
	df := 0
	for _, m := range g.matches {
		if m.term < g.lo || m.term >= g.hi { // the prefix range counts below
			df += ix.df(m.term)
		}
	}
	if g.hi > g.lo {
		df += int(ix.termStart[g.hi] - ix.termStart[g.lo])
	}
	return df
}

// wordStats are what a group is weighed from (weigh): how frequent the
// terms it may stand for are. They are kept apart from the weighing so
// that the statistics of several indexes can be added up.
type wordStats struct {
	runes          int  // letters of the word
	exact          bool // the word itself is a term
	matched        bool // it has matches (exact, within its typos, or a mistyped prefix)
	likelyDF       int  // postings of the term it most likely stands for, when matched
	likelyFunction bool // that term is a function word
	completed      bool // it is a prefix of terms (the word being typed)
	prefixDF       int  // postings of its most frequent completion
	df             int  // postings of all its matches
}

// stats returns g's statistics in ix.
func (ix *Index) stats(g group, hasExact bool, exact uint32, runes int) wordStats {
	st := wordStats{runes: runes, exact: hasExact, matched: len(g.matches) > 0, completed: g.hi > g.lo, df: g.df}
	switch {
	case hasExact:
		st.likelyDF = ix.df(exact)
	case len(g.matches) > 0:
		best := g.matches[0]
		for _, m := range g.matches[1:] {
			if m.typos < best.typos || m.typos == best.typos && ix.df(m.term) > ix.df(best.term) {
				best = m
			}
		}
		st.likelyDF = ix.df(best.term)
		st.likelyFunction = text.IsFunctionWord(ix.term(best.term))
	}
	if st.completed {
		st.prefixDF = ix.prefixDF(g.lo, g.hi)
	}
	return st
}

// prefixDF is the postings of the most frequent completion in [lo, hi)
// (the likeliest), among the first 256.
func (ix *Index) prefixDF(lo, hi uint32) int {
	df := 0
	for t := lo; t < hi && t < lo+256; t++ {
		df = max(df, ix.df(t))
	}
	return df
}

// weigh sets g's rarity and weight from its statistics in an index of n
// texts. Its idf is the IDF of the term it most likely stands for; the
// square root of that weighs the word in the coverage, damped so that one
// rare word, perhaps one the user added, does not outweigh all the others.
func (g *group) weigh(n int) {
	st := &g.stats
	var df float64
	switch {
	case st.matched:
		df = float64(st.likelyDF)
	case st.completed:
		df = float64(st.prefixDF)
	case st.runes < minLen1Typo:
		// an unknown short word is probably a mistyped function word
		df = float64(n) / 20
	default:
		df = 1 // an unknown word: as rare as can be
	}
	g.idf = math.Log(1 + float64(n)/(df+0.5))
	g.anyIDF = math.Log(1 + float64(n)/(float64(st.df)+0.5))
	// A function word, or (in an index large enough for frequencies to
	// mean something) a word most likely standing for a very frequent term.
	g.common = text.IsFunctionWord(g.word) ||
		!st.exact && st.matched && st.likelyFunction ||
		n >= commonMinTexts && g.idf < math.Log(1+1/(commonShare+0.5/float64(n)))
	if g.common {
		c := commonIDF(n)
		g.idf, g.anyIDF = min(g.idf, c), min(g.anyIDF, c)
	}
	g.weight = math.Sqrt(g.idf)
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
		n := ix.termCount()
		lo := ix.searchTerm(s)
		if lo == n || !strings.HasPrefix(ix.term(uint32(lo)), s) {
			return
		}
		hi := lo + sort.Search(n-lo, func(i int) bool {
			return !strings.HasPrefix(ix.term(uint32(lo+i)), s)
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
