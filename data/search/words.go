package search

import (
	"unicode"
	"unicode/utf8"

	"newsbot/data/text"
)

// eachWord calls fn with every normalised word of s, in order. The slice
// passed to fn is only valid during the call. Words are exactly those of
// text.Words; pure-ASCII input (the vast majority of news text) takes a fast
// path that folds in place without allocating, because building an index over
// a million quotations spends most of its time here. TestEachWordMatchesText
// keeps the two paths equal.
func eachWord(s string, buf []byte, fn func(w []byte)) []byte {
	if !isASCII(s) {
		for _, w := range text.Words(s) {
			buf = append(buf[:0], w...)
			fn(buf)
		}
		return buf
	}
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			buf = append(buf, c)
		case 'A' <= c && c <= 'Z':
			buf = append(buf, c+('a'-'A'))
		case c == '\'' || c == '`':
			// an inner apostrophe keeps the word whole ("I'm" → "im")
		default:
			if len(buf) > 0 {
				fn(buf)
				buf = buf[:0]
			}
		}
	}
	if len(buf) > 0 {
		fn(buf)
	}
	return buf
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Bounds on what a query may make the index do. They hold whatever the
// caller passes (a Discord option, a console line of a megabyte, a message
// picked for "Who said this?"), so that no input costs more than a
// millisecond or so of work.
const (
	// maxQueryBytes is how much of a raw query is read: more than any
	// Discord option (6,000 characters) or message (4,000) holds in the
	// usual scripts, and a hard stop for anything else.
	maxQueryBytes = 16 << 10
	// maxQueryRunes bounds the folded letters of the words kept: folding
	// can make a text longer than it looks ("ﬃ" is three letters), so the
	// raw length alone bounds nothing.
	maxQueryRunes = 1024
)

// queryWords returns the normalised words of q: at most maxQueryWords of
// them, read from at most maxQueryBytes of q, and together at most
// maxQueryRunes folded letters long (a longer word is cut there).
func queryWords(q string) []string {
	if len(q) > maxQueryBytes {
		cut := maxQueryBytes // q[cut] is the first byte left out: not inside a rune
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		q = q[:cut]
	}
	var out []string
	runes := 0
	eachWord(q, nil, func(w []byte) {
		if len(out) >= maxQueryWords || runes >= maxQueryRunes {
			return
		}
		n := utf8.RuneCount(w)
		if runes+n > maxQueryRunes {
			w = cutRunes(w, maxQueryRunes-runes)
			n = maxQueryRunes - runes
		}
		runes += n
		out = append(out, string(w))
	})
	return out
}

// cutRunes returns the first n runes of w.
func cutRunes(w []byte, n int) []byte {
	for i := range string(w) {
		if n == 0 {
			return w[:i]
		}
		n--
	}
	return w
}

// endsInWord tells whether s ends inside a word, i.e. the user is still
// typing its last word (autocomplete then treats it as a prefix).
func endsInWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// wordSpans returns the byte spans, in s, of the first n words eachWord
// finds (all of them when n < 0): a word is a run of letters, digits and
// combining marks, apostrophes inside it included.
func wordSpans(s string, n int) []text.Span {
	var out []text.Span
	start := -1
	for i, r := range s {
		if len(out) == n {
			return out
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case isApostrophe(r):
			// inside a word, part of it; outside, nothing
		default:
			if start >= 0 {
				out = append(out, text.Span{Start: start, End: trimApostrophes(s, start, i)})
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, text.Span{Start: start, End: trimApostrophes(s, start, len(s))})
	}
	return out
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4':
		return true
	}
	return false
}

// trimApostrophes drops trailing apostrophes from s[start:end] ("players'").
func trimApostrophes(s string, start, end int) int {
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !isApostrophe(r) {
			break
		}
		end -= n
	}
	return end
}
