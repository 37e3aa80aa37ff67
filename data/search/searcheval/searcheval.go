// Package searcheval measures /who-said retrieval on a corpus: queries made
// from the corpus's own quotations (3–8 word fragments) with one
// perturbation each (package perturb), and fragments that are in no
// quotation at all, which must not get a confident answer.
//
// Fragments are taken only when they identify their quotation: their words
// occur in one distinct quotation text. A fragment that several different
// quotations share ("I was just") asks for none of them in particular, and
// neither does one made only of function words ("why are you",
// text.IsFunctionWord), which search never answers confidently: such a
// query is in nearly every text of a large archive.
//
// Absent fragments are kept only when they are more than one word-level
// edit (a word added, dropped or replaced) from every quotation: one edit
// away is what the perturbed kinds ask to find.
//
// A hit is right when its quotation contains the fragment's original words
// in order (judged on folded words, not on IDs, so that a quotation repeated
// in two articles counts either way).
package searcheval

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"newsbot/data/corpus"
	"newsbot/data/search/perturb"
	"newsbot/data/text"
)

// Config sets the size and seed of a run.
type Config struct {
	Seed    uint64 // same seed, same queries
	PerKind int    // queries per kind; 0 means 300
	Limit   int    // hits asked for (MRR@Limit); 0 means 25
}

// KindStats is the outcome for one kind of query.
type KindStats struct {
	Kind      string  `json:"kind"`
	N         int     `json:"n"`
	Top1      float64 `json:"top1"`       // first hit right and confident (Score ≥ corpus.Confident)
	Rank1     float64 `json:"rank1"`      // first hit right, whatever its score
	MRR       float64 `json:"mrr"`        // mean reciprocal rank of the first right hit within Limit
	Confident float64 `json:"confident"`  // share answered confidently (for absent kinds: false positives)
	MeanScore float64 `json:"mean_score"` // mean score of the first hit
	Ambiguous int     `json:"ambiguous"`  // fragments passed over: in several different quotations
	// FunctionOnly counts fragments passed over because all their words
	// are function words.
	FunctionOnly int `json:"function_only"`
}

// Report is the outcome of a run.
type Report struct {
	Articles int           `json:"articles"`
	Quotes   int           `json:"quotes"`
	Seed     uint64        `json:"seed"`
	Limit    int           `json:"limit"`
	Kinds    []KindStats   `json:"kinds"`  // perturbed fragments of quotations
	Absent   []KindStats   `json:"absent"` // fragments in no quotation
	AbsentFP float64       `json:"absent_fp"`
	P50, P99 time.Duration `json:"-"`
	P50ms    float64       `json:"p50_ms"`
	// Autocomplete: fragments typed one character at a time into
	// SuggestQuotes. Found is the share whose quotation is first by the
	// end of the fragment; Typed the mean share of its characters typed
	// when it first comes first (over those found).
	//
	// TypoN queries stop inside a word of at least 6 letters that holds
	// a typo (one of the four kinds, within the letters typed, at least 5
	// of them): TypoFound is the share whose quotation comes first,
	// CleanFound the same for the same queries without the typo.
	Complete struct {
		N          int     `json:"n"`
		Found      float64 `json:"found"`
		Typed      float64 `json:"typed"`
		P99ms      float64 `json:"p99_ms"` // per keystroke
		TypoN      int     `json:"typo_n"`
		TypoFound  float64 `json:"typo_found"`
		CleanFound float64 `json:"clean_found"`
	} `json:"complete"`
	// Titles and People: FindArticle on 2–4 words of a title and
	// FindPerson on a surname or full name, half of them with a typo.
	Titles    Lookup    `json:"titles"`
	People    Lookup    `json:"people"`
	P99ms     float64   `json:"p99_ms"`
	MaxScores []float64 `json:"-"`
}

// Lookup is the outcome of title or name look-ups.
type Lookup struct {
	N     int     `json:"n"`
	Top1  float64 `json:"top1"`  // right and confident
	Rank1 float64 `json:"rank1"` // right first
}

// Absent kinds.
const (
	AbsentVocabulary = "absent-vocabulary" // words of the corpus, frequency-weighted, in random order
	AbsentNarration  = "absent-narration"  // fragments of sentences that hold no quotation
	AbsentReversed   = "absent-reversed"   // a quotation's fragment (5–8 words) in reverse order
)

// ErrNoQuotes means the corpus has no quotation to make queries from.
var ErrNoQuotes = errors.New("no quotations of three words or more in the corpus")

