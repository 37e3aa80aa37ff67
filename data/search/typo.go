package search

import (
	"slices"
	"unicode/utf8"
)

// Typo tolerance follows Meilisearch and Typesense: a query word of fewer
// than minLen1Typo letters must match exactly, one of minLen2Typos letters or
// more may be two edits away, and anything between one edit. Edits are
// Damerau (optimal string alignment): a transposition counts as one.
//
// Words longer than maxTypoLen runes (URLs, hashtags run together, junk)
// get no typo tolerance, neither in the vocabulary nor in a query: their
// deletion variants grow with the cube of the length, so one hostile
// 5,000-letter word would otherwise cost minutes, and no real word is that
// long.
const (
	minLen1Typo  = 4
	minLen2Typos = 8
	maxTypoLen   = 32
)

// allowedTypos is the number of edits tolerated in a query word of n runes.
func allowedTypos(n int) int {
	switch {
	case n > maxTypoLen:
		return 0
	case n >= minLen2Typos:
		return 2
	case n >= minLen1Typo:
		return 1
	}
	return 0
}

// The vocabulary's typo lookup is a SymSpell deletion dictionary: every term
// is stored under the hashes of its variants with up to one or two runes
// deleted, and a query word looks up the hashes of its own deletion
// variants. Two words within d edits (transpositions included) always share a
// variant with at most d deletions on each side, so the lookup misses
// nothing; hash collisions and variants that share letters by chance are
// weeded out by computing the true distance on the few candidates.
//
// A term needs only the deletions that can meet a query word allowed that
// many typos: one-deletion variants from 4 runes (a query word of at least 4
// letters, one substitution or transposition away), two-deletion variants
// from 8 runes. Each entry is a uint64, hash<<32 | term, in one sorted slice:
// 8 bytes per variant with no per-entry pointers, looked up in a bucket.

// variantHash is FNV-1a over the runes of w, skipping positions a and b
// (pass -1 to skip nothing).
func variantHash(w []rune, a, b int) uint32 {
	h := uint32(2166136261)
	for i, r := range w {
		if i == a || i == b {
			continue
		}
		h ^= uint32(r)
		h *= 16777619
		h ^= uint32(r) >> 8
		h *= 16777619
	}
	return h
}

// eachVariant calls fn with the hash of every variant of w with up to d
// runes deleted (including w itself). Repeated letters produce repeated
// hashes; callers deduplicate.
func eachVariant(w []rune, d int, fn func(h uint32)) {
	fn(variantHash(w, -1, -1))
	if d < 1 {
		return
	}
	for i := range w {
		fn(variantHash(w, i, -1))
		if d < 2 {
			continue
		}
		for j := i + 1; j < len(w); j++ {
			fn(variantHash(w, i, j))
		}
	}
}

// termDeletions is how many deletions a vocabulary term of n runes is
// indexed under (see above): as many as the typos a word of its length may
// have, so that the deletion lookup is symmetric.
func termDeletions(n int) int { return allowedTypos(n) }

// deletions is the deletion dictionary: entries hash<<32 | term, grouped
// in buckets by the top bits of the hash (a counting sort, which builds
// several times faster than sorting the whole slice) and sorted within each.
type deletions struct {
	lo, hi uint32   // the IDs of the terms it holds: [lo, hi)
	shift  uint     // bucket of hash h: h >> shift
	start  []uint32 // entries of bucket b: ent[start[b]:start[b+1]]
	ent    []uint64
}

// buildDeletions returns the deletion dictionary of terms, whose IDs
// start at base.
func buildDeletions(terms []string, base uint32) deletions {
	n := 0
	for _, t := range terms {
		l := utf8.RuneCountInString(t)
		n++
		switch termDeletions(l) {
		case 2:
			n += l + l*(l-1)/2
		case 1:
			n += l
		}
	}
	// about 16 entries a bucket
	bits := uint(8)
	for bits < 22 && 1<<(bits+4) < n {
		bits++
	}
	dd := deletions{lo: base, hi: base + uint32(len(terms)), shift: 32 - bits, start: make([]uint32, 1<<bits+1)}
	raw := make([]uint64, 0, n)
	var rs []rune
	for id, t := range terms {
		rs = appendRunes(rs[:0], t)
		eachVariant(rs, termDeletions(len(rs)), func(h uint32) {
			raw = append(raw, uint64(h)<<32|uint64(base+uint32(id)))
			dd.start[h>>dd.shift+1]++
		})
	}
	for b := 1; b < len(dd.start); b++ {
		dd.start[b] += dd.start[b-1]
	}
	dd.ent = make([]uint64, len(raw))
	next := slices.Clone(dd.start[:len(dd.start)-1])
	for _, e := range raw {
		b := uint32(e>>32) >> dd.shift
		dd.ent[next[b]] = e
		next[b]++
	}
	raw = nil
	// sort each bucket and drop duplicates (repeated letters give repeated
	// variants), compacting in place
	w := uint32(0)
	for b := 0; b+1 < len(dd.start); b++ {
		bucket := dd.ent[dd.start[b]:dd.start[b+1]]
		slices.Sort(bucket)
		bucket = slices.Compact(bucket)
		dd.start[b] = w
		w += uint32(copy(dd.ent[w:], bucket))
	}
	dd.start[len(dd.start)-1] = w
	dd.ent = slices.Clip(dd.ent[:w])
	return dd
}

func appendRunes(rs []rune, s string) []rune {
	for _, r := range s {
		rs = append(rs, r)
	}
	return rs
}

// lookup calls fn with every term stored under hash h.
func (dd *deletions) lookup(h uint32, fn func(term uint32)) {
	if len(dd.start) == 0 {
		return
	}
	b := h >> dd.shift
	bucket := dd.ent[dd.start[b]:dd.start[b+1]]
	key := uint64(h) << 32
	i, _ := slices.BinarySearch(bucket, key)
	for ; i < len(bucket) && uint32(bucket[i]>>32) == h; i++ {
		fn(uint32(bucket[i]))
	}
}

// sizeBytes is the memory the dictionary holds.
func (dd *deletions) sizeBytes() int { return 4*cap(dd.start) + 8*cap(dd.ent) }

// osa returns the optimal-string-alignment distance between a and b, or
// max+1 as soon as it must exceed max.
func osa(a, b []rune, max int) int {
	la, lb := len(a), len(b)
	if la-lb > max || lb-la > max {
		return max + 1
	}
	// three rolling rows: two back (for transpositions), previous, current
	var buf [3 * 64]int
	var pp, p, c []int
	if lb+1 <= 64 {
		pp, p, c = buf[0:lb+1], buf[64:64+lb+1], buf[128:128+lb+1]
	} else {
		pp, p, c = make([]int, lb+1), make([]int, lb+1), make([]int, lb+1)
	}
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= la; i++ {
		c[0] = i
		rowMin := c[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			c[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		pp, p, c = p, c, pp
	}
	if p[lb] > max {
		return max + 1
	}
	return p[lb]
}
