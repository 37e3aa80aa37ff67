package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word or punctuation mark of a body, with its byte offsets.
// Words keep inner apostrophes, hyphens and the stop of an abbreviation or
// initial ("Mr.", "J.", "U.S."); a possessive 's (or the bare apostrophe
// of "players’") is split off and recorded on the word instead.
type Token struct {
	Text  string // verbatim, without a possessive ending
	Start int
	End   int  // end of Text (a possessive ending lies after End)
	Word  bool // letters or digits (false: punctuation)
	Cap   bool // a word whose first letter is upper case
	Poss  bool // followed by a possessive 's or apostrophe
	// low is Lower's result, computed once by Tokenize: the attribution
	// rules compare folded words millions of times on a long article.
	low string
}

// Lower is the token's text folded for comparing (lower case, straight
// apostrophes, no trailing stop).
func (t Token) Lower() string {
	if t.low != "" || t.Text == "" {
		return t.low
	}
	return fold(t.Text)
}

func fold(s string) string {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	return strings.ReplaceAll(s, "’", "'")
}

// abbrevs are words whose following stop belongs to them (titles and
// common news abbreviations), folded without the stop.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "gen": true, "col": true, "capt": true, "sgt": true,
	"cpl": true, "insp": true, "supt": true, "det": true, "const": true, "cst": true, "rev": true,
	"jr": true, "sr": true, "hon": true, "maj": true, "adm": true, "coun": true, "atty": true,
	"pres": true, "sec": true, "no": true, "mt": true, "ft": true, "messrs": true, "mme": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "vs": true, "etc": true, "pte": true, "cmdr": true,
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

// Tokenize splits body into tokens: the one tokenisation that people and
// quotes share (corpus.Analyze tokenises an article once). It never fails; unknown characters are
// single punctuation tokens and white space separates tokens.
func Tokenize(body string) []Token {
	out := make([]Token, 0, len(body)/6+1) // news runs about six bytes a token
	i := 0
	for i < len(body) {
		r, sz := utf8.DecodeRuneInString(body[i:])
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			i += sz // white space and invisible format characters (zero-width space)
			continue
		}
		if !isWordRune(r) {
			out = append(out, Token{Text: body[i : i+sz], Start: i, End: i + sz, low: fold(body[i : i+sz])})
			i += sz
			continue
		}
		start := i
		j := i
		for j < len(body) {
			r, sz := utf8.DecodeRuneInString(body[j:])
			if isWordRune(r) {
				j += sz
				continue
			}
			// inner apostrophe or hyphen joins two word parts: it's, O’Hara, Jean-Paul
			if (isApos(r) || r == '-' || r == '‐') && j+sz < len(body) {
				nr, _ := utf8.DecodeRuneInString(body[j+sz:])
				if isWordRune(nr) {
					j += sz
					continue
				}
			}
			// a stop inside an initialism: U.S, p.m
			if r == '.' && j+1 < len(body) {
				nr, _ := utf8.DecodeRuneInString(body[j+1:])
				if unicode.IsLetter(nr) && utf8.RuneCountInString(body[lastStopOrStart(body, start, j):j]) == 1 {
					j++
					continue
				}
			}
			break
		}
		w := body[start:j]
		t := Token{Text: w, Start: start, End: j, Word: true}
		fr, _ := utf8.DecodeRuneInString(w)
		t.Cap = unicode.IsUpper(fr)
		// possessive: Starmer’s, players’
		if k := possessiveCut(w); k > 0 && !contracted[strings.ToLower(w[:k])] {
			t.Text = w[:k]
			t.End = start + k
			t.Poss = true
		}
		// the stop of an abbreviation, an initial or an initialism
		if j < len(body) && body[j] == '.' && !t.Poss {
			low := strings.ToLower(w)
			runes := utf8.RuneCountInString(w)
			if abbrevs[low] || (runes == 1 && t.Cap) || strings.Contains(w, ".") {
				j++
				t.Text = body[start:j]
				t.End = j
			}
		}
		t.low = fold(t.Text)
		out = append(out, t)
		i = j
	}
	return out
}

func lastStopOrStart(s string, start, j int) int {
	k := strings.LastIndexByte(s[start:j], '.')
	if k < 0 {
		return start
	}
	return start + k + 1
}

// possessiveCut returns the length of w without a possessive 's ending, or 0.
func possessiveCut(w string) int {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// contracted are words whose 's is "is" or "has", not a possessive.
var contracted = map[string]bool{"it": true, "he": true, "she": true, "that": true, "there": true,
	"what": true, "who": true, "here": true, "where": true, "let": true, "how": true}
