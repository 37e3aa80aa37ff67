// Package quoteeval scores quotation extraction and attribution against
// annotated articles (../shared/eval, see its README): the matching rule,
// speaker accuracy by surname and by full name, calibration of the
// attribution confidence and the precision–coverage curve. It is used by
// `bot eval quotes` and `bot train attribution` only; no answer depends on it.
package quoteeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"newsbot/data/article"
	"newsbot/data/corpus"
	"newsbot/data/quotes"
)

// Quote is the system's quotation, as data/quotes extracts it.
type Quote = quotes.Quote

// Gold is one annotated quotation of an evaluation set.
type Gold struct {
	Quote   string `json:"quote"`   // as it stands in the text; direct ones keep their marks
	Speaker string `json:"speaker"` // canonical speaker
	Mention string `json:"mention"`
	Verb    string `json:"verb"`
	Direct  bool   `json:"direct"`
	// Resolved says where a PolNeAR speaker comes from: "name" (the
	// mention names the speaker), "coref" (a pronoun or description resolved
	// by automatic coreference, wrong about 1 time in 6), "relative"; "" in
	// GGT.
	Resolved string `json:"resolved,omitempty"`
	// SpeakerType is PolNeAR's kind of speaker: "person", "org", "place"
	// or "other" (an untagged proper noun); "" in GGT.
	SpeakerType string `json:"speaker_type,omitempty"`
	// MentionBytes are the byte spans of the speaker's mention in the text
	// (PolNeAR only).
	MentionBytes [][2]int `json:"mention_bytes,omitempty"`
	Kind         string   `json:"kind,omitempty"` // other_attributions only
}

// Scores counts what a comparison of quotations found; Add sums them over
// articles and the methods turn them into rates.
type Scores struct {
	GoldDirect, OursDirect, MatchedDirect, RightDirect         int
	GoldIndirect, OursIndirect, MatchedIndirect, RightIndirect int
	// StrictDirect and StrictIndirect count matched quotations whose speaker
	// is right by full name (not only by surname): a relative with the same
	// surname is wrong here.
	StrictDirect, StrictIndirect int
	// OtherDirect counts our direct quotations that match no scored gold
	// quotation but match a direct attribution the annotators left
	// unscored (PolNeAR's other_attributions: the source names nobody, or
	// there is none). They are real quotations, counted wrong by the
	// official precision; DirectPrecisionWithOther does not count them.
	OtherDirect int
}