type quoteRef struct {
	doc   *corpus.Doc
	text  string
	words []string // folded
}

// Run measures c.WhoSaid, SuggestQuotes, FindArticle and FindPerson.
func Run(c *corpus.Corpus, cfg Config) (Report, error) {
	if cfg.PerKind <= 0 {
		cfg.PerKind = 300
	}
	if cfg.Limit <= 0 {
		cfg.Limit = 25
	}
	rep := Report{Articles: len(c.Docs), Quotes: c.QuoteCount(), Seed: cfg.Seed, Limit: cfg.Limit}
	e := newEnv(c, cfg)
	if len(e.quotes) == 0 {
		return rep, ErrNoQuotes
	}
	rep.Kinds = e.perturbed()
	e.complete(&rep)
	e.completeTypo(&rep)
	rep.Titles = e.titles()
	rep.People = e.people()
	rep.Absent, rep.AbsentFP = e.absent()
	slices.Sort(e.lat)
	if len(e.lat) > 0 {
		rep.P50 = e.lat[len(e.lat)/2]
		rep.P99 = e.lat[min(len(e.lat)-1, len(e.lat)*99/100)]
		rep.P50ms = float64(rep.P50.Microseconds()) / 1000
		rep.P99ms = float64(rep.P99.Microseconds()) / 1000
	}
	return rep, nil
}

// env is what the measures share: the corpus, the quotations queries are
// made from, and the who-said latencies recorded so far.
type env struct {
	c          *corpus.Corpus
	cfg        Config
	quotes     []quoteRef
	texts      [][]string // distinct quotation texts, folded words
	near       nearIndex
	bodyTokens [][]string // per doc, whitespace tokens of the body
	extra      []string   // words sampled from the bodies, for perturbations
	lat        []time.Duration
}

func newEnv(c *corpus.Corpus, cfg Config) *env {
	e := &env{c: c, cfg: cfg}
	for _, d := range c.Docs {
		e.bodyTokens = append(e.bodyTokens, strings.Fields(d.Body))
		for _, q := range d.Quotes {
			if ws := text.Words(q.Text); len(ws) >= 3 && len(strings.Fields(q.Text)) >= 3 {
				e.quotes = append(e.quotes, quoteRef{d, q.Text, ws})
			}
		}
	}
	if len(e.quotes) == 0 {
		return e
	}
	distinct := map[string]bool{}
	for _, q := range e.quotes {
		key := strings.Join(q.words, " ")
		if !distinct[key] {
			distinct[key] = true
			e.texts = append(e.texts, q.words)
		}
	}
	e.near = newNearIndex(e.texts, 9)
	r := rand.New(rand.NewPCG(cfg.Seed, 99))
	for range 2000 {
		e.extra = append(e.extra, e.sampleWord(r))
	}
	return e
}

// identifies tells whether a fragment is in one quotation only (identical
// texts count once): a remembered fragment that several different
// quotations share ("I was just", "to make") names none of them, so it
// makes no query.
func (e *env) identifies(frag []string) bool {
	n := 0
	for _, ws := range e.texts {
		if containsSeq(ws, frag) {
			if n++; n > 1 {
				return false
			}
		}
	}
	return n == 1
}

// sampleWord draws a word weighted by its frequency in the article bodies.
func (e *env) sampleWord(r *rand.Rand) string {
	for range 100 {
		toks := e.bodyTokens[r.IntN(len(e.bodyTokens))]
		if len(toks) == 0 {
			continue
		}
		w := strings.Trim(toks[r.IntN(len(toks))], `.,;:!?"“”‘’'()[]`)
		if text.Words(w) != nil {
			return w
		}
	}
	return "really"
}

// ask runs one who-said query and records its latency.
func (e *env) ask(q string) []corpus.QuoteHit {
	t0 := time.Now()
	hs := e.c.WhoSaid(q, e.cfg.Limit)
	e.lat = append(e.lat, time.Since(t0))
	return hs
}

// typos are the kinds of typo the look-up measures make.
var typos = []perturb.Kind{perturb.Substitution, perturb.Deletion, perturb.Insertion, perturb.Transposition}

