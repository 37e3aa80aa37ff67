package quotes

import (
	"embed"
	"strings"
)

// wordFiles are the ranker's word lists, one word per line ('#' starts a
// comment), kept as data so that what the rules know is reviewable apart
// from the code (TestWordLists checks their form).
//
//go:embed words/*.txt
var wordFiles embed.FS

// wordSet is a set of folded words read from one file of wordFiles.
type wordSet map[string]bool

// Has reports whether w is in the set.
func (s wordSet) Has(w string) bool { return s[w] }

// loadWords reads words/<name>.txt; a missing file is a build defect the
// tests catch, so it panics.
func loadWords(name string) wordSet {
	b, err := wordFiles.ReadFile("words/" + name + ".txt")
	if err != nil {
		panic(err)
	}
	s := wordSet{}
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if w := strings.TrimSpace(line); w != "" {
			s[w] = true
		}
	}
	return s
}

var (
	// documentWords head a speaker that is a document, which speaks for
	// whoever issued it ("the report said").
	documentWords = loadWords("documents")
	// groupWords head a speaker that is a group of people ("officials said").
	groupWords = loadWords("groups")
	// pronounWords are the pronouns that can stand for a speaker.
	pronounWords = loadWords("pronouns")
	// definiteWords open a definite description ("the senator", "her
	// lawyer"), which refers back to someone already named.
	definiteWords = loadWords("definite")
	// issuerPreps join a document to whoever issued it ("a study by",
	// "a page on … website", "a report from").
	issuerPreps = loadWords("issuer")
)
