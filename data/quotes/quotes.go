// Package quotes extracts quotations from an article and attributes each to
// a speaker, resolved to a canonical person where the article allows.
package quotes

import (
	"newsbot/data/people"
	"newsbot/data/text"
)

// Quote is one quotation in an article.
type Quote struct {
	Text    string `json:"text"`    // the quotation without its marks (verbatim)
	Speaker string `json:"speaker"` // canonical speaker, or "" when it cannot be told
	Mention string `json:"mention,omitempty"` // the words naming the speaker where the quote is ("he", "Starmer")
	Verb    string `json:"verb"`    // speech verb as written ("said", "stating"), or ""
	Start   int    `json:"start"`   // byte offset of Text in the body
	End     int    `json:"end"`
	Direct  bool   `json:"direct"`  // in quotation marks (false: reported speech)
}

// Extract finds the quotations in body (placeholder: none yet).
func Extract(body string, sents []text.Sentence, ppl []people.Person) []Quote {
	return nil
}
