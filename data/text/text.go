// Package text normalises news text for matching and splits it into
// paragraphs and sentences, keeping byte offsets into the original so that
// what is shown to users is always the article's own text.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into a body of text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Sentence is one sentence of a body: its text (verbatim, trimmed) and where
// it stands. Text is always exactly body[Start:End].
type Sentence struct {
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Paragraph int    `json:"paragraph"` // index of the paragraph it belongs to
}

// Words returns the words of s, folded: runs of letters and digits, with
// inner apostrophes dropped ("I'm" → "im") so that quote marks never split or
// join words differently between a query and a quotation.
func Words(s string) []string {
	f := Fold(s)
	var words []string
	start := -1 // start of the current word in f, or -1
	var cur []byte
	flush := func(end int) {
		if start >= 0 {
			if cur != nil {
				words = append(words, string(cur))
			} else {
				words = append(words, f[start:end])
			}
		}
		start, cur = -1, nil
	}
	for i, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			if cur != nil {
				cur = append(cur, string(r)...)
			}
		case r == '\'':
			// inner apostrophe: keep the word whole, dropping the mark
			if start >= 0 && cur == nil {
				cur = append([]byte(nil), f[start:i]...)
			}
		default:
			flush(i)
		}
	}
	flush(len(f))
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

// trimSpan narrows [start, end) of s past white space at both ends,
// including Unicode spaces such as the no-break space news sites love.
func trimSpan(s string, start, end int) (int, int) {
	for start < end {
		if c := s[start]; c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			start++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		if c := s[end-1]; c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}
