// Package summary makes extractive summaries of news articles: whole
// sentences of the article, verbatim, in article order.
package summary

import "newsbot/data/text"

// DefaultSentences is the summary length when the user does not choose one.
const DefaultSentences = 3

// Summarize returns the indices (into sents, ascending) of the n sentences
// that best summarise the article. Placeholder: Lead-n.
func Summarize(title string, sents []text.Sentence, n int) []int {
	if n > len(sents) {
		n = len(sents)
	}
	out := make([]int, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, i)
	}
	return out
}
