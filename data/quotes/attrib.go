package quotes

import (
	"regexp"
	"sort"
	"strings"

	"newsbot/data/people"
	"newsbot/data/text"
)

// auxiliaries and adverbs that may stand between a speaker and the verb
// ("Smith has also said").
var auxWords = loadWords("aux_words")

// npStop words end a noun phrase read backwards or forwards.
var npStop = loadWords("np_stop")

// inverted NP readers stop at these too ("said Smith in a statement").
var npAfterStop = loadWords("np_after_stop")

// modPreps attach a body to a person: "Smith with the union", "Jones of
// the agency".
var modPreps = loadWords("mod_preps")

var beForms = loadWords("be_forms")

// pluralNouns are verb forms that are as often plural nouns; they count as
// verbs only after a name or a pronoun ("Smith reports", "she claims").
var pluralNouns = loadWords("plural_nouns")

var yearOld = regexp.MustCompile(`^\d+-year-old$|^[a-z]+-year-old$`)

// verbAt reports whether token i is a speech verb used as a verb: outside
// quotations, not after a determiner ("the report"), not a passive or
// subordinate "asked" ("when asked").
func (d *doc) verbAt(i int, set map[string]string) (string, bool) {
	if i < 0 || i >= len(d.toks) || d.inQuote[i] >= 0 || !d.toks[i].Word {
		return "", false
	}
	w := d.lower(i)
	base, ok := set[w]
	if !ok && backVerbs[w] && i+1 < len(d.toks) && d.lower(i+1) == "back" && set["say"] != "" {
		// "fired back", "hit back", "shot back": a retort
		base, ok = "retort", true
	}
	if !ok {
		return "", false
	}
	if d.toks[i].Cap && i > 0 && !d.starts[i] {
		return "", false // a name or title: "Said", "Post"
	}
	if i > 0 {
		pv := d.lower(i - 1)
		if i > 1 && isIng(pv) && determiners[d.lower(i-2)] {
			return "", false // "the running joke": a noun after a participle adjective
		}
		// "media reports", "news reports"; but "Harbour News reported": the
		// last word of an outlet's name
		outletName := i > 1 && d.toks[i-1].Cap && d.toks[i-2].Cap && d.wordTok(i-2)
		if determiners[pv] || d.toks[i-1].Poss || isQuantifier(pv) || pv == "several" || pv == "numerous" || pv == "recent" ||
			(pv == "media" || pv == "news") && !outletName {
			return "", false // "several reports", "media reports"
		}
		if pb, ok := set[pv]; ok && pb != base && (strings.HasSuffix(pv, "ed") || pv == "said" || pv == "told") {
			return "", false // "denied reports": the second is a noun
		}
		if pluralNouns[w] && !d.toks[i-1].Cap && d.tokPerson[i-1] < 0 && !isSubjectPronoun(pv) && !auxWords[pv] {
			return "", false // "social work reports": a plural noun, not a verb
		}
		if w == base && w != "told" && d.toks[i-1].Cap && !d.starts[i-1] && d.tokPerson[i-1] < 0 && !plural(pv) &&
			i+1 < len(d.toks) && d.wordTok(i+1) && !d.toks[i+1].Cap && !npStop[d.lower(i+1)] && d.lower(i+1) != "that" {
			return "", false // "the Westland state firefighters": a noun after a proper adjective
		}
		if i > 1 && d.toks[i-1].Cap && d.wordTok(i-2) && (isQuantifier(d.lower(i-2)) || ordinals[d.lower(i-2)]) &&
			(i+1 >= len(d.toks) || d.lower(i+1) != "that" && !isPunct(d.toks[i+1], ":")) {
			return "", false // "many Asian states", "other Gulf states": a plural noun after a proper adjective
		}
		if w == base && nounVerbs[w] && i > 1 && determiners[d.lower(i-2)] && d.wordTok(i-1) && !d.toks[i-1].Cap &&
			!auxWords[pv] && !strings.HasSuffix(pv, "ly") && !adverbs[pv] && set[pv] == "" {
			return "", false // "a snappy retort", "the final comment": a noun after an adjective
		}
		if (w == base && nounVerbs[w] || pluralNouns[w]) && d.nameModifier(i-1, w == base) {
			return "", false // "12 Roe emails", "Roe's Facebook post": a noun after a name that modifies it
		}
		if w == base && ordinals[pv] {
			return "", false // "his first term", "the next report": a noun after an ordinal
		}
		if w == base && i+1 < len(d.toks) && d.wordTok(i+1) && !d.toks[i+1].Cap && people.RoleNoun(d.lower(i+1)) {
			return "", false // "the state director", "a post editor": a noun before a role
		}
		if pv == "to" && w == base && base != "say" {
			// "to comment", but keep "to say" out too as it is rarely attribution
			return "", false
		}
		if (beForms[pv] || auxWords[pv] && i > 1 && beForms[d.lower(i-2)]) && !isIng(w) && base != "ask" {
			return "", false // "he was described as": the subject is spoken of, not speaking
		}
		if pv == "not" || pv == "never" || pv == "cannot" || strings.HasSuffix(pv, "n't") || strings.HasSuffix(pv, "n’t") {
			return "", false // "we couldn't believe", "I don't think"
		}
		if base == "ask" && (pv == "when" || pv == "was" || pv == "were" || pv == "being" || pv == "if" || pv == "after" || pv == "been") {
			return "", false
		}
		if (w == "told" || w == "asked") && (pv == "was" || pv == "were" || pv == "been" || pv == "being" || pv == "is" || pv == "are") {
			return "", false
		}
	}
	return base, true
}

// isIng reports a present participle ("saying", "adding").
func isIng(w string) bool { return strings.HasSuffix(w, "ing") }

// wordTok reports whether token i is a word.
func (d *doc) wordTok(i int) bool { return i >= 0 && i < len(d.toks) && d.toks[i].Word }

func isPunct(t text.Token, marks string) bool { return !t.Word && strings.Contains(marks, t.Text) }

