package entity

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"newsbot/data/people"
	"newsbot/data/quotes"
	"newsbot/data/text"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenEntity is what the golden file records of an entity: its mentions
// as the words they cover, so that a change in the model reads as a diff.
type goldenEntity struct {
	Name     string   `json:"name"`
	Kind     Kind     `json:"kind"`
	Aliases  []string `json:"aliases,omitempty"`
	Roles    []string `json:"roles,omitempty"`
	Quotes   int      `json:"quotes"`
	Mentions []string `json:"mentions,omitempty"`
}

type goldenQuote struct {
	Quote   string `json:"quote"`
	Speaker string `json:"speaker"`
	Kind    string `json:"kind,omitempty"`
}

// TestGolden builds the entity model of an invented article with people
// who share a surname, name variants, titles, an organisation with an
// acronym and short forms, a document that names no issuer, a company
// referred back to and a country that speaks, and compares it with
// testdata/harbour.golden.json (go test -update rewrites it).
func TestGolden(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "harbour.txt"))
	if err != nil {
		t.Fatal(err)
	}
	b := string(body)
	sents := text.Sentences(b)
	toks := text.Tokenize(b)
	ppl := people.FindTokens(b, sents, toks)
	qs := quotes.ExtractTokens(b, sents, toks, ppl)
	es := Build(b, sents, toks, ppl, qs)
	var got struct {
		Entities []goldenEntity `json:"entities"`
		Quotes   []goldenQuote  `json:"quotes"`
	}
	for _, e := range es {
		g := goldenEntity{Name: e.Name, Kind: e.Kind, Aliases: e.Aliases, Roles: e.Roles, Quotes: e.Quotes}
		for _, m := range e.Mentions {
			g.Mentions = append(g.Mentions, b[m.Start:m.End])
		}
		got.Entities = append(got.Entities, g)
	}
	for _, q := range qs {
		got.Quotes = append(got.Quotes, goldenQuote{Quote: q.Text, Speaker: q.Speaker, Kind: q.SpeakerKind})
	}
	out, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, '\n')
	path := filepath.Join("testdata", "harbour.golden.json")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(want) != string(out) {
		t.Errorf("entities differ from %s (go test -update rewrites it; review the diff):\n%s", path, out)
	}
}
