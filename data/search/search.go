// Package search is newsbot's typo-tolerant index over short texts
// (quotations, titles, names): candidates from an inverted index of folded
// words with typo expansion, ranked by rarity-weighted matched words.
//
// How a query is answered:
//
//  1. The query is cut into normalised words (text.Words: case, accents,
//     quote marks and punctuation folded).
//  2. Each query word is expanded to the vocabulary terms it may stand for:
//     itself, the terms within its typo allowance (SymSpell deletion
//     dictionary, see typo.go) and, for the word still being typed in
//     Complete, every term it is a prefix of (one binary search: the
//     vocabulary is sorted, so a prefix is a contiguous range of term IDs)
//     or, when no term begins with it and it has 5 letters or more, every
//     term beginning one edit away from it ("secuir" → "security").
//  3. Candidates come from the postings of the rarest expanded words only,
//     so that a query never walks the postings of "the" or "said".
//  4. The best few hundred candidates by rarity of their matched words are
//     scored on their own words: matched query words weighted by IDF and
//     by typos, then the order and adjacency of the matched words.
//
// A Hit's Score is a confidence in [0, 1]: the IDF-weighted share of the
// query matched, discounted when the matched words are out of order or far
// apart. A fragment that is in no text scores low even when some of its
// words are common. Function words (text.IsFunctionWord) never make a hit
// on their own: a query of nothing else scores at most 0.5, and a hit that
// shares only such words with a query that has others is left out.
//
// The files follow those steps: words.go cuts and bounds the query,
// expand.go expands its words (typo.go holds the deletion dictionary),
// candidates.go walks the postings and shortlists, score.go scores with
// the weights of the index's kind (scoreParams), rerank.go re-ranks short
// texts, index.go builds. segments.go is Segmented, an index that takes
// writes (new articles in small segments, removals as tombstones,
// background merges, collections as filters) built from the same parts
// (segbuild.go) over one lexicon, the vocabulary and typo dictionary its
// segments share (lexicon.go).
//
// Every entry point bounds its work whatever the input (see words.go and
// the max* constants); the Context variants also stop when asked.
package search

import (
	"context"

	"newsbot/data/text"
)

// Hit is one result: the position of the matched text in the slice the index
// was built from, and a score in [0, 1] (1 is a perfect match).
type Hit struct {
	ID    int
	Score float64
	// Matched are the byte spans of the text's words that matched the
	// query, in order, for highlighting (for a fuzzy-scan hit of a Short
	// index, the runs of matched characters).
	Matched []text.Span
}

// Options tunes an index for the kind of text it holds.
type Options struct {
	// Short marks an index of short texts (titles, names), searched by
	// keywords: the order and adjacency of the words only break ties.
	// Its results are re-ranked with sahilm/fuzzy's subsequence score,
	// and when no word
	// matches (a run-together or clipped name such as "kstarmer") a fuzzy
	// scan of all texts answers instead, as long as there are at most
	// MaxFuzzyScan of them.
	Short bool
	// Keyword marks an index searched for mentions (/search) rather than
	// for the one text a query identifies: a hit's score says how well it
	// contains the query's words, however common they are, with no
	// discount for matches that many texts share; order and adjacency
	// only break ties.
	Keyword bool
}

// MaxFuzzyScan bounds the fuzzy.Find fallback of Short indexes: a scan
// costs about 1 µs per short text.
const MaxFuzzyScan = 5000

// maxQueryWords bounds the words of a query that are used (a bit mask per
// candidate holds the matched ones).
const maxQueryWords = 32

// maxTextWords bounds the words of one text that are indexed. A quotation,
// title or sentence is far shorter; a run-on text with no sentence stops
// could otherwise make each of the few hundred candidates a query scores
// cost a walk over a megabyte.
const maxTextWords = 1024

// maxOccurrences bounds the positions of one query word kept per text when
// scoring order and adjacency (a pass over pairs of positions): a text that
// repeats a word hundreds of times would otherwise cost the square of that.
const maxOccurrences = 16

// maxFuzzyQuery bounds the length of a query for which a Short index scans
// all its texts with sahilm/fuzzy: names and titles are short, and a
// longer query is no clipped name.
const maxFuzzyQuery = 256

// Search returns up to limit hits for query, best first. Hits below a
// useful score are still returned (as suggestions); the caller decides from
// Score whether the first one is an answer.
func (ix *Index) Search(query string, limit int) []Hit {
	hs, _ := ix.find(context.Background(), query, limit, false)
	return hs
}

// Complete is Search for text that is still being typed: the last word is a
// prefix (unless the query ends with a space or punctuation).
func (ix *Index) Complete(query string, limit int) []Hit {
	hs, _ := ix.find(context.Background(), query, limit, endsInWord(query))
	return hs
}

// SearchContext is Search that stops when ctx is done: it then returns the
// hits it has scored so far, best first (perhaps none), and ctx.Err().
// The work of any query is bounded anyway (about a millisecond at a million
// texts); ctx lets a caller with a tight budget, such as autocomplete
// within Discord's three seconds on a loaded machine, answer in time.
func (ix *Index) SearchContext(ctx context.Context, query string, limit int) ([]Hit, error) {
	return ix.find(ctx, query, limit, false)
}

// CompleteContext is Complete that stops when ctx is done, as
// SearchContext does.
func (ix *Index) CompleteContext(ctx context.Context, query string, limit int) ([]Hit, error) {
	return ix.find(ctx, query, limit, endsInWord(query))
}

func (ix *Index) find(ctx context.Context, query string, limit int, prefix bool) ([]Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 || len(ix.texts) == 0 {
		return nil, nil
	}
	words := queryWords(query)
	if len(words) == 0 {
		return nil, nil
	}
	groups := make([]group, len(words))
	for i, w := range words {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		groups[i] = ix.expand(w, prefix && i == len(words)-1)
	}
	cands, _, err := ix.candidates(ctx, groups, limit, nil, ix.plan(groups), fullBudget)
	if err != nil {
		return nil, err
	}
	var hits []Hit
	if len(cands) > 0 {
		ids := make([]uint32, len(cands))
		for i, c := range cands {
			ids[i] = c.d
		}
		if hits, err = ix.scoreHits(ctx, groups, ids, limit, len(ix.texts), true); err != nil {
			return hits, err
		}
	}
	if ix.opts.Short {
		hits = ix.fuzzyRerank(query, groups, hits, limit)
	}
	return hits, nil
}
