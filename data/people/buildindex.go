package people

import (
	"container/heap"
	"slices"
	"strings"
	"unicode"
)

// buildIndex finds FindTokens' people under construction by name, surname
// and family name without scanning them all: an article naming thousands
// of people would otherwise cost the square of their number. Each list
// holds positions in the order the builds were made, so the first and
// last entries are the first and most recent introductions that the
// scans used to find. Every change of a build's name goes through rename,
// which keeps the lists in step.
type buildIndex struct {
	builds []*personBuild
	pos    map[*personBuild]int
	full   map[string][]int // lower-cased full name
	last   map[string][]int // lower-cased last name (suffixes skipped)
	famF   map[string][]int // case-folded family name
	fullF  map[string][]int // case-folded full name
}

func newBuildIndex() *buildIndex {
	return &buildIndex{pos: map[*personBuild]int{}, full: map[string][]int{},
		last: map[string][]int{}, famF: map[string][]int{}, fullF: map[string][]int{}}
}

// foldKey maps s to one representative of its strings.EqualFold class:
// every rune becomes the smallest rune of its simple case-folding orbit.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

func (x *buildIndex) keys(b *personBuild) (full, last, famF, fullF string) {
	j := strings.Join(b.name, " ")
	return strings.ToLower(j), strings.ToLower(lastName(b.name)), foldKey(familyName(b.name)), foldKey(j)
}

// insert puts position i into m[k], kept in ascending order.
func insert(m map[string][]int, k string, i int) {
	l := m[k]
	at, _ := slices.BinarySearch(l, i)
	m[k] = slices.Insert(l, at, i)
}

// remove takes position i out of m[k].
func remove(m map[string][]int, k string, i int) {
	l := m[k]
	if at, ok := slices.BinarySearch(l, i); ok {
		l = slices.Delete(l, at, at+1)
	}
	if len(l) == 0 {
		delete(m, k)
	} else {
		m[k] = l
	}
}

func (x *buildIndex) index(b *personBuild, i int) {
	full, last, famF, fullF := x.keys(b)
	insert(x.full, full, i)
	insert(x.last, last, i)
	insert(x.famF, famF, i)
	insert(x.fullF, fullF, i)
}

func (x *buildIndex) unindex(b *personBuild, i int) {
	full, last, famF, fullF := x.keys(b)
	remove(x.full, full, i)
	remove(x.last, last, i)
	remove(x.famF, famF, i)
	remove(x.fullF, fullF, i)
}

// add appends a new build.
func (x *buildIndex) add(b *personBuild) {
	i := len(x.builds)
	x.builds = append(x.builds, b)
	x.pos[b] = i
	x.index(b, i)
}

// rename gives build b a new name.
func (x *buildIndex) rename(b *personBuild, name []string) {
	i := x.pos[b]
	x.unindex(b, i)
	b.name = name
	x.index(b, i)
}

// find is the first build whose full name is name, case aside.
func (x *buildIndex) find(name []string) *personBuild {
	if l := x.full[strings.ToLower(strings.Join(name, " "))]; len(l) > 0 {
		return x.builds[l[0]]
	}
	return nil
}

// bySurname is the most recent build whose last name is last.
func (x *buildIndex) bySurname(last string) *personBuild {
	if l := x.last[strings.ToLower(last)]; len(l) > 0 {
		return x.builds[l[len(l)-1]]
	}
	return nil
}

// byFamily is the first build whose family name, particles included, or
// whole name is family ("de la Cruz" for "Maria de la Cruz" and for "De la
// Cruz"), compared as strings.EqualFold does.
func (x *buildIndex) byFamily(family string) *personBuild {
	k := foldKey(family)
	best := -1
	for _, l := range [][]int{x.famF[k], x.fullF[k]} {
		for _, i := range l {
			b := x.builds[i]
			if strings.EqualFold(familyName(b.name), family) || strings.EqualFold(strings.Join(b.name, " "), family) {
				if best < 0 || i < best {
					best = i
				}
				break
			}
		}
	}
	if best < 0 {
		return nil
	}
	return x.builds[best]
}

// surnameRank answers Locate's question for a lone surname ("Mr. Roe"):
// which of the people of that last name is meant — the one of the
// honorific's gender, then the one named most, then the one named last,
// then the first. People are kept in one heap per last name and gender,
// best on top, so that an article naming thousands who share a surname
// does not cost thousands of comparisons per mention.
type surnameRank struct {
	seen, at []int // per person: mentions so far, token of the latest (-2: none)
	pos      []int // per person: place in its heap
	heaps    map[string]*[3]*rankHeap
	group    []*rankHeap // per person: its heap (nil: no last name)
}

func newSurnameRank(lasts []string, genders []Gender) *surnameRank {
	n := len(lasts)
	sr := &surnameRank{seen: make([]int, n), at: make([]int, n), pos: make([]int, n),
		heaps: map[string]*[3]*rankHeap{}, group: make([]*rankHeap, n)}
	for i, last := range lasts {
		sr.at[i] = -2
		g := genders[i]
		if last == "" || g < 0 || int(g) >= 3 {
			continue
		}
		hs := sr.heaps[last]
		if hs == nil {
			hs = &[3]*rankHeap{}
			sr.heaps[last] = hs
		}
		if hs[g] == nil {
			hs[g] = &rankHeap{sr: sr}
		}
		h := hs[g]
		sr.pos[i] = len(h.ids)
		h.ids = append(h.ids, i) // in order, all unseen: already a heap
		sr.group[i] = h
	}
	return sr
}

// better reports whether person a is preferred to person b.
func (sr *surnameRank) better(a, b int) bool {
	if sr.seen[a] != sr.seen[b] {
		return sr.seen[a] > sr.seen[b]
	}
	if sr.at[a] != sr.at[b] {
		return sr.at[a] > sr.at[b]
	}
	return a < b
}

// top is the best person of last name and gender g, or -1.
func (sr *surnameRank) top(last string, g Gender) int {
	hs := sr.heaps[last]
	if hs == nil || g < 0 || int(g) >= 3 || hs[g] == nil || len(hs[g].ids) == 0 {
		return -1
	}
	return hs[g].ids[0]
}

// best is Locate's pick among the people of last name for an honorific
// of gender want (Unknown: none), or -1.
func (sr *surnameRank) best(last string, want Gender) int {
	if want != Unknown {
		if p := sr.top(last, want); p >= 0 {
			return p
		}
		return sr.top(last, Unknown)
	}
	best := -1
	for g := Unknown; g <= Female; g++ {
		if p := sr.top(last, g); p >= 0 && (best < 0 || sr.better(p, best)) {
			best = p
		}
	}
	return best
}

// mentioned records a mention of person p at token tok.
func (sr *surnameRank) mentioned(p, tok int) {
	sr.seen[p]++
	sr.at[p] = tok
	if h := sr.group[p]; h != nil {
		heap.Fix(h, sr.pos[p])
	}
}

// rankHeap is one heap of surnameRank, best first.
type rankHeap struct {
	sr  *surnameRank
	ids []int
}

func (h *rankHeap) Len() int           { return len(h.ids) }
func (h *rankHeap) Less(i, j int) bool { return h.sr.better(h.ids[i], h.ids[j]) }
func (h *rankHeap) Swap(i, j int) {
	h.ids[i], h.ids[j] = h.ids[j], h.ids[i]
	h.sr.pos[h.ids[i]] = i
	h.sr.pos[h.ids[j]] = j
}
func (h *rankHeap) Push(x any) { panic("rankHeap: fixed size") }
func (h *rankHeap) Pop() any   { panic("rankHeap: fixed size") }
