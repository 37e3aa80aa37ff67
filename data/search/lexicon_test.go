package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"newsbot/data/search/synth"
)

// A lexicon grown by many adds finds every term and the same typos as one
// built at once, with few parts.
func TestLexiconGrows(t *testing.T) {
	for _, carry := range []uint32{maxCarry, 600} {
		t.Run(fmt.Sprintf("maxCarry=%d", carry), func(t *testing.T) { testLexiconGrows(t, carry) })
	}
}

func testLexiconGrows(t *testing.T, carry uint32) {
	terms := synth.Vocab(200_000, rand.New(rand.NewPCG(1, 2)))
	// the first batch is large enough to be built in parallel parts
	defer func(n int, c uint32) { parallelPart, maxCarry = n, c }(parallelPart, maxCarry)
	parallelPart, maxCarry = 3000, carry
	// in batches of varying size, as articles bring new words
	var lx lexicon
	grown := &lx
	sizes := []int{5000, 1, 3, 700, 2, 40, 1200, 9, 300, 64, 2048, 1}
	at := 0
	for i := 0; at < len(terms); i++ {
		n := min(sizes[i%len(sizes)], len(terms)-at)
		grown = grown.with(terms[at : at+n])
		at += n
		// O(log n) parts, and one more per maxCarry terms when merges
		// stop there
		if max := 2*bitsLen(grown.terms.n) + 1 + grown.terms.n/int(carry); len(grown.parts) > max {
			t.Fatalf("after %d terms: %d parts, want at most %d", grown.terms.n, len(grown.parts), max)
		}
	}
	for i, p := range grown.parts {
		if n := p.hi - p.lo; n > carry && n > 5000 {
			t.Errorf("part %d has %d terms: merged past maxCarry %d", i, n, carry)
		}
	}
	whole := newLexicon(terms)
	for i := 0; i+1 < len(grown.parts); i++ {
		if grown.parts[i].hi != grown.parts[i+1].lo {
			t.Fatalf("parts %d and %d do not meet: %d, %d", i, i+1, grown.parts[i].hi, grown.parts[i+1].lo)
		}
	}
	for i, w := range terms {
		if id, ok := grown.find(w); !ok || id != uint32(i) {
			t.Fatalf("find(%q) = %d, %v, want %d", w, id, ok, i)
		}
	}
	for _, w := range []string{"zzzzqqq", "", "thee"} {
		if id, ok := grown.find(w); ok && grown.terms.at(id) != w {
			t.Errorf("find(%q) found another term %q", w, grown.terms.at(id))
		}
	}
	// typos: the same matches, in the same order
	for i := 0; i < len(terms); i += 97 {
		w := terms[i]
		for _, q := range []string{w, w[1:], w + "e", swapFirst(w)} {
			rs := []rune(q)
			exact, hasExact := whole.find(q)
			d, v := typoReach(rs, hasExact)
			if d == 0 {
				continue
			}
			want := whole.typoMatches(nil, q, rs, d, v, hasExact, exact, nil)
			got := grown.typoMatches(nil, q, rs, d, v, hasExact, exact, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("typos of %q: grown lexicon %v, whole %v", q, got, want)
			}
		}
	}
	if grown.sizeBytes() <= 0 {
		t.Errorf("sizeBytes = %d", grown.sizeBytes())
	}
}

func bitsLen(n int) int {
	k := 0
	for ; n > 0; n >>= 1 {
		k++
	}
	return k
}

func swapFirst(w string) string {
	if len(w) < 2 {
		return w
	}
	return string(w[1]) + string(w[0]) + w[2:]
}