// npBefore reads a noun phrase backwards from token j (inclusive), not
// below lo: a name run, a pronoun, or a short common noun phrase with its
// determiner. It returns the range [a, j+1), or ok false.
func (d *doc) npBefore(j, lo int) (int, int, bool) {
	if j < lo || !d.wordTok(j) || d.inQuote[j] >= 0 {
		return 0, 0, false
	}
	w := d.lower(j)
	if isSubjectPronoun(w) {
		return j, j + 1, true
	}
	// "Harbour Rights Watch said": a word that alone is no name ends one
	// after another capitalised word
	nameEnd := d.toks[j].Cap && people.NotName(w) && !d.starts[j] && j-1 >= lo && d.wordTok(j-1) &&
		d.toks[j-1].Cap && !people.NotName(d.lower(j-1)) && !d.toks[j-1].Poss && d.inQuote[j-1] < 0
	if d.toks[j].Cap && !people.NotName(w) || d.tokPerson[j] >= 0 || nameEnd {
		a := j
		for a-1 >= lo && d.wordTok(a-1) && d.inQuote[a-1] < 0 && !d.starts[a] &&
			(d.toks[a-1].Cap && !people.NotName(d.lower(a-1)) || people.Titles(d.lower(a-1))) {
			if d.toks[a-1].Poss {
				break
			}
			a--
			// "University of Toronto", "Bank of Canada": a body's name
			if a-2 >= lo && d.lower(a-1) == "of" && d.toks[a-2].Cap && people.OrgWord(d.lower(a-2)) && !d.starts[a-1] {
				a -= 2
			}
		}
		if a == j && a-2 >= lo && d.lower(a-1) == "of" && d.toks[a-2].Cap && people.OrgWord(d.lower(a-2)) && !d.starts[a] {
			a -= 2
		}
		// "Tove Lindqvist and Amara Osei": two people speaking together
		if d.tokPerson[j] >= 0 && a-2 >= lo && d.lower(a-1) == "and" && d.tokPerson[a-2] >= 0 && !d.toks[a-2].Poss {
			if pa, _, ok := d.npBefore(a-2, lo); ok {
				a = pa
			}
		}
		// "a lawyer for Ann Lee", "an aide to Tom Roe": the one who
		// speaks is the intermediary (rule spoken_for), so the phrase
		// takes the description in
		if i := d.intermediaryFor(a); i >= lo {
			if pa, _, ok := d.npBefore(i, lo); ok {
				a = pa
			}
		}
		// lower-case words before a name are a description ("political
		// scientist Ivo Strand"): the name is the speaker
		return a, j + 1, true
	}
	if npStop[w] || people.NotName(w) && !determiners[w] && !isQuantifier(w) {
		return 0, 0, false
	}
	a := j
	for a-1 >= lo && a-j > -6 && d.wordTok(a-1) && d.inQuote[a-1] < 0 && !d.starts[a] {
		pw := d.lower(a - 1)
		if determiners[pw] || isQuantifier(pw) {
			a--
			break
		}
		if npStop[pw] {
			break
		}
		if d.toks[a-1].Poss {
			a--
			// "Smith's spokesman": take the owner's name with it
			for a-1 >= lo && d.wordTok(a-1) && d.toks[a-1].Cap && !d.toks[a-1].Poss {
				a--
			}
			break
		}
		a--
	}
	// "another member of the public", "one of the players": the phrase
	// before "of" holds the head
	if a-2 >= lo && d.wordTok(a-1) && (d.lower(a-1) == "of" || d.lower(a-1) == "for") && d.wordTok(a-2) && !d.toks[a-2].Cap &&
		(people.RoleNoun(d.lower(a-2)) || isQuantifier(d.lower(a-2)) || d.lower(a-2) == "one") {
		if pa, _, ok := d.npBefore(a-2, lo); ok {
			a = pa
		}
	}
	// "Mr. Chen and other leaders": the people named before "and other"
	if a-2 >= lo && (d.lower(a) == "other" || d.lower(a) == "others") && d.wordTok(a-1) && d.lower(a-1) == "and" &&
		d.tokPerson[a-2] >= 0 && !d.toks[a-2].Poss {
		if pa, _, ok := d.npBefore(a-2, lo); ok {
			a = pa
		}
	}
	return a, j + 1, true
}

// nameModifier reports a capitalised name ending at token j that
// modifies the noun after it (rule name_modifier_noun): the name stands
// after a numeral, an indefinite article or a quantifier ("12 Roe emails",
// "several Ann Lee posts"), or, when the word after it is singular
// (singular), after a possessive ("Roe's Facebook post"); so a word after
// it that can be a noun is one, not the name's speech verb. "The" is no
// sign: "the Kestrel Board reports" is an organisation speaking, and
// neither is a possessive before a plural ("the city's Water Board
// estimates").
func (d *doc) nameModifier(j int, singular bool) bool {
	if j < 1 || !d.wordTok(j) || !d.toks[j].Cap || d.toks[j].Poss || d.starts[j] {
		return false
	}
	k := j
	for k > 0 && d.wordTok(k) && d.toks[k].Cap && !d.starts[k] && !d.toks[k].Poss && j-k < 4 {
		k--
	}
	if k < 0 || !d.wordTok(k) || k == j {
		return false
	}
	if d.toks[k].Poss {
		return singular
	}
	w := d.lower(k)
	return w == "a" || w == "an" || isQuantifier(w) || isNumber(w)
}

// isNumber reports a word of digits ("12", "1,200").
func isNumber(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for _, r := range w {
		if (r < '0' || r > '9') && r != ',' && r != '.' {
			return false
		}
	}
	return true
}

func isQuantifier(w string) bool {
	switch w {
	case "some", "many", "several", "most", "few", "other", "others", "both", "all", "two", "three", "four", "five":
		return true
	}
	return false
}

func isSubjectPronoun(w string) bool {
	switch people.Uncontract(w) {
	case "he", "she", "they", "we", "i", "it", "you":
		return true
	}
	return false
}

