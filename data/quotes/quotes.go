// Package quotes extracts quotations from an article and attributes each to
// a speaker, resolved to a canonical person where the article allows.
//
// Direct quotations are the passages between quotation marks (every style,
// British single quotes told apart from apostrophes, passages that run over
// several paragraphs). Each is attributed from the words around it, in the
// order news style uses: a speech verb right after it (“Q,” S said / “Q,”
// said S), then one before it in the same sentence (S said: “Q” / S said
// that … “partial”), then "according to S"; a quotation with none inherits
// the speaker of the attributed quotation just before it. Speakers are
// resolved to people: names and surnames through people.Locate, he/she to
// the most recent compatible person (subjects first), role phrases ("the
// mayor") to the person holding that role; anything else (an organisation,
// "a spokesperson") is kept as written. Indirect speech (S said (that) …)
// is extracted too, with Direct false.
package quotes

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/people"
	"newsbot/data/text"
)

// Quote is one quotation in an article.
type Quote struct {
	Text    string `json:"text"`              // the quotation without its marks (verbatim)
	Speaker string `json:"speaker"`           // canonical speaker, or "" when it cannot be told
	Mention string `json:"mention,omitempty"` // the words naming the speaker where the quote is ("he", "Starmer")
	Verb    string `json:"verb"`              // speech verb as written ("said", "stating"), or ""
	Start   int    `json:"start"`             // byte offset of Text in the body
	End     int    `json:"end"`
	Direct  bool   `json:"direct"` // in quotation marks (false: reported speech)

	// Confidence is the calibrated probability that Speaker is right (0 when
	// Speaker is ""). Answers tell a confident speaker (Confidence >=
	// CertainAt) from a likely one (>= LikelyAt) and an unclear one.
	Confidence float64 `json:"confidence"`
	// SpeakerKind says what the speaker is: "person", "organisation",
	// "document" (it speaks for whoever issued it), "group", or "".
	SpeakerKind string `json:"speaker_kind,omitempty"`
	// Alternatives are the runner-up candidate speakers, best first, for
	// "speaker unclear (X or Y)".
	Alternatives []string `json:"alternatives,omitempty"`
	// Why explains the attribution: the features that weighed most for the
	// chosen speaker, strongest first.
	Why []Reason `json:"why,omitempty"`

	// rule names the extraction rule that chose the speaker before ranking.
	rule string
}

// Reason is one feature's contribution to an attribution, as bleve's
// search.Explanation is for a score.
type Reason struct {
	Feature string  `json:"feature"` // a named feature or rule, e.g. "subject_of_adjacent_speech_verb"
	Value   float64 `json:"value"`   // the feature's value for the chosen candidate
	Weight  float64 `json:"weight"`  // its contribution to the candidate's score (value × learned weight)
}

// Confidence levels the answers use. CertainAt is the lowest confidence
// from which the ranker's speakers were right at least 97% of the time on
// the training articles held apart (`bot train attribution` prints it; the
// note in model.json records it), so that a speaker shown as certain is
// right that often; `bot eval quotes` reports precision and coverage at
// both levels on the development sets.
const (
	CertainAt = 0.93 // from here a speaker is shown as certain
	LikelyAt  = 0.5  // from here "probably X"; below it "speaker unclear"
)

// Certainty is how an answer presents a speaker.
type Certainty int

// The three ways of presenting a speaker.
const (
	Unclear Certainty = iota // "speaker unclear (X or Y)" or "the article does not say"
	Likely                   // "probably X"
	Certain                  // "X"
)

// Certainty reports how sure the attribution is, by the thresholds above.
func (q Quote) Certainty() Certainty {
	switch {
	case q.Speaker == "":
		return Unclear
	case q.Confidence >= CertainAt:
		return Certain
	case q.Confidence >= LikelyAt:
		return Likely
	}
	return Unclear
}