// perturbed measures who-said on perturbed fragments of quotations, one
// KindStats per kind of perturbation.
func (e *env) perturbed() []KindStats {
	cfg, quotes, identifies, ask, extra := e.cfg, e.quotes, e.identifies, e.ask, e.extra
	var out []KindStats
	kinds := append(slices.Clone(perturb.Single), perturb.Mixed)
	for ki, kind := range kinds {
		r := rand.New(rand.NewPCG(cfg.Seed, uint64(ki)+1))
		st := KindStats{Kind: string(kind)}
		// Word-dropping kinds start from 4 words, so that every query
		// keeps at least 3.
		minWords := 3
		if kind == perturb.DropWord || kind == perturb.Mixed {
			minWords = 4
		}
		for tries := 0; st.N < cfg.PerKind && tries < 50*cfg.PerKind; tries++ {
			q := quotes[r.IntN(len(quotes))]
			toks := strings.Fields(q.text)
			if len(toks) < minWords {
				continue
			}
			k := minWords + r.IntN(min(8, len(toks))-minWords+1)
			at := r.IntN(len(toks) - k + 1)
			frag := toks[at : at+k]
			want := text.Words(strings.Join(frag, " "))
			if len(want) < minWords || !identifies(want) {
				st.Ambiguous++
				continue
			}
			if functionOnly(want) {
				st.FunctionOnly++
				continue
			}
			query := perturb.Apply(kind, frag, r, extra)
			if functionOnly(text.Words(query)) {
				// the perturbation dropped the only content word
				st.FunctionOnly++
				continue
			}
			hs := ask(query)
			st.N++
			rank := 0
			for i, h := range hs {
				if containsSeq(text.Words(h.Quote.Text), want) {
					rank = i + 1
					break
				}
			}
			conf := len(hs) > 0 && hs[0].Score >= corpus.Confident
			if rank == 1 {
				st.Rank1++
				if conf {
					st.Top1++
				}
			}
			if rank > 0 {
				st.MRR += 1 / float64(rank)
			}
			if conf {
				st.Confident++
			}
			if len(hs) > 0 {
				st.MeanScore += hs[0].Score
			}
		}
		out = append(out, st.normalise())
	}

	return out
}

// complete measures autocomplete, keystroke by keystroke, into
// rep.Complete.
func (e *env) complete(rep *Report) {
	c, cfg, quotes, identifies := e.c, e.cfg, e.quotes, e.identifies
	r := rand.New(rand.NewPCG(cfg.Seed, 500))
	var keys []time.Duration
	found, typed := 0, 0.0
	n := max(1, cfg.PerKind/3)
	for tries := 0; rep.Complete.N < n && tries < 50*n; tries++ {
		q := quotes[r.IntN(len(quotes))]
		toks := strings.Fields(q.text)
		if len(toks) < 3 {
			continue
		}
		k := 3 + r.IntN(min(8, len(toks))-2)
		at := r.IntN(len(toks) - k + 1)
		frag := toks[at : at+k]
		want := text.Words(strings.Join(frag, " "))
		if !identifies(want) {
			continue
		}
		rep.Complete.N++
		typedText := strings.Join(frag, " ")
		var ends []int // after each character
		for i := range typedText {
			if i > 0 {
				ends = append(ends, i)
			}
		}
		for _, i := range append(ends, len(typedText)) {
			t0 := time.Now()
			hs := c.SuggestQuotes(typedText[:i], 25)
			keys = append(keys, time.Since(t0))
			if len(hs) > 0 && containsSeq(text.Words(hs[0].Quote.Text), want) {
				found++
				typed += float64(i) / float64(len(typedText))
				break
			}
		}
	}
	if rep.Complete.N > 0 {
		rep.Complete.Found = float64(found) / float64(rep.Complete.N)
	}
	if found > 0 {
		rep.Complete.Typed = typed / float64(found)
	}
	slices.Sort(keys)
	if len(keys) > 0 {
		rep.Complete.P99ms = float64(keys[min(len(keys)-1, len(keys)*99/100)].Microseconds()) / 1000
	}
}

