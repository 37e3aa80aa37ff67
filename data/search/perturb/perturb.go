// Package perturb makes the mistakes people make when they quote from
// memory, for measuring search: typos (a neighbouring key, a missed, doubled
// or swapped letter), a dropped, added or moved word, other quote marks,
// punctuation and case. Everything is driven by the caller's random source,
// so a seeded source gives the same queries every run.
package perturb

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is one kind of perturbation.
type Kind string

// The kinds of perturbation. Typos go to a word of at least four letters
// when the fragment has one (no search engine forgives a typo in "to", and
// people's typos land mostly in longer words).
const (
	Substitution  Kind = "typo-substitution" // a letter replaced by a neighbouring key
	Deletion      Kind = "typo-deletion"     // a letter missed
	Insertion     Kind = "typo-insertion"    // a neighbouring key or a doubled letter added
	Transposition Kind = "typo-transposition"
	DropWord      Kind = "dropped-word"
	ExtraWord     Kind = "extra-word"
	SwapWords     Kind = "swapped-words" // two neighbouring words swapped
	QuoteMarks    Kind = "quote-marks"   // curly and straight quotes and apostrophes exchanged
	PunctCase     Kind = "punct-case"    // punctuation dropped or added, case changed
	Mixed         Kind = "mixed"         // a typo, a word-level change and a surface change
)

// Single lists the single-perturbation kinds.
var Single = []Kind{Substitution, Deletion, Insertion, Transposition, DropWord, ExtraWord, SwapWords, QuoteMarks, PunctCase}

// Apply returns the fragment (words as they stand in the text, punctuation
// attached) perturbed by kind, joined by spaces. extra supplies words for
// ExtraWord (say, the corpus vocabulary); it may be nil.
func Apply(kind Kind, fragment []string, r *rand.Rand, extra []string) string {
	ws := append([]string(nil), fragment...)
	if len(ws) == 0 {
		return ""
	}
	switch kind {
	case Substitution, Deletion, Insertion, Transposition:
		i := typoTarget(ws, r)
		ws[i] = Typo(kind, ws[i], r)
	case DropWord:
		if len(ws) > 1 {
			i := r.IntN(len(ws))
			ws = append(ws[:i], ws[i+1:]...)
		}
	case ExtraWord:
		w := "really"
		if len(extra) > 0 {
			w = extra[r.IntN(len(extra))]
		}
		i := r.IntN(len(ws) + 1)
		ws = append(ws[:i], append([]string{w}, ws[i:]...)...)
	case SwapWords:
		if len(ws) > 1 {
			i := r.IntN(len(ws) - 1)
			ws[i], ws[i+1] = ws[i+1], ws[i]
		}
	case QuoteMarks:
		return quoteMarks(strings.Join(ws, " "), r)
	case PunctCase:
		return punctCase(ws, r)
	case Mixed:
		typos := []Kind{Substitution, Deletion, Insertion, Transposition}
		word := []Kind{DropWord, ExtraWord, SwapWords}
		surface := []Kind{QuoteMarks, PunctCase}
		s := Apply(typos[r.IntN(len(typos))], ws, r, extra)
		s = Apply(word[r.IntN(len(word))], strings.Fields(s), r, extra)
		return Apply(surface[r.IntN(len(surface))], strings.Fields(s), r, extra)
	}
	return strings.Join(ws, " ")
}

// typoTarget picks the word to misspell: one of at least four letters when
// there is one, else the longest.
func typoTarget(ws []string, r *rand.Rand) int {
	var long []int
	best := 0
	for i, w := range ws {
		n := letters(w)
		if n >= 4 {
			long = append(long, i)
		}
		if n > letters(ws[best]) {
			best = i
		}
	}
	if len(long) > 0 {
		return long[r.IntN(len(long))]
	}
	return best
}

