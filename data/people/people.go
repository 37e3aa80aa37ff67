// Package people finds the people named in an article: their canonical full
// names, the other ways the article refers to them, and their roles.
//
// It works from capitalised word runs: a title before a run ("Prime Minister
// Keir Starmer", "Mr. Hemming") is split off as a role, and a run counts as a
// person when something in the article says so — a title or honorific, a
// common given name, a speech verb next to it ("Smith said"), or an
// apposition ("Smith, 45," / "Smith, the mayor,"). Surnames used alone are
// merged into the full name introduced earlier.
package people

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/text"
)

// Gender is what the article tells of a person's gender (from pronouns and
// honorifics), used to resolve "he" and "she".
type Gender int

// Genders.
const (
	Unknown Gender = iota
	Male
	Female
)

// Person is someone the article names.
type Person struct {
	Name    string   `json:"name"`    // canonical full name, e.g. "Keir Starmer"
	Aliases []string `json:"aliases"` // other mentions: "Starmer", "the Prime Minister of the UK"
	Role    string   `json:"role"`    // e.g. "Prime Minister of the UK", or ""
	// Roles are all the roles the article gives the person, Role first
	// ("Senator", "the former governor of Eastland"), so that any of them
	// finds them.
	Roles    []string `json:"roles,omitempty"`
	Gender   Gender   `json:"-"`
	Mentions int      `json:"-"` // how often the article mentions them
	// Surname is the family name: the last word of Name, or its first word
	// when the article puts an honorific before it ("Mr. Qiao" for "Qiao
	// Wenliang": a family name written first).
	Surname string `json:"surname,omitempty"`
}

// Mention is one place where the body names a person.
type Mention struct {
	Person     int // index into the people slice
	Start, End int // byte offsets of the whole naming run (titles included)
	Tok0, Tok1 int // token range [Tok0, Tok1) in the Tokenize result
	NameStart  int // byte offset where the name proper starts (after titles)
	Honorific  string
	Poss       bool
}

// Run is a capitalised word run split into its title part and name part.
type Run struct {
	Tok0, Tok1 int // whole run [Tok0, Tok1) after trimming function words
	Name0      int // first token of the name part (Name0 == Tok1: no name)
	Titled     bool
	Honorific  string // folded honorific or title right before the name ("mr", "lord", "president")
}

// nameKey folds a name for comparing.
func nameKey(s string) string { return strings.Join(text.Words(s), " ") }

// isNameTok reports whether a token can be part of a name.
func isNameTok(t Token) bool {
	if !t.Word || !t.Cap {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLetter(r) && !gluedWords(t.Text)
}

// gluedWords reports a word with more than two inner capitals in mixed
// case ("CarterShareReply"): page furniture glued to a name, never a
// name ("McDonald", "DeMarco" have one).
func gluedWords(w string) bool {
	inner, lower := 0, false
	for i, r := range w {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r) && i > 0:
			inner++
		}
	}
	return lower && inner > 2
}

// sentenceStarts marks, for each token, whether a sentence boundary lies
// between it and the previous token.
func sentenceStarts(toks []Token, sents []text.Sentence, body string) []bool {
	st := make([]bool, len(toks))
	if len(toks) > 0 {
		st[0] = true
	}
	si := 0
	for i := 1; i < len(toks); i++ {
		for si < len(sents) && sents[si].Start <= toks[i-1].Start {
			si++
		}
		// a sentence starting after the previous token and at or before this one
		if si < len(sents) && sents[si].Start > toks[i-1].Start && sents[si].Start <= toks[i].Start {
			st[i] = true
		}
		if strings.Contains(body[toks[i-1].End:toks[i].Start], "\n") {
			st[i] = true
		}
	}
	return st
}