// Add returns the sum of two Scores.
func (s Scores) Add(o Scores) Scores {
	return Scores{s.GoldDirect + o.GoldDirect, s.OursDirect + o.OursDirect, s.MatchedDirect + o.MatchedDirect,
		s.RightDirect + o.RightDirect, s.GoldIndirect + o.GoldIndirect, s.OursIndirect + o.OursIndirect,
		s.MatchedIndirect + o.MatchedIndirect, s.RightIndirect + o.RightIndirect,
		s.StrictDirect + o.StrictDirect, s.StrictIndirect + o.StrictIndirect, s.OtherDirect + o.OtherDirect}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// DirectPrecision is the share of our direct quotations that match a gold one.
func (s Scores) DirectPrecision() float64 { return ratio(s.MatchedDirect, s.OursDirect) }

// DirectPrecisionWithOther is the share of our direct quotations that
// match a scored gold quotation or an unscored direct attribution
// (OtherDirect). It is not the official figure (DirectPrecision is): it
// says how much of the official shortfall is quotations the gold file
// holds apart rather than quotations that are not there.
func (s Scores) DirectPrecisionWithOther() float64 {
	return ratio(s.MatchedDirect+s.OtherDirect, s.OursDirect)
}

// DirectRecall is the share of gold direct quotations we found.
func (s Scores) DirectRecall() float64 { return ratio(s.MatchedDirect, s.GoldDirect) }

// SpeakerAccuracy is the share of matched direct quotations with the right speaker.
func (s Scores) SpeakerAccuracy() float64 { return ratio(s.RightDirect, s.MatchedDirect) }

// StrictAccuracy is the share of matched direct quotations whose speaker is
// right by full name.
func (s Scores) StrictAccuracy() float64 { return ratio(s.StrictDirect, s.MatchedDirect) }

// StrictIndirectAccuracy is StrictAccuracy for indirect quotations.
func (s Scores) StrictIndirectAccuracy() float64 { return ratio(s.StrictIndirect, s.MatchedIndirect) }

// EndToEnd is the share of gold direct quotations found with the right speaker.
func (s Scores) EndToEnd() float64 { return ratio(s.RightDirect, s.GoldDirect) }

// IndirectRecall is the share of gold indirect quotations we found.
func (s Scores) IndirectRecall() float64 { return ratio(s.MatchedIndirect, s.GoldIndirect) }

// IndirectSpeakerAccuracy is the share of matched indirect quotations with the right speaker.
func (s Scores) IndirectSpeakerAccuracy() float64 { return ratio(s.RightIndirect, s.MatchedIndirect) }

// Errors counts what went wrong: gold direct quotations not found with the
// right speaker, plus our direct quotations that match none.
func (s Scores) Errors() int {
	return s.GoldDirect - s.RightDirect + s.OursDirect - s.MatchedDirect
}

// Miss is one error, for study: a gold quotation missed or misattributed,
// or one of ours that matches nothing.
type Miss struct {
	Kind string // "missed", "speaker", "extra", "missed-indirect", "speaker-indirect"
	Gold *Gold
	Ours *Quote
}

// NormWords normalises text as the evaluation does: curly quotes made
// straight, lower case, every run of characters outside [a-z0-9] a space.
func NormWords(s string) []string {
	s = strings.ToLower(s)
	return strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

// TokenF1 is the F1 of the token multisets of a and b.
func TokenF1(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p := float64(common) / float64(len(b))
	r := float64(common) / float64(len(a))
	return 2 * p * r / (p + r)
}

// insideMarks returns the part of a gold quotation between its first and
// last double quotation marks ("" when it has none).
func insideMarks(s string) string {
	s = strings.NewReplacer("“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"").Replace(s)
	i := strings.IndexByte(s, '"')
	j := strings.LastIndexByte(s, '"')
	if i < 0 {
		return ""
	}
	if j <= i {
		return s[i+1:]
	}
	return s[i+1 : j]
}

// MatchF1 is how well a system quotation matches a gold one: token F1
// against the whole gold quotation or its part inside quotation marks,
// whichever is higher. A match needs at least 0.5.
func MatchF1(gold, ours string) float64 {
	o := NormWords(ours)
	f := TokenF1(NormWords(gold), o)
	if in := insideMarks(gold); in != "" {
		if g := TokenF1(NormWords(in), o); g > f {
			f = g
		}
	}
	return f
}

var speakerTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true,
	"lord": true, "lady": true, "sir": true, "dame": true, "prof": true, "professor": true, "rev": true,
	"jr": true, "sr": true}

// SameSpeaker reports whether two speaker names are the same as the
// evaluation counts it: equal once normalised, or equal surnames (last
// words, titles dropped).
func SameSpeaker(a, b string) bool {
	wa, wb := NormWords(a), NormWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	if strings.Join(wa, " ") == strings.Join(wb, " ") {
		return true
	}
	last := func(w []string) string {
		for i := len(w) - 1; i >= 0; i-- {
			if !speakerTitles[w[i]] {
				return w[i]
			}
		}
		return ""
	}
	la, lb := last(wa), last(wb)
	return la != "" && la == lb
}

// SameFullName reports whether two speaker names are the same person by
// the strict rule: the surname rule holds and the other words of the two
// names, where both have some, share at least one ("Ann Ortiz" is "Ms. Ann
// Ortiz", "Ann M. Ortiz" and "Ortiz"; "Tom Ortiz", a relative, is not).
// Gold names in the evaluation sets come with and without given names and
// with titles and places ("Sen. Ann Ortiz"), so a missing given name is no
// conflict; two different ones are.
func SameFullName(a, b string) bool {
	if !SameSpeaker(a, b) {
		return false
	}
	given := func(s string) map[string]bool {
		w := NormWords(s)
		out := map[string]bool{}
		for i := 0; i < len(w)-1; i++ {
			if !speakerTitles[w[i]] && len(w[i]) > 1 {
				out[w[i]] = true
			}
		}
		return out
	}
	ga, gb := given(a), given(b)
	if len(ga) == 0 || len(gb) == 0 {
		return true
	}
	for w := range ga {
		if gb[w] {
			return true
		}
	}
	return false
}

// Judged is one matched quotation's attribution as scored: how sure the
// system was and whether it was right, for calibration and the
// precision–coverage curve.
type Judged struct {
	Confidence float64
	Right      bool // by the surname rule
	Strict     bool // by full name
	Direct     bool
	Resolved   string // the gold's "resolved" field ("" in GGT)
	// SpeakerType is the gold's speaker_type (PolNeAR: person, org,
	// place, other; "" in GGT).
	SpeakerType string
	Kind        string // the error kind when wrong (see ErrorKind), "" when right
}

// Score compares our quotations of one article with the gold ones: direct
// with direct and indirect with indirect, each gold quotation matched to at
// most one of ours (best F1 first).
func Score(gold []Gold, ours []Quote) (Scores, []Miss) {
	s, m, _ := score(gold, nil, ours)
	return s, m
}

// score compares as Score does; other are the attributions held apart
// from scoring (EvalArticle.Other), which only fill Scores.OtherDirect.
func score(gold, other []Gold, ours []Quote) (Scores, []Miss, []Judged) {
	var s Scores
	var misses []Miss
	var judged []Judged
	for _, direct := range []bool{true, false} {
		gi, oi := ofKind(gold, ours, direct)
		gm := pairUp(gi, oi, gold, ours)
		om := map[int]bool{} // ours that matched a gold quotation
		for _, o := range gm {
			om[o] = true
		}
		matched, right, strict := 0, 0, 0
		for _, g := range gi {
			o, ok := gm[g]
			gg := gold[g]
			if !ok {
				misses = append(misses, Miss{Kind: kind("missed", direct), Gold: &gg})
				continue
			}
			matched++
			oo := ours[o]
			j := Judged{Confidence: oo.Confidence, Direct: direct, Resolved: gg.Resolved, SpeakerType: gg.SpeakerType,
				Right: SameSpeaker(gg.Speaker, oo.Speaker), Strict: SameFullName(gg.Speaker, oo.Speaker)}
			if j.Strict {
				strict++
			}
			if j.Right {
				right++
			} else {
				j.Kind = ErrorKind(gg, oo)
				misses = append(misses, Miss{Kind: kind("speaker", direct), Gold: &gg, Ours: &oo})
			}
			judged = append(judged, j)
		}
		if direct {
			var extra []int
			for _, o := range oi {
				if !om[o] {
					extra = append(extra, o)
					oo := ours[o]
					misses = append(misses, Miss{Kind: "extra", Ours: &oo})
				}
			}
			// extras that are quotations the gold holds apart
			var oth []int
			for i, g := range other {
				if g.Direct && g.Kind != "title" {
					oth = append(oth, i)
				}
			}
			s.OtherDirect = len(pairUp(oth, extra, other, ours))
			s.GoldDirect, s.OursDirect, s.MatchedDirect, s.RightDirect, s.StrictDirect = len(gi), len(oi), matched, right, strict
		} else {
			s.GoldIndirect, s.OursIndirect, s.MatchedIndirect, s.RightIndirect, s.StrictIndirect = len(gi), len(oi), matched, right, strict
		}
	}
	return s, misses, judged
}

func kind(k string, direct bool) string {
	if direct {
		return k
	}
	return k + "-indirect"
}

// pronouns that stand for a speaker in a mention.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "i": true, "we": true,
	"him": true, "her": true, "them": true, "his": true, "their": true, "its": true}

// ErrorKind names why a matched quotation got the wrong speaker, by what
// the system chose: "unknown" (no speaker), "pronoun" (a pronoun resolved
// to the wrong person), "inherited" (no attribution of its own: the
// previous speaker or subject), "description" (a role or description kept
// or resolved wrongly), "name" (a named mention, the wrong person).
func ErrorKind(g Gold, o Quote) string {
	switch {
	case strings.TrimSpace(o.Speaker) == "":
		return "unknown"
	case o.Mention == "" && o.Verb == "":
		return "inherited"
	}
	w := NormWords(o.Mention)
	switch {
	case len(w) == 1 && pronouns[w[0]]:
		return "pronoun"
	case o.Mention != "" && strings.ToLower(o.Mention[:1]) == o.Mention[:1]:
		return "description"
	}
	return "name"
}

// EvalArticle is one line of a quotes evaluation file (JSON lines, see
// ../shared/eval/README.md): an article's text and its gold quotations.
type EvalArticle struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Text   string `json:"text"`
	Quotes []Gold `json:"quotes"`
	// Other are PolNeAR's attributions left out of Quotes, with a Kind
	// ("unresolved": the source is a description, group or pronoun that
	// names nobody; "no_source"; "title"). Training reads the unresolved
	// ones, so that a speaker kept as written ("the campaign") is not
	// learnt to be always wrong; scoring ignores them.
	Other []Gold `json:"other_attributions,omitempty"`
}