// doc is the working state of one extraction.
type doc struct {
	body    string
	toks    []text.Token
	starts  []bool
	sentOf  []int // token → sentence index
	paraOf  []int // token → paragraph index
	inQuote []int // token → span index or -1
	sents   []text.Sentence
	paras   []text.Span
	spans   []span
	ppl     []people.Person
	ments   []people.Mention
	events  []event // speech verbs with speakers, filled in order by speechEvents
	// tokPerson maps a token to the person a mention or a resolved pronoun
	// there refers to (-1 when none).
	tokPerson []int
	// aside marks mentions outside the running text: in a name line,
	// heading, byline or caption (a short paragraph with no final stop). A
	// pronoun or description in the story does not refer back to them.
	aside []bool
	// headPara marks short paragraphs without a final stop, a closing
	// quotation mark aside: headings, "READ MORE:" and "WATCH:" links to
	// other stories, bylines. Quotations there are headline words.
	headPara []bool
	// sentence start tokens
	sentTok []int
	// parenOpen marks tokens inside parentheses (see inParens), built on
	// first use.
	parenOpen []bool
	// surnames counts the article's people by the last word of their
	// name, and byName maps a name to its first person: built on first
	// use, once per article, not once per quotation.
	surnames map[string]int
	byName   map[string]int
	// roleIdx holds, per role noun, who holds it (see byRole)
	roleIdx map[string]*roleIndex
	// per speech event, the last event up to it with joint speakers, with
	// a speaker who is no person, or one who may be a body (see lastEvent)
	evJoint, evNotPerson, evBodyish []int
	// notNamed holds the mentions rule not_a_name refused as speakers
	// ("now"), so that the attribution can say so in its reasons.
	notNamed map[string]bool
}

// attribution is a speaker found for a quotation.
type attribution struct {
	speaker string
	mention string
	verb    string
	ok      bool   // a speech verb or "according to" was found
	rule    string // the named rule that found it (see rules in rank.go)
	close   bool   // the verb introduces the quotation directly (S said: “Q”)
}

// Extract finds the quotations in body: direct ones in quotation marks and
// indirect (reported) speech, in article order.
func Extract(body string, sents []text.Sentence, ppl []people.Person) []Quote {
	return ExtractTokens(body, sents, nil, ppl)
}

// ExtractTokens is Extract on a body already tokenised by text.Tokenize
// (toks nil: tokenise it here), so that an analysis tokenises once.
func ExtractTokens(body string, sents []text.Sentence, toks []text.Token, ppl []people.Person) []Quote {
	d, out := extractRules(body, sents, toks, ppl)
	if d != nil {
		d.rank(out, DefaultModel)
	}
	return out
}

