package corpus

import (
	"context"
	"sort"
	"strings"

	"newsbot/data/text"
)

// Where says which part of an article matched an article query.
type Where string

// The parts of an article an article query is matched against, in the
// order they count: a title names the article, the lede says what it is
// about, the body only mentions things.
const (
	InTitle Where = "title"
	InLede  Where = "lede"
	InBody  Where = "body"
	ByID    Where = "id"
)

// Article lookup weights. A title match counts as it scores. A match in the
// body counts less than one in the title, the lede (its first ledeSentences
// sentences) in between: a story is about what its title and opening say,
// and merely mentions what else its body says. Each further sentence of the
// same article that matches (up to supportMax of them) adds supportStep: an
// article about a topic names it more than once.
const (
	ledeSentences = 3
	ledeWeight    = 0.9
	bodyWeight    = 0.75
	supportStep   = 0.04
	supportMax    = 3
	// supportAt is the least sentence score that counts as support: the
	// query's words as written, not typo neighbours of them ("pace" for
	// "peace"), which would otherwise add up.
	supportAt = 0.95
	// passagePool is how many best-matching sentences of the whole corpus
	// an article query (or each of its words) looks at.
	passagePool = 200
	// spreadWeight discounts an article whose sentences hold the query's
	// words between them, none all of them: the words are about the
	// article, but less surely together than in one sentence.
	spreadWeight = 0.9
	// maxTopicWords bounds the words of a query looked up one by one.
	maxTopicWords = 8
)

// ClearMargin is how far the best candidate of a lookup must be ahead of the
// runner-up to be taken as the answer; closer than that the user chooses.
// Scores of 0.1 apart are one matched word of a two-word query apart, or a
// title match against a body match of the same words.
const ClearMargin = 0.1

// OfferFloor is the least score of a candidate offered as a choice. Below
// it a candidate shares at most a typo neighbour or a scattered fragment
// with the query (the title index's fuzzy fallback scores about 0.35 for
// titles that merely share letters), and a list of those is noise.
const OfferFloor = 0.4

// ArticleLookup is the answer to an article query: the candidates, best
// first, and whether the first is clearly the one meant.
type ArticleLookup struct {
	Hits []ArticleHit
	// Clear is true when Hits[0] is the answer: an ID or title given
	// exactly, or a confident score ClearMargin ahead of the next one.
	Clear bool
}

// LookupArticle finds the article a query names or is about: an exact ID,
// then the title, then the lede and the body (so that "harbour repairs"
// finds an article titled "Council votes on budget" whose opening is about
// the harbour, and an article with a poor title is reachable by its
// content). Candidates are ranked by their best weighted score (see the
// weights above); ArticleHit.Where says which part matched.
func (c *Corpus) LookupArticle(query string, limit int) ArticleLookup {
	l, _ := c.LookupArticleContext(context.Background(), query, limit)
	return l
}

// LookupArticleContext is LookupArticle that honours ctx: when ctx is done
// it returns the candidates found so far, never as Clear, with ctx.Err().
func (c *Corpus) LookupArticleContext(ctx context.Context, query string, limit int) (ArticleLookup, error) {
	if d := c.ByID(strings.TrimSpace(query)); d != nil {
		return ArticleLookup{Hits: []ArticleHit{{Doc: d, Score: 1, Where: ByID}}, Clear: true}, nil
	}
	if limit < 1 || len(c.Docs) == 0 {
		return ArticleLookup{}, nil
	}
	cands := candidates{best: map[*Doc]ArticleHit{}}
	exact, err := c.titleCandidates(ctx, query, limit, cands)
	if exact != nil {
		return ArticleLookup{Hits: []ArticleHit{*exact}, Clear: true}, nil
	}
	if err == nil {
		err = c.contentCandidates(ctx, query, cands)
	}
	if err == nil {
		var spread map[*Doc]spreadHit
		spread, err = c.spread(ctx, query)
		for d, sp := range spread {
			cands.put(d, sp.score, sp.where)
		}
	}
	hits := cands.ranked(limit)
	clear := err == nil && len(hits) > 0 && hits[0].Score >= Confident &&
		(len(hits) == 1 || hits[0].Score-hits[1].Score >= ClearMargin)
	return ArticleLookup{Hits: hits, Clear: clear}, err
}

// candidates holds, for an article lookup, each article's best hit so far:
// an article found in several ways (title, a sentence, the query's words
// spread) counts by the best of them.
type candidates struct {
	best map[*Doc]ArticleHit
}

// put records a hit for doc d unless the doc already has one scoring at
// least as much (so, on a tie, the part found first stays).
func (cs candidates) put(d *Doc, score float64, where Where) {
	if h, ok := cs.best[d]; !ok || score > h.Score {
		cs.best[d] = ArticleHit{Doc: d, Score: score, Where: where}
	}
}