// npAfter reads a noun phrase forwards from token j, up to hi: "said Smith",
// "said Defence Secretary John Healey, who…", "said the 39-year-old".
func (d *doc) npAfter(j, hi int) (int, int, bool) {
	// "points out", "speaks up": a particle of the verb
	if j < hi && d.wordTok(j) && (d.lower(j) == "out" || d.lower(j) == "up" || d.lower(j) == "back") {
		j++
	}
	if j >= hi || !d.wordTok(j) || d.lower(j) == "that" || d.lower(j) == "this" {
		return 0, 0, false
	}
	if !d.toks[j].Cap && !determiners[d.lower(j)] && !isQuantifier(d.lower(j)) &&
		!people.RoleNoun(d.lower(j)) && !yearOld.MatchString(d.lower(j)) {
		// "said dairy farmer Sam Dell": a description, then a name;
		// anything else ("noting that …") is a clause, not a speaker
		k := j
		for k < hi && k-j < 7 && d.wordTok(k) && !d.toks[k].Cap && !npAfterStop[d.lower(k)] {
			k++
		}
		if k >= hi || k-j >= 7 || !d.wordTok(k) || !d.toks[k].Cap {
			return 0, 0, false
		}
	}
	a := j
	e := j
	for e < hi && e-a < 10 && d.wordTok(e) && d.inQuote[e] < 0 {
		w := d.lower(e)
		if e > a && (npAfterStop[w] && !d.toks[e].Cap) {
			break
		}
		e++
		if e < hi && d.toks[e-1].Poss && d.toks[e-1].Cap && (e >= hi || !d.wordTok(e)) {
			break
		}
	}
	if e == a {
		return 0, 0, false
	}
	// "a person familiar with the talks", "a source close to the family"
	if e+1 < hi && d.wordTok(e-1) && (d.lower(e-1) == "familiar" || d.lower(e-1) == "close") &&
		(d.lower(e) == "with" || d.lower(e) == "to") {
		k := e + 1
		for k < hi && k-e <= 6 && d.wordTok(k) && d.inQuote[k] < 0 {
			k++
		}
		e = k
	}
	if e < hi && d.wordTok(e) && (d.lower(e) == "of" || d.lower(e) == "for") && !d.toks[e-1].Cap &&
		(people.RoleNoun(d.lower(e-1)) || isQuantifier(d.lower(e-1)) || d.lower(e-1) == "one") {
		k := e + 1
		for k < hi && k-e <= 4 && d.wordTok(k) && !npAfterStop[d.lower(k)] {
			k++
		}
		if k > e+1 {
			e = k
		}
	}
	// "said his best friend at college, Bruce Tarry": a short phrase of
	// place or time, then the name in apposition
	if !d.toks[e-1].Cap && e < hi && d.wordTok(e) && relPreps[d.lower(e)] {
		k := e + 1
		for k < hi && k-e <= 4 && d.wordTok(k) && d.inQuote[k] < 0 {
			k++
		}
		if k > e+1 && k+1 < hi && d.toks[k].Text == "," && d.tokPerson[k+1] >= 0 && d.toks[k+1].Cap {
			n := k + 1
			for n < hi && d.tokPerson[n] == d.tokPerson[k+1] {
				n++
			}
			return k + 1, n, true
		}
	}
	// "says Campbell’s partner, Owen Pratt": the name in apposition
	if !d.toks[e-1].Cap && e+1 < hi && d.toks[e].Text == "," && d.wordTok(e+1) && (d.toks[e+1].Cap || d.tokPerson[e+1] >= 0) &&
		!people.NotName(d.lower(e+1)) {
		n := e + 1
		for n < hi && d.wordTok(n) && d.toks[n].Cap {
			n++
		}
		if n-(e+1) >= 2 || d.tokPerson[e+1] >= 0 || n < len(d.toks) && isPunct(d.toks[n], ".") {
			return e + 1, n, true
		}
	}
	return a, e, true
}

// skipAuxBack moves back from j over auxiliaries and adverbs.
func (d *doc) skipAuxBack(j, lo int) int {
	// "Ann Ortiz (D-Ore.) said", "Ortiz (pictured) said": a parenthesis
	// between the subject and its verb is an aside
	if j-1 > lo && j < len(d.toks) && d.toks[j].Text == "," && d.toks[j-1].Text == ")" {
		j-- // "Kasich (R-Ohio), said"
	}
	if j > lo && j < len(d.toks) && d.toks[j].Text == ")" {
		for k := j - 1; k >= lo && j-k <= 20; k-- {
			if d.inQuote[k] >= 0 || d.toks[k].Text == ")" {
				break
			}
			if d.toks[k].Text == "(" {
				if k-1 >= lo && d.wordTok(k-1) && (d.toks[k-1].Cap || d.tokPerson[k-1] >= 0) {
					j = k - 1
				}
				break
			}
		}
	}
	for j >= lo && d.wordTok(j) {
		w := d.lower(j)
		switch {
		case d.tokPerson[j] >= 0 && d.toks[j].Cap:
			return j // "Mrs May said": a name, not the modal
		case auxWords[w] || strings.HasSuffix(w, "ly") && !d.toks[j].Cap:
			j--
		case reflexives[w] && j-1 >= lo && d.wordTok(j-1) && (d.tokPerson[j-1] >= 0 || d.toks[j-1].Cap):
			j-- // "Cruz himself said"
		case timeNouns[w] && j-1 >= lo && timeMods[d.lower(j-1)]:
			j -= 2 // "this week", "last month"
		case days[w]:
			j-- // "Smith on Monday said"
			if j >= lo && d.lower(j) == "on" {
				j--
			}
		default:
			return j
		}
	}
	return j
}

