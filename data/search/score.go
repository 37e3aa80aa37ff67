package search

import (
	"context"
	"math"
	"slices"
	"sort"

	"newsbot/data/text"
)

// scoreParams are the weights of a score. They depend on what an index
// holds, so they are chosen once per kind of index (paramsFor) rather than
// switched on inside score: remembered quotations, keywords for titles and
// names, keywords for mentions.
type scoreParams struct {
	// typoQuality is the quality of a matched word by its typos: typos
	// cost a little (they are the point of the index); index prefixTypo
	// is a term whose beginning is one edit from the word being typed,
	// a little less than a full word one typo away.
	typoQuality [4]float64
	// prefixQuality is the quality of a completion of the word being
	// typed: nearly exact.
	prefixQuality float64

	// Adjacency of two query words that follow each other in the query,
	// found in the text (pair): in place scores 1.
	pairDropped float64 // one word dropped or added between them
	pairSwapped float64 // reversed, at most two words apart (a reversed run is caught by order)
	pairNear    float64 // in order, up to nearSlack words further apart than in the query
	nearSlack   int
	// An isolated swap of two neighbouring words is one slip, as a
	// transposition is one typo: the pair scores swapSlip and counts
	// swapForward of a pair running forward.
	swapSlip, swapForward float64

	// The score mixes coverage (the weighted share of the query matched)
	// with proximity (order and adjacency of the matched words):
	// coverage · (base + prox·proximity), for queries of two words and
	// of more. One word has nothing to be near.
	twoWords, manyWords mix
	// order discounts a match whose words mostly run backwards, down to
	// orderFloor + orderSpan·(share of pairs forward).
	order                 bool
	orderFloor, orderSpan float64

	// evidence requires the matched words to be rare enough together to
	// name one text: a word counts its surprise times its quality times
	// placedFloor + placedSpan·(its best pair score), and the score is
	// scaled by evidence / ln(1 + N/evidenceTexts) up to 1.
	evidence                bool
	placedFloor, placedSpan float64
	evidenceTexts           float64
	// commonOnly is the factor of a query of common words only: ranked,
	// never confident.
	commonOnly float64
}

// mix is the share of coverage that counts whatever the proximity (base)
// and the share that proximity earns (prox).
type mix struct{ base, prox float64 }

// quoteParams score remembered quotations: the words of a quotation come
// back in order, so order and adjacency weigh as much as coverage, and a
// hit must be rare enough to name one text. Two words are as often
// keywords ("Putin regroup") as a remembered run: near each other in order
// they are enough, words apart or reversed they are not.
var quoteParams = scoreParams{
	typoQuality:   [4]float64{1, 0.85, 0.7, 0.8},
	prefixQuality: 0.95,
	pairDropped:   0.8, pairSwapped: 0.5, pairNear: 0.4, nearSlack: 3,
	swapSlip: 0.8, swapForward: 0.5,
	twoWords:  mix{0.5, 0.5},
	manyWords: mix{0.2, 0.8},
	order:     true, orderFloor: 0.6, orderSpan: 0.4,
	evidence: true, placedFloor: 0.5, placedSpan: 0.5, evidenceTexts: 1.5,
	commonOnly: commonFactor,
}

// shortParams score titles and names: keywords, for which order and
// adjacency only break ties.
var shortParams = func() scoreParams {
	p := quoteParams
	p.twoWords, p.manyWords = mix{0.8, 0.2}, mix{0.8, 0.2}
	p.order = false
	return p
}()

// keywordParams score mentions (/search): keywords again, and a text
// contains the query's words however common they are, with no discount
// for matches that many texts share.
var keywordParams = func() scoreParams {
	p := shortParams
	p.evidence = false
	return p
}()

// paramsFor returns the score weights for an index built with opts.
func paramsFor(opts Options) *scoreParams {
	switch {
	case opts.Keyword:
		return &keywordParams
	case opts.Short:
		return &shortParams
	}
	return &quoteParams
}

// queryTerms maps a term to the groups it matches, for scoring.
type queryTerms map[uint32][]groupMatch