// titleCandidates puts the articles whose titles match query into cands.
// When one title is the query's words exactly, nothing else can be meant:
// it returns that article as the exact hit (score 1) and looks no further.
// The error is the title search's (ctx done); the hits found before it are
// put all the same.
func (c *Corpus) titleCandidates(ctx context.Context, query string, limit int, cands candidates) (*ArticleHit, error) {
	key := strings.Join(text.Words(query), " ")
	titles, err := c.small().titles.SearchContext(ctx, query, limit+ledeSentences)
	for _, h := range titles {
		cands.put(c.Docs[h.ID], h.Score, InTitle)
		if key != "" && strings.Join(text.Words(c.Docs[h.ID].Title), " ") == key {
			// The whole title, as written: nothing else can be meant.
			return &ArticleHit{Doc: c.Docs[h.ID], Score: 1, Where: InTitle}, nil
		}
	}
	return nil, err
}

// contentCandidates puts into cands the articles whose sentences match
// query, each at its best sentence weighted by where it stands (lede or
// body), plus supportStep for each further sentence that matches the
// query as written (up to supportMax of them). The error is the sentence
// search's (ctx done); whatever hits the search returned are put all the same.
func (c *Corpus) contentCandidates(ctx context.Context, query string, cands candidates) error {
	type content struct {
		score   float64
		where   Where
		support int
	}
	byDoc := map[*Doc]*content{}
	passages, err := c.shared.sentences.SearchContext(ctx, query, passagePool, c.sentColl)
	for _, h := range passages {
		d, si := c.sentenceOf(h)
		if d == nil {
			continue
		}
		where, w := InBody, bodyWeight
		if si < ledeSentences {
			where, w = InLede, ledeWeight
		}
		s := h.Score * w
		ct := byDoc[d]
		if ct == nil {
			ct = &content{}
			byDoc[d] = ct
		}
		if h.Score >= supportAt {
			ct.support++
		}
		if s > ct.score {
			ct.score, ct.where = s, where
		}
	}
	for d, ct := range byDoc {
		extra := min(max(ct.support-1, 0), supportMax)
		cands.put(d, min(ct.score+supportStep*float64(extra), 1), ct.where)
	}
	return err
}

// ranked returns the candidates best first (ties: the more telling part,
// see rank, then by ID, so that the order is stable), without those below
// OfferFloor, and at most limit of them.
func (cs candidates) ranked(limit int) []ArticleHit {
	hits := make([]ArticleHit, 0, len(cs.best))
	for _, h := range cs.best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if rank(hits[i].Where) != rank(hits[j].Where) {
			return rank(hits[i].Where) < rank(hits[j].Where)
		}
		return hits[i].Doc.ID < hits[j].Doc.ID
	})
	for len(hits) > 0 && hits[len(hits)-1].Score < OfferFloor {
		hits = hits[:len(hits)-1]
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// rank orders the parts of an article for ties: title before lede before
// body.
func rank(w Where) int {
	switch w {
	case ByID:
		return 0
	case InTitle:
		return 1
	case InLede:
		return 2
	}
	return 3
}

// spreadHit is an article's score for a query's words taken one by one.
type spreadHit struct {
	score float64
	where Where
}

// spread scores articles by how many of the query's content words they hold
// anywhere in their lede or body, each word at its best place (weighted as
// above), discounted by spreadWeight: "harbour budget" finds the article
// whose first sentence names the harbour and whose third the budget. A
// query of one content word needs no spreading.
func (c *Corpus) spread(ctx context.Context, query string) (map[*Doc]spreadHit, error) {
	var words []string
	seen := map[string]bool{}
	for _, w := range text.Words(query) {
		if !text.IsFunctionWord(w) && !seen[w] && len(words) < maxTopicWords {
			seen[w] = true
			words = append(words, w)
		}
	}
	if len(words) < 2 {
		return nil, nil
	}
	type best struct {
		sum  float64
		body bool // some word is only in the body
	}
	docs := map[*Doc]*best{}
	for _, w := range words {
		got := map[*Doc]float64{}
		lede := map[*Doc]bool{}
		hs, err := c.shared.sentences.SearchContext(ctx, w, passagePool, c.sentColl)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			d, si := c.sentenceOf(h)
			if d == nil {
				continue
			}
			s := h.Score * bodyWeight
			if si < ledeSentences {
				s = h.Score * ledeWeight
			}
			if s > got[d] {
				got[d], lede[d] = s, si < ledeSentences
			}
		}
		for d, s := range got {
			b := docs[d]
			if b == nil {
				b = &best{}
				docs[d] = b
			}
			b.sum += s
			b.body = b.body || !lede[d]
		}
	}
	out := make(map[*Doc]spreadHit, len(docs))
	for di, b := range docs {
		where := InLede
		if b.body {
			where = InBody
		}
		out[di] = spreadHit{score: spreadWeight * b.sum / float64(len(words)), where: where}
	}
	return out, nil
}