// completeTypo measures autocomplete with a typo in the word being typed
// (the words before it, then the mistyped word cut after the typo) into
// rep.Complete.
func (e *env) completeTypo(rep *Report) {
	c, cfg, quotes, identifies := e.c, e.cfg, e.quotes, e.identifies
	r := rand.New(rand.NewPCG(cfg.Seed, 501))
	n := max(1, cfg.PerKind/3)
	top := func(query string, want []string) bool {
		hs := c.SuggestQuotes(query, cfg.Limit)
		return len(hs) > 0 && containsSeq(text.Words(hs[0].Quote.Text), want)
	}
	var typoFound, cleanFound int
	for tries := 0; rep.Complete.TypoN < n && tries < 50*n; tries++ {
		q := quotes[r.IntN(len(quotes))]
		toks := strings.Fields(q.text)
		if len(toks) < 3 {
			continue
		}
		k := 3 + r.IntN(min(8, len(toks))-2)
		at := r.IntN(len(toks) - k + 1)
		frag := toks[at : at+k]
		var long []int // words after the first with one folded word of 6+ letters
		for i := 1; i < len(frag); i++ {
			if ws := text.Words(frag[i]); len(ws) == 1 && utf8.RuneCountInString(ws[0]) >= 6 {
				long = append(long, i)
			}
		}
		if len(long) == 0 {
			continue
		}
		i := long[r.IntN(len(long))]
		want := text.Words(strings.Join(frag[:i+1], " "))
		if !identifies(want) || functionOnly(want) {
			continue
		}
		word := []rune(text.Words(frag[i])[0])
		typo := []rune(perturb.Typo(typos[r.IntN(len(typos))], string(word), r))
		d := 0 // first rune that differs
		for d < len(word) && d < len(typo) && word[d] == typo[d] {
			d++
		}
		lo, hi := max(5, d+1), min(len(typo), len(word))-1
		if d == len(word) || lo > hi {
			continue // no cut holds the typo and leaves the word unfinished
		}
		cut := lo + r.IntN(hi-lo+1)
		before := strings.Join(frag[:i], " ") + " "
		rep.Complete.TypoN++
		if top(before+string(typo[:cut]), want) {
			typoFound++
		}
		if top(before+string(word[:cut]), want) {
			cleanFound++
		}
	}
	if rep.Complete.TypoN > 0 {
		rep.Complete.TypoFound = float64(typoFound) / float64(rep.Complete.TypoN)
		rep.Complete.CleanFound = float64(cleanFound) / float64(rep.Complete.TypoN)
	}
}

// withTypo returns ws with, half of the time, a typo in one word of four
// letters or more.
func withTypo(ws []string, r *rand.Rand) []string {
	ws = slices.Clone(ws)
	if r.IntN(2) == 0 {
		var long []int
		for i, w := range ws {
			if len([]rune(w)) >= 4 {
				long = append(long, i)
			}
		}
		if len(long) > 0 {
			i := long[r.IntN(len(long))]
			ws[i] = perturb.Typo(typos[r.IntN(len(typos))], ws[i], r)
		}
	}
	return ws
}

// titles measures FindArticle on 2–4 words of a title, half of them with a
// typo.
func (e *env) titles() Lookup {
	c, cfg := e.c, e.cfg
	var l Lookup
	r := rand.New(rand.NewPCG(cfg.Seed, 600))
	var titled []*corpus.Doc
	for _, d := range c.Docs {
		if d.Title != "" && d.Title != d.ID && len(strings.Fields(d.Title)) >= 2 {
			titled = append(titled, d)
		}
	}
	for i := 0; len(titled) > 0 && i < cfg.PerKind; i++ {
		d := titled[r.IntN(len(titled))]
		ws := strings.Fields(d.Title)
		k := min(len(ws), 2+r.IntN(3))
		at := r.IntN(len(ws) - k + 1)
		hs := c.FindArticle(strings.Join(withTypo(ws[at:at+k], r), " "), cfg.Limit)
		l.N++
		if len(hs) > 0 && hs[0].Doc.Title == d.Title {
			l.Rank1++
			if hs[0].Score >= corpus.Confident {
				l.Top1++
			}
		}
	}
	l.normalise()
	return l
}

// people measures FindPerson on a surname or full name, half of them with
// a typo.
func (e *env) people() Lookup {
	c, cfg := e.c, e.cfg
	var l Lookup
	r := rand.New(rand.NewPCG(cfg.Seed, 700))
	surnames := map[string]map[string]bool{} // folded surname → canonical names
	var names []string
	for _, d := range c.Docs {
		for _, p := range d.People {
			ws := text.Words(p.Name)
			if len(ws) < 2 {
				continue
			}
			sn := ws[len(ws)-1]
			if surnames[sn] == nil {
				surnames[sn] = map[string]bool{}
			}
			if !surnames[sn][p.Name] {
				surnames[sn][p.Name] = true
				names = append(names, p.Name)
			}
		}
	}
	for i := 0; len(names) > 0 && i < cfg.PerKind; i++ {
		name := names[r.IntN(len(names))]
		ws := strings.Fields(name)
		if r.IntN(2) == 0 {
			if sn := text.Words(name); len(surnames[sn[len(sn)-1]]) == 1 {
				ws = ws[len(ws)-1:] // the surname alone, when it names one person
			}
		}
		hs := c.FindPerson(strings.Join(withTypo(ws, r), " "), cfg.Limit)
		l.N++
		if len(hs) > 0 && hs[0].Name == name {
			l.Rank1++
			if hs[0].Score >= corpus.Confident {
				l.Top1++
			}
		}
	}
	l.normalise()
	return l
}