// ReadEvalSet reads a JSON-lines evaluation file; name is used in errors.
func ReadEvalSet(r io.Reader, name string) ([]EvalArticle, error) {
	var out []EvalArticle
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var a EvalArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// EvalResult is the comparison for one evaluation article.
type EvalResult struct {
	ID     string
	Scores Scores
	Misses []Miss
	Judged []Judged
}

// Analyse runs the whole analysis an article gets when it is loaded
// (corpus.Analyze: sentences, people, quotations, then the entity step that
// rewrites speakers to canonical organisations, issuers of documents and
// places) on one text, and returns the quotations as users see them.
func Analyse(body string) []Quote {
	return corpus.Analyze(article.Article{Body: body}).Quotes
}

// Evaluate runs the whole analysis on each article and scores it against
// its gold quotations.
func Evaluate(arts []EvalArticle) ([]EvalResult, Scores) {
	var total Scores
	out := make([]EvalResult, 0, len(arts))
	for _, a := range arts {
		s, m, j := score(a.Quotes, a.Other, Analyse(a.Text))
		total = total.Add(s)
		out = append(out, EvalResult{ID: a.ID, Scores: s, Misses: m, Judged: j})
	}
	return out, total
}

// AllJudged gathers the judged attributions of every result.
func AllJudged(rs []EvalResult) []Judged {
	var out []Judged
	for _, r := range rs {
		out = append(out, r.Judged...)
	}
	return out
}

// ECE is the expected calibration error of the confidences over bins
// equal-width bins: the mean, weighted by bin size, of |accuracy −
// mean confidence| in each bin. 0 is perfectly calibrated.
func ECE(js []Judged, bins int) float64 {
	if len(js) == 0 || bins <= 0 {
		return 0
	}
	n := make([]int, bins)
	conf := make([]float64, bins)
	right := make([]int, bins)
	for _, j := range js {
		b := int(j.Confidence * float64(bins))
		b = max(0, min(b, bins-1))
		n[b]++
		conf[b] += j.Confidence
		if j.Right {
			right[b]++
		}
	}
	e := 0.0
	for b := range n {
		if n[b] == 0 {
			continue
		}
		d := float64(right[b])/float64(n[b]) - conf[b]/float64(n[b])
		if d < 0 {
			d = -d
		}
		e += float64(n[b]) / float64(len(js)) * d
	}
	return e
}

// Point is one point of the precision–coverage curve: of the attributions
// with a confidence of at least Threshold, the share that are right
// (Precision) and their share of all (Coverage).
type Point struct {
	Threshold, Precision, Coverage float64
	N                              int
}

// At is the curve's point at one threshold.
func At(js []Judged, t float64) Point {
	p := Point{Threshold: t}
	right := 0
	for _, j := range js {
		if j.Confidence >= t {
			p.N++
			if j.Right {
				right++
			}
		}
	}
	p.Precision = ratio(right, p.N)
	p.Coverage = ratio(p.N, len(js))
	return p
}

// Curve is the precision–coverage curve at the given thresholds.
func Curve(js []Judged, thresholds []float64) []Point {
	out := make([]Point, len(thresholds))
	for i, t := range thresholds {
		out[i] = At(js, t)
	}
	return out
}

// Threshold returns the lowest confidence threshold at which the
// attributions above it are right at least a share prec of the time, with at
// least minN of them (1.01 when none is).
func Threshold(js []Judged, prec float64, minN int) float64 {
	sorted := append([]Judged(nil), js...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a].Confidence > sorted[b].Confidence })
	best := 1.01
	right := 0
	for i, j := range sorted {
		if j.Right {
			right++
		}
		// only between distinct confidences can a threshold fall
		if i+1 < len(sorted) && sorted[i+1].Confidence == j.Confidence {
			continue
		}
		if i+1 >= minN && float64(right)/float64(i+1) >= prec {
			best = j.Confidence
		}
	}
	return best
}

