package quotes

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"newsbot/data/people"
	"newsbot/data/text"
)

// Gold is one annotated quotation of an evaluation set.
type Gold struct {
	Quote   string `json:"quote"`   // as it stands in the text; direct ones keep their marks
	Speaker string `json:"speaker"` // canonical speaker
	Mention string `json:"mention"`
	Verb    string `json:"verb"`
	Direct  bool   `json:"direct"`
}

// Scores counts what a comparison of quotations found; Add sums them over
// articles and the methods turn them into rates.
type Scores struct {
	GoldDirect, OursDirect, MatchedDirect, RightDirect         int
	GoldIndirect, OursIndirect, MatchedIndirect, RightIndirect int
}

// Add returns the sum of two Scores.
func (s Scores) Add(o Scores) Scores {
	return Scores{s.GoldDirect + o.GoldDirect, s.OursDirect + o.OursDirect, s.MatchedDirect + o.MatchedDirect,
		s.RightDirect + o.RightDirect, s.GoldIndirect + o.GoldIndirect, s.OursIndirect + o.OursIndirect,
		s.MatchedIndirect + o.MatchedIndirect, s.RightIndirect + o.RightIndirect}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// DirectPrecision is the share of our direct quotations that match a gold one.
func (s Scores) DirectPrecision() float64 { return ratio(s.MatchedDirect, s.OursDirect) }

// DirectRecall is the share of gold direct quotations we found.
func (s Scores) DirectRecall() float64 { return ratio(s.MatchedDirect, s.GoldDirect) }

// SpeakerAccuracy is the share of matched direct quotations with the right speaker.
func (s Scores) SpeakerAccuracy() float64 { return ratio(s.RightDirect, s.MatchedDirect) }

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

// Score compares our quotations of one article with the gold ones: direct
// with direct and indirect with indirect, each gold quotation matched to at
// most one of ours (best F1 first).
func Score(gold []Gold, ours []Quote) (Scores, []Miss) {
	var s Scores
	var misses []Miss
	for _, direct := range []bool{true, false} {
		var gi, oi []int
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
		matched, right := 0, 0
		for _, g := range gi {
			o, ok := gm[g]
			gg := gold[g]
			if !ok {
				misses = append(misses, Miss{Kind: kind("missed", direct), Gold: &gg})
				continue
			}
			matched++
			oo := ours[o]
			if SameSpeaker(gg.Speaker, oo.Speaker) {
				right++
			} else {
				misses = append(misses, Miss{Kind: kind("speaker", direct), Gold: &gg, Ours: &oo})
			}
		}
		if direct {
			for _, o := range oi {
				if !om[o] {
					oo := ours[o]
					misses = append(misses, Miss{Kind: "extra", Ours: &oo})
				}
			}
			s.GoldDirect, s.OursDirect, s.MatchedDirect, s.RightDirect = len(gi), len(oi), matched, right
		} else {
			s.GoldIndirect, s.OursIndirect, s.MatchedIndirect, s.RightIndirect = len(gi), len(oi), matched, right
		}
	}
	return s, misses
}

func kind(k string, direct bool) string {
	if direct {
		return k
	}
	return k + "-indirect"
}

// EvalArticle is one line of a quotes evaluation file (JSON lines, see
// ../shared/eval/README.md): an article's text and its gold quotations.
type EvalArticle struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Text   string `json:"text"`
	Quotes []Gold `json:"quotes"`
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
}

// Evaluate runs the whole analysis (sentences, people, quotations) on each
// article and scores it against its gold quotations.
func Evaluate(arts []EvalArticle) ([]EvalResult, Scores) {
	var total Scores
	out := make([]EvalResult, 0, len(arts))
	for _, a := range arts {
		sents := text.Sentences(a.Text)
		ppl := people.Find("", a.Text, sents)
		ours := Extract(a.Text, sents, ppl)
		s, m := Score(a.Quotes, ours)
		total = total.Add(s)
		out = append(out, EvalResult{ID: a.ID, Scores: s, Misses: m})
	}
	return out, total
}