type groupMatch struct {
	group   int
	quality float64
}

func newQueryTerms(groups []group, p *scoreParams) queryTerms {
	q := queryTerms{}
	for gi, g := range groups {
		for _, m := range g.matches {
			q[m.term] = append(q[m.term], groupMatch{gi, p.typoQuality[m.typos]})
		}
	}
	return q
}

// pair is the adjacency of two query words that follow each other in the
// query (gap e words apart there, 1 when nothing was dropped) found g
// words apart in the text.
func (p *scoreParams) pair(g, e int) float64 {
	switch {
	case g == e:
		return 1
	case g > 0 && (g == e+1 || g == e-1):
		return p.pairDropped
	case g < 0 && g >= -2:
		return p.pairSwapped
	case g > 0 && g <= e+p.nearSlack:
		return p.pairNear
	}
	return 0
}

// occ is one position of a text where a query word matched.
type occ struct {
	pos     int
	quality float64
}

// occurrences holds, per query word, where it matched in one text (at most
// maxOccurrences positions each).
type occurrences [maxQueryWords][]occ

// best is the quality of group g's best match, 0 when it did not match.
func (oc *occurrences) best(g int) float64 {
	best := 0.0
	for _, o := range oc[g] {
		best = max(best, o.quality)
	}
	return best
}

// collect finds where the groups matched in text d.
func (ix *Index) collect(oc *occurrences, d int, groups []group, q queryTerms) {
	toks := ix.tokens[ix.docStart[d]:ix.docStart[d+1]]
	last := len(groups) - 1
	lo, hi, word := groups[last].lo, groups[last].hi, groups[last].word
	for p, t := range toks {
		for _, gm := range q[t] {
			if len(oc[gm.group]) < maxOccurrences {
				oc[gm.group] = append(oc[gm.group], occ{p, gm.quality})
			}
		}
		if t >= lo && t < hi && len(oc[last]) < maxOccurrences {
			qual := ix.params.prefixQuality
			if ix.term(t) == word {
				qual = 1
			}
			oc[last] = append(oc[last], occ{p, qual})
		}
	}
}

// score is the confidence that text d is what the query means.
//
// When at is not nil, at[g] is set to the word position in text d that
// group g was matched at (-1 when it was not), for highlighting.
// n is the number of texts the query is asked of (ix's, or all the
// segments' of a segmented index).
func (ix *Index) score(d int, groups []group, q queryTerms, at []int, n int) float64 {
	p := ix.params
	var oc occurrences
	ix.collect(&oc, d, groups, q)
	coverage, content, ok := coverage(groups, &oc)
	if !ok {
		return 0
	}
	pl := p.place(groups, &oc, at)
	m := p.manyWords
	if len(groups) == 2 {
		m = p.twoWords
	}
	s := coverage * (m.base + m.prox*pl.prox)
	if p.order {
		s *= pl.order
	}
	if !p.evidence {
		return s
	}
	// as much as one exact word found in one text only
	need := math.Log(1 + float64(n)/p.evidenceTexts)
	s *= min(1, p.evidenceOf(groups, &oc, &pl)/need)
	if !content {
		// A query of common words only ("of the") is in nearly every
		// text, however few texts there are to tell: ranked, never
		// confident.
		s *= p.commonOnly
	}
	return s
}

// coverage is the weighted share of the query's words that matched, and
// whether the query has content (not common) words. It is not ok when
// nothing matched, or only common words of a query with content words:
// "the" is no reason to offer a text for "the backstop".
func coverage(groups []group, oc *occurrences) (cov float64, content, ok bool) {
	var total, got float64
	contentMatched := false
	for gi := range groups {
		g := &groups[gi] // not a copy: this runs for every candidate
		total += g.weight
		best := oc.best(gi)
		got += g.weight * best
		if !g.common {
			content = true
			contentMatched = contentMatched || best > 0
		}
	}
	if total == 0 || got == 0 || content && !contentMatched {
		return 0, content, false
	}
	return got / total, content, true
}

