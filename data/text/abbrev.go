package text

import (
	"unicode"
	"unicode/utf8"
)

// abbr is what kind of abbreviation a token before a full stop is, which
// decides whether that stop can end a sentence.
type abbr int

const (
	abbrNone       abbr = iota
	abbrTitle           // comes before a name: never ends a sentence (Mr., Gov., vs.)
	abbrNumber          // "No." before a number
	abbrMonth           // Jan. … Dec. (May is a word): not before a day number
	abbrEnding          // may close a sentence: U.S., a.m., Inc., Jr., etc.
	abbrInitial         // a single capital: J. K. Rowling
	abbrListNumber      // a number opening a line: "1. First, …"
)

// titles are abbreviations written before a name or a noun, so the
// sentence always goes on after them. Compared in lower case.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "mx": true, "messrs": true, "dr": true, "st": true, "ste": true,
	"gov": true, "sen": true, "sens": true, "rep": true, "reps": true, "gen": true, "lt": true,
	"col": true, "capt": true, "cpt": true, "cmdr": true, "adm": true, "maj": true, "sgt": true,
	"cpl": true, "pvt": true, "brig": true, "prof": true, "rev": true, "hon": true, "pres": true,
	"supt": true, "det": true, "insp": true, "fr": true, "mt": true, "ft": true, "atty": true,
	"vs": true, "v": true, "e.g": true, "i.e": true, "cf": true, "approx": true,
}

// endings are abbreviations that often end a phrase, and so may end a
// sentence. Compared in lower case; dotted acronyms (U.S., a.m., Ph.D.)
// are recognised by their shape instead.
var endings = map[string]bool{
	"jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "plc": true,
	"llc": true, "bros": true, "etc": true, "esq": true, "ave": true, "blvd": true, "rd": true,
	"dept": true, "univ": true, "assn": true, "intl": true,
}

// months are the abbreviated month names, compared with a capital first.
var months = map[string]bool{
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

// starters are closed-class words that commonly open a sentence and seldom
// follow an abbreviation inside one: after "U.S." or "p.m.", "The" or "He"
// means a new sentence while "President" does not.
var starters = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true,
	"We": true, "I": true, "You": true, "His": true, "Her": true, "Its": true, "Their": true,
	"Our": true, "My": true, "This": true, "That": true, "These": true, "Those": true,
	"There": true, "Here": true, "But": true, "And": true, "Or": true, "So": true, "Yet": true,
	"If": true, "In": true, "On": true, "At": true, "For": true, "As": true, "By": true,
	"From": true, "With": true, "After": true, "Before": true, "When": true, "While": true,
	"Although": true, "Though": true, "Since": true, "Because": true, "However": true,
	"Meanwhile": true, "Then": true, "Now": true, "Also": true, "Still": true, "Last": true,
	"Next": true, "Earlier": true, "Later": true, "Today": true, "Yesterday": true,
	"Many": true, "Some": true, "Most": true, "All": true, "Both": true, "Other": true,
	"What": true, "Who": true, "Why": true, "How": true, "Where": true, "Such": true,
}

// speechVerbs introduce an attribution after a quotation (`"Why?" Smith
// asked.`); they are the usual reporting verbs, not a list from any corpus.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "asks": true, "added": true, "adds": true,
	"told": true, "tells": true, "replied": true, "replies": true, "wrote": true, "writes": true,
	"shouted": true, "yelled": true, "exclaimed": true, "cried": true, "continued": true,
	"insisted": true, "wondered": true, "answered": true, "recalled": true, "joked": true,
	"laughed": true, "stated": true, "explained": true, "demanded": true, "declared": true,
	"tweeted": true, "posted": true, "quipped": true, "responded": true, "urged": true,
}

// abbrevKind classifies the token in front of a single full stop.
func abbrevKind(tok string) abbr {
	if tok == "" || len(tok) > 12 {
		return abbrNone
	}
	var buf [12]byte
	lower := buf[:0]
	dotted, letters := false, 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c == '.':
			dotted = true
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			letters++
		case 'a' <= c && c <= 'z':
			letters++
		case c >= utf8.RuneSelf:
			return initialKind(tok)
		default:
			return abbrNone // digits, '$', '%', quotes: a word, not an abbreviation
		}
		lower = append(lower, c)
	}
	switch {
	case titles[string(lower)]:
		if string(lower) == "v" && tok != "v" {
			return abbrInitial // "V." is an initial; only lower-case "v." is versus
		}
		return abbrTitle
	case string(lower) == "no" || string(lower) == "nos":
		if tok[0] == 'N' {
			return abbrNumber
		}
	case months[tok]:
		return abbrMonth
	case endings[string(lower)]:
		return abbrEnding
	case dotted && isDottedAcronym(tok):
		return abbrEnding
	case letters == 1:
		if 'A' <= tok[0] && tok[0] <= 'Z' {
			return abbrInitial
		}
	}
	return abbrNone
}

// initialKind recognises a single non-ASCII capital as an initial (É.).
func initialKind(tok string) abbr {
	r, size := utf8.DecodeRuneInString(tok)
	if size == len(tok) && unicode.IsUpper(r) {
		return abbrInitial
	}
	return abbrNone
}

// isDottedAcronym reports tokens like "U.S", "a.m", "D.C", "Ph.D": letters
// in groups of at most two, joined by single dots (the final dot is the
// stop itself and is not part of tok).
func isDottedAcronym(tok string) bool {
	group := 0
	for i := 0; i < len(tok); i++ {
		if tok[i] == '.' {
			if group == 0 {
				return false
			}
			group = 0
			continue
		}
		group++
		if group > 2 {
			return false
		}
	}
	return group > 0
}

// isStarter reports whether word, which begins next, usually opens a
// sentence. A capital followed by a stop ("A.") is an initial, not the
// article "A".
func isStarter(word, next string) bool {
	if len(word) > 0 && word[len(word)-1] == '.' {
		return false
	}
	return starters[word]
}

// isAttribution reports whether next (the text after a quotation closed by
// '?' or '!') begins with an attribution such as "Smith asked", "I said" or
// "Mr. Smith said": one to three capitalised words, then a speech verb.
func isAttribution(next string) bool {
	words := 0
	for i := 0; i < len(next) && words <= 3; {
		for i < len(next) && next[i] == ' ' {
			i++
		}
		j := i
		for j < len(next) && next[j] != ' ' {
			j++
		}
		w := next[i:j]
		i = j
		if w == "" {
			return false
		}
		if words > 0 && speechVerbs[trimPunct(w)] {
			return true
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		core := trimPunct(w)
		if starters[core] && !isPronoun(core) {
			return false // "Then Smith said …" starts a new sentence
		}
		if len(w) > 0 && (w[len(w)-1] == '.' && abbrevKind(w[:len(w)-1]) != abbrTitle ||
			w[len(w)-1] == '!' || w[len(w)-1] == '?' || w[len(w)-1] == ',') {
			return false
		}
		words++
	}
	return false
}

func isPronoun(w string) bool {
	switch w {
	case "I", "He", "She", "We", "They", "You":
		return true
	}
	return false
}

// trimPunct drops trailing ASCII punctuation from a word.
func trimPunct(w string) string {
	for len(w) > 0 {
		c := w[len(w)-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' {
			w = w[:len(w)-1]
			continue
		}
		break
	}
	return w
}
