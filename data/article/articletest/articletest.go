// Package articletest holds what the tests of several packages expect of
// the seed article, the one article shipped with the project (embedded in
// data.Articles): its quotations and their speakers, annotated by hand.
// The extraction tests (data/quotes) and the analyze subcommand's tests
// (bot) read them from here, so that the expectations live in one place.
package articletest

import (
	"io/fs"
	"strings"

	"newsbot/data"
)

// SeedFile is the seed article's path inside data.Articles.
const SeedFile = "articles/keir-starmer-us-role-in-ukraine.txt"

// Quote is an expected quotation: its exact text and its speaker.
type Quote struct{ Text, Speaker string }

// SeedQuotes are the seed article's ten direct quotations with their
// speakers, in order.
var SeedQuotes = []Quote{
	{"backstop.", "Keir Starmer"},
	{"The specifics of the backstop are still under discussion, but I’m very clear on the principles.", "Keir Starmer"},
	{"I’m not going to make security guarantees beyond a certain point.", "Donald Trump"},
	{"great", "Donald Trump"},
	{"We’ll be on the ground, and that will provide automatic security since no one will dare mess with our people,", "Donald Trump"},
	{"For peace to endure, we need security guarantees,", "Keir Starmer"},
	{"I believe that without a backstop, a ceasefire would give Putin the chance to regroup and attack again, as his intentions regarding Ukraine are very clear.", "Keir Starmer"},
	{"new partnership", "Keir Starmer"},
	{"very consequential president", "Lord Mandelson"},
	{"The US and the UK share so much, and when it comes to trade, we have a fair and balanced relationship that benefits both sides.", "Lord Mandelson"},
}

// SeedSilent is a person the seed article names who says nothing: no
// quotation may be given to him.
const SeedSilent = "Vladimir Putin"

// Seed returns the seed article's title (its first line) and body.
func Seed() (title, body string, err error) {
	b, err := fs.ReadFile(data.Articles, SeedFile)
	if err != nil {
		return "", "", err
	}
	title, body, _ = strings.Cut(string(b), "\n")
	return title, body, nil
}

// InventedName is the i-th of many made-up capitalised words ("Kabadu") of
// the given number of syllables after the first letter, distinct for i below
// 14·(5·14)^syllables: hostile-input benchmarks (data/people, data/entity,
// data/corpus) name thousands of distinct people or organisations with it.
func InventedName(i, syllables int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var sb strings.Builder
	sb.WriteByte(cons[i%len(cons)] - 'a' + 'A')
	i /= len(cons)
	for range syllables {
		sb.WriteByte(vows[i%len(vows)])
		i /= len(vows)
		sb.WriteByte(cons[i%len(cons)])
		i /= len(cons)
	}
	return sb.String()
}