// placement is how the matched words sit in the text.
type placement struct {
	prox     float64                // weighted pair score of consecutive matched words, in [0, 1]
	order    float64                // discount for pairs running backwards
	pairBest [maxQueryWords]float64 // score of the pairs each word takes part in, at best
}

// place scores the order and adjacency of consecutive matched words, with
// one position per word chosen for the whole query (a Viterbi pass over
// the occurrences), so that a repeated common word cannot supply a good
// pair here and another there. It fills at as score does.
func (p *scoreParams) place(groups []group, oc *occurrences, at []int) placement {
	var mg [maxQueryWords]int // matched groups in query order
	k := 0
	for gi := range groups {
		if len(oc[gi]) > 0 {
			mg[k] = gi
			k++
		}
	}
	if at != nil {
		for g := range at {
			at[g] = -1
		}
		if k == 1 {
			at[mg[0]] = oc[mg[0]][0].pos
		}
	}
	pl := placement{order: 1}
	switch {
	case len(groups) == 1:
		pl.prox, pl.pairBest[0] = 1, 1
		if at != nil && len(oc[0]) > 0 {
			at[0] = oc[0][0].pos
		}
	case k >= 2:
		var gaps, es [maxQueryWords]int // gaps[j]: between mg[j-1] and mg[j]
		pairW := p.bestPath(groups, oc, mg[:k], &gaps, &es, at)
		p.scorePairs(groups, mg[:k], &gaps, &es, pairW, &pl)
	}
	return pl
}

// bestPath chooses one occurrence per matched group mg (dp[j][o]: best
// weighted pair score of mg[0..j] with mg[j] at occurrence o), and fills
// gaps[j] and es[j], the distance between mg[j-1] and mg[j] in the text
// and in the query. It returns the total pair weight.
func (p *scoreParams) bestPath(groups []group, oc *occurrences, mg []int, gaps, es *[maxQueryWords]int, at []int) float64 {
	k := len(mg)
	pairW := 0.0
	var dpBuf [2][]float64
	from := make([][]int32, k)
	prevDP := dpBuf[0][:0]
	for range oc[mg[0]] {
		prevDP = append(prevDP, 0)
	}
	for j := 1; j < k; j++ {
		a, b := mg[j-1], mg[j]
		e := b - a
		w := (groups[a].weight + groups[b].weight) / 2
		pairW += w
		cur := dpBuf[j%2][:0]
		from[j] = make([]int32, len(oc[b]))
		for oi, ob := range oc[b] {
			best, arg := -1.0, 0
			for pi, oa := range oc[a] {
				if v := prevDP[pi] + w*p.pair(ob.pos-oa.pos, e); v > best {
					best, arg = v, pi
				}
			}
			cur = append(cur, best)
			from[j][oi] = int32(arg)
		}
		dpBuf[j%2] = cur
		prevDP = cur
	}
	end := 0
	for o, v := range prevDP {
		if v > prevDP[end] {
			end = o
		}
	}
	// Walk back for the gaps on the chosen path.
	o := end
	if at != nil {
		at[mg[k-1]] = oc[mg[k-1]][o].pos
	}
	for j := k - 1; j >= 1; j-- {
		q := int(from[j][o])
		gaps[j] = oc[mg[j]][o].pos - oc[mg[j-1]][q].pos
		es[j] = mg[j] - mg[j-1]
		if at != nil {
			at[mg[j-1]] = oc[mg[j-1]][q].pos
		}
		o = q
	}
	return pairW
}

