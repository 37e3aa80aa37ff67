// Package text normalises news text for matching and splits it into
// paragraphs and sentences, keeping byte offsets into the original so that
// what is shown to users is always the article's own text.
package text

import (
	"strings"
	"unicode"
)

// Span is a half-open byte range [Start, End) into a body of text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Sentence is one sentence of a body: its text (verbatim, trimmed) and where
// it stands.
type Sentence struct {
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Paragraph int    `json:"paragraph"` // index of the paragraph it belongs to
}

// Fold returns s normalised for matching: curly quotes and primes made
// straight, dashes made '-', accents removed, lower case. The result is only
// for comparing; never show it to users.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '`':
			b.WriteByte('\'')
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
			b.WriteByte('"')
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			b.WriteByte('-')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Words returns the words of s, folded: runs of letters and digits, with
// inner apostrophes dropped ("I'm" → "im") so that quote marks never split or
// join words differently between a query and a quotation.
func Words(s string) []string {
	f := Fold(s)
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		case r == '\'':
			// inner apostrophe: keep the word whole
		default:
			flush()
		}
	}
	flush()
	return words
}

// Paragraphs returns the spans of the non-empty paragraphs of body. A
// paragraph ends at a newline (single or blank lines alike); surrounding
// white space is trimmed from each span.
func Paragraphs(body string) []Span {
	var out []Span
	start := 0
	for start <= len(body) {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		s, e := trimSpan(body, start, end)
		if s < e {
			out = append(out, Span{s, e})
		}
		start = end + 1
	}
	return out
}

// Sentences splits body into sentences, paragraph by paragraph.
func Sentences(body string) []Sentence {
	var out []Sentence
	for pi, p := range Paragraphs(body) {
		for _, sp := range splitParagraph(body, p) {
			out = append(out, Sentence{Text: body[sp.Start:sp.End], Start: sp.Start, End: sp.End, Paragraph: pi})
		}
	}
	return out
}

func trimSpan(s string, start, end int) (int, int) {
	for start < end && isSpaceByte(s[start]) {
		start++
	}
	for end > start && isSpaceByte(s[end-1]) {
		end--
	}
	return start, end
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' }

// splitParagraph is a placeholder splitter: it ends a sentence at . ! ? followed by space.
func splitParagraph(body string, p Span) []Span {
	var out []Span
	start := p.Start
	for i := p.Start; i < p.End; i++ {
		c := body[i]
		if (c == '.' || c == '!' || c == '?') && i+1 < p.End && body[i+1] == ' ' {
			s, e := trimSpan(body, start, i+1)
			if s < e {
				out = append(out, Span{s, e})
			}
			start = i + 1
		}
	}
	if s, e := trimSpan(body, start, p.End); s < e {
		out = append(out, Span{s, e})
	}
	return out
}
