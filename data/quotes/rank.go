package quotes

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/data/people"
	"newsbot/data/text"
)

// Attribution as candidate ranking. The extraction rules (direct.go,
// indirect.go) propose a speaker for each quotation and name the rule that
// found it. The ranker then lists the candidates a reader would weigh —
// that proposal, every person mentioned around the quotation (names and
// resolved pronouns), the previous quotation's speaker, and "none of
// them" — describes each with features, and scores them with a log-linear
// model (softmax over the quotation's candidates) learned from
// ../shared/eval/polnear-train.jsonl by `bot train attribution`. The
// winning candidate's probability, calibrated (Platt, one pair per kind of
// decision: see DecisionKind) on a part of the training articles held
// apart, is the quotation's Confidence; its
// strongest features are the Why.

// Candidate is one possible speaker of a quotation with its features
// (values aligned with FeatureNames).
type Candidate struct {
	Speaker  string    // canonical name, or as written; "" for "none of them"
	Mention  string    // the nearest words naming it
	Person   bool      // one of the article's people
	Values   []float64 // feature values, aligned with FeatureNames
	Proposed bool      // the extraction rules chose it
	// Firm marks a proposal the ranking never overrules: the rules read it
	// from a name or an indefinite description at its own speech verb (or a
	// coordinated subject of people); explicit words beat any inference
	// from salience. The ranking decides pronouns, definite descriptions
	// ("the senator"), inherited speakers and quotations the rules
	// attribute to no one.
	Firm bool
}

// ruleNames are the extraction rules that propose a speaker, in the order
// their features are listed.
var ruleNames = []string{"verb_after_quote", "verb_after_quote_far", "verb_before_quote", "colon_after_subject",
	"according_to", "parenthesis_owner", "continues_quotation", "previous_sentence_subject", "last_speech_verb",
	"previous_quotation", "previous_quotation_across_narration", "colon_introduction", "reported_speech", "dash_credit", "asked_by"}

// inheritedRules give a quotation the speaker of another: what they
// propose is an inference the ranking may overrule.
var inheritedRules = map[string]bool{"continues_quotation": true, "previous_sentence_subject": true,
	"last_speech_verb": true, "previous_quotation": true, "previous_quotation_across_narration": true,
	"colon_introduction": true}

// mentionKinds classify the words the rules read the speaker from.
var mentionKinds = []string{"name", "pronoun", "definite_description", "indefinite_description", "none"}

// FeatureNames lists the ranker's features in the order of Candidate.Values
// and of the model's weights.
var FeatureNames = featureNames()

func featureNames() []string {
	f := []string{"proposed", "proposed_not_a_person", "proposed_direct", "proposed_long_quote"}
	for _, r := range ruleNames {
		f = append(f, "rule:"+r)
	}
	for _, m := range mentionKinds {
		f = append(f, "mention:"+m)
	}
	return append(f,
		"none", "none_when_nothing_proposed", "none_direct",
		"person", "no_mention_near", "log_token_distance", "mention_after_quote", "same_sentence",
		"same_paragraph", "previous_paragraph", "log_article_mentions", "paragraph_topic", "previous_speaker",
		"subject_of_speech_verb_nearby", "only_pronoun_mentions_near", "caption_or_heading_mention",
		"shares_surname_with_another", "gender_conflicts_with_mention", "named_by_mention",
		"spoken_of_in_a_passive")
}

var featureIndex = func() map[string]int {
	m := make(map[string]int, len(FeatureNames))
	for i, f := range FeatureNames {
		m[f] = i
	}
	return m
}()