// scorePairs scores each pair of consecutive matched words on the chosen
// path into pl. An isolated swap of two neighbouring words (pairs on both
// sides run forward) is one slip, as a transposition is one typo: the
// swapped pair and its neighbours, one word off each, count as nearly in
// place. A run of backward pairs is not a slip.
func (p *scoreParams) scorePairs(groups []group, mg []int, gaps, es *[maxQueryWords]int, pairW float64, pl *placement) {
	k := len(mg)
	fwd := func(j int) bool { return j < 1 || j >= k || gaps[j] > 0 }
	forward := 0.0
	prox := 0.0
	for j := 1; j < k; j++ {
		ps := p.pair(gaps[j], es[j])
		switch {
		case gaps[j] == -1 && es[j] == 1 && fwd(j-1) && fwd(j+1):
			ps = p.swapSlip
			forward += p.swapForward
		case gaps[j] > 0:
			forward++
			if gaps[j] == es[j]+1 && (j > 1 && gaps[j-1] == -1 && es[j-1] == 1 || j+1 < k && gaps[j+1] == -1 && es[j+1] == 1) {
				ps = 1 // the other side of a swap
			}
		}
		a, b := mg[j-1], mg[j]
		prox += ps * (groups[a].weight + groups[b].weight) / 2
		pl.pairBest[a] = max(pl.pairBest[a], ps)
		pl.pairBest[b] = max(pl.pairBest[b], ps)
	}
	pl.prox = prox / pairW
	pl.order = p.orderFloor + p.orderSpan*forward/float64(k-1)
}

// evidenceOf is how surprising the matched words are, in place: a match
// identifies one text among N only when they are together rare enough,
// about ln N nats; "of the animal" matches many texts well and names none.
func (p *scoreParams) evidenceOf(groups []group, oc *occurrences, pl *placement) float64 {
	evidence := 0.0
	for gi := range groups {
		g := &groups[gi] // not a copy: this runs for every candidate
		if len(oc[gi]) == 0 {
			continue
		}
		best := oc.best(gi)
		// An exact word is as surprising as it is rare; a typo or prefix
		// match only as rare as all the words within reach ("cost"
		// reaches "most", "host", "post"…).
		surprise := g.anyIDF
		if best == 1 {
			surprise = g.idf
		}
		evidence += surprise * best * (p.placedFloor + p.placedSpan*pl.pairBest[gi])
	}
	return evidence
}

// matchedSpans turns matched word positions of text d into byte spans of
// the text, in order. It returns nil when the text's words cannot be
// located (a folding that changed word boundaries).
func (ix *Index) matchedSpans(d int, at []int) []text.Span {
	spans := wordSpans(ix.texts[d], int(ix.docLen(uint32(d))))
	if len(spans) != int(ix.docLen(uint32(d))) {
		return nil
	}
	var out []text.Span
	for _, p := range at {
		if p >= 0 && p < len(spans) && !slices.Contains(out, spans[p]) {
			out = append(out, spans[p])
		}
	}
	slices.SortFunc(out, func(a, b text.Span) int { return a.Start - b.Start })
	return out
}

// scoreHits scores cands fully and returns the best limit of them, best
// first, with the spans that matched when spans is set. When ctx is done
// it stops and returns the hits scored so far with ctx.Err().
func (ix *Index) scoreHits(ctx context.Context, groups []group, cands []uint32, limit, n int, spans bool) ([]Hit, error) {
	q := newQueryTerms(groups, ix.params)
	hits := make([]Hit, 0, len(cands))
	var err error
	for i, d := range cands {
		if i%32 == 0 {
			if err = ctx.Err(); err != nil {
				break // answer with what is scored
			}
		}
		if s := ix.score(int(d), groups, q, nil, n); s > 0 {
			hits = append(hits, Hit{ID: int(d), Score: s})
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		ha, hb := hits[a], hits[b]
		if ha.Score != hb.Score {
			return ha.Score > hb.Score
		}
		if la, lb := ix.docLen(uint32(ha.ID)), ix.docLen(uint32(hb.ID)); la != lb {
			return la < lb // the tighter text is the more specific answer
		}
		return ha.ID < hb.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	if spans {
		at := make([]int, len(groups))
		for i := range hits {
			hits[i].Matched = ix.spans(hits[i].ID, groups, q, at, n)
		}
	}
	return hits, err
}

// spans returns the byte spans of text d that the query matched, using at
// (len(groups)) as scratch.
func (ix *Index) spans(d int, groups []group, q queryTerms, at []int, n int) []text.Span {
	ix.score(d, groups, q, at, n)
	return ix.matchedSpans(d, at)
}