// pairUp matches gold quotations gi with ours oi, best token-F1 first, each
// at most once, keeping pairs with F1 ≥ 0.5: gold index → our index. The
// scorer and the trainer's labels use the same matching.
func pairUp(gi, oi []int, gold []Gold, ours []Quote) map[int]int {
	type pair struct {
		g, o int
		f    float64
	}
	var pairs []pair
	for _, g := range gi {
		for _, o := range oi {
			if f := MatchF1(gold[g].Quote, ours[o].Text); f >= 0.5 {
				pairs = append(pairs, pair{g, o, f})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].f > pairs[j].f })
	gm, om := map[int]int{}, map[int]bool{}
	for _, p := range pairs {
		if _, ok := gm[p.g]; ok || om[p.o] {
			continue
		}
		gm[p.g] = p.o
		om[p.o] = true
	}
	return gm
}

// ofKind returns the indexes of the gold quotations and of ours that are
// direct (or indirect): the two kinds are matched and scored apart.
func ofKind(gold []Gold, ours []Quote, direct bool) (gi, oi []int) {
	for i, g := range gold {
		if g.Direct == direct {
			gi = append(gi, i)
		}
	}
	for i, q := range ours {
		if q.Direct == direct {
			oi = append(oi, i)
		}
	}
	return gi, oi
}