// extractRules finds the quotations and attributes them by the rules alone
// (no ranking); d is nil for an empty body.
func extractRules(body string, sents []text.Sentence, toks []text.Token, ppl []people.Person) (*doc, []Quote) {
	if strings.TrimSpace(body) == "" {
		return nil, nil
	}
	if sents == nil {
		sents = text.Sentences(body)
	}
	if toks == nil {
		toks = text.Tokenize(body)
	}
	d := newDoc(body, sents, toks, ppl)
	out := d.direct()
	out = append(out, d.indirect(out)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return d, out
}

// maxSentenceTokens bounds the scan window of every attribution rule: a
// sentence longer than this (far beyond any news sentence, which rarely
// passes 80 tokens) is treated as several.
const maxSentenceTokens = 200

func newDoc(body string, sents []text.Sentence, toks []text.Token, ppl []people.Person) *doc {
	d := &doc{body: body, sents: sents, ppl: ppl, paras: text.Paragraphs(body), toks: toks}
	d.starts = people.Starts(d.toks, sents, body)
	d.spans = findSpans(body, d.paras)
	n := len(d.toks)
	d.sentOf = make([]int, n)
	d.paraOf = make([]int, n)
	d.inQuote = make([]int, n)
	si, pi, qi := 0, 0, 0
	for i, t := range d.toks {
		// a run-on "sentence" (no stops for pages) is cut into windows of
		// maxSentenceTokens: every rule scans within a sentence, so the
		// work per quotation stays bounded whatever the input
		long := i > 0 && i-d.sentTok[len(d.sentTok)-1] >= maxSentenceTokens
		if (d.starts[i] || long) && i > 0 {
			si++
		}
		if i == 0 || d.starts[i] || long {
			d.sentTok = append(d.sentTok, i)
		}
		d.sentOf[i] = si
		for pi+1 < len(d.paras) && d.paras[pi+1].Start <= t.Start {
			pi++
		}
		d.paraOf[i] = pi
		for qi < len(d.spans) && d.spans[qi].closeEnd <= t.Start {
			qi++
		}
		d.inQuote[i] = -1
		if qi < len(d.spans) && d.spans[qi].open <= t.Start && t.Start < d.spans[qi].closeEnd {
			d.inQuote[i] = qi
		}
	}
	d.ments = people.Locate(d.toks, d.starts, ppl)
	d.tokPerson = make([]int, n)
	for i := range d.tokPerson {
		d.tokPerson[i] = -1
	}
	for _, m := range d.ments {
		if d.inQuote[m.Tok0] >= 0 || d.inParens(m.Tok0) {
			continue
		}
		for k := m.Tok0; k < m.Tok1; k++ {
			d.tokPerson[k] = m.Person
		}
	}
	d.markAsides()
	d.resolvePronouns()
	return d
}

// markAsides fills d.aside: mentions in short paragraphs without a final
// stop (bylines, name lines, headings, captions without a stop), and a
// name followed by a picture mark ("Lonechild, left, is from …", "Amira
// Abase, pictured, was …"), unless a speech verb follows the mark
// ("Mardas (pictured) said …"). Only the name itself: a caption glued to
// the story without its stop runs on into story text whose names count.
func (d *doc) markAsides() {
	n := len(d.toks)
	d.aside = make([]bool, n)
	d.headPara = make([]bool, len(d.paras))
	for pi, p := range d.paras {
		a := d.tokAt(p.Start)
		b := d.tokAt(p.End)
		if a >= b || b > n {
			continue
		}
		words := 0
		for k := a; k < b; k++ {
			if d.toks[k].Word {
				words++
			}
		}
		last := strings.TrimRightFunc(d.body[p.Start:p.End], unicode.IsSpace)
		r, _ := utf8.DecodeLastRuneInString(last)
		bare := strings.TrimRightFunc(last, func(r rune) bool { return isQuoteRune(r) || unicode.IsSpace(r) })
		br, _ := utf8.DecodeLastRuneInString(bare)
		if words <= 20 && !strings.ContainsRune(".!?…:", br) {
			d.headPara[pi] = true
		}
		if words <= 12 && !strings.ContainsRune(".!?\"”’'…:", r) {
			for k := a; k < b; k++ {
				if d.paraOf[k] == pi {
					d.aside[k] = true
				}
			}
		}
	}
	for k := 0; k < n; k++ {
		if d.tokPerson[k] < 0 || k+1 < n && d.tokPerson[k+1] == d.tokPerson[k] {
			continue
		}
		// the mark, between commas or in parentheses
		m := k + 1
		if m < n && (d.toks[m].Text == "," || d.toks[m].Text == "(") {
			m++
		}
		if m+1 >= n || !d.wordTok(m) || !pictureMarks[d.lower(m)] || d.toks[m].Cap ||
			d.toks[m+1].Text != "," && d.toks[m+1].Text != ")" {
			continue
		}
		if _, ok := d.verbAt(m+2, speechVerbs); ok {
			continue // "Mardas (pictured) said …": running text
		}
		for j := k; j >= 0 && d.tokPerson[j] == d.tokPerson[k]; j-- {
			d.aside[j] = true
		}
	}
}

// pictureMarks follow a name in a photo caption: "Name, left, …", "Name
// (pictured) …".
var pictureMarks = loadWords("picture_marks")

// lower is the folded text of token i.
func (d *doc) lower(i int) string { return d.toks[i].Lower() }

// sentRange returns the token range of sentence s.
func (d *doc) sentRange(s int) (int, int) {
	if s < 0 || s >= len(d.sentTok) {
		return 0, 0
	}
	a := d.sentTok[s]
	b := len(d.toks)
	if s+1 < len(d.sentTok) {
		b = d.sentTok[s+1]
	}
	return a, b
}

// tokAt returns the index of the first token starting at or after off.
func (d *doc) tokAt(off int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= off })
}

// compatible reports whether person p may be referred to with gender g.
func (d *doc) compatible(p int, g people.Gender) bool {
	pg := d.ppl[p].Gender
	return g == people.Unknown || pg == people.Unknown || pg == g
}

// resolvePronouns links every he/she/his/her outside quotations to a person:
// the first compatible person named earlier in the same sentence, else in
// the nearest earlier sentence that names one (its first, most subject-like
// mention first; possessives only when nothing else fits).
func (d *doc) resolvePronouns() {
	for i, t := range d.toks {
		if d.inQuote[i] >= 0 || d.tokPerson[i] >= 0 {
			continue
		}
		g, ok := people.PronounGender(t.Lower())
		if !ok {
			continue
		}
		d.tokPerson[i] = d.antecedent(i, g)
	}
}