func letters(w string) int {
	n := 0
	for _, c := range w {
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n
}

// keyboard rows (QWERTY) for neighbouring keys.
var rows = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// Neighbours returns the keys next to c on a QWERTY keyboard (same row and
// the rows above and below), or nil for a key not on it.
func Neighbours(c rune) []rune {
	lc := unicode.ToLower(c)
	for ri, row := range rows {
		ci := strings.IndexRune(row, lc)
		if ci < 0 {
			continue
		}
		// Each row sits about half a key right of the one above: key ci
		// touches ci and ci+1 above, ci-1 and ci below.
		var out []rune
		add := func(r, c int) {
			if r >= 0 && r < len(rows) && c >= 0 && c < len(rows[r]) {
				out = append(out, rune(rows[r][c]))
			}
		}
		add(ri, ci-1)
		add(ri, ci+1)
		add(ri-1, ci)
		add(ri-1, ci+1)
		add(ri+1, ci-1)
		add(ri+1, ci)
		if unicode.IsUpper(c) {
			for i := range out {
				out[i] = unicode.ToUpper(out[i])
			}
		}
		return out
	}
	return nil
}

// Typo applies one typo of the given kind to word, at a letter position.
func Typo(kind Kind, word string, r *rand.Rand) string {
	rs := []rune(word)
	var pos []int
	for i, c := range rs {
		if unicode.IsLetter(c) {
			pos = append(pos, i)
		}
	}
	if len(pos) == 0 {
		return word
	}
	i := pos[r.IntN(len(pos))]
	switch kind {
	case Substitution:
		if nb := Neighbours(rs[i]); len(nb) > 0 {
			rs[i] = nb[r.IntN(len(nb))]
		} else {
			rs[i] = 'x'
		}
	case Deletion:
		rs = append(rs[:i], rs[i+1:]...)
	case Insertion:
		ins := rs[i] // a doubled letter
		if nb := Neighbours(rs[i]); len(nb) > 0 && r.IntN(2) == 0 {
			ins = nb[r.IntN(len(nb))]
		}
		rs = append(rs[:i+1], append([]rune{ins}, rs[i+1:]...)...)
	case Transposition:
		// swap with the next letter that differs, so the word changes
		for _, j := range pos {
			if j == i+1 && rs[j] != rs[i] {
				rs[i], rs[j] = rs[j], rs[i]
				return string(rs)
			}
		}
		for k := 0; k+1 < len(pos); k++ {
			a, b := pos[k], pos[k+1]
			if b == a+1 && rs[a] != rs[b] {
				rs[a], rs[b] = rs[b], rs[a]
				return string(rs)
			}
		}
	}
	return string(rs)
}

var straighten = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "«", `"`, "»", `"`)

// quoteMarks exchanges the quote marks: curly made straight or straight made
// curly, and the fragment wrapped in quotes of another style.
func quoteMarks(s string, r *rand.Rand) string {
	s = straighten.Replace(s)
	switch r.IntN(3) {
	case 0:
		return `"` + s + `"`
	case 1:
		return "“" + strings.ReplaceAll(s, "'", "’") + "”"
	default:
		return "«" + s + "»"
	}
}

// punctCase strips punctuation or adds some, and changes case.
func punctCase(ws []string, r *rand.Rand) string {
	s := strings.Join(ws, " ")
	if r.IntN(2) == 0 {
		s = strings.Map(func(c rune) rune {
			if unicode.IsPunct(c) && c != '\'' && c != '’' {
				return -1
			}
			return c
		}, s)
	} else {
		i := strings.IndexByte(s, ' ')
		if i > 0 {
			s = s[:i] + "," + s[i:]
		}
		s += "..."
	}
	switch r.IntN(3) {
	case 0:
		s = strings.ToLower(s)
	case 1:
		s = strings.ToUpper(s)
	default:
		if c, n := utf8.DecodeRuneInString(s); n > 0 {
			s = string(unicode.ToUpper(c)) + strings.ToLower(s[n:])
		}
	}
	return s
}
