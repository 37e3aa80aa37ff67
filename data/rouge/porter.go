package rouge

import "strings"

// This file is the Porter stemmer as NLTK's PorterStemmer implements it in its
// default NLTK_EXTENSIONS mode, which is what google-research's rouge_score
// uses. The published algorithm and Martin Porter's own C version differ from
// it in a handful of rules (irregular forms, -ies/-ied on four-letter words,
// y→i, -logi, -fulli, the two-letter *o test), and ROUGE figures are only
// comparable with the literature if those differences are kept. The pure-Go
// stemmers on the module proxy implement the original algorithm or Porter2
// (Snowball English), so neither reproduces rouge_score.

// irregular maps NLTK's table of irregular forms to their stems; these
// bypass the rules entirely.
var irregular = map[string]string{
	"sky": "sky", "skies": "sky",
	"dying": "die", "lying": "lie", "tying": "tie",
	"news":    "news",
	"innings": "inning", "inning": "inning",
	"outings": "outing", "outing": "outing",
	"cannings": "canning", "canning": "canning",
	"howe":    "howe",
	"proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}

// Stem returns the Porter stem of a lower-case word, exactly as NLTK's
// PorterStemmer().stem does. Words of one or two characters come back as
// they are. Input is expected to be lower-case ASCII (ROUGE's tokeniser
// guarantees it); other bytes are treated as consonants.
func Stem(word string) string {
	w := strings.ToLower(word)
	if s, ok := irregular[w]; ok {
		return s
	}
	if len(w) <= 2 {
		return w
	}
	w = step1a(w)
	w = step1b(w)
	w = step1c(w)
	w = step2(w)
	w = step3(w)
	w = step4(w)
	w = step5a(w)
	w = step5b(w)
	return w
}

func isVowelByte(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// isConsonant follows the paper: a letter other than a e i o u, and other
// than y preceded by a consonant.
func isConsonant(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		// y is a consonant at the start and after a vowel.
		return i == 0 || !isConsonant(w, i-1)
	}
	return true
}

// measure is m in [C](VC){m}[V]: the number of vowel→consonant transitions.
func measure(stem string) int {
	m := 0
	prevVowel := false
	for i := 0; i < len(stem); i++ {
		c := isConsonant(stem, i)
		if c && prevVowel {
			m++
		}
		prevVowel = !c
	}
	return m
}

func containsVowel(stem string) bool {
	for i := 0; i < len(stem); i++ {
		if !isConsonant(stem, i) {
			return true
		}
	}
	return false
}

func endsDoubleConsonant(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && isConsonant(w, n-1)
}

// endsCVC is condition *o, with NLTK's extension that a two-letter stem
// vowel+consonant also counts.
func endsCVC(w string) bool {
	n := len(w)
	if n >= 3 && isConsonant(w, n-3) && !isConsonant(w, n-2) && isConsonant(w, n-1) {
		c := w[n-1]
		return c != 'w' && c != 'x' && c != 'y'
	}
	return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1)
}

// rule is one suffix rule: when the word ends with suffix, the stem (word
// minus suffix) gets repl appended if cond holds; otherwise the word is left
// alone and no later rule of the same list is tried (NLTK's _apply_rule_list).
type rule struct {
	suffix, repl string
	cond         func(stem string) bool
}

func applyRules(w string, rules []rule) string {
	for _, r := range rules {
		if strings.HasSuffix(w, r.suffix) {
			stem := w[:len(w)-len(r.suffix)]
			if r.cond == nil || r.cond(stem) {
				return stem + r.repl
			}
			return w
		}
	}
	return w
}

func positive(stem string) bool { return measure(stem) > 0 }
func gtOne(stem string) bool    { return measure(stem) > 1 }

func step1a(w string) string {
	if strings.HasSuffix(w, "ies") && len(w) == 4 {
		return w[:len(w)-3] + "ie"
	}
	return applyRules(w, []rule{
		{"sses", "ss", nil},
		{"ies", "i", nil},
		{"ss", "ss", nil},
		{"s", "", nil},
	})
}