// Model is the learned ranker: one weight per feature, the calibration of
// the winning probability, and how far the ranking may overrule the
// extraction rules (set by training from what did better on the
// held-apart training articles).
type Model struct {
	Features []string   `json:"features"`
	Weights  []float64  `json:"weights"`
	Platt    [2]float64 `json:"platt"` // calibrated p = σ(A·logit(p) + B)
	// Calibration holds one Platt pair per decision kind (DecisionKinds):
	// how often a speaker is right depends less on the ranker's
	// probability than on how it was found — a name at its own speech
	// verb is almost never wrong, a guess where the rules found no one
	// often is. Kinds with too few held-apart quotations to fit use Platt.
	Calibration map[string][2]float64 `json:"calibration"`
	// Choose lets the ranking replace the rules' speaker (or their "no
	// speaker") by a candidate at least Margin more probable.
	Choose bool    `json:"choose"`
	Margin float64 `json:"margin"`
	// FirmMargin is the margin needed to overrule a firm proposal (0: firm
	// proposals stand).
	FirmMargin float64 `json:"firm_margin"`
	Note       string  `json:"note"` // how it was trained and what it measured
}

// Pick returns the index of the chosen candidate (-1: no speaker) and the
// candidates' probabilities. The rules' proposal stands unless it is not
// firm and another candidate is at least Margin more probable; when the
// rules found no speaker, the most probable candidate is a guess whose low
// probability (the "none of them" candidate takes its share) says so.
func (m *Model) Pick(cs []Candidate) (int, []float64) {
	p := m.Probabilities(cs)
	inc := -1
	for j, c := range cs {
		if c.Proposed {
			inc = j
		}
	}
	if !m.Choose {
		return inc, p
	}
	best := -1
	for j, c := range cs {
		if c.Speaker != "" && (best < 0 || p[j] > p[best]) {
			best = j
		}
	}
	margin := m.Margin
	if inc >= 0 && cs[inc].Firm {
		margin = m.FirmMargin
		if margin <= 0 {
			return inc, p
		}
	}
	if inc < 0 || best >= 0 && best != inc && p[best] >= p[inc]+margin {
		return best, p
	}
	return inc, p
}

//go:embed model.json
var modelJSON []byte

// DefaultModel is the committed model (data/quotes/model.json). Features
// the code no longer computes are ignored here, so that a program whose
// features changed still runs to retrain it; TestDefaultModel insists on an
// exact match.
var DefaultModel = mustModel(modelJSON)

func mustModel(b []byte) *Model {
	m, err := parseModel(b, false)
	if err != nil {
		panic(err) // the embedded file is checked by TestDefaultModel
	}
	return m
}

// ParseModel reads a model file and checks it against FeatureNames.
func ParseModel(b []byte) (*Model, error) { return parseModel(b, true) }

func parseModel(b []byte, strict bool) (*Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("attribution model: %w", err)
	}
	if len(m.Features) != len(m.Weights) {
		return nil, fmt.Errorf("attribution model: %d features, %d weights", len(m.Features), len(m.Weights))
	}
	w := make([]float64, len(FeatureNames))
	for i, f := range m.Features {
		j, ok := featureIndex[f]
		if !ok {
			if strict {
				return nil, fmt.Errorf("attribution model: unknown feature %q", f)
			}
			continue
		}
		w[j] = m.Weights[i]
	}
	m.Features, m.Weights = FeatureNames, w
	return &m, nil
}

// Score is the candidate's linear score under the model.
func (m *Model) Score(c Candidate) float64 {
	s := 0.0
	for i, v := range c.Values {
		s += v * m.Weights[i]
	}
	return s
}