// antecedent finds the person a pronoun (or a description) at token i
// refers to; g is the gender it requires (Unknown: any).
func (d *doc) antecedent(i int, g people.Gender) int {
	s := d.sentOf[i]
	// "Macharia hid under desks, he said": a pronoun attributing the words
	// before it is not one of the people those words mention
	reporting := i > 0 && isPunct(d.toks[i-1], ",") && i+1 < len(d.toks) && speechVerbs[d.lower(i+1)] != ""
	if reporting {
		// only a parenthetical ", he said," or ", he said." attributes the
		// words before it; ", she maintains that …" is a clause of its own
		k := i + 2
		for k < len(d.toks) && k-i <= 5 && d.toks[k].Word && d.sentOf[k] == s {
			k++
		}
		reporting = k < len(d.toks) && (isPunct(d.toks[k], ",.;!?") || d.sentOf[k] != s) || k >= len(d.toks)
		reporting = reporting && (i+2 >= len(d.toks) || !d.toks[i+2].Word || d.lower(i+2) != "that")
	}
	spokenOf := map[int]bool{}
	if reporting {
		a, _ := d.sentRange(s)
		for k := a; k < i; k++ {
			if _, isPron := people.PronounGender(d.lower(k)); isPron {
				continue // "He hasn't decided, he says": pronouns may be the speaker
			}
			if p := d.tokPerson[k]; p >= 0 && d.inQuote[k] < 0 {
				spokenOf[p] = true
			}
		}
	}
	// "Jones said. “Q,” he said": a pronoun that speaks refers first to
	// whoever spoke in the sentence it looks back to, before the first
	// person that sentence names
	speaks := i+1 < len(d.toks) && speechVerbs[d.lower(i+1)] != ""
	for back := 0; back <= 12 && s-back >= 0; back++ {
		a, b := d.sentRange(s - back)
		if back == 0 {
			b = i
			if reporting {
				continue
			}
		}
		if speaks && back > 0 {
			if p := d.speakerIn(a, b, g, spokenOf); p >= 0 {
				return p
			}
		}
		for pass := 0; pass < 2; pass++ {
			for k := a; k < b; k++ {
				p := d.tokPerson[k]
				if p < 0 || d.inQuote[k] >= 0 || k == i || d.aside[k] {
					continue
				}
				if back == 0 && k+2 == i && isPunct(d.toks[k+1], ",") {
					continue // "Schumer, he said, …": the name is the topic, not the speaker
				}
				poss := d.toks[k].Poss || isPossPronoun(d.lower(k))
				if pass == 0 && poss {
					continue
				}
				if pass == 0 && k > a && isPrepBefore(d, k) {
					continue
				}
				if back == 0 && strictPrepBefore(d, k) {
					continue // "Unlike Smith, he …": not the pronoun's antecedent
				}
				if d.modifiesName(k) {
					continue // "Masters chairman Billy Payne": the head is the second name
				}
				if d.compatible(p, g) && !spokenOf[p] {
					return p
				}
			}
		}
	}
	return -1
}

// speakerIn returns the person (compatible with gender g, not in
// spokenOf) who is the subject of a speech verb in tokens [a, b) — "Jones
// said", "said Jones" — when exactly one is; -1 otherwise.
func (d *doc) speakerIn(a, b int, g people.Gender, spokenOf map[int]bool) int {
	found := -1
	for k := a; k < b; k++ {
		p := d.tokPerson[k]
		if p < 0 || d.inQuote[k] >= 0 || d.aside[k] || d.toks[k].Poss || isPossPronoun(d.lower(k)) ||
			k+1 < b && d.tokPerson[k+1] == p || !d.compatible(p, g) || spokenOf[p] {
			continue
		}
		if !d.speechSubject(k, b) {
			continue
		}
		if found >= 0 && found != p {
			return -1 // two speakers: the usual order decides
		}
		found = p
	}
	return found
}