func step1b(w string) string {
	if strings.HasSuffix(w, "ied") {
		if len(w) == 4 {
			return w[:len(w)-3] + "ie"
		}
		return w[:len(w)-3] + "i"
	}
	if strings.HasSuffix(w, "eed") {
		stem := w[:len(w)-3]
		if measure(stem) > 0 {
			return stem + "ee"
		}
		return w
	}
	var inter string
	ok := false
	for _, suf := range [...]string{"ed", "ing"} {
		if strings.HasSuffix(w, suf) {
			s := w[:len(w)-len(suf)]
			if containsVowel(s) {
				inter, ok = s, true
				break
			}
		}
	}
	if !ok {
		return w
	}
	switch {
	case strings.HasSuffix(inter, "at"):
		return inter + "e"
	case strings.HasSuffix(inter, "bl"):
		return inter + "e"
	case strings.HasSuffix(inter, "iz"):
		return inter + "e"
	case endsDoubleConsonant(inter):
		last := inter[len(inter)-1]
		if last != 'l' && last != 's' && last != 'z' {
			return inter[:len(inter)-1]
		}
		return inter
	case measure(inter) == 1 && endsCVC(inter):
		return inter + "e"
	}
	return inter
}

func step1c(w string) string {
	if strings.HasSuffix(w, "y") {
		stem := w[:len(w)-1]
		if len(stem) > 1 && isConsonant(stem, len(stem)-1) {
			return stem + "i"
		}
	}
	return w
}

var step2Rules = []rule{
	{"ational", "ate", positive},
	{"tional", "tion", positive},
	{"enci", "ence", positive},
	{"anci", "ance", positive},
	{"izer", "ize", positive},
	{"bli", "ble", positive},
	{"alli", "al", positive},
	{"entli", "ent", positive},
	{"eli", "e", positive},
	{"ousli", "ous", positive},
	{"ization", "ize", positive},
	{"ation", "ate", positive},
	{"ator", "ate", positive},
	{"alism", "al", positive},
	{"iveness", "ive", positive},
	{"fulness", "ful", positive},
	{"ousness", "ous", positive},
	{"aliti", "al", positive},
	{"iviti", "ive", positive},
	{"biliti", "ble", positive},
	{"fulli", "ful", positive},
}

func step2(w string) string {
	// NLTK applies ALLI → AL first and, when it fires, runs step 2 again.
	if strings.HasSuffix(w, "alli") && positive(w[:len(w)-4]) {
		return step2(w[:len(w)-4] + "al")
	}
	r := applyRules(w, step2Rules)
	if r != w || matchesAny(w, step2Rules) {
		return r
	}
	// The 'l' of -logi stays with the stem, so short stems like geo- and
	// theo- are measured like archaeo- and philo-.
	if strings.HasSuffix(w, "logi") && positive(w[:len(w)-3]) {
		return w[:len(w)-4] + "log"
	}
	return w
}

// matchesAny reports whether some rule's suffix matches w (in which case
// NLTK stops at that rule whether or not its condition held).
func matchesAny(w string, rules []rule) bool {
	for _, r := range rules {
		if strings.HasSuffix(w, r.suffix) {
			return true
		}
	}
	return false
}

var step3Rules = []rule{
	{"icate", "ic", positive},
	{"ative", "", positive},
	{"alize", "al", positive},
	{"iciti", "ic", positive},
	{"ical", "ic", positive},
	{"ful", "", positive},
	{"ness", "", positive},
}

func step3(w string) string { return applyRules(w, step3Rules) }

var step4Rules = []rule{
	{"al", "", gtOne},
	{"ance", "", gtOne},
	{"ence", "", gtOne},
	{"er", "", gtOne},
	{"ic", "", gtOne},
	{"able", "", gtOne},
	{"ible", "", gtOne},
	{"ant", "", gtOne},
	{"ement", "", gtOne},
	{"ment", "", gtOne},
	{"ent", "", gtOne},
	{"ion", "", func(stem string) bool {
		return measure(stem) > 1 && (stem[len(stem)-1] == 's' || stem[len(stem)-1] == 't')
	}},
	{"ou", "", gtOne},
	{"ism", "", gtOne},
	{"ate", "", gtOne},
	{"iti", "", gtOne},
	{"ous", "", gtOne},
	{"ive", "", gtOne},
	{"ize", "", gtOne},
}

func step4(w string) string { return applyRules(w, step4Rules) }

func step5a(w string) string {
	if strings.HasSuffix(w, "e") {
		stem := w[:len(w)-1]
		m := measure(stem)
		if m > 1 {
			return stem
		}
		if m == 1 && !endsCVC(stem) {
			return stem
		}
	}
	return w
}

func step5b(w string) string {
	if strings.HasSuffix(w, "ll") && measure(w[:len(w)-1]) > 1 {
		return w[:len(w)-1]
	}
	return w
}
