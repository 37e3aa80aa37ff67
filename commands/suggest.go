package commands

import (
	"strings"

	"newsbot/data/text"
)

// A "Did you mean…" list is only worth showing when its entries have
// something to do with what the user typed. The search indexes return their
// best hits however poor, so a query that is in no article at all
// ("bananas are yellow and tasty") still brings back quotations that share
// nothing but "are" and "and" with it. A near miss is offered only when
//
//   - it matched at least one content word of the query (a word that is not
//     an English function word, text.IsFunctionWord: "the", "are", "and"
//     match any text), and
//   - its score is at least suggestFloor.
//
// The content-word rule is what the score alone cannot give on a small
// corpus: with a dozen quotations every word is rare, so "are" weighs as
// much as "Ukraine" and function-word matches score like real ones.

// suggestFloor is the least score a near miss needs to be offered. A
// search score (package search) is about the weighted share of the query
// found in the hit, times a proximity factor (0.2 when no two query words
// are found side by side) and an evidence factor (½ for one word found in
// a single text). One distinctive word of a two-word query scores about
// 0.2 × ½ × ½ = 0.05, one of a ten-word query about 0.01: below that, a hit
// shares no more than one chance word with a long query.
const suggestFloor = 0.01

// worthSuggesting reports whether a hit with score and matched spans of s
// (the hit's text) is related enough to the query to be offered as a near
// miss. Without spans (an index may leave them out), the hit's words are
// compared with the query's.
func worthSuggesting(query, s string, score float64, matched []text.Span) bool {
	if score < suggestFloor {
		return false
	}
	if len(matched) > 0 {
		for _, sp := range matched {
			if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
				continue
			}
			for _, raw := range strings.Fields(s[sp.Start:sp.End]) {
				if isContraction(raw) {
					// "we'll" folds to "well", which a typo of
					// "wall" reaches: a contraction is a
					// function word whatever it folds to.
					continue
				}
				for _, w := range text.Words(raw) {
					if !text.IsFunctionWord(w) {
						return true
					}
				}
			}
		}
		return false
	}
	want := map[string]bool{}
	for _, w := range text.Words(query) {
		if !text.IsFunctionWord(w) {
			want[w] = true
		}
	}
	for _, w := range text.Words(s) {
		if want[w] {
			return true
		}
	}
	return false
}

// isContraction reports whether raw (a word as written) is a contraction of
// a pronoun or auxiliary: "we'll", "I’m", "don't". A possessive ("Britain's")
// is not one.
func isContraction(raw string) bool {
	w := strings.ToLower(strings.ReplaceAll(strings.Trim(raw, ".,;:!?\"“”‘’()"), "’", "'"))
	for _, suf := range []string{"'ll", "'re", "'ve", "'d", "'m", "n't"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// hasContentWord reports whether query has a word that is not a function
// word. One without ("of the", "it is what it is") is in nearly every text:
// on a small corpus the indexes can still score it as a confident match,
// so no command takes such a query as naming a quotation, person or
// article.
func hasContentWord(query string) bool {
	for _, w := range text.Words(query) {
		if !text.IsFunctionWord(w) {
			return true
		}
	}
	return false
}

// tooCommon is the answer to a query made only of function words.
func tooCommon(what, query, hint string) Response {
	if len(text.Words(query)) == 0 {
		return failure(echo(query)+" has no words to look up", hint)
	}
	return failure(echo(query)+" is too common to identify "+what, hint)
}
