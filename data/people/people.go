// Package people finds the people named in an article: their canonical full
// names, the other ways the article refers to them, and their roles.
package people

import "newsbot/data/text"

// Gender is what the article tells of a person's gender (from pronouns and
// honorifics), used to resolve "he" and "she".
type Gender int

// Genders.
const (
	Unknown Gender = iota
	Male
	Female
)

// Person is someone the article names.
type Person struct {
	Name     string   `json:"name"`    // canonical full name, e.g. "Keir Starmer"
	Aliases  []string `json:"aliases"` // other mentions: "Starmer", "the Prime Minister of the UK"
	Role     string   `json:"role"`    // e.g. "Prime Minister of the UK", or ""
	Gender   Gender   `json:"-"`
	Mentions int      `json:"-"` // how often the article mentions them
}

// Find returns the people named in body (placeholder: none yet).
func Find(title, body string, sents []text.Sentence) []Person {
	return nil
}
