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