// absent measures who-said on fragments in no quotation, one KindStats per
// kind, and the share of them answered confidently (false positives).
func (e *env) absent() ([]KindStats, float64) {
	c, quotes, cfg, ask, sampleWord, inAnyQuote := e.c, e.quotes, e.cfg, e.ask, e.sampleWord, e.near.near
	var out []KindStats
	// Fragments in no quotation.
	var narration [][]string // sentences with no quotation in or around them
	for _, d := range c.Docs {
		for _, s := range d.Sentences {
			if strings.ContainsAny(s.Text, `"“”«»`) || overlapsQuote(d, s.Start, s.End) {
				continue
			}
			if toks := strings.Fields(s.Text); len(toks) >= 5 {
				narration = append(narration, toks)
			}
		}
	}
	makers := []struct {
		kind string
		make func(r *rand.Rand) []string
	}{
		{AbsentVocabulary, func(r *rand.Rand) []string {
			ws := make([]string, 3+r.IntN(6))
			for i := range ws {
				ws[i] = sampleWord(r)
			}
			return ws
		}},
		{AbsentNarration, func(r *rand.Rand) []string {
			if len(narration) == 0 {
				return nil
			}
			toks := narration[r.IntN(len(narration))]
			k := 3 + r.IntN(min(8, len(toks))-2)
			at := r.IntN(len(toks) - k + 1)
			return toks[at : at+k]
		}},
		{AbsentReversed, func(r *rand.Rand) []string {
			q := quotes[r.IntN(len(quotes))]
			toks := strings.Fields(q.text)
			if len(toks) < 5 {
				return nil
			}
			k := 5 + r.IntN(min(8, len(toks))-4)
			at := r.IntN(len(toks) - k + 1)
			frag := slices.Clone(toks[at : at+k])
			slices.Reverse(frag)
			return frag
		}},
	}
	var fp, nAbsent float64
	for mi, m := range makers {
		r := rand.New(rand.NewPCG(cfg.Seed, 1000+uint64(mi)))
		st := KindStats{Kind: m.kind}
		for tries := 0; st.N < cfg.PerKind && tries < 20*cfg.PerKind; tries++ {
			frag := m.make(r)
			if len(frag) == 0 || inAnyQuote(text.Words(strings.Join(frag, " "))) {
				continue // in a quotation, or one word-level edit from one
			}
			hs := ask(strings.Join(frag, " "))
			st.N++
			if len(hs) > 0 {
				st.MeanScore += hs[0].Score
				if hs[0].Score >= corpus.Confident {
					st.Confident++
				}
			}
		}
		fp += st.Confident
		nAbsent += float64(st.N)
		out = append(out, st.normalise())
	}
	if nAbsent > 0 {
		return out, fp / nAbsent
	}
	return out, 0
}

// nearIndex tells whether a word sequence is in a quotation or one
// word-level edit away from one (a word added, dropped or replaced): such a
// fragment is what the perturbed kinds ask to find, so it cannot count as
// absent. It is a symmetric deletion index over word sequences: the hashes
// of every quotation window and of every window with one word deleted.
type nearIndex struct{ seqs map[uint64]bool }

func newNearIndex(texts [][]string, maxLen int) nearIndex {
	ix := nearIndex{seqs: map[uint64]bool{}}
	for _, ws := range texts {
		for n := 1; n <= maxLen; n++ {
			for i := 0; i+n <= len(ws); i++ {
				win := ws[i : i+n]
				ix.seqs[seqHash(win, -1)] = true
				for d := range win {
					ix.seqs[seqHash(win, d)] = true
				}
			}
		}
	}
	return ix
}