// Probabilities is the softmax of the candidates' scores.
func (m *Model) Probabilities(cs []Candidate) []float64 {
	p := make([]float64, len(cs))
	hi := math.Inf(-1)
	for i, c := range cs {
		p[i] = m.Score(c)
		hi = max(hi, p[i])
	}
	sum := 0.0
	for i := range p {
		p[i] = math.Exp(p[i] - hi)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// Calibrate maps a winning probability to a calibrated confidence, with
// the calibration of its decision kind (see DecisionKind) when the model
// has one.
func (m *Model) Calibrate(p float64, kind string) float64 {
	p = min(max(p, 1e-6), 1-1e-6)
	c, ok := m.Calibration[kind]
	if !ok {
		c = m.Platt
	}
	return sigmoid(c[0]*math.Log(p/(1-p)) + c[1])
}

// DecisionKinds are the kinds of decision calibrated apart, from the most
// to the least reliable as a rule:
//   - firm_person: the rules read the name of one of the article's people
//     at its own speech verb and the ranker agrees ("…," Ann Ortiz said);
//   - firm_name: the same for a name the people finder did not take for a
//     person (an organisation, or words mistaken for a name);
//   - firm_name_disputed: the same, but the ranker prefers another
//     candidate (or none) and the rules' firm proposal stands anyway;
//   - firm_description: an indefinite description ("a spokeswoman") or
//     people named jointly, at their own verb;
//   - description: a definite description resolved to its holder ("the
//     senator");
//   - pronoun: a pronoun resolved to a person;
//   - inherited: the speaker of a neighbouring quotation or sentence;
//   - overruled: the ranker chose another candidate than the rules';
//   - guess: the rules proposed no one and the ranker named someone.
//
// A direct quotation's kind ends in "_direct": its words and its
// attribution are marked out, where reported speech has fuzzier edges and
// more ways to be read.
var DecisionKinds = func() []string {
	var ks []string
	for _, k := range []string{"firm_person", "firm_name", "firm_name_disputed", "firm_description", "description", "pronoun",
		"inherited", "overruled", "guess"} {
		ks = append(ks, k+"_direct", k)
	}
	return ks
}()

// DecisionKind says what kind of decision choosing candidate best of cs
// (probabilities p) is; "" when no speaker is chosen.
func DecisionKind(cs []Candidate, p []float64, best int) string {
	if best < 0 || best >= len(cs) {
		return ""
	}
	k := decisionKind(cs, p, best)
	if i := featureIndex["none_direct"]; i < len(cs[len(cs)-1].Values) && cs[len(cs)-1].Values[i] != 0 {
		k += "_direct"
	}
	return k
}

func decisionKind(cs []Candidate, p []float64, best int) string {
	inc := -1
	for j, c := range cs {
		if c.Proposed {
			inc = j
		}
	}
	switch {
	case inc < 0:
		return "guess"
	case inc != best:
		return "overruled"
	}
	c := cs[best]
	has := func(f string) bool { i, ok := featureIndex[f]; return ok && i < len(c.Values) && c.Values[i] != 0 }
	inherited := false
	for _, r := range ruleNames {
		if inheritedRules[r] && has("rule:"+r) {
			inherited = true
		}
	}
	switch {
	case c.Firm && has("mention:name"):
		for j := range cs {
			if j != best && p[j] > p[best] {
				return "firm_name_disputed"
			}
		}
		if c.Person {
			return "firm_person"
		}
		return "firm_name"
	case c.Firm:
		return "firm_description"
	case inherited:
		return "inherited"
	case has("mention:pronoun"):
		return "pronoun"
	}
	return "description"
}

// Guess reports whether the rules proposed none of the candidates.
func Guess(cs []Candidate) bool {
	for _, c := range cs {
		if c.Proposed {
			return false
		}
	}
	return true
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Candidates runs the extraction rules and returns the quotations as the
// rules attribute them, with each one's candidate speakers (the last is
// always "none of them"). Training reads these; Extract ranks them.
func Candidates(body string, sents []text.Sentence, toks []text.Token, ppl []people.Person) ([]Quote, [][]Candidate) {
	d, qs := extractRules(body, sents, toks, ppl)
	if d == nil {
		return nil, nil
	}
	cs := make([][]Candidate, len(qs))
	for i := range qs {
		prev := ""
		if i > 0 {
			prev = qs[i-1].Speaker
		}
		cs[i] = d.candidates(qs[i], prev)
	}
	return qs, cs
}

// rank applies model m to every quotation: it sets Confidence, Why,
// Alternatives and SpeakerKind, and the speaker when the model may choose.
func (d *doc) rank(qs []Quote, m *Model) {
	prev := ""
	for i := range qs {
		q := &qs[i]
		rulesSpeaker := q.Speaker
		cs := d.candidates(*q, prev)
		prev = rulesSpeaker
		// the rules read a speaker phrase that names no one (rule
		// not_a_name): the attribution says so whatever is chosen
		var refused []Reason
		if q.Speaker == "" && q.Mention != "" && d.notNamed[q.Mention] {
			refused = []Reason{{Feature: "not_a_name", Value: 1}}
		}
		best, p := m.Pick(cs)
		// "a lawyer for Ann Lee said": the rules kept the intermediary
		// (rule spoken_for); the one spoken for did not say the words,
		// so the ranker may not give them to her
		if intermediaryPhrase(rulesSpeaker) {
			refused = append(refused, Reason{Feature: "spoken_for", Value: 1})
			if best >= 0 && cs[best].Person && strings.Contains(rulesSpeaker, cs[best].Speaker) {
				best = slices.IndexFunc(cs, func(c Candidate) bool { return c.Proposed })
			}
		}
		if best < 0 {
			q.Speaker, q.Confidence, q.Why = "", 0, refused
			q.Alternatives = alternatives(cs, p, -1)
			continue
		}
		c := cs[best]
		conf := m.Calibrate(p[best], DecisionKind(cs, p, best))
		if Guess(cs) && conf < LikelyAt {
			// the rules found no speaker and the best guess is weak: the
			// article does not say, as far as we can tell; the guess is
			// only an alternative
			q.Speaker, q.Confidence, q.Why = "", 0, refused
			q.Alternatives = alternatives(cs, p, -1)
			continue
		}
		if c.Speaker != q.Speaker {
			q.Speaker, q.Mention, q.Verb = c.Speaker, c.Mention, ""
		}
		q.Confidence = conf
		q.Why = append(explain(c, m), refused...)
		q.SpeakerKind = d.speakerKind(c)
		q.Alternatives = alternatives(cs, p, best)
		if q.SpeakerKind == "document" {
			d.issuer(q)
		}
	}
}

// issuer gives a document's words to whoever issued it, when the phrase
// names them: "Corvane Energy's report", "a page on Corvane Energy's
// website", "a study by the Kestrel Centre", "her letter" (the person the
// pronoun stands for). The document stays among the alternatives and the
// rule "document_issuer" among the reasons.
func (d *doc) issuer(q *Quote) {
	if q.Mention == "" {
		return
	}
	// the mention as written nearest the quotation
	lo, hi := max(0, q.Start-400), min(len(d.body), q.End+400)
	at, best := -1, len(d.body)
	for off := lo; off < hi; {
		i := strings.Index(d.body[off:hi], q.Mention)
		if i < 0 {
			break
		}
		pos := off + i
		if dist := min(abs(pos-q.Start), abs(pos-q.End)); dist < best {
			at, best = pos, dist
		}
		off = pos + len(q.Mention)
	}
	if at < 0 {
		return
	}
	a, b := d.tokAt(at), d.tokAt(at+len(q.Mention))
	name := ""
	poss := -1 // "Corvane Energy's report" read as one mention
	for k := a; k < b-1 && k < len(d.toks); k++ {
		if d.toks[k].Poss && d.toks[k].Cap {
			poss = k
		}
	}
	switch {
	case poss >= 0:
		name = d.capRunBack(poss)
	case a < b && a < len(d.toks) && d.tokPerson[a] >= 0 && isPossPronoun(d.lower(a)):
		name = d.ppl[d.tokPerson[a]].Name // "her letter"
	case a > 0 && d.toks[a-1].Poss && d.toks[a-1].Cap:
		name = d.capRunBack(a - 1) // "Corvane Energy's report"
	default:
		// "… on/by/from/of [the] Corvane Energy['s website]"
		k := b
		for k < len(d.toks) && k-b < 6 && d.toks[k].Word && !d.toks[k].Cap {
			if !issuerPreps.Has(d.lower(k)) && !determinerStart(d.lower(k)) {
				return
			}
			k++
		}
		if k > b && k < len(d.toks) && d.toks[k].Cap && d.inQuote[k] < 0 {
			name = d.capRunForward(k)
		}
	}
	if name == "" || name == q.Speaker {
		return
	}
	q.Alternatives = append([]string{q.Speaker}, q.Alternatives...)
	if len(q.Alternatives) > 3 {
		q.Alternatives = q.Alternatives[:3]
	}
	q.Speaker = name
	q.SpeakerKind = "organisation"
	if d.personIndex(name) >= 0 {
		q.SpeakerKind = "person"
	}
	q.Why = append(q.Why, Reason{Feature: "document_issuer", Value: 1})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// capRunBack returns the capitalised words ending at token k (at most
// six), as written, resolved to a person's canonical name when it is one.
func (d *doc) capRunBack(k int) string {
	a := k
	for a > 0 && k-a < 5 && d.toks[a-1].Word && d.toks[a-1].Cap && !d.toks[a-1].Poss && !d.starts[a] {
		a--
	}
	return d.runName(a, k+1)
}

// capRunForward returns the capitalised words starting at token k (at most
// six, stopping at a possessive), resolved like capRunBack.
func (d *doc) capRunForward(k int) string {
	b := k + 1
	for b < len(d.toks) && b-k < 6 && !d.toks[b-1].Poss && d.toks[b].Word && d.toks[b].Cap {
		b++
	}
	return d.runName(k, b)
}

func (d *doc) runName(a, b int) string {
	if a >= b || b > len(d.toks) {
		return ""
	}
	if p := d.tokPerson[b-1]; p >= 0 {
		return d.ppl[p].Name
	}
	return d.body[d.toks[a].Start:d.toks[b-1].End]
}

// alternatives are the runner-up speakers (probability at least 0.05),
// most probable first, at most three.
func alternatives(cs []Candidate, p []float64, best int) []string {
	order := make([]int, 0, len(cs))
	for j, o := range cs {
		if j != best && o.Speaker != "" && p[j] >= 0.05 {
			order = append(order, j)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] > p[order[b]] })
	var out []string
	for _, j := range order {
		if len(out) < 3 {
			out = append(out, cs[j].Speaker)
		}
	}
	return out
}

// explain lists the features that weighed most for candidate c, strongest
// first (at most six, those contributing at least 0.05 either way), and
// always the extraction rule that proposed it, so every attribution traces
// back to a named rule.
func explain(c Candidate, m *Model) []Reason {
	var rs []Reason
	rule := -1
	for i, v := range c.Values {
		if v == 0 {
			continue
		}
		r := Reason{Feature: FeatureNames[i], Value: math.Round(v*1000) / 1000, Weight: math.Round(v*m.Weights[i]*100) / 100}
		if strings.HasPrefix(r.Feature, "rule:") {
			rule = len(rs)
			rs = append(rs, r)
		} else if math.Abs(r.Weight) >= 0.05 {
			rs = append(rs, r)
		}
	}
	var ruleReason *Reason
	if rule >= 0 {
		rr := rs[rule]
		ruleReason = &rr
	}
	sort.SliceStable(rs, func(a, b int) bool { return math.Abs(rs[a].Weight) > math.Abs(rs[b].Weight) })
	if len(rs) > 6 {
		rs = rs[:6]
		if ruleReason != nil && !slices.Contains(rs, *ruleReason) {
			rs = append(rs, *ruleReason)
		}
	}
	return rs
}

// speakerKind says what kind of thing candidate c is.
func (d *doc) speakerKind(c Candidate) string {
	if c.Person {
		return "person"
	}
	w := text.Words(c.Speaker)
	if len(w) == 0 {
		return ""
	}
	head := w[len(w)-1]
	// "a lawyer for Ann Lee", "Ann Lee's spokesman": someone the article
	// does not name, speaking for another (rule spoken_for); no
	// organisation for the capitals in it
	if intermediaryPhrase(c.Speaker) {
		return ""
	}
	switch {
	case documentWords.Has(head):
		return "document"
	case groupWords.Has(head):
		return "group"
	case strings.ToLower(c.Speaker) != c.Speaker:
		return "organisation"
	}
	return ""
}

// candidate windows: how far around a quotation the ranker looks for
// people (bounded, so the work per quotation is too).
const (
	windowBefore = 250 // tokens
	windowAfter  = 80
)

// personNear gathers what the window tells of one person.
type personNear struct {
	dist      int // tokens between the nearest mention and the quotation
	tok       int
	after     bool
	sameSent  bool
	paraDiff  int
	onlyPron  bool
	speechAdj bool
	passive   bool
	aside     bool
	topic     bool
}

// candidates lists quotation q's candidate speakers with their features;
// prev is the previous quotation's speaker as the rules gave it.
func (d *doc) candidates(q Quote, prev string) []Candidate {
	qa, qb := d.tokAt(q.Start), d.tokAt(q.End)
	if qb < qa {
		qb = qa
	}
	qpara := 0
	if qa < len(d.toks) {
		qpara = d.paraOf[qa]
	} else if len(d.paraOf) > 0 {
		qpara = d.paraOf[len(d.paraOf)-1]
	}
	qsent := -1
	if qa < len(d.toks) {
		qsent = d.sentOf[qa]
	}
	lo, hi := max(0, qa-windowBefore), min(len(d.toks), qb+windowAfter)
	near := map[int]*personNear{}
	topicSeen := map[int]bool{} // paragraph → its first person already seen
	for k := lo; k < hi; k++ {
		p := d.tokPerson[k]
		if p < 0 || k >= qa && k < qb || d.inQuote[k] >= 0 || p >= len(d.ppl) {
			continue
		}
		pd := qpara - d.paraOf[k]
		if pd > 2 || pd < -1 {
			continue
		}
		dist := qa - k
		after := k >= qb
		if after {
			dist = k - qb + 1
		}
		_, pron := people.PronounGender(d.lower(k))
		n := near[p]
		if n == nil {
			n = &personNear{dist: math.MaxInt, onlyPron: true}
			near[p] = n
		}
		if !pron {
			n.onlyPron = false
		}
		if !topicSeen[d.paraOf[k]] && (pd == 0 || pd == 1) {
			topicSeen[d.paraOf[k]] = true
			n.topic = true
		}
		if act, pas := d.speechNear(k); act {
			n.speechAdj = true
		} else if pas {
			n.passive = true
		}
		if dist < n.dist {
			n.dist, n.tok, n.after, n.paraDiff = dist, k, after, pd
			n.sameSent = d.sentOf[k] == qsent
			n.aside = d.aside[k]
		}
	}
	var cs []Candidate
	proposedDone := false
	mentionGender := people.Unknown
	if mw := text.Words(q.Mention); len(mw) == 1 {
		mentionGender, _ = people.PronounGender(mw[0])
	}
	surnames := d.surnameCounts()
	add := func(speaker, mention string, person bool, n *personNear, mentions int) {
		v := make([]float64, len(FeatureNames))
		set := func(f string, x float64) { v[featureIndex[f]] = x }
		proposed := speaker == q.Speaker && q.Speaker != ""
		if proposed {
			proposedDone = true
			set("proposed", 1)
			if !person {
				set("proposed_not_a_person", 1)
			}
			if q.Direct {
				set("proposed_direct", 1)
			}
			if wordCount(q.Text) >= 25 {
				set("proposed_long_quote", 1)
			}
			if q.rule != "" {
				if _, ok := featureIndex["rule:"+q.rule]; ok {
					set("rule:"+q.rule, 1)
				}
			}
			set("mention:"+mentionKind(q.Mention), 1)
		}
		if person {
			set("person", 1)
		}
		if n == nil {
			set("no_mention_near", 1)
		} else {
			set("log_token_distance", math.Log1p(float64(n.dist)))
			if n.after {
				set("mention_after_quote", 1)
			}
			if n.sameSent {
				set("same_sentence", 1)
			}
			switch n.paraDiff {
			case 0:
				set("same_paragraph", 1)
			case 1:
				set("previous_paragraph", 1)
			}
			if n.topic {
				set("paragraph_topic", 1)
			}
			if n.speechAdj {
				set("subject_of_speech_verb_nearby", 1)
			}
			if n.passive {
				set("spoken_of_in_a_passive", 1)
			}
			if n.onlyPron {
				set("only_pronoun_mentions_near", 1)
			}
			if n.aside {
				set("caption_or_heading_mention", 1)
			}
		}
		if mentions > 0 {
			set("log_article_mentions", math.Log1p(float64(mentions)))
		}
		if prev != "" && speaker == prev {
			set("previous_speaker", 1)
		}
		if w := text.Words(speaker); person && len(w) > 0 && surnames[w[len(w)-1]] > 1 {
			set("shares_surname_with_another", 1)
		}
		if pi := d.personIndex(speaker); pi >= 0 && mentionGender != people.Unknown &&
			d.ppl[pi].Gender != people.Unknown && d.ppl[pi].Gender != mentionGender {
			set("gender_conflicts_with_mention", 1)
		}
		if mw := text.Words(q.Mention); len(mw) > 0 && mentionKind(q.Mention) == "name" {
			for _, w := range text.Words(speaker) {
				if w == mw[len(mw)-1] {
					set("named_by_mention", 1)
				}
			}
		}
		mk := mentionKind(q.Mention)
		// "the council", "their union", "the report": a description of a
		// body, group or document refers to no single person
		if mk == "definite_description" && impersonalHead(q.Mention) {
			mk = "indefinite_description"
		}
		firm := proposed && ((mk == "name" || mk == "indefinite_description") && !inheritedRules[q.rule] || d.jointPeople(speaker))
		cs = append(cs, Candidate{Speaker: speaker, Mention: mention, Person: person, Values: v, Proposed: proposed, Firm: firm})
	}
	ps := make([]int, 0, len(near))
	for p := range near {
		ps = append(ps, p)
	}
	sort.Ints(ps)
	for _, p := range ps {
		n := near[p]
		add(d.ppl[p].Name, d.body[d.toks[n.tok].Start:d.toks[n.tok].End], true, n, d.ppl[p].Mentions)
	}
	for _, sp := range []string{q.Speaker, prev} {
		if sp == "" || sp == q.Speaker && proposedDone {
			continue
		}
		dup := false
		for _, c := range cs {
			dup = dup || c.Speaker == sp
		}
		if dup {
			continue
		}
		if pi := d.personIndex(sp); pi >= 0 {
			add(sp, q.Mention, true, nil, d.ppl[pi].Mentions)
		} else {
			add(sp, q.Mention, d.jointPeople(sp), nil, 0)
		}
	}
	// none of them
	v := make([]float64, len(FeatureNames))
	v[featureIndex["none"]] = 1
	if q.Speaker == "" {
		v[featureIndex["none_when_nothing_proposed"]] = 1
	}
	if q.Direct {
		v[featureIndex["none_direct"]] = 1
	}
	return append(cs, Candidate{Values: v})
}

// jointPeople reports whether speaker names several of the article's
// people speaking together ("Rosa Vega and Mark Olsen").
func (d *doc) jointPeople(speaker string) bool {
	parts := strings.Split(strings.ReplaceAll(speaker, ", ", " and "), " and ")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if d.personIndex(strings.TrimSpace(p)) < 0 {
			return false
		}
	}
	return true
}

// surnameCounts counts the article's people by the last word of their
// name. It is built once per article: rebuilding it for every quotation
// cost quotations × people on an article naming thousands.
func (d *doc) surnameCounts() map[string]int {
	if d.surnames == nil {
		d.surnames = map[string]int{}
		for _, p := range d.ppl {
			if w := text.Words(p.Name); len(w) > 0 {
				d.surnames[w[len(w)-1]]++
			}
		}
	}
	return d.surnames
}

// personIndex is the index of the first person called name, or -1: a
// map built once per article, as it is asked for every candidate.
func (d *doc) personIndex(name string) int {
	if d.byName == nil {
		d.byName = make(map[string]int, len(d.ppl))
		for i := len(d.ppl) - 1; i >= 0; i-- {
			d.byName[d.ppl[i].Name] = i
		}
	}
	if i, ok := d.byName[name]; ok {
		return i
	}
	return -1
}

// speechNear reports whether the mention at token k is next to a speech
// verb (within three tokens either way): its subject or inverted subject
// (active), or the one spoken of in a passive ("Cole was described as",
// "Cole is quoted by"), who is not the speaker.
func (d *doc) speechNear(k int) (active, passive bool) {
	if d.spokenFor(k) {
		return false, false // the intermediary speaks (rule spoken_for)
	}
	for j := max(0, k-3); j <= min(len(d.toks)-1, k+3); j++ {
		if j == k || !d.toks[j].Word || speechVerbs[d.lower(j)] == "" {
			continue
		}
		if j > k && j-1 > k && beForms[d.lower(j-1)] {
			passive = true
		} else {
			active = true
		}
	}
	return active, passive
}

// mentionKind classifies the words the rules read a speaker from: a name,
// a pronoun, a definite description ("the senator", "her lawyer": it
// refers back to someone the article has named), an indefinite one ("a
// spokesperson for the tenants", "officials": someone new), or none.
func mentionKind(m string) string {
	w := text.Words(m)
	switch {
	case len(w) == 0:
		return "none"
	case len(w) == 1 && pronounWords.Has(w[0]):
		return "pronoun"
	case capitalisedAfterFirst(m):
		return "name" // "the Harbour Trust statement": a description that names
	case determinerStart(w[0]):
		return "definite_description"
	case strings.ToLower(m) == m:
		return "indefinite_description"
	}
	return "name"
}

// impersonalHead reports a description headed by a body, group or
// document noun ("the council", "their union", "the report").
func impersonalHead(m string) bool {
	w := text.Words(m)
	if len(w) == 0 {
		return false
	}
	h := w[len(w)-1]
	return orgHeads[h] || groupWords.Has(h) || documentWords.Has(h)
}

// capitalisedAfterFirst reports a capitalised word after the first in m.
func capitalisedAfterFirst(m string) bool {
	fs := strings.Fields(m)
	for _, f := range fs[min(1, len(fs)):] {
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// determinerStart reports a definite determiner or possessive opening a
// description.
func determinerStart(w string) bool {
	return definiteWords.Has(w)
}

// intermediaryPhrase reports a speaker kept as a description of someone
// speaking for another (rule spoken_for): a lower-case intermediary noun
// in it, "a lawyer for Ann Lee", "Ann Lee's spokesman".
func intermediaryPhrase(speaker string) bool {
	f := strings.Fields(speaker)
	for i, w := range f {
		if !intermediaries[w] || i == 0 {
			continue
		}
		prev := f[i-1]
		if strings.HasSuffix(prev, "'s") || strings.HasSuffix(prev, "’s") || strings.HasSuffix(prev, "s'") {
			return true // "Ann Lee's lawyer"
		}
		if i+1 < len(f) && (f[i+1] == "for" || f[i+1] == "to") {
			return true // "a lawyer for Ann Lee"
		}
	}
	return false
}