// earlierSpeaker finds the subject of the nearest speech verb before
// token v in its sentence, outside quotations, when that subject is a
// person: whose words a participle ("adding", "claiming") continues.
func (d *doc) earlierSpeaker(v int) (int, int, bool) {
	ss, _ := d.sentRange(d.sentOf[v])
	for k := v - 1; k >= ss && v-k <= 40; k-- {
		if d.inQuote[k] >= 0 {
			continue
		}
		if _, ok := d.verbAt(k, speechVerbs); !ok || isIng(d.lower(k)) {
			continue
		}
		if a, b, ok := d.subjectOf(k, ss); ok && d.tokPerson[b-1] >= 0 && !d.toks[b-1].Poss {
			return a, b, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// pastOrPresent reports a word shaped like a finite verb ("smiled",
// "paused", "nods"): the first of two coordinated verbs.
func pastOrPresent(w string) bool {
	return len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"))
}

// nounVerbs are speech verbs whose base form is as often a noun ("a
// snappy retort", "a brief comment").
var nounVerbs = loadWords("noun_verbs")

// adverbs that may stand between a subject and its verb without "-ly"
// ("the council then said").
var adverbs = loadWords("adverbs")

// reflexives may stand between a subject and its verb ("Cruz himself
// said").
var reflexives = loadWords("reflexives")

// backVerbs make a retort with "back" ("fired back", "hit back").
var backVerbs = loadWords("back_verbs")

// ordinals before a verb's base form make it a noun ("his first term").
var ordinals = loadWords("ordinals")

var (
	timeNouns = loadWords("time_nouns")
	timeMods  = loadWords("time_mods")
	days      = loadWords("days")
)

// subjectOf finds the speaker phrase of the speech verb at v, reading no
// further back than lo: the phrase right before it (over auxiliaries and an
// apposition), or for a participle or a second verb ("…, adding", "and
// said") the sentence's first subject-like mention.
func (d *doc) subjectOf(v, lo int) (int, int, bool) {
	j := d.skipAuxBack(v-1, lo)
	if j < lo {
		return 0, 0, false
	}
	w := ""
	if d.wordTok(j) {
		w = d.lower(j)
	}
	ing := isIng(d.lower(v))
	if ing {
		// "Payne is promising", "they were saying": a progressive has
		// its subject right before the auxiliary, like a finite verb
		k := v - 1
		for k >= lo && d.wordTok(k) && !beForms[d.lower(k)] && (auxWords[d.lower(k)] || strings.HasSuffix(d.lower(k), "ly")) {
			k--
		}
		if k >= lo && d.wordTok(k) && beForms[d.lower(k)] && d.lower(k) != "being" && d.lower(k) != "be" {
			ing = false
			j = d.skipAuxBack(k-1, lo)
			if j < lo {
				return 0, 0, false
			}
			w = ""
			if d.wordTok(j) {
				w = d.lower(j)
			}
		}
	}
	if ing && d.wordTok(j) {
		// "with a spokeswoman for the club describing …"
		if a, b, ok := d.npBefore(j, lo); ok && a-1 >= lo && d.lower(a-1) == "with" {
			return a, b, true
		}
		// participle_own_subject: "…, with Ortiz saying … and Reyes
		// calling it “Q”": a person named right before the participle,
		// after "and", is its own subject (an absolute clause), not the
		// subject of the sentence's earlier verb
		if a, b, ok := d.npBefore(j, lo); ok && b == v && d.tokPerson[b-1] >= 0 && a-1 >= lo && d.lower(a-1) == "and" {
			return a, b, true
		}
	}
	if ing {
		// "Ortiz said …, adding that …", "Ortiz said … before claiming
		// …": the participle shares the subject of the speech verb before
		// it in the sentence
		if a, b, ok := d.earlierSpeaker(v); ok {
			return a, b, true
		}
	}
	if !ing && (w == "and" || w == "then") && j-1 >= lo && d.wordTok(j-1) && !d.toks[j-1].Cap && pastOrPresent(d.lower(j-1)) {
		// "Ms. Ortiz smiled and said": the subject of the first verb
		if a, b, ok := d.npBefore(j-2, lo); ok && d.tokPerson[b-1] >= 0 {
			return a, b, true
		}
	}
	if !ing && w != "and" && w != "but" && w != "" {
		if a, b, ok := d.npBefore(j, lo); ok {
			if pa, pb, ok := d.ownerBefore(a, b, lo); ok {
				return pa, pb, true
			}
			if pa, pb, ok := d.reducedRelative(a, lo); ok {
				return pa, pb, true
			}
			return a, b, true
		}
	}
	if !ing && j >= lo && d.toks[j].Text == "," {
		if a, b, ok := d.appositionSubject(j, lo); ok {
			return a, b, true
		}
	}
	if ing || w == "and" || w == "but" || (j >= lo && d.toks[j].Text == ",") {
		// the sentence's subject, even before an earlier quotation in it
		ss, _ := d.sentRange(d.sentOf[v])
		if ss > lo {
			ss = lo
		}
		return d.mainSubject(ss, v)
	}
	return 0, 0, false
}

// relPreps open the phrase after a participle in a reduced relative clause.
var relPreps = loadWords("rel_preps")

// reducedRelative reads the subject before a reduced relative clause that
// ends at token a, the start of the phrase found before the verb: "team
// members dressed for a game say", "workers based in Ottawa said" — the
// speaker is the noun phrase before the participle, not "a game". The
// participle (-ed) stands within three words before a preposition right
// before a, after a name, a role noun or a plural noun.
func (d *doc) reducedRelative(a, lo int) (int, int, bool) {
	k := a - 1
	if k-1 < lo || !d.wordTok(k) || !relPreps[d.lower(k)] {
		return 0, 0, false
	}
	for p := k - 1; p >= lo && p >= k-3; p-- {
		if !d.wordTok(p) || d.inQuote[p] >= 0 {
			return 0, 0, false
		}
		w := d.lower(p)
		if !strings.HasSuffix(w, "ed") || d.toks[p].Cap {
			continue
		}
		n := p - 1
		if n < lo || !d.wordTok(n) {
			return 0, 0, false
		}
		nw := d.lower(n)
		if !(d.tokPerson[n] >= 0 || people.RoleNoun(nw) || plural(nw) && !npStop[nw]) || isSubjectPronoun(nw) {
			return 0, 0, false
		}
		if na, nb, ok := d.npBefore(n, lo); ok && nb == p {
			return na, nb, true
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// appositionSubject reads the speaker before a chain of appositions ending
// with the comma at j: "Smith, a lawyer for the family, said", "Mr Hussen,
// 47, who is from Ethiopia, said", "the director of X, Alan Moyes, says".
// The nearest comma with a known person before it wins; failing that, the
// farthest phrase that ends with a name.
func (d *doc) appositionSubject(j, lo int) (int, int, bool) {
	commas := []int{j}
	for k := j - 1; k >= lo && j-k <= 40 && len(commas) < 5; k-- {
		t := d.toks[k]
		if d.inQuote[k] >= 0 {
			break
		}
		if t.Text == "," {
			commas = append(commas, k)
			continue
		}
		if !t.Word && t.Text != "-" && t.Text != "." && t.Text != "’" && t.Text != "'" && t.Text != "(" && t.Text != ")" {
			break
		}
	}
	// a segment that is nothing but a person's name names the speaker
	// ("the director of X, Alan Moyes, says"); the subject before the
	// first comma does too
	for i, c := range commas {
		segStart := lo
		if i+1 < len(commas) {
			segStart = commas[i+1] + 1
		}
		// (not one an intermediary speaks for, rule spoken_for: "Jane
		// Poe, a spokeswoman for Tom Roe, said" is Jane Poe speaking)
		if c-1 >= lo && d.tokPerson[c-1] >= 0 && !d.toks[c-1].Poss && !d.spokenFor(c-1) {
			if a, b, ok := d.npBefore(c-1, segStart); ok && (a == segStart || i == len(commas)-1) {
				return a, b, true
			}
		}
	}
	// the farthest phrase ending with a capitalised name
	for i := len(commas) - 1; i >= 1; i-- {
		c := commas[i]
		if c-1 >= lo && d.wordTok(c-1) && d.toks[c-1].Cap && !d.toks[c-1].Poss && !people.OrgWord(d.lower(c-1)) {
			if a, b, ok := d.npBefore(c-1, lo); ok {
				if pa, pb, ok := d.ownerBefore(a, b, lo); ok {
					return pa, pb, true
				}
				return a, b, true
			}
		}
	}
	if len(commas) >= 2 {
		c := commas[1]
		if a, b, ok := d.npBefore(c-1, lo); ok {
			if pa, pb, ok := d.ownerBefore(a, b, lo); ok {
				return pa, pb, true
			}
			return a, b, true
		}
	}
	return 0, 0, false
}

// ownerBefore finds the person a body phrase [a, b) is attached to: "Tim
// Guest with the Health Authority says", "Mei Lin of FX Desk said", "Sen.
// Maren Quist of Dorset, the chairman …, said".
func (d *doc) ownerBefore(a, b, lo int) (int, int, bool) {
	if d.tokPerson[b-1] >= 0 {
		return 0, 0, false
	}
	k := a - 1
	// capitalised words the phrase left out as no name alone ("New" of
	// "New Westland")
	for k > lo && d.wordTok(k) && d.toks[k].Cap && !d.starts[k] && d.tokPerson[k] < 0 && a-k <= 2 {
		k--
	}
	if k >= lo && d.wordTok(k) && determiners[d.lower(k)] {
		k--
	}
	if k-1 < lo || !d.wordTok(k) || !modPreps[d.lower(k)] {
		return 0, 0, false
	}
	if d.toks[k-1].Text == "," && k-2 >= lo && d.tokPerson[k-2] >= 0 && !d.toks[k-2].Poss {
		k-- // "Giggs, of Salford said"
	}
	if d.toks[k-1].Poss || !d.wordTok(k-1) {
		return 0, 0, false
	}
	if d.tokPerson[k-1] >= 0 {
		return d.npBefore(k-1, lo)
	}
	// an unknown name of two or three words
	if !d.toks[k-1].Cap {
		return 0, 0, false
	}
	pa, pb, ok := d.npBefore(k-1, lo)
	if !ok {
		return 0, 0, false
	}
	// "Archbishop Aris Tanian of the Harbour Patriarchate of Jerusalem":
	// the body is itself attached to its owner
	if oa, ob, ok := d.ownerBefore(pa, pb, lo); ok && pa-oa < 12 {
		return oa, ob, true
	}
	if pb-pa < 2 || pb-pa > 3 {
		return 0, 0, false
	}
	for i := pa; i < pb; i++ {
		if people.OrgWord(d.lower(i)) || people.Titles(d.lower(i)) {
			return 0, 0, false
		}
	}
	return pa, pb, true
}

// mainSubject returns the first subject-like mention in [lo, hi): a person
// or a he/she pronoun not after a preposition and not possessive.
func (d *doc) mainSubject(lo, hi int) (int, int, bool) {
	for k := lo; k < hi; k++ {
		if d.inQuote[k] >= 0 || !d.wordTok(k) {
			continue
		}
		w := d.lower(k)
		isPerson := d.tokPerson[k] >= 0
		if !isPerson && w != "they" && w != "we" {
			continue
		}
		if d.toks[k].Poss || isPossPronoun(w) || w == "him" {
			continue
		}
		if k > lo && prepositions[d.lower(k-1)] {
			continue
		}
		e := k + 1
		for e < hi && d.tokPerson[e] == d.tokPerson[k] && d.tokPerson[k] >= 0 && d.wordTok(e) {
			e++
		}
		return k, e, true
	}
	// a body opening the sentence: "Harbour Watch also has … and suggests"
	if lo < hi && d.wordTok(lo) && d.toks[lo].Cap && d.inQuote[lo] < 0 && !people.NotName(d.lower(lo)) && d.starts[lo] {
		e := lo + 1
		for e < hi && d.wordTok(e) && d.toks[e].Cap && !d.toks[e-1].Poss {
			e++
		}
		if e < hi && d.wordTok(e) && !d.toks[e].Cap && !d.toks[e-1].Poss {
			return lo, e, true
		}
	}
	return 0, 0, false
}

// speakerOf resolves a speaker phrase [a, b) to a canonical speaker and the
// mention as written. A phrase that names no one (rule not_a_name: "…, but
// now said", "who founded example.com tweeted", "“…,” Sunday said") gives
// no speaker, so that the ranker guesses among the people near the
// quotation or the answer says the article does not tell, rather than
// showing a function word as the person who spoke.
func (d *doc) speakerOf(a, b int) (string, string) {
	sp, m := d.speakerPhrase(a, b)
	if d.notAName(sp, a, b) {
		if d.notNamed == nil {
			d.notNamed = map[string]bool{}
		}
		d.notNamed[m] = true
		return "", m
	}
	return sp, m
}

// notAName reports a proposed one-word speaker sp, read from the phrase
// [a, b), that cannot be anyone's name (rule not_a_name): a function word,
// adverb, time word, weekday or month, a reflexive, a number, a lower-case
// "-ly" or "-ing" word or single letter, or a part of a web address ("example.com": the word is
// glued to a dot glued to another word).
func (d *doc) notAName(sp string, a, b int) bool {
	f := strings.Fields(sp)
	if len(f) != 1 {
		return false
	}
	w := strings.ToLower(strings.Trim(f[0], ".,;:!?'’\"()[]"))
	lowerCase := f[0] == w
	switch {
	case w == "":
		return true
	case noNameWords[w] || adverbs[w] || auxWords[w] || days[w] || timeNouns[w] || npStop[w] ||
		prepositions[w] || subordinators[w] || determiners[w] || reflexives[w] || isNumber(w):
		return true
	case lowerCase && (strings.HasSuffix(w, "ly") || isIng(w) || len([]rune(w)) == 1):
		return true
	case lowerCase && b-a == 1 && !strings.HasSuffix(w, "s") && !knownHead(w):
		// a bare singular lower-case word with no determiner is no
		// subject that speaks ("… insecure email", "loud chants"), unless
		// it heads a body, group or document ("police", "staff")
		return true
	}
	if b-a == 1 && a >= 2 {
		dot, before, word := d.toks[a-1], d.toks[a-2], d.toks[a]
		if dot.Text == "." && before.Word && before.End == dot.Start && dot.End == word.Start {
			return true
		}
	}
	return false
}

// noNameWords are words that alone name no speaker (rule not_a_name) and
// are in none of the other lists notAName reads.
var noNameWords = loadWords("no_name_words")

// speakerPhrase is speakerOf before the check that the speaker is a name.
func (d *doc) speakerPhrase(a, b int) (string, string) {
	if a >= b {
		return "", ""
	}
	mention := d.body[d.toks[a].Start:d.toks[b-1].End]
	last := b - 1
	for last > a && !d.toks[last].Word {
		last--
	}
	// "Mr. Chen and other leaders said", "Ms. Ruiz, Mr. Oduya and others
	// said": the first person named speaks for the rest
	for k := a + 1; k+1 <= last; k++ {
		if d.lower(k) == "and" && (d.lower(k+1) == "other" || d.lower(k+1) == "others") {
			for j := a; j < k; j++ {
				if p := d.tokPerson[j]; p >= 0 && !d.toks[j].Poss && !isPossPronoun(d.lower(j)) {
					return d.ppl[p].Name, mention
				}
			}
		}
	}
	// "Tove Lindqvist and Amara Osei said": both people
	for k := a + 1; k < last; k++ {
		if d.lower(k) == "and" && d.tokPerson[k-1] >= 0 && d.tokPerson[last] >= 0 && !d.toks[k-1].Poss {
			return d.ppl[d.tokPerson[k-1]].Name + " and " + d.ppl[d.tokPerson[last]].Name, mention
		}
	}
	// "a lawyer for Ann Lee", "said an aide to Tom Roe": the
	// intermediary speaks, for the one named (rule spoken_for); the
	// description is kept as written, never the name it speaks for
	for k := a + 2; k <= last; k++ {
		if d.spokenForAt(k) && !d.commaIn(k, last) {
			s := a
			if d.lower(s) == "the" && s < last {
				s++
			}
			return d.body[d.toks[s].Start:d.toks[last].End], mention
		}
	}
	// the last person named in the phrase, when the phrase ends with them
	if p := d.tokPerson[last]; p >= 0 && !d.toks[last].Poss {
		if _, isPron := people.PronounGender(d.lower(last)); !isPron || isSubjectPronoun(d.lower(last)) {
			return d.ppl[p].Name, mention
		}
	}
	// "one of the players", "the founder of Studiocomix": the head is
	// before "of"; the whole phrase is kept if it names no one known
	full := last
	for k := a + 1; k < last; k++ {
		if d.lower(k) == "of" || d.lower(k) == "for" {
			head := d.lower(k - 1)
			if head == "one" || isQuantifier(head) || people.RoleNoun(head) {
				last = k - 1
			}
			break
		}
	}
	w := d.lower(last)
	if w == "it" {
		return d.itAntecedent(a), mention
	}
	if w == "they" {
		return d.theyAntecedent(a), mention
	}
	if isSubjectPronoun(w) {
		return "", mention
	}
	if d.toks[last].Cap {
		// an unknown name or an organisation: the capitalised run, titles
		// and determiners dropped
		s := last
		for s-1 >= a && d.toks[s-1].Word && d.toks[s-1].Cap && !people.NotName(d.lower(s-1)) {
			s-- // a possessive inside a body's name is kept: "People's Daily"
		}
		for s < last && people.Titles(d.lower(s)) && !people.OrgWord(d.lower(s+1)) {
			s++
		}
		if s == last && people.Titles(w) {
			// "the President said": a title alone names its holder
			if p := d.byRole(w, a); p >= 0 {
				return d.ppl[p].Name, mention
			}
		}
		return d.body[d.toks[s].Start:d.toks[last].End], mention
	}
	// a description: "the 39-year-old", "the mayor", "a spokesperson"
	hasAge := false
	for k := a; k <= last; k++ {
		hasAge = hasAge || yearOld.MatchString(d.lower(k))
	}
	if hasAge {
		if p := d.antecedent(a, people.Unknown); p >= 0 {
			return d.ppl[p].Name, mention
		}
	}
	if people.RoleNoun(w) {
		if p := d.byRole(w, a); p >= 0 {
			return d.ppl[p].Name, mention
		}
	}
	// "The RCMP statement said", "a statement said": the body behind it
	if docHeads[w] {
		for k := last - 1; k >= a; k-- {
			if d.toks[k].Cap && d.wordTok(k) && !people.NotName(d.lower(k)) {
				e := k + 1
				s := k
				for s-1 >= a && d.toks[s-1].Cap && d.wordTok(s-1) && !people.NotName(d.lower(s-1)) {
					s--
				}
				return d.body[d.toks[s].Start:d.toks[e-1].End], mention
			}
		}
		if sp := d.bodyAntecedent(a, true); sp != "" {
			return sp, mention
		}
	}
	// "the company", "the agency", "the drug maker": the body named before
	if d.lower(a) == "the" && b-a >= 2 && b-a <= 4 && orgHeads[w] {
		if sp := d.bodyAntecedent(a, true); sp != "" {
			return sp, mention
		}
		// no body spoke before: the one named in the sentences before
		if sp := d.bodyAntecedent(a, false); sp != "" {
			return sp, mention
		}
	}
	// a definite description of someone named before: "the affable
	// proprietor", "the former minister"
	if d.lower(a) == "the" && b-a >= 2 && !nonPersonHeads[w] && !people.OrgWord(w) && !plural(w) && !people.Titles(w) {
		g := people.Unknown
		if gendered, ok := genderNouns[w]; ok {
			g = gendered
		}
		if p := d.antecedent(a, g); p >= 0 {
			return d.ppl[p].Name, mention
		}
	}
	// kept as written, without a leading "the"
	s := a
	if d.lower(s) == "the" && s < full {
		s++
	}
	return d.body[d.toks[s].Start:d.toks[full].End], mention
}

// byRole returns the person whose role or alias holds the role noun w, the
// most recently named before token i first. The people and mentions that
// hold w are found once per article and role noun (roleHolders): a scan
// back to the article's start for every "the mayor said" was quadratic.
func (d *doc) byRole(w string, i int) int {
	h := d.roleHolders(w)
	if j := sort.SearchInts(h.toks, i); j > 0 {
		return d.tokPerson[h.toks[j-1]]
	}
	return h.first
}

// roleIndex is what byRole needs of one role noun: the tokens, in order,
// that mention a person holding it, and the first such person (-1: none).
type roleIndex struct {
	toks  []int
	first int
}

func (d *doc) roleHolders(w string) *roleIndex {
	if h, ok := d.roleIdx[w]; ok {
		return h
	}
	holds := func(p int) bool {
		if containsWord(d.ppl[p].Role, w) {
			return true
		}
		for _, al := range d.ppl[p].Aliases {
			if containsWord(al, w) {
				return true
			}
		}
		return false
	}
	held := make([]bool, len(d.ppl))
	h := &roleIndex{first: -1}
	for p := range d.ppl {
		if held[p] = holds(p); held[p] && h.first < 0 {
			h.first = p
		}
	}
	if h.first >= 0 {
		for k, p := range d.tokPerson {
			if p >= 0 && p < len(held) && held[p] {
				h.toks = append(h.toks, k)
			}
		}
	}
	if d.roleIdx == nil {
		d.roleIdx = map[string]*roleIndex{}
	}
	d.roleIdx[w] = h
	return h
}

func containsWord(s, w string) bool {
	for _, x := range strings.Fields(strings.ToLower(s)) {
		x = strings.Trim(x, ",.;:'’\"")
		if x == w {
			return true
		}
	}
	return false
}

// accordingTo finds "according to NP" in [lo, hi).
func (d *doc) accordingTo(lo, hi int) (attribution, bool) {
	for k := lo; k+2 < hi; k++ {
		if d.inQuote[k] < 0 && d.lower(k) == "according" && d.lower(k+1) == "to" {
			a, b, ok := d.npAfter(k+2, hi)
			if !ok {
				continue
			}
			sp, m := d.speakerOf(a, b)
			return attribution{speaker: sp, mention: m, verb: "according to", ok: true}, true
		}
	}
	return attribution{}, false
}

// nonPersonHeads are heads of phrases that speak but are no person ("the
// statement said", "the spokesperson said" for an unnamed one).
var nonPersonHeads = loadWords("non_person_heads")

// docHeads are documents that speak for whoever issued them.
var docHeads = loadWords("doc_heads")

// orgHeads are nouns that refer back to a named organisation.
var orgHeads = loadWords("orgheads")

var genderNouns = map[string]people.Gender{"man": people.Male, "woman": people.Female, "father": people.Male,
	"mother": people.Female, "son": people.Male, "daughter": people.Female, "husband": people.Male,
	"wife": people.Female, "boy": people.Male, "girl": people.Female, "brother": people.Male,
	"sister": people.Female, "grandmother": people.Female, "grandfather": people.Male,
	"actress": people.Female, "mom": people.Female, "dad": people.Male, "businessman": people.Male,
	"businesswoman": people.Female, "spokeswoman": people.Female, "spokesman": people.Male}

// plural reports a plural-looking noun ("officials", "residents").
func plural(w string) bool {
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// itAntecedent finds what "it" names before token i: the nearest earlier
// sentence's first capitalised phrase that is no person (an organisation).
func (d *doc) itAntecedent(i int) string { return d.bodyAntecedent(i, false) }

// bodyAntecedent finds the organisation a reference before token i names:
// the last body that spoke within a few paragraphs; unless strict, also a
// person-like name that may be a body, or the first capitalised phrase of a
// recent sentence.
func (d *doc) bodyAntecedent(i int, strict bool) string {
	// the last body that spoke, within a few paragraphs
	if strict {
		if k := d.lastEvent(&d.evNotPerson, i, 6, func(e event) bool { return !d.isPersonName(e.att.speaker) }); k >= 0 {
			return d.events[k].att.speaker
		}
	} else if k := d.lastEvent(&d.evBodyish, i, 6, func(e event) bool {
		return !d.isPersonName(e.att.speaker) || d.maybeBody(e.att.speaker)
	}); k >= 0 {
		return d.events[k].att.speaker
	}
	if strict {
		return ""
	}
	s := d.sentOf[i]
	for back := 0; back <= 3 && s-back >= 0; back++ {
		a, b := d.sentRange(s - back)
		if back == 0 {
			b = i
		}
		for k := a; k < b; k++ {
			if d.inQuote[k] >= 0 || !d.wordTok(k) || !d.toks[k].Cap || d.tokPerson[k] >= 0 || people.NotName(d.lower(k)) {
				continue
			}
			if k > a && prepositions[d.lower(k-1)] {
				continue
			}
			e := k + 1
			for e < b && d.wordTok(e) && d.toks[e].Cap && d.inQuote[e] < 0 && !d.toks[e-1].Poss {
				e++
			}
			return d.body[d.toks[k].Start:d.toks[e-1].End]
		}
	}
	return ""
}

// maybeBody reports whether a person found by the people finder may as well
// be an organisation ("Northline Rail said"): no gender known, no common
// given name.
func (d *doc) maybeBody(name string) bool {
	i := d.personIndex(name)
	if i < 0 {
		return false
	}
	p := d.ppl[i]
	first := strings.Fields(p.Name)[0]
	return p.Gender == people.Unknown && people.FirstNameGender(first) == people.Unknown
}

// theyAntecedent finds the group "they" names before token i: the last
// speech by two people or by a plural group within a couple of paragraphs.
func (d *doc) theyAntecedent(i int) string {
	if k := d.lastEvent(&d.evJoint, i, 2, func(e event) bool { return strings.Contains(e.att.speaker, " and ") }); k >= 0 {
		return d.events[k].att.speaker
	}
	// a plural group opening this sentence or one of the two before it:
	// "Authorities described … They said …"
	s := d.sentOf[i]
	for back := 0; back <= 2 && s-back >= 0; back++ {
		a, _ := d.sentRange(s - back)
		if a >= i || d.inQuote[a] >= 0 || !d.wordTok(a) {
			continue
		}
		// the shortest opening phrase (up to three words) ending in a group
		for e := a + 1; e <= a+3 && e < i && e <= len(d.toks); e++ {
			k := e - 1
			if !d.wordTok(k) || d.inQuote[k] >= 0 || d.tokPerson[k] >= 0 || npStop[d.lower(k)] && k > a {
				break
			}
			head := d.lower(k)
			if plural(head) && !isSubjectPronoun(head) && !d.toks[k].Poss &&
				(groupNouns[head] || people.RoleNoun(strings.TrimSuffix(head, "s")) || d.toks[k].Cap && k > a) {
				st := a
				if d.lower(st) == "the" && st < k {
					st++
				}
				return d.body[d.toks[st].Start:d.toks[k].End]
			}
		}
	}
	return ""
}

// groupNouns are plural nouns for groups that speak.
var groupNouns = loadWords("group_nouns")

// lastEvent is the index of the last speech event before token i, within
// paras paragraphs before i's, for which pred holds, or -1. It reads what
// scanning d.events back from i would find, without the scan (quadratic
// on an article of thousands of speech verbs): events come in token order,
// so their paragraphs only grow; *last caches, per event, the last one up
// to it that pred holds for, extended as speechEvents appends.
func (d *doc) lastEvent(last *[]int, i, paras int, pred func(event) bool) int {
	n := len(d.events)
	if len(*last) > n {
		*last = (*last)[:0]
	}
	for k := len(*last); k < n; k++ {
		prev := -1
		if k > 0 {
			prev = (*last)[k-1]
		}
		if pred(d.events[k]) {
			prev = k
		}
		*last = append(*last, prev)
	}
	j := sort.Search(n, func(j int) bool { return d.events[j].tok >= i })
	if j == 0 {
		return -1
	}
	if k := (*last)[j-1]; k >= 0 && d.paraOf[d.events[k].tok] >= d.paraOf[i]-paras {
		return k
	}
	return -1
}

// intermediaries are nouns for someone who speaks on another's behalf
// (rule spoken_for): "a lawyer for Ann Lee said" is the lawyer speaking.
var intermediaries = loadWords("intermediaries")

// spokenForAt reports that the words from token k on are the one an
// intermediary speaks for (rule spoken_for): "for" or "to" after an
// intermediary noun comes right before k ("a spokesman for | Tom Roe"),
// or a few words before it that describe that one ("an aide to the
// former governor | Tom Roe", "a lawyer for Sen. | Ann Lee").
func (d *doc) spokenForAt(k int) bool { return d.intermediaryFor(k) >= 0 }

// intermediaryFor returns the token of the intermediary noun that speaks
// for the one named from token k on (see spokenForAt), or -1.
func (d *doc) intermediaryFor(k int) int {
	for j := k - 1; j >= 1 && j >= k-maxSpokenForModifiers-1; j-- {
		if !d.wordTok(j) {
			if d.toks[j].Text == "." {
				continue // "Sen.", "Mr."
			}
			return -1
		}
		w := d.lower(j)
		if w == "for" || w == "to" {
			if d.wordTok(j-1) && intermediaries[d.lower(j-1)] {
				return j - 1
			}
			return -1
		}
		if w == "of" || w == "and" || w == "or" || d.tokPerson[j] >= 0 {
			return -1 // "an aide to Tom Roe and Ann Lee", another person
		}
	}
	return -1
}

// maxSpokenForModifiers bounds the words between "for"/"to" and the one
// spoken for ("Democratic presidential candidate", "the former governor").
const maxSpokenForModifiers = 4

// spokenFor reports that the person mention at token k is the one an
// intermediary speaks for (rule spoken_for), so a speech verb next to it
// is the intermediary's: "a lawyer for Ann Lee said", "Ann Lee's lawyer
// said", "Ann Lee's longtime spokesman said".
func (d *doc) spokenFor(k int) bool {
	p := d.tokPerson[k]
	if p < 0 {
		return false
	}
	s, e := k, k
	for s-1 >= 0 && d.tokPerson[s-1] == p && !d.toks[s-1].Poss {
		s--
	}
	for e+1 < len(d.toks) && d.tokPerson[e+1] == p && !d.toks[e].Poss {
		e++
	}
	if d.spokenForAt(s) {
		return true
	}
	if d.toks[e].Poss {
		for j := e + 1; j < len(d.toks) && j <= e+3 && d.wordTok(j) && !d.toks[j].Cap; j++ {
			if intermediaries[d.lower(j)] {
				return true
			}
		}
	}
	return false
}

// commaIn reports a comma among tokens [i, j]: "the lawyer for the family,
// Tom Roe" names the intermediary after it.
func (d *doc) commaIn(i, j int) bool {
	for k := i; k <= j && k < len(d.toks); k++ {
		if isPunct(d.toks[k], ",") {
			return true
		}
	}
	return false
}

// knownHead reports a lower-case noun the rules know can head a speaker:
// a body, group, document, role or gendered noun.
func knownHead(w string) bool {
	_, gendered := genderNouns[w]
	return gendered || groupWords[w] || groupNouns[w] || documentWords[w] || orgHeads[w] || nonPersonHeads[w] ||
		docHeads[w] || people.RoleNoun(w)
}