// Runs returns the capitalised word runs of the tokens: sequences of
// capitalised words (lower-case particles allowed inside) within one
// sentence, without leading or trailing function words. A possessive ends a
// run.
func Runs(toks []Token, starts []bool) []Run {
	var out []Run
	i := 0
	for i < len(toks) {
		if !isNameTok(toks[i]) {
			i++
			continue
		}
		j := i + 1
		if !toks[i].Poss {
			for j < len(toks) && !starts[j] {
				if isNameTok(toks[j]) {
					j++
					if toks[j-1].Poss {
						break
					}
					continue
				}
				if (particles[toks[j].Lower()] || toks[j].Lower() == "of") && j+1 < len(toks) && isNameTok(toks[j+1]) && !starts[j+1] && toks[j].Word {
					j++
					continue
				}
				// "Maria de la Cruz", "Ludwig van der Berg": particles in a row
				if k := j; particles[toks[k].Lower()] && toks[k].Word {
					for k < len(toks) && k-j < 3 && particles[toks[k].Lower()] && toks[k].Word && !starts[k] {
						k++
					}
					if k > j+1 && k < len(toks) && isNameTok(toks[k]) && !starts[k] {
						j = k + 1
						continue
					}
				}
				break
			}
		}
		// "of" joins an office or a body to its object ("Secretary of
		// State"), not a name to a place ("Maren Quist of Dorset")
		for m := i + 1; m < j-1; m++ {
			if toks[m].Lower() == "of" && !titleWords[toks[m-1].Lower()] && !orgWords[toks[m-1].Lower()] && !roleNouns[toks[m-1].Lower()] {
				j = m
				break
			}
		}
		a, b := i, j
		// "Grandmother-of-three Pat Smith": a hyphenated description
		for a < b && (notNames[toks[a].Lower()] && !titleWords[toks[a].Lower()] || starts[a] && b-a > 1 && starterWord(toks[a].Lower()) ||
			strings.Contains(toks[a].Lower(), "-of-") || b-a > 1 && pluralRole(toks[a].Lower())) {
			if b-a >= 2 && isFirstName(toks[a].Lower()) && (personApposition(toks, Run{Tok0: a, Tok1: b, Name0: a}) || roleApposition(toks, b-1)) {
				break // "Will Barnes, who …": a given name that is also a word
			}
			a++
		}
		// "Fisherman Paul Grant": a capitalised description opening the
		// sentence before a given name
		if a < b && starts[a] && b-a >= 3 && !maleFirst[toks[a].Lower()] && !femaleFirst[toks[a].Lower()] &&
			(maleFirst[toks[a+1].Lower()] || femaleFirst[toks[a+1].Lower()]) && !titleWords[toks[a].Lower()] {
			a++
		}
		for b > a && (notNames[toks[b-1].Lower()] && !titleWords[toks[b-1].Lower()] || particles[toks[b-1].Lower()]) {
			if nameMonths[toks[b-1].Lower()] && b-1 > a && (!notNames[toks[b-2].Lower()] || titleWords[strings.TrimSuffix(toks[b-2].Lower(), ".")]) {
				break // Helena May, Mrs May
			}
			if surnameWords[toks[b-1].Lower()] && b-1 > a && isFirstName(toks[b-2].Lower()) {
				break // Owen Read
			}
			if toks[b-1].Poss && b-1 > a && !notNames[toks[b-1].Lower()] {
				break
			}
			b--
		}
		if a < b {
			r := Run{Tok0: a, Tok1: b, Name0: a}
			for k := a; k < b-1; k++ {
				if titleWords[toks[k].Lower()] || roleNouns[toks[k].Lower()] {
					r.Name0 = k + 1
					r.Titled = true
					r.Honorific = toks[k].Lower()
				}
			}
			// "Secretary of State Dana Korvel", "Minister of Inland
			// Waterways Carol Benning": the office runs on to the name
			if r.Titled && r.Name0 < b-1 && toks[r.Name0].Lower() == "of" {
				r.Name0++
				for r.Name0 < b-1 && (b-r.Name0 > 2 || orgWords[toks[r.Name0].Lower()]) && !isFirstName(toks[r.Name0].Lower()) {
					r.Name0++
				}
				if r.Name0 < b && !isFirstName(toks[r.Name0].Lower()) {
					r.Name0 = b // "CEO of Harbour Watch": the office's object, no name
				}
			}
			for r.Titled && r.Name0 < b-1 && orgWords[toks[r.Name0].Lower()] {
				r.Name0++
			}
			// "Wire Photos Kevin Marsh", "Sergeant-at-Arms Kevin Marsh":
			// words before a given name that begin no name
			if r.Name0 < b && !isFirstName(toks[r.Name0].Lower()) && b-r.Name0 >= 3 {
				for m := r.Name0 + 1; m < b-1; m++ {
					if isFirstName(toks[m].Lower()) {
						if roleish(toks[r.Name0:m]) {
							r.Titled = true
							r.Honorific = toks[m-1].Lower()
						}
						r.Name0 = m
						break
					}
				}
			}
			out = append(out, r)
		}
		i = j
	}
	return out
}

