package text

import (
	"unicode"
	"unicode/utf8"
)

// Sentences splits body into sentences, paragraph by paragraph: every line
// is a unit of its own (so a headline without a final stop is a sentence),
// and within a line a sentence ends at '.', '!', '?' or an ellipsis, with
// any closing quotation marks or brackets after it, when white space and a
// plausible sentence start follow. What does not end a sentence:
//
//   - abbreviations: titles before a name (Mr., Dr., Gov., St., vs., e.g.),
//     "No." before a number, months before a day (Jan. 5), and endings that
//     can close a sentence (U.S., D.C., a.m., Inc., Jr., etc.) unless a
//     word that usually opens a sentence ("The", "He", …) or a quotation
//     follows;
//   - initials (J. K. Rowling) and a number that opens a line ("1. …");
//   - decimals, money and times ($1.13bn, 2.5%, 3.30pm), which have no
//     space after their stops;
//   - any stop followed by a lower-case word, which covers
//     `"Really?" she asked` and ellipses inside a sentence;
//   - '?' or '!' closing a quotation that an attribution follows
//     (`"Why?" Smith asked.`).
//
// A stop inside a closing quotation ends the sentence after the mark
// (`"We will win." Then …`); a quotation may span several sentences.
//
// Scraped news also glues page furniture into a line without any stop, and
// two such joins start a sentence of their own: a capitalised reader prompt
// ("… on Monday Scroll down for video …", "Click here to …"; see
// promptCuts) and "The" or "An" opening a sentence after a caption that
// lacks its stop ("… on Monday The controller of …"; see captionCuts).
//
// Every Sentence's Text is exactly body[Start:End].
func Sentences(body string) []Sentence {
	paras := Paragraphs(body)
	out := make([]Sentence, 0, len(paras)+len(body)/120)
	for pi, p := range paras {
		start := p.Start
		emit := func(end int) {
			if s, e := trimSpan(body, start, end); s < e {
				out = append(out, Sentence{Text: body[s:e], Start: s, End: e, Paragraph: pi})
			}
			start = end
		}
		// Reader prompts and glued captions cut the line into pieces
		// that split on their own.
		cuts := mergeCuts(promptCuts(body, p.Start, p.End), captionCuts(body, p.Start, p.End))
		for _, cut := range cuts {
			splitParagraph(body[:cut], start, emit)
			emit(cut)
		}
		splitParagraph(body[:p.End], start, emit)
		emit(p.End)
	}
	return out
}

// splitParagraph calls emit with the end of every sentence of s[from:]
// that is not the last one (the caller closes the last at len(s)).
func splitParagraph(s string, from int, emit func(end int)) {
	sentStart := from
	for i := from; i < len(s); {
		c := s[i]
		if c != '.' && c != '!' && c != '?' && !(c == 0xE2 && isEllipsisAt(s, i)) {
			if c < utf8.RuneSelf {
				i++
			} else {
				_, size := utf8.DecodeRuneInString(s[i:])
				i += size
			}
			continue
		}
		// The run of terminators: "." "?!" "..." "…"
		stop := i
		dots, marks := 0, 0
		for i < len(s) {
			switch {
			case s[i] == '.':
				dots++
				i++
				continue
			case s[i] == '!' || s[i] == '?':
				marks++
				i++
				continue
			case isEllipsisAt(s, i):
				dots += 3
				i += len("…")
				continue
			}
			break
		}
		// Closing quotation marks and brackets belong to the sentence.
		quoted := false
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isCloser(r) {
				break
			}
			quoted = quoted || r != ')' && r != ']'
			i += size
		}
		end := i
		if i >= len(s) {
			return
		}
		// A space must follow, or an unambiguous opening quotation mark.
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '“' {
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if j >= len(s) {
			return
		}
		// Skip what opens the next sentence: quotation marks, brackets.
		opened := false
		k := j
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !isOpener(r) {
				break
			}
			opened = opened || r != '(' && r != '['
			k += size
		}
		next, word := "", ""
		var nr rune
		if k < len(s) {
			nr, _ = utf8.DecodeRuneInString(s[k:])
			next = s[k:]
			word = firstWord(next)
		}
		if !endsSentence(s, sentStart, stop, dots, marks, quoted, opened, nr, word, next) {
			continue
		}
		emit(end)
		sentStart = j
		i = j
	}
}

// endsSentence decides whether the terminators at s[stop:] end the sentence
// that began at sentStart, given what follows: the first rune nr after any
// opening marks, its word, and the rest of the line.
func endsSentence(s string, sentStart, stop, dots, marks int, quoted, opened bool, nr rune, word, next string) bool {
	if nr != 0 && unicode.IsLower(nr) {
		return false // `"Really?" she asked`, `the U.S. economy`, `wait... what`
	}
	if nr == '.' || nr == '…' {
		return false // a spaced ellipsis ". . ."
	}
	if marks > 0 {
		// `"Why?" Smith asked.`: the attribution belongs to the quotation.
		return !(quoted && !opened && isAttribution(next))
	}
	if dots != 1 {
		return true // an ellipsis before a capital: a new sentence
	}
	tok, first := wordBefore(s, sentStart, stop)
	kind := abbrevKind(tok)
	if first && allDigits(tok) {
		kind = abbrListNumber
	}
	switch kind {
	case abbrTitle:
		return false
	case abbrNumber:
		return !isDigit(nr)
	case abbrMonth:
		if isDigit(nr) {
			return false
		}
		return opened || isStarter(word, next)
	case abbrEnding:
		return opened || isStarter(word, next)
	case abbrInitial:
		return isStarter(word, next)
	case abbrListNumber:
		return false
	}
	return true
}

// wordBefore returns the token that ends just before s[stop] (the stop),
// without the opening marks in front of it ("" if the stop follows a
// space), and whether it is the sentence's first token, so that list
// numbers ("1. …") can be told from numbers ending a sentence.
func wordBefore(s string, sentStart, stop int) (string, bool) {
	b := stop
	for b > sentStart {
		r, size := utf8.DecodeLastRuneInString(s[:b])
		if unicode.IsSpace(r) {
			break
		}
		b -= size
	}
	for b < stop {
		r, size := utf8.DecodeRuneInString(s[b:])
		if !isOpener(r) {
			break
		}
		b += size
	}
	return s[b:stop], b == sentStart
}

// firstWord returns the leading run of letters, digits, '.' and apostrophes
// of s: enough to recognise "The", "He" or "A." (an initial).
func firstWord(s string) string {
	for i, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'' || r == '’') {
			return s[:i]
		}
	}
	return s
}

func isEllipsisAt(s string, i int) bool {
	return i+2 < len(s) && s[i] == 0xE2 && s[i+1] == 0x80 && s[i+2] == 0xA6
}

// isCloser reports marks that close a quotation or bracket after a stop.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']':
		return true
	}
	return false
}

// isOpener reports marks that open a quotation or bracket before a word.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '„', '(', '[', '¿', '¡':
		return true
	}
	return false
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9') {
			return false
		}
	}
	return s != ""
}

// mergeCuts merges two increasing lists of offsets into one, without
// duplicates.
func mergeCuts(a, b []int) []int {
	if len(b) == 0 {
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		var v int
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			v, a = a[0], a[1:]
		case len(a) == 0 || b[0] < a[0]:
			v, b = b[0], b[1:]
		default:
			v, a, b = a[0], a[1:], b[1:]
		}
		out = append(out, v)
	}
	return out
}
