package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s normalised for matching: curly quotes and primes made
// straight, dashes made '-', odd spaces made ' ', accents removed ("é" →
// "e", by canonical decomposition with the combining marks dropped), a few
// letters that do not decompose spelled out ("ø" → "o", "ß" → "ss"), "…" made
// "...", and lower case. The result is only for comparing; never show it to
// users, and never use its byte offsets on the original.
//
// Pure ASCII input, the common case, takes a fast path that allocates only
// when something changes.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return foldUnicode(s, i)
		}
		if 'A' <= c && c <= 'Z' || c == '`' {
			return foldASCII(s, i)
		}
	}
	return s
}

// foldASCII folds s, whose first change is at byte from; it falls over to
// foldUnicode if it meets a non-ASCII byte.
func foldASCII(s string, from int) string {
	var sb strings.Builder
	sb.Grow(len(s) + 8) // room for a few multi-byte folds if non-ASCII turns up
	last := 0           // s[last:i] is unchanged and not yet written
	for i := from; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			sb.WriteString(s[last:i])
			foldRest(&sb, s[i:])
			return sb.String()
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '`':
			c = '\''
		default:
			continue
		}
		sb.WriteString(s[last:i])
		sb.WriteByte(c)
		last = i + 1
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// foldUnicode folds s from byte from on; s[:from] is already folded ASCII.
func foldUnicode(s string, from int) string {
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	sb.WriteString(s[:from])
	foldRest(&sb, s[from:])
	return sb.String()
}

func foldRest(sb *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '`':
				c = '\''
			}
			sb.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if rep, ok := foldSpecial(r); ok {
			sb.WriteString(rep)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a combining mark already on its own: an accent
		}
		r = unicode.ToLower(r)
		var enc [utf8.UTFMax]byte
		n := utf8.EncodeRune(enc[:], r)
		// The canonical decomposition straight from norm's tables: no
		// allocation, unlike norm.NFD.Append, which matters on the
		// indexing path.
		d := norm.NFD.Properties(enc[:n]).Decomposition()
		if d == nil {
			sb.WriteRune(r)
			continue
		}
		for j := 0; j < len(d); {
			dr, ds := utf8.DecodeRune(d[j:])
			j += ds
			switch rep, ok := foldSpecial(dr); {
			case ok:
				sb.WriteString(rep) // e.g. U+2000 EN QUAD decomposes to EN SPACE
			case !unicode.Is(unicode.Mn, dr):
				sb.WriteRune(unicode.ToLower(dr))
			}
		}
	}
}

// foldSpecial maps the punctuation that news text writes many ways, and the
// letters that canonical decomposition leaves alone, to plain ASCII.
func foldSpecial(r rune) (string, bool) {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '\u02BC', '\u02B9':
		return "'", true
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB', '\u2039', '\u203A':
		return `"`, true
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D':
		return "-", true
	case '\u00A0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009',
		'\u200A', '\u202F', '\u205F', '\u3000':
		return " ", true
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return "", true // soft hyphen and zero-width characters
	case '\u2026':
		return "...", true
	case 'ø', 'Ø':
		return "o", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'ł', 'Ł':
		return "l", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'ı':
		return "i", true
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'þ', 'Þ':
		return "th", true
	case 'ﬀ':
		return "ff", true
	case 'ﬁ':
		return "fi", true
	case 'ﬂ':
		return "fl", true
	case 'ﬃ':
		return "ffi", true
	case 'ﬄ':
		return "ffl", true
	}
	return "", false
}