// isInitials reports "J." or "P.J.".
func isInitials(w string) bool {
	parts := strings.Split(strings.TrimSuffix(w, "."), ".")
	if len(parts) > 3 || !strings.HasSuffix(w, ".") {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// countryInitials are initialisms of places and bodies, not of given names.
var countryInitials = wordSet("country_initials.txt")

func isFirstName(w string) bool { return maleFirst[w] || femaleFirst[w] }

// roleish reports whether words name an office or role (any part of a
// hyphenated word counts: "Sergeant-at-Arms").
func roleish(ts []Token) bool {
	for _, t := range ts {
		for _, part := range strings.Split(t.Lower(), "-") {
			if titleWords[part] || roleNouns[part] {
				return true
			}
		}
	}
	return false
}

// pluralRole reports a plural that names several people by role or party
// ("Republicans Roe and Doe", "Senators Roe and Doe"): never part of a
// name.
func pluralRole(w string) bool {
	sing, ok := strings.CutSuffix(w, "s")
	return ok && !titleWords[w] && (roleNouns[sing] || titleWords[sing] || partyWords[sing])
}

// isRoleNoun reports a role noun, singular or plural ("owners").
func isRoleNoun(w string) bool { return roleNouns[w] || roleNouns[strings.TrimSuffix(w, "s")] }

// starterWord reports a capitalised sentence opener that is no name:
// "Overstating", "Unlike", "Clearly".
func starterWord(w string) bool {
	if isFirstName(w) {
		return false // "Kelly", "Stanley": given names, not adverbs
	}
	return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed") || sentenceStarters[w]
}

// nameOK reports whether the name part of a run can be a person's name.
func nameOK(toks []Token, r Run) bool {
	n := r.Tok1 - r.Name0
	if n < 1 || n > 4 {
		return false
	}
	// "Saudi Arabia said", "New Hampshire Republicans": a place, or a
	// run that begins with one ("New" is kept on the run for this)
	a := r.Tok0
	if a > 0 && toks[a-1].Lower() == "new" && toks[a-1].Cap {
		a--
	}
	for e := r.Name0 + 1; placeStarts[toks[a].Lower()] && e <= r.Tok1 && e-r.Tok0 <= 3; e++ {
		if places[strings.ToLower(strings.Join(tokTexts(toks[a:e]), " "))] && (e == r.Tok1 || !isFirstName(toks[r.Name0].Lower())) {
			return false
		}
	}
	if r.Name0 > 0 && toks[r.Name0-1].Lower() == "of" && n == 1 {
		return false // "Mother of Parliaments": an office's object, not a name
	}
	for k := r.Name0; k < r.Tok1; k++ {
		low := toks[k].Lower()
		// "Dominic House", "Ryan Field": a surname that is also a
		// common noun, after a given name
		surname := n == 2 && k == r.Tok1-1 && isFirstName(toks[r.Name0].Lower())
		if orgWords[low] && !surname || titleWords[low] {
			return false
		}
		// "the Texas Democrat", "a Wisconsin Republican": a description
		if partyWords[low] || pluralRole(low) && partyWords[strings.TrimSuffix(low, "s")] {
			return false
		}
		// "Will Barnes, who milks 80 cows": a given name that is also a
		// word, vouched for by an apposition only people take
		givenWord := k == r.Name0 && n >= 2 && isFirstName(low) && (personApposition(toks, r) || roleApposition(toks, r.Tok1-1))
		// "Owen Read", "Amy Will": a word that is also a surname, after
		// a given name
		wordSurname := k == r.Tok1-1 && n == 2 && isFirstName(toks[r.Name0].Lower()) && surnameWords[low]
		if notNames[low] && !(r.Titled && n == 1) && !(nameMonths[low] && k == r.Tok1-1 && n >= 2) && !givenWord && !wordSurname {
			return false
		}
		if isAcronym(toks[k].Text) || hasDigit(toks[k].Text) || isContraction(low) || countryInitials[low] {
			return false // "U.K. Steel"
		}
	}
	return true
}

// personApposition reports a name followed by an apposition only people
// take: ", who …" (bodies take "which") or an age (", 45,"). It vouches
// for a name of one word ("Tatu, who sells fruit, …") or one whose given
// name is also a word ("Will Barnes, who …").
func personApposition(toks []Token, r Run) bool {
	last := r.Tok1 - 1
	if last < 0 || last+2 >= len(toks) || toks[last].Poss || toks[last+1].Text != "," {
		return false
	}
	n2 := toks[last+2]
	if n2.Lower() == "who" {
		return true
	}
	return isNumber(n2.Text) && last+3 < len(toks) && toks[last+3].Text == ","
}

// roleApposition reports a name ending at token last followed by an
// apposition that names a role: ", a lawyer for the family,", ", the
// chief executive of Acme,", ", president of the union" (a role noun or
// title, lower case, within the apposition).
func roleApposition(toks []Token, last int) bool {
	if last < 0 || last+2 >= len(toks) || toks[last].Poss || toks[last+1].Text != "," {
		return false
	}
	k := last + 2
	low := toks[k].Lower()
	if !toks[k].Cap && (roleNouns[low] || titleWords[low]) {
		return true // "Roe, president of the union"
	}
	return isDet(low) && appositionRole(toks, k) != ""
}

// isAcronym reports an all-capitals word of two letters or more (CBC, RCMP),
// which names an organisation rather than a person.
func isAcronym(w string) bool {
	letters, upper := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 2 && upper == letters && !strings.Contains(w, ".")
}

func hasDigit(w string) bool { return strings.IndexFunc(w, unicode.IsDigit) >= 0 }

// isContraction reports "we've", "it's": never a name.
func isContraction(w string) bool {
	for _, suf := range []string{"'ve", "'re", "'ll", "'d", "'m", "n't"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// evidenceVerbs are the commonest speech verbs, enough to tell that a
// capitalised run next to one names someone who speaks.
var evidenceVerbs = wordSet("evidence_verbs.txt")

// evidence reports whether the article marks the run as a person.
func evidence(toks []Token, starts []bool, r Run) bool {
	if r.Titled {
		return true
	}
	first := toks[r.Name0].Lower()
	if r.Tok1-r.Name0 >= 2 && (maleFirst[first] || femaleFirst[first]) {
		return true
	}
	// "T.J. Brennan", "J. Smith": initials before a surname
	if r.Tok1-r.Name0 == 2 && isInitials(toks[r.Name0].Text) && !countryInitials[first] {
		return true
	}
	// "Anselm W. Corrigan", "Ann E. Marlow": a middle initial between
	// two names, which bodies and places never have
	if r.Tok1-r.Name0 == 3 && isInitials(toks[r.Name0+1].Text) && !countryInitials[strings.ToLower(strings.TrimSuffix(toks[r.Name0+1].Text, "."))] &&
		!isInitials(toks[r.Name0].Text) && !isAcronym(toks[r.Name0].Text) {
		return true
	}
	last := r.Tok1 - 1
	// "living in Los Angeles, claims": a place after a preposition
	placeBefore := r.Tok0 > 0 && placePreps[toks[r.Tok0-1].Lower()]
	// "Smith said", "Smith, 45, said", "Smith, a lawyer, said"
	if !toks[last].Poss && last+1 < len(toks) && !placeBefore {
		nx := toks[last+1]
		if evidenceVerbs[nx.Lower()] {
			return true
		}
		if nx.Text == "," && last+2 < len(toks) {
			n2 := toks[last+2]
			if isNumber(n2.Text) || n2.Lower() == "who" || evidenceVerbs[n2.Lower()] {
				return true
			}
			if isDet(n2.Lower()) {
				if appositionRole(toks, last+2) != "" {
					return true
				}
			}
			// "Roe, president of the union, …"
			if !n2.Cap && r.Tok1-r.Name0 >= 2 && (roleNouns[n2.Lower()] || titleWords[n2.Lower()]) {
				return true
			}
			// "Smith, marketing executive at X, said"
			for k := last + 2; k < len(toks) && k-last < 16; k++ {
				if toks[k].Text == "," {
					if k+1 < len(toks) && evidenceVerbs[toks[k+1].Lower()] {
						return true
					}
					break
				}
				if !toks[k].Word && toks[k].Text != "-" && toks[k].Text != "’" && toks[k].Text != "'" {
					break
				}
			}
		}
		// "Smith also said", "Smith has said"
		if last+2 < len(toks) && isAux(nx.Lower()) && evidenceVerbs[toks[last+2].Lower()] {
			return true
		}
	}
	// "Oumar Sako was on a trip": a name of two or three words opening a
	// sentence as its subject
	if starts[r.Tok0] && r.Tok1-r.Name0 >= 2 && r.Tok1-r.Name0 <= 3 && !toks[last].Poss && last+1 < len(toks) &&
		(subjectVerbs[toks[last+1].Lower()] || pastVerbAfter(toks, last+1) && !pluralLooking(toks[last].Lower())) {
		return true
	}
	// "spokesperson Lu Kang", "political scientist Ivo Strand"
	if r.Tok0 > 0 && !starts[r.Tok0] && toks[r.Tok0-1].Word && !toks[r.Tok0-1].Cap && isRoleNoun(toks[r.Tok0-1].Lower()) {
		return true
	}
	// "said Smith"
	if r.Tok0 > 0 {
		pv := toks[r.Tok0-1].Lower()
		if pv == "said" || pv == "says" || pv == "to" && r.Tok0 > 1 && toks[r.Tok0-2].Lower() == "according" {
			return true
		}
	}
	return false
}

// pluralLooking reports a word that reads as a plural ("Mavericks",
// "Catholics"): a team or a group before a past verb, more often than a
// surname.
func pluralLooking(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// pastVerbAfter reports a past-tense verb at token k, maybe after an
// adverb ("Mara Quist pointed out", "Mara Quist largely ran on …"): a
// name that opens a sentence as the subject of what it did.
func pastVerbAfter(toks []Token, k int) bool {
	if k < len(toks) && toks[k].Word && !toks[k].Cap && strings.HasSuffix(toks[k].Lower(), "ly") {
		k++
	}
	if k >= len(toks) || !toks[k].Word || toks[k].Cap {
		return false
	}
	w := toks[k].Lower()
	return len(w) > 4 && strings.HasSuffix(w, "ed") || pastVerbs[w]
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func isDet(s string) bool { return s == "the" || s == "a" || s == "an" }

// placePreps come before places rather than speakers.
var placePreps = wordSet("place_preps.txt")

// pastVerbs are common irregular past tenses that follow a person who
// opens a sentence ("Mara Quist ran", "… threw her support").
var pastVerbs = wordSet("past_verbs.txt")

// subjectVerbs follow a person who opens a sentence.
var subjectVerbs = wordSet("subject_verbs.txt")

var auxWords = wordSet("aux_words.txt")

func isAux(s string) bool { return auxWords[s] }

// appositionRole returns "ok" when an apposition starting at token k names
// a role ("the Prime Minister of the UK,"), or "" when the phrase is no role.
func appositionRole(toks []Token, k int) string {
	_, _, role := apposition(toks, k)
	return role
}

// maxApposition bounds an apposition in tokens: long enough for "a senior
// vice president in the Eastfield office of Harbour Realty Consulting".
const maxApposition = 20

// apposition reads a phrase from token k up to the next comma, stop or
// sentence-ending mark (at most maxApposition tokens). It reports the phrase's token
// range and whether it names a role (contains a role noun or title word).
func apposition(toks []Token, k int) (int, int, string) {
	end := k
	hasRole := false
	for end < len(toks) && end-k < maxApposition {
		t := toks[end]
		if !t.Word {
			if t.Text == "," || t.Text == "." || t.Text == ";" || t.Text == ":" || t.Text == "(" || t.Text == ")" ||
				t.Text == "—" || t.Text == "–" || isQuoteMark(t.Text) || t.Text == "?" || t.Text == "!" {
				break
			}
		}
		low := t.Lower()
		if (low == "who" || low == "that") && end > k+1 {
			break // "Roe, the former Acme CEO who left in May,": the role ends here
		}
		if evidenceVerbs[low] || low == "who" || low == "which" || low == "and" && end == k {
			return k, end, ""
		}
		if roleNouns[low] || titleWords[low] {
			hasRole = true
		}
		end++
	}
	if end == k || end >= len(toks) || end-k >= maxApposition || !hasRole {
		return k, end, ""
	}
	if e := toks[end].Lower(); e != "," && e != "." && e != ";" && e != "—" && e != "–" && e != "who" && e != "that" {
		return k, end, ""
	}
	return k, end, "ok"
}

func isQuoteMark(s string) bool {
	switch s {
	case "\"", "“", "”", "‘", "’", "'", "«", "»", "„":
		return true
	}
	return false
}

// personBuild accumulates one person while reading the article.
type personBuild struct {
	name     []string // name tokens, titles stripped
	titled   string   // kept title for a surname-only name ("Lord")
	aliases  []string
	role     string
	roles    []string
	gender   Gender
	mentions int
	votesM   int
	votesF   int
	firstPos int
	// familyFirst counts honorific mentions by the first word of a
	// two-word name ("Mr. Qiao"): a family name written first
	familyFirst int
}

func (p *personBuild) canonical() string {
	n := strings.Join(p.name, " ")
	if len(p.name) == 1 && p.titled != "" {
		return p.titled + " " + n
	}
	return n
}

func (p *personBuild) addAlias(a string) {
	a = strings.Join(strings.Fields(a), " ") // one plain space between words
	if a == "" {
		return
	}
	for _, x := range p.aliases {
		if x == a {
			return
		}
	}
	p.aliases = append(p.aliases, a)
}

// Find returns the people named in body, in order of first mention, with
// their aliases, roles and genders. title is accepted for callers' sake but
// not read: news bodies repeat every name a headline carries, and headline
// capitals would only add false names.
func Find(title, body string, sents []text.Sentence) []Person {
	return FindTokens(body, sents, nil)
}

// FindTokens is Find on a body already tokenised by text.Tokenize (toks nil:
// tokenise it here), so that an analysis tokenises an article once.
func FindTokens(body string, sents []text.Sentence, toks []Token) []Person {
	if sents == nil {
		sents = text.Sentences(body)
	}
	if toks == nil {
		toks = text.Tokenize(body)
	}
	starts := sentenceStarts(toks, sents, body)
	runs := Runs(toks, starts)
	// the builds, found by name without scanning them all (see buildIndex)
	idx := newBuildIndex()
	find, bySurname, byFamily := idx.find, idx.bySurname, idx.byFamily
	type pending struct {
		r    Run
		name []string
	}
	var singles []pending
	// surnames that speak on their own ("Lonechild said") vouch for the
	// full name they shorten
	spoke := map[string]bool{}
	for _, r := range runs {
		if r.Tok1-r.Name0 == 1 && nameOK(toks, r) && evidence(toks, starts, r) {
			spoke[toks[r.Name0].Lower()] = true
		}
	}
	for _, r := range runs {
		if !nameOK(toks, r) || !(evidence(toks, starts, r) || r.Tok1-r.Name0 >= 2 && spoke[toks[r.Tok1-1].Lower()]) {
			continue
		}
		name := tokTexts(toks[r.Name0:r.Tok1])
		if len(name) >= 2 && particles[strings.ToLower(name[0])] {
			// "De la Cruz left": the family name of "Maria de la Cruz"
			if b := byFamily(strings.Join(name, " ")); b != nil {
				noteRun(b, toks, r, body)
				continue
			}
		}
		if len(name) >= 2 {
			b := find(name)
			if b == nil {
				// "Mr. Tolland" met before "Brian Tolland", "De la Cruz"
				// before "Maria de la Cruz": upgrade it
				if s := byFamily(familyName(name)); s != nil && particles[strings.ToLower(s.name[0])] && len(name) > len(s.name) {
					s.addAlias(s.canonical())
					idx.rename(s, name)
					b = s
				} else if s := bySurname(name[len(name)-1]); s != nil && len(s.name) == 1 {
					s.addAlias(s.canonical())
					idx.rename(s, name)
					b = s
				} else {
					b = &personBuild{name: name, firstPos: toks[r.Tok0].Start}
					idx.add(b)
				}
			}
			noteRun(b, toks, r, body)
			continue
		}
		roleBefore := r.Tok0 > 0 && !starts[r.Tok0] && toks[r.Tok0-1].Word && !toks[r.Tok0-1].Cap && isRoleNoun(toks[r.Tok0-1].Lower())
		if !r.Titled && !roleBefore && !personApposition(toks, r) {
			continue // one capitalised word next to "said" may be an organisation
		}
		singles = append(singles, pending{r, name})
		if bySurname(name[0]) == nil {
			b := &personBuild{name: name, firstPos: toks[r.Tok0].Start}
			if keepTitle[r.Honorific] {
				b.titled = toks[r.Name0-1].Text
			}
			idx.add(b)
		}
	}
	// a full name met without other evidence completes a titled surname
	// ("Ms. Varga" … "Robyn Varga")
	for _, r := range runs {
		if !nameOK(toks, r) || r.Tok1-r.Name0 < 2 {
			continue
		}
		name := tokTexts(toks[r.Name0:r.Tok1])
		if find(name) != nil {
			continue
		}
		if s := bySurname(name[len(name)-1]); s != nil && len(s.name) == 1 {
			s.addAlias(s.canonical())
			idx.rename(s, name)
			s.titled = ""
		}
	}
	builds := idx.builds
	// single-token titled mentions become aliases of the full name
	// ("Mr. Roe" notes the man among the Roes: a woman never takes a
	// man's honorific, nor its gender; "Sandy Roe" is first joined to
	// "Sandra Roe", whose given name tells her gender)
	builds = mergeVariants(builds)
	byLast := map[string][]*personBuild{} // lower-cased last name → builds, in order
	for _, b := range builds {
		k := strings.ToLower(lastName(b.name))
		byLast[k] = append(byLast[k], b)
	}
	for _, s := range singles {
		want := honorificGender(s.r.Honorific)
		var pick *personBuild
		// the most recent introduction of a fitting gender wins: look
		// from the most recent back
		bs := byLast[strings.ToLower(s.name[0])]
		for j := len(bs) - 1; j >= 0; j-- {
			b := bs[j]
			g := b.gender
			if g == Unknown && len(b.name) >= 2 {
				g = FirstNameGender(b.name[0])
			}
			if want != Unknown && g != Unknown && g != want {
				continue
			}
			pick = b
			break
		}
		if pick != nil {
			noteRun(pick, toks, s.r, body)
		}
	}
	// a lone given name after a role noun ("actress Julia") that begins a
	// full name met elsewhere is that person
	fullFirst := map[string]bool{} // case-folded first words of full names
	for _, o := range builds {
		if len(o.name) >= 2 {
			fullFirst[foldKey(o.name[0])] = true
		}
	}
	kept := builds[:0]
	for _, b := range builds {
		if len(b.name) == 1 && b.titled == "" && fullFirst[foldKey(b.name[0])] {
			continue
		}
		kept = append(kept, b)
	}
	builds = mergeVariants(kept)
	// count every mention (full names, surnames, titles) and collect genders
	ppl := make([]Person, len(builds))
	for i, b := range builds {
		// the aliases so far carry the other full forms of the name
		// ("Sandy Roe" for "Sandra Roe"), which Locate must know
		ppl[i] = Person{Name: b.canonical(), Role: b.role, Aliases: b.aliases, Gender: b.gender}
		if b.gender == Unknown && len(b.name) >= 2 {
			// provisional, so that Locate gives "Mr. Roe" to the man of
			// two Roes; the pronouns decide it below
			ppl[i].Gender = FirstNameGender(b.name[0])
		}
	}
	ments := Locate(toks, starts, ppl)
	// each form met is compared once with the canonical name: a long
	// article names its people hundreds of times
	type form struct {
		person int
		run    string
	}
	seenForm := map[form]bool{}
	for _, m := range ments {
		b := builds[m.Person]
		b.mentions++
		run := body[m.NameStart:m.End]
		if isHonorific(m.Honorific) {
			run = body[m.Start:m.End]
		}
		if f := (form{m.Person, run}); !seenForm[f] {
			seenForm[f] = true
			if run != ppl[m.Person].Name && nameKey(run) != nameKey(ppl[m.Person].Name) {
				b.addAlias(run) // a shorter or titled form is an alias
			}
		}
		noteApposition(b, toks, m.Tok1-1, body) // "Roe, the former governor,"
		// "Mr. Qiao" for "Qiao Wenliang": the first word after an honorific
		// is the family name ("Dana said" alone is a given name)
		if isHonorific(m.Honorific) && len(b.name) == 2 && body[m.NameStart:m.End] == b.name[0] {
			b.familyFirst++
		}
	}
	voteGender(toks, starts, ments, builds)
	for i, b := range builds {
		// "Hilda Rodway Castell" located as "Hilda Castell": the longest
		// form of the name is the canonical one
		for _, a := range b.aliases {
			if aw := strings.Fields(a); len(aw) > len(b.name) && b.titled == "" && SameFullName(aw, b.name) {
				b.addAlias(b.canonical())
				b.name = aw
				ppl[i].Name = b.canonical()
			}
		}
	}
	for i, b := range builds {
		if len(b.name) >= 2 || b.titled != "" {
			b.addAlias(familyName(b.name))
		}
		ppl[i].Aliases = dropName(b.aliases, ppl[i].Name)
		ppl[i].Gender = b.gender
		ppl[i].Mentions = b.mentions
		ppl[i].Roles = b.roles
		ppl[i].Surname = familyName(b.name)
		if b.familyFirst > 0 && len(b.name) == 2 {
			ppl[i].Surname = b.name[0]
		}
	}
	// people only mentioned through a title and never again are kept: the
	// title itself is the evidence
	sort.SliceStable(ppl, func(i, j int) bool { return builds[i].firstPos < builds[j].firstPos })
	return ppl
}

// mergeVariants joins the builds whose full names are forms of one name
// ("Chuck Roe" and "Charles E. Roe", "Hilda Castell" and "Hilda Rodway
// Castell"; see SameFullName). The longest form is the canonical name (the
// earliest introduced of equally long ones); the others become aliases.
func mergeVariants(builds []*personBuild) []*personBuild {
	out := builds[:0:0]
	// Only names with one surname (and suffix) and given names that
	// SameGiven may join can be forms of one name, so each is compared
	// with those alone, not with every other: an article of thousands of
	// names, even all of one surname, must not cost their square. A
	// position stays listed under a given name it no longer bears (a
	// merge may change it): SameFullName still decides.
	bucket := map[string][]int{} // surname, suffix and given-name class → positions in out, ascending
	for _, b := range builds {
		k, ok := variantKey(b)
		merged := false
		var keys []string
		if ok {
			keys = givenKeys(k, b)
		}
		for _, i := range candidatesOf(bucket, keys) {
			o := out[i]
			if !SameFullName(o.name, b.name) {
				continue
			}
			win, lose := o, b
			if len(b.name) > len(o.name) || len(b.name) == len(o.name) && b.firstPos < o.firstPos {
				win, lose = b, o
			}
			win.addAlias(lose.canonical())
			for _, a := range lose.aliases {
				win.addAlias(a)
			}
			for _, r := range append([]string{lose.role}, lose.roles...) {
				win.addRole(r)
			}
			if win.gender == Unknown {
				win.gender = lose.gender
			}
			win.firstPos = min(win.firstPos, lose.firstPos)
			out[i] = win
			if win == b {
				for _, gk := range keys {
					insertPos(bucket, gk, i)
				}
			}
			merged = true
			break
		}
		if !merged {
			for _, gk := range keys {
				insertPos(bucket, gk, len(out))
			}
			out = append(out, b)
		}
	}
	return out
}

// givenKeys are the buckets of mergeVariants a build with variant key k
// belongs to: its given name, and each nickname group of it (two given
// names SameGiven joins share one of these).
func givenKeys(k string, b *personBuild) []string {
	first, _, _, _, _ := splitName(b.name)
	g := strings.TrimSuffix(first, ".")
	if g == "" {
		return nil
	}
	keys := []string{k + "\x00n:" + g}
	for _, grp := range nicknameGroups[g] {
		keys = append(keys, k+"\x00g:"+strconv.Itoa(grp))
	}
	return keys
}

// insertPos adds position i to m[k], kept ascending and without repeats.
func insertPos(m map[string][]int, k string, i int) {
	l := m[k]
	at, found := slices.BinarySearch(l, i)
	if !found {
		m[k] = slices.Insert(l, at, i)
	}
}

// candidatesOf is the union of the positions listed under keys, ascending.
func candidatesOf(m map[string][]int, keys []string) []int {
	switch len(keys) {
	case 0:
		return nil
	case 1:
		return m[keys[0]]
	}
	var u []int
	for _, k := range keys {
		u = append(u, m[k]...)
	}
	slices.Sort(u)
	return slices.Compact(u)
}

// variantKey is what two builds that mergeVariants may join share: the
// surname and suffix of an untitled name of two words or more; ok is
// false for any other build, which joins none.
func variantKey(b *personBuild) (string, bool) {
	if len(b.name) < 2 || b.titled != "" {
		return "", false
	}
	_, _, last, suffix, ok := splitName(b.name)
	return last + " " + suffix, ok
}

func dropName(aliases []string, name string) []string {
	var out []string
	k := nameKey(name)
	seen := map[string]bool{}
	for _, a := range aliases {
		ak := nameKey(a)
		if ak == k || seen[ak] || ak == "" {
			continue
		}
		seen[ak] = true
		out = append(out, a)
	}
	return out
}

func tokTexts(ts []Token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
}

// noteRun records what one naming run tells about a person: its title (a
// role and maybe a gender), an apposition after it, an honorific.
func noteRun(b *personBuild, toks []Token, r Run, body string) {
	if r.Titled {
		h := r.Honorific
		if maleHonorific[h] {
			b.gender = Male
		} else if femaleHonorific[h] {
			b.gender = Female
		}
		if keepTitle[h] && b.titled == "" && len(b.name) == 1 {
			b.titled = toks[r.Name0-1].Text
		}
		// an office before the name is a role: "Russian President"
		if !isHonorific(h) {
			b.addRole(expandTitles(toks[r.Tok0:r.Name0]))
		}
		if isHonorific(h) {
			b.addAlias(body[toks[r.Name0-1].Start:toks[r.Tok1-1].End])
		}
	}
	noteApposition(b, toks, r.Tok1-1, body)
}

// noteApposition records the role an apposition after a mention ending at
// token last gives a person ("Roe, the mayor of Eastfield,").
func noteApposition(b *personBuild, toks []Token, last int, body string) {
	if !toks[last].Poss && last+2 < len(toks) && toks[last+1].Text == "," {
		k := last + 2
		low := toks[k].Lower()
		// "Roe, the mayor of Eastfield,", "Roe, Eastfield's mayor,",
		// "Roe, president of the union,"
		if isDet(low) || toks[k].Cap || roleNouns[low] || titleWords[low] {
			a, e, ok := apposition(toks, k)
			if ok != "" {
				phrase := body[toks[a].Start:toks[e-1].End]
				role := phrase
				if isDet(toks[a].Lower()) && e-a > 1 {
					role = body[toks[a+1].Start:toks[e-1].End]
				}
				b.addRole(role)
				if toks[a].Lower() == "the" {
					b.addAlias(phrase)
				}
			}
		}
	}
}

// maxRoles bounds the roles kept per person.
const maxRoles = 6

// addRole records a role the article gives a person; the first is their
// Role, all are their Roles.
func (p *personBuild) addRole(role string) {
	role = strings.Join(strings.Fields(role), " ")
	if role == "" {
		return
	}
	if p.role == "" {
		p.role = role
	}
	for _, r := range p.roles {
		if strings.EqualFold(r, role) {
			return
		}
	}
	if len(p.roles) < maxRoles {
		p.roles = append(p.roles, role)
	}
}

// expandTitles writes a title before a name as a role, its abbreviations
// spelt out ("Sen." → "Senator", "Lt. Gov." → "Lieutenant Governor"), so
// that "the senator" finds the person whose title was "Sen.".
func expandTitles(ts []Token) string {
	words := make([]string, 0, len(ts))
	for _, t := range ts {
		if full, ok := titleAbbrevs[t.Lower()]; ok && len(t.Text) <= 6 {
			words = append(words, full) // "Sen." and "Sen" (some outlets drop the stop)
			continue
		}
		words = append(words, t.Text)
	}
	return strings.Join(words, " ")
}

// lastName returns the last word of a name that is no suffix ("Okafor"
// of "Jean-Paul Okafor Jr.").
func lastName(name []string) string {
	for i := len(name) - 1; i > 0; i-- {
		if !nameSuffixes[strings.ToLower(name[i])] {
			return name[i]
		}
	}
	if len(name) == 0 {
		return ""
	}
	return name[0]
}

// familyName returns a name's family name as written: its last word with
// the particles before it ("de la Cruz" of "Maria de la Cruz"), suffixes
// left out ("Okafor" of "Jean-Paul Okafor Jr.").
func familyName(name []string) string {
	e := len(name)
	for e > 1 && nameSuffixes[strings.ToLower(name[e-1])] {
		e--
	}
	a := e - 1
	for a > 1 && particles[strings.ToLower(name[a-1])] {
		a--
	}
	return strings.Join(name[a:e], " ")
}

// honorificGender returns the gender a title tells ("mr", "mrs",
// "congresswoman"), or Unknown.
func honorificGender(h string) Gender {
	switch h = strings.TrimSuffix(h, "."); {
	case maleHonorific[h]:
		return Male
	case femaleHonorific[h]:
		return Female
	}
	return Unknown
}

func isHonorific(h string) bool {
	return maleHonorific[h] || femaleHonorific[h] || h == "dr" || h == "prof" || h == "professor" ||
		h == "rev" || h == "reverend" || h == "mx" || h == "hon" || h == "pope" || h == "rabbi" || h == "imam"
}

// Locate returns every mention of the people in the tokens, in order: full
// names, surnames and titled surnames.
func Locate(toks []Token, starts []bool, ppl []Person) []Mention {
	type key struct {
		full, last, first string
		variants          []string // other full forms of the name ("sandy roe" for "sandra roe")
	}
	keys := make([]key, len(ppl))
	for i, p := range ppl {

		w := strings.Fields(p.Name)
		ws := make([]string, 0, len(w))
		for _, x := range w {
			if !keepTitle[strings.ToLower(strings.TrimSuffix(x, "."))] || len(w) == 1 {
				ws = append(ws, x)
			}
		}
		if len(ws) == 0 {
			continue
		}
		keys[i] = key{full: strings.ToLower(strings.Join(ws, " ")), last: strings.ToLower(lastName(ws))}
		if len(ws) >= 2 {
			keys[i].first = strings.ToLower(ws[0])
		}
	}
	for i, p := range ppl {
		// aliases of two words or more that are forms of the name
		nw := strings.Fields(p.Name)
		for _, a := range p.Aliases {
			aw := strings.Fields(a)
			if len(aw) >= 2 && keys[i].full != "" && SameFullName(aw, nw) {
				keys[i].variants = append(keys[i].variants, strings.ToLower(strings.Join(aw, " ")))
			}
		}
	}
	lastCount := map[string]int{}
	byLast := map[string][]int{} // last name → people, in order
	for i, k := range keys {
		lastCount[k.last]++
		if k.last != "" {
			byLast[k.last] = append(byLast[k.last], i)
		}
	}
	// a given name alone names its person when no one else shares it
	firstOf := map[string]int{}
	for i, k := range keys {
		if k.first == "" {
			continue
		}
		if _, dup := firstOf[k.first]; dup {
			firstOf[k.first] = -1
		} else {
			firstOf[k.first] = i
		}
	}
	// "Bill" for "William Roe": a variant of a given name no one else
	// bears, nor has a variant of
	for i, k := range keys {
		if k.first == "" {
			continue
		}
		for _, v := range variants(k.first) {
			if p, taken := firstOf[v]; !taken {
				firstOf[v] = i
			} else if p >= 0 && p != i && keys[p].first != v {
				firstOf[v] = -1 // two people it may stand for
			}
		}
	}
	for _, k := range keys {
		if _, ok := firstOf[k.last]; ok {
			firstOf[k.last] = -1 // also someone's surname: ambiguous
		}
	}
	// full names and their variants, looked up once per run
	fullOf := map[string]int{}
	for i, k := range keys {
		if k.full != "" {
			if _, dup := fullOf[k.full]; !dup {
				fullOf[k.full] = i
			}
		}
	}
	for i, k := range keys {
		for _, v := range k.variants {
			if _, dup := fullOf[v]; !dup {
				fullOf[v] = i
			}
		}
	}
	runs := Runs(toks, starts)
	var out []Mention
	lasts, genders := make([]string, len(keys)), make([]Gender, len(keys))
	for i, k := range keys {
		lasts[i], genders[i] = k.last, ppl[i].Gender
	}
	rank := newSurnameRank(lasts, genders)
	for _, r := range runs {
		if r.Name0 >= r.Tok1 {
			continue
		}
		// try the name part, and failing that its trailing words
		found := -1
		for s := r.Name0; s < r.Tok1 && found < 0; s++ {
			if s > r.Name0 {
				pw := toks[s-1].Lower()
				if maleFirst[pw] || femaleFirst[pw] || len([]rune(pw)) == 1 {
					break // "Hadrien Trudeau" is not "Justin Trudeau"
				}
			}
			name := strings.ToLower(strings.Join(tokTexts(toks[s:r.Tok1]), " "))
			if i, ok := fullOf[name]; ok {
				found = i
			}
			if found < 0 && r.Tok1-s == 1 {
				// "Mr. Clinton" is the man of two people named Clinton,
				// "Mrs. Clinton" the woman; otherwise the one mentioned last
				want := Unknown
				switch h := strings.TrimSuffix(r.Honorific, "."); {
				case maleHonorific[h]:
					want = Male
				case femaleHonorific[h]:
					want = Female
				}
				// the people of that last name, ranked as mentions come
				// (see surnameRank): scanning everyone for every surname
				// met costs the square of a hostile cast
				best := -1
				if c := lastCount[name]; c == 1 {
					best = byLast[name][0]
				} else if c > 1 {
					best = rank.best(name, want)
				}
				found = best
				// a given name alone names its bearer; the last word of a
				// longer run ("Dana Kelly" for "Kelly Ames") is a surname
				if found < 0 && s == r.Name0 {
					if p, ok := firstOf[name]; ok && p >= 0 {
						found = p
					}
				}
			}
			if found >= 0 && s > r.Name0 && !r.Titled {
				// words before the name that are not titles belong to
				// something else; particles belong to it ("de la Cruz")
				r.Tok0 = s
				for r.Tok0 > r.Name0 && particles[toks[r.Tok0-1].Lower()] {
					r.Tok0--
				}
			}
		}
		if found < 0 {
			continue
		}
		rank.mentioned(found, r.Tok0)
		out = append(out, Mention{Person: found, Start: toks[r.Tok0].Start, End: toks[r.Tok1-1].End,
			Tok0: r.Tok0, Tok1: r.Tok1, Poss: toks[r.Tok1-1].Poss, NameStart: toks[r.Name0].Start, Honorific: r.Honorific})
	}
	// "Will said": a surname that is also a word (kept out of runs) names
	// the one person who bears it, when it stands alone and is not a
	// question's first word ("Will Eastfield win?")
	bearer := map[string]int{}
	for i, k := range keys {
		if surnameWords[k.last] {
			if _, dup := bearer[k.last]; dup {
				bearer[k.last] = -1
			} else {
				bearer[k.last] = i
			}
		}
	}
	if len(bearer) == 0 {
		return out
	}
	n := len(out)
	for k, t := range toks {
		p, ok := bearer[t.Lower()]
		if !ok || p < 0 || !t.Cap || !t.Word || k > 0 && !starts[k] && toks[k-1].Word && toks[k-1].Cap {
			continue
		}
		if k+1 < len(toks) && toks[k+1].Word && (toks[k+1].Cap || starts[k]) && !evidenceVerbs[toks[k+1].Lower()] {
			continue // "Will Barnes", "Will the plan work?"
		}
		out = append(out, Mention{Person: p, Start: t.Start, End: t.End, Tok0: k, Tok1: k + 1, Poss: t.Poss, NameStart: t.Start})
	}
	if len(out) > n {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Tok0 < out[j].Tok0 })
	}
	return out
}

// voteGender sets each person's gender from honorifics, then the pronouns
// that follow their mentions, then their given name.
func voteGender(toks []Token, starts []bool, ments []Mention, builds []*personBuild) {
	mi := 0
	lastPerson := -1
	sentsSince := 0
	for i, t := range toks {
		if starts[i] {
			sentsSince++
		}
		for mi < len(ments) && ments[mi].Tok0 <= i {
			lastPerson = ments[mi].Person
			sentsSince = 0
			mi++
		}
		if lastPerson < 0 || sentsSince > 1 {
			continue
		}
		switch g, _ := PronounGender(t.Lower()); g {
		case Male:
			builds[lastPerson].votesM++
		case Female:
			builds[lastPerson].votesF++
		}
	}
	for _, b := range builds {
		if b.gender != Unknown {
			continue
		}
		m, f := b.votesM, b.votesF
		switch {
		case m >= 2 && m >= 3*f:
			b.gender = Male
		case f >= 2 && f >= 3*m:
			b.gender = Female
		case len(b.name) >= 2 && maleFirst[strings.ToLower(b.name[0])] && !femaleFirst[strings.ToLower(b.name[0])]:
			b.gender = Male
		case len(b.name) >= 2 && femaleFirst[strings.ToLower(b.name[0])] && !maleFirst[strings.ToLower(b.name[0])]:
			b.gender = Female
		case m > f:
			b.gender = Male
		case f > m:
			b.gender = Female
		}
	}
}

// Starts exposes the sentence-start marks for tokens, for callers that
// reuse Runs and Locate.
func Starts(toks []Token, sents []text.Sentence, body string) []bool {
	return sentenceStarts(toks, sents, body)
}

// Titles reports whether a folded word is a title or office that may stand
// before a name.
func Titles(w string) bool { return titleWords[w] }

// RoleNoun reports whether a folded word names a person by role.
func RoleNoun(w string) bool { return roleNouns[w] || titleWords[w] }

// OrgWord reports whether a folded word marks an organisation or place.
func OrgWord(w string) bool { return orgWords[w] }

// NotName reports whether a folded word is a function word that never
// starts a name.
func NotName(w string) bool { return notNames[w] }

// PronounGender returns the gender a folded pronoun tells, and whether w is
// a third-person singular pronoun at all.
func PronounGender(w string) (Gender, bool) {
	w = Uncontract(w)
	switch {
	case malePronouns[w]:
		return Male, true
	case femalePronouns[w]:
		return Female, true
	}
	return Unknown, false
}

// FirstNameGender returns the gender a given name usually tells.
func FirstNameGender(w string) Gender {
	w = strings.ToLower(w)
	switch {
	case maleFirst[w] && !femaleFirst[w]:
		return Male
	case femaleFirst[w] && !maleFirst[w]:
		return Female
	}
	return Unknown
}

// Uncontract drops a contraction from a folded word: "he's" → "he",
// "she'd" → "she".
func Uncontract(w string) string {
	for _, suf := range []string{"'s", "'d", "'ll", "'ve", "'re", "'m"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
