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

// queryWords returns the normalised words of q, at most maxQueryWords of them.
func queryWords(q string) []string {
	var out []string
	eachWord(q, nil, func(w []byte) {
		if len(out) < maxQueryWords {
			out = append(out, string(w))
		}
	})
	return out
}

// endsInWord tells whether s ends inside a word, i.e. the user is still
// typing its last word (autocomplete then treats it as a prefix).
func endsInWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// wordSpans returns the byte spans, in s, of the words eachWord finds: a
// word is a run of letters, digits and combining marks, apostrophes inside
// it included.
func wordSpans(s string) []text.Span {
	var out []text.Span
	start := -1
	for i, r := range s {
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