// near: the fragment itself, or the fragment with one word deleted, is
// among the quotation windows or windows with one word deleted.
func (ix nearIndex) near(frag []string) bool {
	if ix.seqs[seqHash(frag, -1)] {
		return true
	}
	for d := range frag {
		if ix.seqs[seqHash(frag, d)] {
			return true
		}
	}
	return false
}

// seqHash hashes ws without its word at skip (-1: none), FNV-1a.
func seqHash(ws []string, skip int) uint64 {
	h := uint64(14695981039346656037)
	for i, w := range ws {
		if i == skip {
			continue
		}
		for j := 0; j < len(w); j++ {
			h ^= uint64(w[j])
			h *= 1099511628211
		}
		h ^= 0xff // word separator
		h *= 1099511628211
	}
	return h
}

func (l *Lookup) normalise() {
	if l.N > 0 {
		l.Top1 /= float64(l.N)
		l.Rank1 /= float64(l.N)
	}
}

func (s KindStats) normalise() KindStats {
	if s.N == 0 {
		return s
	}
	n := float64(s.N)
	s.Top1 /= n
	s.Rank1 /= n
	s.MRR /= n
	s.Confident /= n
	s.MeanScore /= n
	return s
}

func overlapsQuote(d *corpus.Doc, start, end int) bool {
	for _, q := range d.Quotes {
		if q.Start < end && start < q.End {
			return true
		}
	}
	return false
}

// functionOnly tells whether every word of ws is a function word.
func functionOnly(ws []string) bool {
	for _, w := range ws {
		if !text.IsFunctionWord(w) {
			return false
		}
	}
	return true
}

// containsSeq tells whether hay contains needle as a contiguous run.
func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 {
		return true
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, w := range needle {
			if hay[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}

// Write prints the report as a table, with the targets of issue 6.
func (rep Report) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "search eval: %d articles, %d quotations, seed %d, MRR@%d; confident = score ≥ %.2f\n",
		rep.Articles, rep.Quotes, rep.Seed, rep.Limit, corpus.Confident)
	fmt.Fprintln(tw, "kind\tn\ttop1\trank1\tMRR\tconfident\tmean score\t")
	for _, s := range rep.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", s.Kind, s.N, s.Top1, s.Rank1, s.MRR, s.Confident, s.MeanScore)
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t\t")
	fmt.Fprintln(tw, "absent kind\tn\tfalse pos\t\t\t\tmean score\t")
	for _, s := range rep.Absent {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t\t\t\t%.3f\t\n", s.Kind, s.N, s.Confident, s.MeanScore)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	amb, fn := 0, 0
	for _, s := range rep.Kinds {
		amb += s.Ambiguous
		fn += s.FunctionOnly
	}
	_, err := fmt.Fprintf(w, "fragments passed over because several different quotations share them: %d; because they are function words only: %d\n", amb, fn)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	_, err = fmt.Fprintf(w, "autocomplete: %d fragments typed a character at a time; first by the end of the fragment: %.3f, after %.0f%% of its characters on average; p99 %.2f ms a keystroke\n",
		rep.Complete.N, rep.Complete.Found, 100*rep.Complete.Typed, rep.Complete.P99ms)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	_, err = fmt.Fprintf(w, "autocomplete with a typo in the word being typed: %d queries; first %.3f (the same queries without the typo: %.3f)\n",
		rep.Complete.TypoN, rep.Complete.TypoFound, rep.Complete.CleanFound)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	_, err = fmt.Fprintf(w, "titles: %d look-ups of 2-4 title words (half with a typo): top1 %.3f, rank1 %.3f\n"+
		"people: %d look-ups of a surname or full name (half with a typo): top1 %.3f, rank1 %.3f\n",
		rep.Titles.N, rep.Titles.Top1, rep.Titles.Rank1, rep.People.N, rep.People.Top1, rep.People.Rank1)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	_, err = fmt.Fprintf(w, "false-positive rate on absent fragments: %.3f\nlatency per query: p50 %v, p99 %v\n"+
		"targets: top1 ≥ 0.97 on every single-perturbation kind, ≥ 0.90 mixed; false positives ≤ 0.05\n",
		rep.AbsentFP, rep.P50.Round(time.Microsecond), rep.P99.Round(time.Microsecond))
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// Pass tells whether the report meets issue 6's targets.
func (rep Report) Pass() bool {
	for _, s := range rep.Kinds {
		want := 0.97
		if s.Kind == string(perturb.Mixed) {
			want = 0.90
		}
		if s.Top1 < want {
			return false
		}
	}
	return rep.AbsentFP <= 0.05
}