// speechSubject reports whether the mention ending at token k (before
// hi, its sentence's end) is the subject of the reporting clause that
// closes the sentence: "…, Jones said.", "…, Jones told reporters on
// Monday.", "…,” said Jones." — the words the sentence belongs to.
func (d *doc) speechSubject(k, hi int) bool {
	closes := func(j int) bool { // at most five words from j to the end
		words := 0
		for ; j < hi; j++ {
			if d.wordTok(j) {
				words++
			}
		}
		return words <= 5
	}
	a := k
	for a > 0 && d.tokPerson[a-1] == d.tokPerson[k] {
		a--
	}
	if a < 1 || !(isPunct(d.toks[a-1], ",") || d.inQuote[a-1] >= 0) &&
		!(a >= 2 && d.wordTok(a-1) && speechVerbs[d.lower(a-1)] != "" && (isPunct(d.toks[a-2], ",") || d.inQuote[a-2] >= 0)) {
		return false // not after a comma or a quotation: not a reporting clause
	}
	j := k + 1
	for j < hi && j-k <= 3 && d.wordTok(j) && (auxWords[d.lower(j)] || strings.HasSuffix(d.lower(j), "ly")) {
		j++
	}
	if j < hi && d.wordTok(j) && speechVerbs[d.lower(j)] != "" && !isIng(d.lower(j)) && !d.toks[j].Cap {
		return closes(j + 1)
	}
	return a >= 2 && d.wordTok(a-1) && speechVerbs[d.lower(a-1)] != "" && !isIng(d.lower(a-1)) &&
		(isPunct(d.toks[a-2], ",") || d.inQuote[a-2] >= 0) && closes(k+1)
}

// modifiesName reports whether the mention at token k only modifies a
// role held by another person named right after it ("Masters chairman
// Billy Payne", "Acme chief executive Jo Brand"): the mention there names
// a body or an event, and the second person is the head of the phrase.
func (d *doc) modifiesName(k int) bool {
	p := d.tokPerson[k]
	e := k + 1
	for e < len(d.toks) && d.tokPerson[e] == p {
		e++
	}
	r := e
	for r < len(d.toks) && r-e < 3 && d.wordTok(r) && !d.toks[r].Cap && people.RoleNoun(d.lower(r)) {
		r++
	}
	return r > e && r < len(d.toks) && d.tokPerson[r] >= 0 && d.tokPerson[r] != p
}

func isPossPronoun(w string) bool { return w == "his" || w == "her" || w == "hers" || w == "their" }

// isPrepBefore reports whether the mention at k follows a preposition
// ("with Trump"), which makes it unlikely to be the subject.
func isPrepBefore(d *doc, k int) bool {
	// walk back over the naming run
	j := k - 1
	for j >= 0 && d.tokPerson[j] == d.tokPerson[k] {
		j--
	}
	for j >= 0 && d.toks[j].Cap && d.toks[j].Word && people.Titles(d.lower(j)) {
		j--
	}
	if j < 0 {
		return false
	}
	return prepositions[d.lower(j)]
}

// strictPrepBefore reports a mention governed by a preposition that never
// opens a clause ("unlike Smith", "with Jones"), unlike "after", "as".
func strictPrepBefore(d *doc, k int) bool {
	j := k - 1
	for j >= 0 && d.tokPerson[j] == d.tokPerson[k] {
		j--
	}
	return j >= 0 && strictPreps[d.lower(j)]
}

var strictPreps = loadWords("strict_preps")

var prepositions = loadWords("prepositions")

// wordCount counts the words of s.
func wordCount(s string) int { return len(text.Words(s)) }

// titleCase reports whether every longer word of s is capitalised (the
// title of a work or a name, not speech).
func titleCase(s string) bool {
	n, caps := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len([]rune(w)) < 4 {
			continue
		}
		n++
		if r := []rune(w)[0]; unicode.IsUpper(r) || unicode.IsDigit(r) {
			caps++
		}
	}
	return n > 0 && caps == n
}

// inParens reports whether token i stands inside parentheses (a photo
// credit, an aside) within its paragraph: the nearest parenthesis before
// it in the paragraph opens. The answers for every token are computed
// once, in one pass, so that a long paragraph costs linear time.
func (d *doc) inParens(i int) bool {
	if d.parenOpen == nil {
		d.parenOpen = make([]bool, len(d.toks))
		open := false
		for k, t := range d.toks {
			if k > 0 && d.paraOf[k] != d.paraOf[k-1] {
				open = false
			}
			d.parenOpen[k] = open
			switch t.Text {
			case "(":
				open = true
			case ")":
				open = false
			}
		}
	}
	return d.parenOpen[i]
}
