package summary

import (
	_ "embed"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/text"
)

// Photo captions and credits are text the article's page shows beside a
// picture, not part of the story: a gallery prompt, the caption and a
// "Jo Doe/The Portby Times" credit, or "(Photo: City of Portby)". Read
// as sentences they look like good lede material (they restate the story in
// one line), so they are named and kept out of every summary:
//
//   - captionParagraph: a short paragraph whose first sentence starts
//     with a caption marker (captions.txt) is a caption, every sentence
//     of it;
//   - creditTail: a sentence ending in a parenthesis that holds a credit
//     word (credits.txt) or a "Name/Agency" pair is a caption with its
//     credit; a credit that is a sentence of its own closes the caption
//     sentence before it (in a short paragraph);
//   - creditLine: a sentence that is only a "Name/Agency" credit, with no
//     final stop, is a credit.

//go:embed captions.txt
var captionsFile string

//go:embed credits.txt
var creditsFile string

// captionMarkers and creditWords are the data files' lines.
var (
	captionMarkers = wordList(captionsFile)
	creditWords    = wordList(creditsFile)
)

// wordList reads a data file: one entry a line, lower case, # comments and
// blank lines skipped.
func wordList(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.ToLower(line))
	}
	return out
}

// creditParen matches a parenthesis at the end of a sentence (a final stop
// after it allowed).
var creditParen = regexp.MustCompile(`\(([^()]{2,120})\)[.]?$`)

// nameSlashAgency matches a "Name/Agency" credit: capitalised words on both
// sides of a slash.
var nameSlashAgency = regexp.MustCompile(`\p{Lu}[\p{L}.'’-]*\s*/\s*(?:\p{Lu}|the\b)`)

// maxCaption is the most sentences a caption runs to: a paragraph that
// opens with a marker and goes on longer is text after all (or a page
// whose paragraphs were lost, where the caption cannot be told apart).
const maxCaption = 4

// Captions marks the sentences that are photo captions or credits (see the
// rules above). A credit that is a sentence of its own closes the caption
// just before it, in a short paragraph.
func Captions(sents []text.Sentence) []bool {
	out := make([]bool, len(sents))
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Paragraph == sents[i].Paragraph {
			j++
		}
		// Sentences i..j-1 are one paragraph.
		short := j-i <= maxCaption
		for k := i; k < j; k++ {
			s := sents[k].Text
			switch {
			case short && k == i && startsWithMarker(s):
				for m := i; m < j; m++ {
					out[m] = true
				}
			case creditTail(s) || creditLine(s):
				out[k] = true
				if short && k > i && isCreditOnly(s) {
					out[k-1] = true
				}
			}
		}
		i = j
	}
	return out
}

// isCreditOnly reports whether a credit sentence is nothing but the credit
// ("(Photo: City of Portby)", "Jo Marsh/The Portby Times").
func isCreditOnly(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "(") || creditLine(s)
}

// startsWithMarker reports whether s opens with a caption marker.
func startsWithMarker(s string) bool {
	lower := strings.ToLower(strings.TrimLeft(s, " \t\"'“‘("))
	for _, m := range captionMarkers {
		if strings.HasPrefix(lower, m) {
			// A marker is a whole word or ends in its colon.
			rest := lower[len(m):]
			r, _ := utf8.DecodeRuneInString(rest)
			if rest == "" || strings.HasSuffix(m, ":") || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// creditTail reports whether s ends in a parenthesised credit.
func creditTail(s string) bool {
	m := creditParen.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return false
	}
	inner := m[1]
	if nameSlashAgency.MatchString(inner) {
		return true
	}
	words := " " + strings.Join(text.Words(inner), " ") + " "
	for _, w := range creditWords {
		if strings.Contains(words, " "+w+" ") {
			return true
		}
	}
	return false
}

// creditLine reports whether s is nothing but a "Name/Agency" credit: short,
// no final stop, a slash between capitalised words.
func creditLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?\"”’") {
		return false
	}
	return len(strings.Fields(s)) <= 8 && nameSlashAgency.MatchString(s)
}
