package text

import (
	"unicode"
	"unicode/utf8"
)

// captionCuts returns the byte offsets in s[from:to] (one paragraph) where
// a photo caption without a final stop runs into the next sentence, in
// increasing order: "… in a talk on the Evening Show's phone-in The
// producer of …". Inside a line, a capitalised "The" or "An" between a
// token ending in a lower-case letter, a digit or ')' and a word starting
// with a lower-case letter or digit opens a sentence: in running text
// those words are capitalised only in names and titles, which go on with
// a capital ("the film The Godfather", "reads The Times").
//
// Other sentence openers were tried and left out: "A" is a label too
// ("vitamin A deficiency", "Nurse A said", "from A to B"), and adding He,
// In, After … (after a word that is lower-case from its start) matched the
// CNN/DM development set's own split hardly better (362 against 361 of its
// 423 opening sentences) and put our summaries there below Lead-6.
func captionCuts(s string, from, to int) []int {
	var cuts []int
	prevStart, prevEnd := -1, -1 // the token before s[i:]
	for i := skipSpace(s, from, to); i < to; i = skipSpace(s, i, to) {
		j := i
		for j < to {
			r, size := utf8.DecodeRuneInString(s[j:to])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if prevStart >= 0 && j < to && captionBoundary(s[prevStart:prevEnd], s[i:j], s[skipSpace(s, j, to):to]) {
			cuts = append(cuts, i)
		}
		prevStart, prevEnd = i, j
		i = j
	}
	return cuts
}

// captionBoundary reports whether a sentence starts at the token word,
// between the token prev and next, the rest of the line.
func captionBoundary(prev, word, next string) bool {
	if word != "The" && word != "An" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if !unicode.IsLower(last) && !isDigit(last) && last != ')' {
		return false
	}
	nr, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(nr) || isDigit(nr)
}