// Segments merged into one answer exactly as one Index over their live
// texts: a merge rebuilds from the words of the segments, in the shared
// lexicon, without cutting the texts again.
func TestSegmentedMergedIsIndex(t *testing.T) {
	texts := synth.Quotes(4000, 13, seedQuotes(t))
	arts := articlesOf(texts, 10)
	sx := NewSegmented(Options{})
	sx.MaxSegments = 1 // the third segment makes them merge into one
	removed := map[string]bool{"a7": true, "a123": true}
	for i := 0; i < 3; i++ {
		sx.Add(arts[i*len(arts)/3 : (i+1)*len(arts)/3]...)
		if i == 1 {
			for id := range removed {
				sx.Remove(id)
			}
		}
	}
	sx.Wait()
	if n := sx.Segments(); n != 1 {
		t.Fatalf("%d segments after merging, want 1", n)
	}
	var live []string
	var where []string // article and text of each live text
	for _, a := range arts {
		if removed[a.ID] {
			continue
		}
		for p, s := range a.Texts {
			live = append(live, s)
			where = append(where, fmt.Sprintf("%s/%d", a.ID, p))
		}
	}
	if sx.Len() != len(live) {
		t.Fatalf("Len %d after merging, want the %d live texts", sx.Len(), len(live))
	}
	ix := Build(live)
	queries := append(seedQuotes(t)[:8], "the specifcs of the backstp", "security guar", "secui", texts[75][:30], texts[1234][:25])
	for _, q := range queries {
		for _, complete := range []bool{false, true} {
			want, got := ix.Search(q, 10), sx.Search(q, 10, nil)
			if complete {
				want, got = ix.Complete(q, 10), sx.Complete(q, 10, nil)
			}
			if len(want) != len(got) {
				t.Fatalf("%q (complete %v): %d hits, Index has %d", q, complete, len(got), len(want))
			}
			for i := range want {
				if w := where[want[i].ID]; fmt.Sprintf("%s/%d", got[i].Article, got[i].Text) != w || got[i].Score != want[i].Score || !slices.Equal(got[i].Matched, want[i].Matched) {
					t.Errorf("%q (complete %v) hit %d: %+v, Index %s %+v", q, complete, i, got[i], w, want[i])
				}
			}
		}
	}
}

// A word only in removed texts stops being a term once a merge drops them,
// although the shared lexicon keeps it: it then weighs as an unknown word
// and its typos reach nothing.
func TestSegmentedRemovedTermsAbsent(t *testing.T) {
	sx := NewSegmented(Options{})
	sx.MaxSegments = 1
	sx.Add(Article{"keep", []string{"the harbour committee approved the budget"}})
	sx.Add(Article{"gone", []string{"the zorbleflax committee voted twice"}})
	sx.Remove("gone")
	sx.Add(Article{"more", []string{"the ferry committee met on tuesday"}})
	sx.Wait()
	if n := sx.Segments(); n != 1 {
		t.Fatalf("%d segments, want 1 after the merge", n)
	}
	snap := sx.cur.Load()
	g, ok := snap.lex.find("zorbleflax")
	if !ok {
		t.Fatalf("the lexicon lost a term: it is append-only")
	}
	if _, ok := snap.segs[0].ix.lid(g); ok {
		t.Fatalf("the merged segment still holds the removed text's word")
	}
	per := [][]group{make([]group, 1)}
	snap.expand(per, 0, "zorbleflix", false)
	if m := per[0][0].matches; len(m) != 0 {
		t.Errorf("a typo of a removed word matches %v", m)
	}
	if hs := sx.Search("zorbleflax committee", 3, nil); len(hs) > 0 && hs[0].Score >= confident {
		t.Errorf("a removed text's word finds %+v", hs)
	}
}

// The word table numbers words in order of first appearance, whatever
// their length, across growth.
func TestWordTable(t *testing.T) {
	wt := newWordTable(4)
	long := strings.Repeat("abcdefghij", 30) // longer than a slot holds, and than 255
	var words []string
	for i := 0; i < 5000; i++ {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	words = append(words, "", "a", strings.Repeat("x", wordInline), strings.Repeat("x", wordInline+1), long, long+"z")
	for round := 0; round < 2; round++ {
		for i, w := range words {
			if got := wt.number([]byte(w)); got != uint32(i) {
				t.Fatalf("round %d: number(%q) = %d, want %d", round, w, got, i)
			}
		}
	}
	if !slices.Equal(wt.terms, words) {
		t.Errorf("terms differ from the words in order")
	}
}
